//! RFM (what CRMs offer beyond the seeds): recency, frequency and monetary scores
//! 1..5 for clients who bought in the window, and the usual named segments from the
//! recency x frequency grid.
//!
//! Quintiles are rank-based and tie-safe: a score is 1 + floor(5 x the share of
//! clients strictly worse), so equal values always share a score and row order
//! never matters. Custom cut points replace quintiles for R and F.

use super::playbook::{text, Key, Text};
use super::{ratio, share};
use crate::money::Money;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The recency x frequency grid.
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (5, 4..=5) => Segment::Champions,
            (3..=4, 4..=5) => Segment::Loyal,
            (4..=5, 2..=3) => Segment::PotentialLoyalists,
            (5, _) => Segment::New,
            (4, _) => Segment::Promising,
            (3, 3) => Segment::NeedAttention,
            (3, _) => Segment::AboutToSleep,
            (1..=2, 5) => Segment::CantLose,
            (1..=2, 3..=4) => Segment::AtRisk,
            (1, 1) => Segment::Lost,
            _ => Segment::Hibernating,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLose => "cant_lose",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// The segment's name (a catalogue text).
    pub fn name(self) -> Text {
        text(self.texts().0)
    }

    /// Name and first action, as catalogue keys.
    fn texts(self) -> (Key, Key) {
        match self {
            Segment::Champions => ("rfm.champions.name", "rfm.champions.action"),
            Segment::Loyal => ("rfm.loyal.name", "rfm.loyal.action"),
            Segment::PotentialLoyalists => ("rfm.potential_loyalists.name", "rfm.potential_loyalists.action"),
            Segment::New => ("transSum.new", "rfm.helpThemStartACall"),
            Segment::Promising => ("rfm.promising.name", "rfm.promising.action"),
            Segment::NeedAttention => ("rfm.need_attention.name", "rfm.need_attention.action"),
            Segment::AboutToSleep => ("rfm.about_to_sleep.name", "rfm.about_to_sleep.action"),
            Segment::AtRisk => ("rfm.at_risk.name", "rfm.at_risk.action"),
            Segment::CantLose => ("rfm.cant_lose.name", "rfm.cant_lose.action"),
            Segment::Hibernating => ("rfm.hibernating.name", "rfm.hibernating.action"),
            Segment::Lost => ("rfm.lost.name", "rfm.lost.action"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
}

impl Score {
    pub fn code(&self) -> String {
        format!("{}{}{}", self.r, self.f, self.m)
    }
}

/// One client who bought in the window.
pub struct Input<'a> {
    pub id: &'a str,
    pub days_since: i64,
    pub purchases: i64,
    pub revenue: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentOut {
    pub segment: Segment,
    pub name: Text,
    pub action: Text,
    pub count: usize,
    pub count_share: f64,
    pub revenue: Money,
    pub revenue_share: f64,
}

/// The range of values behind each score 1..5 (`null` where no client has it).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ranges {
    pub recency_days: Vec<Option<[i64; 2]>>,
    pub frequency: Vec<Option<[i64; 2]>>,
    pub monetary: Vec<Option<[Money; 2]>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RfmOut {
    pub clients: usize,
    /// Custom cut points in force (`null`: quintiles).
    pub recency_days: Option<[u32; 4]>,
    pub frequency: Option<[u32; 4]>,
    pub ranges: Ranges,
    pub segments: Vec<SegmentOut>,
    /// Client counts: `grid[r - 1][f - 1]`.
    pub grid: Vec<Vec<usize>>,
    /// The segment of each cell of the grid, `grid_segments[r - 1][f - 1]`
    /// ([`Segment::of`]), so a view labels the grid without the rule.
    pub grid_segments: Vec<Vec<Segment>>,
}

/// 1 + floor(5 x worse / n), where `worse` counts values strictly worse.
fn quintile(worse: usize, n: usize) -> u8 {
    if n == 0 {
        return 1;
    }
    (1 + (5 * worse) / n).min(5) as u8
}

fn scores_higher_better(v: &[i64]) -> Vec<u8> {
    let mut sorted = v.to_vec();
    sorted.sort_unstable();
    v.iter().map(|x| quintile(sorted.partition_point(|y| y < x), v.len())).collect()
}

fn by_cuts(x: i64, cuts: [u32; 4], lower_better: bool) -> u8 {
    let passed = cuts.iter().filter(|&&c| if lower_better { x <= i64::from(c) } else { x >= i64::from(c) }).count();
    1 + passed as u8
}

pub fn score(inputs: &[Input<'_>], recency_days: Option<[u32; 4]>, frequency: Option<[u32; 4]>) -> Vec<Score> {
    let r: Vec<u8> = match recency_days {
        Some(c) => inputs.iter().map(|i| by_cuts(i.days_since, c, true)).collect(),
        None => scores_higher_better(&inputs.iter().map(|i| -i.days_since).collect::<Vec<_>>()),
    };
    let f: Vec<u8> = match frequency {
        Some(c) => inputs.iter().map(|i| by_cuts(i.purchases, c, false)).collect(),
        None => scores_higher_better(&inputs.iter().map(|i| i.purchases).collect::<Vec<_>>()),
    };
    let m = scores_higher_better(&inputs.iter().map(|i| i.revenue.0).collect::<Vec<_>>());
    (0..inputs.len()).map(|k| Score { r: r[k], f: f[k], m: m[k], segment: Segment::of(r[k], f[k]) }).collect()
}

fn range<T: Copy + Ord>(pairs: impl Iterator<Item = (u8, T)>) -> Vec<Option<[T; 2]>> {
    let mut out: Vec<Option<[T; 2]>> = vec![None; 5];
    for (s, v) in pairs {
        let slot = &mut out[usize::from(s.clamp(1, 5) - 1)];
        *slot = Some(match *slot {
            None => [v, v],
            Some([lo, hi]) => [lo.min(v), hi.max(v)],
        });
    }
    out
}

pub fn summarize(
    inputs: &[Input<'_>],
    scores: &[Score],
    recency_days: Option<[u32; 4]>,
    frequency: Option<[u32; 4]>,
) -> RfmOut {
    let pairs = || inputs.iter().zip(scores);
    let total = super::total(inputs.iter().map(|i| i.revenue));
    let segments = Segment::ALL
        .iter()
        .map(|&s| {
            let inside = || pairs().filter(move |(_, sc)| sc.segment == s);
            let revenue = super::total(inside().map(|(i, _)| i.revenue));
            let (name, action) = s.texts();
            SegmentOut {
                segment: s,
                name: text(name),
                action: text(action),
                count: inside().count(),
                count_share: ratio(inside().count() as f64, inputs.len() as f64),
                revenue,
                revenue_share: share(revenue, total),
            }
        })
        .collect();
    let mut grid = vec![vec![0usize; 5]; 5];
    for s in scores {
        grid[usize::from(s.r.clamp(1, 5) - 1)][usize::from(s.f.clamp(1, 5) - 1)] += 1;
    }
    RfmOut {
        clients: inputs.len(),
        recency_days,
        frequency,
        ranges: Ranges {
            recency_days: range(pairs().map(|(i, s)| (s.r, i.days_since))),
            frequency: range(pairs().map(|(i, s)| (s.f, i.purchases))),
            monetary: range(pairs().map(|(i, s)| (s.m, i.revenue))),
        },
        segments,
        grid,
        grid_segments: (1..=5).map(|r| (1..=5).map(|f| Segment::of(r, f)).collect()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(v: &[(i64, i64, i64)]) -> Vec<Input<'static>> {
        v.iter()
            .map(|&(d, f, units)| Input {
                id: "x",
                days_since: d,
                purchases: f,
                revenue: Money::from_cents(units * 100),
            })
            .collect()
    }

    #[test]
    fn quintiles_share_scores_on_ties() {
        // Ten clients, revenue 10..100: two per quintile.
        let v: Vec<(i64, i64, i64)> = (1..=10).map(|k| (100 - k * 5, k, k * 10)).collect();
        let s = score(&inputs(&v), None, None);
        let m: Vec<u8> = s.iter().map(|x| x.m).collect();
        assert_eq!(m, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Recency: fewer days is better, same ladder.
        assert_eq!(s.iter().map(|x| x.r).collect::<Vec<_>>(), m);
        assert_eq!(s[9].code(), "555");
        assert_eq!(s[9].segment, Segment::Champions);
        assert_eq!(s[0].segment, Segment::Lost);
        // Six clients with one purchase and four with more: the six share score 1,
        // the next value has 6 of 10 below it: 1 + floor(30 / 10) = 4.
        let v = [
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 1),
            (1, 2, 1),
            (1, 2, 1),
            (1, 3, 1),
            (1, 9, 1),
        ];
        let f: Vec<u8> = score(&inputs(&v), None, None).iter().map(|x| x.f).collect();
        assert_eq!(f, [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    }

    #[test]
    fn custom_cuts_grid_and_segments() {
        let cuts = Some([30, 60, 120, 240]);
        let fcuts = Some([2, 3, 5, 8]);
        let v = inputs(&[(10, 9, 500), (45, 1, 20), (200, 5, 300), (400, 1, 10), (400, 8, 900)]);
        let s = score(&v, cuts, fcuts);
        let rf: Vec<(u8, u8, Segment)> = s.iter().map(|x| (x.r, x.f, x.segment)).collect();
        assert_eq!(
            rf,
            vec![
                (5, 5, Segment::Champions),
                (4, 1, Segment::Promising),
                (2, 4, Segment::AtRisk),
                (1, 1, Segment::Lost),
                (1, 5, Segment::CantLose),
            ]
        );
        let out = summarize(&v, &s, cuts, fcuts);
        assert_eq!(out.grid[0][4], 1);
        assert_eq!(out.segments.iter().map(|x| x.count).sum::<usize>(), 5);
        assert_eq!(out.ranges.recency_days[0], Some([400, 400]));
        assert_eq!(out.ranges.frequency[1], None);
        let champions = &out.segments[0];
        assert!((champions.revenue_share - 500.0 / 1730.0).abs() < 1e-12);
        assert_eq!(champions.name.get(crate::lang::Lang::Ru), "Чемпионы");
    }

    #[test]
    fn grid_covers_every_cell() {
        for r in 1..=5 {
            for f in 1..=5 {
                let s = Segment::of(r, f);
                assert!(Segment::ALL.contains(&s));
            }
        }
        assert_eq!(Segment::of(1, 2), Segment::Hibernating);
        assert_eq!(Segment::of(3, 5), Segment::Loyal);
        assert!(score(&[], None, None).is_empty());
    }
}
