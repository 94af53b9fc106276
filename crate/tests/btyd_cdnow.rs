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
