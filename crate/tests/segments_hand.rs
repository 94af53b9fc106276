//! Every segmentation on a fixture computed by hand (tests/fixtures/segments_hand.csv):
//! six months, January to June 2024, as of 2024-06-30. Window starts on the first
//! date, 2024-01-05 (178 days). The cases: a client that crosses the A bound
//! (Bolt), a tie (Echo and Fjord, 500 each), zero revenue (Zero), a client with
//! only a return (Refund), a single-period new client (Dune), one exactly on the Y
//! bound of XYZ (Fjord, 1 of 4 months = 25 %).

use chrono::NaiveDate;
use clientscope::report::ClientOut;
use clientscope::{analyze, Lang, Options, Report};
use serde_json::{json, Value};

fn report() -> Report {
    let path = format!("{}/../tests/fixtures/segments_hand.csv", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let opts = Options { window: 6, as_of: NaiveDate::from_ymd_opt(2024, 6, 30), ..Options::default() };
    analyze(&bytes, &opts).unwrap()
}

fn client<'a>(r: &'a Report, id: &str) -> &'a ClientOut {
    r.clients.iter().find(|c| &*c.id == id).unwrap()
}

fn v<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

#[test]
fn abc_with_boundary_tie_zero_and_return_only() {
    let r = report();
    // Window revenue: Anchor 6000, Crest 2000, Bolt 1500, Echo 500, Fjord 500,
    // Dune 300, Zero 0, Refund -50. Positive total 10 800. Share held by larger:
    // Crest 6000/10800 = 55.6 %, Bolt 8000/10800 = 74.1 % (A; crosses 80 %),
    // Echo = Fjord = 9500/10800 = 88.0 % (B, tied), Dune 10500/10800 = 97.2 % (C).
    let classes: Vec<(&str, Value)> = r.clients.iter().map(|c| (c.id.as_ref(), v(&c.abc))).collect();
    assert_eq!(
        classes,
        vec![
            ("Anchor", json!("A")),
            ("Crest", json!("A")),
            ("Bolt", json!("A")),
            ("Echo", json!("B")),
            ("Fjord", json!("B")),
            ("Dune", json!("C")),
            ("Zero", json!("C")),
            ("Refund", json!("C")),
        ]
    );
    let g = v(&r.abc.groups);
    assert_eq!((&g[0]["count"], &g[0]["value"], &g[0]["count_share"]), (&json!(3), &json!("9500.00"), &json!(0.375)));
    assert_eq!(g[1]["value"], "1000.00");
    assert_eq!(g[2]["value"], "250.00");
    assert_eq!(r.totals.margin.unwrap().to_string(), "2510.00");
}

