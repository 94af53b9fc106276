//! How sure the forecast is: 80 % ranges for each client's expected purchases and
//! value, and for the totals, from the uncertainty of the fitted parameters.
//!
//! The curvature of the log-likelihood at the optimum (a numerical Hessian, central
//! differences of the fits' exact gradients, in log-parameters) gives the
//! parameters' covariance, as lifetimes' `summary` and CLVTools compute it; the delta
//! method carries it to every figure: the figure's gradient in the log-parameters
//! (forward differences) against that covariance gives the variance of its
//! logarithm, and the range is the point times exp(±1.2816 σ). Ranges on the log
//! scale stay positive and always hold the point. Deterministic (no draws) and cheap:
//! four shifted forecasts per distinct history (docs/decisions.md).

use super::gamma_gamma;
use super::model::Fitted;
use crate::money::{Money, SCALE};
use serde::Serialize;

/// The share of outcomes a range covers.
pub const LEVEL: f64 = 0.8;
/// The standard normal's 90th percentile: ±Z σ covers the middle 80 %.
pub const Z: f64 = 1.281_551_565_544_600_4;
/// Step of the Hessian's central differences, in log-parameters.
const HESSIAN_STEP: f64 = 1e-4;
/// Step of a figure's forward differences, in log-parameters.
const STEP: f64 = 1e-5;

/// A symmetric `k`×`k` matrix, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Cov {
    pub k: usize,
    pub m: Vec<f64>,
}

impl Cov {
    /// vᵀ M v.
    pub fn quad(&self, v: &[f64]) -> f64 {
        (0..self.k).map(|i| v[i] * (0..self.k).map(|j| self.m[i * self.k + j] * v[j]).sum::<f64>()).sum()
    }

    /// Standard errors of the parameters themselves, `p` = exp(θ): p_i √C_ii.
    pub fn standard_errors(&self, p: &[f64]) -> Vec<f64> {
        (0..self.k).map(|i| p[i] * libm::sqrt(self.m[i * self.k + i].max(0.0))).collect()
    }
}

/// Covariance of the log-parameters at the optimum `theta` of `f` (minus the mean
/// log-likelihood over `n` clients, with its gradient): the inverse of n times its
/// Hessian. Where the fit ran out along a ridge (BG/NBD's a and b both huge when
/// nobody seems to drop out: the likelihood only knows their ratio), the Hessian is
/// singular; the parameters furthest out (beyond e^[`RIDGE`]) are then held at their
/// values, one at a time, until the rest has a positive-definite curvature: along
/// the ridge the forecasts barely move, so the ranges come from the directions the
/// data do pin down. `None` when even that fails.
pub fn log_covariance(f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64, theta: &[f64], n: f64) -> Option<Cov> {
    let k = theta.len();
    let h = hessian(f, theta)?;
    let mut free: Vec<usize> = (0..k).collect();
    loop {
        let m = free.len();
        let sub: Vec<f64> =
            free.iter().flat_map(|&i| free.iter().map(move |&j| (i, j))).map(|(i, j)| h[i * k + j]).collect();
        if let Some(inv) = invert_spd(&sub, m) {
            let mut out = vec![0.0; k * k];
            for (a, &i) in free.iter().enumerate() {
                for (b, &j) in free.iter().enumerate() {
                    out[i * k + j] = inv[a * m + b] / n;
                }
            }
            return Some(Cov { k, m: out });
        }
        let furthest = free
            .iter()
            .copied()
            .filter(|&i| theta[i].abs() > RIDGE)
            .max_by(|&a, &b| theta[a].abs().total_cmp(&theta[b].abs()))?;
        free.retain(|&i| i != furthest);
        if free.is_empty() {
            return None;
        }
    }
}

/// A log-parameter this far out (e^9 ≈ 8 100) is on a ridge, not an estimate,
/// when the curvature is singular.
pub const RIDGE: f64 = 9.0;

/// The Hessian of `f` at `theta` by central differences of its gradient, symmetrised.
fn hessian(f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64, theta: &[f64]) -> Option<Vec<f64>> {
    let k = theta.len();
    let mut h = vec![0.0; k * k];
    let (mut up, mut down) = (vec![0.0; k], vec![0.0; k]);
    for j in 0..k {
        let mut at = theta.to_vec();
        at[j] = theta[j] + HESSIAN_STEP;
        let a = f(&at, &mut up);
        at[j] = theta[j] - HESSIAN_STEP;
        let b = f(&at, &mut down);
        if !a.is_finite() || !b.is_finite() {
            return None;
        }
        for i in 0..k {
            h[i * k + j] = (up[i] - down[i]) / (2.0 * HESSIAN_STEP);
        }
    }
    for i in 0..k {
        for j in 0..i {
            let v = 0.5 * (h[i * k + j] + h[j * k + i]);
            (h[i * k + j], h[j * k + i]) = (v, v);
        }
    }
    Some(h)
}

