//! The demo's truths, checked against its CSV read back independently (split on
//! `\n` and `;`, money as integer kopecks).

use super::*;
use std::collections::BTreeMap;

struct Line {
    date: NaiveDate,
    doc: String,
    client: String,
    qty: i64,
    price: i64,
    sum: i64,
}

fn kop(s: &str) -> i64 {
    let (w, f) = s.split_once(',').unwrap();
    let v = w.trim_start_matches('-').parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap();
    if s.starts_with('-') {
        -v
    } else {
        v
    }
}

fn lines(d: &Demo) -> Vec<Line> {
    let mut it = d.csv.lines();
    assert_eq!(it.next(), Some("Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма"));
    it.map(|l| {
        let f: Vec<&str> = l.split(';').collect();
        assert_eq!(f.len(), 8, "{l}");
        Line {
            date: NaiveDate::parse_from_str(f[0], "%d.%m.%Y").unwrap(),
            doc: f[1].to_string(),
            client: f[2].to_string(),
            qty: f[5].parse().unwrap(),
            price: kop(f[6]),
            sum: kop(f[7]),
        }
    })
    .collect()
}

fn money(k: i64) -> String {
    format!("{}{}.{:02}", if k < 0 { "-" } else { "" }, k.abs() / 100, k.abs() % 100)
}

/// Revenue by month index (0 = 2023-01) for one client.
fn by_month(ls: &[&Line]) -> BTreeMap<u32, i64> {
    let mut m = BTreeMap::new();
    for l in ls {
        *m.entry(((l.date.year() - 2023) * 12) as u32 + l.date.month0()).or_default() += l.sum;
    }
    m
}

#[test]
fn truth_matches_a_recount_of_the_csv() {
    let d = demo();
    let ls = lines(&d);
    assert_eq!(d.truth.rows, ls.len());
    assert!((60_000..=120_000).contains(&ls.len()), "{} rows", ls.len());
    assert_eq!(d.truth.total_revenue, money(ls.iter().map(|l| l.sum).sum()));
    assert_eq!(d.truth.returns, ls.iter().filter(|l| l.sum < 0).count());
    assert_eq!(d.truth.first_date, ls.iter().map(|l| l.date).min().unwrap().to_string());
    assert_eq!(d.truth.last_date, ls.iter().map(|l| l.date).max().unwrap().to_string());
    for l in &ls {
        assert_eq!(l.sum, l.qty * l.price, "Сумма = Количество x Цена");
        assert!(l.price > 0);
    }
    let mut per: BTreeMap<&str, (i64, BTreeSet<&str>)> = BTreeMap::new();
    for l in &ls {
        let e = per.entry(&l.client).or_default();
        e.0 += l.sum;
        if l.doc.starts_with("РН-") {
            e.1.insert(&l.doc);
        }
    }
    assert_eq!(per.len(), d.truth.clients.len());
    for (name, t) in &d.truth.clients {
        let (rev, docs) = &per[name.as_str()];
        assert_eq!(t.revenue, money(*rev), "{name}");
        assert_eq!(t.purchases, docs.len(), "{name}");
        assert!(!name.contains([';', '"', '\n']), "{name}");
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    assert_eq!(generate(7).csv, generate(7).csv);
    assert_ne!(generate(7).csv, generate(8).csv);
}

#[test]
fn every_client_fits_its_type() {
    let d = demo();
    let ls = lines(&d);
    let mut by_client: BTreeMap<&str, Vec<&Line>> = BTreeMap::new();
    for l in &ls {
        by_client.entry(&l.client).or_default().push(l);
    }
    let mut counts: BTreeMap<Archetype, usize> = BTreeMap::new();
    let end_q3 = ymd(2025, 8, 31);
    let oct = ymd(2025, 10, 1);
    for (name, t) in &d.truth.clients {
        *counts.entry(t.archetype).or_default() += 1;
        let mine = &by_client[name.as_str()];
        let sales: BTreeSet<(NaiveDate, &str)> =
            mine.iter().filter(|l| l.doc.starts_with("РН-")).map(|l| (l.date, l.doc.as_str())).collect();
        let months = by_month(mine);
        match t.archetype {
            Archetype::OneTime => {
                assert_eq!(sales.len(), 1, "{name}");
                assert!(sales.iter().all(|(d, _)| *d <= end_q3), "{name}");
            }
            Archetype::Churner => {
                assert!(mine.iter().all(|l| l.date <= end_q3), "{name} bought after 2025-08");
                assert!(months.len() >= 6, "{name}: {} active months", months.len());
            }
            Archetype::Returnee => {
                let late = sales.iter().filter(|(d, _)| *d >= oct).count();
                assert!(late >= 2, "{name}: {late} invoices in Oct-Dec 2025");
                let before: Vec<u32> = months.keys().copied().filter(|&m| m < 33).collect();
                let last_before = *before.last().unwrap();
                assert!(33 - last_before > 6, "{name}: gap of {} months", 33 - last_before);
            }
            Archetype::Decliner => {
                let prev: i64 = (18..30).map(|m| months.get(&m).copied().unwrap_or(0)).sum();
                let late: i64 = (30..36).map(|m| months.get(&m).copied().unwrap_or(0)).sum();
                // Monthly average of Jul-Dec 2025 at most half of the year before.
                assert!(late * 12 <= prev * 6 / 2, "{name}: {late} vs {prev}");
                assert!(months.contains_key(&34) || months.contains_key(&35), "{name} still buys");
            }
            Archetype::New => assert!(mine.iter().all(|l| l.date >= oct), "{name}"),
            Archetype::Steady => {
                for year in 0..3 {
                    let active = (year * 12..year * 12 + 12).filter(|m| months.contains_key(m)).count();
                    assert!(active >= 10, "{name}: {active} months in year {year}");
                }
            }
            Archetype::Seasonal | Archetype::Occasional => {}
        }
    }
    let share = |a| counts[&a] as f64 / d.truth.clients.len() as f64;
    assert!((share(Archetype::Steady) - 0.25).abs() < 0.01);
    assert!((share(Archetype::Churner) - 0.10).abs() < 0.01);
    assert_eq!(d.truth.clients.len(), 2000);
}
