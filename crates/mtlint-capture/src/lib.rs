//! Reading recorded responses and pointing into the files they came from.
//!
//! - [`position`]: RFC 6901 pointer to byte span in one pass, byte offset to line:column.
//!
//! ```
//! use mtlint_capture::position::{locate_or_parent, LineIndex};
//!
//! let text = b"{\n  \"data\": [\n    {\"name\": \"orders\"}\n  ]\n}";
//! let span = locate_or_parent(text, "/data/0/name").unwrap();
//! let at = LineIndex::new(text).line_column(text, span.start);
//! assert_eq!((at.line, at.column), (3, 14));
//! ```

pub mod position;
