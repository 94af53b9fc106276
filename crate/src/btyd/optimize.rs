//! Nelder-Mead simplex search: derivative-free, deterministic, enough for the
//! three- and four-parameter likelihoods here (Fader and Hardie fit them with Excel's
//! Solver; lifetimes with scipy's Nelder-Mead or BFGS).

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
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
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

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_rosenbrock_minimum() {
        let mut f = |p: &[f64]| (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2);
        let (p, v) = super::nelder_mead(&mut f, &[-1.2, 1.0], 20_000, 1e-14);
        assert!((p[0] - 1.0).abs() < 1e-4 && (p[1] - 1.0).abs() < 1e-4 && v < 1e-8, "{p:?} {v}");
    }
}

/// Evaluations one fit may spend: the full 20 000 on samples like CDNOW (2 357
/// clients), fewer as each evaluation grows, so 100 000 clients fit in seconds and
/// never stall the page. `terms`: what one evaluation sums over.
pub fn budget(terms: usize) -> usize {
    (50_000_000 / terms.max(1)).clamp(600, 20_000)
}
