//! Dynamics and retention on a hand-made file (tests/fixtures/dynamics_hand.csv),
//! every figure worked out by hand. The file ends on 2025-12-15 (the as-of date);
//! months; the current span is Oct 1 - Dec 15 2025, its base Oct 1 - Dec 15 2024.
//!   Steady  3 000 on the 5th of every month 2024-2025
//!   Decline 1 000 on the 15th of every month, "Cement" in 2024, "Sand" in 2025,
//!           300 a month from October 2025
//!   Gone    2 000 on the 15th, January-June 2025, then silent
//!   Back    1 000 on Feb 1, Mar 1, Apr 1 2024; 5 000 on 2025-11-03 and 2025-12-01
//!   Newbie  500 on 2025-12-10
//!   Once    700 on 2024-05-20

use clientscope::money::Money;
use clientscope::report::{ClientOut, Report};
use clientscope::{analyze, Options};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fixture() -> String {
    std::fs::read_to_string(format!("{}/../tests/fixtures/dynamics_hand.csv", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn report(csv: &str) -> Report {
    analyze(csv.as_bytes(), &Options::default()).unwrap()
}

fn client<'a>(r: &'a Report, id: &str) -> &'a ClientOut {
    r.clients.iter().find(|c| &*c.id == id).unwrap()
}

fn j<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn units(u: i64) -> Money {
    Money::from_cents(u * 100)
}

#[test]
fn a_dropped_category_is_named() {
    // The same file with a category column: Cement is "Binders", Sand and Brick are
    // "Aggregates". Decline bought Binders until 2024-12-15 (inside the base span)
    // and only Aggregates since: it dropped one category, named. Steady keeps both
    // flags off (it bought Aggregates all along).
    let csv: String = fixture()
        .lines()
        .enumerate()
        .map(|(k, l)| {
            let category = if k == 0 {
                "Category"
            } else if l.contains(",Cement,") {
                "Binders"
            } else {
                "Aggregates"
            };
            format!("{l},{category}\n")
        })
        .collect();
    let r = report(&csv);
    let flags = j(&client(&r, "Decline").flags);
    let codes: Vec<&str> = flags.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["buys_less", "buys_cheaper", "dropped_products", "dropped_categories", "moved_down"]);
    assert_eq!(flags[3], json!({"code": "dropped_categories", "categories": ["Binders"], "count": 1}));
    assert!(j(&client(&r, "Steady").flags).as_array().unwrap().iter().all(|f| f["code"] != "dropped_categories"));
}

#[test]
fn flags_carry_their_figures() {
    let r = report(&fixture());
    assert_eq!(r.totals.as_of.to_string(), "2025-12-15");
    // Decline: now 3 x 300 = 900, before 3 x 1 000 = 3 000: -70 % (> 20 %); the average
    // check 300 vs 1 000: -70 % (> 15 %); 3 purchases both times, so not "less often";
    // Cement last bought 2024-12-15, inside the base, never since; AX a year ago
    // (12 000 of 51 700, 12/12 months) and BX now (9 900: 84.8 % above it, 12/12 months).
    assert_eq!(
        j(&client(&r, "Decline").flags),
        json!([
            {"code": "buys_less", "now": "900.00", "before": "3000.00", "change": -0.7},
            {"code": "buys_cheaper", "now": "300.00", "before": "1000.00", "change": -0.7},
            {"code": "dropped_products", "products": ["Cement"], "count": 1},
            {"code": "moved_down", "from": "AX", "to": "BX"}
        ])
    );
    // Gone: gaps 31, 28, 31, 30, 31 days, median 31, threshold max(90, 3 x 31) = 93;
    // 2025-06-15 to 2025-12-15 = 183 days > 93: D. Overdue 183 / 31 = 5.90: likely lost.
    let gone = client(&r, "Gone");
    assert_eq!(j(&gone.flags), json!([{"code": "gone", "days_since": 183, "threshold_days": 93.0}]));
    let o = gone.overdue.unwrap();
    assert!((o.ratio - 183.0 / 31.0).abs() < 1e-12);
    assert_eq!(j(&o.level), json!("likely_lost"));
    assert_eq!(gone.reason.as_deref(), Some("Delivery delays"));
    // Back: gaps 29, 31, 581, 28, median 30, threshold 90; 581 > 90 so the purchase of
    // 2025-11-03 is a return, and 5 000 + 5 000 came back with it.
    assert_eq!(
        j(&client(&r, "Back").flags),
        json!([{"code": "returned", "on": "2025-11-03", "gap_days": 581, "revenue": "10000.00"}])
    );
    assert_eq!(j(&client(&r, "Newbie").flags), json!([{"code": "new", "first_purchase": "2025-12-10"}]));
    // Once: 574 days since its only purchase > 90.
    assert_eq!(j(&client(&r, "Once").flags), json!([{"code": "gone", "days_since": 574, "threshold_days": 90.0}]));
    assert!(client(&r, "Steady").flags.is_empty());
    // Steady: 10 days since Dec 5 / median 31 = 0.32: no level.
    assert_eq!(client(&r, "Steady").overdue.unwrap().level, None);
    assert_eq!(r.flags.counts.values().sum::<usize>(), 4 + 1 + 1 + 1 + 1);
}

