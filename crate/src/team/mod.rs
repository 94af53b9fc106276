//! The sales head's view of the team: each manager's (and branch's) portfolio,
//! read from what the other analyses already decided per client (the window
//! revenue, the ABC-XYZ cell, the lifecycle status, the annual value, the leaving
//! list, the win-back and one-time lists, the latest NPS answer). Nothing here
//! re-sums a client's days, so the figures add up to the whole base's exactly.
//!
//! Whose client it is: the owner is decided once, in the ledger
//! ([`crate::ledger::Latest`]): the manager named on the client's latest dated
//! line that names one; two names on that day: the greater text (so row order
//! never matters). Clients whose lines never name a manager form one portfolio
//! without a name (`name: null`), so the portfolios add up to the base.

use crate::dynamics::cells::Cell;
use crate::dynamics::leaving::LeavingOut;
use crate::frame::{ratio, share, total};
use crate::ledger::Client;
use crate::lifecycle::Status;
use crate::money::Money;
use crate::report::ClientOut;
use crate::retention::leakage::NORM;
use crate::retention::onetime::OneTimeOut;
use crate::retention::winback::WinbackOut;
use crate::segment::abc::Class;
use crate::segment::nps::Nps;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How a portfolio reads in one line: the share of last year's clients it kept
/// and who is leaving now (the catalogue's `teamReading`, `teamLeaving.*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Leaving {
    /// Nobody on the leaving list.
    None,
    /// Leaving clients, none of them A.
    Some,
    /// A clients among them: the line names those.
    A,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reading {
    /// 1 - leakage: the share of the previous year's clients who bought in the last
    /// twelve months; `null` without such clients.
    pub kept: Option<f64>,
    pub leaving: Leaving,
    /// The clients the line counts: A clients leaving for `a`, all leaving otherwise.
    pub count: usize,
    /// Their money at stake (annual values).
    pub at_stake: Money,
}

/// The portfolio's largest client by window revenue.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Largest {
    pub id: String,
    pub revenue: Money,
    /// Of the portfolio's positive window revenue.
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Portfolio {
    /// The manager (or branch) as written in the file; `null`: clients none names.
    pub name: Option<Arc<str>>,
    /// Every client it owns (all statuses), and those who bought in the window.
    pub clients: usize,
    pub active: usize,
    /// Net revenue in the window.
    pub revenue: Money,
    /// Clients per ABC-XYZ cell (the matrix's rule), AX..CZ.
    pub cells: BTreeMap<Cell, usize>,
    pub a_clients: usize,
    /// A clients / active clients.
    pub a_share: f64,
    /// On the leaving list, of them A, and their annual values.
    pub leaving: usize,
    pub leaving_a: usize,
    pub at_stake: Money,
    /// Gone in the last twelve months and their annual values (LTV's revenue lost).
    pub gone_recent: usize,
    pub revenue_lost: Money,
    /// Leakage on this portfolio: its clients who bought in the previous twelve
    /// months, of them silent in the last twelve, the rate and whether it is over
    /// the norm (`leakage.norm`).
    pub leakage_base: usize,
    pub leaked: usize,
    pub leakage: Option<f64>,
    pub above_norm: bool,
    /// Gone clients on the win-back lists, of them in group 1 ("every effort").
    pub winback: usize,
    pub winback_first: usize,
    pub one_time: usize,
    /// The latest answer of each client who answered in the window; `null` when none did.
    pub nps: Option<Nps>,
    /// `null` when no client has positive window revenue.
    pub largest: Option<Largest>,
    pub reading: Reading,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TeamOut {
    /// False when no line names a manager: `managers` is then empty.
    pub has_managers: bool,
    pub has_branches: bool,
    /// The manager the report is narrowed to (the `manager` setting), if any.
    pub filter: Option<String>,
    /// Largest window revenue first; the portfolio without a name last.
    pub managers: Vec<Portfolio>,
    pub branches: Vec<Portfolio>,
}

/// What the team view reads, per client in ledger order.
pub struct Inputs<'a> {
    pub clients: &'a [Client],
    pub rows: &'a [ClientOut],
    /// The ABC-XYZ cell the matrix counts the client in.
    pub cells: &'a [Option<Cell>],
    /// Leakage's verdict: `None` outside its base, `Some(leaked)` inside.
    pub leakage: &'a [Option<bool>],
    pub leaving: &'a LeavingOut,
    pub winback: &'a WinbackOut,
    pub one_time: &'a OneTimeOut,
    pub has_managers: bool,
    pub has_branches: bool,
    pub filter: Option<String>,
}

pub fn build(x: &Inputs<'_>) -> TeamOut {
    let mut out = TeamOut {
        has_managers: x.has_managers,
        has_branches: x.has_branches,
        filter: x.filter.clone(),
        ..TeamOut::default()
    };
    // Without a manager or branch column there is no portfolio to fill: the lists'
    // sets (a hash of every listed id) would cost a file of one-time buyers most.
    if !x.has_managers && !x.has_branches {
        return out;
    }
    let stake: FxHashMap<&str, Money> = x.leaving.list.iter().map(|r| (&*r.id, r.at_stake)).collect();
    let first: FxHashSet<&str> =
        x.winback.groups.first().map(|g| g.clients.iter().map(|r| &*r.id).collect()).unwrap_or_default();
    let winback: FxHashSet<&str> = x.winback.groups.iter().flat_map(|g| g.clients.iter().map(|r| &*r.id)).collect();
    let one_time: FxHashSet<&str> = x.one_time.clients.iter().map(|r| &*r.id).collect();
    let lists = Lists { stake, first, winback, one_time };
    let portfolios = |owner: fn(&Client) -> Option<Arc<str>>| {
        let mut groups: BTreeMap<Option<Arc<str>>, Vec<usize>> = BTreeMap::new();
        for (i, c) in x.clients.iter().enumerate() {
            groups.entry(owner(c)).or_default().push(i);
        }
        let mut out: Vec<Portfolio> =
            groups.into_iter().map(|(name, members)| one(name, &members, x, &lists)).collect();
        crate::order::sort_by(&mut out, |a, b| {
            (a.name.is_none(), std::cmp::Reverse(a.revenue), &a.name).cmp(&(
                b.name.is_none(),
                std::cmp::Reverse(b.revenue),
                &b.name,
            ))
        });
        out
    };
    if x.has_managers {
        out.managers = portfolios(|c| c.profile.manager.shared());
    }
    if x.has_branches {
        out.branches = portfolios(|c| c.profile.branch.shared());
    }
    out
}

