//! One-time buyers (seed 001): clients with a single purchase, silent past the D
//! threshold. They are a survey list: how do they solve the task now, with whom,
//! and what does the other supplier offer.

use crate::dynamics::flags::is_gone;
use crate::ledger::Client;
use crate::money::Money;
use crate::segment::abcdx::Verdict;
use crate::segment::playbook::{text, Text};
use crate::segment::total;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OneTimeRow {
    pub id: crate::ledger::Id,
    pub purchase: NaiveDate,
    pub revenue: Money,
    pub products: Vec<std::sync::Arc<str>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OneTimeOut {
    pub count: usize,
    pub revenue: Money,
    pub questions: Vec<Text>,
    /// Latest purchase first.
    pub clients: Vec<OneTimeRow>,
}

const QUESTIONS: [&str; 4] = ["onetime.question1", "onetime.question2", "onetime.question3", "onetime.question4"];

pub fn build(
    clients: &[Client],
    verdicts: &[Option<Verdict>],
    products: &[std::sync::Arc<str>],
    as_of: NaiveDate,
) -> OneTimeOut {
    let mut rows: Vec<OneTimeRow> = Vec::new();
    for (c, v) in clients.iter().zip(verdicts) {
        let Some(v) = v.as_ref().filter(|v| is_gone(v)) else { continue };
        if c.purchases.iter().filter(|d| **d <= as_of).count() != 1 {
            continue;
        }
        rows.push(OneTimeRow {
            id: c.id.clone(),
            purchase: v.last_purchase,
            revenue: total(c.days.iter().filter(|d| d.day <= as_of).map(|d| d.revenue)),
            products: super::recent_products(c, products, 3),
        });
    }
    crate::order::by_figure(&mut rows, |r| &r.id, |r| std::cmp::Reverse(r.purchase));
    OneTimeOut {
        count: rows.len(),
        revenue: total(rows.iter().map(|r| r.revenue)),
        questions: QUESTIONS.iter().map(|q| text(q)).collect(),
        clients: rows,
    }
}
