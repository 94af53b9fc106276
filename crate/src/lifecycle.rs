//! One lifecycle per client: the single status each client holds at the as-of
//! date. Every count of new, leaving and gone clients the page, the CLI summary and
//! the downloads show is a count of these statuses; figures that count a different
//! set (leakage's two twelve-month spans, transitions' clients who left the window,
//! the pool's losses per period) carry their own name and a [`Note`] saying how they
//! differ, with their clients broken down by status.
//!
//! Precedence, first match wins (the order of [`Status`]):
//! 1. `no_purchase`: no purchase up to the as-of date (only returns, or later dates);
//! 2. `gone_before`: D of ABCDX, crossed its threshold before the last twelve months;
//! 3. `gone_recent`: D, crossed it within the last twelve months (LTV's lost clients);
//! 4. `leaving`: on the leaving list (never D);
//! 5. `new`: first purchase in the current span (the `new` flag);
//! 6. `returned`: came back in the current span after a silence past its threshold;
//! 7. `watch`: overdue at the first level or beyond, revenue down past `buys_less_pct`,
//!    or no purchase in the last twelve months, without being on the leaving list;
//! 8. `active`: everyone else.

use crate::dynamics::cells::Cell;
use crate::dynamics::flags::{is_gone, Flag, Level, Overdue};
use crate::dynamics::leaving::LeavingOut;
use crate::ledger::Client;
use crate::money::Money;
use crate::retention::leakage::{self, PoolOut};
use crate::segment::abcdx::Verdict;
use chrono::{Months, NaiveDate};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NoPurchase,
    GoneBefore,
    GoneRecent,
    Leaving,
    New,
    Returned,
    Watch,
    Active,
}

impl Status {
    /// The order the summary lists them in: from the newest relationship to the oldest loss.
    pub const READING: [Status; 8] = [
        Status::New,
        Status::Returned,
        Status::Active,
        Status::Watch,
        Status::Leaving,
        Status::GoneRecent,
        Status::GoneBefore,
        Status::NoPurchase,
    ];

    /// D of ABCDX: the win-back list, ABCDX's D groups and the `gone` flag.
    pub fn is_gone(self) -> bool {
        matches!(self, Status::GoneRecent | Status::GoneBefore)
    }

    /// The status of one client in words (the catalogue's `lifecycleOne.*`).
    pub fn name(self, lang: crate::lang::Lang) -> &'static str {
        lang.t(match self {
            Status::New => "lifecycleOne.new",
            Status::Returned => "lifecycleOne.returned",
            Status::Active => "lifecycleOne.active",
            Status::Watch => "lifecycleOne.watch",
            Status::Leaving => "lifecycleOne.leaving",
            Status::GoneRecent => "lifecycleOne.gone_recent",
            Status::GoneBefore => "lifecycleOne.gone_before",
            Status::NoPurchase => "lifecycleOne.no_purchase",
        })
    }
}

/// A figure elsewhere in the report that counts clients who left by another rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// `leakage.leaked`: bought in the previous twelve months, not in the last twelve.
    LeakageLeaked,
    /// `transitions.previous.gone`: had a cell at the previous period, none now
    /// (no purchase in the window ending today).
    TransitionsGonePrevious,
    /// `transitions.year_ago.gone`: the same against a year earlier.
    TransitionsGoneYearAgo,
    /// The pool's `lost` over its periods: every crossing of a D threshold, counted in
    /// the period it happened, including clients who came back later.
    PoolLost,
    /// Overdue past the last level while BG/NBD still expects a purchase: on the
    /// leaving list, not called "likely lost".
    OverdueModelExpects,
}

