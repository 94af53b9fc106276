//! ABC-XYZ cells of clients read at any date: the ABC of the window that ends
//! there and the XYZ over the same window, as segmentation computes them today.

use crate::money::Money;
use crate::segment::abc::{self, Class};
use crate::segment::xyz::{self, Xyz};
use crate::segment::Frame;
use crate::summaries::{Columns, Summaries};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub enum Cell {
    AX,
    AY,
    AZ,
    BX,
    BY,
    BZ,
    CX,
    CY,
    CZ,
}

impl Cell {
    pub const ALL: [Cell; 9] =
        [Cell::AX, Cell::AY, Cell::AZ, Cell::BX, Cell::BY, Cell::BZ, Cell::CX, Cell::CY, Cell::CZ];

    pub fn of(abc: Class, xyz: Xyz) -> Cell {
        let row = Class::ALL.iter().position(|c| *c == abc).unwrap_or(2);
        let col = Xyz::ALL.iter().position(|x| *x == xyz).unwrap_or(2);
        Cell::ALL[row * 3 + col]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn key(self) -> &'static str {
        super::options::CELLS[self.index()]
    }

    /// A worse letter, or the same letter and less regular.
    pub fn is_below(self, before: Cell) -> bool {
        let (r, c) = (self.index() / 3, self.index() % 3);
        let (r0, c0) = (before.index() / 3, before.index() % 3);
        r > r0 || (r == r0 && c > c0)
    }
}

pub use crate::scope::Rule;

/// The window of `like`'s length that ends at `as_of`, never before `first`.
pub fn frame_at(like: &Frame, as_of: NaiveDate, first: NaiveDate) -> Frame {
    let from = if like.window == 0 {
        first
    } else {
        let last = like.grain.index(as_of);
        like.grain.start(last - like.window as i32 + 1).max(first.min(as_of))
    };
    Frame::new(from, as_of, like.grain, like.window)
}

/// Every client's cell in `frame`, with its window revenue; `None` without a
/// purchase in the window. Read from the period summaries, which must fit the frame
/// and sum `rule.measure`, and their sums over the frame ([`Summaries::columns`]).
pub fn cells_at(s: &Summaries, frame: &Frame, rule: &Rule, sums: Columns) -> (Vec<Option<Cell>>, Vec<Money>) {
    debug_assert_eq!(s.measure, rule.measure);
    let classes = abc::classes_of(sums.values(), &sums.active, rule.bounds_bp);
    let cells = classes
        .iter()
        .enumerate()
        .map(|(i, k)| Some(Cell::of((*k)?, xyz::classify_summary(s, i, frame, &rule.xyz, sums.bought[i]).class)))
        .collect();
    (cells, sums.revenue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_order_and_moves_down() {
        assert_eq!(Cell::of(Class::B, Xyz::Z), Cell::BZ);
        assert_eq!(Cell::CY.key(), "CY");
        assert!(Cell::BX.is_below(Cell::AZ));
        assert!(Cell::AY.is_below(Cell::AX));
        assert!(!Cell::AZ.is_below(Cell::BX));
        assert!(!Cell::BY.is_below(Cell::BY));
    }
}
