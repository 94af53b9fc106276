//! Spreadsheets (XLSX, XLS, ODS) through calamine: the chosen sheet's rows as text
//! cells, numbers written plainly with `.` decimals and dates as ISO dates.

use super::records::Emit;
use crate::error::Error;
use calamine::{Data, Reader};
use std::io::{Read, Seek, SeekFrom};

pub struct Workbook {
    pub sheets: Vec<String>,
    pub chosen: String,
}

/// Reads `bytes` and emits the rows of `wanted`, or of the first sheet with at
/// least two filled rows. Row numbers are the spreadsheet's own (1-based).
pub fn read(bytes: Vec<u8>, wanted: Option<&str>, emit: &mut Emit<'_>) -> Result<Workbook, Error> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        check_compound_file(&bytes)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Padded::new(bytes))
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

/// calamine trusts an XLS file's sector chains: a looping chain grows memory
/// without end and an index past the table panics, and either kills a wasm
/// instance. The `cfb` crate checks the container (chains in range, no loops) and
/// reads the workbook stream through it first; only a sound file goes on.
fn check_compound_file(bytes: &[u8]) -> Result<(), Error> {
    let bad = |e: std::io::Error| Error::Unreadable { detail: e.to_string() };
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(bad)?;
    let stream = ["/Workbook", "/Book"].into_iter().find(|p| file.is_stream(p));
    let Some(stream) = stream else {
        return Err(Error::Unreadable { detail: "no Workbook stream".to_string() });
    };
    let mut sink = Vec::new();
    file.open_stream(stream).map_err(bad)?.read_to_end(&mut sink).map_err(bad)?;
    Ok(())
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