/// How a figure relates to the lifecycle: its count and, where it is a set of
/// clients at the as-of date, their statuses (empty for the pool's events).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Note {
    pub figure: Figure,
    pub count: usize,
    pub by_status: BTreeMap<Status, usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StatusCount {
    pub status: Status,
    pub count: usize,
    /// Net revenue over the whole file, and inside the analysis window.
    pub revenue: Money,
    pub window_revenue: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LifecycleOut {
    /// `gone_recent` crossed its D threshold after this date (twelve months before as-of).
    pub gone_since: NaiveDate,
    /// P(alive) below which an overdue client past the last level is "likely lost".
    pub p_alive_lost: f64,
    /// Every status in reading order; counts add up to `totals.clients` and revenues
    /// to `totals.revenue`, exactly.
    pub statuses: Vec<StatusCount>,
    pub notes: Vec<Note>,
}

/// Twelve months before the as-of date: the start of "gone in the last twelve months".
pub fn gone_since(as_of: NaiveDate) -> NaiveDate {
    as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN)
}

/// What the lifecycle and the team read of a client's days: worked out where the
/// analysis walks them anyway ([`DayFacts::of`]), so the steps after P(alive) need
/// not walk them again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayFacts {
    /// A purchase since [`gone_since`].
    pub bought_last_year: bool,
    /// A purchase in the leakage's base year ([`leakage::spans`]).
    pub in_leakage_base: bool,
    /// Of those, none in the last twelve months ([`leakage::is_leaked_in`]).
    pub leaked: bool,
}

impl DayFacts {
    pub fn of(c: &Client, as_of: NaiveDate) -> DayFacts {
        let (base_from, base_to) = leakage::spans(as_of);
        let in_leakage_base = leakage::bought_between(c, base_from, base_to);
        DayFacts {
            bought_last_year: leakage::bought_between(c, gone_since(as_of), as_of),
            in_leakage_base,
            leaked: in_leakage_base && leakage::is_leaked_in(c, (base_from, base_to), as_of),
        }
    }
}

/// What decides one client's status.
pub struct Facts<'a> {
    pub verdict: Option<&'a Verdict>,
    pub flags: &'a [Flag],
    pub overdue: Option<&'a Overdue>,
    pub on_leaving_list: bool,
    /// A purchase in the last twelve months `(gone_since, as_of]`.
    pub bought_last_year: bool,
}

pub fn status(f: &Facts<'_>, gone_since: NaiveDate) -> Status {
    let Some(v) = f.verdict else { return Status::NoPurchase };
    if is_gone(v) {
        return if crate::retention::lost_on(v) > gone_since { Status::GoneRecent } else { Status::GoneBefore };
    }
    let has = |p: fn(&Flag) -> bool| f.flags.iter().any(p);
    if f.on_leaving_list {
        Status::Leaving
    } else if has(|x| matches!(x, Flag::New { .. })) {
        Status::New
    } else if has(|x| matches!(x, Flag::Returned { .. })) {
        Status::Returned
    } else if f.overdue.and_then(|o| o.level).is_some()
        || has(|x| matches!(x, Flag::BuysLess { .. }))
        || !f.bought_last_year
    {
        Status::Watch
    } else {
        Status::Active
    }
}

/// What the lifecycle reads of a client's dynamics: fields of its report row, borrowed.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientDyn<'a> {
    pub flags: &'a [Flag],
    pub overdue: Option<Overdue>,
    pub cell: Option<Cell>,
    pub cell_previous: Option<Cell>,
    pub cell_year_ago: Option<Cell>,
    /// The row's revenue and window revenue, when the row has them (the summary
    /// reads them instead of the client's days again).
    pub revenue: Option<(Money, Money)>,
}

/// What the lifecycle reads from the analyses before it.
pub struct Inputs<'a> {
    pub clients: &'a [Client],
    /// Each client's [`DayFacts`] (ledger order).
    pub days: &'a [DayFacts],
    pub verdicts: &'a [Option<Verdict>],
    /// Dynamics per client (ledger order) and its leaving list.
    pub dynamics: &'a [ClientDyn<'a>],
    pub leaving: &'a LeavingOut,
    pub pool: &'a PoolOut,
    /// The analysis window `[from, as_of]`.
    pub from: NaiveDate,
    pub as_of: NaiveDate,
}

