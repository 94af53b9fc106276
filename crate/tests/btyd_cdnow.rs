//! BG/NBD and Gamma-Gamma on the CDNOW calibration sample (2 357 clients, 39 weeks,
//! tests/fixtures/cdnow_summary.csv from the lifetimes package): the fit reproduces
//! Fader, Hardie and Lee (2005) and the per-client figures agree with lifetimes
//! (tests/fixtures/cdnow_lifetimes.csv, written by tests/crosscheck/lifetimes_reference.py).

use clientscope::btyd::{bgnbd, gamma_gamma};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (x, t_x, T, zbar) per client, in file order.
fn cdnow() -> Vec<(f64, f64, f64, f64)> {
    fixture("cdnow_summary.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|v| v.parse().unwrap()).collect();
            (f[1], f[2], f[3], f[4])
        })
        .collect()
}

fn customers() -> Vec<bgnbd::Customer> {
    cdnow().iter().map(|&(x, t_x, t, _)| bgnbd::Customer { x, t_x, t }).collect()
}

#[test]
fn bgnbd_fit_reproduces_the_published_estimates() {
    let data = customers();
    assert_eq!(data.len(), 2357);
    let fit = bgnbd::fit(&data).unwrap();
    let p = fit.params;
    let round3 = |v: f64| (v * 1000.0).round() / 1000.0;
    // Fader, Hardie and Lee (2005), table 1: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
    assert_eq!((round3(p.r), round3(p.alpha), round3(p.a), round3(p.b)), (0.243, 4.414, 0.793, 2.426), "{p:?}");
    assert!((fit.log_likelihood - -9582.4).abs() < 0.05, "{}", fit.log_likelihood);
}

#[test]
fn per_client_figures_agree_with_lifetimes() {
    let data = customers();
    let p = bgnbd::fit(&data).unwrap().params;
    let reference = fixture("cdnow_lifetimes.csv");
    let mut worst = (0.0f64, 0.0f64);
    for (c, line) in data.iter().zip(reference.lines().skip(1)) {
        let f: Vec<f64> = line.split(',').map(|v| v.parse().unwrap_or(f64::NAN)).collect();
        let alive = bgnbd::p_alive(&p, c);
        let expected = bgnbd::expected_purchases(&p, c, 39.0);
        worst.0 = worst.0.max((alive - f[1]).abs());
        worst.1 = worst.1.max((expected - f[2]).abs());
    }
    assert!(worst.0 < 1e-3 && worst.1 < 1e-3, "largest differences: P(alive) {}, E[purchases] {}", worst.0, worst.1);
}

#[test]
fn gamma_gamma_reproduces_the_published_estimates() {
    let spend: Vec<(f64, f64)> = cdnow().iter().map(|&(x, _, _, m)| (x, m)).collect();
    let fit = gamma_gamma::fit(&spend).unwrap();
    let p = fit.params;
    // Fader and Hardie's note: p = 6.25, q = 3.74, gamma = 15.44; lifetimes: 15.448.
    let round2 = |v: f64| (v * 100.0).round() / 100.0;
    assert_eq!((round2(p.p), round2(p.q)), (6.25, 3.74), "{p:?}");
    assert!((p.gamma - 15.448).abs() < 0.01, "{p:?}");
    let reference = fixture("cdnow_lifetimes.csv");
    for (&(x, m), line) in spend.iter().zip(reference.lines().skip(1)) {
        if x > 0.0 {
            let want: f64 = line.split(',').nth(3).unwrap().parse().unwrap();
            let got = gamma_gamma::expected_spend(&p, x, m);
            assert!((got - want).abs() < 1e-2 * want.max(1.0), "x {x} m {m}: {got} vs {want}");
        }
    }
}

/// lifetimes' `BetaGeoFitter.summary` on this sample (its docs and the READMEs that
/// ran it): se(coef) r 0.012557, alpha 0.378221, a 0.185719, b 0.705345, from the
/// Hessian of the mean log-likelihood in log-parameters, as here.
#[test]
fn bgnbd_standard_errors_match_lifetimes() {
    let data = customers();
    let fit = bgnbd::fit(&data).unwrap();
    let p = fit.params;
    let se = bgnbd::log_covariance(&fit, &data).unwrap().standard_errors(&[p.r, p.alpha, p.a, p.b]);
    for (got, want, name) in
        [(se[0], 0.012557, "r"), (se[1], 0.378221, "alpha"), (se[2], 0.185719, "a"), (se[3], 0.705345, "b")]
    {
        assert!((got - want).abs() < 0.01 * want, "{name}: {got} vs {want}");
    }
}

