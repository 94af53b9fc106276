//! Segmentation: who matters (ABC), how regularly (XYZ), both at once (matrix),
//! who stopped or costs too much (ABCDX), how concentrated the base is, loyalty x
//! profitability, NPS and RFM. Each analysis reads ledger histories through a
//! [`Frame`] (the window and its periods) and returns plain serializable data.

pub mod abc;
pub mod abcdx;
pub mod concentration;
pub mod matrix;
pub mod nps;
pub mod options;
pub mod playbook;
pub mod quadrants;
pub mod rfm;
pub mod run;
pub mod xyz;

// The window, the measures and the money helpers live below the analyses
// (crate::frame); re-exported here, where the analyses have always found them.
pub use crate::frame::{ratio, share, total, Dimension, Frame, Measure};
