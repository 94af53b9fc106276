//! The pool (seed 002): clients flow in (new), out (lost: silent past their D
//! threshold) and back (returned). Annual leakage = clients active in the previous
//! twelve months who bought nothing in the last twelve / clients active in the
//! previous twelve, against the 10 % a year norm; churn reasons of lost clients
//! beside the reference distributions of seeds 002 and 003.

use crate::dynamics::flags::is_gone;
use crate::ledger::Client;
use crate::period::Grain;
use crate::segment::abcdx::Verdict;
use crate::segment::playbook::{text, Text};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Seed 002's norm: at most 10 % of clients a year.
pub const NORM: f64 = 0.10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    WithinNorm,
    AboveNorm,
    /// Nobody bought in the previous twelve months: no rate.
    NoBase,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeakageOut {
    /// The previous twelve months `(base_from, base_to]` and the last twelve `(base_to, as_of]`.
    pub base_from: NaiveDate,
    pub base_to: NaiveDate,
    pub as_of: NaiveDate,
    pub base_clients: usize,
    pub leaked: usize,
    /// leaked / base_clients; `null` with no base.
    pub rate: Option<f64>,
    pub norm: f64,
    pub status: Status,
    /// False when the file starts after `base_from`: the base year is partial.
    pub complete_history: bool,
    /// `null` without a churn-reason column.
    pub reasons: Option<ReasonsOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReasonCount {
    pub reason: String,
    pub count: usize,
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reference {
    pub share: f64,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReasonsOut {
    /// Gone (D) clients, and those with a reason in the file.
    pub lost_clients: usize,
    pub with_reason: usize,
    /// Most frequent first; shares of `with_reason`.
    pub counts: Vec<ReasonCount>,
    /// Why clients leave, as seed 002 reports it.
    pub reference: Vec<Reference>,
    /// The six usual reasons of seed 003 (no shares).
    pub usual: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PoolPeriod {
    pub period_start: NaiveDate,
    /// Active (bought, not yet past the D threshold) on the eve of the period.
    pub active_start: usize,
    pub new: usize,
    pub returned: usize,
    pub lost: usize,
    /// active_start + new + returned - lost.
    pub active_end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PoolOut {
    pub periods: Vec<PoolPeriod>,
}

const REFERENCE: [(f64, &str); 5] = [
    (0.03, "leakage.reference1"),
    (0.05, "leakage.reference2"),
    (0.10, "leakage.reference3"),
    (0.14, "leakage.reference4"),
    (0.68, "leakage.reference5"),
];

const USUAL: [&str; 6] =
    ["leakage.usual1", "leakage.usual2", "leakage.usual3", "leakage.usual4", "leakage.usual5", "leakage.usual6"];

/// A purchase in `(from, to]`.
pub fn bought_between(c: &Client, from: NaiveDate, to: NaiveDate) -> bool {
    // Days are sorted: only those after `from` are read.
    let after = c.days.partition_point(|d| d.day <= from);
    c.days[after..].iter().take_while(|d| d.day <= to).any(|d| d.purchases > 0)
}

/// `(base_from, base_to)`: the previous twelve months are `(base_from, base_to]`, the
/// last twelve `(base_to, as_of]`.
pub fn spans(as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let base_to = as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    (base_to.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN), base_to)
}

/// Leaked: bought in the previous twelve months and not in the last twelve.
pub fn is_leaked(c: &Client, as_of: NaiveDate) -> bool {
    is_leaked_in(c, spans(as_of), as_of)
}

/// [`is_leaked`] with the [`spans`] of `as_of` worked out once for every client.
pub fn is_leaked_in(c: &Client, (base_from, base_to): (NaiveDate, NaiveDate), as_of: NaiveDate) -> bool {
    bought_between(c, base_from, base_to) && !bought_between(c, base_to, as_of)
}

pub fn leakage(clients: &[Client], verdicts: &[Option<Verdict>], as_of: NaiveDate, first: NaiveDate) -> LeakageOut {
    let (base_from, base_to) = spans(as_of);
    let base: Vec<&Client> = clients.iter().filter(|c| bought_between(c, base_from, base_to)).collect();
    let leaked = base.iter().filter(|c| is_leaked_in(c, (base_from, base_to), as_of)).count();
    let rate = (!base.is_empty()).then(|| leaked as f64 / base.len() as f64);
    let status = match rate {
        None => Status::NoBase,
        Some(r) if r > NORM => Status::AboveNorm,
        Some(_) => Status::WithinNorm,
    };
    LeakageOut {
        base_from,
        base_to,
        as_of,
        base_clients: base.len(),
        leaked,
        rate,
        norm: NORM,
        status,
        complete_history: first <= base_from + chrono::Duration::days(1),
        reasons: reasons(clients, verdicts),
    }
}

fn reasons(clients: &[Client], verdicts: &[Option<Verdict>]) -> Option<ReasonsOut> {
    if clients.iter().all(|c| c.profile.reason.get().is_none()) {
        return None;
    }
    let mut lost = 0;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, v) in clients.iter().zip(verdicts) {
        if !v.as_ref().is_some_and(is_gone) {
            continue;
        }
        lost += 1;
        if let Some(r) = c.profile.reason.get() {
            *counts.entry(r.trim()).or_default() += 1;
        }
    }
    let with_reason: usize = counts.values().sum();
    let mut rows: Vec<ReasonCount> = counts
        .into_iter()
        .map(|(reason, count)| ReasonCount {
            reason: reason.to_string(),
            count,
            share: crate::segment::ratio(count as f64, with_reason as f64),
        })
        .collect();
    crate::order::sort_by(&mut rows, |a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    Some(ReasonsOut {
        lost_clients: lost,
        with_reason,
        counts: rows,
        reference: REFERENCE.iter().map(|(s, t)| Reference { share: *s, text: text(t) }).collect(),
        usual: USUAL.iter().map(|t| text(t)).collect(),
    })
}

/// New, returned and lost per period for the `n` periods ending with the as-of
/// period. Each client's history is walked with its own D threshold: a silence
/// longer than it is a loss on the day it crosses it, the next purchase a return.
pub fn pool(clients: &[Client], verdicts: &[Option<Verdict>], grain: Grain, as_of: NaiveDate, n: i32) -> PoolOut {
    let last = grain.index(as_of);
    let first = last - n + 1;
    let slot = |d: NaiveDate| grain.index(d) - first;
    let len = n.max(0) as usize;
    let (mut new, mut back, mut lost) = (vec![0usize; len], vec![0usize; len], vec![0usize; len]);
    let mut active0: i64 = 0;
    let mut add = |bucket: &mut Vec<usize>, d: NaiveDate, delta: i64| {
        let s = slot(d);
        if s < 0 {
            active0 += delta;
        } else if let Some(b) = bucket.get_mut(s as usize) {
            *b += 1;
        }
    };
    for (c, v) in clients.iter().zip(verdicts) {
        let Some(v) = v else { continue };
        // Purchase days walked once, without a vector per client.
        let mut days = c.days.iter().filter(|d| d.purchases > 0 && d.day <= as_of).map(|d| d.day);
        let Some(d0) = days.next() else { continue };
        add(&mut new, d0, 1);
        let cross = |d: NaiveDate| d + chrono::Duration::days(libm::floor(v.threshold_days) as i64 + 1);
        let mut before = d0;
        for day in days {
            if (day - before).num_days() as f64 > v.threshold_days {
                add(&mut lost, cross(before), -1);
                add(&mut back, day, 1);
            }
            before = day;
        }
        if is_gone(v) {
            add(&mut lost, cross(v.last_purchase), -1);
        }
    }
    let mut active = active0.max(0) as usize;
    let mut periods = Vec::with_capacity(len);
    for k in 0..len {
        let end = active + new[k] + back[k] - lost[k].min(active + new[k] + back[k]);
        periods.push(PoolPeriod {
            period_start: grain.start(first + k as i32),
            active_start: active,
            new: new[k],
            returned: back[k],
            lost: lost[k],
            active_end: end,
        });
        active = end;
    }
    PoolOut { periods }
}
