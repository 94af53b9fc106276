//! ABC: rank entities by a measure and cut the cumulative share at two bounds.
//!
//! An entity's group depends only on the share held by entities strictly larger
//! than it, so the row order never matters, ties always share a group, and the
//! entity that crosses a bound stays in the upper group.

use crate::money::Money;
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
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&a, &b| values[b].cmp(&values[a]));
    let mut classes = vec![Class::C; values.len()];
    let mut larger: i128 = 0; // sum of values strictly above the current level
    let mut level_sum: i128 = 0;
    let mut level: Option<Money> = None;
    for &i in &order {
        let v = values[i];
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
    let total: Money = values.iter().copied().sum();
    let n = values.len();
    Class::ALL
        .iter()
        .map(|&c| {
            let members = || values.iter().zip(classes).filter(move |(_, k)| **k == c);
            let count = members().count();
            let value: Money = members().map(|(v, _)| *v).sum();
            Group {
                group: c,
                count,
                count_share: ratio(count as f64, n as f64),
                value,
                value_share: if total.is_positive() { ratio(value.to_f64(), total.to_f64()) } else { 0.0 },
            }
        })
        .collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::{A, B, C};

    fn m(units: &[i64]) -> Vec<Money> {
        units.iter().map(|&u| Money::from_cents(u * 100)).collect()
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
        assert!((g[0].value_share - 850.0 / 980.0).abs() < 1e-12);
        assert!((g[1].count_share - 1.0 / 6.0).abs() < 1e-12);
    }
}
