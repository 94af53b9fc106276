//! Ingest: file bytes, pushed in chunks of any size, become typed rows.
//!
//! Stages: sniff the format and the text encoding from the first bytes -> decode to
//! UTF-8 (`encoding`) -> split records (quote-free lines in place, the others by
//! csv-core: `records`; calamine for spreadsheets; the HTML table scanner) -> find
//! the header below any preamble -> settle each
//! column's conventions from a sample -> type each row or count it as skipped.
//! Rows go straight to a [`RowSink`], so memory does not grow with a text file.

// Leaves (they read only `lang`), public so that `error` can name a role and a
// skip reason without going through this module, which returns its errors.
pub mod account;
pub mod columns;
mod dialect;
pub mod encoding;
mod evidence;
mod format;
mod guess;
mod held;
mod html;
mod records;
mod scan;
mod sheet;
mod sheet_limits;
pub mod split;
mod table;
mod values;

pub use account::{reason, skip_reason_label, Account, Skip, LINES_KEPT};
pub use columns::{detect, normalize_header, Mapping, Role};
pub use format::Format;
pub use sheet::READER_PANIC;
pub(crate) use table::same_text;
pub use values::{parse_date, parse_decimal, parse_decimal_with, DateOrder};

use crate::error::Error;
use crate::money::Money;
use crate::options::Options;
use chrono::NaiveDate;
use encoding::{Decoder, Encoding};
use records::Records;
use serde::Serialize;
use std::collections::BTreeMap;
use table::{Table, TableOptions};

/// Bytes looked at before deciding format and delimiter; the encoding also looks
/// at [`evidence::EVIDENCE_BYTES`] from the first non-ASCII byte.
const SNIFF_BYTES: usize = 64 * 1024;
/// Spreadsheets are read whole; past this a browser tab runs out of memory.
const MAX_WHOLE_FILE_MB: u64 = 256;

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
    /// Set on a row of a per-client-day summary: the day's counts that sale lines
    /// carry one by one. `amount` is then the day's net revenue, returns included.
    pub summary: Option<DaySummary>,
}

/// What a summary row says that a sale line says by being one (see
/// [`columns::Mapping::is_summary`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DaySummary {
    /// Purchases (distinct orders, or the day) dated that day.
    pub purchases: u32,
    /// Return lines that day, and their (negative) amount.
    pub return_lines: u32,
    pub returns_amount: Money,
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
    /// `csv`, `xlsx`, `xls`, `ods` or `html`.
    pub format: String,
    pub encoding: Option<String>,
    /// The field delimiter of a text file; `"whitespace"` for space-aligned columns.
    pub delimiter: Option<String>,
    /// Line (row) of the header; 0 when the file has none and roles were guessed.
    pub header_line: u64,
    pub headers: Vec<String>,
    /// Role -> header text as in the file.
    pub columns: BTreeMap<&'static str, String>,
    /// The first data rows as read, for checking the column roles.
    pub preview: Vec<Vec<String>>,
    /// `dmy`, `mdy`, `dmy_assumed` (no date told), or null (no day/month ambiguity).
    pub date_order: Option<&'static str>,
    /// The currency the file names in its amounts or their header (`RUB`, `UAH`,
    /// `USD`...); `null` when it names none. `settings.currency` is the one used.
    pub currency: Option<crate::currency::Currency>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Warning {
    pub code: &'static str,
    pub count: u64,
    pub first_line: u64,
    /// The first lines concerned, where the warning names several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<u64>,
}

impl Warning {
    pub fn new(code: &'static str, first_line: u64) -> Warning {
        Warning { code, count: 1, first_line, lines: Vec::new() }
    }

    /// `count` rows, listed by their first `lines`.
    pub fn lines(code: &'static str, count: u64, lines: Vec<u64>) -> Warning {
        Warning { code, count, first_line: lines.first().copied().unwrap_or(0), lines }
    }
}

enum Stage {
    /// The first bytes, and the first non-ASCII one among the first [`SNIFF_BYTES`]
    /// (kept as bytes arrive, so one-byte chunks do not rescan).
    Sniff(Vec<u8>, Option<usize>),
    Text(Box<TextStage>),
    Whole(Format, Vec<u8>),
}

struct TextStage {
    encoding: Encoding,
    /// `None` while the bytes pass through as UTF-8.
    decoder: Option<Decoder>,
    /// Everything so far was ASCII and no encoding was chosen: the first non-ASCII
    /// byte and the [`evidence::EVIDENCE_BYTES`] from it will decide.
    undecided: bool,
    /// Bytes held from the first non-ASCII one while `undecided`.
    evidence: Vec<u8>,
    spaces: Option<format::SpaceCollapse>,
    delimiter: u8,
    records: Records,
    buf: Vec<u8>,
}

pub struct Ingest {
    stage: Stage,
    encoding_choice: Option<Encoding>,
    sheet: Option<String>,
    table: Option<Table>,
    columns: BTreeMap<String, String>,
}

