//! Movement between ABC-XYZ cells: the matrix read at the end of each period, and
//! who moved where between two dates, with "new" as an extra row and "gone" as an
//! extra column.

use super::cells::Cell;
use crate::money::Money;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CellCount {
    pub cell: Cell,
    pub count: usize,
    /// Net revenue of the window ending at the period's date.
    pub revenue: Money,
}

/// The matrix as it stood at one period's date.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PeriodCells {
    pub period_start: NaiveDate,
    /// The date the matrix was read (see `spans`).
    pub as_of: NaiveDate,
    /// Nine cells AX..CZ.
    pub cells: Vec<CellCount>,
    pub clients: usize,
}

/// One cell of a transition matrix: `from` is a cell or "new", `to` a cell or "gone".
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Move {
    pub from: String,
    pub to: String,
    pub count: usize,
    pub revenue_before: Money,
    pub revenue_now: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TransitionsOut {
    pub before: NaiveDate,
    pub now: NaiveDate,
    /// Clients with a cell at `before` and at `now`.
    pub clients_before: usize,
    pub clients_now: usize,
    /// Non-empty cells of the 10 x 10 matrix, row by row (AX..CZ, then new).
    pub moves: Vec<Move>,
    pub stayed: usize,
    pub moved_up: usize,
    pub moved_down: usize,
    pub new: usize,
    pub gone: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DynamicsTransitions {
    /// From the previous period (read at the same day of the period).
    pub previous: TransitionsOut,
    /// From the same date a year earlier.
    pub year_ago: TransitionsOut,
    /// The matrix at each of the last periods, oldest first.
    pub periods: Vec<PeriodCells>,
}

pub fn period(period_start: NaiveDate, as_of: NaiveDate, cells: &[Option<Cell>], revenue: &[Money]) -> PeriodCells {
    // One pass: counts and exact sums per cell (clamped at the end, as `total` does).
    let mut sums = [(0usize, 0i128); 9];
    for (c, r) in cells.iter().zip(revenue) {
        if let Some(c) = c {
            let s = &mut sums[c.index()];
            s.0 += 1;
            s.1 += i128::from(r.0);
        }
    }
    let cells_out = Cell::ALL
        .iter()
        .map(|&k| {
            let (count, rev) = sums[k.index()];
            CellCount { cell: k, count, revenue: Money(rev.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64) }
        })
        .collect();
    PeriodCells { period_start, as_of, cells: cells_out, clients: cells.iter().flatten().count() }
}

fn key(c: Option<Cell>, none: &str) -> String {
    c.map_or_else(|| none.to_string(), |c| c.key().to_string())
}

/// `before` and `now` are (cell, window revenue) per client, in the same order.
pub fn build(
    dates: (NaiveDate, NaiveDate),
    before: (&[Option<Cell>], &[Money]),
    now: (&[Option<Cell>], &[Money]),
) -> TransitionsOut {
    // 10 x 10: index 9 is "new" as a row and "gone" as a column.
    let mut grid = vec![(0usize, 0i128, 0i128); 100];
    let (mut up, mut down, mut stayed) = (0, 0, 0);
    for i in 0..now.0.len().min(before.0.len()) {
        let (b, n) = (before.0[i], now.0[i]);
        if b.is_none() && n.is_none() {
            continue;
        }
        let (r, c) = (b.map_or(9, Cell::index), n.map_or(9, Cell::index));
        let g = &mut grid[r * 10 + c];
        g.0 += 1;
        g.1 += i128::from(before.1[i].0);
        g.2 += i128::from(now.1[i].0);
        match (b, n) {
            (Some(b), Some(n)) if n.is_below(b) => down += 1,
            (Some(b), Some(n)) if b.is_below(n) => up += 1,
            (Some(_), Some(_)) => stayed += 1,
            _ => {}
        }
    }
    let clamp = |v: i128| Money(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64);
    let cell = |i: usize| (i < 9).then(|| Cell::ALL[i]);
    let moves: Vec<Move> = (0..100)
        .filter(|&k| grid[k].0 > 0)
        .map(|k| Move {
            from: key(cell(k / 10), "new"),
            to: key(cell(k % 10), "gone"),
            count: grid[k].0,
            revenue_before: clamp(grid[k].1),
            revenue_now: clamp(grid[k].2),
        })
        .collect();
    let row_total = |r: usize| (0..10).map(|c| grid[r * 10 + c].0).sum::<usize>();
    let col_total = |c: usize| (0..10).map(|r| grid[r * 10 + c].0).sum::<usize>();
    TransitionsOut {
        before: dates.0,
        now: dates.1,
        clients_before: (0..9).map(row_total).sum(),
        clients_now: (0..9).map(col_total).sum(),
        moves,
        stayed,
        moved_up: up,
        moved_down: down,
        new: row_total(9),
        gone: col_total(9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_reconcile_with_both_matrices() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let m = |u: i64| Money::from_cents(u * 100);
        let before = [Some(Cell::AX), Some(Cell::AX), Some(Cell::BY), None, Some(Cell::CZ), None];
        let now = [Some(Cell::AX), Some(Cell::BX), Some(Cell::AY), Some(Cell::CZ), None, None];
        let rb = [m(10), m(8), m(3), m(0), m(1), m(0)];
        let rn = [m(11), m(4), m(9), m(2), m(0), m(0)];
        let t = build((d, d), (&before, &rb), (&now, &rn));
        assert_eq!((t.clients_before, t.clients_now), (4, 4));
        assert_eq!((t.stayed, t.moved_up, t.moved_down, t.new, t.gone), (1, 1, 1, 1, 1));
        assert_eq!(t.moves.iter().map(|m| m.count).sum::<usize>(), 5);
        let ax_bx = t.moves.iter().find(|v| v.from == "AX" && v.to == "BX").unwrap();
        assert_eq!((ax_bx.revenue_before, ax_bx.revenue_now), (m(8), m(4)));
        assert!(t.moves.iter().any(|v| v.from == "new" && v.to == "CZ"));
        assert!(t.moves.iter().any(|v| v.from == "CZ" && v.to == "gone"));
        let p = period(d, d, &now, &rn);
        assert_eq!((p.clients, p.cells[0].count, p.cells[0].revenue), (4, 1, m(11)));
    }
}
