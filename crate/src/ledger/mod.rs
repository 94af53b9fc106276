//! The ledger: per-entity sums by day, the set of distinct purchases and each
//! client's profile. It grows with entities x active days (and orders), not with
//! rows, so a file of any length fits.
//!
//! Clients carry everything; products, managers and branches carry day sums so
//! ABC and XYZ can run on any dimension.

mod book;
mod merge;
pub mod outliers;
mod profile;

pub use book::{DayCost, DayExtra, DayTotal};
pub use merge::Absorbing;
pub use profile::{Latest, Names, NpsAnswers, Profile};

use crate::error::Error;
use crate::ingest::{Row, RowSink};
use crate::money::Money;
use book::{Book, Books, Figures};
use chrono::NaiveDate;
use fnv::FnvHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An entity's text as in the file, shared: the report's lists and rows point at
/// it instead of copying it (a million one-purchase clients appear in several lists).
pub type Id = Arc<str>;

/// One client's history, days sorted ascending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Client {
    pub id: Id,
    pub days: Vec<DayTotal>,
    /// The days' margins and quantities, one a day, or none when no line of the
    /// client carried either (see [`DayExtra`]).
    pub extras: Vec<DayExtra>,
    /// One date per distinct purchase (order id, or day without one), ascending.
    pub purchases: Vec<NaiveDate>,
    pub return_lines: u64,
    pub profile: Profile,
    /// The products the client bought most recently (at most [`MAX_CLIENT_PRODUCTS`]),
    /// sorted by product, each with the day it was last bought: enough to tell
    /// which product a client stopped buying.
    pub products: Vec<ProductSeen>,
    /// The same for product categories (index into [`Histories::categories`]).
    pub categories: Vec<ProductSeen>,
    /// Cost to serve by day, for the days that have one (most files have none).
    pub costs: Vec<DayCost>,
}

/// A product (index into [`Histories::products`]) and the last day a client bought it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProductSeen {
    pub product: u32,
    pub last: NaiveDate,
}

/// Products remembered per client: the most recent ones. 8 bytes each, so at most
/// 256 bytes a client however wide its assortment.
pub const MAX_CLIENT_PRODUCTS: usize = 32;

/// Records that a client bought `product` on `day`; past the cap the product
/// bought longest ago is forgotten, of two bought the same day the one whose name
/// (in `names`) sorts first. That order is total and the file's own, so the
/// products kept are the cap's most recent by it whichever rows came first: a file
/// split among workers (`crate::split`) keeps the same ones.
fn see_product(seen: &mut Vec<ProductSeen>, product: u32, day: NaiveDate, names: &Books) {
    match seen.binary_search_by_key(&product, |p| p.product) {
        Ok(k) => seen[k].last = seen[k].last.max(day),
        Err(k) => {
            if seen.len() >= MAX_CLIENT_PRODUCTS {
                let name = |i: u32| names.books.get(i as usize).map_or("", |b| &*b.id);
                let key = |p: &ProductSeen| (p.last, name(p.product));
                let oldest = (0..seen.len()).min_by(|&i, &j| key(&seen[i]).cmp(&key(&seen[j]))).unwrap_or(0);
                if key(&seen[oldest]) >= (day, name(product)) {
                    return;
                }
                seen.remove(oldest);
                let k = seen.partition_point(|p| p.product < product);
                seen.insert(k, ProductSeen { product, last: day });
                return;
            }
            if seen.len() == seen.capacity() {
                seen.reserve_exact(seen.len().clamp(2, MAX_CLIENT_PRODUCTS - seen.len()));
            }
            seen.insert(k, ProductSeen { product, last: day });
        }
    }
}

/// A product, manager or branch: its day sums, sorted ascending.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: Id,
    pub days: Vec<DayTotal>,
    /// As [`Client::extras`].
    pub extras: Vec<DayExtra>,
}

/// Anything with a day history: what ABC and XYZ rank.
pub trait Series {
    fn id(&self) -> &Id;
    fn days(&self) -> &[DayTotal];
    /// The days' margins and quantities: one a day, or none (zeros).
    fn extras(&self) -> &[DayExtra];
}

impl Series for Client {
    fn id(&self) -> &Id {
        &self.id
    }
    fn days(&self) -> &[DayTotal] {
        &self.days
    }
    fn extras(&self) -> &[DayExtra] {
        &self.extras
    }
}

