//! ABC: rank entities by a measure and cut the cumulative share at two bounds.
//!
//! An entity's group depends only on the share held by entities strictly larger
//! than it, so the row order never matters, ties always share a group, and the
//! entity that crosses a bound stays in the upper group.

use super::xyz::{self, Xyz};
use super::{ratio, share, Dimension, Frame, Measure};
use crate::ledger::{Id, Series};
use crate::money::Money;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub enum Class {
    A,
    B,
    C,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::A, Class::B, Class::C];
}

/// Classes for `values` (same order). `bounds_bp` are the cumulative bounds of A
/// and B in hundredths of a percent (80 % = 8000). Values <= 0 are C.
pub fn classify(values: &[Money], bounds_bp: [i64; 2]) -> Vec<Class> {
    let total: i128 = values.iter().filter(|v| v.is_positive()).map(|v| i128::from(v.0)).sum();
    // Values sorted beside their indices, not indices through the values: on a
    // million clients the indirect compares were cache misses. Equal values get the
    // same class, so the order among them does not matter. Values <= 0 stay C
    // without being sorted (in a window most clients of a large file have none).
    let mut order: Vec<(Money, usize)> = values.iter().copied().zip(0..).filter(|(v, _)| v.is_positive()).collect();
    order.sort_unstable_by_key(|&(v, _)| std::cmp::Reverse(v));
    let mut classes = vec![Class::C; values.len()];
    let mut larger: i128 = 0; // sum of values strictly above the current level
    let mut level_sum: i128 = 0;
    let mut level: Option<Money> = None;
    for &(v, i) in &order {
        if !v.is_positive() {
            break;
        }
        if level != Some(v) {
            larger += level_sum;
            level_sum = 0;
            level = Some(v);
        }
        level_sum += i128::from(v.0);
        // larger / total < bound / 10000, in integers.
        let scaled = larger * 10_000;
        classes[i] = if scaled < i128::from(bounds_bp[0]) * total {
            Class::A
        } else if scaled < i128::from(bounds_bp[1]) * total {
            Class::B
        } else {
            Class::C
        };
    }
    classes
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Group {
    pub group: Class,
    pub count: usize,
    pub count_share: f64,
    pub value: Money,
    pub value_share: f64,
}

/// Count and value per class; shares are of the classified entities and of their
/// summed value (the sums are exact, the division comes last).
pub fn summarize(values: &[Money], classes: &[Class]) -> Vec<Group> {
    // Shares are of the positive values the ranking divides by (`rank`): a group's
    // share counts its members' positive values, so the shares stay within 0..1 and
    // add up to 1 even when returns push some entities (all in C) below zero; the
    // group's `value` stays the exact net sum.
    let positive = |v: &Money| if v.is_positive() { *v } else { Money::ZERO };
    let total = super::total(values.iter().map(positive));
    let n = values.len();
    Class::ALL
        .iter()
        .map(|&c| {
            let members = || values.iter().zip(classes).filter(move |(_, k)| **k == c);
            let count = members().count();
            let value = super::total(members().map(|(v, _)| *v));
            let held = super::total(members().map(|(v, _)| positive(v)));
            Group {
                group: c,
                count,
                count_share: ratio(count as f64, n as f64),
                value,
                value_share: if total.is_positive() { ratio(held.to_f64(), total.to_f64()) } else { 0.0 },
            }
        })
        .collect()
}

/// An ABC ranking of one dimension inside the window, with XYZ beside it.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AbcOut {
    pub dimension: Dimension,
    /// The measure applied: the requested one, or revenue when the file lacks it.
    pub measure: Measure,
    pub requested_measure: Measure,
    pub thresholds: [f64; 2],
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub groups: Vec<Group>,
    /// Entities with no activity in the window (not classified).
    pub inactive: usize,
    /// One row per classified entity, largest first. Empty for clients: their
    /// classes are in the report's `clients`.
    pub items: Vec<AbcItem>,
    /// XYZ of the same entities.
    pub xyz: xyz::XyzOut,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AbcItem {
    pub id: crate::ledger::Id,
    pub value: Money,
    /// Share of the positive total, and the running share including this item.
    pub share: f64,
    pub cumulative_share: f64,
    pub abc: Class,
    pub xyz: Xyz,
    pub xyz_status: xyz::Status,
    /// Share of periods with a purchase (frequency) or coefficient of variation.
    pub xyz_value: Option<f64>,
}

/// Classes of every entity (`None`: no activity in the window) by `measure`
/// over the window, and the values they were ranked by.
pub fn rank<S: Series>(
    entities: &[S],
    frame: &Frame,
    measure: Measure,
    bounds_bp: [i64; 2],
) -> (Vec<Option<Class>>, Vec<Money>) {
    let values: Vec<Money> =
        entities.iter().map(|e| measure.sum_in(e.days(), e.extras(), frame.range(e.days()))).collect();
    let active: Vec<bool> = entities.iter().map(|e| !frame.days(e.days()).is_empty()).collect();
    (classes_of(&values, &active, bounds_bp), values)
}

/// Classes of the active entities (`None` for the others), ranked among themselves.
pub fn classes_of(values: &[Money], active: &[bool], bounds_bp: [i64; 2]) -> Vec<Option<Class>> {
    let ranked: Vec<Money> = values.iter().zip(active).filter(|(_, a)| **a).map(|(v, _)| *v).collect();
    let mut next = classify(&ranked, bounds_bp).into_iter();
    active.iter().map(|&a| if a { next.next() } else { None }).collect()
}

/// Rows of the item table, largest value first (ties by id).
pub fn items<S: Series>(
    entities: &[S],
    classes: &[Option<Class>],
    values: &[Money],
    xyz: &[Option<xyz::Result>],
) -> Vec<AbcItem> {
    let total =
        super::total(values.iter().zip(classes).filter(|(v, c)| c.is_some() && v.is_positive()).map(|(v, _)| *v));
    let mut rows: Vec<AbcItem> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let (Some(Some(abc)), Some(value)) = (classes.get(i), values.get(i)) else {
            continue;
        };
        let x = xyz.get(i).copied().flatten().unwrap_or_default();
        rows.push(AbcItem {
            id: Id::clone(e.id()),
            value: *value,
            share: 0.0,
            cumulative_share: 0.0,
            abc: *abc,
            xyz: x.class,
            xyz_status: x.status,
            xyz_value: x.value,
        });
    }
    // Clients come in id order; products, managers and branches in the order
    // the file named them (their indices are referenced), so those go to id order first.
    if !rows.is_sorted_by(|a, b| a.id < b.id) {
        rows.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    }
    crate::order::by_figure(&mut rows, |r| &r.id, |r| std::cmp::Reverse(r.value));
    let mut running = Money::ZERO;
    for r in &mut rows {
        let v = if r.value.is_positive() { r.value } else { Money::ZERO };
        running = running.checked_add(v).unwrap_or(running);
        r.share = share(v, total);
        r.cumulative_share = share(running, total);
    }
    rows
}

