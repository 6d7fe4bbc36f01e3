//! mtlint-capture
