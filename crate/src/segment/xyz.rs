//! XYZ: how regularly an entity buys (or sells) inside the window.
//!
//! Both methods count periods from the entity's first purchase, or from the window
//! start if it bought before: a client who started last month is not punished for
//! the eleven months before it existed, and one who was away is.
//! Boundaries are compared in exact integers, so no rounding flips a class and a
//! common scale factor on amounts changes nothing.

use super::options::XyzMethod;
use super::{share, Frame, Measure};
use crate::ledger::{DayExtra, DayTotal};
use crate::money::Money;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub enum Xyz {
    X,
    Y,
    #[default]
    Z,
}

impl Xyz {
    pub const ALL: [Xyz; 3] = [Xyz::X, Xyz::Y, Xyz::Z];
}

/// Why a class is what it is, when it is not a plain measurement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Measured over at least `min_periods` periods.
    #[default]
    Ok,
    /// First purchase in the last period of the window: Z until it has a history.
    New,
    /// Fewer periods of history than `min_periods`: Z.
    ShortHistory,
    /// No purchase up to the analysis date (returns only): Z.
    NoPurchases,
    /// Variation method: the measure does not sum to a positive value: Z.
    NoSales,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Ok, Status::New, Status::ShortHistory, Status::NoPurchases, Status::NoSales];

    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::New => "new",
            Status::ShortHistory => "short_history",
            Status::NoPurchases => "no_purchases",
            Status::NoSales => "no_sales",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Result {
    pub class: Xyz,
    pub status: Status,
    /// Share of periods with a purchase (0..1) or the coefficient of variation
    /// (0.25 = 25 %); `None` unless measured.
    pub value: Option<f64>,
    /// Periods counted, and those with a purchase.
    pub periods: u32,
    pub active_periods: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub method: XyzMethod,
    /// The bounds in hundredths of a percent: [X, Y].
    pub bounds_bp: [i64; 2],
    pub min_periods: u32,
    pub measure: Measure,
}

fn bp(pct: f64) -> i64 {
    libm::round(pct * 100.0) as i64
}

impl Params {
    pub fn new(method: XyzMethod, thresholds: [f64; 2], min_periods: u32, measure: Measure) -> Self {
        Params { method, bounds_bp: thresholds.map(bp), min_periods, measure }
    }
}

/// `extras`: the days' margins and quantities, one a day, or none (zeros).
pub fn classify(days: &[DayTotal], extras: &[DayExtra], frame: &Frame, p: &Params) -> Result {
    let first = days.iter().find(|d| d.purchases > 0 && d.day <= frame.as_of).map(|d| frame.period(d.day));
    let range = frame.range(days);
    let extras = extras.get(range.clone()).unwrap_or_default();
    let inside = &days[range];
    let mut active = 0u32;
    let mut last_seen = None;
    for d in inside.iter().filter(|d| d.purchases > 0) {
        let per = frame.period(d.day);
        if last_seen != Some(per) {
            active += 1;
            last_seen = Some(per);
        }
    }
    decide(first, active, frame, p, |start, sums| {
        let mut current = None;
        for (k, d) in inside.iter().enumerate() {
            let per = frame.period(d.day);
            if per < start {
                continue;
            }
            let v = i128::from(p.measure.of(d, extras.get(k)).0);
            match (current == Some(per), sums.last_mut()) {
                (true, Some(s)) => *s += v,
                _ => {
                    sums.push(v);
                    current = Some(per);
                }
            }
        }
    })
}

/// XYZ of one client from its period summaries: the same rule as [`classify`] on
/// the window `frame` (which the summaries must fit, see `Summaries::fits`).
/// `active`: the window's periods with a purchase, which the caller's
/// `Summaries::window_sums` of the same window counted already (`periods_bought`).
pub fn classify_summary(s: &crate::summaries::Summaries, i: usize, frame: &Frame, p: &Params, active: u32) -> Result {
    debug_assert_eq!(active as usize, s.window(i, frame.first, frame.last).filter(|(_, h)| h.purchases > 0).count());
    let first = s.clients[i].first_purchase.filter(|d| *d <= frame.as_of).map(|d| frame.period(d));
    decide(first, active, frame, p, |start, sums| {
        sums.extend(
            s.window(i, frame.first, frame.last).filter(|(per, _)| *per >= start).map(|(_, h)| i128::from(h.value.0)),
        )
    })
}

