//! The table stage of a part of a file read by another worker: the conventions the
//! first part settled are handed over, so a later part types its rows at once.

use super::{Account, Conventions, Header, Mapping, Role, Table, TableOptions};
use crate::ingest::values::DateOrder;
use serde::{Deserialize, Serialize};

/// What a later part needs to type rows as the first part does: the columns'
/// indices and conventions by role (`Role as usize`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableHandover {
    pub cols: Vec<Option<usize>>,
    /// Day first (`01/02` is 1 February) unless `month_first`.
    pub month_first: bool,
    pub decimal: Vec<Option<u8>>,
    pub canonical_numbers: bool,
    pub delimiter: u8,
}

impl Table {
    /// The settled conventions, once the held rows are typed.
    pub fn handover(&self) -> Option<TableHandover> {
        let c = self.conventions.as_ref()?;
        Some(TableHandover {
            cols: c.cols.to_vec(),
            month_first: c.date_order == DateOrder::Mdy,
            decimal: c.decimal.to_vec(),
            canonical_numbers: self.opts.canonical_numbers,
            delimiter: self.opts.delimiter,
        })
    }

    /// A table that types every record it gets with the conventions handed over.
    pub fn typing(h: &TableHandover) -> Option<Table> {
        let mut cols = [None; Role::COUNT];
        let mut decimal = [None; Role::COUNT];
        if h.cols.len() != Role::COUNT || h.decimal.len() != Role::COUNT {
            return None;
        }
        cols.copy_from_slice(&h.cols);
        decimal.copy_from_slice(&h.decimal);
        let date_order = if h.month_first { DateOrder::Mdy } else { DateOrder::Dmy };
        let opts =
            TableOptions { canonical_numbers: h.canonical_numbers, delimiter: h.delimiter, ..Default::default() };
        let mut t = Table::new(opts);
        t.header = Some(Header { mapping: Mapping::default(), names: Vec::new(), line: 0 });
        t.conventions = Some(Conventions { cols, date_order, decimal });
        // No preview is kept for a later part.
        t.preview = vec![Vec::new(); super::PREVIEW_ROWS];
        t.part = Some(Watch::Watching(None));
        Some(t)
    }

    /// Notes a row that may continue an order begun in the part before (it names
    /// the order and leaves its client, date or amount to the line above): only one
    /// pass reads it as written. Once a typed row started another order than the
    /// part's first, the part's state is what one pass would have.
    pub(super) fn watch_part(&mut self, fields: &[&str]) {
        let (Some(c), Some(Watch::Watching(first))) = (&self.conventions, &mut self.part) else { return };
        let last = self.last_order.set.then_some(self.last_order.id.as_str());
        if let Some(id) = last {
            match first {
                None => *first = Some(id.to_string()),
                Some(f) if f.as_str() != id => {
                    self.part = Some(Watch::Clear);
                    return;
                }
                Some(_) => {}
            }
        }
        let get = |r: Role| c.cols[r as usize].and_then(|i| fields.get(i)).map_or("", |f| f.trim());
        let order = get(Role::Order);
        let may_continue = !order.is_empty() && last.is_none_or(|id| super::same_text(id, order));
        let leans =
            [Role::Client, Role::Date, Role::Amount].iter().any(|&r| c.cols[r as usize].is_some() && get(r).is_empty());
        if may_continue && leans {
            self.part = Some(Watch::Leans);
        }
    }

    /// The part's account, and whether a row leaned on an order above the part.
    pub fn finish_part(self) -> (Account, bool) {
        (self.account, matches!(self.part, Some(Watch::Leans)))
    }
}

/// A later part's first order, followed until another begins.
pub(super) enum Watch {
    /// The order of the part's first typed order line, once there is one.
    Watching(Option<String>),
    Leans,
    Clear,
}
