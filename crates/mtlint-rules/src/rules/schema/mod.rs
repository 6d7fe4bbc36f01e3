//! The `schema/<keyword>` rules: raised by the JSON Schema validator, documented and configured
//! like every other rule. They have no hooks: their findings come from the validator.

mod additional_properties;
mod r#enum;
mod extensible_enum;
mod format;
mod max_length;
mod max_properties;
mod maximum;
mod min_length;
mod minimum;
mod one_of;
mod pattern;
mod required;
mod r#type;
mod unique_items;

pub use additional_properties::SchemaAdditionalProperties;
pub use extensible_enum::SchemaExtensibleEnum;
pub use format::SchemaFormat;
pub use max_length::SchemaMaxLength;
pub use max_properties::SchemaMaxProperties;
pub use maximum::SchemaMaximum;
pub use min_length::SchemaMinLength;
pub use minimum::SchemaMinimum;
pub use one_of::SchemaOneOf;
pub use pattern::SchemaPattern;
pub use r#enum::SchemaEnum;
pub use r#type::SchemaType;
pub use required::SchemaRequired;
pub use unique_items::SchemaUniqueItems;

/// Every schema rule.
pub(crate) static RULES: &[&crate::RuleMeta] = &[
    &SchemaRequired::META,
    &SchemaType::META,
    &SchemaEnum::META,
    &SchemaExtensibleEnum::META,
    &SchemaPattern::META,
    &SchemaMaxLength::META,
    &SchemaMinLength::META,
    &SchemaMinimum::META,
    &SchemaMaximum::META,
    &SchemaMaxProperties::META,
    &SchemaUniqueItems::META,
    &SchemaFormat::META,
    &SchemaAdditionalProperties::META,
    &SchemaOneOf::META,
];
