//! The ledger: per-client sums by day and the set of distinct purchases. It grows
//! with clients x active days, not with rows, so a file of any length fits.

use crate::error::Error;
use crate::ingest::{Row, RowSink};
use crate::money::Money;
use chrono::NaiveDate;
use fnv::FnvHasher;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: NaiveDate,
    /// Net revenue of the day: sales plus (negative) returns.
    pub revenue: Money,
    /// The returns alone (zero or negative).
    pub returns: Money,
}

/// One client's history, days sorted ascending.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    pub id: String,
    pub days: Vec<DayTotal>,
    /// One date per distinct purchase (order id, or day without one), ascending.
    pub purchases: Vec<NaiveDate>,
    pub return_lines: u64,
}

impl Client {
    pub fn revenue(&self) -> Money {
        self.days.iter().map(|d| d.revenue).sum()
    }

    /// Net revenue of the days in `[from, to]`.
    pub fn revenue_between(&self, from: NaiveDate, to: NaiveDate) -> Money {
        self.days.iter().filter(|d| d.day >= from && d.day <= to).map(|d| d.revenue).sum()
    }

    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.first().map(|d| d.day)
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.days.last().map(|d| d.day)
    }
}

#[derive(Default)]
struct Book {
    id: String,
    days: Vec<DayTotal>,
    /// Length of the prefix of `days` known to be sorted and merged.
    compact_len: usize,
    /// (purchase key, date): the hash of the order id (or the day) and when. Kept
    /// as a vector compacted now and then (16 bytes an order; a map takes twice
    /// that and more), deduplicated at the end keeping each order's first date.
    orders: Vec<(u64, NaiveDate)>,
    orders_compact: usize,
    last_key: Option<(u64, NaiveDate)>,
    return_lines: u64,
}

impl Book {
    fn add(&mut self, day: NaiveDate, amount: Money, is_return: bool) -> Option<()> {
        let returns = if is_return { amount } else { Money::ZERO };
        match self.days.last_mut() {
            Some(last) if last.day == day => {
                last.revenue = last.revenue.checked_add(amount)?;
                last.returns = last.returns.checked_add(returns)?;
            }
            _ => {
                self.days.push(DayTotal { day, revenue: amount, returns });
                // Unsorted input: merge now and then so days stay one entry each.
                if self.days.len() > 2 * self.compact_len + 16 {
                    self.compact()?;
                }
            }
        }
        Some(())
    }

    /// Sorts by (key, date) and keeps the first date of each key.
    fn compact_orders(&mut self) {
        self.orders.sort_unstable();
        self.orders.dedup_by_key(|(k, _)| *k);
        self.orders_compact = self.orders.len();
    }

    fn compact(&mut self) -> Option<()> {
        self.days.sort_by_key(|d| d.day);
        let mut merged: Vec<DayTotal> = Vec::with_capacity(self.days.len());
        for d in self.days.drain(..) {
            match merged.last_mut() {
                Some(last) if last.day == d.day => {
                    last.revenue = last.revenue.checked_add(d.revenue)?;
                    last.returns = last.returns.checked_add(d.returns)?;
                }
                _ => merged.push(d),
            }
        }
        self.compact_len = merged.len();
        self.days = merged;
        Some(())
    }
}

/// Whole-file totals, kept as rows arrive so they reconcile with the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub revenue: Money,
    pub returns_amount: Money,
    pub return_lines: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

/// Distinct clients a ledger takes. Each costs a few hundred bytes with its history;
/// past a million a browser tab runs short, and so many usually means the wrong
/// column was taken for the client.
pub const MAX_CLIENTS: usize = 1_000_000;

pub struct Ledger {
    max_clients: usize,
    index: FxHashMap<String, u32>,
    books: Vec<Book>,
    totals: Totals,
    last: Option<usize>,
}

impl RowSink for Ledger {
    fn add(&mut self, row: &Row<'_>) -> Result<(), Error> {
        let overflow = || Error::Overflow { line: row.line };
        // Lines of one order come together: check the previous row's client first.
        let cached = self.last.filter(|&i| crate::ingest::same_text(&self.books[i].id, row.client));
        let i = match cached.or_else(|| self.index.get(row.client).map(|&i| i as usize)) {
            Some(i) => i,
            None => {
                let i = self.books.len();
                if i >= self.max_clients {
                    return Err(Error::TooLarge { what: "clients", limit: self.max_clients as u64 });
                }
                self.index.insert(row.client.to_string(), i as u32);
                self.books.push(Book { id: row.client.to_string(), ..Book::default() });
                i
            }
        };
        self.last = Some(i);
        let book = &mut self.books[i];
        book.add(row.date, row.amount, row.is_return).ok_or_else(overflow)?;
        if row.is_return {
            book.return_lines += 1;
        } else {
            let key = purchase_key(row.order, row.date);
            // The lines of one order arrive together: one map update per order.
            if book.last_key != Some((key, row.date)) {
                book.orders.push((key, row.date));
                book.last_key = Some((key, row.date));
                if book.orders.len() > 2 * book.orders_compact + 16 {
                    book.compact_orders();
                }
            }
        }
        let t = &mut self.totals;
        t.revenue = t.revenue.checked_add(row.amount).ok_or_else(overflow)?;
        if row.is_return {
            t.returns_amount = t.returns_amount.checked_add(row.amount).ok_or_else(overflow)?;
            t.return_lines += 1;
        }
        t.first_date = Some(t.first_date.map_or(row.date, |d| d.min(row.date)));
        t.last_date = Some(t.last_date.map_or(row.date, |d| d.max(row.date)));
        Ok(())
    }
}

