//! Retention: the pool and its leakage (seed 002), what clients are worth and
//! what churn costs (seed 003), whom to win back first (seed 003) and the one-time
//! buyers to survey (seed 001). Methodology sections 7-10.

pub mod leakage;
pub mod ltv;
pub mod onetime;
pub mod winback;

use crate::ledger::{Client, Item};
use crate::segment::abcdx::Verdict;
use chrono::NaiveDate;

/// The `n` products a client bought most recently (latest first, ties by name).
pub fn recent_products(c: &Client, products: &[Item], n: usize) -> Vec<String> {
    let mut seen: Vec<(NaiveDate, &str)> =
        c.products.iter().filter_map(|p| products.get(p.product as usize).map(|i| (p.last, i.id.as_str()))).collect();
    seen.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    seen.into_iter().take(n).map(|(_, s)| s.to_string()).collect()
}

/// The day a client crossed its D threshold after its last purchase: the first
/// day its silence was longer than the threshold.
pub fn lost_on(v: &Verdict) -> NaiveDate {
    let days = libm::floor(v.threshold_days) as i64 + 1;
    v.last_purchase + chrono::Duration::days(days)
}
