//! Per-client warning flags, each with the figures behind it: buys less, less
//! often, cheaper, dropped products or categories, moved down a cell, gone, new,
//! returned; and
//! the overdue ratio (days since the last purchase / the client's median interval).

use super::cells::Cell;
use super::options::DynamicsOptions;
use super::spans::{Span, Spans};
use crate::ledger::{Client, ProductSeen};
use crate::money::Money;
use crate::segment::abcdx::{Label, Verdict};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Flag {
    /// Net revenue of the current span against its base; `change` = now / before - 1.
    BuysLess {
        now: Money,
        before: Money,
        change: f64,
    },
    BuysLessOften {
        now: u32,
        before: u32,
        change: f64,
    },
    /// Average check (revenue / purchases).
    BuysCheaper {
        now: Money,
        before: Money,
        change: f64,
    },
    /// Products bought in the base span and never since, most recent first (at most
    /// five named; `count` is all of them), while the client still buys.
    DroppedProducts {
        products: Vec<Arc<str>>,
        count: usize,
    },
    /// The same for product categories, when the file has a category column.
    DroppedCategories {
        categories: Vec<Arc<str>>,
        count: usize,
    },
    MovedDown {
        from: Cell,
        to: Cell,
    },
    /// D of ABCDX: no purchase for longer than the client's threshold.
    Gone {
        days_since: i64,
        threshold_days: f64,
    },
    /// First purchase inside the current span.
    New {
        first_purchase: NaiveDate,
    },
    /// Bought again in the current span after a silence longer than its threshold;
    /// `revenue` is what it has brought since.
    Returned {
        on: NaiveDate,
        gap_days: i64,
        revenue: Money,
    },
}

impl Flag {
    pub fn code(&self) -> &'static str {
        match self {
            Flag::BuysLess { .. } => "buys_less",
            Flag::BuysLessOften { .. } => "buys_less_often",
            Flag::BuysCheaper { .. } => "buys_cheaper",
            Flag::DroppedProducts { .. } => "dropped_products",
            Flag::DroppedCategories { .. } => "dropped_categories",
            Flag::MovedDown { .. } => "moved_down",
            Flag::Gone { .. } => "gone",
            Flag::New { .. } => "new",
            Flag::Returned { .. } => "returned",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Watch,
    AtRisk,
    /// Overdue past the last level, but BG/NBD still gives the client a P(alive) of
    /// at least [`P_ALIVE_LOST`]: late by its own rhythm, yet the model still expects
    /// a purchase (a client with few, irregular purchases). Ranked above `at_risk`,
    /// so it keeps the client on the leaving list; never called "likely lost".
    ModelExpectsPurchase,
    LikelyLost,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Watch, Level::AtRisk, Level::ModelExpectsPurchase, Level::LikelyLost];
}

/// Below this P(alive) an overdue client past the last level is "likely lost"; at or
/// above it the model still expects a purchase. One half: the model thinks the client
/// is more likely gone than not. Without a fitted model the timing alone decides.
pub const P_ALIVE_LOST: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Overdue {
    /// Days since the last purchase / median days between purchase days.
    pub ratio: f64,
    /// `null` below the first level.
    pub level: Option<Level>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlagsOut {
    pub spans: Spans,
    /// Clients carrying each flag code.
    pub counts: BTreeMap<String, usize>,
    /// Clients at each overdue level.
    pub overdue: BTreeMap<String, usize>,
}

pub struct Context<'a> {
    pub spans: Spans,
    pub opts: &'a DynamicsOptions,
    pub products: &'a [Arc<str>],
    pub categories: &'a [Arc<str>],
}

