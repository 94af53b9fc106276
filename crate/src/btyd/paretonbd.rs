//! Pareto/NBD (Schmittlein, Morrison and Colombo 1987): while alive a client buys
//! at a Poisson rate λ ~ Gamma(r, α) and dies at an exponential time of rate
//! μ ~ Gamma(s, β), independent of the purchases. The likelihood and the
//! conditional expressions follow Fader and Hardie's note "A Note on Deriving the
//! Pareto/NBD Model and Related Expressions" (2005): every one of them reduces to
//!
//!   I(t₁, t₂) = ∫ₜ₁ᵗ² s (α + τ)^-(r+x) (β + τ)^-(s+1) dτ
//!             = s / (r + s + x) [A(t₁) - A(t₂)],
//!   A(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) / (α+t)^(r+s+x)   if α >= β,
//!   A(t) = ₂F₁(r+s+x, r+x; r+s+x+1; (β-α)/(β+t)) / (β+t)^(r+s+x)   if α < β,
//!
//! the chance of dying between t₁ and t₂ (after x purchases), which the note's
//! choice of branch keeps to a hypergeometric argument below 1. Computed in
//! logarithms (a heavy buyer's (α + T)^-(r+x) underflows a double) with dual
//! numbers, so the fit gets the exact gradient. Same (x, t_x, T) data as BG/NBD.

