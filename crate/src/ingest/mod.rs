//! Ingest: file bytes, pushed in chunks of any size, become typed rows.
//!
//! Stages: sniff the first bytes (format, delimiter) -> csv-core splits records ->
//! the header row is found below any preamble -> each data row is typed (date,
//! client, money) or skipped with a reason. Rows go straight to a [`RowSink`], so
//! memory does not grow with the file.

mod account;
mod columns;
mod dialect;
mod values;

pub use account::{reason, skip_reason_label, Account, Skip};
pub use columns::{detect, normalize_header, Mapping, Role};
pub use values::{parse_date, parse_decimal, DateOrder};

use crate::error::Error;
use crate::money::{Money, SCALE};
use chrono::NaiveDate;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use serde::Serialize;
use std::collections::BTreeMap;

/// Bytes looked at before deciding the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// Records looked at for a header before giving up.
const HEADER_SEARCH: usize = 50;

/// One usable sale line. Optional columns are `None` when the file lacks them
/// or the cell is empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row<'a> {
    pub line: u64,
    pub date: NaiveDate,
    pub client: &'a str,
    /// Revenue of the line (negative for returns).
    pub amount: Money,
    pub quantity: Option<Money>,
    /// Gross profit: the profit column, or amount minus cost.
    pub margin: Option<Money>,
    pub order: Option<&'a str>,
    pub is_return: bool,
    pub product: Option<&'a str>,
    pub category: Option<&'a str>,
    pub manager: Option<&'a str>,
    pub branch: Option<&'a str>,
    pub cost_to_serve: Option<Money>,
    /// The A/B/C category the client could be in.
    pub potential: Option<&'a str>,
    /// NPS answer, 0..=10.
    pub nps: Option<u8>,
    pub reason: Option<&'a str>,
    pub channel: Option<&'a str>,
}

pub trait RowSink {
    /// Takes one row; fails only when the analysis cannot go on (overflow).
    fn add(&mut self, row: &Row<'_>) -> Result<(), Error>;
}

/// What ingest learned about the file, for the report's `input` section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct InputInfo {
    #[serde(flatten)]
    pub account: Account,
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u64,
    /// Role -> header text as in the file.
    pub columns: BTreeMap<&'static str, String>,
    pub date_order: Option<&'static str>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Warning {
    pub code: &'static str,
    pub count: u64,
    pub first_line: u64,
}

struct Header {
    mapping: Mapping,
    names: Vec<String>,
    line: u64,
}

pub struct Ingest {
    sniff: Option<Vec<u8>>,
    reader: Reader,
    delimiter: u8,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    lines_seen: u64,
    record_line: Option<u64>,
    header: Option<Header>,
    /// Best header candidate so far (most required roles), for the error message.
    best_candidate: Option<(usize, u64, Vec<String>)>,
    candidates_seen: usize,
    account: Account,
    bad_utf8: Option<Warning>,
    date_order: DateOrder,
}

impl Default for Ingest {
    fn default() -> Self {
        Self::new()
    }
}

