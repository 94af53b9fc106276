//! The optimizers the fits use: BFGS on analytic gradients (a few dozen
//! evaluations, so 100 000 clients fit in well under a second) and a Nelder-Mead
//! simplex, derivative-free, as the fallback when BFGS stalls. Both deterministic.
//! (Fader and Hardie fit with Excel's Solver; lifetimes with scipy's Nelder-Mead or BFGS.)

/// What `bfgs` minimises: returns f(x) and writes ∇f(x) into the slice.
pub type WithGradient<'a> = &'a mut dyn FnMut(&[f64], &mut [f64]) -> f64;

/// A likelihood summed over many thousand clients is only exact to about 1e-15
/// relative, so its gradient cannot always be pushed below `gtol`; where the value
/// no longer moves, a gradient this small is the optimum to the figures reported.
pub const AT_PRECISION: f64 = 1e-6;

const RIDGE: f64 = 12.0;

fn small(g: &[f64], tol: f64) -> bool {
    g.iter().all(|v| v.abs() <= tol)
}

/// Minimises `f` from `start` with BFGS and a backtracking (Armijo) line search.
/// Returns the best point, its value and whether it converged: the gradient fell
/// below `gtol` (largest component), or the value stopped moving at the precision
/// of a double with the gradient below [`AT_PRECISION`].
pub fn bfgs(f: WithGradient, start: &[f64], max_iter: usize, gtol: f64) -> (Vec<f64>, f64, bool) {
    let n = start.len();
    let mut x = start.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    if !fx.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return (x, f64::INFINITY, false);
    }
    // The inverse Hessian estimate, row-major.
    let mut h = identity(n);
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    for iter in 0..max_iter {
        if small(&g, gtol) {
            return (x, fx, true);
        }
        let mut d: Vec<f64> = (0..n).map(|i| -(0..n).map(|j| h[i * n + j] * g[j]).sum::<f64>()).collect();
        let mut slope: f64 = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction: forget the curvature learnt so far.
            h = identity(n);
            d = g.iter().map(|v| -v).collect();
            slope = -dot(&g, &g);
        }
        // In log-parameters a step of 2 already multiplies a parameter by e^2.
        let longest = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let mut t = if longest > 2.0 { 2.0 / longest } else { 1.0 };
        let f_new = loop {
            for i in 0..n {
                x_new[i] = x[i] + t * d[i];
            }
            let v = f(&x_new, &mut g_new);
            if v.is_finite() && g_new.iter().all(|v| v.is_finite()) && v <= fx + 1e-4 * t * slope {
                break v;
            }
            t *= 0.5;
            if t < 1e-12 {
                return (x, fx, small(&g, AT_PRECISION));
            }
        };
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if iter == 0 {
                // Scale the first guess of the inverse Hessian to the curvature seen.
                let scale = sy / dot(&y, &y);
                h.iter_mut().for_each(|v| *v *= scale);
            }
            update(&mut h, &s, &y, sy);
        }
        let stalled = (fx - f_new).abs() <= 1e-16 * (1.0 + fx.abs());
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        fx = f_new;
        if stalled {
            return (x, fx, small(&g, AT_PRECISION));
        }
    }
    let ok = small(&g, gtol);
    (x, fx, ok)
}

