//! ABC of clients on a fixture whose every figure was computed by hand
//! (tests/fixtures/abc_hand.csv): a boundary client, a tie, zero revenue, a client
//! with only a return, one outside the window, and rows that must be skipped.

use clientscope::segment::abc::Class;
use clientscope::{analyze, Options};
use serde_json::json;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_figure_matches_the_hand_calculation() {
    let r = analyze(&fixture("abc_hand.csv"), &Options::default()).unwrap();
    let input = serde_json::to_value(&r.input).unwrap();
    assert_eq!(input["rows_read"], 14);
    assert_eq!(input["rows_used"], 11);
    assert_eq!(input["rows_skipped"], 3);
    assert_eq!(
        input["skipped"],
        json!({
            "bad_amount": {"count": 1, "lines": [16]},
            "bad_date": {"count": 1, "lines": [17]},
            "totals_row": {"count": 1, "lines": [18]},
        })
    );
    assert_eq!(input["header_line"], 4);
    assert_eq!(input["preamble_lines"], 2);
    assert_eq!(input["columns"], json!({"date": "Дата", "order": "Номер", "client": "Контрагент", "amount": "Сумма"}));

    let t = serde_json::to_value(&r.totals).unwrap();
    assert_eq!(t["revenue"], "2170.00");
    assert_eq!(t["clients"], 9);
    // Гамма's two lines are one order; Возврат's return is not a purchase.
    assert_eq!(t["purchases"], 9);
    assert_eq!(t["returns"], 1);
    assert_eq!(t["returns_amount"], "-30.00");
    assert_eq!(t["first_date"], "2022-07-15");
    assert_eq!(t["last_date"], "2024-12-01");
    assert_eq!(t["as_of"], "2024-12-01");
    assert_eq!(t["window_start"], "2024-01-01");

    // Positive window total 1200. Share held by strictly larger clients:
    // Альфа 0; Бета, Бета-2 500/1200; Гамма 900/1200 = 75 % (crosses 80 %, stays A);
    // Дельта 1050/1200 = 87.5 %; Эпсилон 1150/1200 = 95.8 %; Ноль and Возврат <= 0.
    let class: Vec<(&str, Option<Class>, String)> =
        r.clients.iter().map(|c| (c.id.as_ref(), c.abc, c.window_revenue.to_string())).collect();
    use Class::{A, B, C};
    assert_eq!(
        class,
        vec![
            ("Альфа", Some(A), "500.00".into()),
            ("Бета", Some(A), "200.00".into()),
            ("Бета-2", Some(A), "200.00".into()),
            ("Гамма", Some(A), "150.00".into()),
            ("Дельта", Some(B), "100.00".into()),
            ("Эпсилон", Some(C), "50.00".into()),
            ("Старый", None, "0.00".into()),
            ("Ноль", Some(C), "0.00".into()),
            ("Возврат", Some(C), "-30.00".into()),
        ]
    );
    let g = serde_json::to_value(&r.abc.groups).unwrap();
    assert_eq!(g[0]["count"], 4);
    assert_eq!(g[0]["value"], "1050.00");
    assert_eq!(g[1]["value"], "100.00");
    assert_eq!(g[2]["value"], "20.00");
    assert_eq!(g[0]["count_share"], 0.5);
    // Of the 1200 of positive revenue the ranking divides by, not of the net 1170
    // (Возврат's -30 would otherwise lift every share; README, ABC).
    assert_eq!(g[0]["value_share"].as_f64().unwrap(), 1050.0 / 1200.0);
    assert_eq!(r.abc.inactive, 1);
    let alpha = &r.clients[0];
    assert_eq!((alpha.purchases, alpha.first_purchase.unwrap().to_string()), (2, "2024-03-10".into()));
}

#[test]
fn presets_and_whole_history_window() {
    // 50/30/20 over all data: total 2200 positive; Старый 1000 first (share 0),
    // Альфа 1000/2200 = 45 % -> A, Бета/Бета-2 1500/2200 = 68 % -> B,
    // Гамма 1900/2200 = 86 % -> C.
    let opts = Options { abc_thresholds: [50.0, 80.0], window: 0, ..Options::default() };
    let r = analyze(&fixture("abc_hand.csv"), &opts).unwrap();
    let classes: Vec<(&str, Option<Class>)> = r.clients.iter().map(|c| (c.id.as_ref(), c.abc)).take(5).collect();
    use Class::{A, B, C};
    assert_eq!(
        classes,
        vec![("Старый", Some(A)), ("Альфа", Some(A)), ("Бета", Some(B)), ("Бета-2", Some(B)), ("Гамма", Some(C))]
    );
    assert_eq!(r.abc.inactive, 0);
    assert_eq!(r.totals.window_start.to_string(), "2022-07-15");
}

#[test]
fn row_order_and_scale_change_no_class() {
    let text = String::from_utf8(fixture("abc_hand.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (head, body) = lines.split_at(4);
    let mut reversed: Vec<&str> = head.to_vec();
    reversed.extend(body.iter().rev());
    let base = analyze(text.as_bytes(), &Options::default()).unwrap();
    let rev = analyze(reversed.join("\n").as_bytes(), &Options::default()).unwrap();
    let classes = |r: &clientscope::Report| {
        let mut v: Vec<(String, Option<Class>)> = r.clients.iter().map(|c| (c.id.to_string(), c.abc)).collect();
        v.sort();
        v
    };
    assert_eq!(classes(&base), classes(&rev));
    assert_eq!(base.abc, rev.abc);
}
