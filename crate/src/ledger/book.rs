//! Day sums of one entity (a client, product, manager or branch), and the interned
//! set of entities of one kind. Memory grows with entities x active days.

use crate::money::Money;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What one entity did on one day, as the analyses read it. Every money figure is
/// an exact sum. 32 bytes: there are millions of these in a large file, so each
/// field must earn its place (cost to serve, which few files have, is kept apart in
/// [`DayCost`]s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    /// Purchases dated this day: distinct orders for clients, managers and
    /// branches; sale lines for products (see docs/decisions.md).
    pub purchases: u32,
    /// Net revenue of the day: sales plus (negative) returns.
    pub revenue: Money,
    /// Gross profit of the lines that carry one (zero where unknown).
    pub margin: Money,
    /// Units sold, net of returned units, in ten-thousandths.
    pub quantity: Money,
}

impl DayTotal {
    pub fn empty(day: NaiveDate) -> DayTotal {
        DayTotal { day, purchases: 0, revenue: Money::ZERO, margin: Money::ZERO, quantity: Money::ZERO }
    }
}

/// A day's cost to serve, for the days that have one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayCost {
    pub day: NaiveDate,
    pub cost: Money,
}

/// One row's or one day's figures while the file streams in: a [`DayTotal`] and
/// its cost to serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    pub day: NaiveDate,
    pub revenue: Money,
    pub margin: Money,
    pub quantity: Money,
    pub cost_to_serve: Money,
    pub purchases: u32,
}

impl Figures {
    pub fn empty(day: NaiveDate) -> Figures {
        Figures {
            day,
            revenue: Money::ZERO,
            margin: Money::ZERO,
            quantity: Money::ZERO,
            cost_to_serve: Money::ZERO,
            purchases: 0,
        }
    }

    fn merge(&mut self, o: &Figures) -> Option<()> {
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

fn extras(t: &Figures) -> [Money; EXTRAS] {
    [t.margin, t.quantity, t.cost_to_serve]
}

/// One entity's days while the file streams in. Stored by column: the day, its
/// purchases and revenue always, and margin, quantity and cost to serve only once
/// a line carries a non-zero one (most files have one or two of them, not all).
/// This is most of the memory of a large file: 16 to 40 bytes a client-day
/// instead of 40. [`Book::into_days`] hands out plain 32-byte [`DayTotal`]s at the end.
#[derive(Default)]
pub struct Book {
    pub id: super::Id,
    core: Vec<Core>,
    /// Each either empty (all zero so far) or as long as `core`.
    extra: [Vec<Money>; EXTRAS],
    /// Length of the prefix known to be sorted and merged.
    compact_len: usize,
    /// A day arrived earlier than the one before it.
    unsorted: bool,
}

impl Book {
    pub fn add(&mut self, t: &Figures) -> Option<()> {
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

    fn day(&self, i: usize) -> Figures {
        let c = self.core[i];
        let x = |k: usize| self.extra[k].get(i).copied().unwrap_or(Money::ZERO);
        Figures {
            day: c.day,
            revenue: c.revenue,
            margin: x(0),
            quantity: x(1),
            cost_to_serve: x(2),
            purchases: c.purchases,
        }
    }

    /// The days as stored (not yet sorted or merged), for a ledger handed to another.
    pub(super) fn figures(&self) -> impl Iterator<Item = Figures> + '_ {
        (0..self.core.len()).map(|i| self.day(i))
    }

    fn expand(&mut self) -> Vec<Figures> {
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
        merge_sorted(&mut days, |d| d.day, |d| d.day, Figures::merge)?;
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
            Err(_) => self.add(&Figures { purchases: 1, ..Figures::empty(day) }),
        }
    }

    /// The days, sorted and merged, as plain records, and the days' costs to serve
    /// where there are any.
    pub fn into_days(mut self) -> Option<(Vec<DayTotal>, Vec<DayCost>)> {
        self.compact()?;
        let costs: Vec<DayCost> = match self.extra[2].is_empty() {
            true => Vec::new(),
            false => (0..self.core.len())
                .filter(|&i| self.extra[2][i] != Money::ZERO)
                .map(|i| DayCost { day: self.core[i].day, cost: self.extra[2][i] })
                .collect(),
        };
        // Column by column into plain records, each column freed as soon as it is read.
        let n = self.core.len();
        let [margin, quantity, _] = std::mem::take(&mut self.extra);
        let at = |col: &Vec<Money>, i: usize| col.get(i).copied().unwrap_or(Money::ZERO);
        let days = std::mem::take(&mut self.core)
            .into_iter()
            .enumerate()
            .map(|(i, c)| DayTotal {
                day: c.day,
                purchases: c.purchases,
                revenue: c.revenue,
                margin: at(&margin, i),
                quantity: at(&quantity, i),
            })
            .collect::<Vec<_>>();
        debug_assert_eq!(days.len(), n);
        Some((days, costs))
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
    index: FxHashMap<super::Id, u32>,
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
        let id: super::Id = super::Id::from(id);
        self.index.insert(super::Id::clone(&id), i as u32);
        push_lean(&mut self.books, Book { id, ..Book::default() });
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    #[test]
    fn days_come_out_merged_with_costs_apart() {
        // The analyses hold millions of these: keep them at 32 bytes.
        assert_eq!(std::mem::size_of::<DayTotal>(), 32);
        let mut b = Book::default();
        let f = |d: u32, revenue: i64, cost: i64| Figures {
            revenue: Money::from_cents(revenue),
            cost_to_serve: Money::from_cents(cost),
            purchases: 1,
            ..Figures::empty(day(d))
        };
        // Out of order, one day twice, a cost on two of the days.
        for x in [f(5, 1000, 0), f(2, 250, 40), f(5, 500, 60), f(3, 100, 0)] {
            b.add(&x).unwrap();
        }
        let (days, costs) = b.into_days().unwrap();
        let got: Vec<(u32, i64, u32)> =
            days.iter().map(|d| (chrono::Datelike::day(&d.day), d.revenue.0 / 100, d.purchases)).collect();
        assert_eq!(got, [(2, 250, 1), (3, 100, 1), (5, 1500, 2)]);
        assert_eq!(
            costs,
            [
                DayCost { day: day(2), cost: Money::from_cents(40) },
                DayCost { day: day(5), cost: Money::from_cents(60) }
            ]
        );
    }
}
