//! How big generated responses may get.

/// Size knobs of the generators. Strategies shrink toward the lower bounds: fewer items, fewer
/// columns, shallower types, no optional members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenConfig {
    /// Fewest items in a list body.
    pub min_items: usize,
    /// Most items in a list body: 1 to 100, the operation's `page_size` maximum
    /// ([`crate::corpus::generate`] refuses more; the strategies themselves use at most 100).
    pub max_items: usize,
    /// Most columns in a table's `spec.columns`.
    pub max_columns: usize,
    /// Deepest nesting of composite DataTypes (ARRAY, MAP, MULTISET, ROW); 0 gives scalars only.
    pub max_type_depth: u32,
    /// Most fields in a ROW type.
    pub max_row_fields: usize,
    /// Most entries in `table_options`, `session_options` and `labels`.
    pub max_options: usize,
    /// Most warnings in a table's status.
    pub max_warnings: usize,
    /// Most items in an error body's `errors` (at least one is always generated).
    pub max_errors: usize,
    /// Most pages of a multi-page listing (at least two).
    pub max_pages: usize,
}

impl Default for GenConfig {
    /// Full-size responses: up to 100 items (the spec's page maximum), 12 columns, types four
    /// levels deep.
    fn default() -> Self {
        Self {
            min_items: 0,
            max_items: 100,
            max_columns: 12,
            max_type_depth: 4,
            max_row_fields: 4,
            max_options: 6,
            max_warnings: 3,
            max_errors: 3,
            max_pages: 4,
        }
    }
}

impl GenConfig {
    /// Small responses for fast property tests: up to 6 items, 6 columns, types three deep.
    #[must_use]
    pub fn small() -> Self {
        Self {
            min_items: 0,
            max_items: 6,
            max_columns: 6,
            max_type_depth: 3,
            max_row_fields: 3,
            max_options: 3,
            max_warnings: 2,
            max_errors: 3,
            max_pages: 3,
        }
    }

    /// This configuration with at least `n` items per list.
    #[must_use]
    pub fn with_min_items(mut self, n: usize) -> Self {
        self.min_items = n;
        self.max_items = self.max_items.max(n);
        self
    }

    /// The item bounds actually used: at most 100 (the spec's `page_size` maximum).
    #[must_use]
    pub fn item_bounds(&self) -> (usize, usize) {
        let max = self.max_items.min(100);
        (self.min_items.min(max), max)
    }
}