impl Ingest {
    pub fn new() -> Ingest {
        Ingest {
            sniff: Some(Vec::new()),
            reader: Reader::new(),
            delimiter: b';',
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            lines_seen: 0,
            record_line: None,
            header: None,
            best_candidate: None,
            candidates_seen: 0,
            account: Account::default(),
            bad_utf8: None,
            date_order: DateOrder::Dmy,
        }
    }

    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn RowSink) -> Result<(), Error> {
        if let Some(buf) = &mut self.sniff {
            buf.extend_from_slice(chunk);
            if buf.len() < SNIFF_BYTES {
                return Ok(());
            }
            return self.start(sink);
        }
        self.feed(chunk, sink)
    }

    pub fn finish(mut self, sink: &mut dyn RowSink) -> Result<InputInfo, Error> {
        if self.sniff.is_some() {
            self.start(sink)?;
        }
        // An empty input tells csv-core the file has ended, flushing the last record.
        loop {
            let (res, _, nout, nend) = self.reader.read_record(
                &[],
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::Record => self.record(sink)?,
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::End | ReadRecordResult::InputEmpty => break,
            }
        }
        let Some(header) = self.header else {
            return Err(match self.best_candidate {
                None => Error::Empty,
                Some((_, line, headers)) => {
                    let missing = detect(&headers).missing();
                    Error::MissingColumns {
                        missing,
                        headers,
                        header_line: line,
                    }
                }
            });
        };
        if self.account.rows_read == 0 {
            return Err(Error::HeaderOnly {
                header_line: header.line,
            });
        }
        if self.account.rows_used == 0 {
            let (reason, first_line) = self.account.top_reason().unwrap_or(("", 0));
            return Err(Error::NoUsableRows {
                rows_read: self.account.rows_read,
                reason: reason.to_string(),
                first_line,
            });
        }
        let columns = header
            .mapping
            .cols
            .iter()
            .map(|(role, &i)| (role.key(), header.names[i].clone()))
            .collect();
        Ok(InputInfo {
            account: self.account,
            encoding: "UTF-8".to_string(),
            delimiter: (self.delimiter as char).to_string(),
            header_line: header.line,
            columns,
            date_order: None,
            warnings: self.bad_utf8.into_iter().collect(),
        })
    }

    /// Decides the format from the first bytes, then parses what was buffered.
    fn start(&mut self, sink: &mut dyn RowSink) -> Result<(), Error> {
        let buf = self.sniff.take().unwrap_or_default();
        check_format(&buf)?;
        let body = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf);
        self.delimiter = dialect::sniff_delimiter(body);
        self.reader = ReaderBuilder::new().delimiter(self.delimiter).build();
        self.feed(body, sink)
    }

    fn feed(&mut self, mut input: &[u8], sink: &mut dyn RowSink) -> Result<(), Error> {
        loop {
            let (res, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.track_lines(&input[..nin]);
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(()),
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => self.record(sink)?,
            }
        }
    }

    /// Keeps the line where the current record began: the first byte that is not a
    /// line break after the previous record.
    fn track_lines(&mut self, consumed: &[u8]) {
        let mut rest = consumed;
        if self.record_line.is_none() {
            if let Some(i) = rest.iter().position(|&b| b != b'\n' && b != b'\r') {
                let before = rest[..i].iter().filter(|&&b| b == b'\n').count() as u64;
                self.record_line = Some(self.lines_seen + before + 1);
                self.lines_seen += before;
                rest = &rest[i..];
            }
        }
        self.lines_seen += rest.iter().filter(|&&b| b == b'\n').count() as u64;
    }

    fn record(&mut self, sink: &mut dyn RowSink) -> Result<(), Error> {
        let line = self.record_line.take().unwrap_or(self.lines_seen);
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        let mut fields: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(ends_len);
        let mut start = 0;
        for &end in &self.ends[..ends_len] {
            let bytes = &self.out[start..end.min(out_len)];
            start = end;
            match std::str::from_utf8(bytes) {
                Ok(s) => fields.push(std::borrow::Cow::Borrowed(s)),
                Err(_) => {
                    let w = self.bad_utf8.get_or_insert(Warning {
                        code: "invalid_utf8",
                        count: 0,
                        first_line: line,
                    });
                    w.count += 1;
                    fields.push(String::from_utf8_lossy(bytes));
                }
            }
        }
        match &self.header {
            Some(h) => {
                let used = typed_row(&fields, &h.mapping, line, self.date_order);
                match used {
                    Ok(row) => {
                        sink.add(&row)?;
                        self.account.used();
                    }
                    Err(reason) => self.account.skip(reason, line),
                }
                Ok(())
            }
            None => {
                let names: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
                self.candidate(names, line)
            }
        }
    }

    fn candidate(&mut self, names: Vec<String>, line: u64) -> Result<(), Error> {
        if names.iter().all(String::is_empty) {
            self.account.preamble_lines += 1;
            return Ok(());
        }
        let mapping = detect(&names);
        let missing = mapping.missing();
        if missing.is_empty() {
            self.header = Some(Header {
                mapping,
                names,
                line,
            });
            return Ok(());
        }
        self.account.preamble_lines += 1;
        let found = 3 - missing.len();
        if self
            .best_candidate
            .as_ref()
            .is_none_or(|(f, _, _)| found > *f)
        {
            self.best_candidate = Some((found, line, names));
        }
        self.candidates_seen += 1;
        if self.candidates_seen >= HEADER_SEARCH {
            let (_, header_line, headers) = self.best_candidate.take().unwrap_or_default();
            let missing = detect(&headers).missing();
            return Err(Error::MissingColumns {
                missing,
                headers,
                header_line,
            });
        }
        Ok(())
    }
}