impl Series for Item {
    fn id(&self) -> &Id {
        &self.id
    }
    fn days(&self) -> &[DayTotal] {
        &self.days
    }
    fn extras(&self) -> &[DayExtra] {
        &self.extras
    }
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

/// Whole-file totals, kept as rows arrive so they reconcile with the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub revenue: Money,
    pub returns_amount: Money,
    pub return_lines: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Sum of the margins rows carry, and how many rows carried one.
    pub margin: Money,
    pub margin_rows: u64,
    pub quantity_rows: u64,
    pub cost_to_serve_rows: u64,
    pub potential_rows: u64,
    pub nps_rows: u64,
    /// Rows dated far before or after the rest, and the last date without them.
    pub outliers: outliers::DateOutliers,
}

/// No manager or branch on the line.
const NONE: u32 = u32::MAX;

/// A purchase as a line saw it: the order's key and date, and the line's manager
/// and branch as one interned pair. 16 bytes; the lines of one order collapse into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Order {
    key: u64,
    date: NaiveDate,
    who: u32,
}

/// (manager, branch) pairs seen on lines, interned: a file has few of them, and
/// an order then costs 16 bytes instead of 24.
#[derive(Default)]
struct Pairs {
    index: rustc_hash::FxHashMap<(u32, u32), u32>,
    pairs: Vec<(u32, u32)>,
    /// The pair asked for last and its number: every row asks, most ask the same.
    last: Option<((u32, u32), u32)>,
}

impl Pairs {
    fn intern(&mut self, pair: (u32, u32)) -> u32 {
        if let Some((p, who)) = self.last {
            if p == pair {
                return who;
            }
        }
        let who = *self.index.entry(pair).or_insert_with(|| {
            self.pairs.push(pair);
            (self.pairs.len() - 1) as u32
        });
        self.last = Some((pair, who));
        who
    }

    fn get(&self, who: u32) -> (u32, u32) {
        self.pairs.get(who as usize).copied().unwrap_or((NONE, NONE))
    }
}

#[derive(Default)]
struct ClientBook {
    /// Compacted now and then: one entry per order, its earliest date, and the
    /// alphabetically first manager and branch of its lines (so row order never
    /// matters).
    orders: Vec<Order>,
    orders_compact: usize,
    last_order: Option<Order>,
    return_lines: u64,
    profile: Profile,
    products: Vec<ProductSeen>,
    categories: Vec<ProductSeen>,
    /// Sum of the client's return lines, for the totals of a narrowed ledger.
    returns_amount: Money,
}

/// Distinct clients a ledger takes. Each costs a few hundred bytes with its history;
/// past a million a browser tab runs short (and so many in a file of sale lines
/// usually means the wrong column was taken for the client). The page says so and
/// points to the native CLI with a warehouse's summary.
pub const MAX_CLIENTS_PAGE: usize = 1_000_000;
/// The native CLI's limit: 5 million clients of a summary took 7.7 GiB (BENCHMARKS.md,
/// "Warehouse summaries"), so the largest run stays within a 24 GiB machine.
pub const MAX_CLIENTS_NATIVE: usize = 10_000_000;
pub const MAX_CLIENTS: usize = if cfg!(target_arch = "wasm32") { MAX_CLIENTS_PAGE } else { MAX_CLIENTS_NATIVE };

pub struct Ledger {
    max_clients: usize,
    clients: Books,
    extra: Vec<ClientBook>,
    products: Books,
    /// Names only: categories carry no figures of their own.
    categories: Books,
    managers: Books,
    branches: Books,
    pairs: Pairs,
    /// The texts of the clients' profiles, each stored once.
    names: Names,
    totals: Totals,
    /// Sums of the absolute amounts, margins, quantities and costs to serve. Kept
    /// within i64, so that every partial sum the analyses take (a client's, a
    /// group's, only the positive ones) is exact too: net totals alone can stay
    /// small while a subset of their rows goes past i64 and saturates.
    gross: [u64; 4],
    years: outliers::Years,
    /// The previous row's client: lines of one order come together.
    last: Option<usize>,
    /// Purchases a summary's rows counted so far: the key of the next one.
    summary_orders: u64,
    /// The `manager` setting: only that manager's clients are handed out (see
    /// [`Ledger::narrowed`]).
    only_manager: Option<String>,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            max_clients: MAX_CLIENTS,
            clients: Books::default(),
            extra: Vec::new(),
            products: Books::default(),
            categories: Books::default(),
            managers: Books::default(),
            branches: Books::default(),
            pairs: Pairs::default(),
            names: Names::default(),
            totals: Totals::default(),
            gross: [0; 4],
            years: outliers::Years::default(),
            last: None,
            summary_orders: 0,
            only_manager: None,
        }
    }
}