/// The 80 % ranges on CDNOW: every client's expected purchases and value hold
/// their point; a client who never came back has a wider range (relative to the
/// point) than one who did and bought recently; the total's range is about as wide,
/// relative to the total, as a client's (12 %): every client shares the same
/// parameters, so their uncertainty does not average out over clients. What the parameters' uncertainty
/// does not give is a range that keeps narrowing with more purchases: with the same
/// recency, 1, 3 and 10 purchases give 8 %, 10 % and 14 % (expected purchases over
/// 39 weeks), because a heavy buyer's forecast leans on the drop-out parameters a
/// and b, the least certain ones (a's standard error is 23 % of a).
#[test]
fn ranges_hold_the_point_and_are_wider_for_a_client_who_never_came_back() {
    use clientscope::btyd::model::Fitted;
    use clientscope::btyd::ranges::{self, Spread};
    let data = customers();
    let fit = bgnbd::fit(&data).unwrap();
    let spend: Vec<(f64, f64)> = cdnow().iter().map(|&(x, _, _, m)| (x, m)).collect();
    let gg = gamma_gamma::fit(&spend).unwrap();
    let cov = (gamma_gamma::log_covariance(&gg, &spend).unwrap(), gg.params);
    let fitted = Fitted::Bgnbd(fit);
    let spread = Spread::new(&fitted, bgnbd::log_covariance(&fit, &data).unwrap(), Some(cov));
    let value_range = |c: &bgnbd::Customer, m: f64| {
        let h = ranges::history(Some(&spread), &fitted, &mut |f| (f.expected(c, 39.0), f.expected(c, 52.0)));
        let (lo, hi) = {
            let [lo, hi] = ranges::range_of(&spread, h.expected, &h.g_expected, &[0.0; 3]).unwrap();
            (lo, hi)
        };
        assert!(lo < h.expected && h.expected < hi, "{c:?}: {lo} {} {hi}", h.expected);
        let v = gamma_gamma::expected_spend(&gg.params, c.x, m);
        let gs = spread.spend_gradient(v, |p| Some(gamma_gamma::expected_spend(p, c.x, m)));
        let (gm, gs) = (h.g_clv.map(|g| g * v), gs.map(|g| g * h.clv_purchases));
        let [lo, hi] = ranges::range_of(&spread, h.clv_purchases * v, &gm, &gs).unwrap();
        assert!(lo < h.clv_purchases * v && h.clv_purchases * v < hi);
        (hi - lo) / (h.clv_purchases * v)
    };
    for (&(x, t_x, t, m), c) in cdnow().iter().zip(&data) {
        if x > 0.0 {
            value_range(&bgnbd::Customer { x, t_x, t }, m);
        } else {
            let _ = c;
        }
    }
    let expected_width = |c: &bgnbd::Customer| {
        let h = ranges::history(Some(&spread), &fitted, &mut |f| (f.expected(c, 39.0), f.expected(c, 52.0)));
        let [lo, hi] = ranges::range_of(&spread, h.expected, &h.g_expected, &[0.0; 3]).unwrap();
        (hi - lo) / h.expected
    };
    let widths: Vec<f64> = [(0.0, 0.0), (1.0, 37.0), (3.0, 37.0), (10.0, 37.0)]
        .iter()
        .map(|&(x, t_x)| expected_width(&bgnbd::Customer { x, t_x, t: 38.0 }))
        .collect();
    assert!(widths[0] > widths[1], "{widths:?}");
    let round2 = |v: f64| (v * 100.0).round() / 100.0;
    assert_eq!(widths[1..].iter().map(|&w| round2(w)).collect::<Vec<_>>(), [0.08, 0.10, 0.14], "{widths:?}");
    let mut total = ranges::Total::default();
    for c in &data {
        let h = ranges::history(Some(&spread), &fitted, &mut |f| (f.expected(c, 39.0), f.expected(c, 52.0)));
        total.add(h.expected, &h.g_expected, &[0.0; 3]);
    }
    let [lo, hi] = total.range(&spread).unwrap();
    assert!(lo < total.value && total.value < hi);
    assert_eq!(round2((hi - lo) / total.value), 0.12, "{lo} {} {hi}", total.value);
}
