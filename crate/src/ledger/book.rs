//! Day sums of one entity (a client, product, manager or branch), and the interned
//! set of entities of one kind. Memory grows with entities x active days.

use crate::money::Money;
use chrono::NaiveDate;
use hashbrown::HashTable;

/// What one entity did on one day, as every analysis reads it. Every money figure is
/// an exact sum. 16 bytes: there are millions of these in a large file (3.2 million
/// at 10M rows), so margin and quantity, which many files lack, are kept apart in
/// [`DayExtra`]s, and cost to serve, which few have, in [`DayCost`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    /// Purchases dated this day: distinct orders for clients, managers and
    /// branches; sale lines for products (see docs/decisions.md).
    pub purchases: u32,
    /// Net revenue of the day: sales plus (negative) returns.
    pub revenue: Money,
}

impl DayTotal {
    pub fn empty(day: NaiveDate) -> DayTotal {
        DayTotal { day, purchases: 0, revenue: Money::ZERO }
    }
}

/// A day's margin and quantity, beside its [`DayTotal`]: an entity's extras are
/// either none (no line of it carried either: read as zeros) or one per day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayExtra {
    /// Gross profit of the lines that carry one (zero where unknown).
    pub margin: Money,
    /// Units sold, net of returned units, in ten-thousandths.
    pub quantity: Money,
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

/// Margin, quantity and cost to serve, in this order.
const EXTRAS: usize = 3;

fn extras(t: &Figures) -> [Money; EXTRAS] {
    [t.margin, t.quantity, t.cost_to_serve]
}

/// One entity's days while the file streams in. Stored by column: the day, its
/// purchases and revenue always, and margin, quantity and cost to serve only once
/// a line carries a non-zero one (most files have one or two of them, not all).
/// This is most of the memory of a large file: 16 to 40 bytes a client-day
/// instead of 40. [`Book::into_days`] hands the days out as they are, with the
/// margin and quantity columns beside them where there are any.
#[derive(Default)]
pub struct Book {
    pub id: super::Id,
    core: Vec<DayTotal>,
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
                push_lean(&mut self.core, DayTotal { day: t.day, purchases: t.purchases, revenue: t.revenue });
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

    /// Room for `n` more days, exactly (a merged part's days: their count is known).
    pub fn reserve(&mut self, n: usize) {
        self.core.reserve_exact(n);
        for col in self.extra.iter_mut().filter(|c| !c.is_empty()) {
            col.reserve_exact(n);
        }
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
        if self.extra.iter().all(Vec::is_empty) {
            // Day, purchases and revenue only (a plain `date,client,amount` file):
            // sorted and merged in place, with no copy to build and refill.
            let merge = |kept: &mut DayTotal, later: &DayTotal| {
                kept.revenue = kept.revenue.checked_add(later.revenue)?;
                kept.purchases = kept.purchases.checked_add(later.purchases)?;
                Some(())
            };
            self.compact_len = merge_sorted(&mut self.core, |c| c.day, |c| c.day, merge)?;
            self.unsorted = false;
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

    /// The days, sorted and merged; their margins and quantities where any line
    /// carried one (else none); the days' costs to serve where there are any.
    pub fn into_days(mut self) -> Option<(Vec<DayTotal>, Vec<DayExtra>, Vec<DayCost>)> {
        self.compact()?;
        let costs: Vec<DayCost> = match self.extra[2].is_empty() {
            true => Vec::new(),
            false => (0..self.core.len())
                .filter(|&i| self.extra[2][i] != Money::ZERO)
                .map(|i| DayCost { day: self.core[i].day, cost: self.extra[2][i] })
                .collect(),
        };
        let [margin, quantity, _] = std::mem::take(&mut self.extra);
        let extras = if margin.is_empty() && quantity.is_empty() {
            Vec::new()
        } else {
            let at = |col: &Vec<Money>, i: usize| col.get(i).copied().unwrap_or(Money::ZERO);
            (0..self.core.len()).map(|i| DayExtra { margin: at(&margin, i), quantity: at(&quantity, i) }).collect()
        };
        // Held through the whole analysis: no spare room (a growing book keeps up to a
        // third of its length spare).
        let mut days = std::mem::take(&mut self.core);
        days.shrink_to_fit();
        Some((days, extras, costs))
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
    index: HashTable<Key>,
    pub books: Vec<Book>,
}

/// An index entry: the id's first 16 bytes (zero-padded) and its length beside the
/// entity's number, so a lookup of a short id (client codes are) compares two words
/// in the table itself instead of following the entity's `Arc` to a byte-wise
/// `memcmp` (15 % of the page's file read on a 1M-row, 50 000-client file). 24 bytes,
/// as the map of `Arc<str>` it replaces.
#[derive(Clone, Copy)]
struct Key {
    head: [u64; 2],
    len: u32,
    at: u32,
}

/// The id's first 16 bytes as two words, zero-padded.
fn head(id: &[u8]) -> [u64; 2] {
    let mut buf = [0u8; 16];
    let n = id.len().min(16);
    buf[..n].copy_from_slice(&id[..n]);
    let [a, b] = [&buf[..8], &buf[8..]].map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()));
    [a, b]
}

/// A hash of the whole id from its head words and the bytes past them: multiply and
/// xor-shift on 64-bit words (wasm has 64-bit multiplies), not byte by byte. The
/// table's order is never seen: entities keep their first-seen numbers.
fn hash(head: [u64; 2], id: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = mix(mix(id.len() as u64, head[0]), head[1]);
    for w in id.get(16..).unwrap_or_default().chunks(8) {
        let mut buf = [0u8; 8];
        buf[..w.len()].copy_from_slice(w);
        h = mix(h, u64::from_le_bytes(buf));
    }
    // hashbrown takes its 7-bit tag from the top bits and the bucket from the low.
    h ^ (h >> 32)
}

impl Books {
    pub fn find(&self, id: &str) -> Option<usize> {
        let id = id.as_bytes();
        let head = head(id);
        let books = &self.books;
        let same = |k: &Key| {
            k.head == head
                && k.len as usize == id.len()
                && (id.len() <= 16
                    || books.get(k.at as usize).is_some_and(|b| b.id.as_bytes().get(16..) == id.get(16..)))
        };
        self.index.find(hash(head, id), same).map(|k| k.at as usize)
    }

