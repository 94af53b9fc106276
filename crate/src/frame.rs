//! The analysis window and the measures every analysis sums: shared types that
//! sit below the analyses (segment, dynamics, retention read them; they read only
//! the ledger and the calendar).

use crate::ledger::{DayExtra, DayTotal};
use crate::money::{Money, SCALE};
use crate::period::Grain;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The analysis window: days `[from, as_of]`, and its periods `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub from: NaiveDate,
    pub as_of: NaiveDate,
    pub grain: Grain,
    pub first: i32,
    pub last: i32,
    /// Periods per window as configured (0 = all data); used to look back from a
    /// client's last purchase when it bought nothing inside the window.
    pub window: u32,
}

impl Frame {
    pub fn new(from: NaiveDate, as_of: NaiveDate, grain: Grain, window: u32) -> Frame {
        Frame { from, as_of, grain, first: grain.index(from), last: grain.index(as_of), window }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && d <= self.as_of
    }

    pub fn period(&self, d: NaiveDate) -> i32 {
        self.grain.index(d)
    }

    /// The window's days of a history (sorted by day).
    pub fn days<'a>(&self, days: &'a [DayTotal]) -> &'a [DayTotal] {
        &days[self.range(days)]
    }

    /// Where the window's days of a history (sorted by day) are: the same range of
    /// its [`DayExtra`]s holds their margins and quantities.
    pub fn range(&self, days: &[DayTotal]) -> std::ops::Range<usize> {
        let lo = days.partition_point(|d| d.day < self.from);
        let hi = days.partition_point(|d| d.day <= self.as_of);
        lo..hi.max(lo)
    }

    /// Days in the window, counting both ends.
    pub fn length_days(&self) -> i64 {
        (self.as_of - self.from).num_days() + 1
    }
}

/// What ABC ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    #[default]
    Revenue,
    /// Gross profit (the profit column, or amount minus cost).
    Margin,
    Quantity,
    Purchases,
}

impl Measure {
    /// The day's figure, `x` its margin and quantity (`None`: the entity has none,
    /// zeros); purchases are counted in whole units so every measure prints as a
    /// decimal.
    pub fn of(self, d: &DayTotal, x: Option<&DayExtra>) -> Money {
        match self {
            Measure::Revenue => d.revenue,
            Measure::Margin => x.map_or(Money::ZERO, |x| x.margin),
            Measure::Quantity => x.map_or(Money::ZERO, |x| x.quantity),
            Measure::Purchases => Money(i64::from(d.purchases) * SCALE),
        }
    }

    /// The sum over `days`; `extras` are theirs, one a day, or none (zeros).
    pub fn sum(self, days: &[DayTotal], extras: &[DayExtra]) -> Money {
        debug_assert!(extras.is_empty() || extras.len() == days.len());
        match self {
            Measure::Margin => total(extras.iter().map(|x| x.margin)),
            Measure::Quantity => total(extras.iter().map(|x| x.quantity)),
            _ => total(days.iter().map(|d| self.of(d, None))),
        }
    }

    /// The sum over the days of `range` of a history and its extras ([`Frame::range`]).
    pub fn sum_in(self, days: &[DayTotal], extras: &[DayExtra], range: std::ops::Range<usize>) -> Money {
        self.sum(&days[range.clone()], extras.get(range).unwrap_or_default())
    }
}

/// What ABC and XYZ group: clients, or what they bought and from whom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    #[default]
    Client,
    Product,
    Manager,
    Branch,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [Dimension::Client, Dimension::Product, Dimension::Manager, Dimension::Branch];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::Client => "client",
            Dimension::Product => "product",
            Dimension::Manager => "manager",
            Dimension::Branch => "branch",
        }
    }
}

/// An exact sum that saturates instead of wrapping: the ledger checks every
/// running total, but sums of only the positive parts can still go past i64.
pub fn total(values: impl Iterator<Item = Money>) -> Money {
    saturate(values.map(|v| i128::from(v.0)).sum())
}

/// An exact i128 sum of minor units as Money, saturated at i64's bounds.
pub fn saturate(s: i128) -> Money {
    Money(s.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// `a / b`, or 0 when there is nothing to divide by (never NaN).
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 || !a.is_finite() || !b.is_finite() {
        0.0
    } else {
        a / b
    }
}

/// Share of `part` in `total` for exact money; 0 when the total is not positive.
pub fn share(part: Money, total: Money) -> f64 {
    if total.is_positive() {
        ratio(part.to_f64(), total.to_f64())
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn frame_slices_days_and_measures_sum() {
        let f = Frame::new(d("2024-02-10"), d("2024-04-30"), Grain::Month, 3);
        assert_eq!((f.last - f.first, f.length_days()), (2, 81));
        let mk = |s: &str, cents: i64, n: u32| DayTotal {
            revenue: Money::from_cents(cents),
            purchases: n,
            ..DayTotal::empty(d(s))
        };
        let days =
            [mk("2024-01-05", 100, 1), mk("2024-02-10", 200, 2), mk("2024-04-30", -50, 0), mk("2024-05-01", 900, 1)];
        let inside = f.days(&days);
        assert_eq!(inside.len(), 2);
        assert_eq!(Measure::Revenue.sum(inside, &[]), Money::from_cents(150));
        assert_eq!(Measure::Purchases.sum(inside, &[]).to_string(), "2.00");
        assert_eq!(f.days(&days[..1]).len(), 0);
        assert_eq!(share(Money(1), Money::ZERO), 0.0);
        assert_eq!(ratio(1.0, 0.0), 0.0);
    }
}