/// What the ledger hands to the analyses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histories {
    /// In id order: the analyses' lists break ties by id through it ([`crate::order`]).
    pub clients: Vec<Client>,
    pub products: Vec<Item>,
    /// The products' names, shared: the per-client lists in the Report (dropped
    /// products, what a lost client bought) point at these instead of copying them,
    /// which for 100 000 clients is tens of megabytes.
    pub product_names: Vec<Arc<str>>,
    pub categories: Vec<Arc<str>>,
    pub managers: Vec<Item>,
    pub branches: Vec<Item>,
    pub totals: Totals,
}

fn zero_or(v: Option<Money>) -> Money {
    v.unwrap_or(Money::ZERO)
}

/// Keeps the alphabetically first name, so the result ignores row order.
fn first_name(books: &Books, a: u32, b: u32) -> u32 {
    match (a, b) {
        (NONE, x) | (x, NONE) => x,
        (a, b) => {
            let name = |i: u32| books.books.get(i as usize).map(|b| b.id.as_ref());
            if name(b) < name(a) {
                b
            } else {
                a
            }
        }
    }
}

/// Sorts by key and date and merges the lines of each order into one, in place.
fn compact_orders(book: &mut ClientBook, managers: &Books, branches: &Books, pairs: &mut Pairs) {
    let merge = |kept: &mut Order, later: &Order| {
        let (m1, b1) = pairs.get(kept.who);
        let (m2, b2) = pairs.get(later.who);
        let pair = (first_name(managers, m1, m2), first_name(branches, b1, b2));
        if pair != (m1, b1) {
            kept.who = pairs.intern(pair);
        }
        Some(())
    };
    // Orders sort by key then date, so the kept line of each order is its earliest.
    book.orders_compact =
        book::merge_sorted(&mut book.orders, |o| (o.key, o.date), |o| o.key, merge).unwrap_or(book.orders.len());
}

