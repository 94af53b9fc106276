//! The Report: one serializable value that every view (JSON, page, downloads)
//! renders. Maps are ordered and money is exact, so the CLI and the page print
//! the same bytes for the same file.

use crate::btyd::predict::{self, BtydOut};
use crate::code::{code, Code};
use crate::dynamics::cells::{Cell, Rule};
use crate::dynamics::cohorts::CohortsOut;
use crate::dynamics::flags::{Flag, Overdue};
use crate::dynamics::leaving::LeavingOut;
use crate::dynamics::options::DynamicsOptions;
use crate::dynamics::revenue::RevenueOut;
use crate::dynamics::transitions::DynamicsTransitions;
use crate::dynamics::FlagsOut;
use crate::ingest::InputInfo;
use crate::ledger::Histories;
use crate::lifecycle::{LifecycleOut, Status};
use crate::money::Money;
use crate::options::Options;
use crate::period::Grain;
use crate::retention::leakage::{LeakageOut, PoolOut};
use crate::retention::ltv::LtvOut;
use crate::retention::onetime::OneTimeOut;
use crate::retention::winback::WinbackOut;
use crate::segment::abc::{AbcOut, Class};
use crate::segment::abcdx::AbcdxOut;
use crate::segment::concentration::ConcentrationOut;
use crate::segment::matrix::MatrixOut;
use crate::segment::nps::NpsOut;
use crate::segment::options::SegmentOptions;
use crate::segment::quadrants::{Quadrant, QuadrantsOut};
use crate::segment::rfm::{RfmOut, Segment};
use crate::segment::run::{self, ClientSeg};
use crate::segment::xyz::{self, XyzOut};
use crate::segment::{Frame, Measure};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub input: InputInfo,
    pub settings: Settings,
    pub totals: TotalsOut,
    pub clients: Vec<ClientOut>,
    /// ABC of `settings.abc_dimension` (clients by default).
    pub abc: AbcOut,
    /// ABC of the other dimensions the file has: "client", "product", "manager",
    /// "branch" (the one in `abc` is left out).
    pub abc_by: BTreeMap<String, AbcOut>,
    /// XYZ of clients.
    pub xyz: XyzOut,
    pub matrix: MatrixOut,
    pub abcdx: AbcdxOut,
    pub concentration: ConcentrationOut,
    pub quadrants: QuadrantsOut,
    /// `null` when no client answered in the window.
    pub nps: Option<NpsOut>,
    pub rfm: RfmOut,
    /// ABC-XYZ cells period by period, and who moved where since the previous
    /// period and since a year earlier.
    pub transitions: DynamicsTransitions,
    /// The compared spans and how many clients carry each flag.
    pub flags: FlagsOut,
    /// Clients leaving now, by money at stake.
    pub leaving: LeavingOut,
    pub leakage: LeakageOut,
    /// New, returned and lost clients per period.
    pub pool: PoolOut,
    /// Net revenue per period (the periods of `pool`) by the clients' ABC class.
    pub revenue_by_class: RevenueOut,
    /// Clients by the period of their first purchase, and who bought again when.
    pub cohorts: CohortsOut,
    pub ltv: LtvOut,
    pub winback: WinbackOut,
    pub one_time_buyers: OneTimeOut,
    pub btyd: BtydOut,
    /// Clients by lifecycle status, and how the other counts of leaving clients differ.
    pub lifecycle: LifecycleOut,
}