    pub fn slot(&mut self, id: &str) -> usize {
        if let Some(i) = self.find(id) {
            return i;
        }
        let i = self.books.len();
        let bytes = id.as_bytes();
        let key = Key { head: head(bytes), len: u32::try_from(bytes.len()).unwrap_or(u32::MAX), at: i as u32 };
        push_lean(&mut self.books, Book { id: super::Id::from(id), ..Book::default() });
        let books = &self.books;
        let rehash = |k: &Key| books.get(k.at as usize).map_or(0, |b| hash(k.head, b.id.as_bytes()));
        self.index.insert_unique(hash(key.head, bytes), key, rehash);
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
    fn ids_are_told_apart_by_every_byte_and_keep_their_first_seen_numbers() {
        // Short and long ids, ids equal in their first 16 bytes, a zero byte where
        // the head is padded, and enough of them for the table to grow.
        let long = "0123456789abcdef-tail";
        let mut ids: Vec<String> = vec![String::new(), "A".into(), "A\0".into(), "A\0\0".into()];
        ids.extend((0..40).map(|n| long[..n % long.len()].to_string()));
        ids.extend((0..2000).map(|n| format!("0123456789abcdef{n}")));
        ids.extend((0..2000).map(|n| format!("C{n:07}")));
        ids.push("0123456789abcdef".into());
        let mut books = Books::default();
        let mut first = Vec::new();
        for id in &ids {
            let fresh = books.find(id).is_none();
            let i = books.slot(id);
            if fresh {
                first.push(id.clone());
                assert_eq!(i, first.len() - 1);
            }
            assert_eq!(&*books.books[i].id, id.as_str());
        }
        for id in &ids {
            assert_eq!(books.find(id).map(|i| &*books.books[i].id), Some(id.as_str()));
        }
        assert_eq!(books.books.len(), first.len());
        assert_eq!(books.find("C9999999"), None);
        assert_eq!(books.find("0123456789abcdef-tailX"), None);
    }

    #[test]
    fn unsorted_days_merge_in_place_with_or_without_extras() {
        // Enough out-of-order days that compaction runs mid-stream, on a book of
        // revenue only (merged in place) and on one with a margin (the other path).
        for margin in [0, 3] {
            let mut b = Book::default();
            let mut want = std::collections::BTreeMap::new();
            for k in 0..500u32 {
                let d = 1 + (k * 7919) % 28;
                let f = Figures {
                    revenue: Money::from_cents(i64::from(k)),
                    margin: Money::from_cents(margin),
                    purchases: k % 2,
                    ..Figures::empty(day(d))
                };
                b.add(&f).unwrap();
                let e = want.entry(d).or_insert((0i64, 0u32));
                *e = (e.0 + i64::from(k), e.1 + k % 2);
            }
            let (days, _, _) = b.into_days().unwrap();
            let got: Vec<(u32, i64, u32)> =
                days.iter().map(|x| (chrono::Datelike::day(&x.day), x.revenue.0 / 100, x.purchases)).collect();
            let want: Vec<(u32, i64, u32)> = want.into_iter().map(|(d, (r, p))| (d, r, p)).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn days_come_out_merged_with_costs_apart() {
        // The analyses hold millions of these: keep them at 16 bytes.
        assert_eq!(std::mem::size_of::<DayTotal>(), 16);
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
        let (days, extras, costs) = b.into_days().unwrap();
        assert!(extras.is_empty(), "no line carried a margin or a quantity");
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
