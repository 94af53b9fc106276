//! Special functions the models need, from libm or short, standard series.

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) - 1/x up to 10,
/// then the asymptotic series (its next term is below 3e-14 from there).
pub fn digamma(x: f64) -> f64 {
    let (mut x, mut acc) = (x, 0.0);
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let series = f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f * (1.0 / 132.0)))));
    acc + libm::log(x) - 0.5 / x - series
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
        // ψ(1) = -γ (Euler-Mascheroni), ψ(1/2) = -γ - 2 ln 2, ψ(x + 1) = ψ(x) + 1/x.
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-13);
        assert!((digamma(0.5) + euler + 2.0 * libm::log(2.0)).abs() < 1e-13);
        for x in [0.01, 0.3, 2.5, 7.0, 40.0, 1e4] {
            assert!((digamma(x + 1.0) - digamma(x) - 1.0 / x).abs() < 1e-12 * (1.0 + 1.0 / x), "{x}");
            // Against a central difference of ln Γ.
            let h = 1e-5 * x.max(1e-2);
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((digamma(x) - numeric).abs() < 1e-6 * (1.0 + digamma(x).abs()), "{x}");
        }
        assert!((log_sum_exp(1000.0, 1000.0) - (1000.0 + libm::log(2.0))).abs() < 1e-12);
    }
}
