//! Gamma-Gamma spend model (Fader, Hardie and Lee 2005b; Fader and Hardie's note
//! "The Gamma-Gamma Model of Monetary Value"): a client's purchase amounts are
//! Gamma(p, ν) with ν ~ Gamma(q, γ) across clients. Fitted on repeat buyers from
//! x (repeat purchases) and m (their average amount).

use super::optimize::nelder_mead;
use super::special::ln_gamma;
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
}

fn ll_one(p: &Params, x: f64, m: f64) -> f64 {
    let Params { p, q, gamma } = *p;
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * libm::log(gamma)
        + (p * x - 1.0) * libm::log(m)
        + p * x * libm::log(x)
        - (p * x + q) * libm::log(gamma + m * x)
}

/// `spend`: (x, m) of each repeat buyer (x > 0, m > 0).
pub fn fit(spend: &[(f64, f64)]) -> Option<Fit> {
    let data: Vec<(f64, f64)> = spend.iter().copied().filter(|&(x, m)| x > 0.0 && m > 0.0).collect();
    if data.len() < 10 {
        return None;
    }
    let n = data.len() as f64;
    let mut objective = |theta: &[f64]| {
        let p = Params { p: libm::exp(theta[0]), q: libm::exp(theta[1]), gamma: libm::exp(theta[2]) };
        -data.iter().map(|&(x, m)| ll_one(&p, x, m)).sum::<f64>() / n
    };
    let (theta, _) = nelder_mead(&mut objective, &[0.0, 0.0, 0.0], 20_000, 1e-13);
    let (theta, value) = nelder_mead(&mut objective, &theta, 20_000, 1e-15);
    let params = Params { p: libm::exp(theta[0]), q: libm::exp(theta[1]), gamma: libm::exp(theta[2]) };
    value.is_finite().then_some(Fit { params, log_likelihood: -value * n })
}

/// Expected average amount of a client's future purchases.
pub fn expected_spend(p: &Params, x: f64, m: f64) -> f64 {
    p.p * (p.gamma + m * x) / (p.p * x + p.q - 1.0)
}
