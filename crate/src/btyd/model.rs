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

/// Forecast curves for clients taken in (x, T) order. BG/NBD's curve is a factor of
/// x and T alone (its hypergeometric series, most of the work) times one that t_x
/// changes ([`bgnbd::curve_tail`]), so clients with the same x and T share the
/// first, under the fitted parameters and under each shifted set the ranges use.
/// Every figure stays bit for bit `Fitted::expected_curve`'s.
pub struct Curves {
    ts: Vec<f64>,
    /// The (x, T) the tails below are for.
    at: Option<[u64; 2]>,
    /// Each parameter set's tail (its parameters' bits), in the order first asked.
    tails: Vec<([u64; 4], Vec<f64>)>,
    pub(crate) used: usize,
    curve: Vec<f64>,
}

impl Curves {
    pub fn new(ts: Vec<f64>) -> Curves {
        let curve = vec![0.0; ts.len()];
        Curves { ts, at: None, tails: Vec::new(), used: 0, curve }
    }

    /// `f`'s curve for `c` at the times given to [`Curves::new`].
    pub fn curve(&mut self, f: &Fitted, c: &Customer) -> &[f64] {
        let Fitted::Bgnbd(b) = f else {
            f.expected_curve(c, &self.ts, &mut self.curve);
            return &self.curve;
        };
        let at = [c.x.to_bits(), c.t.to_bits()];
        if self.at != Some(at) {
            (self.at, self.used) = (Some(at), 0);
        }
        let key = f.params().map(f64::to_bits);
        let k = match self.tails[..self.used].iter().position(|(k, _)| *k == key) {
            Some(k) => k,
            None => {
                if self.used == self.tails.len() {
                    self.tails.push(([0; 4], vec![0.0; self.ts.len()]));
                }
                let (k, tail) = &mut self.tails[self.used];
                *k = key;
                bgnbd::curve_tail(&b.params, c.x, c.t, &self.ts, tail);
                self.used += 1;
                self.used - 1
            }
        };
        self.curve.copy_from_slice(&self.tails[k].1);
        bgnbd::curve_from_tail(&b.params, c, &mut self.curve);
        &self.curve
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
