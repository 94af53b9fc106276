//! The summary path gives the line path's Report: each file's typed lines are
//! collapsed here into the per-client-day summary the warehouse query writes
//! (an independent implementation of `warehouse::sql`'s rules, in Rust), the
//! summary is analysed as a file of its own, and the two Reports are compared
//! field for field. The exceptions are what needs the lines: `input` (rows,
//! headers), products (product ABC, "dropped a product" or category, the products
//! of the win-back and one-time lists). `make test-warehouse` runs the same
//! comparison with the real DuckDB and Spark running the generated SQL.

#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use clientscope::money::Money;
use clientscope::warehouse::lines::{self, field, Line};
use clientscope::{analyze, Options};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Default)]
struct Day {
    revenue: Money,
    margin: Option<Money>,
    quantity: Option<Money>,
    cost_to_serve: Option<Money>,
    purchases: u32,
    returns: u32,
    returns_amount: Money,
    channel: Option<String>,
    potential: Option<String>,
    reason: Option<String>,
}

fn add(sum: &mut Option<Money>, v: Option<Money>) {
    if let Some(v) = v {
        *sum = Some(sum.unwrap_or(Money::ZERO) + v);
    }
}

/// The greater of two optional texts, none only when both are (SQL's MAX, MIN).
fn max_text(a: &mut Option<String>, b: &Option<String>) {
    if b.is_some() && (a.is_none() || b > a) {
        a.clone_from(b);
    }
}

fn min_text(a: &mut Option<String>, b: &Option<String>) {
    if b.is_some() && (a.is_none() || b < a) {
        a.clone_from(b);
    }
}

type Key = (String, NaiveDate, Option<String>, Option<String>);
/// A client's order: its id, or the day for lines without one.
type OrderKey = (String, Option<String>, Option<NaiveDate>);

/// The summary of `lines` as CSV, by the rules of `warehouse::sql`.
fn summarise(lines: &[Line]) -> String {
    let mut days: BTreeMap<Key, Day> = BTreeMap::new();
    // (client, order or day) -> (first day, first manager, first branch).
    let mut orders: BTreeMap<OrderKey, (NaiveDate, Option<String>, Option<String>)> = BTreeMap::new();
    for l in lines {
        let d = days.entry((l.client.clone(), l.date, l.manager.clone(), l.branch.clone())).or_default();
        d.revenue += l.amount;
        add(&mut d.margin, l.margin);
        add(&mut d.quantity, l.quantity);
        add(&mut d.cost_to_serve, l.cost_to_serve);
        if l.is_return {
            d.returns += 1;
            d.returns_amount += l.amount;
        }
        max_text(&mut d.channel, &l.channel);
        max_text(&mut d.potential, &l.potential);
        max_text(&mut d.reason, &l.reason);
        if !l.is_return {
            let key = (l.client.clone(), l.order.clone(), l.order.is_none().then_some(l.date));
            let o = orders.entry(key).or_insert((l.date, None, None));
            o.0 = o.0.min(l.date);
            min_text(&mut o.1, &l.manager);
            min_text(&mut o.2, &l.branch);
        }
    }
    for ((client, _, _), (day, manager, branch)) in orders {
        days.entry((client, day, manager, branch)).or_default().purchases += 1;
    }
    let money = |m: Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
    let text = |s: &Option<String>| s.as_deref().map(field).unwrap_or_default();
    let mut out = String::from(
        "client,date,manager,branch,revenue,margin,quantity,cost_to_serve,purchases,returns,returns_amount,channel,potential,reason,nps\n",
    );
    for ((client, date, manager, branch), d) in &days {
        let cells = [
            field(client),
            date.to_string(),
            text(manager),
            text(branch),
            d.revenue.to_string(),
            money(d.margin),
            money(d.quantity),
            money(d.cost_to_serve),
            d.purchases.to_string(),
            d.returns.to_string(),
            d.returns_amount.to_string(),
            text(&d.channel),
            text(&d.potential),
            text(&d.reason),
            String::new(),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    // Each NPS answer on a row of its own.
    for l in lines.iter().filter(|l| l.nps.is_some()) {
        let nps = l.nps.map(|n| n.to_string()).unwrap_or_default();
        out.push_str(&format!("{},{},,,0.00,,,,0,0,0.00,,,,{nps}\n", field(&l.client), l.date));
    }
    out
}

/// Paths where two JSON values differ (at most `limit`).
fn diff(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() >= 20 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                diff(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff(p, q, &format!("{path}[{i}]"), out);
            }
        }
        _ if a != b => out.push(format!("{path}: lines {a} / summary {b}")),
        _ => {}
    }
}