#[cfg(test)]
// Amounts are written as cents, 100_00 = 100.00.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;
    use Class::{A, B, C};

    fn m(units: &[i64]) -> Vec<Money> {
        units.iter().map(|&u| Money::from_cents(u * 100)).collect()
    }

    #[test]
    fn group_shares_stay_within_one_when_returns_exceed_purchases() {
        // 700 + 200 + 100 = 1000 of positive revenue; one client returned 600 more than
        // it bought, so the net total is 400 and A's net share would read 1.75.
        let values = m(&[700, 200, 100, -600]);
        let classes = [A, B, C, C];
        let g = summarize(&values, &classes);
        assert_eq!(g[0].value, m(&[700])[0]);
        assert_eq!(g[2].value, m(&[-500])[0], "C's value stays the exact net sum");
        let shares: Vec<f64> = g.iter().map(|g| g.value_share).collect();
        assert_eq!(shares, vec![0.7, 0.2, 0.1]);
    }

    #[test]
    fn hand_computed_cases() {
        // Shares held by strictly larger entities are in the comments.
        let cases: &[(&[i64], [i64; 2], &[Class])] = &[
            // 0, .5, .7, .85, .95: the client at .95 is not below 95 %.
            (&[500, 200, 150, 100, 50], [8000, 9500], &[A, A, A, B, C]),
            // The boundary crosser (.70 -> .85 with 150) stays A.
            (&[700, 150, 100, 50], [8000, 9500], &[A, A, B, C]),
            // Ties share a group whatever their position: 300 of 360 is above both 30s (83 %).
            (&[100, 30, 100, 30, 100], [8000, 9500], &[A, B, A, B, A]),
            // Zero and negative values are C and do not enlarge the total.
            (&[100, 0, -30, 100], [8000, 9500], &[A, C, C, A]),
            // 50/30/20 preset: 0, .4, .7, .9.
            (&[400, 300, 200, 100], [5000, 8000], &[A, A, B, C]),
            (&[], [8000, 9500], &[]),
            (&[0, 0], [8000, 9500], &[C, C]),
        ];
        for (values, bounds, want) in cases {
            assert_eq!(classify(&m(values), *bounds), want.to_vec(), "{values:?}");
        }
    }

    #[test]
    fn summary_reconciles() {
        let v = m(&[500, 200, 150, 100, 50, -20]);
        let c = classify(&v, [8000, 9500]);
        let g = summarize(&v, &c);
        assert_eq!(g.iter().map(|g| g.count).collect::<Vec<_>>(), vec![3, 1, 2]);
        assert_eq!(g[0].value, Money::from_cents(850_00));
        assert_eq!(g[2].value, Money::from_cents(30_00));
        assert_eq!(g.iter().map(|g| g.value).sum::<Money>(), v.iter().copied().sum());
        // Of the 1000 of positive revenue the ranking divides by (was 850 / 980 of the
        // net total, which let a share pass 1 when returns outweighed purchases).
        assert!((g[0].value_share - 850.0 / 1000.0).abs() < 1e-12);
        assert!((g[1].count_share - 1.0 / 6.0).abs() < 1e-12);
    }
}
