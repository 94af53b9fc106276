//! Segmentation: who matters (ABC) and, in later stages, how regularly (XYZ).

pub mod abc;
