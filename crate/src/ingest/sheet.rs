//! Spreadsheets (XLSX, XLS, ODS) through calamine: the chosen sheet's rows as text
//! cells, numbers written plainly with `.` decimals and dates as ISO dates.

use super::format::Format;
use super::records::Emit;
use super::sheet_limits;
use crate::error::{Error, SheetLimit};
use calamine::{Data, DataRef, Ods, OdsError, Reader, Xls, Xlsx};
use std::io::{Read, Seek, SeekFrom};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub struct Workbook {
    pub sheets: Vec<String>,
    pub chosen: String,
}

/// Reads `bytes` and emits the rows of `wanted`, or of the first sheet with at
/// least two filled rows. Row numbers are the spreadsheet's own (1-based).
///
/// The container is checked first (see `sheet_limits`), and each call into
/// calamine runs under `catch_unwind`: a panic on a corrupt record becomes
/// [`Error::Unreadable`] natively. In wasm a panic still aborts, which is why the
/// checks come first.
pub fn read(format: Format, bytes: Vec<u8>, wanted: Option<&str>, emit: &mut Emit<'_>) -> Result<Workbook, Error> {
    match format {
        Format::Xls => {
            let checked = sheet_limits::xls_checked(&bytes)?;
            let book: Xls<Padded> = guarded(|| Xls::new(Padded::new(checked)))?.map_err(unreadable)?;
            read_ranges(book, wanted, emit)
        }
        Format::Ods => {
            sheet_limits::check_zip(&bytes, true)?;
            // calamine reads every sheet of an ODS when it opens it.
            let book: Ods<Padded> = guarded(|| Ods::new(Padded::new(bytes)))?.map_err(|e| match e {
                OdsError::CellLimitExceeded { max, .. } => {
                    Error::SheetTooLarge { limit: SheetLimit::Cells { max: max as u64 } }
                }
                e => unreadable(e),
            })?;
            read_ranges(book, wanted, emit)
        }
        _ => {
            sheet_limits::check_zip(&bytes, false)?;
            let book: Xlsx<Padded> = guarded(|| Xlsx::new(Padded::new(bytes)))?.map_err(unreadable)?;
            read_xlsx(book, wanted, emit)
        }
    }
}

fn unreadable(e: impl std::fmt::Display) -> Error {
    Error::Unreadable { detail: e.to_string() }
}

/// How a contained reader panic begins its error's detail. In wasm that panic
/// would have ended the worker, so the checks in front must make it unreachable:
/// the fuzz corpora replay fails on it (`testing`).
pub const READER_PANIC: &str = "the reader stopped on a damaged record";

/// Runs a calamine call, turning a panic into a clear error.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Error::Unreadable { detail: format!("{READER_PANIC}: {what}") }
    })
}

