//! The Report as plain tables with titles in the user's language: the single source
//! for every download format.

use crate::lang::Lang;
use crate::money::Money;
use crate::report::Report;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Money),
    Int(i64),
    Date(Option<NaiveDate>),
    /// A fraction 0..1 shown as a percent.
    Share(f64),
}

impl Cell {
    /// A text that may be missing (a manager, a channel): empty when it is.
    pub fn opt(s: Option<&str>) -> Cell {
        Cell::Text(s.unwrap_or_default().to_string())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// File and sheet key: `clients`, `abc`.
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A list of clients to work through (gets its own CSV).
    pub list: bool,
}

pub(super) fn titles(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| lang.t(k).to_string()).collect()
}

/// The catalogue text of a key built from a code; empty without one.
fn name(key: Option<String>, lang: Lang) -> Cell {
    Cell::Text(key.map(|k| lang.t(&k).to_string()).unwrap_or_default())
}

/// "III · loyal and profitable": the quadrant's numeral, as on the chart, and its name.
pub(super) fn quadrant_name(q: crate::segment::quadrants::Quadrant, lang: Lang) -> String {
    format!("{} · {}", crate::code::of(&q), lang.t(&format!("quadrant.{}", crate::code::of(&q))))
}

pub(super) fn abc(r: &Report, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = r
        .abc
        .groups
        .iter()
        .map(|g| {
            vec![
                Cell::Text(crate::code::text_of(&g.group)),
                Cell::Int(g.count as i64),
                Cell::Share(g.count_share),
                Cell::Money(g.value),
                Cell::Share(g.value_share),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text(lang.t("inactiveShort").to_string()),
        Cell::Int(r.abc.inactive as i64),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
    ]);
    Table {
        key: "abc",
        title: lang.t("export.abcByRevenue").to_string(),
        columns: titles(lang, &["group", "clients", "countShare", "revenue", "valueShare"]),
        rows,
        list: false,
    }
}

pub(super) fn clients(r: &Report, lang: Lang) -> Table {
    let rows = r
        .clients
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.id.to_string()),
                Cell::Text(c.abc.map(|g| crate::code::text_of(&g)).unwrap_or_default()),
                Cell::Money(c.window_revenue),
                Cell::Money(c.revenue),
                Cell::Int(c.purchases as i64),
                Cell::Date(c.first_purchase),
                Cell::Date(c.last_purchase),
                Cell::Text(c.xyz.map(|x| x.to_string()).unwrap_or_default()),
                // Names beside the codes: no code reaches a user without its words.
                name(c.xyz_status.map(|s| format!("status.{}", s.key())), lang),
                Cell::Text(c.abcdx.map(|x| x.to_string()).unwrap_or_default()),
                Cell::Text(c.rfm.map(|x| x.to_string()).unwrap_or_default()),
                Cell::Text(c.rfm_segment.map(|s| s.name().get(lang).to_string()).unwrap_or_default()),
                Cell::Text(c.quadrant.map(|q| quadrant_name(q, lang)).unwrap_or_default()),
                Cell::opt(c.manager.as_deref()),
                Cell::opt(c.channel.as_deref()),
                Cell::Text(c.lifecycle.name(lang).to_string()),
            ]
            .into_iter()
            .chain(buy_chances(c))
            .collect()
        })
        .collect();
    Table {
        key: "clients",
        title: lang.t("nav.clients").to_string(),
        columns: titles(
            lang,
            &[
                "client",
                "export.abcGroup",
                "windowRevenue",
                "allRevenue",
                "purchases",
                "firstPurchase",
                "lastPurchase",
                "nav.xyz",
                "export.xyzStatus",
                "nav.abcdx",
                "nav.rfm",
                "rfmSegment",
                "colQuadrant",
                "dim.manager",
                "channel",
                "colLifecycle",
            ],
        )
        .into_iter()
        .chain(buy_chance_titles(lang))
        .collect(),
        rows,
        list: true,
    }
}

/// Titles of the chances of a purchase within each of `predict::BUY_WITHIN_DAYS`,
/// the last columns of the client lists.
pub(super) fn buy_chance_titles(lang: Lang) -> [String; 3] {
    crate::btyd::predict::BUY_WITHIN_DAYS.map(|d| lang.f("cols.pBuyWithin", &[("days", &d.to_string())]))
}

/// A client's chances of a purchase within those horizons; empty cells where
/// the model gave none.
pub(super) fn buy_chances(c: &crate::report::ClientOut) -> [Cell; 3] {
    std::array::from_fn(|k| c.p_buy.map_or(Cell::Text(String::new()), |p| Cell::Share(p[k])))
}
