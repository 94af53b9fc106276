//! Pareto/NBD on the CDNOW calibration sample (2 357 clients, 39 weeks,
//! tests/fixtures/cdnow_summary.csv): the fit reproduces Fader, Hardie and Lee
//! (2005, "RFM and CLV: using iso-value curves") and the per-client figures agree
//! with lifetimes' ParetoNBDFitter (tests/fixtures/cdnow_pareto.csv, written by
//! tests/crosscheck/pareto_holdout_reference.py).

use clientscope::btyd::{bgnbd::Customer, paretonbd};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn customers() -> Vec<Customer> {
    fixture("cdnow_summary.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|v| v.parse().unwrap()).collect();
            Customer { x: f[1], t_x: f[2], t: f[3] }
        })
        .collect()
}

#[test]
fn pareto_nbd_fit_reproduces_the_published_estimates() {
    let data = customers();
    assert_eq!(data.len(), 2357);
    let fit = paretonbd::fit(&data).unwrap();
    let p = fit.params;
    // Published: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669 (LL -9595.0).
    for (got, want) in [(p.r, 0.553), (p.alpha, 10.578), (p.s, 0.606), (p.beta, 11.669)] {
        assert!((got - want).abs() < 1e-3 * want, "{p:?}");
    }
    assert!((fit.log_likelihood - -9595.0).abs() < 0.05, "{}", fit.log_likelihood);
    // lifetimes' optimum, to the precision its optimizer stops at (two runs differ by 2e-4).
    let reference: serde_json::Value = serde_json::from_str(&fixture("cdnow_pareto.json")).unwrap();
    for (got, key) in [(p.r, "r"), (p.alpha, "alpha"), (p.s, "s"), (p.beta, "beta")] {
        let want = reference["params"][key].as_f64().unwrap();
        assert!((got - want).abs() < 5e-4 * want, "{key}: {got} vs {want}");
    }
}

#[test]
fn per_client_figures_agree_with_lifetimes() {
    let data = customers();
    let p = paretonbd::fit(&data).unwrap().params;
    let reference = fixture("cdnow_pareto.csv");
    // Largest absolute differences: P(alive), E[purchases in 39 weeks], P(buys in 30, 60, 90 days).
    let mut worst = [0.0f64; 5];
    for (c, line) in data.iter().zip(reference.lines().skip(1)) {
        let f: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        let got = [
            paretonbd::p_alive(&p, c),
            paretonbd::expected_purchases(&p, c, 39.0),
            paretonbd::p_purchase_within(&p, c, 30.0 / 7.0),
            paretonbd::p_purchase_within(&p, c, 60.0 / 7.0),
            paretonbd::p_purchase_within(&p, c, 90.0 / 7.0),
        ];
        for k in 0..5 {
            worst[k] = worst[k].max((got[k] - f[k + 1]).abs());
        }
    }
    eprintln!("largest differences: {worst:?}");
    assert!(worst.iter().all(|w| *w < 1e-3), "largest differences: {worst:?}");
}

/// CLVTools' standard errors for Pareto/NBD on CDNOW (tests/testthat/
/// test_correctness_pnbd_nocovstaticcov.R): r 0.0476264, alpha 0.8427222,
/// s 0.1872594, beta 6.2105448.
#[test]
fn pareto_nbd_standard_errors_match_clvtools() {
    let data = customers();
    let fit = paretonbd::fit(&data).unwrap();
    let p = fit.params;
    let se = paretonbd::log_covariance(&fit, &data).unwrap().standard_errors(&[p.r, p.alpha, p.s, p.beta]);
    for (got, want, name) in
        [(se[0], 0.0476264, "r"), (se[1], 0.8427222, "alpha"), (se[2], 0.1872594, "s"), (se[3], 6.2105448, "beta")]
    {
        assert!((got - want).abs() < 0.02 * want, "{name}: {got} vs {want}");
    }
}
