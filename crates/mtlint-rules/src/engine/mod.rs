//! The engine: one [`Checker`] per contract and settings, one walk of each body that calls every
//! active rule's hooks, and a [`CaptureSession`] for the rules that read a capture's pages
//! together. It knows rules only through the registry and the traits in [`crate::rule`].

mod check;
mod walk;

pub use check::{CaptureSession, Checker};
#[cfg(test)]
pub(crate) use walk::{walk, ByHook, Facts};