/// The options as applied (the as-of date resolved).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Settings {
    pub period: Grain,
    pub window: u32,
    pub abc_thresholds: [f64; 2],
    pub as_of: NaiveDate,
    /// Who prepared the analysis; `null` when nobody is named.
    pub consultant: Option<crate::options::Consultant>,
    #[serde(flatten)]
    pub segment: SegmentOptions,
    #[serde(flatten)]
    pub dynamics: DynamicsOptions,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TotalsOut {
    pub revenue: Money,
    /// Sum of the margins rows carry; `null` when no row has one.
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
    /// Margin inside the window; `null` when the file has no margin column.
    pub window_margin: Option<Money>,
    pub purchases: usize,
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    /// ABC of clients by `abc_measure`; `None`: no activity in the window.
    pub abc: Option<Class>,
    /// "X", "Y" or "Z"; `None` when not active in the window.
    pub xyz: Option<Code>,
    pub xyz_status: Option<xyz::Status>,
    /// Share of periods with a purchase, or the coefficient of variation.
    pub xyz_value: Option<f64>,
    /// "A", "B", "C", "AD", "BD", "CD" or "X"; `None` without a purchase.
    pub abcdx: Option<Code>,
    /// RFM scores as "RFM", e.g. "545"; `None` without a purchase in the window.
    pub rfm: Option<Code>,
    pub rfm_segment: Option<Segment>,
    pub quadrant: Option<Quadrant>,
    /// Loyalty score 0..1 (see `quadrants`).
    pub loyalty: Option<f64>,
    /// The latest NPS answer in the window.
    pub nps: Option<u8>,
    /// Latest non-empty manager and preferred channel from the file.
    pub manager: Option<Arc<str>>,
    pub channel: Option<Arc<str>>,
    /// Latest churn reason, where the file has the column.
    pub reason: Option<Arc<str>>,
    /// Warning flags with their figures (see `flags.spans`).
    pub flags: Vec<Flag>,
    /// Days since the last purchase / median interval, with at least
    /// `overdue_min_purchases` purchase days.
    pub overdue: Option<Overdue>,
    /// ABC-XYZ cell now, at the previous period and a year earlier.
    pub cell: Option<Cell>,
    pub cell_previous: Option<Cell>,
    pub cell_year_ago: Option<Cell>,
    /// The cell at the end of each of `transitions.periods`, oldest first, as
    /// "AX AY -- BZ": two letters a period, "--" without a purchase in its window.
    pub cell_history: String,
    /// Revenue of the twelve months up to the last purchase.
    pub annual_value: Option<Money>,
    /// BG/NBD: probability the client is still active, expected purchases in the
    /// next `btyd.horizon_periods`; value over the next `btyd.clv_months`.
    pub p_alive: Option<f64>,
    pub expected_purchases: Option<f64>,
    pub clv: Option<Money>,
    /// The one status the client holds at the as-of date (see `lifecycle`).
    pub lifecycle: Status,
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

pub fn build(input: InputInfo, h: Histories, opts: &Options) -> Report {
    // Ingest refuses files without a usable row, so the dates exist.
    let t = &h.totals;
    let first = t.first_date.unwrap_or_default();
    let last = t.last_date.unwrap_or_default();
    // A date far after the rest (a 9999 typo) is no analysis date unless asked.
    let as_of = opts.as_of.or(t.outliers.usual_last).unwrap_or(last);
    let from = window_start(opts, as_of, first);
    let frame = Frame::new(from, as_of, opts.period, opts.window);
    let seg = run::run(&h, &frame, opts.abc_thresholds, opts.abc_bounds_bp(), &opts.segment);
    crate::trace::mark("segmentation");

    let verdicts: Vec<_> = seg.clients.iter().map(|s| s.abcdx).collect();
    let measure = run::applied(opts.segment.abc_measure, t);
    let method = opts.segment.xyz_method.client;
    let thresholds = match method {
        crate::segment::options::XyzMethod::Frequency => opts.segment.xyz_frequency,
        crate::segment::options::XyzMethod::Variation => opts.segment.xyz_variation,
    };
    let rule = Rule {
        measure,
        bounds_bp: opts.abc_bounds_bp(),
        xyz: xyz::Params::new(method, thresholds, opts.segment.xyz_min_periods, measure),
    };
    let d = &opts.dynamics;
    let annual: Vec<Option<Money>> = h.clients.iter().map(|c| crate::retention::ltv::annual_value(c, as_of)).collect();
    // BG/NBD first: the overdue verdict reads P(alive) (see dynamics::flags::overdue).
    let settings = predict::Settings {
        grain: opts.period,
        periods: d.btyd_periods,
        clv_months: d.clv_months,
        discount_pct: d.clv_discount_pct,
    };
    let (btyd, predictions) = predict::run(&h.clients, as_of, &settings);
    crate::trace::mark("BG/NBD and Gamma-Gamma");
    let p_alive: Vec<Option<f64>> = predictions.iter().map(|p| p.p_alive).collect();
    let dynamics = crate::dynamics::run(&h, &frame, &verdicts, &rule, d, &annual, &p_alive);
    crate::trace::mark("dynamics");
    let pool_periods = dynamics.transitions.periods.len() as i32;
    let leakage = crate::retention::leakage::leakage(&h.clients, &verdicts, as_of, first);
    let pool = crate::retention::leakage::pool(&h.clients, &verdicts, opts.period, as_of, pool_periods);
    let classes: Vec<_> = seg.clients.iter().map(|s| s.abc).collect();
    let revenue_by_class = crate::dynamics::revenue::build(&h.clients, &classes, opts.period, as_of, pool_periods);
    let cohorts = crate::dynamics::cohorts::build(&h.clients, opts.period, as_of, pool_periods);
    let (statuses, lifecycle) = crate::lifecycle::build(&crate::lifecycle::Inputs {
        clients: &h.clients,
        verdicts: &verdicts,
        dynamics: &dynamics.clients,
        leaving: &dynamics.leaving,
        pool: &pool,
        from,
        as_of,
    });
    let ltv = crate::retention::ltv::build(&h.clients, &verdicts, &annual, &statuses, as_of, t.margin_rows > 0);
    let winback =
        crate::retention::winback::build(&h.clients, &verdicts, &annual, (&frame, &rule, first, &h.product_names), d);
    let one_time = crate::retention::onetime::build(&h.clients, &verdicts, &h.product_names, as_of);
    crate::trace::mark("leakage, pool, cohorts, lifecycle, LTV, win-back, one-time");

    let client_count = h.clients.len();
    let purchases = h.clients.iter().map(|c| c.purchases.len()).sum();
    let totals = h.totals.clone();
    // Consumes the clients: ids move into the report instead of being copied.
    let mut out: Vec<ClientOut> = h
        .clients
        .into_iter()
        .zip(&seg.clients)
        .zip(dynamics.clients)
        .zip(annual.iter().zip(&predictions).zip(&statuses))
        .map(
            |(((c, s), dy), ((annual_value, pr), status)): (
                ((crate::ledger::Client, &ClientSeg), crate::dynamics::ClientDyn),
                _,
            )| ClientOut {
                revenue: c.revenue(),
                window_revenue: c.revenue_between(from, as_of),
                window_margin: (totals.margin_rows > 0).then(|| Measure::Margin.sum(frame.days(&c.days))),
                purchases: c.purchases.len(),
                first_purchase: c.purchases.first().copied(),
                last_purchase: c.purchases.last().copied(),
                abc: s.abc,
                xyz: s.xyz.map(|x| code(format!("{:?}", x.class))),
                xyz_status: s.xyz.map(|x| x.status),
                xyz_value: s.xyz.and_then(|x| x.value),
                abcdx: s.abcdx.map(|v| code(format!("{:?}", v.group))),
                rfm: s.rfm.map(|r| code(r.code())),
                rfm_segment: s.rfm.map(|r| r.segment),
                quadrant: s.quadrant,
                loyalty: s.loyalty,
                nps: s.nps,
                manager: c.profile.manager.shared(),
                channel: c.profile.channel.shared(),
                reason: c.profile.reason.shared(),
                id: c.id,
                flags: dy.flags,
                overdue: dy.overdue,
                cell: dy.cell,
                cell_previous: dy.cell_previous,
                cell_year_ago: dy.cell_year_ago,
                cell_history: dy.cell_history,
                annual_value: *annual_value,
                p_alive: pr.p_alive,
                expected_purchases: pr.expected_purchases,
                clv: pr.clv,
                lifecycle: *status,
            },
        )
        .collect();
    // Ids are unique, so the order is total and an unstable sort (no scratch buffer
    // of half the rows) gives the same result.
    out.sort_unstable_by(|a, b| {
        b.window_revenue.cmp(&a.window_revenue).then(b.revenue.cmp(&a.revenue)).then(a.id.cmp(&b.id))
    });
    crate::trace::mark("client rows");

    Report {
        schema_version: SCHEMA_VERSION,
        input,
        settings: Settings {
            period: opts.period,
            window: opts.window,
            abc_thresholds: opts.abc_thresholds,
            as_of,
            consultant: (!opts.consultant.is_empty()).then(|| opts.consultant.clone()),
            segment: opts.segment.clone(),
            dynamics: opts.dynamics.clone(),
        },
        totals: TotalsOut {
            revenue: totals.revenue,
            margin: (totals.margin_rows > 0).then_some(totals.margin),
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
        abc: seg.abc,
        abc_by: seg.abc_by,
        xyz: seg.xyz,
        matrix: seg.matrix,
        abcdx: seg.abcdx,
        concentration: seg.concentration,
        quadrants: seg.quadrants,
        nps: seg.nps,
        rfm: seg.rfm,
        transitions: dynamics.transitions,
        flags: dynamics.flags,
        leaving: dynamics.leaving,
        leakage,
        pool,
        revenue_by_class,
        cohorts,
        ltv,
        winback,
        one_time_buyers: one_time,
        btyd,
        lifecycle,
    }
}

/// The JSON Schema of the Report, as committed in `docs/report.schema.json`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}