impl Ingest {
    pub fn new(options: &Options) -> Ingest {
        Ingest {
            stage: Stage::Sniff(Vec::new(), None),
            encoding_choice: options.encoding.as_deref().and_then(|l| Encoding::for_label(l.trim().as_bytes())),
            sheet: options.sheet.clone(),
            table: None,
            columns: options.columns.clone(),
        }
    }

    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn RowSink) -> Result<(), Error> {
        match &mut self.stage {
            Stage::Sniff(buf, non_ascii) => {
                let scanned = buf.len().min(SNIFF_BYTES);
                buf.extend_from_slice(chunk);
                if non_ascii.is_none() {
                    let end = buf.len().min(SNIFF_BYTES);
                    *non_ascii = buf[scanned..end].iter().position(|b| !b.is_ascii()).map(|i| scanned + i);
                }
                if sniff_ready(buf, *non_ascii) {
                    let head = std::mem::take(buf);
                    self.start(head, sink)?;
                }
                Ok(())
            }
            Stage::Whole(_, buf) => {
                buf.extend_from_slice(chunk);
                if buf.len() as u64 > MAX_WHOLE_FILE_MB << 20 {
                    return Err(Error::TooLarge { what: "spreadsheet", limit: MAX_WHOLE_FILE_MB });
                }
                Ok(())
            }
            Stage::Text(t) => {
                let table = self.table.as_mut().ok_or(Error::Usage { misuse: crate::error::Misuse::NoTable })?;
                t.feed(chunk, false, table, sink)
            }
        }
    }

    pub fn finish(mut self, sink: &mut dyn RowSink) -> Result<InputInfo, Error> {
        if let Stage::Sniff(buf, _) = &mut self.stage {
            let head = std::mem::take(buf);
            self.start(head, sink)?;
        }
        let mut table = self.table.take().ok_or(Error::Empty)?;
        let mut info = InputInfo::default();
        match self.stage {
            Stage::Sniff(..) => return Err(Error::Empty),
            Stage::Text(mut t) => {
                t.feed(&[], true, &mut table, sink)?;
                t.records.finish(&mut |f, l| table.record(f, l, sink))?;
                info.format = Format::Text.name().to_string();
                info.encoding = Some(t.encoding.name().to_string());
                info.delimiter = Some(match (t.spaces.is_some(), t.delimiter) {
                    (true, _) => "whitespace".to_string(),
                    (false, d) => (d as char).to_string(),
                });
                info.warnings.extend(t.records.mixed_encoding.take());
                info.warnings.extend(t.records.broken_quote.take());
            }
            Stage::Whole(Format::Html, bytes) => {
                let enc = match self.encoding_choice {
                    Some(enc) => enc,
                    None => html_encoding(&bytes).ok_or(Error::UnknownEncoding)?,
                };
                let text = enc.decode(&bytes);
                html::rows(&text, &mut |f, l| table.record(f, l, sink))?;
                info.format = Format::Html.name().to_string();
                info.encoding = Some(enc.name().to_string());
            }
            Stage::Whole(format, bytes) => {
                let book = sheet::read(format, bytes, self.sheet.as_deref(), &mut |f, l| table.record(f, l, sink))?;
                info.format = format.name().to_string();
                info.sheets = book.sheets;
                info.sheet = Some(book.chosen);
            }
        }
        let t = table.finish(sink)?;
        info.account = t.account;
        info.header_line = t.header_line;
        info.headers = t.headers;
        info.columns = t.columns;
        info.preview = t.preview;
        info.date_order = t.date_order;
        info.currency = t.currency;
        info.warnings.extend(t.warnings);
        Ok(info)
    }

    /// Decides format, encoding and delimiter from the first bytes, then reads them.
    /// Only the first [`SNIFF_BYTES`] (and the encoding's evidence window) are looked
    /// at, however many arrived: the verdicts must not depend on the chunk size.
    fn start(&mut self, head: Vec<u8>, sink: &mut dyn RowSink) -> Result<(), Error> {
        let probe = &head[..head.len().min(SNIFF_BYTES)];
        let format = format::sniff_format(probe)?;
        let mut opts = TableOptions { columns: self.columns.clone(), ..TableOptions::default() };
        if format != Format::Text {
            opts.canonical_numbers = format != Format::Html;
            self.table = Some(Table::new(opts));
            self.stage = Stage::Whole(format, head);
            return Ok(());
        }
        let first_non_ascii = probe.iter().position(|b| !b.is_ascii());
        let (encoding, undecided) = match (self.encoding_choice, Encoding::for_bom(&head), first_non_ascii) {
            (Some(enc), _, _) | (None, Some((enc, _)), _) => (enc, false),
            (None, None, None) => (Encoding::Utf8, true),
            // `sniff_ready` waited for the whole window unless the file ends first.
            (None, None, Some(at)) => (evidence::decide_from(&head, at).ok_or(Error::UnknownEncoding)?, false),
        };
        let sample = if encoding == Encoding::Utf8 {
            evidence::decode_utf8_lines(probe.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(probe))
        } else {
            encoding.decode_with_bom_removal(probe).into_owned()
        };
        format::check_text(&sample)?;
        let dialect = dialect::sniff(sample.as_bytes());
        let (delimiter, spaces) = match dialect {
            dialect::Dialect::Delimited(d) => (d, None),
            dialect::Dialect::Whitespace => (b'\t', Some(format::SpaceCollapse::default())),
        };
        opts.delimiter = delimiter;
        self.table = Some(Table::new(opts));
        let passthrough = encoding == Encoding::Utf8;
        let mut text = TextStage {
            encoding,
            decoder: (!passthrough).then(|| encoding.new_decoder(true)),
            undecided,
            evidence: Vec::new(),
            spaces,
            delimiter,
            records: Records::new(delimiter),
            buf: Vec::new(),
        };
        let body = if passthrough { head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head) } else { &head[..] };
        let table = self.table.as_mut().ok_or(Error::Usage { misuse: crate::error::Misuse::NoTable })?;
        text.feed(body, false, table, sink)?;
        self.stage = Stage::Text(Box::new(text));
        Ok(())
    }
}

