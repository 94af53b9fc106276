//! A ledger handed from one worker to another, and merged: each part of a file
//! split among workers (`crate::split`) builds its own ledger; the first part's
//! absorbs the others in file order. Everything a ledger keeps is a sum, a
//! minimum or maximum, a set, or first-seen order, so the merged ledger is the one
//! a single pass builds. Where that cannot be promised (a client's remembered
//! products past their cap, a sum past i64) the merge says `None` and the file is
//! read again in one pass.

use super::book::{Books, Figures};
use super::{see_product, ClientBook, Ledger, Order, ProductSeen, NONE};
use crate::money::Money;
use crate::wire::{Reader, Writer};
use std::collections::BTreeMap;

fn write_books(w: &mut Writer, books: &Books) {
    w.count(books.books.len());
    for b in &books.books {
        w.str(&b.id);
        write_days(w, b);
    }
}

fn write_days(w: &mut Writer, b: &super::book::Book) {
    let days: Vec<Figures> = b.figures().collect();
    w.count(days.len());
    for f in days {
        w.date(f.day);
        w.i64(f.revenue.0);
        w.i64(f.margin.0);
        w.i64(f.quantity.0);
        w.i64(f.cost_to_serve.0);
        w.u32(f.purchases);
    }
}

/// Adds the days read to `books`' entry `j`.
fn read_days(r: &mut Reader<'_>, books: &mut Books, j: usize) -> Option<()> {
    let n = r.count()?;
    books.books.get_mut(j)?.reserve(n);
    for _ in 0..n {
        let f = Figures {
            day: r.date()?,
            revenue: Money(r.i64()?),
            margin: Money(r.i64()?),
            quantity: Money(r.i64()?),
            cost_to_serve: Money(r.i64()?),
            purchases: r.u32()?,
        };
        books.books.get_mut(j)?.add(&f)?;
    }
    Some(())
}

/// Reads books into `books` in their order (first seen first, as one pass meets
/// them); returns where each landed.
fn read_books(r: &mut Reader<'_>, books: &mut Books) -> Option<Vec<u32>> {
    let n = r.count()?;
    let mut map = Vec::with_capacity(n);
    for _ in 0..n {
        let j = books.slot(r.str()?);
        read_days(r, books, j)?;
        map.push(j as u32);
    }
    Some(map)
}

fn remap(map: &[u32], i: u32) -> Option<u32> {
    if i == NONE {
        Some(NONE)
    } else {
        map.get(i as usize).copied()
    }
}

fn write_seen(w: &mut Writer, seen: &[ProductSeen]) {
    w.count(seen.len());
    for p in seen {
        w.u32(p.product);
        w.date(p.last);
    }
}

/// Adds products seen: the ones a part forgot are older than all it kept, so one
/// pass forgets them too (`see_product` keeps the most recent by a total order).
fn read_seen(r: &mut Reader<'_>, seen: &mut Vec<ProductSeen>, map: &[u32], names: &Books) -> Option<()> {
    for _ in 0..r.count()? {
        let product = remap(map, r.u32()?)?;
        see_product(seen, product, r.date()?, names);
    }
    Some(())
}

/// A ledger handed over in pieces: its head ([`Ledger::export_head`]), then its
/// clients a batch at a time ([`Ledger::export_clients`]), each batch a piece of its
/// own. The worker that reads it holds one piece at a time, not the whole ledger a
/// second time (131 MB at 10M rows, copied into each worker's memory, which never
/// shrinks).
impl Ledger {
    /// The ledger as bytes for [`Ledger::absorb`], in one piece (the tests' form).
    pub fn export(&self, w: &mut Writer) {
        self.export_head(w);
        self.export_clients(w, 0, usize::MAX);
    }

