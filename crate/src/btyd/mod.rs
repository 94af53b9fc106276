//! "Buy till you die" models: BG/NBD (Fader, Hardie and Lee 2005) and Pareto/NBD
//! (Schmittlein, Morrison and Colombo 1987) for whether a client is still alive and
//! how often they will buy, Gamma-Gamma for how much they
//! spend. Fitted by maximum likelihood with a Nelder-Mead search in log-parameters;
//! all maths through `libm`, so the page and the CLI get the same digits.

pub mod bgnbd;
mod dual;
pub mod gamma_gamma;
pub mod holdout;
pub mod model;
mod optimize;
pub mod paretonbd;
pub mod predict;
pub mod ranges;
pub mod simulate;
mod special;
