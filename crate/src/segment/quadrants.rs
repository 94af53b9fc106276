//! Loyalty x profitability (seed 004): four quadrants, split at a percentile of
//! each axis (the median by default).
//!
//! Loyalty is the mean of what the data can tell: regularity (share of periods with
//! a purchase), tenure (time since the first purchase, up to the window length),
//! recency (1 on the day of a purchase, 0 at the client's own D threshold) and, where
//! the client answered, its NPS score / 10. Each part is 0..1, so is the score.

use super::playbook::{self, Playbook};
use super::{ratio, share, Measure};
use crate::money::Money;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub enum Quadrant {
    /// Low loyalty, low profit.
    I,
    /// Loyal, low profit.
    II,
    /// Loyal and profitable.
    III,
    /// Profitable, not loyal.
    IV,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [Quadrant::I, Quadrant::II, Quadrant::III, Quadrant::IV];
}

pub struct Input<'a> {
    pub id: &'a crate::ledger::Id,
    pub regularity: f64,
    pub tenure: f64,
    pub recency: f64,
    pub nps: Option<f64>,
    /// Margin in the window, or revenue where the file has no margin.
    pub profit: Money,
}

impl Input<'_> {
    pub fn loyalty(&self) -> f64 {
        let parts = [Some(self.regularity), Some(self.tenure), Some(self.recency), self.nps];
        let known: Vec<f64> = parts.iter().flatten().map(|x| x.clamp(0.0, 1.0)).collect();
        ratio(known.iter().sum(), known.len() as f64)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Point {
    pub id: crate::ledger::Id,
    pub loyalty: f64,
    pub profit: Money,
    pub quadrant: Quadrant,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct QuadrantOut {
    pub quadrant: Quadrant,
    pub count: usize,
    pub count_share: f64,
    pub profit: Money,
    pub profit_share: f64,
    pub playbook: Playbook,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct QuadrantsOut {
    /// `margin` where the file has it, else `revenue`.
    pub profit_measure: Measure,
    /// [loyalty, profit] percentiles that split the axes.
    pub percentiles: [f64; 2],
    /// Loyalty at or above this is high (0..1).
    pub loyalty_split: f64,
    /// Profit at or above this is high, in currency units.
    pub profit_split: f64,
    pub quadrants: Vec<QuadrantOut>,
    /// One point per client. Not in the JSON: the clients carry `loyalty`,
    /// `quadrant` and their profit (`window_margin` or `window_revenue`).
    #[serde(skip)]
    pub points: Vec<Point>,
}

/// Linear interpolation between order statistics (numpy's and R's default), so
/// the 50th percentile is the median.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let Some(&first) = sorted.first() else {
        return 0.0;
    };
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 100.0) / 100.0;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let lo_v = sorted.get(lo).copied().unwrap_or(first);
    lo_v + (h - lo as f64) * (sorted[hi] - lo_v)
}

/// The quadrant of a client's loyalty and profit against the two splits; a value
/// at a split counts as high.
pub fn quadrant_of(loyalty: f64, profit: f64, loyalty_split: f64, profit_split: f64) -> Quadrant {
    match (loyalty >= loyalty_split, profit >= profit_split) {
        (false, false) => Quadrant::I,
        (true, false) => Quadrant::II,
        (true, true) => Quadrant::III,
        (false, true) => Quadrant::IV,
    }
}

pub fn build(inputs: &[Input<'_>], percentiles: [f64; 2], profit_measure: Measure) -> QuadrantsOut {
    let loyalty: Vec<f64> = inputs.iter().map(Input::loyalty).collect();
    let profit: Vec<f64> = inputs.iter().map(|i| i.profit.to_f64()).collect();
    let sorted = |v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        s
    };
    let l_split = percentile(&sorted(&loyalty), percentiles[0]);
    let p_split = percentile(&sorted(&profit), percentiles[1]);
    let mut points: Vec<Point> = inputs
        .iter()
        .zip(loyalty.iter().zip(&profit))
        .map(|(i, (&l, &p))| Point {
            id: crate::ledger::Id::clone(i.id),
            loyalty: l,
            profit: i.profit,
            quadrant: quadrant_of(l, p, l_split, p_split),
        })
        .collect();
    crate::order::by_figure(&mut points, |p| &p.id, |p| std::cmp::Reverse(p.profit));
    let total = super::total(points.iter().map(|p| p.profit.max(Money::ZERO)));
    let quadrants = Quadrant::ALL
        .iter()
        .enumerate()
        .map(|(k, &q)| {
            let inside = || points.iter().filter(move |p| p.quadrant == q);
            let profit = super::total(inside().map(|p| p.profit));
            QuadrantOut {
                quadrant: q,
                count: inside().count(),
                count_share: ratio(inside().count() as f64, points.len() as f64),
                profit,
                profit_share: share(profit, total),
                playbook: playbook::quadrant(k),
            }
        })
        .collect();
    QuadrantsOut { profit_measure, percentiles, loyalty_split: l_split, profit_split: p_split, quadrants, points }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_the_median_at_50() {
        let cases: [(&[f64], f64, f64); 5] = [
            (&[1.0, 2.0, 3.0], 50.0, 2.0),
            (&[1.0, 2.0, 3.0, 10.0], 50.0, 2.5),
            (&[1.0, 2.0, 3.0, 10.0], 75.0, 4.75),
            (&[7.0], 30.0, 7.0),
            (&[], 50.0, 0.0),
        ];
        for (v, p, want) in cases {
            assert_eq!(percentile(v, p), want, "{v:?} {p}");
        }
    }

    #[test]
    fn quadrants_by_median_split() {
        let ids: Vec<crate::ledger::Id> = ["top", "fan", "rich", "cold"].map(Into::into).to_vec();
        let inp = |k: usize, reg: f64, nps: Option<f64>, units: i64| Input {
            id: &ids[k],
            regularity: reg,
            tenure: 1.0,
            recency: 1.0,
            nps,
            profit: Money::from_cents(units * 100),
        };
        // Loyalty: (reg + 1 + 1 [+ nps]) / 3 or 4.
        let inputs = [
            // In id order, as the ledger hands clients out.
            inp(3, 0.1, Some(0.0), 50),  // 0.525, 50
            inp(1, 1.0, Some(1.0), 100), // 1.0, 100
            inp(2, 0.1, None, 800),      // 0.7, 800
            inp(0, 1.0, None, 900),      // 1.0, 900
        ];
        assert!((inputs[0].loyalty() - 0.525).abs() < 1e-12);
        let q = build(&inputs, [50.0, 50.0], Measure::Revenue);
        // Median loyalty (0.7 + 1.0) / 2 = 0.85; median profit (100 + 800) / 2 = 450.
        assert!((q.loyalty_split - 0.85).abs() < 1e-12);
        assert_eq!(q.profit_split, 450.0);
        let got: Vec<(&str, Quadrant)> = q.points.iter().map(|p| (p.id.as_ref(), p.quadrant)).collect();
        assert_eq!(
            got,
            vec![("top", Quadrant::III), ("rich", Quadrant::IV), ("fan", Quadrant::II), ("cold", Quadrant::I)]
        );
        assert_eq!(q.quadrants.iter().map(|x| x.count).collect::<Vec<_>>(), [1, 1, 1, 1]);
        assert!((q.quadrants[2].profit_share - 900.0 / 1850.0).abs() < 1e-12);
        let empty = build(&[], [50.0, 50.0], Measure::Margin);
        assert!(empty.points.is_empty() && empty.quadrants.iter().all(|x| x.count_share == 0.0));
    }
}
