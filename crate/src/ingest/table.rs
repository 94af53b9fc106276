//! From records to typed rows: find the header below any preamble (or read a file
//! without one), settle each column's conventions from a sample of rows, then type
//! every row or count it as skipped.

use super::account::{reason, Account};
use super::columns::{detect, normalize_header, Mapping, Role};
use super::held::Held;
use super::values::{
    date_order_vote, decimal_vote, is_ambiguous_date, parse_date, parse_decimal_with, strip_currency, DateOrder,
};
use super::{DaySummary, Row, RowSink, Warning};
use crate::error::Error;
use crate::money::{Money, SCALE};
use chrono::NaiveDate;
use std::collections::BTreeMap;

// A later part of a file split among workers (crate::split); a child module, so
// it sees the table's state.
#[path = "table_split.rs"]
pub mod split;

/// Records looked at for a header before giving up.
const HEADER_SEARCH: usize = 50;
/// Data rows read before the columns' conventions are settled.
const SAMPLE_ROWS: usize = 1_000;
/// Rows held while every `a/b/yyyy` date could still be either order; past this the
/// day-first reading is taken and the report says the order was assumed.
const HOLD_ROWS: usize = 200_000;
/// Data rows shown in the column-mapping panel.
const PREVIEW_ROWS: usize = 5;

/// The warning a per-client-day summary carries: the analyses that need sale
/// lines (dropped products, product ABC) are not in its report.
pub const SUMMARY_INPUT: &str = "summary_input";

/// Columns whose values are numbers.
const NUMERIC: [Role; 10] = [
    Role::Amount,
    Role::Quantity,
    Role::Price,
    Role::Cost,
    Role::Profit,
    Role::CostToServe,
    Role::Nps,
    Role::Purchases,
    Role::Returns,
    Role::ReturnsAmount,
];

#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    /// Role key -> header text chosen by the user; an empty text unassigns the role.
    pub columns: BTreeMap<String, String>,
    /// Numbers come from a spreadsheet's typed cells: `.` decimals, no grouping.
    pub canonical_numbers: bool,
    /// The file's field delimiter, a hint for an undecidable decimal mark.
    pub delimiter: u8,
}

struct Header {
    mapping: Mapping,
    names: Vec<String>,
    line: u64,
}

/// Settled per-column conventions, indexed by `role as usize`.
struct Conventions {
    cols: [Option<usize>; Role::COUNT],
    date_order: DateOrder,
    decimal: [Option<u8>; Role::COUNT],
}

/// The previous row's order, kept in reused buffers.
#[derive(Default)]
struct LastOrder {
    id: String,
    client: String,
    date: NaiveDate,
    set: bool,
}

/// What the table stage found, for the report.
pub struct TableInfo {
    pub account: Account,
    pub header_line: u64,
    pub headers: Vec<String>,
    pub columns: BTreeMap<&'static str, String>,
    pub preview: Vec<Vec<String>>,
    pub date_order: Option<&'static str>,
    /// The currency the amounts or their header name (`1 500 руб.`, `Сума, грн`).
    pub currency: Option<crate::currency::Currency>,
    pub warnings: Vec<Warning>,
}

pub struct Table {
    opts: TableOptions,
    header: Option<Header>,
    best_candidate: Option<(usize, u64, Vec<String>)>,
    /// The first rows under the best header candidate, for a missing-columns error.
    under_best: Vec<Vec<String>>,
    candidates_seen: usize,
    sample: Held,
    /// The held rows' dates: one told the order, or one was ambiguous. Kept as
    /// rows arrive, so holding rows costs nothing per row held (no rescans).
    date_told: bool,
    date_ambiguous: bool,
    conventions: Option<Conventions>,
    date_order_status: Option<&'static str>,
    currency: Option<crate::currency::Currency>,
    account: Account,
    preview: Vec<Vec<String>>,
    /// The previous row's order (id, client, date), for order lines that leave the
    /// order-level cells empty (Shopify line items, Bitrix24 product rows).
    last_order: LastOrder,
    /// Buffers swapped with `last_order`'s, so a new order allocates nothing.
    spare: (String, String),
    warnings: Vec<Warning>,
    /// Set for a later part of a split file ([`split`]): a row leaned on an order above.
    part: Option<split::Watch>,
}