/// Inverse of a symmetric positive-definite matrix by Cholesky; `None` otherwise.
fn invert_spd(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            let s = a[i * k + j] - (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum::<f64>();
            if i == j {
                if !(s > 0.0 && s.is_finite()) {
                    return None;
                }
                l[i * k + i] = libm::sqrt(s);
            } else {
                l[i * k + j] = s / l[j * k + j];
            }
        }
    }
    // Columns of L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
    let mut li = vec![0.0; k * k];
    for c in 0..k {
        for i in c..k {
            let s = if i == c { 1.0 } else { 0.0 } - (c..i).map(|m| l[i * k + m] * li[m * k + c]).sum::<f64>();
            li[i * k + c] = s / l[i * k + i];
        }
    }
    let mut out = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..k {
            out[i * k + j] = (i.max(j)..k).map(|m| li[m * k + i] * li[m * k + j]).sum();
        }
    }
    out.iter().all(|v| v.is_finite()).then_some(out)
}

/// The buying model with its `i`-th log-parameter moved by `h`.
pub fn shifted(f: &Fitted, i: usize, h: f64) -> Fitted {
    let up = |v: f64, j: usize| if i == j { v * libm::exp(h) } else { v };
    match *f {
        Fitted::Bgnbd(mut g) => {
            let p = &mut g.params;
            (p.r, p.alpha, p.a, p.b) = (up(p.r, 0), up(p.alpha, 1), up(p.a, 2), up(p.b, 3));
            Fitted::Bgnbd(g)
        }
        Fitted::Paretonbd(mut g) => {
            let p = &mut g.params;
            (p.r, p.alpha, p.s, p.beta) = (up(p.r, 0), up(p.alpha, 1), up(p.s, 2), up(p.beta, 3));
            Fitted::Paretonbd(g)
        }
    }
}

fn shifted_spend(p: &gamma_gamma::Params, i: usize, h: f64) -> gamma_gamma::Params {
    let up = |v: f64, j: usize| if i == j { v * libm::exp(h) } else { v };
    gamma_gamma::Params { p: up(p.p, 0), q: up(p.q, 1), gamma: up(p.gamma, 2) }
}

/// What the ranges are made from: the two fits' covariances and their shifted copies.
pub struct Spread {
    pub model: Cov,
    shifted: [Fitted; 4],
    /// Gamma-Gamma's covariance and shifted parameters, where it fitted.
    spend: Option<(Cov, gamma_gamma::Params, [gamma_gamma::Params; 3])>,
}

impl Spread {
    pub fn new(fitted: &Fitted, model: Cov, spend: Option<(Cov, gamma_gamma::Params)>) -> Spread {
        Spread {
            shifted: std::array::from_fn(|i| shifted(fitted, i, STEP)),
            model,
            spend: spend.map(|(c, p)| (c, p, std::array::from_fn(|i| shifted_spend(&p, i, STEP)))),
        }
    }

    pub fn spend_cov(&self) -> Option<&Cov> {
        self.spend.as_ref().map(|s| &s.0)
    }

    /// `value` and its gradient in the buying model's log-parameters, `g(model)` being
    /// the figure for a model.
    pub fn model_gradient(&self, value: f64, g: impl Fn(&Fitted) -> f64) -> [f64; 4] {
        std::array::from_fn(|i| (g(&self.shifted[i]) - value) / STEP)
    }

    /// The same in Gamma-Gamma's log-parameters; zeros without a spend fit.
    pub fn spend_gradient(&self, value: f64, g: impl Fn(&gamma_gamma::Params) -> Option<f64>) -> [f64; 3] {
        match &self.spend {
            Some((_, _, shifted)) => std::array::from_fn(|i| g(&shifted[i]).map_or(0.0, |v| (v - value) / STEP)),
            None => [0.0; 3],
        }
    }
}

/// The 80 % range of a positive figure whose logarithm has variance `log_var`:
/// point × exp(±Z σ); the point itself (no spread) where it is not positive.
pub fn range(point: f64, log_var: f64) -> Option<[f64; 2]> {
    if !point.is_finite() || !log_var.is_finite() || log_var < 0.0 {
        return None;
    }
    if point <= 0.0 {
        return Some([point, point]);
    }
    let w = Z * libm::sqrt(log_var);
    Some([point * libm::exp(-w), point * libm::exp(w)])
}

/// [`range`] of a figure with gradients `gm` (buying model) and `gs` (spend) in the
/// log-parameters: var(ln v) = (∇v / v)ᵀ C (∇v / v) for each fit, the two fits
/// taken as independent (they are fitted on different parts of the data).
pub fn range_of(s: &Spread, point: f64, gm: &[f64; 4], gs: &[f64; 3]) -> Option<[f64; 2]> {
    if point <= 0.0 {
        return range(point, 0.0);
    }
    let rel = |g: &[f64]| g.iter().map(|v| v / point).collect::<Vec<f64>>();
    let spend = s.spend_cov().map_or(0.0, |c| c.quad(&rel(gs)));
    range(point, s.model.quad(&rel(gm)) + spend)
}

