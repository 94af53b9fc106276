//! Gamma-Gamma spend model (Fader, Hardie and Lee 2005b; Fader and Hardie's note
//! "The Gamma-Gamma Model of Monetary Value"): a client's purchase amounts are
//! Gamma(p, ν) with ν ~ Gamma(q, γ) across clients. Fitted on repeat buyers from
//! x (repeat purchases) and m (their average amount).

use super::optimize::{budget, minimise};
use super::special::{digamma, ln_gamma};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Params {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fit {
    #[serde(flatten)]
    pub params: Params,
    pub log_likelihood: f64,
    /// Likelihood evaluations the optimizer spent (benchmarks).
    #[serde(skip)]
    pub evaluations: usize,
}

#[cfg(test)]
fn ll_one(p: &Params, x: f64, m: f64) -> f64 {
    let Params { p, q, gamma } = *p;
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * libm::log(gamma)
        + (p * x - 1.0) * libm::log(m)
        + p * x * libm::log(x)
        - (p * x + q) * libm::log(gamma + m * x)
}

/// The data reduced to what the likelihood needs: distinct x with their counts
/// (the log-gamma terms depend on x only), the sums that are linear in p, and
/// (x, m x) per client for the one term that is not.
struct Prepared {
    by_x: Vec<(f64, f64)>,
    sum_ln_m: f64,
    sum_x_ln_m: f64,
    sum_x_ln_x: f64,
    terms: Vec<(f64, f64)>,
}

fn prepare(data: &[(f64, f64)]) -> Prepared {
    let mut xs: Vec<f64> = data.iter().map(|d| d.0).collect();
    xs.sort_by(f64::total_cmp);
    let mut by_x: Vec<(f64, f64)> = Vec::new();
    for x in xs {
        match by_x.last_mut() {
            Some((v, n)) if *v == x => *n += 1.0,
            _ => by_x.push((x, 1.0)),
        }
    }
    Prepared {
        by_x,
        sum_ln_m: data.iter().map(|&(_, m)| libm::log(m)).sum(),
        sum_x_ln_m: data.iter().map(|&(x, m)| x * libm::log(m)).sum(),
        sum_x_ln_x: data.iter().map(|&(x, _)| x * libm::log(x)).sum(),
        terms: data.iter().map(|&(x, m)| (x, m * x)).collect(),
    }
}

/// Minus the mean log-likelihood at θ = ln(p, q, γ), and its gradient in θ.
fn objective(theta: &[f64], grad: &mut [f64], d: &Prepared) -> f64 {
    let [p, q, gamma] = [0, 1, 2].map(|i| libm::exp(theta[i]));
    let n = d.terms.len() as f64;
    let ln_gamma_ = libm::log(gamma);
    // The value as in `ll_all`, sharing each client's one logarithm with the gradient.
    let mut ll = -n * ln_gamma(q) + n * q * ln_gamma_ + p * d.sum_x_ln_m - d.sum_ln_m + p * d.sum_x_ln_x;
    let (mut dp, mut dq) = (d.sum_x_ln_m + d.sum_x_ln_x, -n * digamma(q) + n * ln_gamma_);
    let mut dg = n * q / gamma;
    for &(x, k) in &d.by_x {
        let psi = digamma(p * x + q);
        ll += k * (ln_gamma(p * x + q) - ln_gamma(p * x));
        dp += k * x * (psi - digamma(p * x));
        dq += k * psi;
    }
    for &(x, mx) in &d.terms {
        let ln = libm::log(gamma + mx);
        ll -= (p * x + q) * ln;
        dp -= x * ln;
        dq -= ln;
        dg -= (p * x + q) / (gamma + mx);
    }
    for (i, (v, d)) in [p, q, gamma].into_iter().zip([dp, dq, dg]).enumerate() {
        grad[i] = -d * v / n;
    }
    -ll / n
}

#[cfg(test)]
fn ll_all(p: &Params, d: &Prepared) -> f64 {
    let Params { p, q, gamma } = *p;
    let n = d.terms.len() as f64;
    let by_x: f64 = d.by_x.iter().map(|&(x, k)| k * (ln_gamma(p * x + q) - ln_gamma(p * x))).sum();
    let rest: f64 = d.terms.iter().map(|&(x, mx)| (p * x + q) * libm::log(gamma + mx)).sum();
    by_x - n * ln_gamma(q) + n * q * libm::log(gamma) + p * d.sum_x_ln_m - d.sum_ln_m + p * d.sum_x_ln_x - rest
}

/// `spend`: (x, m) of each repeat buyer (x > 0, m > 0).
pub fn fit(spend: &[(f64, f64)]) -> Option<Fit> {
    fit_from(spend, None)
}

/// [`fit`] with the search started at `start` (the holdout refit starts from the
/// fit on all the data).
pub fn fit_from(spend: &[(f64, f64)], start: Option<&Params>) -> Option<Fit> {
    let data: Vec<(f64, f64)> = spend.iter().copied().filter(|&(x, m)| x > 0.0 && m > 0.0).collect();
    if data.len() < 10 {
        return None;
    }
    let n = data.len() as f64;
    let prepared = prepare(&data);
    let mut f = |theta: &[f64], grad: &mut [f64]| objective(theta, grad, &prepared);
    let evals = budget(prepared.terms.len());
    let from = start.map_or([0.0; 3], |p| [p.p, p.q, p.gamma].map(libm::log));
    let (theta, value, evaluations) = minimise(&mut f, &from, 1e-10, evals);
    let params = Params { p: libm::exp(theta[0]), q: libm::exp(theta[1]), gamma: libm::exp(theta[2]) };
    value.is_finite().then_some(Fit { params, log_likelihood: -value * n, evaluations })
}

/// Covariance of ln(p, q, γ) at the fit, from the likelihood's curvature (see
/// [`super::ranges`]); `spend` as [`fit`] had it.
pub fn log_covariance(fit: &Fit, spend: &[(f64, f64)]) -> Option<super::ranges::Cov> {
    let data: Vec<(f64, f64)> = spend.iter().copied().filter(|&(x, m)| x > 0.0 && m > 0.0).collect();
    let prepared = prepare(&data);
    let p = fit.params;
    let theta = [p.p, p.q, p.gamma].map(libm::log);
    super::ranges::log_covariance(&mut |t, g| objective(t, g, &prepared), &theta, data.len() as f64)
}

/// Expected average amount of a client's future purchases.
pub fn expected_spend(p: &Params, x: f64, m: f64) -> f64 {
    p.p * (p.gamma + m * x) / (p.p * x + p.q - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reduced_likelihood_is_the_sum_of_the_terms() {
        let data = [(1.0, 20.0), (3.0, 35.5), (1.0, 12.0), (7.0, 60.0)];
        let p = Params { p: 6.25, q: 3.74, gamma: 15.44 };
        let direct: f64 = data.iter().map(|&(x, m)| ll_one(&p, x, m)).sum();
        assert!((ll_all(&p, &prepare(&data)) - direct).abs() < 1e-9);
    }

    #[test]
    fn the_gradient_matches_central_differences() {
        let check = prepare(&[(1.0, 20.0), (3.0, 35.5)]);
        let mut g = [0.0; 3];
        let at = [libm::log(6.25), libm::log(3.74), libm::log(15.44)];
        let p = Params { p: 6.25, q: 3.74, gamma: 15.44 };
        assert!((objective(&at, &mut g, &check) + ll_all(&p, &check) / 2.0).abs() < 1e-12);
        let data = [(1.0, 20.0), (3.0, 35.5), (1.0, 12.0), (7.0, 60.0), (2.0, 5.25)];
        let d = prepare(&data);
        let theta = [libm::log(6.0), libm::log(3.5), libm::log(15.0)];
        let mut grad = [0.0; 3];
        objective(&theta, &mut grad, &d);
        for i in 0..3 {
            let (mut up, mut down, mut g) = (theta, theta, [0.0; 3]);
            up[i] += 1e-6;
            down[i] -= 1e-6;
            let numeric = (objective(&up, &mut g, &d) - objective(&down, &mut g, &d)) / 2e-6;
            assert!((grad[i] - numeric).abs() < 1e-7, "θ{i}: {} vs {numeric}", grad[i]);
        }
    }
}