#[test]
fn transitions_leaving_and_the_pool() {
    let r = report(&fixture());
    // A year ago (window 2023-12-15..2024-12-15): Steady AX, Decline AX, Back BY, Once CZ.
    // Now: Steady AX, Gone AY (6 of 12 months), Back AZ (2 of 12), Decline BX, Newbie CZ.
    let t = &r.transitions.year_ago;
    assert_eq!((t.clients_before, t.clients_now), (4, 5));
    assert_eq!((t.stayed, t.moved_up, t.moved_down, t.new, t.gone), (1, 1, 1, 2, 1));
    let moves: Vec<(&str, &str, usize)> = t.moves.iter().map(|m| (m.from.as_str(), m.to.as_str(), m.count)).collect();
    assert_eq!(
        moves,
        [("AX", "AX", 1), ("AX", "BX", 1), ("BY", "AZ", 1), ("CZ", "gone", 1), ("new", "AY", 1), ("new", "CZ", 1)]
    );
    assert_eq!(j(&client(&r, "Back").cell_year_ago), json!("BY"));
    // Leaving: only Decline (900 vs 3 000 is a 70 % drop > 50 %, still buying); at stake its
    // annual value, the twelve months to 2025-12-15: 9 x 1 000 + 3 x 300 = 9 900.
    assert_eq!(r.leaving.list.len(), 1);
    assert_eq!((r.leaving.list[0].id.as_ref(), r.leaving.at_stake), ("Decline", units(9_900)));
    // Pool, twelve months of 2025. Before: Steady, Decline, Back, Once came (4); Back lost
    // on 2024-07-01, Once on 2024-08-19: 2 active. 2025: Gone new in January, lost on
    // 2025-09-16 (June 15 + 93 + 1 days), Back returned in November, Newbie new in December.
    let p = &r.pool.periods;
    assert_eq!(p.len(), 12);
    assert_eq!(p[0].active_start, 2);
    let sum = |f: fn(&clientscope::retention::leakage::PoolPeriod) -> usize| p.iter().map(f).sum::<usize>();
    assert_eq!((sum(|x| x.new), sum(|x| x.returned), sum(|x| x.lost)), (2, 1, 1));
    assert_eq!((p[8].lost, p[10].returned, p[11].new), (1, 1, 1));
    assert_eq!(p[11].active_end, 4);
    for w in p.windows(2) {
        assert_eq!(w[0].active_end, w[1].active_start);
    }
    for x in p {
        assert_eq!(x.active_end, x.active_start + x.new + x.returned - x.lost);
    }
}