    /// Everything but the clients, and how many clients follow (in batches).
    pub fn export_head(&self, w: &mut Writer) {
        w.u64(self.summary_orders);
        for g in self.gross {
            w.u64(g);
        }
        let t = &self.totals;
        for m in [t.revenue, t.returns_amount, t.margin] {
            w.i64(m.0);
        }
        for n in [t.return_lines, t.margin_rows, t.quantity_rows, t.cost_to_serve_rows, t.potential_rows, t.nps_rows] {
            w.u64(n);
        }
        w.opt_date(t.first_date);
        w.opt_date(t.last_date);
        w.count(self.years.years.len());
        for (year, y) in &self.years.years {
            w.i64(i64::from(*year));
            w.u64(y.rows);
            w.date(y.first);
            w.date(y.last);
            w.count(y.lines.len());
            for &l in &y.lines {
                w.u64(l);
            }
        }
        write_books(w, &self.products);
        w.count(self.categories.books.len());
        for b in &self.categories.books {
            w.str(&b.id);
        }
        write_books(w, &self.managers);
        write_books(w, &self.branches);
        w.count(self.pairs.pairs.len());
        for &(m, b) in &self.pairs.pairs {
            w.u32(m);
            w.u32(b);
        }
        w.u64(self.clients.books.len() as u64);
    }

    /// A batch of clients from `from` on, until `w` holds at least `bytes` bytes
    /// (at least one client, when any is left): how many it holds, then them.
    /// Returns the next client to export.
    pub fn export_clients(&self, w: &mut Writer, from: usize, bytes: usize) -> usize {
        let at = w.0.len();
        w.u64(0);
        let mut next = from;
        for (b, x) in self.clients.books.iter().zip(&self.extra).skip(from) {
            if next > from && w.0.len() >= bytes {
                break;
            }
            next += 1;
            w.str(&b.id);
            write_days(w, b);
            w.count(x.orders.len());
            for o in &x.orders {
                w.u64(o.key);
                w.date(o.date);
                w.u32(o.who);
            }
            w.u64(x.return_lines);
            w.i64(x.returns_amount.0);
            let p = &x.profile;
            for latest in [&p.manager, &p.branch, &p.channel, &p.potential, &p.reason] {
                let v = latest.0.as_ref();
                w.opt_date(v.map(|(d, _)| *d));
                if let Some((_, s)) = v {
                    w.str(s);
                }
            }
            w.count(p.nps.len());
            for a in &p.nps {
                w.date(a.day);
                w.u8(a.score);
                w.u32(a.count);
            }
            write_seen(w, &x.products);
            write_seen(w, &x.categories);
        }
        w.0[at..at + 8].copy_from_slice(&((next - from) as u64).to_le_bytes());
        next
    }

    /// Clients to export.
    pub fn export_len(&self) -> usize {
        self.clients.books.len()
    }

    /// Adds the ledger of the next part of the file ([`Ledger::export`], in one
    /// piece), whose lines come after `line_offset` lines of this one. `None`: the
    /// merge cannot promise a single pass's ledger (read the file in one pass instead).
    pub fn absorb(&mut self, bytes: &[u8], line_offset: u64) -> Option<()> {
        let r = &mut Reader(bytes);
        let mut a = self.absorb_head(r, line_offset)?;
        self.absorb_clients(r, &mut a)?;
        (a.left == 0 && r.0.is_empty()).then_some(())?;
        self.absorb_end(a)
    }

