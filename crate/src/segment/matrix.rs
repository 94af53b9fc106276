//! The ABC-XYZ matrix of clients: nine cells AX..CZ with their clients, money and
//! what to do with each.

use super::abc::Class;
use super::playbook::{self, Playbook};
use super::xyz::Xyz;
use super::{ratio, share};
use crate::money::Money;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Cell {
    /// "AX" .. "CZ".
    pub cell: String,
    pub abc: Class,
    pub xyz: Xyz,
    pub count: usize,
    pub count_share: f64,
    /// Net revenue in the window, and its share of the classified clients' revenue.
    pub revenue: Money,
    pub revenue_share: f64,
    /// The clients in the cell, largest revenue first. Not in the JSON: each
    /// client's `abc` and `xyz` say the same, and 100 000 ids twice cost memory.
    #[serde(skip)]
    pub clients: Vec<crate::ledger::Id>,
    pub playbook: Playbook,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MatrixOut {
    /// Nine cells, row by row: AX AY AZ BX BY BZ CX CY CZ.
    pub cells: Vec<Cell>,
    pub clients: usize,
    pub revenue: Money,
}

/// One classified client: id, window revenue, ABC class, XYZ class.
pub struct Member<'a> {
    pub id: &'a crate::ledger::Id,
    pub revenue: Money,
    pub abc: Class,
    pub xyz: Xyz,
}

pub fn build(members: &[Member<'_>]) -> MatrixOut {
    let total = super::total(members.iter().map(|m| m.revenue));
    let mut cells = Vec::with_capacity(9);
    for (r, &abc) in Class::ALL.iter().enumerate() {
        for (c, &xyz) in Xyz::ALL.iter().enumerate() {
            let mut inside: Vec<&Member> = members.iter().filter(|m| m.abc == abc && m.xyz == xyz).collect();
            crate::order::by_figure(&mut inside, |m| m.id, |m| std::cmp::Reverse(m.revenue));
            let revenue = super::total(inside.iter().map(|m| m.revenue));
            cells.push(Cell {
                cell: format!("{}{}", crate::code::of(&abc), crate::code::of(&xyz)),
                abc,
                xyz,
                count: inside.len(),
                count_share: ratio(inside.len() as f64, members.len() as f64),
                revenue,
                revenue_share: share(revenue, total),
                clients: inside.iter().map(|m| crate::ledger::Id::clone(m.id)).collect(),
                playbook: playbook::matrix_cell(r * 3 + c),
            });
        }
    }
    MatrixOut { cells, clients: members.len(), revenue: total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::{A, B, C};
    use Xyz::{X, Y, Z};

    #[test]
    fn cells_partition_the_clients_and_the_money() {
        let ids: Vec<crate::ledger::Id> = ["a1", "a2", "b1", "c1", "c2"].map(Into::into).to_vec();
        let m =
            |k: usize, units: i64, abc, xyz| Member { id: &ids[k], revenue: Money::from_cents(units * 100), abc, xyz };
        let members = [m(0, 500, A, X), m(1, 300, A, X), m(2, 150, B, Z), m(3, 50, C, Y), m(4, -20, C, Y)];
        let out = build(&members);
        let names: Vec<&str> = out.cells.iter().map(|c| c.cell.as_str()).collect();
        assert_eq!(names, ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"]);
        let ax = &out.cells[0];
        assert_eq!((ax.count, ax.clients.clone()), (2, vec!["a1".into(), "a2".into()]));
        // Total 980: AX holds 800 of it.
        assert!((ax.revenue_share - 800.0 / 980.0).abs() < 1e-12);
        assert!((ax.count_share - 0.4).abs() < 1e-12);
        let cy = &out.cells[7];
        assert_eq!(cy.revenue, Money::from_cents(30_00));
        assert_eq!(out.cells.iter().map(|c| c.count).sum::<usize>(), 5);
        assert_eq!(out.cells.iter().map(|c| c.revenue).sum::<Money>(), out.revenue);
        assert_eq!(out.cells[5].playbook.title.get(crate::lang::Lang::En), "Mid-size, occasional");
        assert!(build(&[]).cells.iter().all(|c| c.count == 0 && c.revenue_share == 0.0));
    }
}
