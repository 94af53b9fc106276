//! Who is leaving, as call lists: the leaving clients, the clients by lifecycle
//! status, each win-back group and the one-time buyers, with what a manager needs
//! for the call.

use super::tables::{titles, Cell, Table};
use crate::dynamics::flags::Flag;
use crate::format;
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use std::collections::HashMap;

const WINBACK_KEYS: [&str; 4] = ["winback-1", "winback-2", "winback-3", "winback-4"];

pub fn tables(r: &Report, lang: Lang) -> Vec<Table> {
    let by_id: HashMap<&str, &ClientOut> = r.clients.iter().map(|c| (c.id.as_ref(), c)).collect();
    let mut out = vec![leaving(r, lang, &by_id), lifecycle(r, lang)];
    for (k, g) in r.winback.groups.iter().enumerate().take(WINBACK_KEYS.len()) {
        let rows = g
            .clients
            .iter()
            .map(|w| {
                let c = by_id.get(w.id.as_ref());
                vec![
                    Cell::Text(w.id.to_string()),
                    Cell::Text(crate::code::text_of(&w.cell)),
                    Cell::Money(w.annual_value),
                    Cell::Date(c.and_then(|c| c.last_purchase)),
                    Cell::Text(w.products.join(", ")),
                    Cell::opt(c.and_then(|c| c.manager.as_deref())),
                    Cell::opt(c.and_then(|c| c.channel.as_deref())),
                ]
                .into_iter()
                .chain(chances(c))
                .collect()
            })
            .collect();
        out.push(Table {
            key: WINBACK_KEYS[k],
            // A sheet name holds 31 characters: the group title is in the columns of the report.
            title: format!("{} {}", lang.t("export.winBack"), g.group),
            columns: with_chances(
                titles(
                    lang,
                    &[
                        "client",
                        "cols2.cell",
                        "cols2.annual",
                        "lastPurchase",
                        "cols2.products",
                        "dim.manager",
                        "channel",
                    ],
                ),
                lang,
            ),
            rows,
            list: true,
        });
    }
    out.push(one_time(r, lang, &by_id));
    out
}

/// Clients by lifecycle status: every client once, the rows add up to the totals.
fn lifecycle(r: &Report, lang: Lang) -> Table {
    let rows = r
        .lifecycle
        .statuses
        .iter()
        .map(|s| {
            vec![
                Cell::Text(s.status.name(lang).to_string()),
                Cell::Int(s.count as i64),
                Cell::Money(s.revenue),
                Cell::Money(s.window_revenue),
            ]
        })
        .collect();
    Table {
        key: "lifecycle",
        title: lang.t("export.clientStatuses").to_string(),
        columns: titles(lang, &["colLifecycle", "clients", "allRevenue", "windowRevenue"]),
        rows,
        list: false,
    }
}

fn leaving(r: &Report, lang: Lang, by_id: &HashMap<&str, &ClientOut>) -> Table {
    let rows = r
        .leaving
        .list
        .iter()
        .map(|l| {
            let c = by_id.get(l.id.as_ref());
            let flags = c
                .map(|c| c.flags.iter().map(|f| flag_text(f, lang)).collect::<Vec<_>>().join("; "))
                .unwrap_or_default();
            vec![
                Cell::Text(l.id.to_string()),
                Cell::Money(l.at_stake),
                Cell::Text(flags),
                Cell::Text(c.and_then(|c| c.cell).map(|x| crate::code::text_of(&x)).unwrap_or_default()),
                Cell::Date(c.and_then(|c| c.last_purchase)),
                Cell::opt(c.and_then(|c| c.manager.as_deref())),
                Cell::opt(c.and_then(|c| c.channel.as_deref())),
            ]
            .into_iter()
            .chain(chances(c))
            .collect()
        })
        .collect();
    Table {
        key: "leaving",
        title: lang.t("nav.leaving").to_string(),
        columns: with_chances(
            titles(
                lang,
                &["client", "cols.atStake", "cols.why", "cols2.cell", "lastPurchase", "dim.manager", "channel"],
            ),
            lang,
        ),
        rows,
        list: true,
    }
}

fn one_time(r: &Report, lang: Lang, by_id: &HashMap<&str, &ClientOut>) -> Table {
    let rows = r
        .one_time_buyers
        .clients
        .iter()
        .map(|o| {
            let c = by_id.get(o.id.as_ref());
            vec![
                Cell::Text(o.id.to_string()),
                Cell::Date(Some(o.purchase)),
                Cell::Money(o.revenue),
                Cell::Text(o.products.join(", ")),
                Cell::opt(c.and_then(|c| c.manager.as_deref())),
                Cell::opt(c.and_then(|c| c.channel.as_deref())),
            ]
        })
        .collect();
    Table {
        key: "one-time",
        title: lang.t("nav.onetime").to_string(),
        columns: titles(lang, &["client", "cols2.purchase", "cols2.amount", "cols2.bought", "dim.manager", "channel"]),
        rows,
        list: true,
    }
}

/// A call list's columns, then the chances of a purchase (the client table's last columns).
fn with_chances(mut columns: Vec<String>, lang: Lang) -> Vec<String> {
    columns.extend(super::tables::buy_chance_titles(lang));
    columns
}

/// The client's chances of a purchase, empty cells for a client not in the table.
fn chances(c: Option<&&ClientOut>) -> [Cell; 3] {
    match c {
        Some(c) => super::tables::buy_chances(c),
        None => std::array::from_fn(|_| Cell::Text(String::new())),
    }
}

/// A flag as the page says it: a short labelled fact with its figures,
/// `purchases: 8 → 1`, `average check: −40 %` (the page's `why` in
/// www/views/leaving.js fills the same placeholders).
pub fn flag_text(f: &Flag, lang: Lang) -> String {
    flag_text_with(f, lang, usize::MAX)
}

/// As [`flag_text`], naming at most `names` products or categories (the HTML
/// report's table names two; the lists name all the flag carries).
pub fn flag_text_with(f: &Flag, lang: Lang, names: usize) -> String {
    let key = format!("flag.{}", f.code());
    let most = names;
    // At most five names come with a flag; an ellipsis says there are more.
    let named = |names: &[std::sync::Arc<str>], count: usize| {
        let names = &names[..names.len().min(most)];
        let list = names.iter().map(|n| &**n).collect::<Vec<_>>().join(", ");
        if count > names.len() {
            list + "…"
        } else {
            list
        }
    };
    match f {
        Flag::BuysLess { change, .. } | Flag::BuysCheaper { change, .. } => {
            lang.f(&key, &[("change", &format::change(*change, lang))])
        }
        Flag::BuysLessOften { now, before, .. } => lang.f(
            &key,
            &[("now", &format::int(u64::from(*now), lang)), ("before", &format::int(u64::from(*before), lang))],
        ),
        Flag::DroppedProducts { products, count } => lang.f(&key, &[("names", &named(products, *count))]),
        Flag::DroppedCategories { categories, count } => lang.f(&key, &[("names", &named(categories, *count))]),
        Flag::MovedDown { from, to } => {
            lang.f(&key, &[("from", &crate::code::text_of(from)), ("to", &crate::code::text_of(to))])
        }
        Flag::Gone { days_since, .. } => {
            lang.f(&key, &[("days", &format::count(days_since.unsigned_abs(), "count.days", lang))])
        }
        Flag::New { .. } | Flag::Returned { .. } => lang.t(&key).to_string(),
    }
}
