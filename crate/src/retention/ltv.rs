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

/// What the LTV sums from the clients' days: their revenue and margin up to the
/// as-of date, over every client with a verdict (one who bought by then). Added
/// client by client where the analysis walks the days anyway ([`Lifetime::add`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Lifetime {
    clients: usize,
    /// Exact sums in i128, saturated once at the end as `total` does.
    revenue: i128,
    margin: i128,
}

impl Lifetime {
    /// Adds `c`, whose verdict is `v` (nothing without one).
    pub fn add(&mut self, c: &Client, v: Option<&Verdict>, as_of: NaiveDate) {
        if v.is_none() {
            return;
        }
        self.clients += 1;
        let upto = c.days.partition_point(|d| d.day <= as_of);
        self.revenue += c.days[..upto].iter().map(|d| i128::from(d.revenue.0)).sum::<i128>();
        self.margin += c.extras.get(..upto).unwrap_or_default().iter().map(|x| i128::from(x.margin.0)).sum::<i128>();
    }
}

pub fn build(
    life: &Lifetime,
    verdicts: &[Option<Verdict>],
    annual: &[Option<Money>],
    statuses: &[Status],
    as_of: NaiveDate,
    has_margin: bool,
) -> LtvOut {
    let lost_since = crate::lifecycle::gone_since(as_of);
    let (n, mut kept, mut lost) = (life.clients, 0, 0);
    let (revenue, margin) = (life.revenue, life.margin);
    let (mut annual_value, mut lost_revenue) = (0i128, 0i128);
    for ((v, a), s) in verdicts.iter().zip(annual).zip(statuses) {
        if v.is_none() {
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{DayExtra, DayTotal};
    use crate::segment::abc::Class;
    use crate::segment::abcdx::Label;

    #[test]
    fn lifetime_sums_by_hand() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let as_of = d("2025-06-30");
        let day = |s, cents| DayTotal { purchases: 1, revenue: Money::from_cents(cents), ..DayTotal::empty(d(s)) };
        let client = |days: Vec<DayTotal>, margins: &[i64]| Client {
            id: "c".into(),
            extras: margins.iter().map(|&m| DayExtra { margin: Money::from_cents(m), quantity: Money::ZERO }).collect(),
            days,
            ..Client::default()
        };
        let v = Verdict {
            group: Label::A,
            letter: Class::A,
            last_purchase: as_of,
            days_since: 0,
            threshold_days: 90.0,
            median_interval_days: None,
            purchase_days: 1,
            value: Money::ZERO,
        };
        let mut life = Lifetime::default();
        // 10 + 20 up to the as-of date (margins 1 + 2); the 40 after it does not count.
        let a =
            client(vec![day("2025-01-01", 1000), day("2025-06-30", 2000), day("2025-07-01", 4000)], &[100, 200, 400]);
        life.add(&a, Some(&v), as_of);
        // No margins: counted as zeros.
        life.add(&client(vec![day("2024-03-01", 500)], &[]), Some(&v), as_of);
        // Without a verdict: not counted at all.
        life.add(&client(vec![day("2025-02-01", 9900)], &[]), None, as_of);
        // 35.00 and 3.00, in ten-thousandths.
        assert_eq!(life, Lifetime { clients: 2, revenue: 350_000, margin: 30_000 });
    }
}
