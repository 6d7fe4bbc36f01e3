//! mtlint-gen
