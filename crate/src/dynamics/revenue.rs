//! Revenue per period by ABC class: each client's net revenue of every period,
//! under the class it holds now (`clients[].abc`). The periods are the ones of
//! `pool` and `transitions.periods`, which lie inside the analysis window, so
//! every client with a day in them has a class and A + B + C is the period's
//! whole net revenue, to the unit.

use crate::ledger::Client;
use crate::money::Money;
use crate::period::Grain;
use crate::segment::abc::Class;
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
pub fn build(clients: &[Client], classes: &[Option<Class>], grain: Grain, as_of: NaiveDate, n: i32) -> RevenueOut {
    let len = n.max(0) as usize;
    let first = grain.index(as_of) - n + 1;
    // sums[slot][class], class 3 for a client without one (none by construction).
    let mut sums = vec![[0i128; 4]; len];
    for (c, k) in clients.iter().zip(classes) {
        let g = k.map_or(3, |k| k as usize);
        let from = c.days.partition_point(|d| grain.index(d.day) < first);
        for d in c.days[from..].iter().take_while(|d| d.day <= as_of) {
            sums[(grain.index(d.day) - first) as usize][g] += i128::from(d.revenue.0);
        }
    }
    let periods = sums
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
