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

/// [`hyp2f1`] at each of `zs` (at most [`EACH`]) with the same a, b and c, into
/// `out`: a term's ratio to the one before is the same for every z but the factor
/// z, so it is divided out once per term for all of them. Each value is summed with
/// the same operations in the same order as `hyp2f1` sums it alone, and stops at
/// the same term: the results are bit for bit `hyp2f1`'s.
pub fn hyp2f1_each(a: f64, b: f64, c: f64, zs: &[f64], out: &mut [f64]) {
    let k = zs.len();
    assert!(k <= EACH && out.len() >= k, "hyp2f1_each: {k} values");
    let mut term = [1.0f64; EACH];
    let mut sum = [1.0f64; EACH];
    let mut live = [true; EACH];
    let mut left = k;
    for n in 0..100_000 {
        if left == 0 {
            break;
        }
        let n = f64::from(n);
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0));
        for j in 0..k {
            if live[j] {
                term[j] *= ratio * zs[j];
                sum[j] += term[j];
                if term[j].abs() <= 1e-15 * sum[j].abs() {
                    live[j] = false;
                    left -= 1;
                }
            }
        }
    }
    out[..k].copy_from_slice(&sum[..k]);
}

/// Values [`hyp2f1_each`] sums at once.
pub const EACH: usize = 16;

/// ₂F₁(a, b; a + 1; z) for 0 <= z < 1 and its partial derivatives in a, b and z,
/// summed together term by term: the Pareto/NBD likelihood's only special function
/// (Fader and Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 22-23,
/// where the choice of max(α, β) keeps z below 1). With tₙ the n-th term,
/// ∂ ln tₙ/∂a = 1/a - 1/(a + n), ∂ ln tₙ/∂b = Σₖ<ₙ 1/(b + k), ∂ ln tₙ/∂z = n/z.
/// An error when the series has not converged within its term budget (z too close
/// to 1: parameters so far apart that the model is no use anyway). Either way the
/// number of terms summed, the work a fit keeps a budget of.
pub fn hyp2f1_next(a: f64, b: f64, z: f64) -> Result<([f64; 4], u32), u32> {
    let (mut term, mut sum, mut da, mut db, mut dz_n) = (1.0, 1.0, 0.0, 0.0, 0.0);
    let mut harmonic = 0.0;
    for n in 0..HYP_TERMS {
        let n = f64::from(n);
        harmonic += 1.0 / (b + n);
        term *= (a + n) * (b + n) / ((a + 1.0 + n) * (n + 1.0)) * z;
        let m = n + 1.0;
        sum += term;
        da += term * (1.0 / a - 1.0 / (a + m));
        db += term * harmonic;
        dz_n += term * m;
        // Later ratios stay below this bound, so the tail is below term ρ / (1 - ρ).
        // The test implies term m <= 1e-17 sum (0 < 1 - ρ <= 1, sum >= 1), checked
        // first so that ρ's division is only paid near the end of the series: the
        // same verdict at every term, a quarter of the work per term saved.
        if term * m <= 1e-17 * sum {
            let rho = z * ((b + m) / (m + 1.0)).max(1.0);
            if rho < 1.0 && term * m <= 1e-17 * (1.0 - rho) * sum {
                let dz = if z > 0.0 { dz_n / z } else { a * b / (a + 1.0) };
                return Ok(([sum, da, db, dz], m as u32));
            }
        }
        if !sum.is_finite() {
            return Err(m as u32);
        }
    }
    Err(HYP_TERMS)
}

/// [`hyp2f1_next`] at each of `zs` (at most [`EACH`]) with the same a and b, into
/// `out`: the harmonic sum, the terms' ratio but for z and the factor of ∂a are the
/// same for every z, so their divisions are paid once per term for all of them.
/// Each result (values and number of terms) is bit for bit `hyp2f1_next`'s alone:
/// the same operations in the same order, stopped at the same term.
pub fn hyp2f1_next_each(a: f64, b: f64, zs: &[f64], out: &mut [Result<([f64; 4], u32), u32>]) {
    let k = zs.len();
    assert!(k <= EACH && out.len() >= k, "hyp2f1_next_each: {k} values");
    let (mut term, mut sum) = ([1.0f64; EACH], [1.0f64; EACH]);
    let (mut da, mut db, mut dz_n) = ([0.0f64; EACH], [0.0f64; EACH], [0.0f64; EACH]);
    let mut live = [true; EACH];
    let mut left = k;
    let mut harmonic = 0.0;
    for n in 0..HYP_TERMS {
        if left == 0 {
            return;
        }
        let n = f64::from(n);
        harmonic += 1.0 / (b + n);
        let ratio = (a + n) * (b + n) / ((a + 1.0 + n) * (n + 1.0));
        let m = n + 1.0;
        let shrink = 1.0 / a - 1.0 / (a + m);
        for j in 0..k {
            if !live[j] {
                continue;
            }
            let z = zs[j];
            term[j] *= ratio * z;
            sum[j] += term[j];
            da[j] += term[j] * shrink;
            db[j] += term[j] * harmonic;
            dz_n[j] += term[j] * m;
            if term[j] * m <= 1e-17 * sum[j] {
                let rho = z * ((b + m) / (m + 1.0)).max(1.0);
                if rho < 1.0 && term[j] * m <= 1e-17 * (1.0 - rho) * sum[j] {
                    let dz = if z > 0.0 { dz_n[j] / z } else { a * b / (a + 1.0) };
                    out[j] = Ok(([sum[j], da[j], db[j], dz], m as u32));
                    live[j] = false;
                    left -= 1;
                    continue;
                }
            }
            if !sum[j].is_finite() {
                out[j] = Err(m as u32);
                live[j] = false;
                left -= 1;
            }
        }
    }
    for j in 0..k {
        if live[j] {
            out[j] = Err(HYP_TERMS);
        }
    }
}

