//! The Report: one serializable value that every view (JSON, page, downloads)
//! renders. Maps are ordered and money is exact, so the CLI and the page print
//! the same bytes for the same file.

use crate::ingest::InputInfo;
use crate::ledger::{Client, Totals};
use crate::money::Money;
use crate::options::Options;
use crate::period::Grain;
use crate::segment::abc::{self, Class};
use chrono::NaiveDate;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub input: InputInfo,
    pub settings: Settings,
    pub totals: TotalsOut,
    pub clients: Vec<ClientOut>,
    pub abc: AbcOut,
}

/// The options as applied (the as-of date resolved).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Settings {
    pub period: Grain,
    pub window: u32,
    pub abc_thresholds: [f64; 2],
    pub as_of: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TotalsOut {
    pub revenue: Money,
    pub margin: Option<Money>,
    pub clients: usize,
    pub purchases: usize,
    /// Return lines (negative amount or quantity, cancelled orders).
    pub returns: u64,
    pub returns_amount: Money,
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    pub as_of: NaiveDate,
    pub window_start: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClientOut {
    pub id: String,
    /// Net revenue over the whole file.
    pub revenue: Money,
    /// Net revenue inside the analysis window.
    pub window_revenue: Money,
    pub purchases: usize,
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    /// `None`: no activity in the window.
    pub abc: Option<Class>,
    pub xyz: Option<String>,
    pub abcdx: Option<String>,
    pub rfm: Option<String>,
    pub flags: Vec<String>,
    pub overdue: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AbcOut {
    pub dimension: &'static str,
    pub measure: &'static str,
    pub thresholds: [f64; 2],
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub groups: Vec<abc::Group>,
    /// Clients with no activity in the window (not classified).
    pub inactive: usize,
}

/// First day of the window of `opts.window` periods ending with the as-of period.
pub fn window_start(opts: &Options, as_of: NaiveDate, first: NaiveDate) -> NaiveDate {
    if opts.window == 0 {
        return first;
    }
    let last = opts.period.index(as_of);
    let start = opts.period.start(last - opts.window as i32 + 1);
    start.max(first.min(as_of))
}

pub fn build(input: InputInfo, clients: Vec<Client>, totals: Totals, opts: &Options) -> Report {
    // Ingest refuses files without a usable row, so the dates exist.
    let first = totals.first_date.unwrap_or_default();
    let last = totals.last_date.unwrap_or_default();
    let as_of = opts.as_of.unwrap_or(last);
    let from = window_start(opts, as_of, first);

    let active: Vec<bool> = clients.iter().map(|c| c.days.iter().any(|d| d.day >= from && d.day <= as_of)).collect();
    let window_rev: Vec<Money> = clients.iter().map(|c| c.revenue_between(from, as_of)).collect();

    let ranked: Vec<Money> = window_rev.iter().zip(&active).filter(|(_, a)| **a).map(|(v, _)| *v).collect();
    let ranked_classes = abc::classify(&ranked, opts.abc_bounds_bp());
    let groups = abc::summarize(&ranked, &ranked_classes);
    let mut next = ranked_classes.into_iter();
    let classes: Vec<Option<Class>> = active.iter().map(|&a| if a { next.next() } else { None }).collect();

    let client_count = clients.len();
    let purchases = clients.iter().map(|c| c.purchases.len()).sum();
    // Consumes the clients: ids move into the report instead of being copied.
    let mut out: Vec<ClientOut> = clients
        .into_iter()
        .zip(window_rev)
        .zip(classes)
        .map(|((c, window_revenue), abc)| ClientOut {
            revenue: c.revenue(),
            purchases: c.purchases.len(),
            first_purchase: c.purchases.first().copied(),
            last_purchase: c.purchases.last().copied(),
            id: c.id,
            window_revenue,
            abc,
            xyz: None,
            abcdx: None,
            rfm: None,
            flags: Vec::new(),
            overdue: None,
        })
        .collect();
    out.sort_by(|a, b| b.window_revenue.cmp(&a.window_revenue).then(b.revenue.cmp(&a.revenue)).then(a.id.cmp(&b.id)));

    Report {
        schema_version: SCHEMA_VERSION,
        input,
        settings: Settings { period: opts.period, window: opts.window, abc_thresholds: opts.abc_thresholds, as_of },
        totals: TotalsOut {
            revenue: totals.revenue,
            margin: None,
            clients: client_count,
            purchases,
            returns: totals.return_lines,
            returns_amount: totals.returns_amount,
            first_date: first,
            last_date: last,
            as_of,
            window_start: from,
        },
        clients: out,
        abc: AbcOut {
            dimension: "client",
            measure: "revenue",
            thresholds: opts.abc_thresholds,
            window_start: from,
            window_end: as_of,
            groups,
            inactive: active.iter().filter(|a| !**a).count(),
        },
    }
}

/// The JSON Schema of the Report, as committed in `docs/report.schema.json`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}