/// Of the things a client bought (products or categories, with the day each was
/// last bought), those last bought in the base span: most recent first, at most
/// five named, and how many there are.
fn dropped(seen: &[ProductSeen], base: &Span, names: &[Arc<str>]) -> Option<(Vec<Arc<str>>, usize)> {
    let mut out: Vec<(NaiveDate, &Arc<str>)> = seen
        .iter()
        .filter(|p| base.contains(p.last))
        .filter_map(|p| names.get(p.product as usize).map(|n| (p.last, n)))
        .collect();
    if out.is_empty() {
        return None;
    }
    crate::order::sort_by(&mut out, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    Some((out.iter().take(5).map(|(_, n)| Arc::clone(n)).collect(), out.len()))
}

fn bp(pct: f64) -> i128 {
    i128::from(libm::round(pct * 100.0) as i64)
}

fn change(now: f64, before: f64) -> f64 {
    if before == 0.0 {
        0.0
    } else {
        now / before - 1.0
    }
}

/// The overdue ratio and its level; `p_alive` is the client's BG/NBD P(alive)
/// (`None` when the model was not fitted): "likely lost" needs both the timing and
/// the model to agree (see [`P_ALIVE_LOST`]).
pub fn overdue(v: &Verdict, o: &DynamicsOptions, p_alive: Option<f64>) -> Option<Overdue> {
    let median = v.median_interval_days.filter(|m| *m > 0.0)?;
    if v.purchase_days < o.overdue_min_purchases {
        return None;
    }
    let ratio = v.days_since as f64 / median;
    let [w, r, l] = o.overdue_levels;
    let level = if ratio >= l {
        Some(if p_alive.is_some_and(|p| p >= P_ALIVE_LOST) { Level::ModelExpectsPurchase } else { Level::LikelyLost })
    } else if ratio >= r {
        Some(Level::AtRisk)
    } else if ratio >= w {
        Some(Level::Watch)
    } else {
        None
    };
    ratio.is_finite().then_some(Overdue { ratio, level })
}

pub fn is_gone(v: &Verdict) -> bool {
    matches!(v.group, Label::AD | Label::BD | Label::CD)
}

/// The flags of one client; `cells` is (base, now).
pub fn flags(c: &Client, v: Option<&Verdict>, cells: (Option<Cell>, Option<Cell>), ctx: &Context<'_>) -> Vec<Flag> {
    let Some(v) = v else { return Vec::new() };
    if is_gone(v) {
        return vec![Flag::Gone { days_since: v.days_since, threshold_days: v.threshold_days }];
    }
    let (now, base) = (ctx.spans.now, ctx.spans.base);
    let o = ctx.opts;
    let mut out = Vec::new();
    // Purchase days up to the span's end, walked once without a vector per client.
    let mut bought = c.days.iter().filter(|d| d.purchases > 0 && d.day <= now.to).map(|d| d.day);
    let first = bought.next();
    // The last return in the span: a purchase day after a gap over the threshold.
    let mut returned: Option<(NaiveDate, NaiveDate)> = None;
    if let Some(mut before) = first.filter(|f| !now.contains(*f)) {
        for day in bought {
            if now.contains(day) && (day - before).num_days() as f64 > v.threshold_days {
                returned = Some((before, day));
            }
            before = day;
        }
    }
    if first.is_some_and(|f| now.contains(f)) {
        out.push(Flag::New { first_purchase: first.unwrap_or(now.from) });
    } else if let Some((before, on)) = returned {
        let revenue =
            crate::segment::total(c.days.iter().filter(|d| d.day >= on && d.day <= now.to).map(|d| d.revenue));
        out.push(Flag::Returned { on, gap_days: (on - before).num_days(), revenue });
    }
    let (rn, pn) = now.sums(&c.days);
    let (rb, pb) = base.sums(&c.days);
    if rb.is_positive() && i128::from(rn.0) * 10_000 < i128::from(rb.0) * (10_000 - bp(o.buys_less_pct)) {
        out.push(Flag::BuysLess { now: rn, before: rb, change: change(rn.to_f64(), rb.to_f64()) });
    }
    if pb > 0 && pn < pb {
        out.push(Flag::BuysLessOften { now: pn, before: pb, change: change(f64::from(pn), f64::from(pb)) });
    }
    if pn > 0 && pb > 0 && rb.is_positive() {
        let lhs = i128::from(rn.0) * i128::from(pb) * 10_000;
        let rhs = i128::from(rb.0) * i128::from(pn) * (10_000 - bp(o.buys_cheaper_pct));
        if lhs < rhs {
            let avg = |r: Money, n: u32| r.mul_ratio(1, i64::from(n)).unwrap_or(r);
            let (an, ab) = (avg(rn, pn), avg(rb, pb));
            out.push(Flag::BuysCheaper { now: an, before: ab, change: change(an.to_f64(), ab.to_f64()) });
        }
    }
    if pn > 0 {
        if let Some((products, count)) = dropped(&c.products, &base, ctx.products) {
            out.push(Flag::DroppedProducts { products, count });
        }
        if let Some((categories, count)) = dropped(&c.categories, &base, ctx.categories) {
            out.push(Flag::DroppedCategories { categories, count });
        }
    }
    if let (Some(b), Some(n)) = cells {
        if n.is_below(b) {
            out.push(Flag::MovedDown { from: b, to: n });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::abc::Class;

    /// The verdict of a client who bought on the 1st of January, February and March
    /// 2025 and not since, as of 2025-07-01: three purchase days.
    fn late_verdict() -> Verdict {
        let d = |m: u32| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        // Intervals 31 (Jan 1 - Feb 1) and 28 (Feb 1 - Mar 1): median 29.5 days.
        // Mar 1 to Jul 1 = 122 days: 122 / 29.5 = 4.14, past the last level (3).
        Verdict {
            group: crate::segment::abcdx::Label::AD,
            letter: Class::A,
            last_purchase: d(3),
            days_since: 122,
            threshold_days: 90.0,
            median_interval_days: Some(29.5),
            purchase_days: 3,
            value: Money::ZERO,
        }
    }

    #[test]
    fn likely_lost_needs_the_model_to_agree() {
        let v = late_verdict();
        let o = DynamicsOptions::default();
        let at = |p| overdue(&v, &o, p).unwrap();
        assert!((at(None).ratio - 122.0 / 29.5).abs() < 1e-12);
        // No fitted model: the timing alone decides.
        assert_eq!(at(None).level, Some(Level::LikelyLost));
        // P(alive) 0.2: both agree the client is gone.
        assert_eq!(at(Some(0.2)).level, Some(Level::LikelyLost));
        // P(alive) 0.9 (or exactly the threshold): late, but the model still expects a purchase.
        assert_eq!(at(Some(0.9)).level, Some(Level::ModelExpectsPurchase));
        assert_eq!(at(Some(P_ALIVE_LOST)).level, Some(Level::ModelExpectsPurchase));
        // Still ranked past "at risk": it keeps the client on the leaving list.
        assert!(Level::ModelExpectsPurchase >= Level::AtRisk && Level::ModelExpectsPurchase < Level::LikelyLost);
        // Below the last level the model changes nothing: 2.5 x is "at risk" whatever P(alive).
        let v2 = Verdict { days_since: 74, ..v };
        assert_eq!(overdue(&v2, &o, Some(0.99)).unwrap().level, Some(Level::AtRisk));
        assert_eq!(overdue(&v2, &o, Some(0.01)).unwrap().level, Some(Level::AtRisk));
        // Fewer purchase days than `overdue_min_purchases` (3): no verdict at all.
        assert_eq!(overdue(&Verdict { purchase_days: 2, ..v }, &o, None), None);
    }
}