/// The XYZ rule once a history is cut into periods: `first` is the period of the
/// first purchase up to the window's end, `active` the window's periods with a
/// purchase, and `fill(start, sums)` pushes the measure of each period from `start`
/// on that has a booked day (variation only).
fn decide(
    first: Option<i32>,
    active: u32,
    frame: &Frame,
    p: &Params,
    fill: impl FnOnce(i32, &mut Vec<i128>),
) -> Result {
    let Some(first) = first else {
        return Result { status: Status::NoPurchases, ..Result::default() };
    };
    let start = first.max(frame.first);
    let n = (frame.last - start + 1).max(1) as u32;
    let mut r = Result { periods: n, active_periods: active, ..Result::default() };
    if first == frame.last {
        r.status = Status::New;
        return r;
    }
    if n < p.min_periods {
        r.status = Status::ShortHistory;
        return r;
    }
    match p.method {
        XyzMethod::Frequency => {
            let (a, n) = (i64::from(active), i64::from(n));
            r.value = Some(active as f64 / n as f64);
            r.class = if a * 10_000 >= p.bounds_bp[0] * n {
                Xyz::X
            } else if a * 10_000 >= p.bounds_bp[1] * n {
                Xyz::Y
            } else {
                Xyz::Z
            };
        }
        XyzMethod::Variation => {
            // Only periods with sales add to the sums; empty ones are zeros that
            // count in `n`, so a long window costs nothing.
            let mut sums: Vec<i128> = Vec::new();
            fill(start, &mut sums);
            let Some((cv, class)) = variation(&sums, n, p.bounds_bp) else {
                r.status = Status::NoSales;
                return r;
            };
            r.value = Some(cv);
            r.class = class;
        }
    }
    r
}

/// Population coefficient of variation over `n` periods, `x` holding the non-zero
/// ones, and its class; `None` when the sum is not positive.
/// CV <= t  <=>  (n*Sum(x^2) - Sum(x)^2) * 10^8 <= t_bp^2 * Sum(x)^2.
fn variation(x: &[i128], n: u32, bounds_bp: [i64; 2]) -> Option<(f64, Xyz)> {
    let n = i128::from(n);
    let s: i128 = x.iter().sum();
    if s <= 0 {
        return None;
    }
    let q = x.iter().try_fold(0i128, |acc, v| acc.checked_add(v.checked_mul(*v)?));
    let d = q.and_then(|q| n.checked_mul(q)?.checked_sub(s.checked_mul(s)?));
    let cv = match d {
        Some(d) => libm::sqrt(d.max(0) as f64) / s as f64,
        None => {
            // Too large for exact squares: the same formula on floats, the empty
            // periods adding (0 - mean)^2 each.
            let nf = n as f64;
            let mean = x.iter().map(|v| *v as f64).sum::<f64>() / nf;
            let gaps = nf - x.len() as f64;
            let var =
                (x.iter().map(|v| (*v as f64 - mean) * (*v as f64 - mean)).sum::<f64>() + gaps * mean * mean) / nf;
            libm::sqrt(var) / mean
        }
    };
    let within = |t_bp: i64| -> bool {
        let t = i128::from(t_bp);
        let exact = d.and_then(|d| {
            let lhs = d.checked_mul(100_000_000)?;
            let rhs = t.checked_mul(t)?.checked_mul(s.checked_mul(s)?)?;
            Some(lhs <= rhs)
        });
        exact.unwrap_or(cv * 10_000.0 <= t_bp as f64)
    };
    let class = if within(bounds_bp[0]) {
        Xyz::X
    } else if within(bounds_bp[1]) {
        Xyz::Y
    } else {
        Xyz::Z
    };
    Some((cv, class))
}