/// Terms [`hyp2f1_next`] may sum: enough for z up to about 0.99 (a ratio of 100
/// between α and β at t = 0), and a bound on the time one evaluation can take.
const HYP_TERMS: u32 = 5_000;

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

    #[test]
    fn hypergeometric_at_several_z_is_each_one_alone_to_the_bit() {
        let zs = [0.0, 0.05, 0.19, 0.5, 0.73, 0.9, 0.99, 0.3];
        for (a, b, c) in [(20.3, 1e9, 1e9 + 19.0), (0.24, 2.4, 2.2), (5.5, 3.1, 8.0), (1.0, 1.0, 2.0)] {
            let mut out = [0.0; 8];
            hyp2f1_each(a, b, c, &zs, &mut out);
            for (z, v) in zs.iter().zip(out) {
                assert_eq!(v.to_bits(), hyp2f1(a, b, c, *z).to_bits(), "{a} {b} {c} {z}");
            }
        }
    }

    #[test]
    fn the_next_series_at_several_z_is_each_one_alone_to_the_bit() {
        let zs = [0.0, 0.05, 0.19, 0.5, 0.73, 0.9, 0.99, 0.999, 0.3, 0.9999];
        for (a, b) in [(1.0, 1.0), (2.7, 0.6), (25.3, 1.6), (0.8, 40.0), (3.0, 2.0), (1e-3, 1e5)] {
            let mut out = [Err(0); 10];
            hyp2f1_next_each(a, b, &zs, &mut out);
            for (z, got) in zs.iter().zip(out) {
                let want = hyp2f1_next(a, b, *z);
                let bits = |r: Result<([f64; 4], u32), u32>| r.map(|(v, n)| (v.map(f64::to_bits), n));
                assert_eq!(bits(got), bits(want), "{a} {b} {z}");
            }
        }
    }

    #[test]
    fn hypergeometric_with_c_one_above_a_and_its_derivatives() {
        for (a, b, z) in [(1.0, 1.0, 0.3), (2.7, 0.6, 0.09), (25.3, 1.6, 0.5), (0.8, 40.0, 0.9), (3.0, 2.0, 0.0)] {
            let ([f, da, db, dz], _) = hyp2f1_next(a, b, z).unwrap();
            assert!((f - hyp2f1(a, b, a + 1.0, z)).abs() < 1e-12 * f, "{a} {b} {z}");
            let h = 1e-6;
            let num = |g: &dyn Fn(f64) -> f64, x: f64| (g(x + h) - g(x - h)) / (2.0 * h);
            let na = num(&|v| hyp2f1(v, b, v + 1.0, z), a);
            let nb = num(&|v| hyp2f1(a, v, a + 1.0, z), b);
            let nz = num(&|v| hyp2f1(a, b, a + 1.0, v.max(0.0)), z.max(h));
            assert!((da - na).abs() < 1e-6 * (1.0 + na.abs()), "∂a {a} {b} {z}: {da} vs {na}");
            assert!((db - nb).abs() < 1e-6 * (1.0 + nb.abs()), "∂b {a} {b} {z}: {db} vs {nb}");
            if z > 0.0 {
                assert!((dz - nz).abs() < 1e-6 * (1.0 + nz.abs()), "∂z {a} {b} {z}: {dz} vs {nz}");
            }
        }
        // ₂F₁(1, 1; 2; z) = -ln(1 - z) / z, close to 1 too.
        let z = 0.99;
        assert!((hyp2f1_next(1.0, 1.0, z).unwrap().0[0] - (-libm::log(1.0 - z) / z)).abs() < 1e-11);
        assert!(hyp2f1_next(1.0, 1.0, 0.999).is_err());
    }
}