#[test]
fn abc_by_product_and_manager_with_xyz_by_variation() {
    let r = report();
    let products = v(&r.abc_by["product"]);
    // Widget 7600, Gadget 3150 (the return nets it): both A (7600/10750 = 70.7 %).
    assert_eq!(products["items"][0]["id"], "Widget");
    assert_eq!(products["items"][0]["value"], "7600.00");
    assert_eq!(products["items"][1]["value"], "3150.00");
    assert_eq!(products["groups"][0]["count"], 2);
    // Widget by month 3000, 1000, 1000, 1000, 1000, 600: CV 62.3 % (over 50 %): Z.
    let cv = products["items"][0]["xyz_value"].as_f64().unwrap();
    assert!((cv - 0.622_745_240_3).abs() < 1e-9, "{cv}");
    assert_eq!(products["items"][0]["xyz"], "Z");
    let managers = v(&r.abc_by["manager"]);
    // Ivanova by month 1500, 1000, 1500, 1000, 1500, 1000: CV exactly 20 %: X under
    // the default bounds 25/50 % (it was Y under the classic 10/25 %, which put every
    // product of the demo in Z; docs/decisions.md).
    assert_eq!(managers["items"][0]["id"], "Ivanova");
    assert_eq!(managers["items"][0]["xyz"], "X");
    assert_eq!(managers["items"][0]["xyz_value"], 0.2);
    assert_eq!(managers["xyz"]["method"], "variation");

    // The same file ranked by purchases: Anchor 6 orders (its two June lines are
    // one), Bolt 3, Echo 2, the rest 1 (Refund 0).
    let opts = Options {
        window: 6,
        as_of: NaiveDate::from_ymd_opt(2024, 6, 30),
        segment: clientscope::segment::options::SegmentOptions {
            abc_measure: clientscope::segment::Measure::Purchases,
            abc_dimension: clientscope::segment::Dimension::Manager,
            ..Default::default()
        },
        ..Options::default()
    };
    let bytes = std::fs::read(format!("{}/../tests/fixtures/segments_hand.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let p = analyze(&bytes, &opts).unwrap();
    assert_eq!(v(&p.abc.dimension), "manager");
    // Ivanova: Anchor's 6 orders + Bolt's 3; Petrov: Crest and Dune.
    assert_eq!(p.abc.items[0].value.to_string(), "9.00");
    assert_eq!(p.abc.items[1].value.to_string(), "2.00");
    let clients = v(&p.abc_by["client"]);
    assert_eq!(clients["measure"], "purchases");
    // 15 purchases: Anchor 0, Bolt 6/15, Echo 9/15, the tied ones 11/15 above: all A.
    assert_eq!(clients["groups"][0]["value"], "15.00");
    assert_eq!(clients["groups"][0]["count"], 7);
}

#[test]
fn xyz_by_frequency_with_new_and_returns_only() {
    let r = report();
    let got: Vec<(&str, Option<&str>, Value, Option<f64>)> =
        r.clients.iter().map(|c| (c.id.as_ref(), c.xyz.as_deref(), v(&c.xyz_status), c.xyz_value)).collect();
    assert_eq!(
        got,
        vec![
            // 6 of 6 months.
            ("Anchor", Some("X"), json!("ok"), Some(1.0)),
            // January only: 1 of 6.
            ("Crest", Some("Z"), json!("ok"), Some(1.0 / 6.0)),
            // January, March, May: 3 of 6.
            ("Bolt", Some("Y"), json!("ok"), Some(0.5)),
            // From February: 2 of 5.
            ("Echo", Some("Y"), json!("ok"), Some(0.4)),
            // From March: 1 of 4 = 25 %, on the Y bound.
            ("Fjord", Some("Y"), json!("ok"), Some(0.25)),
            // First purchase in June, the last period.
            ("Dune", Some("Z"), json!("new"), None),
            // A zero-amount sale is still a purchase: May and June, 1 of 2.
            ("Zero", Some("Y"), json!("ok"), Some(0.5)),
            ("Refund", Some("Z"), json!("no_purchases"), None),
        ]
    );
    assert_eq!(r.xyz.periods, 6);
    assert_eq!(v(&r.xyz.statuses), json!({"new": 1, "no_purchases": 1, "ok": 6}));
}

#[test]
fn matrix_cells_list_their_clients() {
    let r = report();
    let cells: Vec<(&str, usize, String, Vec<String>)> = r
        .matrix
        .cells
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.cell.as_str(), c.count, c.revenue.to_string(), c.clients.iter().map(|x| x.to_string()).collect()))
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        cells,
        vec![
            ("AX", 1, "6000.00".into(), s(&["Anchor"])),
            ("AY", 1, "1500.00".into(), s(&["Bolt"])),
            ("AZ", 1, "2000.00".into(), s(&["Crest"])),
            ("BY", 2, "1000.00".into(), s(&["Echo", "Fjord"])),
            ("CY", 1, "0.00".into(), s(&["Zero"])),
            ("CZ", 2, "250.00".into(), s(&["Dune", "Refund"])),
        ]
    );
    assert!((r.matrix.cells[0].revenue_share - 6000.0 / 10750.0).abs() < 1e-12);
    assert!(!r.matrix.cells[0].playbook.actions[0].get(Lang::Uk).is_empty());
}