    /// Adds the head of the next part's ledger ([`Ledger::export_head`]); its
    /// clients follow in batches ([`Ledger::absorb_clients`]).
    pub fn absorb_head(&mut self, r: &mut Reader<'_>, line_offset: u64) -> Option<Absorbing> {
        let summary_orders = r.u64()?;
        for g in self.gross.iter_mut() {
            *g = g.checked_add(r.u64()?).filter(|&s| s <= i64::MAX as u64)?;
        }
        let t = &mut self.totals;
        for m in [&mut t.revenue, &mut t.returns_amount, &mut t.margin] {
            *m = m.checked_add(Money(r.i64()?))?;
        }
        for n in [
            &mut t.return_lines,
            &mut t.margin_rows,
            &mut t.quantity_rows,
            &mut t.cost_to_serve_rows,
            &mut t.potential_rows,
            &mut t.nps_rows,
        ] {
            *n += r.u64()?;
        }
        let (first, last) = (r.opt_date()?, r.opt_date()?);
        t.first_date = t.first_date.into_iter().chain(first).min();
        t.last_date = t.last_date.into_iter().chain(last).max();
        let mut years = super::outliers::Years { years: BTreeMap::new() };
        for _ in 0..r.count()? {
            let year = i32::try_from(r.i64()?).ok()?;
            let (rows, first, last) = (r.u64()?, r.date()?, r.date()?);
            let lines = (0..r.count()?).map(|_| r.u64()).collect::<Option<Vec<u64>>>()?;
            years.years.insert(year, super::outliers::Year { rows, first, last, lines });
        }
        self.years.absorb(years, line_offset);

        let products = read_books(r, &mut self.products)?;
        let categories =
            (0..r.count()?).map(|_| Some(self.categories.slot(r.str()?) as u32)).collect::<Option<Vec<u32>>>()?;
        let managers = read_books(r, &mut self.managers)?;
        let branches = read_books(r, &mut self.branches)?;
        let mut pairs = Vec::new();
        for _ in 0..r.count()? {
            let pair = (remap(&managers, r.u32()?)?, remap(&branches, r.u32()?)?);
            pairs.push(self.pairs.intern(pair));
        }
        let left = r.u64()?;
        Some(Absorbing { summary_orders, products, categories, pairs, left })
    }

    /// Adds a batch of the part's clients ([`Ledger::export_clients`]).
    pub fn absorb_clients(&mut self, r: &mut Reader<'_>, a: &mut Absorbing) -> Option<()> {
        let n = r.count()?;
        a.left = a.left.checked_sub(n as u64)?;
        let Absorbing { summary_orders, products, categories, pairs, .. } = a;
        let summary_orders = *summary_orders;
        for _ in 0..n {
            let id = r.str()?;
            let i = match self.clients.find(id) {
                Some(i) => i,
                None if self.clients.books.len() >= self.max_clients => return None,
                None => {
                    let i = self.clients.slot(id);
                    super::book::push_lean(&mut self.extra, ClientBook::default());
                    i
                }
            };
            read_days(r, &mut self.clients, i)?;
            let x = self.extra.get_mut(i)?;
            // Exactly what is added: these vectors hold most of the ledger.
            let n = r.count()?;
            x.orders.reserve_exact(n);
            for _ in 0..n {
                let (key, date, who) = (r.u64()?, r.date()?, r.u32()?);
                // A summary's purchases are numbered as they come: the later part's after ours.
                let key = if summary_orders > 0 { key.checked_add(self.summary_orders)? } else { key };
                x.orders.push(Order { key, date, who: *pairs.get(who as usize)? });
            }
            x.last_order = None;
            x.return_lines += r.u64()?;
            x.returns_amount = x.returns_amount.checked_add(Money(r.i64()?))?;
            let p = &mut x.profile;
            for latest in [&mut p.manager, &mut p.branch, &mut p.channel, &mut p.potential, &mut p.reason] {
                if let Some(day) = r.opt_date()? {
                    latest.offer(day, Some(r.str()?), &mut self.names);
                }
            }
            for _ in 0..r.count()? {
                let (day, score, count) = (r.date()?, r.u8()?, r.u32()?);
                match p.nps.binary_search_by(|a| (a.day, a.score).cmp(&(day, score))) {
                    Ok(k) => p.nps[k].count = p.nps[k].count.saturating_add(count),
                    Err(k) => p.nps.insert(k, super::NpsAnswers { day, score, count }),
                }
            }
            read_seen(r, &mut x.products, products, &self.products)?;
            read_seen(r, &mut x.categories, categories, &self.categories)?;
        }
        Some(())
    }

    /// The part's clients are all in: its purchases of a summary count from here on.
    pub fn absorb_end(&mut self, a: Absorbing) -> Option<()> {
        self.summary_orders = self.summary_orders.checked_add(a.summary_orders)?;
        self.last = None;
        Some(())
    }
}

