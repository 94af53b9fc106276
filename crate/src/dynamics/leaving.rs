//! The answer to "which of my clients are leaving?": clients not yet gone (D) that
//! bought in the base span and now either buy much less (revenue down by more
//! than `leaving_drop_pct` while still buying) or are overdue at the "at risk"
//! level or beyond. Requiring a purchase in the base span keeps a seasonal pause
//! (silent a year ago too, under the default year-ago base) off the list.
//! Largest money at stake first.

use super::flags::{Flag, Level, Overdue};
use crate::money::Money;
use crate::segment::total;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeavingRow {
    pub id: String,
    /// The client's annual value (see `ltv`): what a year of it is worth.
    pub at_stake: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeavingOut {
    pub clients: usize,
    pub at_stake: Money,
    /// Of them: revenue down past `leaving_drop_pct`.
    pub buys_less: usize,
    /// Of them: overdue at risk or likely lost.
    pub overdue: usize,
    /// Largest at stake first (ties by id); each client's `flags` and `overdue` say why.
    pub list: Vec<LeavingRow>,
}

/// One client as the list sees it.
pub struct Candidate<'a> {
    pub id: &'a str,
    pub flags: &'a [Flag],
    pub overdue: Option<&'a Overdue>,
    pub annual_value: Option<Money>,
    /// Net revenue and purchases in the current span and in the base span.
    pub now: (Money, u32),
    pub base: (Money, u32),
}

/// (buys much less, overdue): either puts the client on the list.
pub fn is_leaving(c: &Candidate<'_>, drop_pct: f64) -> (bool, bool) {
    let gone = c.flags.iter().any(|f| matches!(f, Flag::Gone { .. }));
    if gone || c.base.1 == 0 {
        return (false, false);
    }
    let keep = 10_000 - i128::from(libm::round(drop_pct * 100.0) as i64);
    let less =
        c.now.1 > 0 && c.base.0.is_positive() && i128::from(c.now.0 .0) * 10_000 < i128::from(c.base.0 .0) * keep;
    let late = c.overdue.and_then(|o| o.level).is_some_and(|l| l >= Level::AtRisk);
    (less, late)
}

pub fn build<'a>(clients: impl Iterator<Item = Candidate<'a>>, drop_pct: f64) -> LeavingOut {
    let (mut less_n, mut late_n) = (0, 0);
    let mut list = Vec::new();
    for c in clients {
        let (less, late) = is_leaving(&c, drop_pct);
        let (id, value) = (c.id, c.annual_value);
        if less || late {
            less_n += usize::from(less);
            late_n += usize::from(late);
            list.push(LeavingRow { id: id.to_string(), at_stake: value.unwrap_or_default().max(Money::ZERO) });
        }
    }
    list.sort_by(|a, b| b.at_stake.cmp(&a.at_stake).then_with(|| a.id.cmp(&b.id)));
    LeavingOut {
        clients: list.len(),
        at_stake: total(list.iter().map(|r| r.at_stake)),
        buys_less: less_n,
        overdue: late_n,
        list,
    }
}