impl Table {
    pub fn new(opts: TableOptions) -> Table {
        Table {
            opts,
            header: None,
            best_candidate: None,
            under_best: Vec::new(),
            candidates_seen: 0,
            sample: Held::default(),
            date_told: false,
            date_ambiguous: false,
            conventions: None,
            date_order_status: None,
            currency: None,
            account: Account::default(),
            preview: Vec::new(),
            last_order: LastOrder::default(),
            spare: (String::new(), String::new()),
            warnings: Vec::new(),
            part: None,
        }
    }

    pub fn record(&mut self, fields: &[&str], line: u64, sink: &mut dyn RowSink) -> Result<(), Error> {
        if matches!(self.part, Some(split::Watch::Watching(_))) {
            self.watch_part(fields);
        }
        if self.header.is_none() {
            return self.candidate(fields, line);
        }
        if self.preview.len() < PREVIEW_ROWS {
            self.preview.push(fields.iter().map(|f| f.trim().to_string()).collect());
        }
        if self.conventions.is_some() {
            return self.typed(fields, line, sink);
        }
        self.hold(line, fields);
        if self.sample.len() >= SAMPLE_ROWS && (self.date_order_settled() || self.sample.len() >= HOLD_ROWS) {
            self.settle(sink)?;
        }
        Ok(())
    }

    pub fn finish(mut self, sink: &mut dyn RowSink) -> Result<TableInfo, Error> {
        let Some(header_line) = self.header.as_ref().map(|h| h.line) else {
            return Err(match self.best_candidate.take() {
                None => Error::Empty,
                Some((_, line, headers)) => self.missing_error(headers, line),
            });
        };
        if self.conventions.is_none() {
            self.settle(sink)?;
        }
        if self.account.rows_read == 0 {
            return Err(Error::HeaderOnly { header_line });
        }
        if self.account.rows_used == 0 {
            let (reason, first_line) = self.account.top_reason().unwrap_or(("", 0));
            return Err(Error::NoUsableRows {
                rows_read: self.account.rows_read,
                reason: reason.to_string(),
                first_line,
            });
        }
        let header = self.header.unwrap_or_else(unreachable_header);
        if header.mapping.is_summary() {
            // What needs the sale lines (products, orders) says so instead of
            // showing empty figures.
            self.warnings.push(Warning::new(SUMMARY_INPUT, header.line));
        }
        let columns = header.mapping.cols.iter().map(|(role, &i)| (role.key(), header.names[i].clone())).collect();
        Ok(TableInfo {
            account: self.account,
            header_line: header.line,
            headers: header.names,
            columns,
            preview: self.preview,
            date_order: self.date_order_status,
            currency: self.currency,
            warnings: self.warnings,
        })
    }

    fn missing_error(&mut self, headers: Vec<String>, header_line: u64) -> Error {
        let missing = self.mapping_for(&headers).missing();
        let preview = std::mem::take(&mut self.under_best);
        Error::MissingColumns { missing, headers, header_line, preview }
    }

    /// Roles from the header names, then the user's choices on top.
    fn mapping_for(&self, names: &[String]) -> Mapping {
        let mut mapping = detect(names);
        for (key, header) in &self.opts.columns {
            let Some(role) = Role::from_key(key) else {
                continue;
            };
            mapping.cols.remove(&role);
            let wanted = normalize_header(header);
            if wanted.is_empty() {
                continue;
            }
            if let Some(i) = names.iter().position(|n| normalize_header(n) == wanted) {
                mapping.cols.retain(|_, c| *c != i);
                mapping.cols.insert(role, i);
            }
        }
        mapping
    }