/// What absorbing a part's clients needs between its pieces: where its products,
/// categories and (manager, branch) pairs landed, and how many clients are to come.
pub struct Absorbing {
    summary_orders: u64,
    products: Vec<u32>,
    categories: Vec<u32>,
    pairs: Vec<u32>,
    /// Clients not absorbed yet.
    pub left: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Row, RowSink};
    use chrono::NaiveDate;

    fn rows() -> Vec<(String, NaiveDate, String)> {
        // Two clients, 45 products each (past the cap of 32) over 5 days: many
        // share a day at the cap's edge.
        (0..200u32)
            .map(|i| {
                let day = NaiveDate::from_ymd_opt(2024, 1, 1 + (i * 7) % 10).unwrap();
                (format!("c{}", i % 2), day, format!("p{}", (i * 7) % 90))
            })
            .collect()
    }

    fn ledger(rows: &[(String, NaiveDate, String)], first_line: u64) -> Ledger {
        let mut l = Ledger::new();
        for (k, (client, date, product)) in rows.iter().enumerate() {
            let row = Row {
                line: first_line + k as u64,
                date: *date,
                client,
                amount: Money::from_cents(100),
                product: Some(product),
                ..Row::default()
            };
            l.add(&row).unwrap();
        }
        l
    }

    #[test]
    fn a_ledger_merged_from_parts_is_the_single_pass_ledger() {
        let rows = rows();
        let whole = ledger(&rows, 2).finish_all().unwrap();
        // Past the cap: which products are remembered is decided at the cap's edge,
        // where several were bought the same day; not by which rows came first.
        assert!(whole.clients.iter().all(|c| c.products.len() == crate::ledger::MAX_CLIENT_PRODUCTS));
        let named = |h: &super::super::Histories| {
            let mut v: Vec<Vec<(String, NaiveDate)>> = h
                .clients
                .iter()
                .map(|c| c.products.iter().map(|p| (h.product_names[p.product as usize].to_string(), p.last)).collect())
                .collect();
            v.iter_mut().for_each(|x| x.sort());
            v
        };
        let reversed: Vec<_> = rows.iter().rev().cloned().collect();
        assert_eq!(named(&ledger(&reversed, 2).finish_all().unwrap()), named(&whole));
        for cut in [1, 37, 100, 199] {
            let mut first = ledger(&rows[..cut], 2);
            let mut w = Writer::default();
            ledger(&rows[cut..], 1).export(&mut w);
            first.absorb(&w.0, 1 + cut as u64).unwrap();
            let merged = first.finish_all().unwrap();
            for (m, w) in merged.clients.iter().zip(&whole.clients) {
                assert_eq!(m.days, w.days, "days, cut at row {cut}");
                assert_eq!(m.purchases, w.purchases, "purchases, cut at row {cut}");
                assert_eq!(m.products, w.products, "products, cut at row {cut}");
            }
            assert_eq!(merged.clients, whole.clients, "cut at row {cut}");
            assert_eq!(merged.product_names, whole.product_names, "cut at row {cut}");
            assert_eq!(merged.products, whole.products, "cut at row {cut}");
            assert_eq!(merged, whole, "cut at row {cut}");

            // The same handed over a client at a time, as pieces.
            let mut first = ledger(&rows[..cut], 2);
            let later = ledger(&rows[cut..], 1);
            let mut w = Writer::default();
            later.export_head(&mut w);
            let mut pieces = vec![w.0];
            let mut next = 0;
            while next < later.export_len() {
                let mut w = Writer::default();
                next = later.export_clients(&mut w, next, 1);
                pieces.push(w.0);
            }
            let mut a = first.absorb_head(&mut Reader(&pieces[0]), 1 + cut as u64).unwrap();
            for piece in &pieces[1..] {
                let r = &mut Reader(piece);
                first.absorb_clients(r, &mut a).unwrap();
                assert!(r.0.is_empty());
            }
            assert_eq!(a.left, 0);
            first.absorb_end(a).unwrap();
            assert_eq!(first.finish_all().unwrap(), whole, "cut at row {cut}, in pieces");
        }
    }
}