/// The Report as JSON without what a summary cannot have (see the module's doc).
fn comparable(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    o.remove("input");
    if let Some(by) = o.get_mut("abc_by").and_then(Value::as_object_mut) {
        by.remove("product");
    }
    let product_flag = |f: &Value| matches!(f["code"].as_str(), Some("dropped_products" | "dropped_categories"));
    for c in o["clients"].as_array_mut().unwrap() {
        c["flags"].as_array_mut().unwrap().retain(|f| !product_flag(f));
    }
    for key in ["dropped_products", "dropped_categories"] {
        if let Some(counts) = o["flags"].get_mut("counts").and_then(Value::as_object_mut) {
            counts.remove(key);
        }
    }
    strip_products(&mut o["winback"]);
    strip_products(&mut o["one_time_buyers"]);
    v
}

/// Every `products` list below `v` (the lines' products of a client).
fn strip_products(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("products");
            m.values_mut().for_each(strip_products);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_products),
        _ => {}
    }
}

fn same_report(name: &str, bytes: &[u8], opts: &Options) {
    let lines = lines::read(bytes, opts).unwrap();
    let summary = summarise(&lines);
    let from_lines = analyze(bytes, opts).unwrap();
    // A summary's revenue column names no currency (the lines' amount header may):
    // its user sets the `currency` setting, as the README says.
    let mut summary_opts = opts.clone();
    summary_opts.currency = summary_opts.currency.or(from_lines.settings.currency);
    let from_summary = analyze(summary.as_bytes(), &summary_opts).unwrap();
    let warnings: Vec<&str> = from_summary.input.warnings.iter().map(|w| w.code).collect();
    assert!(warnings.contains(&"summary_input"), "{name}: {warnings:?}");
    assert_eq!(from_summary.input.account.rows_skipped, 0, "{name}");
    let mut d = Vec::new();
    let a = comparable(serde_json::to_value(&from_lines).unwrap());
    let b = comparable(serde_json::to_value(&from_summary).unwrap());
    diff(&a, &b, name, &mut d);
    assert!(d.is_empty(), "{name}: the summary's Report differs:\n{}", d.join("\n"));
    // The comparison saw real figures, not two empty reports.
    assert!(!from_lines.clients.is_empty());
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_demo_summary_gives_the_same_report() {
    same_report("demo", clientscope::demo::demo().csv.as_bytes(), &Options::default());
}

#[test]
fn the_hand_fixtures_summaries_give_the_same_reports() {
    let half_year = Options { window: 6, as_of: NaiveDate::from_ymd_opt(2024, 6, 30), ..Options::default() };
    for (name, opts) in [
        ("abc_hand.csv", Options::default()),
        ("abc_small.csv", Options::default()),
        ("segments_hand.csv", half_year),
        ("dynamics_hand.csv", Options::default()),
        ("churn_reasons.csv", Options::default()),
        ("cdnow_master.csv", Options::default()),
    ] {
        same_report(name, &fixture(name), &opts);
    }
}

#[test]
fn the_export_fixtures_summaries_give_the_same_reports() {
    let dir = format!("{}/../tests/fixtures/ingest", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".json") || name.ends_with(".py") {
            continue;
        }
        same_report(&name, &std::fs::read(&path).unwrap(), &Options::default());
        seen += 1;
    }
    assert!(seen >= 10, "{seen} export fixtures");
}

#[test]
fn a_hand_written_summary_counts_what_it_says_and_skips_bad_counts_by_line() {
    // Two clients; Альфа buys twice on the 5th (one order spans days in its
    // lines, so its purchase sits on the earlier day), returns one line on the 9th.
    let summary = "Клиент;Дата;Выручка;Количество покупок;Возвратов;Сумма возвратов\n\
                   Альфа;05.03.2024;1 500,00;2;0;0\n\
                   Альфа;06.03.2024;200,00;0;0;0\n\
                   Альфа;09.03.2024;-50,00;0;1;-50,00\n\
                   Бета;07.03.2024;300,00;1;;\n\
                   Бета;08.03.2024;10,00;1,5;0;0\n\
                   Бета;10.03.2024;10,00;-1;0;0\n";
    let r = analyze(summary.as_bytes(), &Options::default()).unwrap();
    let a = &r.input.account;
    assert_eq!((a.rows_read, a.rows_used, a.rows_skipped), (6, 4, 2));
    assert_eq!(a.skipped["bad_count"].lines, vec![6, 7]);
    assert_eq!(r.input.columns["purchases"], "Количество покупок");
    assert_eq!(r.totals.revenue, Money::from_cents(1_950_00));
    assert_eq!((r.totals.purchases, r.totals.returns), (3, 1));
    assert_eq!(r.totals.returns_amount, Money::from_cents(-50_00));
    let alfa = r.clients.iter().find(|c| &*c.id == "Альфа").unwrap();
    assert_eq!((alfa.purchases, alfa.revenue), (2, Money::from_cents(1_650_00)));
    assert_eq!(alfa.first_purchase, NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(alfa.last_purchase, NaiveDate::from_ymd_opt(2024, 3, 5));
}
