//! Special functions the models need, from libm or short, standard series.

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ln(e^a + e^b) without overflow.
pub fn log_sum_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + libm::log(libm::exp(a - m) + libm::exp(b - m))
}

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 <= z < 1, by its power
/// series (terms shrink like zⁿ; BG/NBD's z = t / (α + T + t) stays well below 1).
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 0..100_000 {
        let n = f64::from(n);
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if term.abs() <= 1e-15 * sum.abs() {
            break;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypergeometric_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = -ln(1 - z) / z;  ₂F₁(a, b; b; z) = (1 - z)^-a.
        for z in [0.1, 0.5, 0.9] {
            assert!((hyp2f1(1.0, 1.0, 2.0, z) - (-libm::log(1.0 - z) / z)).abs() < 1e-12);
            assert!((hyp2f1(2.5, 3.0, 3.0, z) - libm::pow(1.0 - z, -2.5)).abs() < 1e-9);
        }
        assert!((ln_gamma(5.0) - libm::log(24.0)).abs() < 1e-12);
        assert!((log_sum_exp(1000.0, 1000.0) - (1000.0 + libm::log(2.0))).abs() < 1e-12);
    }
}
