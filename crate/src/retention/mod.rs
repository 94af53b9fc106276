//! Retention: the pool and its leakage (seed 002), what clients are worth and
//! what churn costs (seed 003), whom to win back first (seed 003) and the one-time
//! buyers to survey (seed 001). Methodology sections 7-10.

pub mod leakage;
pub mod ltv;
pub mod onetime;
pub mod winback;

use crate::ledger::Client;
use crate::segment::abcdx::Verdict;
use chrono::NaiveDate;
use std::sync::Arc;

/// The `n` products a client bought most recently (latest first, ties by name).
pub fn recent_products(c: &Client, names: &[Arc<str>], n: usize) -> Vec<Arc<str>> {
    let mut seen: Vec<(NaiveDate, &Arc<str>)> =
        c.products.iter().filter_map(|p| names.get(p.product as usize).map(|s| (p.last, s))).collect();
    crate::order::sort_by(&mut seen, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    seen.into_iter().take(n).map(|(_, s)| Arc::clone(s)).collect()
}

/// The day a client crossed its D threshold after its last purchase: the first
/// day its silence was longer than the threshold.
pub fn lost_on(v: &Verdict) -> NaiveDate {
    let days = libm::floor(v.threshold_days) as i64 + 1;
    v.last_purchase + chrono::Duration::days(days)
}