pub fn money(v: [f64; 2]) -> [Money; 2] {
    v.map(|x| Money(libm::round(x * SCALE as f64).clamp(-9e17, 9e17) as i64))
}

/// The ranges in the Report: their level and method, the standard errors behind
/// them, and the totals' ranges.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RangesOut {
    /// Share of outcomes each range covers (0.8).
    pub level: f64,
    /// Standard errors of the buying model's parameters (r, alpha, a, b for BG/NBD;
    /// r, alpha, s, beta for Pareto/NBD), from the likelihood's curvature.
    pub model_se: [f64; 4],
    /// Standard errors of Gamma-Gamma's p, q, gamma; `null` without a spend fit.
    pub spend_se: Option<[f64; 3]>,
    /// Range of `btyd.expected_purchases` (all clients, the horizon).
    pub expected_purchases: [f64; 2],
    /// Revenue expected in the horizon (`btyd.horizon_periods`): expected purchases
    /// times each client's expected spend; and its range.
    pub revenue: Option<Money>,
    pub revenue_range: Option<[Money; 2]>,
    /// Range of `btyd.clv` (value over `btyd.clv_months`).
    pub clv: Option<[Money; 2]>,
}

/// Sums over clients of a figure and its gradients (the gradient of a sum is the
/// sum of the gradients, so the total's range accounts for the parameters all
/// clients share).
#[derive(Clone, Copy, Default)]
pub struct Total {
    pub value: f64,
    pub gm: [f64; 4],
    pub gs: [f64; 3],
}

impl Total {
    pub fn add(&mut self, value: f64, gm: &[f64; 4], gs: &[f64; 3]) {
        self.value += value;
        self.gm.iter_mut().zip(gm).for_each(|(a, b)| *a += b);
        self.gs.iter_mut().zip(gs).for_each(|(a, b)| *a += b);
    }

    pub fn range(&self, s: &Spread) -> Option<[f64; 2]> {
        range_of(s, self.value, &self.gm, &self.gs)
    }
}

/// One distinct history's forecast: expected purchases in the horizon and the
/// (discounted) purchases the value counts, with their gradients.
#[derive(Clone, Copy)]
pub struct History {
    pub expected: f64,
    pub clv_purchases: f64,
    pub g_expected: [f64; 4],
    pub g_clv: [f64; 4],
}

/// `both(model)`: the horizon's expected purchases and the purchases the value
/// counts under a model (one curve gives both: `predict::horizon_and_clv`).
pub fn history(s: Option<&Spread>, f: &Fitted, both: &mut dyn FnMut(&Fitted) -> (f64, f64)) -> History {
    let (expected, clv_purchases) = both(f);
    let (g_expected, g_clv) = match s {
        Some(s) => {
            let shifted = s.shifted.each_ref().map(&mut *both);
            (
                std::array::from_fn(|i| (shifted[i].0 - expected) / STEP),
                std::array::from_fn(|i| (shifted[i].1 - clv_purchases) / STEP),
            )
        }
        None => ([0.0; 4], [0.0; 4]),
    };
    History { expected, clv_purchases, g_expected, g_clv }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverts_a_positive_definite_matrix_and_refuses_an_indefinite_one() {
        let a = [4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0];
        let inv = invert_spd(&a, 3).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|m| a[i * 3 + m] * inv[m * 3 + j]).sum();
                assert!((v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12, "{i} {j} {v}");
            }
        }
        assert!(invert_spd(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
    }

    #[test]
    fn the_covariance_of_a_normal_mean_is_sigma_squared_over_n() {
        // Minus the mean log-likelihood of N(μ, 2²) data, as a function of θ = μ:
        // (θ - x̄)² / (2σ²) + const; its curvature 1/σ², so var(θ̂) = σ²/n.
        let (xbar, sigma2, n) = (3.0, 4.0, 50.0);
        let mut f = |t: &[f64], g: &mut [f64]| {
            g[0] = (t[0] - xbar) / sigma2;
            (t[0] - xbar) * (t[0] - xbar) / (2.0 * sigma2)
        };
        let c = log_covariance(&mut f, &[xbar], n).unwrap();
        assert!((c.m[0] - sigma2 / n).abs() < 1e-9, "{:?}", c.m);
    }

    #[test]
    fn a_range_holds_its_point_and_covers_eighty_percent_of_a_lognormal() {
        let [lo, hi] = range(100.0, 0.25).unwrap();
        // ln v ~ N(ln 100, 0.5²): the 10th and 90th percentiles.
        assert!((lo - 100.0 * libm::exp(-0.5 * Z)).abs() < 1e-9 && (hi - 100.0 * libm::exp(0.5 * Z)).abs() < 1e-9);
        assert!(lo < 100.0 && 100.0 < hi);
        assert_eq!(range(0.0, 1.0), Some([0.0, 0.0]));
        assert_eq!(range(f64::NAN, 1.0), None);
    }
}
