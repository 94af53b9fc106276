//! The current span and its base: the last N periods up to the as-of date, and
//! the N periods before them or the same N periods a year earlier. A base period
//! is read up to the same day of the period as the as-of date, so a month to date
//! is compared with the same part of another month.

use super::options::Compare;
use crate::ledger::DayTotal;
use crate::money::Money;
use crate::period::Grain;
use chrono::NaiveDate;
use serde::Serialize;

/// Days `[from, to]`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && d <= self.to
    }

    pub fn days<'a>(&self, days: &'a [DayTotal]) -> &'a [DayTotal] {
        let lo = days.partition_point(|d| d.day < self.from);
        let hi = days.partition_point(|d| d.day <= self.to);
        &days[lo..hi.max(lo)]
    }

    /// Net revenue and purchases of a history inside the span.
    pub fn sums(&self, days: &[DayTotal]) -> (Money, u32) {
        let inside = self.days(days);
        let revenue = crate::segment::total(inside.iter().map(|d| d.revenue));
        (revenue, inside.iter().map(|d| d.purchases).fold(0u32, u32::saturating_add))
    }
}

pub fn periods_per_year(g: Grain) -> i32 {
    match g {
        Grain::Week => 52,
        Grain::Month => 12,
        Grain::Quarter => 4,
    }
}

/// `as_of` moved back `k` periods: the same day of the period, or the period's
/// last day when it is shorter.
pub fn shift(g: Grain, as_of: NaiveDate, k: i32) -> NaiveDate {
    let i = g.index(as_of);
    let offset = as_of - g.start(i);
    let start = g.start(i - k);
    let end = g.start(i - k + 1).pred_opt().unwrap_or(start);
    (start + offset).min(end)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Spans {
    pub now: Span,
    pub base: Span,
    pub compare: Compare,
    pub periods: u32,
}

impl Spans {
    pub fn new(g: Grain, as_of: NaiveDate, periods: u32, compare: Compare) -> Spans {
        let n = periods.max(1) as i32;
        let i = g.index(as_of);
        let k = match compare {
            Compare::Previous => n,
            Compare::YearAgo => periods_per_year(g),
        };
        let now = Span { from: g.start(i - n + 1), to: as_of };
        let base = Span { from: g.start(i - n + 1 - k), to: shift(g, as_of, k) };
        Spans { now, base, compare, periods }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spans_of_months_quarters_and_weeks() {
        let s = Spans::new(Grain::Month, d("2025-12-31"), 3, Compare::YearAgo);
        assert_eq!((s.now.from, s.now.to), (d("2025-10-01"), d("2025-12-31")));
        assert_eq!((s.base.from, s.base.to), (d("2024-10-01"), d("2024-12-31")));
        let s = Spans::new(Grain::Month, d("2025-05-31"), 3, Compare::Previous);
        assert_eq!((s.base.from, s.base.to), (d("2024-12-01"), d("2025-02-28")));
        let s = Spans::new(Grain::Month, d("2025-05-15"), 1, Compare::Previous);
        assert_eq!((s.now.from, s.base.from, s.base.to), (d("2025-05-01"), d("2025-04-01"), d("2025-04-15")));
        assert_eq!(shift(Grain::Quarter, d("2025-06-30"), 4), d("2024-06-30"));
        // 2025-12-31 is a Wednesday: week of Monday 2025-12-29; 52 weeks back, Wednesday 2025-01-01.
        assert_eq!(shift(Grain::Week, d("2025-12-31"), 52), d("2025-01-01"));
    }
}