fn identity(n: usize) -> Vec<f64> {
    (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (sᵀy).
fn update(h: &mut [f64], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum()).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

/// BFGS first; if it stalls short of `gtol`, a Nelder-Mead search from where it
/// stopped, then BFGS again to polish. Returns the best point, its value and the
/// number of evaluations spent.
pub fn minimise(f: WithGradient, start: &[f64], gtol: f64, evals: usize) -> (Vec<f64>, f64, usize) {
    let mut count = 0;
    let mut counted = |p: &[f64], g: &mut [f64]| {
        count += 1;
        f(p, g)
    };
    let (x, v) = minimise_counted(&mut counted, start, gtol, evals);
    (x, v, count)
}

fn minimise_counted(f: WithGradient, start: &[f64], gtol: f64, evals: usize) -> (Vec<f64>, f64) {
    let (x, v, ok) = bfgs(f, start, 500, gtol);
    // Done, or running off along a ridge (a parameter past e^±12): a likelihood
    // that keeps rising toward a limit, such as Gamma-Gamma's q and γ when spend
    // hardly varies between clients. The simplex would only spend its budget there.
    if ok || x.iter().any(|t| t.abs() > RIDGE) {
        return (x, v);
    }
    let from = if v.is_finite() { x.clone() } else { start.to_vec() };
    let mut plain = |p: &[f64]| {
        let mut g = vec![0.0; p.len()];
        f(p, &mut g)
    };
    let (y, w) = nelder_mead(&mut plain, &from, evals, 1e-15);
    let (z, u, _) = bfgs(f, &y, 500, gtol);
    [(x, v), (y, w), (z, u)]
        .into_iter()
        .filter(|(_, v)| v.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((start.to_vec(), f64::INFINITY))
}

/// Minimises `f` from `start`; returns the best point and its value.
pub fn nelder_mead(f: &mut dyn FnMut(&[f64]) -> f64, start: &[f64], max_evals: usize, tol: f64) -> (Vec<f64>, f64) {
    let n = start.len();
    let mut simplex: Vec<Vec<f64>> = vec![start.to_vec()];
    for i in 0..n {
        let mut p = start.to_vec();
        p[i] += if p[i].abs() > 1e-3 { 0.1 * p[i].abs().max(0.5) } else { 0.5 };
        simplex.push(p);
    }
    let mut values: Vec<f64> = simplex.iter().map(|p| guard(f(p))).collect();
    let mut evals = n + 1;
    while evals < max_evals {
        let order = crate::order::stable_order(n + 1, &|a, b| values[a].total_cmp(&values[b]));
        simplex = order.iter().map(|&i| simplex[i].clone()).collect();
        values = order.iter().map(|&i| values[i]).collect();
        if (values[n] - values[0]).abs() <= tol * (1.0 + values[0].abs()) {
            break;
        }
        let centroid: Vec<f64> = (0..n).map(|j| simplex[..n].iter().map(|p| p[j]).sum::<f64>() / n as f64).collect();
        let toward = |t: f64| -> Vec<f64> { (0..n).map(|j| centroid[j] + t * (simplex[n][j] - centroid[j])).collect() };
        let reflected = toward(-1.0);
        let fr = guard(f(&reflected));
        evals += 1;
        if fr < values[0] {
            let expanded = toward(-2.0);
            let fe = guard(f(&expanded));
            evals += 1;
            (simplex[n], values[n]) = if fe < fr { (expanded, fe) } else { (reflected, fr) };
        } else if fr < values[n - 1] {
            (simplex[n], values[n]) = (reflected, fr);
        } else {
            let contracted = if fr < values[n] { toward(-0.5) } else { toward(0.5) };
            let fc = guard(f(&contracted));
            evals += 1;
            if fc < values[n].min(fr) {
                (simplex[n], values[n]) = (contracted, fc);
            } else {
                // Shrink toward the best point.
                for i in 1..=n {
                    simplex[i] = (0..n).map(|j| simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j])).collect();
                    values[i] = guard(f(&simplex[i]));
                }
                evals += n;
            }
        }
    }
    let best = (0..=n).min_by(|&a, &b| values[a].total_cmp(&values[b])).unwrap_or(0);
    (simplex[best].clone(), values[best])
}

/// A NaN would stall the ordering: treat it as the worst value.
fn guard(v: f64) -> f64 {
    if v.is_nan() {
        f64::INFINITY
    } else {
        v
    }
}

/// Evaluations one fit may spend: the full 20 000 on samples like CDNOW (2 357
/// clients), fewer as each evaluation grows, so 100 000 clients fit in seconds and
/// never stall the page. `terms`: what one evaluation sums over.
pub fn budget(terms: usize) -> usize {
    (50_000_000 / terms.max(1)).clamp(600, 20_000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_rosenbrock_minimum() {
        let mut f = |p: &[f64]| (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2);
        let (p, v) = super::nelder_mead(&mut f, &[-1.2, 1.0], 20_000, 1e-14);
        assert!((p[0] - 1.0).abs() < 1e-4 && (p[1] - 1.0).abs() < 1e-4 && v < 1e-8, "{p:?} {v}");
    }

    #[test]
    fn bfgs_finds_the_rosenbrock_minimum() {
        let mut f = |p: &[f64], g: &mut [f64]| {
            g[0] = -2.0 * (1.0 - p[0]) - 400.0 * p[0] * (p[1] - p[0] * p[0]);
            g[1] = 200.0 * (p[1] - p[0] * p[0]);
            (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2)
        };
        let (p, v, ok) = super::bfgs(&mut f, &[-1.2, 1.0], 500, 1e-8);
        assert!(ok && (p[0] - 1.0).abs() < 1e-8 && (p[1] - 1.0).abs() < 1e-8 && v < 1e-16, "{p:?} {v}");
    }
}