use super::bgnbd::Customer;
use super::dual::{log_sum_exp, D};
use super::special::{hyp2f1_next, hyp2f1_next_each, EACH};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Params {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fit {
    #[serde(flatten)]
    pub params: Params,
    pub log_likelihood: f64,
    /// Likelihood evaluations the optimizer spent (benchmarks).
    #[serde(skip)]
    pub evaluations: usize,
    /// BFGS converged (see [`super::optimize::bfgs`]). It does not when the
    /// likelihood's maximum lies where the hypergeometric series cannot be summed
    /// (one of α, β hundreds of times the other: see [`hyp2f1_next`]), and the
    /// search stopped at that edge instead: not a maximum-likelihood fit.
    #[serde(skip)]
    pub converged: bool,
}

/// The parameters as duals in their logarithms (the optimizer's coordinates).
struct Duals {
    r: D,
    alpha: D,
    s: D,
    beta: D,
    /// Hypergeometric terms summed so far (the fit's work budget).
    terms: std::cell::Cell<u64>,
}

fn duals(p: &Params) -> Duals {
    Duals {
        r: D::log_var(p.r, 0),
        alpha: D::log_var(p.alpha, 1),
        s: D::log_var(p.s, 2),
        beta: D::log_var(p.beta, 3),
        terms: std::cell::Cell::new(0),
    }
}

/// Hypergeometric terms one fit may sum in all, failed series included: a few
/// tenths of a second natively.
/// A file whose likelihood needs more (each series near its term limit) gets "not
/// fitted" instead of a stalled page; CDNOW needs 3 million, 25 000 simulated
/// clients (the most it is fitted on, `predict::FIT_SAMPLE`) about 20 million.
/// 25 million keeps that margin while a file where nobody drops out (the
/// likelihood runs to the edge where the series cannot be summed) costs a tenth
/// of a second natively instead of four.
const FIT_TERMS: u64 = 25_000_000;

/// ln A(t) for R = r + x (see the module note).
fn ln_a(p: &Duals, big_r: D, t: f64) -> Option<D> {
    let base = if p.alpha.v >= p.beta.v { p.alpha + t } else { p.beta + t };
    ln_a_from(p, big_r, t, base.ln())
}

/// [`ln_a`] given ln(max(α, β) + t), which "alive at t" needs too: the fit takes
/// that logarithm once for both.
fn ln_a_from(p: &Duals, big_r: D, t: f64, ln_base: D) -> Option<D> {
    let (a, b, z) = series_args(p, big_r, t);
    ln_a_of(p, hyp2f1_next(a.v, b.v, z.v), (a, b, z), ln_base)
}

/// The arguments (a, b, z) of A(t)'s series (see the module note): a and b depend
/// on x alone, z on t alone.
fn series_args(p: &Duals, big_r: D, t: f64) -> (D, D, D) {
    let a = big_r + p.s;
    let (b, z) = if p.alpha.v >= p.beta.v {
        (p.s + 1.0, (p.alpha - p.beta) / (p.alpha + t))
    } else {
        (big_r, (p.beta - p.alpha) / (p.beta + t))
    };
    (a, b, z)
}

/// ln A(t) from its series' sum (counted in the fit's term budget).
fn ln_a_of(p: &Duals, series: Result<([f64; 4], u32), u32>, (a, b, z): (D, D, D), ln_base: D) -> Option<D> {
    let terms = match series {
        Ok((_, n)) | Err(n) => n,
    };
    p.terms.set(p.terms.get() + u64::from(terms));
    let ([f, fa, fb, fz], _) = series.ok()?;
    let f = D::chain(f, &[(fa, a), (fb, b), (fz, z)]);
    Some(f.ln() - a * ln_base)
}

/// ln I(t₁, t₂); -∞ when t₁ = t₂.
fn ln_death(p: &Duals, big_r: D, t1: f64, t2: f64) -> Option<D> {
    if t2 <= t1 {
        return Some(D::c(f64::NEG_INFINITY));
    }
    let (a1, a2) = (ln_a(p, big_r, t1)?, ln_a(p, big_r, t2)?);
    // A decreases in t; rounding could only make a near-zero difference negative.
    let gap = (a2 - a1).v.min(-1e-300);
    let tail = D { v: gap, d: (a2 - a1).d }.ln_one_minus_exp();
    Some(p.s.ln() - (big_r + p.s).ln() + a1 + tail)
}

/// ln of "alive at T" without the constant: -(r+x) ln(α+T) - s ln(β+T).
fn ln_alive_at(p: &Duals, big_r: D, t: f64) -> D {
    -(big_r * (p.alpha + t).ln()) - p.s * (p.beta + t).ln()
}

/// One client's log-likelihood, as a dual in ln(r, α, s, β).
fn ll_one(p: &Duals, c: &Customer) -> Option<D> {
    let big_r = p.r + c.x;
    let constant = big_r.ln_gamma() - p.r.ln_gamma() + p.r * p.alpha.ln() + p.s * p.beta.ln();
    let body = log_sum_exp(ln_alive_at(p, big_r, c.t), ln_death(p, big_r, c.t_x, c.t)?);
    Some(constant + body)
}

pub fn log_likelihood(p: &Params, data: &[Customer]) -> f64 {
    let d = duals(p);
    data.iter().map(|c| ll_one(&d, c).map_or(f64::NAN, |v| v.v)).sum()
}

/// The likelihood's data: each distinct x (the log-gamma terms depend on x alone)
/// and each distinct (x, t) with t a t_x or a T (A(t) and "alive at t" depend on
/// nothing else), so an evaluation sums each series once per pair, not per client.
struct Prepared {
    xs: Vec<f64>,
    /// (index into xs, t).
    points: Vec<(usize, f64)>,
    /// (index into xs, into points for t_x, for T, weight).
    rows: Vec<(usize, usize, usize, f64)>,
    n: f64,
}

fn prepare(data: &[Customer]) -> Prepared {
    let mut xs: Vec<f64> = data.iter().map(|c| c.x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let at_x = |x: f64| xs.partition_point(|&u| u < x);
    let grouped = super::bgnbd::grouped(data);
    let mut points: Vec<(usize, f64)> =
        grouped.iter().flat_map(|(c, _)| [(at_x(c.x), c.t_x), (at_x(c.x), c.t)]).collect();
    crate::order::sort_by(&mut points, |a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup();
    let at = |p: (usize, f64)| points.partition_point(|q| q.0 < p.0 || (q.0 == p.0 && q.1 < p.1));
    let rows = grouped
        .iter()
        .map(|(c, w)| {
            let xi = at_x(c.x);
            (xi, at((xi, c.t_x)), at((xi, c.t)), *w)
        })
        .collect();
    Prepared { xs, points, rows, n: data.len() as f64 }
}

/// Minus the mean log-likelihood at θ = ln(r, α, s, β) and its gradient in θ;
/// infinite where the hypergeometric series does not converge, so the line search
/// steps back, and once the fit has spent its term budget.
fn objective(theta: &[f64], grad: &mut [f64], d: &Prepared, spent: &mut u64) -> f64 {
    if *spent > FIT_TERMS {
        return f64::INFINITY;
    }
    let p = Params {
        r: libm::exp(theta[0]),
        alpha: libm::exp(theta[1]),
        s: libm::exp(theta[2]),
        beta: libm::exp(theta[3]),
    };
    let q = duals(&p);
    let shared = p_r_terms(&q);
    // Per x: R = r + x, the log-gamma constant and ln s - ln(R + s).
    let by_x: Vec<(D, D, D)> =
        d.xs.iter()
            .map(|&x| {
                let big_r = q.r + x;
                (big_r, big_r.ln_gamma() + shared, q.s.ln() - (big_r + q.s).ln())
            })
            .collect();
    // Per (x, t): ln A(t) and ln "alive at t". The points come sorted by x, and
    // the series of one x differ in z alone: up to EACH of them are summed together
    // (`hyp2f1_next_each`, each bit for bit its own series), then taken in order
    // as one by one, the term budget counted and checked after each.
    let mut at: Vec<(D, D)> = Vec::with_capacity(d.points.len());
    let mut sums = [Err(0); EACH];
    let mut zs = [0.0; EACH];
    let mut i = 0;
    while i < d.points.len() {
        let xi = d.points[i].0;
        let mut j = i;
        while j < d.points.len() && d.points[j].0 == xi && j - i < EACH {
            j += 1;
        }
        let big_r = by_x[xi].0;
        let args: Vec<(D, D, D)> = d.points[i..j].iter().map(|&(_, t)| series_args(&q, big_r, t)).collect();
        for (z, arg) in zs.iter_mut().zip(&args) {
            *z = arg.2.v;
        }
        hyp2f1_next_each(args[0].0.v, args[0].1.v, &zs[..j - i], &mut sums);
        for ((&(_, t), arg), series) in d.points[i..j].iter().zip(args).zip(sums) {
            let (ln_alpha_t, ln_beta_t) = ((q.alpha + t).ln(), (q.beta + t).ln());
            let ln_base = if q.alpha.v >= q.beta.v { ln_alpha_t } else { ln_beta_t };
            let a = ln_a_of(&q, series, arg, ln_base);
            *spent += q.terms.replace(0);
            let Some(a) = a.filter(|_| *spent <= FIT_TERMS) else { return f64::INFINITY };
            // ln "alive at t" ([`ln_alive_at`]) from the same two logarithms.
            at.push((a, -(big_r * ln_alpha_t) - q.s * ln_beta_t));
        }
        i = j;
    }
    let mut total = D::c(0.0);
    for &(xi, txi, ti, w) in &d.rows {
        let (_, constant, scale) = by_x[xi];
        let (a1, a2, alive) = (at[txi].0, at[ti].0, at[ti].1);
        let body = if txi == ti {
            alive
        } else {
            let gap = (a2 - a1).v.min(-1e-300);
            let death = scale + a1 + D { v: gap, d: (a2 - a1).d }.ln_one_minus_exp();
            log_sum_exp(alive, death)
        };
        total = total + (constant + body) * w;
    }
    for (g, v) in grad.iter_mut().zip(total.d) {
        *g = -v / d.n;
    }
    -total.v / d.n
}

/// -ln Γ(r) + r ln α + s ln β: the part of each client's constant that x does not change.
fn p_r_terms(q: &Duals) -> D {
    -q.r.ln_gamma() + q.r * q.alpha.ln() + q.s * q.beta.ln()
}

/// Maximum-likelihood fit; `None` without enough data, like [`super::bgnbd::fit`].
pub fn fit(data: &[Customer]) -> Option<Fit> {
    fit_from(data, None)
}

/// [`fit`] with the search started at `start`: the holdout refit starts from the
/// fit on all the data, near its own optimum, and needs fewer evaluations.
pub fn fit_from(data: &[Customer], start: Option<&Params>) -> Option<Fit> {
    if data.len() < 10 || !data.iter().any(|c| c.x > 0.0) {
        return None;
    }
    let prepared = prepare(data);
    let n = prepared.n;
    let (mut evaluations, mut spent) = (0, 0);
    let mut f = |theta: &[f64], grad: &mut [f64]| {
        evaluations += 1;
        objective(theta, grad, &prepared, &mut spent)
    };
    // BFGS alone: where it stops short of a maximum, the maximum lies past the edge
    // of what the series can sum (see `Fit::converged`), and a simplex search along
    // that edge would only spend a thousand costly evaluations to say the same.
    let from = start.map_or([0.0; 4], |p| [p.r, p.alpha, p.s, p.beta].map(libm::log));
    let (theta, value, converged) = super::optimize::bfgs(&mut f, &from, 500, 1e-10);
    let params = Params {
        r: libm::exp(theta[0]),
        alpha: libm::exp(theta[1]),
        s: libm::exp(theta[2]),
        beta: libm::exp(theta[3]),
    };
    value.is_finite().then_some(Fit { params, log_likelihood: -value * n, evaluations, converged })
}

/// Covariance of ln(r, α, s, β) at the fit, from the likelihood's curvature
/// (see [`super::ranges`]); `data` as the fit had it. Each evaluation gets its
/// own term budget.
pub fn log_covariance(fit: &Fit, data: &[Customer]) -> Option<super::ranges::Cov> {
    let prepared = prepare(data);
    let p = fit.params;
    let theta = [p.r, p.alpha, p.s, p.beta].map(libm::log);
    super::ranges::log_covariance(&mut |t, g| objective(t, g, &prepared, &mut 0), &theta, prepared.n)
}

/// ln(alive at T) and ln(likelihood body) for P(alive) and the forecasts.
fn pieces(p: &Params, c: &Customer) -> Option<(f64, f64)> {
    let d = duals(p);
    let big_r = d.r + c.x;
    let alive = ln_alive_at(&d, big_r, c.t).v;
    let body = log_sum_exp(D::c(alive), ln_death(&d, big_r, c.t_x, c.t)?).v;
    Some((alive, body))
}

/// Probability the client is still alive at T, given their history; NaN where the
/// series does not converge.
pub fn p_alive(p: &Params, c: &Customer) -> f64 {
    pieces(p, c).map_or(f64::NAN, |(alive, body)| libm::exp(alive - body))
}

/// Expected purchases in the next `t` time units, given the history: alive, then
/// (r+x)/(α+T) purchases a unit over an expected remaining life in (0, t].
pub fn expected_purchases(p: &Params, c: &Customer, t: f64) -> f64 {
    p_alive(p, c) * expected_if_alive(p, c, t)
}

/// [`expected_purchases`] for a client known to be alive at T: the part that
/// depends on t, so a curve over many t needs P(alive) once.
pub fn expected_if_alive(p: &Params, c: &Customer, t: f64) -> f64 {
    let rate = (p.r + c.x) / (p.alpha + c.t);
    let ratio = (p.beta + c.t) / (p.beta + c.t + t);
    let life = if (p.s - 1.0).abs() < 1e-9 {
        -(p.beta + c.t) * libm::log(ratio)
    } else {
        (p.beta + c.t) / (p.s - 1.0) * -libm::expm1((p.s - 1.0) * libm::log(ratio))
    };
    rate * life
}

/// Probability of at least one purchase in the next `t` time units: alive at T and
/// neither dead before buying nor without a purchase by T + t, which is
///   [ (α+T)^-R (β+T)^-s - (α+T+t)^-R (β+T+t)^-s - I(T, T+t) ] / [ (α+T)^-R (β+T)^-s + I(t_x, T) ]
/// with R = r + x (the posterior of λ and μ given alive at T is Gamma(R, α+T) and
/// Gamma(s, β+T); no purchase in t means dying first or outliving t idle).
pub fn p_purchase_within(p: &Params, c: &Customer, t: f64) -> f64 {
    let d = duals(p);
    let big_r = d.r + c.x;
    let Some((alive, body)) = pieces(p, c) else { return f64::NAN };
    let later = ln_alive_at(&d, big_r, c.t + t).v;
    let Some(death) = ln_death(&d, big_r, c.t, c.t + t) else { return f64::NAN };
    // Relative to "alive at T": 1 - (idle through t) - (died idle within t).
    let idle = libm::exp(later - alive) + libm::exp(death.v - alive);
    ((1.0 - idle) * libm::exp(alive - body)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<Customer> {
        [(0.0, 0.0, 30.0), (2.0, 10.5, 38.0), (2.0, 10.5, 38.0), (5.0, 36.1, 39.0), (1.0, 2.0, 20.0), (0.0, 0.0, 5.0)]
            .map(|(x, t_x, t)| Customer { x, t_x, t })
            .to_vec()
    }

    /// I(t₁, t₂) by Simpson's rule on its integral, for the closed forms to meet.
    fn death_by_quadrature(p: &Params, x: f64, t1: f64, t2: f64) -> f64 {
        let f = |tau: f64| p.s * libm::pow(p.alpha + tau, -(p.r + x)) * libm::pow(p.beta + tau, -(p.s + 1.0));
        let n = 20_000;
        let h = (t2 - t1) / f64::from(n);
        let inner: f64 = (1..n).map(|k| f(t1 + f64::from(k) * h) * if k % 2 == 1 { 4.0 } else { 2.0 }).sum();
        (f(t1) + f(t2) + inner) * h / 3.0
    }

    #[test]
    fn both_branches_of_the_death_integral_match_quadrature() {
        for p in [
            Params { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
            Params { r: 0.55, alpha: 30.0, s: 1.7, beta: 4.0 },
            Params { r: 2.0, alpha: 3.0, s: 0.3, beta: 3.0 },
        ] {
            let d = duals(&p);
            for (x, t1, t2) in [(0.0, 0.0, 30.0), (3.0, 10.5, 38.0), (12.0, 1.0, 2.0)] {
                let got = libm::exp(ln_death(&d, d.r + x, t1, t2).unwrap().v);
                let want = death_by_quadrature(&p, x, t1, t2);
                assert!((got - want).abs() < 1e-9 * want, "{p:?} x {x}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn the_gradient_matches_central_differences() {
        let prepared = prepare(&data());
        let direct = -log_likelihood(&Params { r: 0.5, alpha: 10.0, s: 0.6, beta: 12.0 }, &data()) / 6.0;
        let theta0 = [0.5f64, 10.0, 0.6, 12.0].map(libm::log);
        let value = objective(&theta0, &mut [0.0; 4], &prepared, &mut 0);
        assert!((value - direct).abs() < 1e-12, "{value} vs {direct}");
        for theta in [[-0.6, 2.3, -0.5, 2.5], [0.2, 3.0, 0.4, 1.0]] {
            let mut grad = [0.0; 4];
            objective(&theta, &mut grad, &prepared, &mut 0);
            for i in 0..4 {
                let h = 1e-6;
                let (mut up, mut down) = (theta, theta);
                up[i] += h;
                down[i] -= h;
                let mut g = [0.0; 4];
                let numeric = (objective(&up, &mut g, &prepared, &mut 0) - objective(&down, &mut g, &prepared, &mut 0))
                    / (2.0 * h);
                assert!((grad[i] - numeric).abs() < 1e-7, "θ{i}: {} vs {numeric}", grad[i]);
            }
        }
    }

    #[test]
    fn purchase_chance_agrees_with_a_posterior_simulation() {
        // Draw (λ, μ) from the prior, weight each by the client's likelihood given
        // them, and average P(alive | λ, μ) (1 - P(no purchase in t | λ, μ)).
        let p = Params { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
        let c = Customer { x: 2.0, t_x: 20.0, t: 39.0 };
        let t = 30.0 / 7.0;
        let mut rng = crate::btyd::simulate::Rng::new(7);
        let (mut num, mut den) = (0.0, 0.0);
        for _ in 0..400_000 {
            let lambda = rng.gamma(p.r) / p.alpha;
            let mu = rng.gamma(p.s) / p.beta;
            let lx = libm::pow(lambda, c.x);
            let alive = lx * libm::exp(-(lambda + mu) * c.t);
            let dead = lx * mu / (lambda + mu) * (libm::exp(-(lambda + mu) * c.t_x) - libm::exp(-(lambda + mu) * c.t));
            let none = mu / (lambda + mu) + lambda / (lambda + mu) * libm::exp(-(lambda + mu) * t);
            num += alive * (1.0 - none);
            den += alive + dead;
        }
        let simulated = num / den;
        let closed = p_purchase_within(&p, &c, t);
        assert!((closed - simulated).abs() < 0.01 * closed, "{closed} vs {simulated}");
    }
}