impl RowSink for Ledger {
    fn add(&mut self, row: &Row<'_>) -> Result<(), Error> {
        let overflow = || Error::Overflow { line: row.line };
        let values = [Some(row.amount), row.margin, row.quantity, row.cost_to_serve];
        for (sum, v) in self.gross.iter_mut().zip(values) {
            *sum = sum
                .checked_add(v.map_or(0, |m| m.0.unsigned_abs()))
                .filter(|&s| s <= i64::MAX as u64)
                .ok_or_else(overflow)?;
        }
        let figures = Figures {
            day: row.date,
            revenue: row.amount,
            margin: zero_or(row.margin),
            quantity: zero_or(row.quantity),
            cost_to_serve: zero_or(row.cost_to_serve),
            purchases: 0,
        };
        // Lines of one order come together: check the previous row's client first.
        let cached = self
            .last
            .filter(|&i| self.clients.books.get(i).is_some_and(|b| crate::ingest::same_text(&b.id, row.client)));
        let i = match cached {
            Some(i) => i,
            None => match self.clients.find(row.client) {
                Some(i) => i,
                None if self.clients.books.len() >= self.max_clients => {
                    return Err(Error::TooLarge { what: "clients", limit: self.max_clients as u64 });
                }
                None => self.clients.slot(row.client),
            },
        };
        self.last = Some(i);
        if i == self.extra.len() {
            book::push_lean(&mut self.extra, ClientBook::default());
        }
        self.clients.books[i].add(&figures).ok_or_else(overflow)?;

        let slot = |books: &mut Books, id: Option<&str>, purchases: u32| {
            let Some(id) = id else { return Ok(NONE) };
            let j = books.slot(id);
            let f = Figures { purchases, cost_to_serve: Money::ZERO, ..figures };
            books.books[j].add(&f).ok_or_else(overflow)?;
            Ok::<_, Error>(j as u32)
        };
        // Narrowed to one manager, products, managers and branches count that
        // manager's lines only; a product on another's line is named, not counted.
        let counted = self.only_manager.as_deref().is_none_or(|m| row.manager == Some(m));
        let product = match (counted, row.product) {
            (false, Some(p)) => self.products.slot(p) as u32,
            _ => slot(&mut self.products, row.product, u32::from(!row.is_return))?,
        };
        let manager = if counted { slot(&mut self.managers, row.manager, 0)? } else { NONE };
        let branch = if counted { slot(&mut self.branches, row.branch, 0)? } else { NONE };
        let who = self.pairs.intern((manager, branch));

        let book = &mut self.extra[i];
        if let Some(day) = &row.summary {
            // A summary's day: its purchases as orders of their own (each a new key,
            // so none merge), its return lines as counted.
            book.return_lines += u64::from(day.return_lines);
            book.returns_amount = book.returns_amount.checked_add(day.returns_amount).ok_or_else(overflow)?;
            for _ in 0..day.purchases {
                self.summary_orders += 1;
                let new = Order { key: self.summary_orders, date: row.date, who };
                book::push_lean(&mut book.orders, new);
            }
            if book.orders.len() > 2 * book.orders_compact + 16 {
                compact_orders(book, &self.managers, &self.branches, &mut self.pairs);
            }
        } else if row.is_return {
            book.return_lines += 1;
            book.returns_amount = book.returns_amount.checked_add(row.amount).ok_or_else(overflow)?;
        } else {
            if product != NONE {
                see_product(&mut book.products, product, row.date, &self.products);
            }
            if let Some(category) = row.category {
                let k = self.categories.slot(category) as u32;
                see_product(&mut book.categories, k, row.date, &self.categories);
            }
            let new = Order { key: purchase_key(row.order, row.date), date: row.date, who };
            if book.last_order != Some(new) {
                book::push_lean(&mut book.orders, new);
                book.last_order = Some(new);
                if book.orders.len() > 2 * book.orders_compact + 16 {
                    compact_orders(book, &self.managers, &self.branches, &mut self.pairs);
                }
            }
        }
        let p = &mut book.profile;
        let names = &mut self.names;
        p.manager.offer(row.date, row.manager, names);
        p.branch.offer(row.date, row.branch, names);
        p.channel.offer(row.date, row.channel, names);
        p.potential.offer(row.date, row.potential, names);
        p.reason.offer(row.date, row.reason, names);
        if let Some(score) = row.nps {
            p.add_nps(row.date, score);
        }

        let t = &mut self.totals;
        t.revenue = t.revenue.checked_add(row.amount).ok_or_else(overflow)?;
        if let Some(day) = &row.summary {
            t.returns_amount = t.returns_amount.checked_add(day.returns_amount).ok_or_else(overflow)?;
            t.return_lines += u64::from(day.return_lines);
        } else if row.is_return {
            t.returns_amount = t.returns_amount.checked_add(row.amount).ok_or_else(overflow)?;
            t.return_lines += 1;
        }
        if let Some(m) = row.margin {
            t.margin = t.margin.checked_add(m).ok_or_else(overflow)?;
            t.margin_rows += 1;
        }
        t.quantity_rows += u64::from(row.quantity.is_some());
        t.cost_to_serve_rows += u64::from(row.cost_to_serve.is_some());
        t.potential_rows += u64::from(row.potential.is_some());
        t.nps_rows += u64::from(row.nps.is_some());
        t.first_date = Some(t.first_date.map_or(row.date, |d| d.min(row.date)));
        t.last_date = Some(t.last_date.map_or(row.date, |d| d.max(row.date)));
        self.years.add(row.date, row.line);
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

fn count_purchase(books: &mut Books, slot: u32, day: NaiveDate) -> Option<()> {
    if slot == NONE {
        return Some(());
    }
    let book = books.books.get_mut(slot as usize)?;
    book.add(&Figures { purchases: 1, ..Figures::empty(day) })
}

fn items(books: Books) -> Option<Vec<Item>> {
    books
        .books
        .into_iter()
        .map(|mut b: Book| {
            b.compact()?;
            let id = std::mem::take(&mut b.id);
            let (days, extras, _) = b.into_days()?;
            Some(Item { id, days, extras })
        })
        .collect()
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// A ledger that hands out only the clients of `manager` (the owner rule of
    /// [`Profile::manager`]: the latest line naming one), with totals of those
    /// clients; the file's dates stay the file's, so the window is the same as
    /// the whole base's. Products, managers and branches count that manager's lines.
    pub fn narrowed(manager: Option<String>) -> Ledger {
        Ledger { only_manager: manager, ..Ledger::default() }
    }

    pub fn client_count(&self) -> usize {
        self.clients.books.len()
    }

    /// Clients and totals only (what ingest's tests look at).
    pub fn finish(self) -> Result<(Vec<Client>, Totals), Error> {
        self.finish_all().map(|h| (h.clients, h.totals))
    }

    /// Dates the purchases, sorts everything and hands out plain histories.
    pub fn finish_all(mut self) -> Result<Histories, Error> {
        let overflow = || Error::Overflow { line: 0 };
        let mut clients = Vec::with_capacity(self.clients.books.len());
        let books = std::mem::take(&mut self.clients.books);
        let only = self.only_manager.take();
        if only.is_some() {
            let t = &mut self.totals;
            (t.revenue, t.returns_amount, t.return_lines, t.margin) = (Money::ZERO, Money::ZERO, 0, Money::ZERO);
        }
        for (mut b, mut extra) in books.into_iter().zip(self.extra) {
            compact_orders(&mut extra, &self.managers, &self.branches, &mut self.pairs);
            b.compact().ok_or_else(overflow)?;
            let mut purchases: Vec<NaiveDate> = Vec::with_capacity(extra.orders.len());
            for o in std::mem::take(&mut extra.orders) {
                purchases.push(o.date);
                let (manager, branch) = self.pairs.get(o.who);
                count_purchase(&mut self.managers, manager, o.date).ok_or_else(overflow)?;
                count_purchase(&mut self.branches, branch, o.date).ok_or_else(overflow)?;
                b.add_purchase(o.date).ok_or_else(overflow)?;
            }
            purchases.sort_unstable();
            // Narrowed: the manager's and branches' purchases above count every
            // client's orders on their lines; only the manager's own clients go on.
            if let Some(m) = &only {
                if extra.profile.manager.get() != Some(m.as_str()) {
                    continue;
                }
                let t = &mut self.totals;
                t.returns_amount = t.returns_amount.checked_add(extra.returns_amount).ok_or_else(overflow)?;
                t.return_lines += extra.return_lines;
            }
            let id = std::mem::take(&mut b.id);
            let (days, extras, costs) = b.into_days().ok_or_else(overflow)?;
            if only.is_some() {
                let t = &mut self.totals;
                for d in &days {
                    t.revenue = t.revenue.checked_add(d.revenue).ok_or_else(overflow)?;
                }
                for x in &extras {
                    t.margin = t.margin.checked_add(x.margin).ok_or_else(overflow)?;
                }
            }
            clients.push(Client {
                id,
                days,
                extras,
                purchases,
                return_lines: extra.return_lines,
                profile: extra.profile,
                products: extra.products,
                categories: extra.categories,
                costs,
            });
        }
        let mut order: Vec<usize> = (0..clients.len()).collect();
        order.sort_unstable_by(|&a, &b| clients[a].id.cmp(&clients[b].id));
        crate::order::apply(&mut clients, order);
        let mut products = items(self.products).ok_or_else(overflow)?;
        self.totals.outliers = self.years.outliers();
        let product_names = products.iter().map(|p| Arc::clone(&p.id)).collect();
        // Products only named by other managers' lines (a narrowed ledger) are no items.
        products.retain(|p| !p.days.is_empty());
        Ok(Histories {
            clients,
            product_names,
            products,
            categories: self.categories.books.into_iter().map(|b| b.id).collect(),
            managers: items(self.managers).ok_or_else(overflow)?,
            branches: items(self.branches).ok_or_else(overflow)?,
            totals: self.totals,
        })
    }
}

#[cfg(test)]
// Amounts are written as cents, 100_00 = 100.00.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;
    use chrono::Datelike;

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
        let h = l.finish_all().unwrap();
        let (clients, totals) = (&h.clients, &h.totals);
        let a = &clients[0];
        assert_eq!(a.days.iter().map(|x| x.day).collect::<Vec<_>>(), vec![d(1), d(3), d(5)]);
        assert_eq!(a.days[1].revenue, Money::from_cents(155_00));
        assert_eq!(a.revenue(), Money::from_cents(145_00));
        assert_eq!(a.purchases, vec![d(1), d(3), d(3)]);
        assert_eq!(a.return_lines, 1);
        let b = &clients[1];
        assert_eq!(b.purchases, vec![d(2), d(9)]);
        assert_eq!(totals.revenue, Money::from_cents(156_00));
        assert_eq!(totals.returns_amount, Money::from_cents(-20_00));
        assert_eq!((totals.first_date, totals.last_date), (Some(d(1)), Some(d(9))));
    }