    fn candidate(&mut self, fields: &[&str], line: u64) -> Result<(), Error> {
        let names: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
        if names.iter().all(String::is_empty) {
            self.account.preamble_lines += 1;
            return Ok(());
        }
        let mapping = self.mapping_for(&names);
        let missing = mapping.missing();
        if missing.is_empty() {
            self.note_unmatched_choices(&names);
            self.header = Some(Header { mapping, names, line });
            return Ok(());
        }
        if self.candidates_seen == 0 && self.best_candidate.is_none() {
            if let Some(mapping) = roles_from_values(&names) {
                // No header: the first record is already data.
                let generic: Vec<String> = (1..=names.len()).map(|i| format!("#{i}")).collect();
                self.warnings.push(Warning::new("no_header", line));
                self.header = Some(Header { mapping, names: generic, line: 0 });
                self.hold(line, &names.iter().map(String::as_str).collect::<Vec<_>>());
                self.preview.push(names);
                return Ok(());
            }
        }
        self.account.preamble_lines += 1;
        let found = 3 - missing.len();
        if self.best_candidate.as_ref().is_none_or(|(f, _, _)| found > *f) {
            self.best_candidate = Some((found, line, names));
            self.under_best.clear();
        } else if self.under_best.len() < PREVIEW_ROWS {
            self.under_best.push(names);
        }
        self.candidates_seen += 1;
        if self.candidates_seen >= HEADER_SEARCH {
            let (_, header_line, headers) = self.best_candidate.take().unwrap_or_default();
            return Err(self.missing_error(headers, header_line));
        }
        Ok(())
    }

    fn note_unmatched_choices(&mut self, names: &[String]) {
        for (key, header) in &self.opts.columns {
            let wanted = normalize_header(header);
            let known = Role::from_key(key).is_some();
            if !known || (!wanted.is_empty() && !names.iter().any(|n| normalize_header(n) == wanted)) {
                self.warnings.push(Warning::new("mapping_not_found", 0));
            }
        }
    }

    /// Holds a row until the conventions are settled, noting what its date says.
    fn hold(&mut self, line: u64, fields: &[&str]) {
        if let Some(col) = self.header.as_ref().and_then(|h| h.mapping.get(Role::Date)) {
            let v = fields.get(col).copied().unwrap_or("");
            if !self.date_told {
                self.date_told = date_order_vote(v).is_some();
                self.date_ambiguous |= is_ambiguous_date(v);
            }
        }
        self.sample.push(line, fields.iter().copied());
    }

    fn date_order_settled(&self) -> bool {
        self.date_told || !self.date_ambiguous
    }

    /// Decides the conventions from the held rows, then types them.
    fn settle(&mut self, sink: &mut dyn RowSink) -> Result<(), Error> {
        let Some(header) = &self.header else {
            return Ok(());
        };
        let column = |role: Role| header.mapping.get(role);

        let mut decimal = [None; Role::COUNT];
        for role in NUMERIC {
            let Some(c) = column(role) else { continue };
            let mark = if self.opts.canonical_numbers {
                b'.'
            } else {
                let (mut comma, mut point, mut undecided) = (0usize, 0usize, 0usize);
                for v in self.sample.column(c) {
                    match decimal_vote(v) {
                        Some(b',') => comma += 1,
                        Some(_) => point += 1,
                        None if strip_currency(v).contains([',', '.']) => undecided += 1,
                        None => {}
                    }
                }
                if comma > 0 && point > 0 {
                    self.warnings.push(Warning::new("mixed_decimal_marks", 0));
                }
                if comma == 0 && point == 0 && undecided > 0 {
                    self.warnings.push(Warning::new("ambiguous_decimal_mark", 0));
                }
                match comma.cmp(&point) {
                    std::cmp::Ordering::Greater => b',',
                    std::cmp::Ordering::Less => b'.',
                    // Excel in Russian and Ukrainian locales writes `;` files with
                    // decimal commas; `,` files cannot have them unquoted.
                    std::cmp::Ordering::Equal if self.opts.delimiter == b',' => b'.',
                    std::cmp::Ordering::Equal => b',',
                }
            };
            decimal[role as usize] = Some(mark);
        }

        // The currency: the money column's header (`Сумма, руб.`), else the sign or
        // word most of the held amounts carry (`1 500 руб.`, `$12.50`).
        if let Some(c) = column(Role::Amount) {
            let mut vote = crate::currency::Vote::default();
            for v in self.sample.column(c) {
                vote.add(crate::currency::Currency::of_value(v));
            }
            self.currency = header.names.get(c).and_then(|h| crate::currency::Currency::of_header(h)).or(vote.winner());
        }

        let mut date_order = DateOrder::Dmy;
        if let Some(c) = column(Role::Date) {
            let (mut dmy, mut mdy, mut ambiguous) = (0usize, 0usize, false);
            for v in self.sample.column(c) {
                match date_order_vote(v) {
                    Some(DateOrder::Dmy) => dmy += 1,
                    Some(DateOrder::Mdy) => mdy += 1,
                    None => ambiguous |= is_ambiguous_date(v),
                }
            }
            if mdy > dmy {
                date_order = DateOrder::Mdy;
            }
            self.date_order_status = match (dmy, mdy, ambiguous) {
                (0, 0, true) => Some("dmy_assumed"),
                (0, 0, false) => None,
                _ if mdy > dmy => Some("mdy"),
                _ => Some("dmy"),
            };
            if dmy > 0 && mdy > 0 {
                self.warnings.push(Warning::new("mixed_date_orders", 0));
            }
        }
        self.conventions = Some(Conventions { cols: header.mapping.indices(), date_order, decimal });
        let held = std::mem::take(&mut self.sample);
        let mut refs: Vec<&str> = Vec::new();
        for row in 0..held.len() {
            refs.clear();
            refs.extend(held.fields(row));
            self.typed(&refs, held.line(row), sink)?;
        }
        Ok(())
    }