#[test]
fn leakage_ltv_winback_and_one_time_buyers() {
    let r = report(&fixture());
    // Bought in (2023-12-15, 2024-12-15]: Steady, Decline, Back, Once; of them only Once
    // bought nothing in the last twelve months: 1 / 4 = 25 % > 10 %.
    let l = &r.leakage;
    assert_eq!((l.base_clients, l.leaked, l.rate), (4, 1, Some(0.25)));
    assert_eq!(j(&l.status), json!("above_norm"));
    assert!(!l.complete_history);
    let reasons = l.reasons.as_ref().unwrap();
    assert_eq!((reasons.lost_clients, reasons.with_reason, reasons.reference.len(), reasons.usual.len()), (2, 2, 5, 6));
    assert!((reasons.reference.iter().map(|x| x.share).sum::<f64>() - 1.0).abs() < 1e-12);
    // Revenue to date 21 900 + 12 000 + 13 000 + 500 + 700 + 72 000 = 120 100 over 6 clients
    // = 20 016.6667. Annual values of those not gone: 36 000 + 9 900 + 10 000 + 500 = 56 400
    // (14 100 each). Lost in the last twelve months: Gone (D on 2025-09-16), 12 000 a year;
    // Once became D in 2024.
    let v = &r.ltv;
    assert_eq!((v.clients, v.revenue, v.average_ltv), (6, units(120_100), Money(200_166_667)));
    assert_eq!((v.annual_value, v.average_annual_value), (units(56_400), units(14_100)));
    assert_eq!((v.lost_clients, v.lost_revenue), (1, units(12_000)));
    // Win-back: Gone held AX while active (A now; 6 of 6 months from its first): group 1.
    // Once: C against today's bars (700 < 9 900), one month of history: CZ, group 4.
    let w = &r.winback;
    let groups: Vec<(u8, usize, Money)> = w.groups.iter().map(|g| (g.group, g.count, g.annual_value)).collect();
    assert_eq!(groups, [(1, 1, units(12_000)), (2, 0, Money::ZERO), (3, 0, Money::ZERO), (4, 1, units(700))]);
    assert_eq!((w.lost, w.annual_value), (2, units(12_700)));
    assert_eq!(
        j(&w.groups[0].clients[0]),
        json!({"id": "Gone", "cell": "AX", "annual_value": "12000.00", "products": ["Brick"]})
    );
    let gone = client(&r, "Gone");
    assert_eq!((gone.manager.as_deref(), gone.channel.as_deref()), (Some("Ivanova"), Some("WhatsApp")));
    let o = &r.one_time_buyers;
    assert_eq!((o.count, o.revenue, o.clients[0].id.as_ref(), o.questions.len()), (1, units(700), "Once", 4));
    assert_eq!(o.clients[0].products, [std::sync::Arc::from("Tile")]);
    // Six clients are too few for BG/NBD: a status and nulls, no NaN.
    assert_eq!(j(&r.btyd.status), json!("too_few_data"));
    assert!(r.clients.iter().all(|c| c.p_alive.is_none() && c.clv.is_none()));
}