/// Every client's status (ledger order) and the summary.
pub fn build(x: &Inputs<'_>) -> (Vec<Status>, LifecycleOut) {
    let since = gone_since(x.as_of);
    let listed: FxHashSet<&str> = x.leaving.list.iter().map(|r| r.id.as_ref()).collect();
    let none = ClientDyn::default();
    let statuses: Vec<Status> = x
        .clients
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let d = x.dynamics.get(i).unwrap_or(&none);
            status(
                &Facts {
                    verdict: x.verdicts.get(i).and_then(Option::as_ref),
                    flags: d.flags,
                    overdue: d.overdue.as_ref(),
                    on_leaving_list: listed.contains(c.id.as_ref()),
                    bought_last_year: x.days.get(i).is_some_and(|d| d.bought_last_year),
                },
                since,
            )
        })
        .collect();
    // One pass for every status: exact i128 sums, saturated as `total` saturates.
    let mut sums = [(0usize, 0i128, 0i128); Status::READING.len()];
    for (i, (c, t)) in x.clients.iter().zip(&statuses).enumerate() {
        if let Some(k) = Status::READING.iter().position(|s| s == t) {
            let (revenue, window) = x
                .dynamics
                .get(i)
                .and_then(|d| d.revenue)
                .unwrap_or_else(|| (c.revenue(), c.revenue_between(x.from, x.as_of)));
            let e = &mut sums[k];
            e.0 += 1;
            e.1 += i128::from(revenue.0);
            e.2 += i128::from(window.0);
        }
    }
    let summary = Status::READING
        .iter()
        .zip(sums)
        .map(|(&s, (count, revenue, window))| StatusCount {
            status: s,
            count,
            revenue: crate::frame::saturate(revenue),
            window_revenue: crate::frame::saturate(window),
        })
        .collect();
    let by = |pick: &dyn Fn(usize, &Client) -> bool| {
        let mut m: BTreeMap<Status, usize> = BTreeMap::new();
        for (i, c) in x.clients.iter().enumerate() {
            if pick(i, c) {
                *m.entry(statuses[i]).or_default() += 1;
            }
        }
        m
    };
    let note = |figure, by_status: BTreeMap<Status, usize>| Note { figure, count: by_status.values().sum(), by_status };
    let cells = |i: usize| x.dynamics.get(i).unwrap_or(&none);
    let overdue_level = |i: usize| cells(i).overdue.and_then(|o| o.level);
    let notes = vec![
        note(Figure::LeakageLeaked, by(&|i, _| x.days.get(i).is_some_and(|d| d.leaked))),
        note(Figure::TransitionsGonePrevious, by(&|i, _| cells(i).cell_previous.is_some() && cells(i).cell.is_none())),
        note(Figure::TransitionsGoneYearAgo, by(&|i, _| cells(i).cell_year_ago.is_some() && cells(i).cell.is_none())),
        Note {
            figure: Figure::PoolLost,
            count: x.pool.periods.iter().map(|p| p.lost).sum(),
            by_status: BTreeMap::new(),
        },
        note(Figure::OverdueModelExpects, by(&|i, _| overdue_level(i) == Some(Level::ModelExpectsPurchase))),
    ];
    let out = LifecycleOut {
        gone_since: since,
        p_alive_lost: crate::dynamics::flags::P_ALIVE_LOST,
        statuses: summary,
        notes,
    };
    (statuses, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A client with purchase days (and return days, purchases 0) on these dates.
    fn bought(days: &[(&str, u32)]) -> Client {
        let days = days
            .iter()
            .map(|&(s, n)| crate::ledger::DayTotal {
                purchases: n,
                revenue: Money::from_cents(if n > 0 { 1000 } else { -500 }),
                ..crate::ledger::DayTotal::empty(date(s))
            })
            .collect();
        Client { id: "c".into(), days, ..Client::default() }
    }

    #[test]
    fn day_facts_by_hand() {
        // As of 2025-06-30: the last twelve months are (2024-06-30, 2025-06-30], the
        // leakage's base year (2023-06-30, 2024-06-30].
        let as_of = date("2025-06-30");
        let facts = |days: &[(&str, u32)]| {
            let f = DayFacts::of(&bought(days), as_of);
            (f.bought_last_year, f.in_leakage_base, f.leaked)
        };
        // Bought in the base year only: leaked, nothing in the last twelve months.
        assert_eq!(facts(&[("2024-01-10", 1)]), (false, true, true));
        // A return in the last twelve months is not a purchase.
        assert_eq!(facts(&[("2024-06-30", 1), ("2025-03-01", 0)]), (false, true, true));
        // Bought in both years: kept.
        assert_eq!(facts(&[("2024-01-10", 1), ("2024-07-01", 1)]), (true, true, false));
        // Only recently, only before the base year, or after the as-of date.
        assert_eq!(facts(&[("2025-06-30", 1)]), (true, false, false));
        assert_eq!(facts(&[("2023-06-30", 1)]), (false, false, false));
        assert_eq!(facts(&[("2025-07-01", 1)]), (false, false, false));
    }
    use crate::segment::abc::Class;
    use crate::segment::abcdx::Label;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn verdict(group: Label, last: &str, threshold: f64) -> Verdict {
        Verdict {
            group,
            letter: Class::A,
            last_purchase: date(last),
            days_since: 0,
            threshold_days: threshold,
            median_interval_days: Some(30.0),
            purchase_days: 3,
            value: Money::ZERO,
        }
    }

    fn facts<'a>(v: Option<&'a Verdict>, flags: &'a [Flag], overdue: Option<&'a Overdue>) -> Facts<'a> {
        Facts { verdict: v, flags, overdue, on_leaving_list: false, bought_last_year: true }
    }

    #[test]
    fn each_client_gets_the_first_status_that_fits() {
        let since = date("2024-12-15");
        // Gone: crossed 90 days after 2025-06-15 (on 2025-09-14), after `since`: recent.
        let recent = verdict(Label::AD, "2025-06-15", 90.0);
        assert_eq!(status(&facts(Some(&recent), &[], None), since), Status::GoneRecent);
        // Crossed on 2024-12-15 itself (2024-09-15 + 91 days): not after `since`: before.
        let before = verdict(Label::CD, "2024-09-15", 90.0);
        assert_eq!(status(&facts(Some(&before), &[], None), since), Status::GoneBefore);
        // Gone wins over the leaving list; the list over the new flag.
        let mut f = facts(Some(&recent), &[], None);
        f.on_leaving_list = true;
        assert_eq!(status(&f, since), Status::GoneRecent);
        let a = verdict(Label::A, "2025-12-01", 90.0);
        let new = [Flag::New { first_purchase: date("2025-11-01") }];
        let mut f = facts(Some(&a), &new, None);
        assert_eq!(status(&f, since), Status::New);
        f.on_leaving_list = true;
        assert_eq!(status(&f, since), Status::Leaving);
        // Overdue at the first level, or a year without a purchase: watch.
        let watch = Overdue { ratio: 1.6, level: Some(Level::Watch) };
        assert_eq!(status(&facts(Some(&a), &[], Some(&watch)), since), Status::Watch);
        let mut f = facts(Some(&a), &[], None);
        f.bought_last_year = false;
        assert_eq!(status(&f, since), Status::Watch);
        let calm = Overdue { ratio: 0.4, level: None };
        assert_eq!(status(&facts(Some(&a), &[], Some(&calm)), since), Status::Active);
        assert_eq!(status(&facts(None, &[], None), since), Status::NoPurchase);
    }
}
