//! Each manager's call list: one sheet per manager (the team's owner rule) with
//! their leaving clients, their gone clients by win-back group and their one-time
//! buyers, each with what the call needs. A one-time buyer is gone too: it is
//! listed once, as a one-time buyer (the survey call), not again under win-back.

use super::dynamics::flag_text;
use super::tables::{titles, Cell, Table};
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use std::collections::{HashMap, HashSet};

/// Excel's longest sheet name, in UTF-16 units.
pub const MAX_SHEET_NAME: usize = 31;

/// One sheet per manager, in the team's order (largest revenue first, the clients
/// no line names last); none when the file names no manager.
pub fn tables(r: &Report, lang: Lang) -> Vec<Table> {
    if !r.team.has_managers {
        return Vec::new();
    }
    let by_id: HashMap<&str, &ClientOut> = r.clients.iter().map(|c| (&*c.id, c)).collect();
    let one_time: HashSet<&str> = r.one_time_buyers.clients.iter().map(|o| &*o.id).collect();
    let owner = |id: &str| by_id.get(id).and_then(|c| c.manager.as_deref());
    // The workbook's own sheet of altered cells keeps its name.
    let mut taken: Vec<String> = vec![lang.t("altered.sheet").to_lowercase()];
    let mut out = Vec::new();
    for p in &r.team.managers {
        let name = p.name.as_deref();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let label = lang.t("calls.leaving");
        for l in r.leaving.list.iter().filter(|l| owner(&l.id) == name) {
            let c = by_id.get(&*l.id).copied();
            let mut facts: Vec<String> =
                c.map(|c| c.flags.iter().map(|f| flag_text(f, lang)).collect()).unwrap_or_default();
            if let Some((level, ratio)) = c.and_then(|c| c.overdue).and_then(|o| Some((o.level?, o.ratio))) {
                let key = format!("overdue.{}", crate::code::key(&level));
                facts.push(crate::format::times_text(&key, ratio, lang));
            }
            rows.push(row(label, &l.id, c, l.at_stake, facts.join("; "), String::new(), lang));
        }
        for g in &r.winback.groups {
            let label = lang.f("calls.winback", &[("n", &g.group)]);
            for w in g.clients.iter().filter(|w| owner(&w.id) == name && !one_time.contains(&*w.id)) {
                let c = by_id.get(&*w.id).copied();
                let facts =
                    format!("{} · {}", crate::code::text_of(&w.cell), lang.t(&format!("winback.group{}", g.group)));
                rows.push(row(&label, &w.id, c, w.annual_value, facts, w.products.join(", "), lang));
            }
        }
        let label = lang.t("calls.onetime");
        for o in r.one_time_buyers.clients.iter().filter(|o| owner(&o.id) == name) {
            let c = by_id.get(&*o.id).copied();
            let facts = c.map(|c| c.lifecycle.name(lang).to_string()).unwrap_or_default();
            rows.push(row(label, &o.id, c, o.revenue, facts, o.products.join(", "), lang));
        }
        if rows.is_empty() {
            let mut empty = vec![Cell::Text(lang.t("calls.nobody").to_string())];
            empty.resize(COLUMNS.len() + 3, Cell::Text(String::new()));
            rows.push(empty);
        }
        let wanted = name.unwrap_or_else(|| lang.t("calls.noManagerSheet"));
        let title = sheet_name(wanted, &mut taken);
        // The chance of a purchase in the next 30, 60, 90 days last, as in the other
        // client lists: whom to call first among those at stake.
        let columns = titles(lang, &COLUMNS).into_iter().chain(super::tables::buy_chance_titles(lang)).collect();
        out.push(Table { key: "calls", title, columns, rows, list: false });
    }
    out
}

const COLUMNS: [&str; 10] = [
    "calls.list",
    "client",
    "lastPurchase",
    "calls.atStake",
    "calls.facts",
    "cols2.products",
    "channel",
    "calls.churnReason",
    "calls.nps",
    "colLifecycle",
];

fn row(
    list: &str,
    id: &str,
    c: Option<&ClientOut>,
    money: crate::money::Money,
    facts: String,
    products: String,
    lang: Lang,
) -> Vec<Cell> {
    vec![
        Cell::Text(list.to_string()),
        Cell::Text(id.to_string()),
        Cell::Date(c.and_then(|c| c.last_purchase)),
        Cell::Money(money),
        Cell::Text(facts),
        Cell::Text(products),
        Cell::opt(c.and_then(|c| c.channel.as_deref())),
        Cell::opt(c.and_then(|c| c.reason.as_deref())),
        c.and_then(|c| c.nps).map_or(Cell::Text(String::new()), |n| Cell::Int(i64::from(n))),
        Cell::Text(c.map(|c| c.lifecycle.name(lang).to_string()).unwrap_or_default()),
    ]
    .into_iter()
    .chain(c.map_or_else(|| std::array::from_fn(|_| Cell::Text(String::new())), super::tables::buy_chances))
    .collect()
}

/// A sheet name Excel takes, from a manager's name: the characters it forbids
/// (`[ ] : * ? / \`) and control characters become `_`, leading and trailing
/// apostrophes and spaces go, at most 31 UTF-16 units, never empty, and unique
/// among `taken` (Excel compares them ignoring case): a repeat gets ` (2)`, ` (3)`...
pub fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String =
        wanted.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    let clean = clean.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let base = if clean.is_empty() { "_" } else { clean };
    for k in 1usize.. {
        let tail = if k == 1 { String::new() } else { format!(" ({k})") };
        let mut name = String::new();
        let mut units = tail.len();
        for ch in base.chars() {
            if units + ch.len_utf16() > MAX_SHEET_NAME {
                break;
            }
            units += ch.len_utf16();
            name.push(ch);
        }
        // Cutting can leave an apostrophe or a space at the end.
        let name = format!("{}{tail}", name.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()));
        let name = if name.trim().is_empty() { format!("_{tail}") } else { name };
        let key = name.to_lowercase();
        if !taken.contains(&key) && key != "history" {
            taken.push(key);
            return name;
        }
    }
    unreachable!("a free name is found within taken.len() + 2 tries")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_short_and_unique() {
        let mut taken = Vec::new();
        let long = "Константинопольский-Ковальчук Александр Владимирович";
        let names: Vec<String> = [
            "Ivanov",
            "ivanov",
            "a[b]:c*d?e/f\\g",
            "'quoted'",
            "",
            "   ",
            long,
            long,
            "😀".repeat(20).as_str(),
            "History",
            "=SUM(A1)",
        ]
        .iter()
        .map(|n| sheet_name(n, &mut taken))
        .collect();
        assert_eq!(names[0], "Ivanov");
        assert_eq!(names[1], "ivanov (2)");
        assert_eq!(names[2], "a_b__c_d_e_f_g");
        assert_eq!(names[3], "quoted");
        assert_eq!((names[4].as_str(), names[5].as_str()), ("_", "_ (2)"));
        assert_eq!(names[6].encode_utf16().count(), 31);
        assert!(names[7].ends_with(" (2)") && names[7].encode_utf16().count() <= 31);
        // Emoji are two UTF-16 units each: 15 of them fit.
        assert_eq!(names[8], "😀".repeat(15));
        assert_eq!(names[9], "History (2)");
        assert_eq!(names[10], "=SUM(A1)");
        let mut seen: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), names.len());
    }
}
