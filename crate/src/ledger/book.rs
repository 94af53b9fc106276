//! Day sums of one entity (a client, product, manager or branch), and the interned
//! set of entities of one kind. Memory grows with entities x active days.

use crate::money::Money;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What one entity did on one day. Every money figure is an exact sum. 40 bytes:
/// there are millions of these in a large file, so each field must earn its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    /// Net revenue of the day: sales plus (negative) returns.
    pub revenue: Money,
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
            margin: Money::ZERO,
            quantity: Money::ZERO,
            cost_to_serve: Money::ZERO,
            purchases: 0,
        }
    }

    fn merge(&mut self, o: &DayTotal) -> Option<()> {
        self.revenue = self.revenue.checked_add(o.revenue)?;
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
                push_lean(&mut self.days, *t);
                // Unsorted input: merge now and then so days stay one entry each.
                if self.days.len() > 2 * self.compact_len + 16 {
                    self.compact()?;
                }
            }
        }
        Some(())
    }

    /// Sorts and merges the days in place: no second buffer, so the peak stays
    /// at the ledger's own size.
    pub fn compact(&mut self) -> Option<()> {
        self.compact_len = merge_sorted(&mut self.days, |d| d.day, |d| d.day, DayTotal::merge)?;
        Some(())
    }
}

/// Pushes growing by half rather than doubling: the ledger is most of the memory,
/// and a doubling Vec is a quarter empty on average.
pub(super) fn push_lean<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.len() / 2).max(4));
    }
    v.push(x);
}

/// Sorts `v` by `order` (unstable, so `order` must tell apart whatever `merge`
/// keeps from the first element), folds each run of equal `group` keys into its
/// first element, and trims the spare capacity when it is large. Returns the new
/// length, or `None` when a merge overflowed.
pub(super) fn merge_sorted<T, O: Ord, K: Eq>(
    v: &mut Vec<T>,
    order: impl Fn(&T) -> O,
    group: impl Fn(&T) -> K,
    mut merge: impl FnMut(&mut T, &T) -> Option<()>,
) -> Option<usize> {
    v.sort_unstable_by(|a, b| order(a).cmp(&order(b)));
    let mut ok = true;
    v.dedup_by(|later, kept| {
        if group(later) != group(kept) {
            return false;
        }
        ok &= merge(kept, later).is_some();
        true
    });
    if !ok {
        return None;
    }
    if v.capacity() > v.len() + v.len() / 2 + 4 {
        v.shrink_to(v.len() + v.len() / 4);
    }
    Some(v.len())
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
