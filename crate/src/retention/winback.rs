//! Win-back priorities (seed 003): gone (D) clients in four groups by the ABC-XYZ
//! cell they held while active (the ABCDX letter and the regularity of the window
//! that ended with their last purchase); the groups' cells are a setting.

use crate::dynamics::cells::{frame_at, Cell};
use crate::dynamics::flags::is_gone;
use crate::dynamics::options::DynamicsOptions;
use crate::ledger::Client;
use crate::money::Money;
use crate::scope::Scope;
use crate::segment::abcdx::Verdict;
use crate::segment::playbook::{text, Text};
use crate::segment::{total, xyz};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WinbackRow {
    /// Manager, channel, last purchase and annual value are on the client.
    pub id: crate::ledger::Id,
    /// The cell it held while active.
    pub cell: Cell,
    pub annual_value: Money,
    /// What it bought last (up to three products).
    pub products: Vec<std::sync::Arc<str>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WinbackGroup {
    /// 1 = every effort .. 4 = not worth the effort.
    pub group: u8,
    pub cells: Vec<String>,
    pub title: Text,
    pub count: usize,
    pub annual_value: Money,
    /// Largest annual value first.
    pub clients: Vec<WinbackRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WinbackOut {
    pub lost: usize,
    pub annual_value: Money,
    pub groups: Vec<WinbackGroup>,
}

const TITLES: [&str; 4] = ["winback.group1", "winback.group2", "winback.group3", "winback.group4"];

pub fn build(
    clients: &[Client],
    verdicts: &[Option<Verdict>],
    annual: &[Option<Money>],
    scope: &Scope,
    products: &[std::sync::Arc<str>],
    o: &DynamicsOptions,
) -> WinbackOut {
    let (frame, rule, first) = (&scope.frame, &scope.rule, scope.first);
    let mut groups: Vec<WinbackGroup> = (0..4)
        .map(|k| WinbackGroup {
            group: k as u8 + 1,
            cells: o.winback_groups[k].clone(),
            title: text(TITLES[k]),
            count: 0,
            annual_value: Money::ZERO,
            clients: Vec::new(),
        })
        .collect();
    for ((c, v), a) in clients.iter().zip(verdicts).zip(annual) {
        let Some(v) = v.as_ref().filter(|v| is_gone(v)) else { continue };
        let then = frame_at(frame, v.last_purchase, first);
        let cell = Cell::of(v.letter, xyz::classify(&c.days, &c.extras, &then, &rule.xyz).class);
        let g = &mut groups[usize::from(o.winback_group(cell.key()) - 1)];
        g.clients.push(WinbackRow {
            id: c.id.clone(),
            cell,
            annual_value: a.unwrap_or_default(),
            products: super::recent_products(c, products, 3),
        });
    }
    for g in &mut groups {
        crate::order::by_figure(&mut g.clients, |r| &r.id, |r| std::cmp::Reverse(r.annual_value));
        g.count = g.clients.len();
        g.annual_value = total(g.clients.iter().map(|r| r.annual_value));
    }
    WinbackOut {
        lost: groups.iter().map(|g| g.count).sum(),
        annual_value: total(groups.iter().map(|g| g.annual_value)),
        groups,
    }
}
