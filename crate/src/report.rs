//! The Report: one serializable value that every view (JSON, page, downloads)
//! renders. Types only: `crate::analysis` builds it. Maps are ordered and money is exact, so the CLI and the page print
//! the same bytes for the same file.

use crate::btyd::predict::BtydOut;
use crate::code::Code;
use crate::dynamics::cells::Cell;
use crate::dynamics::cohorts::CohortsOut;
use crate::dynamics::flags::FlagsOut;
use crate::dynamics::flags::{Flag, Overdue};
use crate::dynamics::leaving::LeavingOut;
use crate::dynamics::options::DynamicsOptions;
use crate::dynamics::revenue::RevenueOut;
use crate::dynamics::transitions::DynamicsTransitions;
use crate::ingest::InputInfo;
use crate::lifecycle::{LifecycleOut, Status};
use crate::money::Money;
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
use crate::segment::xyz::{self, XyzOut};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// 2: playbook, RFM and win-back texts became catalogue keys, `risk` a code with its
/// figures, and `lifecycle` (per client and as a summary) was added.
/// 3: `team`, `headlines`, `findings`, `sufficiency`, the currency (`settings`,
/// `input`), Pareto/NBD and the holdout check in `btyd`, `p_buy` per client.
/// 4: 80 % ranges: `btyd.ranges`, `expected_range` and `clv_range` per client.
pub const SCHEMA_VERSION: u32 = 4;

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
    /// One sentence per section saying what it found (catalogue key + figures).
    pub headlines: Vec<crate::headline::Headline>,
    /// The findings that cost or earn the most, largest money first, with a first step.
    pub findings: Vec<crate::headline::Finding>,
    /// Analyses below the minimum of data they need: views show the sentence
    /// instead of their figures.
    pub sufficiency: Vec<crate::sufficiency::Shortfall>,
    /// Each manager's (and branch's) portfolio: clients, money, who is leaving.
    pub team: crate::team::TeamOut,
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
    /// ISO 4217 code of the amounts (`RUB`, `UAH`, `USD`...): the `currency`
    /// setting, else the one the file names (`input.currency`); `null`: unknown,
    /// and money is shown without a sign.
    pub currency: Option<crate::currency::Currency>,
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
    pub id: crate::ledger::Id,
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
    pub cell_history: std::sync::Arc<str>,
    /// Revenue of the twelve months up to the last purchase.
    pub annual_value: Option<Money>,
    /// The buying model of `btyd.model`: probability the client is still active, expected purchases in the
    /// next `btyd.horizon_periods`; value over the next `btyd.clv_months`.
    pub p_alive: Option<f64>,
    pub expected_purchases: Option<f64>,
    pub clv: Option<Money>,
    /// Chance of at least one purchase within each of `btyd.buy_within_days`
    /// (30, 60, 90 days), from the model in `btyd.model`.
    pub p_buy: Option<[f64; 3]>,
    /// 80 % ranges of `expected_purchases` and `clv` from the parameters'
    /// uncertainty (`btyd.ranges`).
    pub expected_range: Option<[f64; 2]>,
    pub clv_range: Option<[Money; 2]>,
    /// The one status the client holds at the as-of date (see `lifecycle`).
    pub lifecycle: Status,
}

/// The JSON Schema of the Report, as committed in `docs/report.schema.json`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}