/// One XYZ group: how many entities, and how much of the measure they carry.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct XyzGroup {
    pub group: Xyz,
    pub count: usize,
    pub count_share: f64,
    pub value: Money,
    pub value_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct XyzOut {
    pub method: XyzMethod,
    /// The measure whose variation is taken (variation method only).
    pub measure: Measure,
    /// [X, Y] in percent: frequency "at least", variation "at most".
    pub thresholds: [f64; 2],
    pub min_periods: u32,
    /// Periods in the window.
    pub periods: u32,
    pub groups: Vec<XyzGroup>,
    /// How many entities got their class from each status (`ok`, `new`, ...).
    pub statuses: BTreeMap<&'static str, usize>,
}

/// Group sums over the classified entities; `values` are their ABC measure values.
pub fn summarize(
    results: &[Option<Result>],
    values: &[Money],
    head: (XyzMethod, Measure, [f64; 2], u32, u32),
) -> XyzOut {
    let members: Vec<(Result, Money)> = results.iter().zip(values).filter_map(|(r, v)| r.map(|r| (r, *v))).collect();
    let total = super::total(members.iter().map(|(_, v)| *v));
    let n = members.len();
    let groups = Xyz::ALL
        .iter()
        .map(|&g| {
            let inside = || members.iter().filter(move |(r, _)| r.class == g);
            let value = super::total(inside().map(|(_, v)| *v));
            XyzGroup {
                group: g,
                count: inside().count(),
                count_share: super::ratio(inside().count() as f64, n as f64),
                value,
                value_share: share(value, total),
            }
        })
        .collect();
    let statuses = Status::ALL
        .iter()
        .map(|s| (s.key(), members.iter().filter(|(r, _)| r.status == *s).count()))
        .filter(|(_, c)| *c > 0)
        .collect();
    let (method, measure, thresholds, min_periods, periods) = head;
    XyzOut { method, measure, thresholds, min_periods, periods, groups, statuses }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Grain;
    use chrono::NaiveDate;
    use Status::{New, NoPurchases, NoSales, Ok as Fine, ShortHistory};
    use Xyz::{X, Y, Z};

    fn frame() -> Frame {
        // Twelve months, 2024-01 .. 2024-12.
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Frame::new(d("2024-01-01"), d("2024-12-31"), Grain::Month, 12)
    }

    /// (year, month, revenue in units, purchases) on the 15th.
    type Month = (i32, u32, i64, u32);

    fn hist(v: &[Month]) -> Vec<DayTotal> {
        v.iter()
            .map(|&(y, m, units, n)| DayTotal {
                revenue: Money::from_cents(units * 100),
                purchases: n,
                ..DayTotal::empty(NaiveDate::from_ymd_opt(y, m, 15).unwrap())
            })
            .collect()
    }

    #[test]
    fn frequency_cases() {
        let p = Params::new(XyzMethod::Frequency, [75.0, 25.0], 2, Measure::Revenue);
        let every = |from: u32| (from..=12).map(|m| (2024, m, 10, 1)).collect::<Vec<_>>();
        let cases: Vec<(Vec<Month>, Xyz, Status, u32, u32)> = vec![
            // 9 of 12 months = 75 %: exactly on the X bound is X.
            ((1..=9).map(|m| (2024, m, 10, 1)).collect(), X, Fine, 12, 9),
            // 8 of 12 = 66.7 %: Y.
            ((1..=8).map(|m| (2024, m, 10, 1)).collect(), Y, Fine, 12, 8),
            // Bought before the window, then 2 of 12 = 16.7 %: Z.
            (vec![(2023, 3, 10, 1), (2024, 2, 10, 1), (2024, 7, 5, 1)], Z, Fine, 12, 2),
            // Started in October: 3 of 3 months = X.
            (every(10), X, Fine, 3, 3),
            // Started in December: new, Z whatever it bought.
            (every(12), Z, New, 1, 1),
            // A return alone is not a purchase.
            (vec![(2024, 5, -10, 0)], Z, NoPurchases, 0, 0),
            // Two purchases in one month are one active period: 1 of 3 = 33 %: Y.
            (vec![(2024, 10, 5, 2)], Y, Fine, 3, 1),
        ];
        for (h, class, status, periods, active) in cases {
            let r = classify(&hist(&h), &[], &frame(), &p);
            assert_eq!((r.class, r.status, r.periods, r.active_periods), (class, status, periods, active), "{h:?}");
        }
        // Three periods of history are too few when four are required.
        let p4 = Params { min_periods: 4, ..p };
        let r = classify(&hist(&every(10)), &[], &frame(), &p4);
        assert_eq!((r.class, r.status, r.value), (Z, ShortHistory, None));
    }

    #[test]
    fn variation_cases() {
        let p = Params::new(XyzMethod::Variation, [10.0, 25.0], 2, Measure::Revenue);
        let months = |v: &[i64]| {
            v.iter().enumerate().filter(|(_, u)| **u != 0).map(|(i, &u)| (2024, i as u32 + 1, u, 1)).collect::<Vec<_>>()
        };
        // Hand-computed population CVs over 12 months:
        let flat = [100; 12];
        // 11 x 100 and 1 x 130: mean 102.5, sd = sqrt((11*2.5^2 + 27.5^2)/12) = 8.29, CV 8.09 %.
        let mut bump = [100; 12];
        bump[5] = 130;
        // 6 x 80, 6 x 120: mean 100, sd 20, CV exactly 20 %.
        let halves = [80, 80, 80, 80, 80, 80, 120, 120, 120, 120, 120, 120];
        // 6 x 75, 6 x 125: CV exactly 25 %: on the Y bound is Y.
        let edge = [75, 75, 75, 75, 75, 75, 125, 125, 125, 125, 125, 125];
        // Sales in 3 of 12 months: mean 25, sd = sqrt(3*75^2+9*25^2)/sqrt(12) = 43.3, CV 173 %.
        let rare = [100, 0, 0, 0, 100, 0, 0, 0, 100, 0, 0, 0];
        let cases: [(&[i64], Xyz, f64); 5] =
            [(&flat, X, 0.0), (&bump, X, 0.080_894), (&halves, Y, 0.2), (&edge, Y, 0.25), (&rare, Z, 1.732_051)];
        for (v, class, cv) in cases {
            let r = classify(&hist(&months(v)), &[], &frame(), &p);
            assert_eq!((r.class, r.status), (class, Fine), "{v:?}");
            assert!((r.value.unwrap() - cv).abs() < 1e-6, "{v:?}: {:?}", r.value);
        }
        // Net returns above sales: no positive sum to measure against.
        let r = classify(&hist(&[(2024, 2, 50, 1), (2024, 3, -80, 0)]), &[], &frame(), &p);
        assert_eq!((r.class, r.status), (Z, NoSales));
    }

    #[test]
    fn summary_counts_statuses_and_reconciles() {
        let results = [
            Some(Result { class: X, ..Result::default() }),
            Some(Result { class: Z, status: New, ..Result::default() }),
            None,
            Some(Result { class: X, ..Result::default() }),
        ];
        let values = [Money(300), Money(100), Money(999), Money(-100)];
        let s = summarize(&results, &values, (XyzMethod::Frequency, Measure::Revenue, [75.0, 25.0], 2, 12));
        assert_eq!(s.groups[0].count, 2);
        assert_eq!(s.groups[0].value, Money(200));
        assert_eq!(s.groups[1].count, 0);
        assert_eq!(s.statuses.get("new"), Some(&1));
        assert_eq!(s.statuses.get("ok"), Some(&2));
        // Base: the net total 300 + 100 - 100.
        assert!((s.groups[2].value_share - 1.0 / 3.0).abs() < 1e-12);
    }
}