#[test]
fn abcdx_d_x_and_potential() {
    let r = report();
    let got: Vec<(&str, Option<&str>)> = r.clients.iter().map(|c| (c.id.as_ref(), c.abcdx.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("Anchor", Some("A")),
            // Crest: 167 days since its only purchase > 90.
            ("Crest", Some("AD")),
            // Bolt: margin 60 / 1500 = 4 % < 5 % while A.
            ("Bolt", Some("X")),
            // Echo: 81 days, median interval 60 -> threshold 180.
            ("Echo", Some("B")),
            // Fjord: 102 days since its only purchase > 90.
            ("Fjord", Some("BD")),
            ("Dune", Some("C")),
            ("Zero", Some("C")),
            ("Refund", None),
        ]
    );
    let a = v(&r.abcdx);
    assert_eq!(a["x_rule"], "margin");
    assert_eq!(a["lost"][0]["id"], "Crest");
    assert_eq!(a["lost"][0]["days_since"], 167);
    assert_eq!(a["lost"][0]["threshold_days"], 90.0);
    assert_eq!(a["lost"][1]["id"], "Fjord");
    assert_eq!(a["costly"][0]["id"], "Bolt");
    assert_eq!(a["costly"][0]["ratio"], 0.04);
    assert_eq!(a["costly"][0]["manager"], "Ivanova");
    // Potential A but fact C (Dune); B but fact C (Zero); Echo is B as it could be.
    let gaps: Vec<(&str, &str, &str)> = a["potential"]["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["id"].as_str().unwrap(), g["potential"].as_str().unwrap(), g["fact"].as_str().unwrap()))
        .collect();
    assert_eq!(gaps, vec![("Dune", "A", "C"), ("Zero", "B", "C")]);
    let counts: Vec<(String, u64)> = a["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap().into(), g["count"].as_u64().unwrap()))
        .collect();
    let want: Vec<(String, u64)> = [("A", 1), ("B", 1), ("C", 2), ("AD", 1), ("BD", 1), ("CD", 0), ("X", 1)]
        .iter()
        .map(|(g, n)| (g.to_string(), *n))
        .collect();
    assert_eq!(counts, want);
}

#[test]
fn concentration_figures() {
    let c = report().concentration;
    // Clipped values 6000, 2000, 1500, 500, 500, 300, 0, 0 (sum 10 800).
    assert_eq!((c.clients, c.positive_clients), (8, 6));
    assert_eq!(&*c.largest.as_ref().unwrap().id, "Anchor");
    assert!((c.largest.as_ref().unwrap().share - 6000.0 / 10800.0).abs() < 1e-12);
    assert!((c.top5_share - 10500.0 / 10800.0).abs() < 1e-12);
    // Top 20 % of 8 clients, rounded up: 2 clients, 8000 / 10 800.
    assert_eq!(c.top20_clients, 2);
    assert!((c.top20_share - 8000.0 / 10800.0).abs() < 1e-12);
    // Ascending, sum(i * x_i) = 3*300 + 4*500 + 5*500 + 6*1500 + 7*2000 + 8*6000 = 76 400;
    // G = 2 * 76 400 / (8 * 10 800) - 9 / 8.
    assert!((c.gini - (2.0 * 76400.0 / 86400.0 - 9.0 / 8.0)).abs() < 1e-12);
    assert_eq!(v(&c.risk.level), "high");
    assert_eq!(c.risk.code, "concentration.high");
    assert!(c.risk.text(Lang::Ru).contains("«Anchor» даёт 56\u{a0}%"), "{}", c.risk.text(Lang::Ru));
    assert!(c.risk.text(Lang::En).contains("top five bring 97%"), "{}", c.risk.text(Lang::En));
}

#[test]
fn loyalty_quadrants() {
    let q = report().quadrants;
    assert_eq!(v(&q.profit_measure), "margin");
    // Margin: Anchor 1800, Crest 400, Echo 100, Fjord 100, Bolt 60, Dune 60, Zero 0:
    // median 100. Loyalty (mean of regularity, tenure, recency, NPS / 10), e.g. Echo:
    // (2/5 + 141/178 + (1 - 81/180) + 0.7) / 4 = 0.6105, the median of the seven.
    assert_eq!(q.profit_split, 100.0);
    assert!((q.loyalty_split - 0.610_533_707_865).abs() < 1e-9);
    let got: Vec<(&str, Value)> = q.points.iter().map(|p| (p.id.as_ref(), v(&p.quadrant))).collect();
    assert_eq!(
        got,
        vec![
            ("Anchor", json!("III")),
            ("Crest", json!("IV")),
            ("Echo", json!("III")),
            ("Fjord", json!("IV")),
            ("Bolt", json!("II")),
            ("Dune", json!("II")),
            ("Zero", json!("I")),
        ]
    );
    let anchor = q.points[0].loyalty;
    // (1 + 177/178 + (1 - 20/93) + 1) / 4.
    assert!((anchor - (1.0 + 177.0 / 178.0 + (1.0 - 20.0 / 93.0) + 1.0) / 4.0).abs() < 1e-12);
}

#[test]
fn nps_overall_and_by_segment() {
    let n = report().nps.unwrap();
    // Answers 8, 10, 6, 9, 7: promoters 2, detractors 1 of 5 = 20.
    assert_eq!((n.overall.responses, n.overall.promoters, n.overall.detractors), (5, 2, 1));
    assert_eq!(n.overall.score, 20.0);
    // Latest per client: Anchor 10, Bolt 6, Dune 9, Echo 7: (2 - 1) / 4 = 25.
    assert_eq!(n.clients.score, 25.0);
    assert_eq!(n.by_segment["abc"]["A"].score, 0.0);
    assert_eq!(n.by_segment["abc"]["C"].score, 100.0);
    assert_eq!(n.by_segment["abcdx"]["X"].detractors, 1);
    assert_eq!(n.by_segment["manager"]["Ivanova"].responses, 2);
}

#[test]
fn rfm_scores_and_segments() {
    let r = report();
    let got: Vec<(&str, Option<&str>, Value)> =
        r.clients.iter().map(|c| (c.id.as_ref(), c.rfm.as_deref(), v(&c.rfm_segment))).collect();
    // Recency days: Dune 10, Anchor 20, Bolt 46, Zero 56, Echo 81, Fjord 102,
    // Crest 167; score = 1 + floor(5 x strictly-worse / 7).
    assert_eq!(
        got,
        vec![
            ("Anchor", Some("455"), json!("loyal")),
            ("Crest", Some("114"), json!("lost")),
            ("Bolt", Some("343"), json!("loyal")),
            ("Echo", Some("232"), json!("at_risk")),
            ("Fjord", Some("112"), json!("lost")),
            ("Dune", Some("511"), json!("new")),
            ("Zero", Some("311"), json!("about_to_sleep")),
            ("Refund", None, Value::Null),
        ]
    );
    assert_eq!(r.rfm.clients, 7);
    assert_eq!(r.rfm.ranges.recency_days[0], Some([102, 167]));
    assert_eq!(r.rfm.grid[0][0], 2);
}

#[test]
fn profile_fields_reach_the_client_rows() {
    let r = report();
    let d = client(&r, "Dune");
    assert_eq!((d.manager.as_deref(), d.channel.as_deref(), d.nps), (Some("Petrov"), Some("telegram"), Some(9)));
    assert!(client(&r, "Refund").loyalty.is_none());
}
