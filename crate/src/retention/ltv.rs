//! Lifetime value (seed 003): a client's annual value (average check x purchases a
//! year, read as the revenue of the twelve months up to its last purchase), its
//! historical LTV (revenue and margin to date), and the revenue lost with the
//! clients who left in the last twelve months: the sum of their annual values.

use crate::ledger::Client;
use crate::lifecycle::Status;
use crate::money::Money;
use crate::segment::abcdx::Verdict;
use crate::segment::total;
use chrono::{Months, NaiveDate};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LtvOut {
    /// Clients with a purchase up to the as-of date.
    pub clients: usize,
    /// Historical LTV: net revenue to date, in total and per client.
    pub revenue: Money,
    pub average_ltv: Money,
    /// The same for margin; `null` without a margin column.
    pub margin: Option<Money>,
    pub average_margin_ltv: Option<Money>,
    /// Annual value of the clients not gone: total and per client.
    pub annual_value: Money,
    pub average_annual_value: Money,
    /// Clients that became D within the last twelve months and are still gone: the
    /// lifecycle's `gone_recent` (see `lifecycle`).
    pub lost_since: NaiveDate,
    pub lost_clients: usize,
    /// The sum of their annual values: revenue a year that left with them.
    pub lost_revenue: Money,
}

/// Revenue of the twelve months ending with the client's last purchase, `None`
/// without a purchase up to `as_of`.
pub fn annual_value(c: &Client, as_of: NaiveDate) -> Option<Money> {
    let last = c.days.iter().rev().find(|d| d.purchases > 0 && d.day <= as_of)?.day;
    let from = last.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    Some(total(c.days.iter().filter(|d| d.day > from && d.day <= last).map(|d| d.revenue)))
}

fn per(m: Money, n: usize) -> Money {
    if n == 0 {
        Money::ZERO
    } else {
        m.mul_ratio(1, n as i64).unwrap_or_default()
    }
}

pub fn build(
    clients: &[Client],
    verdicts: &[Option<Verdict>],
    annual: &[Option<Money>],
    statuses: &[Status],
    as_of: NaiveDate,
    has_margin: bool,
) -> LtvOut {
    let lost_since = crate::lifecycle::gone_since(as_of);
    let (mut n, mut kept, mut lost) = (0, 0, 0);
    // Exact sums in i128, saturated once at the end as `total` does.
    let (mut revenue, mut margin, mut annual_value, mut lost_revenue) = (0i128, 0i128, 0i128, 0i128);
    for (((c, v), a), s) in clients.iter().zip(verdicts).zip(annual).zip(statuses) {
        if v.is_none() {
            continue;
        }
        n += 1;
        let upto = c.days.partition_point(|d| d.day <= as_of);
        revenue += c.days[..upto].iter().map(|d| i128::from(d.revenue.0)).sum::<i128>();
        margin += c.extras.get(..upto).unwrap_or_default().iter().map(|x| i128::from(x.margin.0)).sum::<i128>();
        let a = i128::from(a.unwrap_or_default().0);
        if !s.is_gone() {
            kept += 1;
            annual_value += a;
        } else if *s == Status::GoneRecent {
            lost += 1;
            lost_revenue += a;
        }
    }
    let sat = crate::frame::saturate;
    let (revenue, margin, annual_value) = (sat(revenue), sat(margin), sat(annual_value));
    LtvOut {
        clients: n,
        revenue,
        average_ltv: per(revenue, n),
        margin: has_margin.then_some(margin),
        average_margin_ltv: has_margin.then(|| per(margin, n)),
        annual_value,
        average_annual_value: per(annual_value, kept),
        lost_since,
        lost_clients: lost,
        lost_revenue: sat(lost_revenue),
    }
}
