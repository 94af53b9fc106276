//! BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way"):
//! while alive a client buys at a Poisson rate λ ~ Gamma(r, α); after each purchase
//! they drop out with probability p ~ Beta(a, b). A client is summarised by x
//! (repeat purchases), t_x (time of the last one) and T (time since the first),
//! all in the same unit.

use super::special::{digamma, hyp2f1, hyp2f1_each, ln_gamma, log_sum_exp, EACH};
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
    /// Likelihood evaluations the optimizer spent (benchmarks).
    #[serde(skip)]
    pub evaluations: usize,
}

/// Clients with the same (x, t_x, T) add the same term: sum each once, weighted.
pub(crate) fn grouped(data: &[Customer]) -> Vec<(Customer, f64)> {
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

/// The likelihood's data: the distinct x values (every term that depends on x
/// alone is computed once per value and evaluation) and each distinct history
/// as (index of its x, t_x, T, how many clients have it).
struct Prepared {
    xs: Vec<f64>,
    /// Distinct T and t_x: a file's dates make few of them (at most one per day), so
    /// their logarithms are taken once per evaluation, not once per client.
    ts: Vec<f64>,
    txs: Vec<f64>,
    /// (index into xs, into txs, into ts, weight).
    rows: Vec<(usize, usize, usize, f64)>,
    n: f64,
}

fn distinct_sorted(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

fn prepare(data: &[Customer]) -> Prepared {
    let xs = distinct_sorted(data.iter().map(|c| c.x));
    let ts = distinct_sorted(data.iter().map(|c| c.t));
    let txs = distinct_sorted(data.iter().map(|c| c.t_x));
    let at = |v: &[f64], x: f64| v.partition_point(|&u| u < x);
    let rows = grouped(data).into_iter().map(|(c, w)| (at(&xs, c.x), at(&txs, c.t_x), at(&ts, c.t), w)).collect();
    Prepared { xs, ts, txs, rows, n: data.len() as f64 }
}

struct ByX {
    ln_r: f64,
    ln_beta: f64,
    ln_a4: f64,
    d_r: f64,
    d_a: f64,
    d_b: f64,
    inv_b: f64,
}

/// Minus the mean log-likelihood at θ = ln(r, α, a, b), and its gradient in θ.
fn objective(theta: &[f64], grad: &mut [f64], d: &Prepared) -> f64 {
    let [r, alpha, a, b] = [0, 1, 2, 3].map(|i| libm::exp(theta[i]));
    let ln_alpha = libm::log(alpha);
    let (dg_r, dg_b, dg_ab) = (digamma(r), digamma(b), digamma(a + b));
    let (lg_r, lg_b, lg_ab) = (ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
    let ln_a = libm::log(a);
    let by_x: Vec<ByX> =
        d.xs.iter()
            .map(|&x| {
                let (dg_bx, dg_abx) = (digamma(b + x), digamma(a + b + x));
                ByX {
                    ln_r: ln_gamma(r + x) - lg_r,
                    ln_beta: lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x),
                    ln_a4: if x > 0.0 { ln_a - libm::log(b + x - 1.0) } else { 0.0 },
                    d_r: digamma(r + x) - dg_r,
                    d_a: dg_ab - dg_abx,
                    d_b: dg_ab + dg_bx - dg_b - dg_abx,
                    inv_b: if x > 0.0 { 1.0 / (b + x - 1.0) } else { 0.0 },
                }
            })
            .collect();
    let ln_ts: Vec<f64> = d.ts.iter().map(|&t| libm::log(alpha + t)).collect();
    let ln_txs: Vec<f64> = d.txs.iter().map(|&t_x| libm::log(alpha + t_x)).collect();
    let (mut ll, mut g) = (0.0, [0.0f64; 4]);
    for &(xi, txi, ti, w) in &d.rows {
        let (x, e) = (d.xs[xi], &by_x[xi]);
        let (t_x, t) = (d.txs[txi], d.ts[ti]);
        let ln_t = ln_ts[ti];
        let a3 = -(r + x) * ln_t;
        // ln(e^A3 + e^A4) and the weight of the A4 term, e^A4 over the sum.
        let (lse, w4, ln_tx) = if x > 0.0 {
            let ln_tx = ln_txs[txi];
            let a4 = e.ln_a4 - (r + x) * ln_tx;
            let diff = a4 - a3;
            let z = libm::exp(-diff.abs());
            let lse = a3.max(a4) + libm::log1p(z);
            let w4 = if diff > 0.0 { 1.0 / (1.0 + z) } else { z / (1.0 + z) };
            (lse, w4, ln_tx)
        } else {
            (a3, 0.0, 0.0)
        };
        let w3 = 1.0 - w4;
        ll += w * (e.ln_r + r * ln_alpha + e.ln_beta + lse);
        g[0] += w * (e.d_r + ln_alpha - w3 * ln_t - w4 * ln_tx);
        g[1] += w * (r / alpha - (r + x) * (w3 / (alpha + t) + if x > 0.0 { w4 / (alpha + t_x) } else { 0.0 }));
        g[2] += w * (e.d_a + w4 / a);
        g[3] += w * (e.d_b - w4 * e.inv_b);
    }
    // d/dθ = p d/dp; minus, and per client, like the value.
    for (i, p) in [r, alpha, a, b].into_iter().enumerate() {
        grad[i] = -g[i] * p / d.n;
    }
    -ll / d.n
}

/// Maximum-likelihood fit; `None` without enough data (no repeat buyer, or fewer
/// than a handful of clients) to tell the parameters apart.
pub fn fit(data: &[Customer]) -> Option<Fit> {
    if data.len() < 10 || !data.iter().any(|c| c.x > 0.0) {
        return None;
    }
    let prepared = prepare(data);
    let mut f = |theta: &[f64], grad: &mut [f64]| objective(theta, grad, &prepared);
    let evals = super::optimize::budget(prepared.rows.len());
    let (theta, value, evaluations) = super::optimize::minimise(&mut f, &[0.0; 4], 1e-10, evals);
    let params =
        Params { r: libm::exp(theta[0]), alpha: libm::exp(theta[1]), a: libm::exp(theta[2]), b: libm::exp(theta[3]) };
    value.is_finite().then_some(Fit { params, log_likelihood: -value * prepared.n, evaluations })
}

/// Covariance of ln(r, α, a, b) at the fit, from the likelihood's curvature
/// (see [`super::ranges`]); `data` as the fit had it.
pub fn log_covariance(fit: &Fit, data: &[Customer]) -> Option<super::ranges::Cov> {
    let prepared = prepare(data);
    let p = fit.params;
    let theta = [p.r, p.alpha, p.a, p.b].map(libm::log);
    super::ranges::log_covariance(&mut |t, g| objective(t, g, &prepared), &theta, prepared.n)
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

/// [`expected_purchases`] at each of `ts` into `out`, bit for bit: the parts that do
/// not depend on t are computed once, and the hypergeometric series of up to
/// [`EACH`] horizons are summed together ([`hyp2f1_each`]).
pub fn expected_curve(p: &Params, c: &Customer, ts: &[f64], out: &mut [f64]) {
    curve_tail(p, c.x, c.t, ts, out);
    curve_from_tail(p, c, out);
}

/// The factor of [`expected_curve`] that depends on x and T alone (not on t_x), at
/// each of `ts`: its hypergeometric series, the costly part. Clients with the same
/// x and T share it ([`curve_from_tail`] finishes each one's curve).
pub fn curve_tail(p: &Params, x: f64, t: f64, ts: &[f64], out: &mut [f64]) {
    let Params { r, alpha, a, b } = *p;
    let (mut zs, mut hyps) = ([0.0; EACH], [0.0; EACH]);
    for (ts, out) in ts.chunks(EACH).zip(out.chunks_mut(EACH)) {
        for (z, &u) in zs.iter_mut().zip(ts) {
            *z = u / (alpha + t + u);
        }
        hyp2f1_each(r + x, b + x, a + b + x - 1.0, &zs[..ts.len()], &mut hyps);
        for ((o, &u), hyp) in out.iter_mut().zip(ts).zip(hyps) {
            *o = 1.0 - hyp * libm::pow((alpha + t) / (alpha + t + u), r + x);
        }
    }
}

/// [`expected_curve`] from its [`curve_tail`] for the client's x and T, in place.
pub fn curve_from_tail(p: &Params, c: &Customer, curve: &mut [f64]) {
    let Params { r, alpha, a, b } = *p;
    let x = c.x;
    let first = (a + b + x - 1.0) / (a - 1.0);
    let denominator =
        if x > 0.0 { 1.0 + a / (b + x - 1.0) * libm::pow((alpha + c.t) / (alpha + c.t_x), r + x) } else { 1.0 };
    for o in curve.iter_mut() {
        *o = first * *o / denominator;
    }
}

/// Probability of at least one purchase in the next `t` time units. Death only
/// follows a purchase, so a client alive at T buys within t unless the Poisson
/// clock stays silent; given alive, λ ~ Gamma(r + x, α + T), whose Laplace
/// transform gives P(no purchase) = ((α + T) / (α + T + t))^(r + x).
pub fn p_purchase_within(p: &Params, c: &Customer, t: f64) -> f64 {
    let silent = libm::pow((p.alpha + c.t) / (p.alpha + c.t + t), p.r + c.x);
    p_alive(p, c) * (1.0 - silent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<Customer> {
        [(0.0, 0.0, 30.0), (2.0, 10.5, 38.0), (2.0, 10.5, 38.0), (5.0, 36.1, 39.0), (1.0, 2.0, 20.0), (0.0, 0.0, 5.0)]
            .map(|(x, t_x, t)| Customer { x, t_x, t })
            .to_vec()
    }

    #[test]
    fn the_prepared_likelihood_and_its_gradient_match_the_direct_sum() {
        let d = data();
        let prepared = prepare(&d);
        let theta = [libm::log(0.3), libm::log(4.0), libm::log(0.8), libm::log(2.5)];
        let mut grad = [0.0; 4];
        let value = objective(&theta, &mut grad, &prepared);
        let p =
            |t: &[f64]| Params { r: libm::exp(t[0]), alpha: libm::exp(t[1]), a: libm::exp(t[2]), b: libm::exp(t[3]) };
        let direct = -log_likelihood(&p(&theta), &d) / d.len() as f64;
        assert!((value - direct).abs() < 1e-12, "{value} vs {direct}");
        for i in 0..4 {
            let h = 1e-6;
            let (mut up, mut down) = (theta, theta);
            up[i] += h;
            down[i] -= h;
            let numeric = (log_likelihood(&p(&down), &d) - log_likelihood(&p(&up), &d)) / d.len() as f64 / (2.0 * h);
            assert!((grad[i] - numeric).abs() < 1e-7, "θ{i}: {} vs {numeric}", grad[i]);
        }
    }

    #[test]
    fn a_forecast_curve_is_each_forecast_alone_to_the_bit() {
        let ts: Vec<f64> = (1..=40).map(|k| f64::from(k) * 1.3).collect();
        for p in [Params { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, Params { r: 3.1, alpha: 2.5, a: 1e-7, b: 3e4 }]
        {
            for c in data() {
                let mut out = vec![0.0; ts.len()];
                expected_curve(&p, &c, &ts, &mut out);
                for (t, v) in ts.iter().zip(out) {
                    assert_eq!(v.to_bits(), expected_purchases(&p, &c, *t).to_bits(), "{p:?} {c:?} {t}");
                }
            }
        }
    }

    #[test]
    fn purchase_chance_agrees_with_a_posterior_simulation() {
        // Draw (λ, p) from the prior, weight each by the client's likelihood given
        // them, average P(alive | λ, p, history) (1 - e^(-λ t)).
        let p = Params { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
        let c = Customer { x: 2.0, t_x: 20.0, t: 39.0 };
        let t = 60.0 / 7.0;
        let mut rng = crate::btyd::simulate::Rng::new(11);
        let (mut num, mut den) = (0.0, 0.0);
        for _ in 0..400_000 {
            let lambda = rng.gamma(p.r) / p.alpha;
            let (g1, g2) = (rng.gamma(p.a), rng.gamma(p.b));
            let drop = g1 / (g1 + g2);
            let lx = libm::pow(lambda, c.x);
            let alive = libm::pow(1.0 - drop, c.x) * lx * libm::exp(-lambda * c.t);
            let dead = drop * libm::pow(1.0 - drop, c.x - 1.0) * lx * libm::exp(-lambda * c.t_x);
            num += alive * (1.0 - libm::exp(-lambda * t));
            den += alive + dead;
        }
        let simulated = num / den;
        let closed = p_purchase_within(&p, &c, t);
        assert!((closed - simulated).abs() < 0.01 * closed, "{closed} vs {simulated}");
    }
}