/// XLS and ODS: calamine lays each sheet out as a grid (already bounded by the
/// checks before it), read row by row.
fn read_ranges<R: Reader<Padded>>(mut book: R, wanted: Option<&str>, emit: &mut Emit<'_>) -> Result<Workbook, Error>
where
    R::Error: std::fmt::Display,
{
    let sheets = book.sheet_names();
    let mut failed = None;
    for name in &sheets {
        if wanted.is_some_and(|w| w != name) {
            continue;
        }
        let range = match guarded(|| book.worksheet_range(name))? {
            Ok(range) => range,
            Err(e) => {
                failed.get_or_insert_with(|| unreadable(e));
                continue;
            }
        };
        let filled = range.rows().filter(|r| r.iter().any(|c| *c != Data::Empty)).take(2).count();
        if filled < 2 && wanted.is_none() {
            continue;
        }
        let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
        let mut out = RowOut::default();
        for (i, row) in range.rows().enumerate() {
            out.cells.clear();
            for c in row {
                out.cells.push(cell_text(c));
            }
            out.emit(first_row + i as u64 + 1, emit)?;
        }
        let chosen = name.clone();
        return Ok(Workbook { sheets, chosen });
    }
    Err(none_chosen(wanted, sheets, failed))
}

/// No sheet was read: the sheet asked for is missing, or a sheet could not be
/// read (its error, not "empty"), or none has two filled rows.
fn none_chosen(wanted: Option<&str>, sheets: Vec<String>, failed: Option<Error>) -> Error {
    match (failed, wanted) {
        (Some(e), _) => e,
        (None, Some(w)) => Error::NoSuchSheet { sheet: w.to_string(), sheets },
        (None, None) => Error::Empty,
    }
}

/// XLSX: cells are streamed from the sheet XML, never laid out as a grid, so a
/// cell placed far away (XFD1048576, row 2 000 000 000) costs its blank rows, not
/// their area; those rows and every cell's text count against the limits before
/// anything is allocated for them.
fn read_xlsx(mut book: Xlsx<Padded>, wanted: Option<&str>, emit: &mut Emit<'_>) -> Result<Workbook, Error> {
    let sheets = book.sheet_names();
    let mut failed = None;
    for name in &sheets {
        if wanted.is_some_and(|w| w != name) {
            continue;
        }
        if wanted.is_none() {
            match filled_rows(&mut book, name, 2)? {
                Ok(n) if n >= 2 => {}
                Ok(_) => continue,
                Err(e) => {
                    failed.get_or_insert(e);
                    continue;
                }
            }
        }
        stream_xlsx(&mut book, name, emit)??;
        let chosen = name.clone();
        return Ok(Workbook { sheets, chosen });
    }
    Err(none_chosen(wanted, sheets, failed))
}

/// Rows holding a value, counted up to `enough`. The outer error is a panic or a
/// limit; the inner one the sheet's own fault.
fn filled_rows(book: &mut Xlsx<Padded>, name: &str, enough: usize) -> Result<Result<usize, Error>, Error> {
    let mut reader = match guarded(|| book.worksheet_cells_reader(name))? {
        Ok(r) => r,
        Err(e) => return Ok(Err(unreadable(e))),
    };
    let mut last = None;
    let mut n = 0;
    while n < enough {
        match guarded(|| reader.next_cell())? {
            Ok(Some(cell)) if *cell.get_value() != DataRef::Empty => {
                let row = cell.get_position().0;
                if last != Some(row) {
                    n += 1;
                    last = Some(row);
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return Ok(Err(unreadable(e))),
        }
    }
    Ok(Ok(n))
}

fn stream_xlsx(book: &mut Xlsx<Padded>, name: &str, emit: &mut Emit<'_>) -> Result<Result<(), Error>, Error> {
    let mut reader = match guarded(|| book.worksheet_cells_reader(name))? {
        Ok(r) => r,
        Err(e) => return Ok(Err(unreadable(e))),
    };
    // Columns count from the sheet's declared first column, as calamine's grid does.
    let first_col = reader.dimensions().start.1;
    let mut out = RowOut::default();
    let mut row: Option<u32> = None;
    // Each cell's own copy of its text (a shared string is copied per cell).
    let mut text_left = sheet_limits::MAX_UNPACKED_MB << 20;
    let mut placed: Vec<(u32, String)> = Vec::new();
    loop {
        let cell = match guarded(|| reader.next_cell())? {
            Ok(c) => c,
            Err(e) => return Ok(Err(unreadable(e))),
        };
        // A styled cell without a value is no cell: calamine's grid leaves it
        // out too, so formatted empty rows after the data are not blank lines.
        if cell.as_ref().is_some_and(|c| *c.get_value() == DataRef::Empty) {
            continue;
        }
        let next_row = cell.as_ref().map(|c| c.get_position().0);
        if row.is_some() && next_row != row {
            out.place(&mut placed)?;
            out.emit(u64::from(row.unwrap_or(0)) + 1, emit)?;
        }
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        if row != Some(r) {
            // Rows with no cell between this one and the last are blank lines.
            if let Some(from) = row.map(|p| p.saturating_add(1)).filter(|&f| r > f) {
                out.blank_rows(u64::from(from) + 1, u64::from(r - from), emit)?;
            }
            row = Some(r);
        }
        let text = cell_ref_text(cell.get_value());
        text_left = text_left
            .checked_sub(text.len() as u64)
            .ok_or(Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb: sheet_limits::MAX_UNPACKED_MB } })?;
        placed.push((c.saturating_sub(first_col), text));
    }
    Ok(Ok(()))
}

/// One row's cells on their way to `emit`, and the sheet's cell budget.
#[derive(Default)]
struct RowOut {
    cells: Vec<String>,
    spent: u64,
}

impl RowOut {
    /// Lays out a streamed row's cells by column (a cell repeated at the same
    /// column keeps the last value, as in calamine's grid).
    fn place(&mut self, placed: &mut Vec<(u32, String)>) -> Result<(), Error> {
        self.cells.clear();
        let width = placed.iter().map(|(c, _)| u64::from(*c) + 1).max().unwrap_or(0);
        self.charge(width)?;
        self.cells.resize(width as usize, String::new());
        for (c, text) in placed.drain(..) {
            self.cells[c as usize] = text;
        }
        Ok(())
    }

    fn charge(&mut self, cells: u64) -> Result<(), Error> {
        self.spent = self.spent.saturating_add(cells);
        sheet_limits::check_area(self.spent)
    }

    fn blank_rows(&mut self, first: u64, count: u64, emit: &mut Emit<'_>) -> Result<(), Error> {
        self.charge(count)?;
        for line in first..first + count {
            emit(&[""], line)?;
        }
        Ok(())
    }

    fn emit(&mut self, line: u64, emit: &mut Emit<'_>) -> Result<(), Error> {
        let refs: Vec<&str> = self.cells.iter().map(String::as_str).collect();
        emit(&refs, line)
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Display gives the shortest text that reads back as the same double.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => serial_to_iso(d.as_f64()),
    }
}

fn cell_ref_text(c: &DataRef<'_>) -> String {
    match c {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => serial_to_iso(d.as_f64()),
    }
}

/// The last day Excel can show: 9999-12-31 is serial 2 958 465.
const MAX_SERIAL: f64 = 2_958_466.0;

/// Excel's day count from 1899-12-30 to an ISO date (the time of day is dropped).
/// A serial Excel cannot show (negative, past 9999-12-31, infinite, NaN) keeps its
/// number as text, so the row is skipped as a bad date with its line.
pub(super) fn serial_to_iso(serial: f64) -> String {
    if !(0.0..MAX_SERIAL).contains(&serial) {
        return serial.to_string();
    }
    let days = libm::floor(serial) as i64;
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
        .map_or_else(|| serial.to_string(), |d| d.to_string())
}

/// The file with zeros readable past its end, while its length still reads as the
/// real one. calamine 0.38's compound-file reader indexes one sector past the bytes
/// a truncated XLS has (a slice panic, fatal in wasm); a sector (at most 4 KiB)
/// plus the header of slack turns that into a read of zeros and a clean error.
#[derive(Clone)]
struct Padded {
    data: std::rc::Rc<Vec<u8>>,
    len: u64,
    pos: u64,
}

const SLACK: usize = 8 * 1024;

impl Padded {
    fn new(mut bytes: Vec<u8>) -> Padded {
        let len = bytes.len() as u64;
        bytes.resize(bytes.len() + SLACK, 0);
        Padded { data: std::rc::Rc::new(bytes), len, pos: 0 }
    }
}

impl Read for Padded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let start = (self.pos as usize).min(self.data.len());
        let n = buf.len().min(self.data.len() - start);
        buf[..n].copy_from_slice(&self.data[start..start + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Padded {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before start"))?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_reader_becomes_a_clear_error() {
        let err = guarded(|| -> u8 { panic!("index out of bounds: the len is 3 but the index is 7") }).unwrap_err();
        let Error::Unreadable { detail } = &err else { panic!("{err:?}") };
        assert!(detail.contains("damaged record") && detail.contains("index out of bounds"), "{detail}");
        assert_eq!(guarded(|| 7), Ok(7));
    }
}
