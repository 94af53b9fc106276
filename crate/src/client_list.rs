//! The client list's questions, answered where the Report is: one page of the
//! Report's clients sorted, searched and filtered, and the rows of given clients.
//!
//! The page never holds every client: 50 000 client rows copied into the page's
//! thread kept it busy past 50 ms (the garbage collector copying them), so the
//! worker keeps the Report and the page asks for the rows it shows. Sorting,
//! searching and filtering are here, not in the page, which computes nothing.

use crate::report::ClientOut;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;

/// A column the list sorts by (the page's column keys).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Id,
    Abc,
    Xyz,
    Abcdx,
    RfmSegment,
    Quadrant,
    Lifecycle,
    Manager,
    #[default]
    WindowRevenue,
    Revenue,
    Purchases,
    FirstPurchase,
    LastPurchase,
    PBuy,
    Clv,
}

/// Which earlier cell a transition starts from (`ClientOut::cell_previous` or
/// `cell_year_ago`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Previous,
    YearAgo,
}

/// The clients of one transition: from a cell or "new" to a cell or "gone".
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Moved {
    pub which: Comparison,
    pub from: String,
    pub to: String,
}

/// The clients in `cell` at period `k` of `transitions.periods` (`cell_history`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct InPeriod {
    pub k: usize,
    pub cell: String,
}

/// One page of the list. Empty texts filter nothing; `abc` "none" is the clients
/// without a purchase in the window; `xyz` also matches an XYZ status ("new").
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Query {
    pub sort: SortKey,
    /// Largest first. The Report's own order is `window_revenue` descending.
    pub descending: bool,
    /// Part of the client's name, in any case.
    pub search: String,
    pub abc: String,
    pub xyz: String,
    pub abcdx: String,
    pub rfm: String,
    pub quadrant: String,
    pub manager: String,
    pub lifecycle: String,
    pub moved: Option<Moved>,
    pub period: Option<InPeriod>,
    pub from: usize,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Page<'a> {
    /// Clients that match, on every page.
    pub total: usize,
    pub rows: Vec<&'a ClientOut>,
}

/// The text a column shows as the Report writes it ("" for none).
fn text(c: &ClientOut, key: SortKey) -> String {
    let json = |v: serde_json::Result<serde_json::Value>| match v {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    };
    match key {
        SortKey::Id => c.id.to_string(),
        SortKey::Manager => c.manager.as_deref().unwrap_or_default().to_string(),
        SortKey::Abc => json(serde_json::to_value(c.abc)),
        SortKey::Xyz => json(serde_json::to_value(c.xyz)),
        SortKey::Abcdx => json(serde_json::to_value(c.abcdx)),
        SortKey::RfmSegment => json(serde_json::to_value(c.rfm_segment)),
        SortKey::Quadrant => json(serde_json::to_value(c.quadrant)),
        SortKey::Lifecycle => json(serde_json::to_value(c.lifecycle)),
        SortKey::FirstPurchase => c.first_purchase.map(|d| d.to_string()).unwrap_or_default(),
        SortKey::LastPurchase => c.last_purchase.map(|d| d.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A sort value: money and counts as numbers, the rest as text.
#[derive(PartialEq, PartialOrd)]
enum Value {
    Num(f64),
    Text(Vec<Piece>, String),
}

/// Text compared as people read it: case aside, runs of digits by their value
/// ("client 9" before "client 10").
#[derive(PartialEq, PartialOrd)]
enum Piece {
    Number(u128, usize),
    Chars(String),
}

fn pieces(s: &str) -> Vec<Piece> {
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let digits = rest.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(rest.len());
        let end = if digits > 0 { digits } else { rest.find(|ch: char| ch.is_ascii_digit()).unwrap_or(rest.len()) };
        let (head, tail) = rest.split_at(end);
        out.push(if digits > 0 {
            // The digits' count breaks ties, so that "07" and "7" stay distinct.
            Piece::Number(head.parse().unwrap_or(u128::MAX), head.len())
        } else {
            // Russian dictionaries file ё under е.
            Piece::Chars(head.replace('ё', "е"))
        });
        rest = tail;
    }
    out
}

fn value(c: &ClientOut, key: SortKey) -> Value {
    let money = |m: Option<crate::money::Money>| Value::Num(m.map_or(0.0, |m| m.0 as f64));
    match key {
        SortKey::WindowRevenue => money(Some(c.window_revenue)),
        SortKey::Revenue => money(Some(c.revenue)),
        SortKey::Clv => money(c.clv),
        SortKey::Purchases => Value::Num(c.purchases as f64),
        // The chance within the longest span (90 days); none sorts below every chance.
        SortKey::PBuy => Value::Num(c.p_buy.map_or(f64::NEG_INFINITY, |p| p[2])),
        _ => {
            let t = text(c, key);
            Value::Text(pieces(&t), t)
        }
    }
}

/// A filter on a column's text: empty filters nothing (and costs nothing).
fn is(c: &ClientOut, key: SortKey, wanted: &str) -> bool {
    wanted.is_empty() || text(c, key) == wanted
}

/// Does client `c` pass the query's filters and search (`needle` lower-cased)?
fn passes(c: &ClientOut, q: &Query, needle: &str) -> bool {
    if !needle.is_empty() && !c.id.to_lowercase().contains(needle) {
        return false;
    }
    let abc = match q.abc.as_str() {
        "" => true,
        "none" => c.abc.is_none(),
        want => text(c, SortKey::Abc) == want,
    };
    let status =
        || c.xyz_status.and_then(|s| serde_json::to_value(s).ok()).and_then(|v| v.as_str().map(|s| s == q.xyz));
    let xyz = is(c, SortKey::Xyz, &q.xyz) || status() == Some(true);
    if !abc
        || !xyz
        || !is(c, SortKey::Abcdx, &q.abcdx)
        || !is(c, SortKey::RfmSegment, &q.rfm)
        || !is(c, SortKey::Quadrant, &q.quadrant)
        || !(q.manager.is_empty() || c.manager.as_deref() == Some(q.manager.as_str()))
        || !is(c, SortKey::Lifecycle, &q.lifecycle)
    {
        return false;
    }
    let cell = |x: &Option<crate::dynamics::cells::Cell>| {
        serde_json::to_value(x).ok().and_then(|v| v.as_str().map(str::to_string))
    };
    if let Some(m) = &q.moved {
        // As the core counts transitions: no cell before is "new", none now "gone",
        // and a client with neither is in no transition.
        let before = cell(match m.which {
            Comparison::Previous => &c.cell_previous,
            Comparison::YearAgo => &c.cell_year_ago,
        });
        let now = cell(&c.cell);
        if before.is_none() && now.is_none() {
            return false;
        }
        if before.as_deref().unwrap_or("new") != m.from || now.as_deref().unwrap_or("gone") != m.to {
            return false;
        }
    }
    if let Some(p) = &q.period {
        if c.cell_history.get(3 * p.k..3 * p.k + 2) != Some(p.cell.as_str()) {
            return false;
        }
    }
    true
}

/// The page of `clients` (in the Report's order) the query asks for. Ties keep
/// the Report's order (by window revenue) in both directions.
pub fn page<'a>(clients: &'a [ClientOut], q: &Query) -> Page<'a> {
    let needle = q.search.trim().to_lowercase();
    let mut rows: Vec<usize> = (0..clients.len()).filter(|&i| passes(&clients[i], q, &needle)).collect();
    // The Report lists clients by window revenue, largest first: that order needs no sort.
    if !(q.sort == SortKey::WindowRevenue && q.descending) {
        let keys: Vec<Value> = rows.iter().map(|&i| value(&clients[i], q.sort)).collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            let o = keys[a].partial_cmp(&keys[b]).unwrap_or(Ordering::Equal);
            (if q.descending { o.reverse() } else { o }).then(a.cmp(&b))
        });
        rows = order.into_iter().map(|k| rows[k]).collect();
    }
    let total = rows.len();
    let shown = rows.into_iter().skip(q.from).take(q.count).map(|i| &clients[i]).collect();
    Page { total, rows: shown }
}

