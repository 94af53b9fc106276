//! BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way"):
//! while alive a client buys at a Poisson rate λ ~ Gamma(r, α); after each purchase
//! they drop out with probability p ~ Beta(a, b). A client is summarised by x
//! (repeat purchases), t_x (time of the last one) and T (time since the first),
//! all in the same unit.

use super::optimize::nelder_mead;
use super::special::{hyp2f1, ln_gamma, log_sum_exp};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Customer {
    pub x: f64,
    pub t_x: f64,
    pub t: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Params {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fit {
    #[serde(flatten)]
    pub params: Params,
    pub log_likelihood: f64,
}

/// Clients with the same (x, t_x, T) add the same term: sum each once, weighted.
fn grouped(data: &[Customer]) -> Vec<(Customer, f64)> {
    let mut keyed: Vec<([u64; 3], Customer)> =
        data.iter().map(|c| ([c.x.to_bits(), c.t_x.to_bits(), c.t.to_bits()], *c)).collect();
    keyed.sort_unstable_by_key(|(k, _)| *k);
    let mut out: Vec<(Customer, f64)> = Vec::new();
    let mut last: Option<[u64; 3]> = None;
    for (k, c) in keyed {
        match out.last_mut() {
            Some((_, w)) if last == Some(k) => *w += 1.0,
            _ => out.push((c, 1.0)),
        }
        last = Some(k);
    }
    out
}

/// Distinct (x, t_x, T) histories: the terms the likelihood really sums.
pub fn distinct(data: &[Customer]) -> usize {
    grouped(data).len()
}

fn ll_one(p: &Params, c: &Customer) -> f64 {
    let Params { r, alpha, a, b } = *p;
    let x = c.x;
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * libm::log(alpha);
    let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
    let a3 = -(r + x) * libm::log(alpha + c.t);
    let a4 = if x > 0.0 {
        libm::log(a) - libm::log(b + x - 1.0) - (r + x) * libm::log(alpha + c.t_x)
    } else {
        f64::NEG_INFINITY
    };
    a1 + a2 + log_sum_exp(a3, a4)
}

pub fn log_likelihood(p: &Params, data: &[Customer]) -> f64 {
    data.iter().map(|c| ll_one(p, c)).sum()
}

/// Maximum-likelihood fit; `None` without enough data (no repeat buyer, or fewer
/// than a handful of clients) to tell the parameters apart.
pub fn fit(data: &[Customer]) -> Option<Fit> {
    if data.len() < 10 || !data.iter().any(|c| c.x > 0.0) {
        return None;
    }
    let groups = grouped(data);
    let n: f64 = data.len() as f64;
    let mut objective = |theta: &[f64]| {
        let p = Params {
            r: libm::exp(theta[0]),
            alpha: libm::exp(theta[1]),
            a: libm::exp(theta[2]),
            b: libm::exp(theta[3]),
        };
        -groups.iter().map(|(c, w)| w * ll_one(&p, c)).sum::<f64>() / n
    };
    // Two rounds: a restart from the first optimum guards against a stalled simplex.
    let evals = super::optimize::budget(groups.len());
    let (theta, _) = nelder_mead(&mut objective, &[0.0, 0.0, 0.0, 0.0], evals, 1e-13);
    let (theta, value) = nelder_mead(&mut objective, &theta, evals, 1e-15);
    let params =
        Params { r: libm::exp(theta[0]), alpha: libm::exp(theta[1]), a: libm::exp(theta[2]), b: libm::exp(theta[3]) };
    value.is_finite().then_some(Fit { params, log_likelihood: -value * n })
}

/// Probability the client is still active, given their history.
pub fn p_alive(p: &Params, c: &Customer) -> f64 {
    if c.x <= 0.0 {
        return 1.0;
    }
    let ln_term = libm::log(p.a) - libm::log(p.b + c.x - 1.0)
        + (p.r + c.x) * (libm::log(p.alpha + c.t) - libm::log(p.alpha + c.t_x));
    1.0 / (1.0 + libm::exp(ln_term))
}

/// Expected purchases in the next `t` time units, given the history.
pub fn expected_purchases(p: &Params, c: &Customer, t: f64) -> f64 {
    let Params { r, alpha, a, b } = *p;
    let x = c.x;
    let first = (a + b + x - 1.0) / (a - 1.0);
    let hyp = hyp2f1(r + x, b + x, a + b + x - 1.0, t / (alpha + c.t + t));
    let second = 1.0 - hyp * libm::pow((alpha + c.t) / (alpha + c.t + t), r + x);
    let denominator =
        if x > 0.0 { 1.0 + a / (b + x - 1.0) * libm::pow((alpha + c.t) / (alpha + c.t_x), r + x) } else { 1.0 };
    first * second / denominator
}
