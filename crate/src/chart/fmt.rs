//! The charts' numbers come from the one formatting module of the core.

pub use crate::format::{compact, date, int, month, num, pct, share};