/// Refuses what is not a text table before parsing garbage as rows.
fn check_format(head: &[u8]) -> Result<(), Error> {
    if head.is_empty() {
        return Err(Error::Empty);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Err(Error::UnsupportedFormat { format: "XLSX/ODS" });
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::UnsupportedFormat { format: "XLS" });
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::UnsupportedFormat { format: "UTF-16" });
    }
    let sample = &head[..head.len().min(SNIFF_BYTES)];
    let control = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if control * 100 > sample.len() || sample.contains(&0) {
        return Err(Error::Binary);
    }
    Ok(())
}

const TOTALS: &[&str] = &[
    "итого",
    "всего",
    "разом",
    "усього",
    "всього",
    "total",
    "grand total",
    "subtotal",
];

fn is_totals(s: &str) -> bool {
    let n = normalize_header(s);
    TOTALS
        .iter()
        .any(|t| n == *t || (n.starts_with(t) && n.as_bytes().get(t.len()) == Some(&b' ')))
}

/// Types one data row, or names the reason it cannot be used.
fn typed_row<'a>(
    fields: &'a [std::borrow::Cow<'a, str>],
    m: &Mapping,
    line: u64,
    order: DateOrder,
) -> Result<Row<'a>, &'static str> {
    let get = |r: Role| {
        m.get(r)
            .and_then(|i| fields.get(i))
            .map(|f| f.trim())
            .unwrap_or("")
    };
    if fields.iter().all(|f| f.trim().is_empty()) {
        return Err(reason::BLANK);
    }
    let client = get(Role::Client);
    let first = fields.first().map(|f| f.trim()).unwrap_or("");
    if is_totals(client) || is_totals(first) {
        return Err(reason::TOTALS_ROW);
    }
    if client.is_empty() {
        return Err(reason::NO_CLIENT);
    }
    let date = parse_date(get(Role::Date), order).ok_or(reason::BAD_DATE)?;
    let quantity = m
        .get(Role::Quantity)
        .map(|_| parse_decimal(get(Role::Quantity)));
    let amount = match m.get(Role::Amount) {
        Some(_) => parse_decimal(get(Role::Amount)),
        None => match (quantity.flatten(), parse_decimal(get(Role::Price))) {
            (Some(q), Some(p)) => p.mul_ratio(q.0, SCALE),
            _ => None,
        },
    }
    .ok_or(reason::BAD_AMOUNT)?;
    let text = |r: Role| Some(get(r)).filter(|s| !s.is_empty());
    let number = |r: Role| text(r).and_then(parse_decimal);
    let order_id = text(Role::Order);
    let cancelled = order_id
        .is_some_and(|o| o.starts_with('C') && o[1..].starts_with(|c: char| c.is_ascii_digit()));
    let quantity = quantity.flatten();
    let negative_qty = quantity.is_some_and(Money::is_negative);
    let margin = number(Role::Profit).or_else(|| number(Role::Cost).map(|c| amount - c));
    let nps = number(Role::Nps)
        .filter(|n| n.0 % SCALE == 0 && (0..=10 * SCALE).contains(&n.0))
        .map(|n| (n.0 / SCALE) as u8);
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
    })
}

#[cfg(test)]
mod tests;