/// The rows of the clients named, in the order named; `None` for a name the
/// Report does not have.
pub fn by_id<'a>(clients: &'a [ClientOut], ids: &[String]) -> Vec<Option<&'a ClientOut>> {
    let wanted: HashMap<&str, Vec<usize>> = ids.iter().enumerate().fold(HashMap::new(), |mut m, (k, id)| {
        m.entry(id.as_str()).or_default().push(k);
        m
    });
    let mut out = vec![None; ids.len()];
    for c in clients {
        if let Some(ks) = wanted.get(&*c.id) {
            for &k in ks {
                out[k] = Some(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> crate::Report {
        crate::analyze(crate::demo::demo().csv.as_bytes(), &crate::Options::default()).unwrap()
    }

    #[test]
    fn the_default_page_is_the_reports_order() {
        let r = report();
        let p = page(&r.clients, &Query { descending: true, count: 10, ..Query::default() });
        assert_eq!(p.total, r.clients.len());
        let ids: Vec<_> = p.rows.iter().map(|c| c.id.clone()).collect();
        let want: Vec<_> = r.clients.iter().take(10).map(|c| c.id.clone()).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn sorts_ascending_with_ties_in_report_order_and_pages() {
        let r = report();
        let q = Query { sort: SortKey::WindowRevenue, count: usize::MAX, ..Query::default() };
        let all = page(&r.clients, &q).rows;
        assert!(all.windows(2).all(|w| w[0].window_revenue <= w[1].window_revenue));
        let second = page(&r.clients, &Query { from: 5, count: 5, ..q.clone() }).rows;
        assert_eq!(
            second.iter().map(|c| &c.id).collect::<Vec<_>>(),
            all[5..10].iter().map(|c| &c.id).collect::<Vec<_>>()
        );
    }

    #[test]
    fn filters_and_search() {
        let r = report();
        let a = page(&r.clients, &Query { abc: "A".into(), count: usize::MAX, ..Query::default() });
        assert_eq!(a.total, r.clients.iter().filter(|c| text(c, SortKey::Abc) == "A").count());
        assert!(a.total > 0);
        let none = page(&r.clients, &Query { abc: "none".into(), ..Query::default() });
        assert_eq!(none.total, r.clients.iter().filter(|c| c.abc.is_none()).count());
        let id = r.clients[3].id.to_uppercase();
        let found = page(&r.clients, &Query { search: id, count: 1, ..Query::default() });
        assert!(found.total >= 1);
        assert!(found.rows[0].id.to_lowercase().contains(&r.clients[3].id.to_lowercase()));
    }

    #[test]
    fn text_compares_numbers_by_value() {
        assert!(pieces("Client 9") < pieces("client 10"));
        assert!(pieces("Второй") < pieces("Первый"));
        assert!(pieces("Пятый") < pieces("Третий"));
    }

    #[test]
    fn rows_by_id_in_the_order_named() {
        let r = report();
        let ids = vec![r.clients[2].id.to_string(), "no such client".to_string(), r.clients[0].id.to_string()];
        let rows = by_id(&r.clients, &ids);
        assert_eq!(rows[0].map(|c| &c.id), Some(&r.clients[2].id));
        assert!(rows[1].is_none());
        assert_eq!(rows[2].map(|c| &c.id), Some(&r.clients[0].id));
    }
}
