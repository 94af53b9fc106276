//! Concentration of revenue over clients (seeds 002, 004): the Pareto curve, the
//! top 20 %'s share, Gini, and how much the business depends on its largest clients.
//!
//! Net revenue below zero counts as zero here: a client cannot hold a negative
//! share of the base, and the curve must stay monotone.

use super::ratio;
use crate::lang::Lang;
use crate::money::Money;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// No positive revenue in the window.
    None,
    Low,
    Elevated,
    High,
}

/// What the risk statement is built from, for pages that render their own text.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RiskParams {
    pub largest_id: Option<String>,
    /// Shares in percent, as in the sentence.
    pub largest_pct: f64,
    pub top5_pct: f64,
    pub top20_pct: f64,
    pub top20_clients: usize,
    pub clients: usize,
    /// The configured bounds: [elevated, high].
    pub largest_bounds: [f64; 2],
    pub top5_bounds: [f64; 2],
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Risk {
    pub level: RiskLevel,
    /// `concentration.none|low|elevated|high`.
    pub code: String,
    pub params: RiskParams,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Largest {
    pub id: crate::ledger::Id,
    pub revenue: Money,
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConcentrationOut {
    /// Clients active in the window, and those with positive net revenue.
    pub clients: usize,
    pub positive_clients: usize,
    /// Sum of the positive net revenues: the base of every share here.
    pub revenue: Money,
    /// Pareto curve: [share of clients, share of revenue], largest clients first,
    /// from [0, 0] to [1, 1]; every client up to 200, else 101 points.
    pub curve: Vec<[f64; 2]>,
    /// The top 20 % of clients (rounded up): how many, and their share.
    pub top20_clients: usize,
    pub top20_share: f64,
    pub gini: f64,
    pub largest: Option<Largest>,
    pub top5_share: f64,
    pub risk: Risk,
}

pub fn build(members: &[(&str, Money)], bounds: ([f64; 2], [f64; 2])) -> ConcentrationOut {
    let mut v: Vec<(&str, i128)> = members.iter().map(|(id, m)| (*id, i128::from(m.0.max(0)))).collect();
    crate::order::by_figure(&mut v, |x| x.0, |x| std::cmp::Reverse(x.1));
    let n = v.len();
    let total: i128 = v.iter().map(|x| x.1).sum();
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(0i128);
    for x in &v {
        cum.push(cum[cum.len() - 1] + x.1);
    }
    let share_of = |k: usize| ratio(cum[k.min(n)] as f64, total as f64);
    let curve = if n <= 200 {
        (0..=n).map(|k| [ratio(k as f64, n as f64), share_of(k)]).collect()
    } else {
        (0..=100usize)
            .map(|p| {
                let k = (p * n).div_ceil(100);
                [k as f64 / n as f64, share_of(k)]
            })
            .collect()
    };
    let top20_clients = (n * 20).div_ceil(100);
    // Ascending ranks: G = 2 * sum(i * x_i) / (n * sum x) - (n + 1) / n.
    let weighted: i128 = v.iter().rev().enumerate().map(|(i, x)| (i as i128 + 1) * x.1).sum();
    let gini =
        if total > 0 { 2.0 * weighted as f64 / (n as f64 * total as f64) - (n as f64 + 1.0) / n as f64 } else { 0.0 };
    let largest = v.first().filter(|x| x.1 > 0).map(|x| Largest {
        id: crate::ledger::Id::from(x.0),
        revenue: Money(x.1 as i64),
        share: share_of(1),
    });
    let params = RiskParams {
        largest_id: largest.as_ref().map(|l| l.id.to_string()),
        largest_pct: share_of(1) * 100.0,
        top5_pct: share_of(5) * 100.0,
        top20_pct: share_of(top20_clients) * 100.0,
        top20_clients,
        clients: n,
        largest_bounds: bounds.0,
        top5_bounds: bounds.1,
    };
    ConcentrationOut {
        clients: n,
        positive_clients: v.iter().filter(|x| x.1 > 0).count(),
        revenue: Money(total.min(i128::from(i64::MAX)) as i64),
        curve,
        top20_clients,
        top20_share: share_of(top20_clients),
        gini: gini.max(0.0),
        largest,
        top5_share: share_of(5),
        risk: risk(params, total > 0),
    }
}

fn level(p: &RiskParams, any: bool) -> RiskLevel {
    // With five clients or fewer the top five are everyone: only the largest counts.
    let top5 = |bound: f64| p.clients > 5 && p.top5_pct >= bound;
    if !any {
        RiskLevel::None
    } else if p.largest_pct >= p.largest_bounds[1] || top5(p.top5_bounds[1]) {
        RiskLevel::High
    } else if p.largest_pct >= p.largest_bounds[0] || top5(p.top5_bounds[0]) {
        RiskLevel::Elevated
    } else {
        RiskLevel::Low
    }
}

/// A percent of the params (0..100) as every share reads ([`crate::format::share`]).
fn pct(x: f64, lang: Lang) -> String {
    crate::format::share(x / 100.0, lang)
}

fn risk(p: RiskParams, any: bool) -> Risk {
    let level = level(&p, any);
    let code = match level {
        RiskLevel::None => "concentration.none",
        RiskLevel::Low => "concentration.low",
        RiskLevel::Elevated => "concentration.elevated",
        RiskLevel::High => "concentration.high",
    };
    Risk { level, code: code.to_string(), params: p }
}

impl Risk {
    /// The risk statement: the catalogue text of `code` with the shares filled in
    /// (by the one share rule; the page fills the same placeholders from `params`).
    pub fn text(&self, lang: Lang) -> String {
        let p = &self.params;
        let id = p.largest_id.clone().unwrap_or_default();
        lang.f(
            &self.code,
            &[
                ("id", &id),
                ("largest", &pct(p.largest_pct, lang)),
                ("top5", &pct(p.top5_pct, lang)),
                ("top20", &pct(p.top20_pct, lang)),
                ("k", &p.top20_clients),
                ("cap", &pct(p.largest_bounds[0], lang)),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: ([f64; 2], [f64; 2]) = ([10.0, 25.0], [50.0, 75.0]);

    fn run(units: &[i64]) -> ConcentrationOut {
        // Zero-padded: clients come in id order (crate::order).
        let ids: Vec<String> = (0..units.len()).map(|i| format!("c{i:04}")).collect();
        let m: Vec<(&str, Money)> =
            ids.iter().zip(units).map(|(id, u)| (id.as_str(), Money::from_cents(u * 100))).collect();
        build(&m, BOUNDS)
    }

    #[test]
    fn hand_computed_figures() {
        // One client holds everything among four: Gini (n-1)/n = 0.75.
        let c = run(&[0, 100, 0, 0]);
        assert!((c.gini - 0.75).abs() < 1e-12);
        assert_eq!(&*c.largest.as_ref().unwrap().id, "c0001");
        assert_eq!(c.risk.level, RiskLevel::High);
        assert_eq!(c.curve, vec![[0.0, 0.0], [0.25, 1.0], [0.5, 1.0], [0.75, 1.0], [1.0, 1.0]]);
        // Ten equal clients: Gini 0, top 20 % = 2 clients = 20 %, largest 10 % (elevated).
        let c = run(&[50; 10]);
        assert!(c.gini.abs() < 1e-12);
        assert_eq!((c.top20_clients, c.top20_share), (2, 0.2));
        assert_eq!(c.risk.level, RiskLevel::Elevated);
        // The statement writes its shares as the tiles and the headline do.
        assert!(c.risk.text(Lang::En).contains("brings 10% of revenue"), "{}", c.risk.text(Lang::En));
        assert!(c.risk.text(Lang::Ru).contains("10\u{a0}% выручки"));
        // 20 clients of 10 and one negative (counted as 0): sum 200, largest 5 %,
        // top 5 = 25 %, top 20 % of 21 = 5 clients.
        let mut v = vec![10; 20];
        v.push(-30);
        let c = run(&v);
        assert_eq!((c.clients, c.positive_clients, c.top20_clients), (21, 20, 5));
        assert!((c.top5_share - 0.25).abs() < 1e-12);
        assert_eq!(c.risk.level, RiskLevel::Low);
        assert_eq!(c.risk.code, "concentration.low");
        // Gini of 20 equal and one zero: 2*(sum_{i=2}^{21} i*10)/(21*200) - 22/21 = 1/21.
        assert!((c.gini - 1.0 / 21.0).abs() < 1e-12);
    }

    #[test]
    fn empty_and_zero_bases_give_no_nan() {
        for c in [run(&[]), run(&[0, -5])] {
            assert_eq!(c.risk.level, RiskLevel::None);
            assert_eq!((c.gini, c.top5_share, c.top20_share), (0.0, 0.0, 0.0));
            assert!(c.largest.is_none());
            assert!(c.curve.iter().flatten().all(|x| x.is_finite()));
        }
        // A large base is drawn with 101 points.
        let c = run(&(1..=1000).collect::<Vec<_>>());
        assert_eq!(c.curve.len(), 101);
        assert_eq!(c.curve[100], [1.0, 1.0]);
    }
}
