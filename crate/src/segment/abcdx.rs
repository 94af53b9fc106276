//! ABCDX (seed 001): the ABC letter, D as a suffix for clients who stopped buying,
//! X for clients who cost more to serve than they earn, and fact vs potential.

use super::abc::Class;
use super::options::SegmentOptions;
use super::playbook::{self, Playbook};
use super::{ratio, share, Frame, Measure};
use crate::ledger::{Client, Totals};
use crate::money::Money;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub enum Label {
    A,
    B,
    C,
    AD,
    BD,
    CD,
    X,
}

impl Label {
    pub const ALL: [Label; 7] = [Label::A, Label::B, Label::C, Label::AD, Label::BD, Label::CD, Label::X];

    fn lost(letter: Class) -> Label {
        match letter {
            Class::A => Label::AD,
            Class::B => Label::BD,
            Class::C => Label::CD,
        }
    }

    fn plain(letter: Class) -> Label {
        match letter {
            Class::A => Label::A,
            Class::B => Label::B,
            Class::C => Label::C,
        }
    }
}

/// Which rule decided X.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum XRule {
    /// Cost to serve / gross profit >= `x_cost_ratio`.
    CostToServe,
    /// A or B by the letter, margin below `x_margin_pct` % of revenue.
    Margin,
    /// Neither a cost-to-serve nor a margin column: X is not assessed.
    None,
}