#[test]
fn revenue_by_class_and_cohorts() {
    let r = report(&fixture());
    // Classes now: A Steady, Gone, Back; B Decline; C Newbie (Once has none, silent in 2025).
    // Jan-Jun: A 3 000 + 2 000 = 5 000, B 1 000; Jul-Sep: A 3 000, B 1 000; Oct: A 3 000,
    // B 300; Nov: A 3 000 + 5 000 (Back) = 8 000, B 300; Dec: A 8 000, B 300, C 500 (Newbie).
    let p = &r.revenue_by_class.periods;
    let got: Vec<(String, i64, i64, i64, i64)> = p
        .iter()
        .map(|x| {
            let u = |m: Money| m.0 / 10_000;
            (x.period_start.to_string()[..7].to_string(), u(x.revenue.a), u(x.revenue.b), u(x.revenue.c), u(x.total))
        })
        .collect();
    let mut want: Vec<(String, i64, i64, i64, i64)> = Vec::new();
    for m in 1..=12 {
        let (a, b, c) = match m {
            1..=6 => (5_000, 1_000, 0),
            7..=9 => (3_000, 1_000, 0),
            10 => (3_000, 300, 0),
            11 => (8_000, 300, 0),
            _ => (8_000, 300, 500),
        };
        want.push((format!("2025-{m:02}"), a, b, c, a + b + c));
    }
    assert_eq!(got, want);
    // The year: 6 x 6 000 + 3 x 4 000 + 3 300 + 8 300 + 8 800 = 68 400, the clients'
    // window revenue (36 000 + 12 000 + 10 000 + 9 900 + 500).
    let year: Money = p.iter().map(|x| x.total).sum();
    assert_eq!(year, units(68_400));
    assert_eq!(year, r.clients.iter().map(|c| c.window_revenue).sum());
    assert_eq!(
        j(&p[11]),
        json!({"period_start": "2025-12-01", "revenue": {"A": "8000.00", "B": "300.00", "C": "500.00"}, "total": "8800.00"})
    );
    // Cohorts over the same twelve months: Steady, Decline, Back and Once first bought in
    // 2024, so none of theirs. Gone: January, bought January to June (6 of 12 months);
    // Newbie: December, one month seen. Sizes match the pool's new clients.
    let k = &r.cohorts.cohorts;
    let rows: Vec<(String, usize, Vec<usize>)> =
        k.iter().map(|c| (c.period_start.to_string(), c.clients, c.active.clone())).collect();
    assert_eq!(
        rows,
        [("2025-01-01".into(), 1, vec![1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]), ("2025-12-01".into(), 1, vec![1])]
    );
    assert_eq!(k[0].share[5..7], [1.0, 0.0]);
    assert_eq!((r.pool.periods[0].new, r.pool.periods[11].new), (1, 1));
}

/// Seed 003: twenty regular clients lost within the year, each 40 000 a purchase every
/// four months (3 a year): 20 x 40 000 x 3 = 2 400 000 a year walked out.
#[test]
fn seed_003_lost_revenue_is_2_400_000() {
    let mut csv = String::from("Date;Client;Amount\n");
    for k in 0..20 {
        for d in ["15.01.2023", "15.05.2023", "15.09.2023"] {
            csv.push_str(&format!("{d};Lost {k:02};40000\n"));
        }
    }
    for m in 1..=12 {
        csv.push_str(&format!("28.{m:02}.2025;Anchor;100\n"));
    }
    // As of 2025-06-30: gaps 120 and 123 days, threshold 3 x 121.5 = 364.5 days, so each
    // became D on 2024-09-14, within the last twelve months.
    let opts = Options { as_of: chrono::NaiveDate::from_ymd_opt(2025, 6, 30), ..Options::default() };
    let r = analyze(csv.as_bytes(), &opts).unwrap();
    assert_eq!(r.ltv.lost_clients, 20);
    assert_eq!(r.ltv.lost_revenue, units(2_400_000));
    assert!(r.clients.iter().filter(|c| c.id.starts_with("Lost")).all(|c| c.annual_value == Some(units(120_000))));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// Row order changes no flag, overdue ratio, cell or list.
    #[test]
    fn row_order_changes_nothing(seed in any::<u64>()) {
        let text = fixture();
        let mut lines: Vec<&str> = text.lines().skip(1).collect();
        let mut s = seed | 1;
        for i in (1..lines.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            lines.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled = format!("{}\n{}\n", text.lines().next().unwrap(), lines.join("\n"));
        let (a, b) = (report(&text), report(&shuffled));
        prop_assert_eq!(j(&a.clients), j(&b.clients));
        prop_assert_eq!(j(&a.leaving), j(&b.leaving));
        prop_assert_eq!(j(&a.pool), j(&b.pool));
        prop_assert_eq!(j(&a.winback), j(&b.winback));
    }
}