    fn typed(&mut self, fields: &[&str], line: u64, sink: &mut dyn RowSink) -> Result<(), Error> {
        let Some(conv) = &self.conventions else { return Ok(()) };
        let last = self.last_order.set.then_some(&self.last_order);
        let (order, client, date) = match type_row(fields, conv, line, last) {
            Ok(row) => {
                sink.add(&row)?;
                (row.order, row.client, row.date)
            }
            Err(Unusable::Skip(reason)) => {
                self.account.skip(reason, line);
                return Ok(());
            }
            Err(Unusable::Overflow) => return Err(Error::Overflow { line }),
        };
        self.account.used();
        if let Some(order) = order {
            if !(self.last_order.set && same_text(&self.last_order.id, order)) {
                // Copy into spare buffers first: `client` may borrow the one replaced.
                let (mut id, mut name) = std::mem::take(&mut self.spare);
                id.clear();
                id.push_str(order);
                name.clear();
                name.push_str(client);
                let lo = &mut self.last_order;
                std::mem::swap(&mut lo.id, &mut id);
                std::mem::swap(&mut lo.client, &mut name);
                lo.date = date;
                lo.set = true;
                self.spare = (id, name);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[test]
fn totals_rows_are_whole_words() {
    for yes in ["Итого", "ИТОГО:", "  итого по клиенту", "Всего", "Разом", "Total", "Grand total", "TOTAL"]
    {
        assert!(is_totals(yes), "{yes}");
    }
    for no in ["", "Итоговая ООО", "ИП Иванов", "Totalizator LLC", "ООО Итого", "Всеволод"]
    {
        assert!(!is_totals(no), "{no}");
    }
}

fn unreachable_header() -> Header {
    Header { mapping: Mapping::default(), names: Vec::new(), line: 0 }
}

/// Roles of a file without a header, from its first record: a date column, an
/// amount (the last number with decimals, else the last number), a client (the
/// first text column, else the first whole number that is not the date).
fn roles_from_values(fields: &[String]) -> Option<Mapping> {
    let is_date = |s: &str| {
        let s = s.trim();
        s.len() >= 6 && parse_date(s, DateOrder::Dmy).is_some() && !s.contains(',')
    };
    let is_number = |s: &str| parse_decimal_with(s, None).is_some();
    let date = fields.iter().position(|f| is_date(f))?;
    let numbers: Vec<usize> = (0..fields.len()).filter(|&i| i != date && is_number(&fields[i])).collect();
    let amount = numbers.iter().rev().find(|&&i| fields[i].contains([',', '.'])).or(numbers.last()).copied()?;
    let client = (0..fields.len())
        .find(|&i| i != date && !fields[i].trim().is_empty() && !is_number(&fields[i]))
        .or_else(|| numbers.iter().copied().find(|&i| i != amount))?;
    let mut m = Mapping::default();
    m.cols.insert(Role::Date, date);
    m.cols.insert(Role::Amount, amount);
    m.cols.insert(Role::Client, client);
    if let Some(&q) = numbers.iter().find(|&&i| i != amount && i != client && !fields[i].contains([',', '.'])) {
        m.cols.insert(Role::Quantity, q);
    }
    Some(m)
}

/// String equality for the per-row path: wasm's `memcmp` goes byte by byte, this
/// goes eight at a time.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut ca, mut cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let words_equal = ca.by_ref().zip(cb.by_ref()).all(|(x, y)| {
        u64::from_ne_bytes(x.try_into().unwrap_or_default()) == u64::from_ne_bytes(y.try_into().unwrap_or_default())
    });
    words_equal && ca.remainder() == cb.remainder()
}

const TOTALS: &[&str] = &["итого", "всего", "разом", "усього", "всього", "total", "grand total", "subtotal"];

/// A totals row: the cell starts with one of [`TOTALS`] as a whole word. Checked
/// on every row, so it compares in place instead of normalising a copy.
fn is_totals(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_punctuation());
    // Most cells fail on the first letter; only those go on to the word compare.
    let first = match s.chars().next() {
        Some(c @ 'А'..='Я') => char::from_u32(c as u32 + 32).unwrap_or(c),
        Some(c) => c.to_ascii_lowercase(),
        None => return false,
    };
    if !matches!(first, 'и' | 'в' | 'р' | 'у' | 't' | 'g' | 's') {
        return false;
    }
    TOTALS.iter().any(|word| {
        let mut chars = s.chars();
        for w in word.chars() {
            match chars.next() {
                Some(c) if c == w || c.to_lowercase().eq(std::iter::once(w)) => {}
                _ => return false,
            }
        }
        chars.next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Why a row is not typed: a reason to skip it, or money past what i64 holds
/// exactly (the analysis stops rather than wrap).
enum Unusable {
    Skip(&'static str),
    Overflow,
}

impl From<&'static str> for Unusable {
    fn from(reason: &'static str) -> Unusable {
        Unusable::Skip(reason)
    }
}

/// Types one data row, or names the reason it cannot be used.
fn type_row<'a>(
    fields: &[&'a str],
    conv: &Conventions,
    line: u64,
    last_order: Option<&'a LastOrder>,
) -> Result<Row<'a>, Unusable> {
    let get = |r: Role| conv.cols[r as usize].and_then(|i| fields.get(i)).map(|f| f.trim()).unwrap_or("");
    let text = |r: Role| Some(get(r)).filter(|s| !s.is_empty());
    let number = |r: Role| text(r).and_then(|v| parse_decimal_with(v, conv.decimal[r as usize]));
    if fields.iter().all(|f| f.trim().is_empty()) {
        return Err(reason::BLANK.into());
    }
    if conv.cols[Role::Purchases as usize].is_some() {
        return summary_row(fields, conv, line);
    }
    let mut client = get(Role::Client);
    let first = fields.first().map(|f| f.trim()).unwrap_or("");
    if is_totals(client) || is_totals(first) {
        return Err(reason::TOTALS_ROW.into());
    }
    let order_id = text(Role::Order);
    // An order line that leaves the order's cells empty belongs to the order above.
    let continues = match (order_id, last_order) {
        (Some(o), Some(prev)) => same_text(o, &prev.id),
        _ => false,
    };
    let raw_date = get(Role::Date);
    let mut date = parse_date(raw_date, conv.date_order);
    if continues {
        if let Some(prev) = last_order {
            if client.is_empty() {
                client = &prev.client;
            }
            if raw_date.is_empty() {
                date = Some(prev.date);
            }
        }
    }
    if client.is_empty() {
        return Err(reason::NO_CLIENT.into());
    }
    let date = date.ok_or(reason::BAD_DATE)?;
    let quantity = number(Role::Quantity);
    let amount = match conv.cols[Role::Amount as usize] {
        Some(_) if continues && get(Role::Amount).is_empty() => Some(Money::ZERO),
        Some(_) => number(Role::Amount),
        None => match (quantity, number(Role::Price)) {
            (Some(q), Some(p)) => Some(p.mul_ratio(q.0, SCALE).ok_or(Unusable::Overflow)?),
            _ => None,
        },
    }
    .ok_or(reason::BAD_AMOUNT)?;
    let cancelled = order_id.is_some_and(|o| o.starts_with('C') && o[1..].starts_with(|c: char| c.is_ascii_digit()));
    let negative_qty = quantity.is_some_and(Money::is_negative);
    let margin = margin_of(amount, number(Role::Profit), number(Role::Cost))?;
    let nps = number(Role::Nps).and_then(nps_score);
    Ok(Row {
        line,
        date,
        client,
        amount,
        quantity,
        margin,
        order: order_id,
        is_return: amount.is_negative() || negative_qty || cancelled,
        product: text(Role::Product),
        category: text(Role::Category),
        manager: text(Role::Manager),
        branch: text(Role::Branch),
        cost_to_serve: number(Role::CostToServe),
        potential: text(Role::Potential),
        nps,
        reason: text(Role::Reason),
        channel: text(Role::Channel),
        summary: None,
    })
}

/// The row's margin: its profit column, or the amount less its cost.
fn margin_of(amount: Money, profit: Option<Money>, cost: Option<Money>) -> Result<Option<Money>, Unusable> {
    Ok(match (profit, cost) {
        (Some(p), _) => Some(p),
        (None, Some(c)) => Some(Money(amount.0.checked_sub(c.0).ok_or(Unusable::Overflow)?)),
        (None, None) => None,
    })
}

/// An NPS answer: a whole number from 0 to 10, anything else is no answer.
fn nps_score(n: Money) -> Option<u8> {
    (n.0 % SCALE == 0 && (0..=10 * SCALE).contains(&n.0)).then_some((n.0 / SCALE) as u8)
}

/// Types one row of a per-client-day summary: a day's revenue and counts. Orders,
/// products and categories are not a summary's (they need the sale lines), so a
/// column given those roles is not read.
fn summary_row<'a>(fields: &[&'a str], conv: &Conventions, line: u64) -> Result<Row<'a>, Unusable> {
    let get = |r: Role| conv.cols[r as usize].and_then(|i| fields.get(i)).map(|f| f.trim()).unwrap_or("");
    let text = |r: Role| Some(get(r)).filter(|s| !s.is_empty());
    let number = |r: Role| text(r).and_then(|v| parse_decimal_with(v, conv.decimal[r as usize]));
    // A count: empty is 0, anything else a whole number from 0 to u32::MAX.
    let count = |r: Role| match text(r) {
        None => Ok(0),
        Some(_) => number(r)
            .filter(|n| n.0 >= 0 && n.0 % SCALE == 0)
            .and_then(|n| u32::try_from(n.0 / SCALE).ok())
            .ok_or(Unusable::Skip(reason::BAD_COUNT)),
    };
    let client = get(Role::Client);
    if is_totals(client) || is_totals(fields.first().map(|f| f.trim()).unwrap_or("")) {
        return Err(reason::TOTALS_ROW.into());
    }
    if client.is_empty() {
        return Err(reason::NO_CLIENT.into());
    }
    let date = parse_date(get(Role::Date), conv.date_order).ok_or(reason::BAD_DATE)?;
    let amount = number(Role::Amount).ok_or(reason::BAD_AMOUNT)?;
    let summary = DaySummary {
        purchases: count(Role::Purchases)?,
        return_lines: count(Role::Returns)?,
        returns_amount: match text(Role::ReturnsAmount) {
            None => Money::ZERO,
            Some(_) => number(Role::ReturnsAmount).ok_or(reason::BAD_AMOUNT)?,
        },
    };
    let margin = margin_of(amount, number(Role::Profit), number(Role::Cost))?;
    let nps = number(Role::Nps).and_then(nps_score);
    Ok(Row {
        line,
        date,
        client,
        amount,
        quantity: number(Role::Quantity),
        margin,
        order: None,
        is_return: false,
        product: None,
        category: None,
        manager: text(Role::Manager),
        branch: text(Role::Branch),
        cost_to_serve: number(Role::CostToServe),
        potential: text(Role::Potential),
        nps,
        reason: text(Role::Reason),
        channel: text(Role::Channel),
        summary: Some(summary),
    })
}
