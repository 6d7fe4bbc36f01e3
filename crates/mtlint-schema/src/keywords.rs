//! The custom keywords the converter emits (see [`crate::convert`]).

use jsonschema::json::{Json, JsonNumber, Node};
use jsonschema::paths::Location;
use jsonschema::{Keyword, Retrieve, ValidationError, ValidationOptions};
use serde_json::{Map, Value};

use crate::convert::{
    DISCRIMINATOR_KEYWORD, EXTENSIBLE_ENUM_KEYWORD, INT32_KEYWORD, INT64_KEYWORD,
};

/// Registers the converter's keywords on a set of validation options.
pub(crate) fn register<F: Json>(
    options: ValidationOptions<'_, std::sync::Arc<dyn Retrieve>, F>,
) -> ValidationOptions<'_, std::sync::Arc<dyn Retrieve>, F> {
    options
        .with_keyword(
            INT32_KEYWORD,
            |_: &Map<String, Value>, _: &Value, _: Location| {
                Ok(Box::new(IntRange::int32()) as Box<dyn for<'i> Keyword<'i, F>>)
            },
        )
        .with_keyword(
            INT64_KEYWORD,
            |_: &Map<String, Value>, _: &Value, _: Location| {
                Ok(Box::new(IntRange::int64()) as Box<dyn for<'i> Keyword<'i, F>>)
            },
        )
        .with_keyword(
            DISCRIMINATOR_KEYWORD,
            |_: &Map<String, Value>, value: &Value, _: Location| {
                Ok(Box::new(OneOfStrings::new(value)) as Box<dyn for<'i> Keyword<'i, F>>)
            },
        )
        .with_keyword(
            EXTENSIBLE_ENUM_KEYWORD,
            |_: &Map<String, Value>, value: &Value, _: Location| {
                Ok(Box::new(OneOfStrings::new(value)) as Box<dyn for<'i> Keyword<'i, F>>)
            },
        )
}

/// An integer range; numbers outside it, or with a fraction, fail. Non-numbers pass (`type`
/// reports those).
struct IntRange {
    name: &'static str,
    min: i64,
    max: i64,
}

impl IntRange {
    fn int32() -> Self {
        Self {
            name: "int32",
            min: i64::from(i32::MIN),
            max: i64::from(i32::MAX),
        }
    }
    fn int64() -> Self {
        Self {
            name: "int64",
            min: i64::MIN,
            max: i64::MAX,
        }
    }
    fn admits<N: JsonNumber>(&self, number: &N) -> bool {
        if let Some(i) = number.as_i64() {
            return (self.min..=self.max).contains(&i);
        }
        if number.as_u64().is_some() {
            // Above i64::MAX.
            return false;
        }
        match number.as_f64() {
            // A float with a fraction is not an integer; `type: integer` says so, not us.
            Some(f) if f.fract() != 0.0 => true,
            // Integral floats (1e3): the range applies. i64 bounds are exact powers of two.
            Some(f) => f >= self.min as f64 && f <= self.max as f64 && f < 9.223_372_036_854_776e18,
            None => true,
        }
    }
}

impl<'i, F: Json> Keyword<'i, F> for IntRange {
    fn validate(&self, instance: F::Node<'i>) -> Result<(), ValidationError<'i>> {
        if Keyword::<F>::is_valid(self, instance.clone()) {
            return Ok(());
        }
        let shown = instance
            .as_number()
            .map(|n| n.as_str().into_owned())
            .unwrap_or_default();
        Err(ValidationError::custom(format!(
            "{shown} is outside the {} range {}..={}",
            self.name, self.min, self.max
        )))
    }

    fn is_valid(&self, instance: F::Node<'i>) -> bool {
        instance.as_number().is_none_or(|n| self.admits(&n))
    }
}

/// The instance must be one of a list of strings.
struct OneOfStrings {
    allowed: Vec<String>,
}

impl OneOfStrings {
    fn new(value: &Value) -> Self {
        Self {
            allowed: value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        }
    }
}

impl<'i, F: Json> Keyword<'i, F> for OneOfStrings {
    fn validate(&self, instance: F::Node<'i>) -> Result<(), ValidationError<'i>> {
        if Keyword::<F>::is_valid(self, instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "expected one of {}",
                self.allowed.join(", ")
            )))
        }
    }

    fn is_valid(&self, instance: F::Node<'i>) -> bool {
        instance
            .as_string()
            .is_some_and(|s| self.allowed.iter().any(|a| *a == *s))
    }
}
