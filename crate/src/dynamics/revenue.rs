//! Revenue per period by ABC class: each client's net revenue of every period,
//! under the class it holds now (`clients[].abc`). The periods are the ones of
//! `pool` and `transitions.periods`, which lie inside the analysis window, so
//! every client with a day in them has a class and A + B + C is the period's
//! whole net revenue, to the unit. Read from the clients' period summaries, which
//! cover the window: the whole of each period, and of the as-of period its days up
//! to the as-of date.

use crate::money::Money;
use crate::segment::abc::Class;
use crate::summaries::Summaries;
use chrono::NaiveDate;
use serde::Serialize;

/// Net revenue of one period by class, and all of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ByClass {
    #[serde(rename = "A")]
    pub a: Money,
    #[serde(rename = "B")]
    pub b: Money,
    #[serde(rename = "C")]
    pub c: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RevenuePeriod {
    pub period_start: NaiveDate,
    /// Net revenue of the period's days up to the as-of date, by the client's class.
    pub revenue: ByClass,
    /// The period's net revenue: `revenue.A + revenue.B + revenue.C`.
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RevenueOut {
    pub periods: Vec<RevenuePeriod>,
}

fn clamp(v: i128) -> Money {
    Money(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// The `n` periods ending with the as-of period; `classes` in ledger order.
pub fn build(sums: &Summaries, classes: &[Option<Class>], n: i32) -> RevenueOut {
    let len = n.max(0) as usize;
    let first = sums.last - n + 1;
    // acc[slot][class], class 3 for a client without one (none by construction).
    let mut acc = vec![[0i128; 4]; len];
    for (i, k) in classes.iter().enumerate() {
        let g = k.map_or(3, |k| k as usize);
        for (p, half) in sums.window(i, first, sums.last) {
            acc[(p - first) as usize][g] += i128::from(half.revenue.0);
        }
    }
    let grain = sums.grain;
    let periods = acc
        .iter()
        .enumerate()
        .map(|(s, v)| RevenuePeriod {
            period_start: grain.start(first + s as i32),
            revenue: ByClass { a: clamp(v[0]), b: clamp(v[1]), c: clamp(v[2]) },
            total: clamp(v.iter().sum()),
        })
        .collect();
    RevenueOut { periods }
}
