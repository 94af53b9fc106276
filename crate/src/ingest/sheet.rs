//! Spreadsheets (XLSX, XLS, ODS) through calamine: the chosen sheet's rows as text
//! cells, numbers written plainly with `.` decimals and dates as ISO dates.

use crate::error::Error;
use calamine::{Data, Reader};
use std::io::Cursor;

pub struct Workbook {
    pub sheets: Vec<String>,
    pub chosen: String,
}

/// Reads `bytes` and emits the rows of `wanted`, or of the first sheet with at
/// least two filled rows. Row numbers are the spreadsheet's own (1-based).
pub fn read(
    bytes: Vec<u8>,
    wanted: Option<&str>,
    emit: &mut dyn FnMut(&[&str], u64) -> Result<(), Error>,
) -> Result<Workbook, Error> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Error::Unreadable { detail: e.to_string() })?;
    let sheets = book.sheet_names();
    let mut chosen = None;
    for name in &sheets {
        if wanted.is_some_and(|w| w != name) {
            continue;
        }
        let Ok(range) = book.worksheet_range(name) else {
            continue;
        };
        let filled = range.rows().filter(|r| r.iter().any(|c| *c != Data::Empty)).take(2).count();
        if filled >= 2 || wanted.is_some() {
            chosen = Some((name.clone(), range));
            break;
        }
    }
    let Some((name, range)) = chosen else {
        return match wanted {
            Some(w) => Err(Error::NoSuchSheet { sheet: w.to_string(), sheets }),
            None => Err(Error::Empty),
        };
    };
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut cells: Vec<String> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        cells.clear();
        cells.extend(row.iter().map(cell_text));
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        emit(&refs, first_row + i as u64 + 1)?;
    }
    Ok(Workbook { sheets, chosen: name })
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

/// Excel's day count from 1899-12-30 to an ISO date (the time of day is dropped).
fn serial_to_iso(serial: f64) -> String {
    let days = libm::floor(serial) as i64;
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
        .map_or_else(String::new, |d| d.to_string())
}
