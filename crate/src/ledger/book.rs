//! Day sums of one entity (a client, product, manager or branch), and the interned
//! set of entities of one kind. Memory grows with entities x active days.

use crate::money::Money;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What one entity did on one day. Every money figure is an exact sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    /// Net revenue of the day: sales plus (negative) returns.
    pub revenue: Money,
    /// The returns alone (zero or negative).
    pub returns: Money,
    /// Gross profit of the lines that carry one (zero where unknown).
    pub margin: Money,
    /// Units sold, net of returned units, in ten-thousandths.
    pub quantity: Money,
    pub cost_to_serve: Money,
    /// Purchases dated this day: distinct orders for clients, managers and
    /// branches; sale lines for products (see docs/decisions.md).
    pub purchases: u32,
}

impl DayTotal {
    pub fn empty(day: NaiveDate) -> DayTotal {
        DayTotal {
            day,
            revenue: Money::ZERO,
            returns: Money::ZERO,
            margin: Money::ZERO,
            quantity: Money::ZERO,
            cost_to_serve: Money::ZERO,
            purchases: 0,
        }
    }

    fn merge(&mut self, o: &DayTotal) -> Option<()> {
        self.revenue = self.revenue.checked_add(o.revenue)?;
        self.returns = self.returns.checked_add(o.returns)?;
        self.margin = self.margin.checked_add(o.margin)?;
        self.quantity = self.quantity.checked_add(o.quantity)?;
        self.cost_to_serve = self.cost_to_serve.checked_add(o.cost_to_serve)?;
        self.purchases = self.purchases.checked_add(o.purchases)?;
        Some(())
    }
}

#[derive(Default)]
pub struct Book {
    pub id: String,
    pub days: Vec<DayTotal>,
    /// Length of the prefix of `days` known to be sorted and merged.
    compact_len: usize,
}

impl Book {
    pub fn add(&mut self, t: &DayTotal) -> Option<()> {
        match self.days.last_mut() {
            Some(last) if last.day == t.day => last.merge(t)?,
            _ => {
                self.days.push(*t);
                // Unsorted input: merge now and then so days stay one entry each.
                if self.days.len() > 2 * self.compact_len + 16 {
                    self.compact()?;
                }
            }
        }
        Some(())
    }

    pub fn compact(&mut self) -> Option<()> {
        self.days.sort_by_key(|d| d.day);
        let mut merged: Vec<DayTotal> = Vec::with_capacity(self.days.len());
        for d in self.days.drain(..) {
            match merged.last_mut() {
                Some(last) if last.day == d.day => last.merge(&d)?,
                _ => merged.push(d),
            }
        }
        self.compact_len = merged.len();
        self.days = merged;
        Some(())
    }
}

/// Entities of one kind, interned by their text as in the file.
#[derive(Default)]
pub struct Books {
    index: FxHashMap<String, u32>,
    pub books: Vec<Book>,
}

impl Books {
    pub fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&i| i as usize)
    }

    pub fn slot(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i as usize;
        }
        let i = self.books.len();
        self.index.insert(id.to_string(), i as u32);
        self.books.push(Book { id: id.to_string(), ..Book::default() });
        i
    }
}
