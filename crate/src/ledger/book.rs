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

/// The part of a day every entity has: 16 bytes.
#[derive(Clone, Copy, Debug)]
struct Core {
    day: NaiveDate,
    purchases: u32,
    revenue: Money,
}

/// Margin, quantity and cost to serve, in this order.
const EXTRAS: usize = 3;

fn extras(t: &DayTotal) -> [Money; EXTRAS] {
    [t.margin, t.quantity, t.cost_to_serve]
}

/// One entity's days while the file streams in. Stored by column: the day, its
/// purchases and revenue always, and margin, quantity and cost to serve only once
/// a line carries a non-zero one (most files have one or two of them, not all).
/// This is most of the memory of a large file: 16 to 40 bytes a client-day
/// instead of 40. [`Book::into_days`] hands out plain [`DayTotal`]s at the end.
#[derive(Default)]
pub struct Book {
    pub id: String,
    core: Vec<Core>,
    /// Each either empty (all zero so far) or as long as `core`.
    extra: [Vec<Money>; EXTRAS],
    /// Length of the prefix known to be sorted and merged.
    compact_len: usize,
    /// A day arrived earlier than the one before it.
    unsorted: bool,
}

impl Book {
    pub fn add(&mut self, t: &DayTotal) -> Option<()> {
        match self.core.last_mut() {
            Some(last) if last.day == t.day => {
                last.revenue = last.revenue.checked_add(t.revenue)?;
                last.purchases = last.purchases.checked_add(t.purchases)?;
                let at = self.core.len() - 1;
                for (k, v) in extras(t).into_iter().enumerate() {
                    if v != Money::ZERO {
                        let col = self.column(k);
                        col[at] = col[at].checked_add(v)?;
                    }
                }
            }
            last => {
                self.unsorted |= last.is_some_and(|l| t.day < l.day);
                push_lean(&mut self.core, Core { day: t.day, purchases: t.purchases, revenue: t.revenue });
                let at = self.core.len() - 1;
                for (k, v) in extras(t).into_iter().enumerate() {
                    if !self.extra[k].is_empty() {
                        push_lean(&mut self.extra[k], v);
                    } else if v != Money::ZERO {
                        self.column(k)[at] = v;
                    }
                }
                // Unsorted input: merge now and then so days stay one entry each.
                if self.unsorted && self.core.len() > 2 * self.compact_len + 16 {
                    self.compact()?;
                }
            }
        }
        Some(())
    }

    /// Column `k`, made as long as `core` (zeros) the first time it is needed.
    fn column(&mut self, k: usize) -> &mut Vec<Money> {
        let col = &mut self.extra[k];
        if col.is_empty() {
            col.reserve_exact(self.core.capacity());
            col.resize(self.core.len(), Money::ZERO);
        }
        col
    }

    fn day(&self, i: usize) -> DayTotal {
        let c = self.core[i];
        let x = |k: usize| self.extra[k].get(i).copied().unwrap_or(Money::ZERO);
        DayTotal {
            day: c.day,
            revenue: c.revenue,
            margin: x(0),
            quantity: x(1),
            cost_to_serve: x(2),
            purchases: c.purchases,
        }
    }

    fn expand(&mut self) -> Vec<DayTotal> {
        let days = (0..self.core.len()).map(|i| self.day(i)).collect();
        self.core = Vec::new();
        self.extra = Default::default();
        days
    }

    /// Sorts and merges the days when they came out of order. Sorted input (the
    /// usual export) never pays for it.
    pub fn compact(&mut self) -> Option<()> {
        if !self.unsorted {
            self.compact_len = self.core.len();
            return Some(());
        }
        let mut days = self.expand();
        merge_sorted(&mut days, |d| d.day, |d| d.day, DayTotal::merge)?;
        self.unsorted = false;
        for d in &days {
            self.add(d)?;
        }
        self.compact_len = self.core.len();
        Some(())
    }

    /// Counts one purchase on `day` (compacted books only).
    pub fn add_purchase(&mut self, day: NaiveDate) -> Option<()> {
        match self.core.binary_search_by_key(&day, |c| c.day) {
            Ok(i) => {
                self.core[i].purchases = self.core[i].purchases.checked_add(1)?;
                Some(())
            }
            Err(_) => self.add(&DayTotal { purchases: 1, ..DayTotal::empty(day) }),
        }
    }

    /// The days, sorted and merged, as plain records.
    pub fn into_days(mut self) -> Option<Vec<DayTotal>> {
        self.compact()?;
        let mut days = self.expand();
        days.shrink_to_fit();
        Some(days)
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
    v.sort_unstable_by_key(&order);
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
        push_lean(&mut self.books, Book { id: id.to_string(), ..Book::default() });
        i
    }
}