struct Lists<'a> {
    stake: FxHashMap<&'a str, Money>,
    first: FxHashSet<&'a str>,
    winback: FxHashSet<&'a str>,
    one_time: FxHashSet<&'a str>,
}

fn one(name: Option<Arc<str>>, members: &[usize], x: &Inputs<'_>, l: &Lists<'_>) -> Portfolio {
    let mut p = Portfolio {
        name,
        clients: members.len(),
        active: 0,
        revenue: Money::ZERO,
        cells: Cell::ALL.iter().map(|c| (*c, 0)).collect(),
        a_clients: 0,
        a_share: 0.0,
        leaving: 0,
        leaving_a: 0,
        at_stake: Money::ZERO,
        gone_recent: 0,
        revenue_lost: Money::ZERO,
        leakage_base: 0,
        leaked: 0,
        leakage: None,
        above_norm: false,
        winback: 0,
        winback_first: 0,
        one_time: 0,
        nps: None,
        largest: None,
        reading: Reading { kept: None, leaving: Leaving::None, count: 0, at_stake: Money::ZERO },
    };
    let (mut revenue, mut stake_a, mut stake, mut lost) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut nps = Nps::default();
    let mut largest: Option<(Money, &str)> = None;
    for &i in members {
        let (c, r) = (&x.clients[i], &x.rows[i]);
        let id = &*c.id;
        revenue.push(r.window_revenue);
        if r.abc.is_some() {
            p.active += 1;
            // Largest revenue, then the smaller id: a stable pick among equals.
            if r.window_revenue.is_positive()
                && largest.is_none_or(|(m, k)| (r.window_revenue, std::cmp::Reverse(id)) > (m, std::cmp::Reverse(k)))
            {
                largest = Some((r.window_revenue, id));
            }
        }
        if let Some(cell) = x.cells[i] {
            *p.cells.entry(cell).or_default() += 1;
        }
        let is_a = r.abc == Some(Class::A);
        p.a_clients += usize::from(is_a);
        if r.lifecycle == Status::Leaving {
            let s = l.stake.get(id).copied().unwrap_or_default();
            p.leaving += 1;
            stake.push(s);
            if is_a {
                p.leaving_a += 1;
                stake_a.push(s);
            }
        }
        if r.lifecycle == Status::GoneRecent {
            p.gone_recent += 1;
            lost.push(r.annual_value.unwrap_or_default());
        }
        if let Some(leaked) = x.leakage[i] {
            p.leakage_base += 1;
            p.leaked += usize::from(leaked);
        }
        p.winback += usize::from(l.winback.contains(id));
        p.winback_first += usize::from(l.first.contains(id));
        p.one_time += usize::from(l.one_time.contains(id));
        if let Some(score) = r.nps {
            nps.add(score, 1);
        }
    }
    p.revenue = total(revenue.into_iter());
    p.a_share = ratio(p.a_clients as f64, p.active as f64);
    p.at_stake = total(stake.iter().copied());
    p.revenue_lost = total(lost.into_iter());
    p.leakage = (p.leakage_base > 0).then(|| ratio(p.leaked as f64, p.leakage_base as f64));
    p.above_norm = p.leakage.is_some_and(|r| r > NORM);
    p.nps = (nps.responses > 0).then_some(nps);
    let positive = total(members.iter().map(|&i| x.rows[i].window_revenue).filter(|m| m.is_positive()));
    p.largest = largest.map(|(m, id)| Largest { id: id.to_string(), revenue: m, share: share(m, positive) });
    p.reading = Reading {
        kept: p.leakage.map(|r| 1.0 - r),
        leaving: if p.leaving_a > 0 {
            Leaving::A
        } else if p.leaving > 0 {
            Leaving::Some
        } else {
            Leaving::None
        },
        count: if p.leaving_a > 0 { p.leaving_a } else { p.leaving },
        at_stake: if p.leaving_a > 0 { total(stake_a.into_iter()) } else { p.at_stake },
    };
    p
}

/// The one-line reading of a portfolio in words, for the downloads (the page
/// fills the same catalogue texts).
pub fn reading_text(lang: crate::lang::Lang, r: &Reading, money: &dyn Fn(Money) -> String) -> String {
    use crate::texts::{fill, plural};
    let kept = match r.kept {
        // The page formats the share by the same rule (format.js `pct`).
        Some(k) => lang.f("teamKeeps", &[("share", &crate::format::share(k, lang))]),
        None => lang.t("teamNoBase").to_string(),
    };
    let key = match r.leaving {
        Leaving::None => "teamLeaving.none",
        Leaving::Some => "teamLeaving.some",
        Leaving::A => "teamLeaving.a",
    };
    let leaving = fill(plural(lang, key, r.count as u64), &[("n", &r.count), ("money", &money(r.at_stake))]);
    lang.f("teamReading", &[("kept", &kept), ("leaving", &leaving)])
}
