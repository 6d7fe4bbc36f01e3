//! mtlint-rules