/// The first bytes are enough to decide: [`SNIFF_BYTES`], and when they hold a
/// non-ASCII byte (at `non_ascii`), the encoding's evidence window from it.
fn sniff_ready(buf: &[u8], non_ascii: Option<usize>) -> bool {
    if buf.len() < SNIFF_BYTES {
        return false;
    }
    match non_ascii {
        Some(at) if Encoding::for_bom(buf).is_none() => buf.len() >= at + evidence::EVIDENCE_BYTES,
        _ => true,
    }
}

impl TextStage {
    fn feed(&mut self, chunk: &[u8], last: bool, table: &mut Table, sink: &mut dyn RowSink) -> Result<(), Error> {
        if !self.undecided {
            return self.read(chunk, last, table, sink);
        }
        let mut rest = chunk;
        if self.evidence.is_empty() {
            // ASCII reads alike in every candidate encoding: pass it on.
            let at = chunk.iter().position(|b| !b.is_ascii()).unwrap_or(chunk.len());
            self.read(&chunk[..at], false, table, sink)?;
            rest = &chunk[at..];
        }
        self.evidence.extend_from_slice(rest);
        if self.evidence.is_empty() || (self.evidence.len() < evidence::EVIDENCE_BYTES && !last) {
            return if last { self.read(&[], true, table, sink) } else { Ok(()) };
        }
        let enc = evidence::decide_from(&self.evidence, 0).ok_or(Error::UnknownEncoding)?;
        self.undecided = false;
        if enc != Encoding::Utf8 {
            self.encoding = enc;
            self.decoder = Some(enc.new_decoder(false));
        }
        let held = std::mem::take(&mut self.evidence);
        self.read(&held, last, table, sink)
    }

    /// Decodes and splits bytes whose encoding is settled.
    fn read(&mut self, chunk: &[u8], last: bool, table: &mut Table, sink: &mut dyn RowSink) -> Result<(), Error> {
        let mut decoded = std::mem::take(&mut self.buf);
        decoded.clear();
        let bytes: &[u8] = match &mut self.decoder {
            None => chunk,
            Some(dec) => {
                dec.decode(chunk, &mut decoded, last);
                &decoded
            }
        };
        let result = match &mut self.spaces {
            // csv-core takes an empty read for the end of input and would cut the
            // record in progress (half a UTF-16 character decodes to nothing).
            _ if bytes.is_empty() => Ok(()),
            None => self.records.feed(bytes, &mut |f, l| table.record(f, l, sink)),
            Some(sp) => {
                let mut collapsed = Vec::with_capacity(bytes.len());
                sp.apply(bytes, &mut collapsed);
                self.records.feed(&collapsed, &mut |f, l| table.record(f, l, sink))
            }
        };
        self.buf = decoded;
        result
    }
}

/// Splits delimited text into records with the line each starts on: the record
/// stage alone, for conformance tests and tools.
pub fn split_records(text: &[u8], delimiter: u8) -> Result<Vec<(u64, Vec<String>)>, Error> {
    let mut out = Vec::new();
    let mut records = Records::new(delimiter);
    let mut emit = |f: &[&str], line: u64| {
        out.push((line, f.iter().map(|s| s.to_string()).collect()));
        Ok(())
    };
    records.feed(text, &mut emit)?;
    records.finish(&mut emit)?;
    Ok(out)
}

/// The charset an HTML export declares, else the usual detection.
fn html_encoding(bytes: &[u8]) -> Option<Encoding> {
    let head: Vec<u8> = bytes.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            return Some(enc);
        }
    }
    evidence::detect_whole(bytes)
}

#[cfg(test)]
mod records_tests;
#[cfg(test)]
mod sheet_tests;
#[cfg(test)]
mod tests;