    #[test]
    fn dimensions_profiles_and_purchases_per_day() {
        let mut l = Ledger::new();
        let mut rows = vec![
            row("A", 3, 100_00, Some("N1")),
            row("A", 3, 50_00, Some("N1")),
            row("A", 4, 30_00, Some("N2")),
            row("A", 6, -10_00, Some("R1")),
            row("B", 4, 20_00, None),
        ];
        let set = |r: &mut Row<'static>, product, manager, margin: i64| {
            r.product = Some(product);
            r.manager = Some(manager);
            r.margin = Some(Money::from_cents(margin));
            r.quantity = Some(Money::from_cents(100));
        };
        set(&mut rows[0], "P1", "Zoe", 40_00);
        set(&mut rows[1], "P2", "Ann", 10_00);
        set(&mut rows[2], "P1", "Zoe", 5_00);
        set(&mut rows[3], "P1", "Zoe", -4_00);
        rows[3].quantity = Some(Money::from_cents(-100));
        rows[4].nps = Some(9);
        for r in &rows {
            l.add(r).unwrap();
        }
        let h = l.finish_all().unwrap();
        let a = &h.clients[0];
        // Day 3: one order (N1) of two lines; day 4: N2; day 6: a return, no purchase.
        let per_day: Vec<(u32, i64, i64, u32)> =
            a.days.iter().zip(&a.extras).map(|(x, e)| (x.day.day(), x.revenue.0, e.margin.0, x.purchases)).collect();
        assert_eq!(per_day, vec![(3, 150_0000, 50_0000, 1), (4, 30_0000, 5_0000, 1), (6, -10_0000, -4_0000, 0)]);
        assert_eq!(a.profile.manager.get(), Some("Zoe"));
        // Products count sale lines; the return nets quantity and revenue.
        let p1 = h.products.iter().find(|p| &*p.id == "P1").unwrap();
        assert_eq!(p1.extras.len(), p1.days.len());
        let q: i64 = p1.extras.iter().map(|x| x.quantity.0).sum();
        let n: u32 = p1.days.iter().map(|x| x.purchases).sum();
        assert_eq!((q, n), (1_0000, 2));
        // N1's lines name Zoe and Ann: the order goes to Ann (alphabetically first).
        let ann = h.managers.iter().find(|m| &*m.id == "Ann").unwrap();
        let zoe = h.managers.iter().find(|m| &*m.id == "Zoe").unwrap();
        let count = |m: &Item| m.days.iter().map(|x| x.purchases).sum::<u32>();
        assert_eq!((count(ann), count(zoe)), (1, 1));
        assert_eq!(zoe.days.iter().map(|x| x.revenue).sum::<Money>(), Money::from_cents(120_00));
        assert_eq!(h.totals.margin, Money::from_cents(51_00));
        assert_eq!((h.totals.margin_rows, h.totals.nps_rows), (4, 1));
        assert_eq!(h.clients[1].profile.latest_nps(d(1), d(31)), Some(9));
    }

    #[test]
    fn orders_compact_to_one_purchase_with_the_first_manager_in_any_row_order() {
        let managers = ["Zoe", "Ann", "Max"];
        let mut forward = Vec::new();
        // 60 lines of 3 orders, managers alternating, so compaction runs mid-file.
        for k in 0..60u32 {
            let order = ["N1", "N2", "N3"][(k % 3) as usize];
            let mut r = row("A", 1 + k % 5, 100, Some(order));
            r.manager = Some(managers[(k / 3 % 3) as usize]);
            forward.push(r);
        }
        for rows in [forward.clone(), forward.into_iter().rev().collect()] {
            let mut l = Ledger::new();
            for r in &rows {
                l.add(r).unwrap();
            }
            let h = l.finish_all().unwrap();
            assert_eq!(h.clients[0].purchases.len(), 3);
            let count = |id: &str| {
                h.managers.iter().find(|m| &*m.id == id).map_or(0, |m| m.days.iter().map(|x| x.purchases).sum::<u32>())
            };
            assert_eq!((count("Ann"), count("Max"), count("Zoe")), (3, 0, 0));
        }
    }

    #[test]
    fn too_many_clients_is_a_clear_error() {
        let mut l = Ledger { max_clients: 3, ..Ledger::default() };
        for (i, n) in ["a", "b", "c", "a", "d", "b"].iter().enumerate() {
            let r = l.add(&row(n, 1, 100, None));
            if i == 4 {
                assert_eq!(r, Err(Error::TooLarge { what: "clients", limit: 3 }));
            } else {
                assert!(r.is_ok());
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