/// One client's ABCDX and the figures behind its D.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub group: Label,
    pub letter: Class,
    pub last_purchase: NaiveDate,
    pub days_since: i64,
    pub threshold_days: f64,
    pub median_interval_days: Option<f64>,
    /// Days with a purchase up to the analysis date (the overdue verdict's minimum;
    /// counted here, where the days are read anyway).
    pub purchase_days: u32,
    /// What the letter was decided on.
    pub value: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LabelOut {
    pub group: Label,
    pub count: usize,
    pub count_share: f64,
    /// Net revenue inside the window.
    pub revenue: Money,
    pub revenue_share: f64,
    pub playbook: Playbook,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Lost {
    pub id: crate::ledger::Id,
    pub group: Label,
    pub last_purchase: NaiveDate,
    pub days_since: i64,
    pub threshold_days: f64,
    pub median_interval_days: Option<f64>,
    /// Revenue (or margin) of the window the letter was decided on.
    pub value: Money,
    pub manager: Option<std::sync::Arc<str>>,
    pub channel: Option<std::sync::Arc<str>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Costly {
    pub id: crate::ledger::Id,
    pub letter: Class,
    pub revenue: Money,
    pub margin: Money,
    pub cost_to_serve: Money,
    /// Cost to serve / margin, or margin / revenue under the margin rule;
    /// `None` when the divisor is not positive.
    pub ratio: Option<f64>,
    pub manager: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Gap {
    pub id: crate::ledger::Id,
    pub potential: Class,
    pub fact: Class,
    pub group: Label,
    pub revenue: Money,
    pub manager: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PotentialOut {
    pub clients: Vec<Gap>,
    pub playbook: Playbook,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AbcdxOut {
    pub measure: Measure,
    pub d_min_days: u32,
    pub d_interval_multiple: f64,
    pub x_rule: XRule,
    /// `x_cost_ratio` or `x_margin_pct`, whichever rule applies.
    pub x_threshold: Option<f64>,
    pub groups: Vec<LabelOut>,
    /// D clients, AD first, then by value.
    pub lost: Vec<Lost>,
    /// X clients, largest revenue first.
    pub costly: Vec<Costly>,
    /// `null` without a potential column.
    pub potential: Option<PotentialOut>,
}

/// Reads "A", "b", "A-class", and the Cyrillic look-alikes А, В, С (plus Б as
/// the second letter of the Cyrillic alphabet).
pub fn parse_potential(s: &str) -> Option<Class> {
    match s.trim().chars().next()?.to_uppercase().next()? {
        'A' | 'А' => Some(Class::A),
        'B' | 'В' | 'Б' => Some(Class::B),
        'C' | 'С' => Some(Class::C),
        _ => None,
    }
}

/// Median gap in days between distinct purchase days (`days` ascending).
fn median_interval(days: impl Iterator<Item = NaiveDate>) -> Option<f64> {
    // Up to 64 gaps on the stack: this runs for every client, most have fewer.
    let (mut small, mut len, mut spill) = ([0i64; 64], 0usize, Vec::new());
    let mut prev: Option<NaiveDate> = None;
    for d in days {
        if let Some(p) = prev {
            let gap = (d - p).num_days();
            if spill.is_empty() && len < small.len() {
                small[len] = gap;
                len += 1;
            } else {
                if spill.is_empty() {
                    spill.extend_from_slice(&small[..len]);
                }
                spill.push(gap);
            }
        }
        prev = Some(d);
    }
    let gaps: &mut [i64] = if spill.is_empty() { &mut small[..len] } else { &mut spill };
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    let n = gaps.len();
    Some(if n % 2 == 1 { gaps[n / 2] as f64 } else { (gaps[n / 2 - 1] + gaps[n / 2]) as f64 / 2.0 })
}

/// The smallest value that still made A and B, so clients ranked outside the window
/// can be lettered against the same bar.
fn cutoffs(classes: &[Option<Class>], values: &[Money]) -> [Option<Money>; 2] {
    let min_of =
        |k: Class| classes.iter().zip(values).filter(|(c, v)| **c == Some(k) && v.is_positive()).map(|(_, v)| *v).min();
    [min_of(Class::A), min_of(Class::B)]
}

/// ABCDX of every client with a purchase up to the analysis date. `classes` and
/// `values` are the ABC of the window by `opts.abcdx_measure`.
pub fn classify(
    clients: &[Client],
    classes: &[Option<Class>],
    values: &[Money],
    frame: &Frame,
    opts: &SegmentOptions,
    x_rule: XRule,
) -> Vec<Option<Verdict>> {
    let k = Classifier::new(classes, values, frame, opts, x_rule);
    clients.iter().enumerate().map(|(i, c)| k.verdict(i, c)).collect()
}

/// The ABCDX rule with what it reads of all clients (the ABC of the window and the
/// bars of A and B) decided once: [`Classifier::verdict`] then reads one client, so
/// the analysis can letter each client in the pass that reads its days for the
/// other per-client figures (a pass over every client's days costs cache misses,
/// not arithmetic).
pub struct Classifier<'a> {
    classes: &'a [Option<Class>],
    values: &'a [Money],
    frame: &'a Frame,
    opts: &'a SegmentOptions,
    x_rule: XRule,
    a_min: Option<Money>,
    b_min: Option<Money>,
}

impl<'a> Classifier<'a> {
    pub fn new(
        classes: &'a [Option<Class>],
        values: &'a [Money],
        frame: &'a Frame,
        opts: &'a SegmentOptions,
        x_rule: XRule,
    ) -> Classifier<'a> {
        let [a_min, b_min] = cutoffs(classes, values);
        Classifier { classes, values, frame, opts, x_rule, a_min, b_min }
    }

    /// Client `i`'s verdict (`c` is `clients[i]`).
    pub fn verdict(&self, i: usize, c: &Client) -> Option<Verdict> {
        let (frame, opts) = (self.frame, self.opts);
        // Days are ascending: the purchase days up to the analysis date, without
        // collecting them (a million one-purchase clients would be a million vectors).
        let upto = &c.days[..c.days.partition_point(|d| d.day <= frame.as_of)];
        let bought = || upto.iter().filter(|d| d.purchases > 0).map(|d| d.day);
        let last = upto.iter().rev().find(|d| d.purchases > 0)?.day;
        let (letter, value) = match self.classes.get(i).copied().flatten() {
            Some(k) => (k, self.values.get(i).copied().unwrap_or_default()),
            None => {
                // Not active in the window: letter it on the window that ended
                // with its last purchase, against today's bars.
                let back = i32::try_from(frame.window).unwrap_or(i32::MAX).max(1);
                let from = frame.grain.start(frame.period(last).saturating_sub(back - 1));
                let lo = c.days.partition_point(|d| d.day < from);
                let hi = c.days.partition_point(|d| d.day <= last);
                let v = opts.abcdx_measure.sum_in(&c.days, &c.extras, lo..hi.max(lo));
                let k = match (self.a_min, self.b_min) {
                    (Some(a), _) if v.is_positive() && v >= a => Class::A,
                    (_, Some(b)) if v.is_positive() && v >= b => Class::B,
                    _ => Class::C,
                };
                (k, v)
            }
        };
        let median = median_interval(bought());
        let purchase_days = u32::try_from(bought().count()).unwrap_or(u32::MAX);
        let threshold = f64::from(opts.d_min_days).max(median.map_or(0.0, |m| m * opts.d_interval_multiple));
        let days_since = (frame.as_of - last).num_days();
        let group = if days_since as f64 > threshold {
            Label::lost(letter)
        } else if is_costly(c, frame, letter, opts, self.x_rule) {
            Label::X
        } else {
            Label::plain(letter)
        };
        Some(Verdict {
            group,
            letter,
            last_purchase: last,
            days_since,
            threshold_days: threshold,
            median_interval_days: median,
            purchase_days,
            value,
        })
    }
}

fn window_sums(c: &Client, frame: &Frame) -> (Money, Money, Money) {
    let r = frame.range(&c.days);
    let cost = super::total(c.costs.iter().filter(|d| frame.contains(d.day)).map(|d| d.cost));
    (Measure::Revenue.sum_in(&c.days, &[], r.clone()), Measure::Margin.sum_in(&c.days, &c.extras, r), cost)
}

fn is_costly(c: &Client, frame: &Frame, letter: Class, o: &SegmentOptions, rule: XRule) -> bool {
    if rule == XRule::None {
        return false;
    }
    let (revenue, margin, cts) = window_sums(c, frame);
    match rule {
        XRule::CostToServe => {
            cts.is_positive() && (!margin.is_positive() || cts.to_f64() >= o.x_cost_ratio * margin.to_f64())
        }
        XRule::Margin => {
            let bp = i128::from(libm::round(o.x_margin_pct * 100.0) as i64);
            letter != Class::C && revenue.is_positive() && i128::from(margin.0) * 10_000 < bp * i128::from(revenue.0)
        }
        XRule::None => false,
    }
}

pub fn x_rule(t: &Totals) -> XRule {
    match (t.cost_to_serve_rows > 0, t.margin_rows > 0) {
        (true, true) => XRule::CostToServe,
        (false, true) => XRule::Margin,
        _ => XRule::None,
    }
}

/// `window_rev`: each client's net revenue in `frame` (the analysis reads it once
/// for every segmentation step).
pub fn summarize(
    clients: &[Client],
    verdicts: &[Option<Verdict>],
    frame: &Frame,
    opts: &SegmentOptions,
    totals: &Totals,
    window_rev: &[Money],
) -> AbcdxOut {
    let rule = x_rule(totals);
    debug_assert_eq!(window_rev.len(), clients.len());
    let members: Vec<(usize, Verdict)> = verdicts.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    let total = super::total(members.iter().map(|(i, _)| window_rev[*i]));
    // One pass over the members for all seven groups; sums as `total` makes them.
    let mut per_group = [(0usize, 0i128); Label::ALL.len()];
    for (i, v) in &members {
        let g = &mut per_group[v.group as usize];
        g.0 += 1;
        g.1 += i128::from(window_rev[*i].0);
    }
    let groups = Label::ALL
        .iter()
        .enumerate()
        .map(|(k, &g)| {
            let (count, sum) = per_group[k];
            let revenue = crate::frame::saturate(sum);
            LabelOut {
                group: g,
                count,
                count_share: ratio(count as f64, members.len() as f64),
                revenue,
                revenue_share: share(revenue, total),
                playbook: playbook::abcdx_group(k),
            }
        })
        .collect();
    let profile = |i: usize| &clients[i].profile;
    let mut lost: Vec<Lost> = members
        .iter()
        .filter(|(_, v)| matches!(v.group, Label::AD | Label::BD | Label::CD))
        .map(|&(i, v)| Lost {
            id: clients[i].id.clone(),
            group: v.group,
            last_purchase: v.last_purchase,
            days_since: v.days_since,
            threshold_days: v.threshold_days,
            median_interval_days: v.median_interval_days,
            value: v.value,
            manager: profile(i).manager.shared(),
            channel: profile(i).channel.shared(),
        })
        .collect();
    crate::order::by_figure(&mut lost, |l| &l.id, |l| (l.group, std::cmp::Reverse(l.value)));
    let mut costly: Vec<Costly> = members
        .iter()
        .filter(|(_, v)| v.group == Label::X)
        .map(|&(i, v)| {
            let (revenue, margin, cost_to_serve) = window_sums(&clients[i], frame);
            let ratio = match rule {
                XRule::CostToServe if margin.is_positive() => Some(cost_to_serve.to_f64() / margin.to_f64()),
                XRule::Margin if revenue.is_positive() => Some(margin.to_f64() / revenue.to_f64()),
                _ => None,
            };
            Costly {
                id: clients[i].id.clone(),
                letter: v.letter,
                revenue,
                margin,
                cost_to_serve,
                ratio,
                manager: profile(i).manager.get().map(str::to_string),
            }
        })
        .collect();
    crate::order::by_figure(&mut costly, |c| &c.id, |c| std::cmp::Reverse(c.revenue));
    let potential = (totals.potential_rows > 0).then(|| {
        let mut gaps: Vec<Gap> = members
            .iter()
            .filter_map(|&(i, v)| {
                let p = parse_potential(profile(i).potential.get()?)?;
                (p < v.letter).then(|| Gap {
                    id: clients[i].id.clone(),
                    potential: p,
                    fact: v.letter,
                    group: v.group,
                    revenue: window_rev[i],
                    manager: profile(i).manager.get().map(str::to_string),
                })
            })
            .collect();
        crate::order::by_figure(&mut gaps, |g| &g.id, |g| (g.potential, std::cmp::Reverse(g.revenue)));
        PotentialOut { clients: gaps, playbook: playbook::potential_gap() }
    });
    AbcdxOut {
        measure: opts.abcdx_measure,
        d_min_days: opts.d_min_days,
        d_interval_multiple: opts.d_interval_multiple,
        x_rule: rule,
        x_threshold: match rule {
            XRule::CostToServe => Some(opts.x_cost_ratio),
            XRule::Margin => Some(opts.x_margin_pct),
            XRule::None => None,
        },
        groups,
        lost,
        costly,
        potential,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{DayCost, DayExtra, DayTotal};
    use crate::period::Grain;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (date, revenue units, margin units, cost to serve units) per purchase day.
    fn client(id: &str, v: &[(&str, i64, i64, i64)]) -> Client {
        Client {
            id: id.into(),
            days: v
                .iter()
                .map(|&(s, r, _, _)| DayTotal {
                    revenue: Money::from_cents(r * 100),
                    purchases: u32::from(r > 0),
                    ..DayTotal::empty(d(s))
                })
                .collect(),
            extras: v
                .iter()
                .map(|&(_, _, m, _)| DayExtra { margin: Money::from_cents(m * 100), ..DayExtra::default() })
                .collect(),
            purchases: vec![],
            return_lines: 0,
            profile: Default::default(),
            products: vec![],
            categories: vec![],
            costs: v
                .iter()
                .filter(|v| v.3 != 0)
                .map(|&(s, _, _, c)| DayCost { day: d(s), cost: Money::from_cents(c * 100) })
                .collect(),
        }
    }

    fn run(clients: &[Client], totals: &Totals, opts: &SegmentOptions) -> Vec<Option<Verdict>> {
        let frame = Frame::new(d("2024-01-01"), d("2024-12-31"), Grain::Month, 12);
        let (classes, values) = super::super::abc::rank(clients, &frame, opts.abcdx_measure, [8000, 9500]);
        classify(clients, &classes, &values, &frame, opts, x_rule(totals))
    }

    #[test]
    fn d_threshold_is_the_larger_of_90_days_and_3_median_intervals() {
        let clients = [
            // Last purchase 2024-10-01: 91 days before 2024-12-31 > 90: AD.
            client("big", &[("2024-10-01", 1600, 0, 0)]),
            // 91 days ago, but buys every 60 days: threshold 180, still active.
            client(
                "slow",
                &[
                    ("2024-05-02", 100, 0, 0),
                    ("2024-07-01", 100, 0, 0),
                    ("2024-08-30", 100, 0, 0),
                    ("2024-10-01", 100, 0, 0),
                ],
            ),
            // Exactly 90 days: not longer than 90, active; 2000 of 2150 above it: B.
            client("edge", &[("2024-10-02", 150, 0, 0)]),
            // Gone before the window; 1000 in its own last year beats today's A bar.
            client("old", &[("2022-03-01", 1000, 0, 0)]),
            // Only returns: no ABCDX.
            client("ret", &[("2024-06-01", -10, 0, 0)]),
        ];
        let v = run(&clients, &Totals::default(), &SegmentOptions::default());
        let g: Vec<Option<Label>> = v.iter().map(|v| v.map(|v| v.group)).collect();
        assert_eq!(g, vec![Some(Label::AD), Some(Label::A), Some(Label::B), Some(Label::AD), None]);
        let slow = v[1].unwrap();
        assert_eq!((slow.days_since, slow.threshold_days), (91, 180.0));
        assert_eq!(slow.median_interval_days, Some(60.0));
        // Four purchase days up to the analysis date; "big" and "edge" one each.
        assert_eq!([v[0], v[1], v[2]].map(|v| v.unwrap().purchase_days), [1, 4, 1]);
        assert_eq!(v[2].unwrap().days_since, 90);
    }

    #[test]
    fn x_by_cost_to_serve_or_by_thin_margin() {
        let clients = [
            client("a", &[("2024-12-01", 1000, 100, 100)]),
            client("b", &[("2024-12-01", 500, 100, 99)]),
            // 1500 of 1550 above it: C.
            client("c", &[("2024-12-01", 50, -5, 1)]),
        ];
        let mut totals = Totals { margin_rows: 3, cost_to_serve_rows: 3, ..Totals::default() };
        let o = SegmentOptions::default();
        let g = |v: Vec<Option<Verdict>>| v.iter().map(|v| v.unwrap().group).collect::<Vec<_>>();
        // Cost 100 / profit 100 = 1: X; 99/100 is not; a loss with any cost is X.
        assert_eq!(g(run(&clients, &totals, &o)), vec![Label::X, Label::A, Label::X]);
        // Without cost to serve: margin 10 % and 20 % pass 5 %; C is never X.
        totals.cost_to_serve_rows = 0;
        assert_eq!(g(run(&clients, &totals, &o)), vec![Label::A, Label::A, Label::C]);
        let thin = SegmentOptions { x_margin_pct: 15.0, ..o.clone() };
        assert_eq!(g(run(&clients, &totals, &thin)), vec![Label::X, Label::A, Label::C]);
        let frame = Frame::new(d("2024-01-01"), d("2024-12-31"), Grain::Month, 12);
        let window_rev: Vec<Money> = clients.iter().map(|c| Measure::Revenue.sum(frame.days(&c.days), &[])).collect();
        let out = summarize(&clients, &run(&clients, &totals, &thin), &frame, &thin, &totals, &window_rev);
        assert_eq!(out.x_rule, XRule::Margin);
        assert_eq!(out.costly.len(), 1);
        assert_eq!(out.costly[0].ratio, Some(0.1));
        assert_eq!(out.groups[6].count, 1);
        assert!(out.potential.is_none());
    }

    #[test]
    fn potential_letters() {
        let cases = [
            ("A", Some(Class::A)),
            (" b-class", Some(Class::B)),
            ("С", Some(Class::C)),
            ("Б", Some(Class::B)),
            ("В", Some(Class::B)),
            ("high", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_potential(s), want, "{s}");
        }
    }
}