/// Distinct purchases are distinct order ids, or distinct days when the file has
/// none. A 64-bit hash keeps memory flat; a collision needs ~4e9 orders per client.
/// FNV keeps 64 bits of state on every target (FxHash has only 32 on wasm32), so
/// the CLI and the page count the same purchases.
fn purchase_key(order: Option<&str>, day: NaiveDate) -> u64 {
    let mut h = FnvHasher::default();
    match order {
        Some(o) => o.hash(&mut h),
        None => day.hash(&mut h),
    }
    h.finish()
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            max_clients: MAX_CLIENTS,
            index: FxHashMap::default(),
            books: Vec::new(),
            totals: Totals::default(),
            last: None,
        }
    }
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    pub fn client_count(&self) -> usize {
        self.books.len()
    }

    /// Sorts everything and hands out plain per-client histories.
    pub fn finish(self) -> Result<(Vec<Client>, Totals), Error> {
        let mut clients = Vec::with_capacity(self.books.len());
        for mut b in self.books {
            b.compact().ok_or(Error::Overflow { line: 0 })?;
            b.compact_orders();
            let mut purchases: Vec<NaiveDate> = b.orders.into_iter().map(|(_, d)| d).collect();
            purchases.sort_unstable();
            clients.push(Client { id: b.id, days: b.days, purchases, return_lines: b.return_lines });
        }
        Ok((clients, self.totals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    fn row<'a>(client: &'a str, day: u32, cents: i64, order: Option<&'a str>) -> Row<'a> {
        let amount = Money::from_cents(cents);
        Row { line: 1, date: d(day), client, amount, order, is_return: amount.is_negative(), ..Row::default() }
    }

    #[test]
    fn sums_by_day_and_counts_distinct_purchases() {
        let mut l = Ledger::new();
        let rows = [
            row("A", 3, 100_00, Some("N1")),
            row("A", 3, 50_00, Some("N1")),
            row("A", 1, 10_00, Some("N0")),
            row("A", 3, 5_00, Some("N2")),
            row("A", 5, -20_00, Some("R1")),
            row("B", 2, 7_00, None),
            row("B", 2, 3_00, None),
            row("B", 9, 1_00, None),
        ];
        for r in &rows {
            l.add(r).unwrap();
        }
        let (clients, totals) = l.finish().unwrap();
        let a = &clients[0];
        assert_eq!(a.days.iter().map(|x| x.day).collect::<Vec<_>>(), vec![d(1), d(3), d(5)]);
        assert_eq!(a.days[1].revenue, Money::from_cents(15500));
        assert_eq!(a.revenue(), Money::from_cents(14500));
        assert_eq!(a.purchases, vec![d(1), d(3), d(3)]);
        assert_eq!(a.return_lines, 1);
        let b = &clients[1];
        assert_eq!(b.purchases, vec![d(2), d(9)]);
        assert_eq!(totals.revenue, Money::from_cents(15600));
        assert_eq!(totals.returns_amount, Money::from_cents(-2000));
        assert_eq!((totals.first_date, totals.last_date), (Some(d(1)), Some(d(9))));
    }

    #[test]
    fn too_many_clients_is_a_clear_error() {
        let mut l = Ledger { max_clients: 3, ..Ledger::default() };
        for (i, n) in ["a", "b", "c", "a", "d"].iter().enumerate() {
            let r = l.add(&row(n, 1, 100, None));
            if i < 4 {
                assert!(r.is_ok());
            } else {
                assert_eq!(r, Err(Error::TooLarge { what: "clients", limit: 3 }));
            }
        }
    }

    #[test]
    fn overflow_is_an_error_with_the_line() {
        let mut l = Ledger::new();
        let mut r = row("A", 1, 0, None);
        r.amount = Money(i64::MAX);
        l.add(&r).unwrap();
        r.line = 7;
        assert_eq!(l.add(&r), Err(Error::Overflow { line: 7 }));
    }
}
