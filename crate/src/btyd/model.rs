//! The buying models side by side: which one, its fitted parameters, and the
//! per-client expressions, so the holdout check and the Report treat them alike.

use super::bgnbd::{self, Customer};
use super::paretonbd;
use super::predict::Status;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    Bgnbd,
    Paretonbd,
}

pub const MODELS: [Model; 2] = [Model::Bgnbd, Model::Paretonbd];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fitted {
    Bgnbd(bgnbd::Fit),
    Paretonbd(paretonbd::Fit),
}

impl Fitted {
    pub fn model(&self) -> Model {
        match self {
            Fitted::Bgnbd(_) => Model::Bgnbd,
            Fitted::Paretonbd(_) => Model::Paretonbd,
        }
    }

    pub fn p_alive(&self, c: &Customer) -> f64 {
        match self {
            Fitted::Bgnbd(f) => bgnbd::p_alive(&f.params, c),
            Fitted::Paretonbd(f) => paretonbd::p_alive(&f.params, c),
        }
    }

    /// Expected purchases in the next `t` weeks.
    pub fn expected(&self, c: &Customer, t: f64) -> f64 {
        match self {
            Fitted::Bgnbd(f) => bgnbd::expected_purchases(&f.params, c, t),
            Fitted::Paretonbd(f) => paretonbd::expected_purchases(&f.params, c, t),
        }
    }

    /// Expected purchases in the next `ts[k]` weeks into `out[k]`, each bit for bit
    /// [`Fitted::expected`]'s: BG/NBD sums the curve's series together, Pareto/NBD's
    /// P(alive) (two series) is computed once for the whole curve.
    pub fn expected_curve(&self, c: &Customer, ts: &[f64], out: &mut [f64]) {
        match self {
            Fitted::Bgnbd(f) => bgnbd::expected_curve(&f.params, c, ts, out),
            Fitted::Paretonbd(f) => {
                let alive = paretonbd::p_alive(&f.params, c);
                for (t, o) in ts.iter().zip(out.iter_mut()) {
                    *o = alive * paretonbd::expected_if_alive(&f.params, c, *t);
                }
            }
        }
    }

    /// Probability of at least one purchase in the next `t` weeks.
    pub fn p_buy(&self, c: &Customer, t: f64) -> f64 {
        match self {
            Fitted::Bgnbd(f) => bgnbd::p_purchase_within(&f.params, c, t),
            Fitted::Paretonbd(f) => paretonbd::p_purchase_within(&f.params, c, t),
        }
    }

    pub fn log_likelihood(&self) -> f64 {
        match self {
            Fitted::Bgnbd(f) => f.log_likelihood,
            Fitted::Paretonbd(f) => f.log_likelihood,
        }
    }

    pub fn params(&self) -> [f64; 4] {
        match self {
            Fitted::Bgnbd(f) => [f.params.r, f.params.alpha, f.params.a, f.params.b],
            Fitted::Paretonbd(f) => [f.params.r, f.params.alpha, f.params.s, f.params.beta],
        }
    }
}

/// Fits `model`; a status when there is too little data or the optimum is not a
/// usable one (non-finite or zero parameters).
pub fn fit(model: Model, data: &[Customer]) -> Result<Fitted, Status> {
    fit_from(model, data, None)
}

/// [`fit`], Pareto/NBD's search started from `start`'s parameters where it is a
/// Pareto/NBD fit (BG/NBD from a nearby start needs as many evaluations as from
/// the origin: 125 against 124 for the holdout refit on the 1M-row benchmark).
pub fn fit_from(model: Model, data: &[Customer], start: Option<&Fitted>) -> Result<Fitted, Status> {
    let pareto_start = match start {
        Some(Fitted::Paretonbd(f)) => Some(&f.params),
        _ => None,
    };
    let fitted = match model {
        Model::Bgnbd => bgnbd::fit(data).map(Fitted::Bgnbd),
        Model::Paretonbd => paretonbd::fit_from(data, pareto_start).map(Fitted::Paretonbd),
    }
    .ok_or(Status::TooFewData)?;
    let converged = !matches!(fitted, Fitted::Paretonbd(f) if !f.converged);
    let usable =
        converged && fitted.params().iter().all(|v| v.is_finite() && *v != 0.0) && fitted.log_likelihood().is_finite();
    if usable {
        Ok(fitted)
    } else {
        Err(Status::Failed)
    }
}
