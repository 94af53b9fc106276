//! Limits a spreadsheet is checked against before calamine reads it. calamine
//! allocates what a file declares (a sheet's dimensions, a zip part's size) and
//! indexes records it trusts; in wasm one oversized allocation or one panic ends the
//! worker. These checks read only the container's own tables (the zip central
//! directory, the BIFF record headers), so they cost little and allocate nothing
//! the file did not already take.

use crate::error::{Error, SheetLimit};
use quick_xml::events::Event;
use std::io::Read;

/// Cells of one sheet's grid, counted as calamine lays them out (every cell of the
/// bounding box, filled or not): 2^25, twice the most an XLS sheet can hold
/// (65 536 rows x 256 columns). calamine keeps each as a 32-byte value, so 1 GiB.
pub const MAX_CELLS: u64 = 1 << 25;
/// Everything inside an XLSX/ODS archive once unpacked, summed over its parts.
pub const MAX_UNPACKED_MB: u64 = 1024;
/// The parts calamine keeps whole in memory (all but XLSX worksheets, which are
/// streamed): shared strings, styles, an ODS's content. The same figure as the
/// largest spreadsheet file taken.
pub const MAX_HELD_MB: u64 = super::MAX_WHOLE_FILE_MB;

fn too_large(mb: u64) -> Error {
    Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb } }
}

/// Checks an XLSX or ODS archive from its central directory before calamine
/// unpacks anything: the unpacked sizes the directory declares (the zip reader
/// refuses a part that inflates past its declared size, so they bound what
/// calamine can unpack), the shared-string count calamine reserves room for, and
/// an ODS sheet's grid.
pub fn check_zip(bytes: &[u8], ods: bool) -> Result<(), Error> {
    let bad = |e: zip::result::ZipError| Error::Unreadable { detail: e.to_string() };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let (mut total, mut held) = (0u64, 0u64);
    let mut strings = None;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(bad)?;
        let name = part.name().map_err(bad)?.to_ascii_lowercase();
        total = total.saturating_add(part.size());
        if ods || !name.contains("worksheets/") {
            held = held.saturating_add(part.size());
        }
        if !ods && name.ends_with("sharedstrings.xml") {
            strings = Some(i);
        }
        // XLSB (binary parts) would pass calamine's grid unchecked; not offered.
        if !ods && name.ends_with("workbook.bin") {
            return Err(Error::UnsupportedFormat { format: "XLSB" });
        }
    }
    if held > MAX_HELD_MB << 20 {
        return Err(too_large(MAX_HELD_MB));
    }
    if total > MAX_UNPACKED_MB << 20 {
        return Err(too_large(MAX_UNPACKED_MB));
    }
    if let Some(i) = strings {
        // calamine reserves a String (24 bytes) per declared unique string.
        let declared = unique_count(archive.by_index(i).map_err(bad)?);
        let room = declared.saturating_mul(std::mem::size_of::<String>() as u64);
        if held.saturating_add(room) > MAX_HELD_MB << 20 {
            return Err(too_large(MAX_HELD_MB));
        }
    }
    if ods {
        if let Ok(content) = archive.by_name("content.xml") {
            check_ods_grid(content)?;
        }
    }
    Ok(())
}

/// The largest `uniqueCount="N"` before the first string: what calamine reads
/// from the `<sst>` tag to reserve its table.
fn unique_count(part: impl Read) -> u64 {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut most = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if e.local_name().as_ref() == "si" {
                    break;
                }
                for a in e.attributes().flatten() {
                    if a.key.local_name().as_ref() == "uniqueCount" {
                        // A count too long for u64 is as good as infinite.
                        most = most.max(a.value.trim().parse::<u64>().unwrap_or(u64::MAX));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    most
}

/// calamine's ODS reader keeps every row's cells (repeated columns spelt out, up
/// to 16 384 a row), then lays the sheet out from its first to its last filled
/// cell with repeated rows spelt out (up to 1 048 576 rows). Both counts must fit
/// [`MAX_CELLS`]; they are taken from the XML's events alone.
fn check_ods_grid(content: impl Read) -> Result<(), Error> {
    const MAX_ROWS: u64 = 1 << 20;
    const MAX_COLUMNS: u64 = 1 << 14;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut sheet = OdsSheet::new();
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" => sheet = OdsSheet::new(),
                "table:table-row" => {
                    let repeats = repeats(e, "table:number-rows-repeated");
                    sheet.row_repeats = repeats.min(MAX_ROWS.saturating_sub(sheet.rows));
                    sheet.rows = sheet.rows.saturating_add(sheet.row_repeats);
                    sheet.col = 0;
                    sheet.row_last = None;
                    if empty {
                        sheet.end_row()?;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated").min(MAX_COLUMNS.saturating_sub(sheet.col));
                    let typed = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                    if (typed || !empty) && n > 0 {
                        sheet.col_first = sheet.col_first.min(sheet.col);
                        sheet.row_last = Some(sheet.col + n - 1);
                    }
                    sheet.col += n;
                }
                _ => {}
            }
        } else if let Event::End(e) = &event {
            if e.name().as_ref() == "table:table-row" {
                sheet.end_row()?;
            }
        }
    }
    Ok(())
}

/// A repeat count; one that does not parse counts once (calamine refuses it).
fn repeats(e: &quick_xml::events::BytesStart<'_>, key: &str) -> u64 {
    let value = e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.trim().parse().unwrap_or(1));
    value.unwrap_or(1)
}

struct OdsSheet {
    /// Rows so far, repeats spelt out (capped as calamine caps them).
    rows: u64,
    row_repeats: u64,
    col: u64,
    /// The last filled column of the current row.
    row_last: Option<u64>,
    /// Cells calamine keeps before laying the sheet out.
    kept: u64,
    first_row: Option<u64>,
    last_row: u64,
    col_first: u64,
    col_last: u64,
}

impl OdsSheet {
    fn new() -> OdsSheet {
        OdsSheet {
            rows: 0,
            row_repeats: 0,
            col: 0,
            row_last: None,
            kept: 0,
            first_row: None,
            last_row: 0,
            col_first: u64::MAX,
            col_last: 0,
        }
    }

    fn end_row(&mut self) -> Result<(), Error> {
        if let Some(last) = self.row_last.take() {
            let first = *self.first_row.get_or_insert(self.rows - self.row_repeats);
            self.last_row = self.rows.saturating_sub(1);
            self.col_last = self.col_last.max(last);
            self.kept = self.kept.saturating_add(last + 1);
            check_area(self.kept)?;
            let width = self.col_last.saturating_sub(self.col_first) + 1;
            check_area((self.last_row.saturating_sub(first) + 1).saturating_mul(width))?;
        }
        Ok(())
    }
}

/// The BIFF records of an XLS workbook stream (its bytes, read through the `cfb`
/// crate), checked and made safe for calamine, which indexes record bytes without
/// checking them: every sheet's declared dimensions and the box its cell records
/// span must fit [`MAX_CELLS`]; shared-string copies must fit [`MAX_HELD_MB`]; a
/// record too short for what calamine reads from it is refused; formulas (whose
/// token parser is the least checked part, and whose text is never used: cells
/// keep their cached values) are emptied in place.
pub fn check_biff(stream: &mut [u8]) -> Result<(), Error> {
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    // Characters of each shared string, and what the cells pointing at them
    // come to: calamine gives every such cell its own copy.
    let mut sst: Vec<u32> = Vec::new();
    let mut copied = 0u64;
    let total = stream.len();
    let mut at = 0;
    let damaged = |what: &str| Error::Unreadable { detail: format!("a damaged {what} record") };
    while at + 4 <= total {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let start = at + 4;
        if start + len > total {
            break;
        }
        at = start + len;
        let data = &mut stream[start..start + len];
        let u16_at = |d: &[u8], i: usize| u16::from_le_bytes([d[i], d[i + 1]]);
        match typ {
            // FilePass, CodePage, DateMode, ExternSheet, BOF: a u16 first.
            0x002F | 0x0042 | 0x0022 | 0x0017 | 0x0809 if len < 2 => return Err(damaged("header")),
            // BOF: a new substream (sheet); its cells make a new box.
            0x0809 => check_box(bbox.take())?,
            0x0200 => match declared_area(data) {
                None => return Err(damaged("dimensions")),
                Some(cells) => check_area(cells)?,
            },
            // BoundSheet8: where the sheet's records start, its state, type and
            // name; calamine slices the stream there and reads the name unchecked.
            0x0085 => {
                let pos = data.get(..4).map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as usize);
                if len < 8 || pos.is_none_or(|p| p >= total) {
                    return Err(Error::Unreadable { detail: "a sheet entry points outside the workbook".to_string() });
                }
            }
            // Lbl (a defined name): fixed part of 14 bytes; its formula is emptied.
            0x0018 if len < 14 => return Err(damaged("name")),
            0x0018 => data[4..6].fill(0),
            // Formula: row, column, format, cached value (14 bytes), flags, cce.
            0x0006 if len < 22 => return Err(damaged("formula")),
            0x0006 => data[20..22].fill(0),
            // MergeCells: a count, then 8 bytes each.
            0x00E5 if len < 2 || 2 + 8 * usize::from(u16_at(data, 0)) > len => return Err(damaged("merged cells")),
            0x00FC => {
                let end = continued_end(stream, at);
                let mut segments = vec![&stream[start..start + len]];
                let mut p = at;
                while p < end {
                    let l = usize::from(u16::from_le_bytes([stream[p + 2], stream[p + 3]]));
                    segments.push(&stream[p + 4..p + 4 + l]);
                    p += 4 + l;
                }
                sst = shared_string_lengths(&segments).ok_or_else(|| damaged("shared strings"))?;
                at = end;
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if len >= 4 => {
                grow(&mut bbox, u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
                if typ == 0x00FD && len >= 10 {
                    let i = u32::from_le_bytes([data[6], data[7], data[8], data[9]]);
                    let chars = sst.get(i as usize).copied().unwrap_or(0);
                    // Up to 3 bytes of UTF-8 for each UTF-16 unit.
                    copied = copied.saturating_add(u64::from(chars) * 3);
                    if copied > MAX_HELD_MB << 20 {
                        return Err(too_large(MAX_HELD_MB));
                    }
                }
            }
            // MulRk: row, first column, 6 bytes a cell, last column.
            0x00BD if len >= 6 => {
                let (row, first, last) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, len - 2));
                if last < first {
                    return Err(damaged("cell"));
                }
                grow(&mut bbox, u32::from(row), u32::from(first));
                grow(&mut bbox, u32::from(row), u32::from(last));
            }
            _ => {}
        }
        if typ == 0x0006 {
            let data = &stream[start..start + len];
            grow(&mut bbox, u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
        }
    }
    check_box(bbox)
}

/// Where the CONTINUE records (0x003C) after the record ending at `at` end.
fn continued_end(stream: &[u8], mut at: usize) -> usize {
    while at + 4 <= stream.len() && u16::from_le_bytes([stream[at], stream[at + 1]]) == 0x003C {
        let l = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        if at + 4 + l > stream.len() {
            break;
        }
        at += 4 + l;
    }
    at
}

/// The character count of each string in a shared string table [MS-XLS 2.4.265]
/// spread over an SST record and its CONTINUE records; a string's characters may
/// cross into the next record, which then starts with a new width flag. `None` when
/// a string's header (count, flags, run count, extension size) does not fit in the
/// record it starts in: calamine reads the header from that record alone and would
/// index past its end (found by the xls fuzz target).
fn shared_string_lengths(segments: &[&[u8]]) -> Option<Vec<u32>> {
    let mut cur = Cursor { segments, seg: 0, pos: 8 };
    let mut out = Vec::new();
    while cur.settle() {
        let room = cur.left();
        let Some(cch) = cur.u16() else { break };
        let Some(flags) = cur.u8() else { break };
        let header = 3 + if flags & 0x08 != 0 { 2 } else { 0 } + if flags & 0x04 != 0 { 4 } else { 0 };
        if room < header {
            return None;
        }
        let runs = if flags & 0x08 != 0 { cur.u16().unwrap_or(0) } else { 0 };
        let ext = if flags & 0x04 != 0 { cur.u32().unwrap_or(0) } else { 0 };
        out.push(u32::from(cch));
        if !cur.chars(usize::from(cch), flags & 1 != 0) || !cur.skip(usize::from(runs) * 4) || !cur.skip(ext as usize) {
            break;
        }
    }
    Some(out)
}

struct Cursor<'a> {
    segments: &'a [&'a [u8]],
    seg: usize,
    pos: usize,
}

impl Cursor<'_> {
    fn left(&self) -> usize {
        self.segments.get(self.seg).map_or(0, |s| s.len().saturating_sub(self.pos))
    }

    /// Moves to the next segment once this one is used up.
    fn settle(&mut self) -> bool {
        while self.left() == 0 {
            if self.seg + 1 >= self.segments.len() {
                return false;
            }
            self.seg += 1;
            self.pos = 0;
        }
        true
    }

    fn skip(&mut self, mut n: usize) -> bool {
        while n > 0 {
            if !self.settle() {
                return false;
            }
            let step = n.min(self.left());
            self.pos += step;
            n -= step;
        }
        true
    }

    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut out = [0u8; N];
        for b in &mut out {
            if !self.settle() {
                return None;
            }
            *b = self.segments[self.seg][self.pos];
            self.pos += 1;
        }
        Some(out)
    }

    fn u8(&mut self) -> Option<u8> {
        self.bytes::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.bytes().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.bytes().map(u32::from_le_bytes)
    }

    /// Skips `n` characters, one or two bytes each; a CONTINUE record met on the
    /// way restates the width in its first byte.
    fn chars(&mut self, mut n: usize, mut wide: bool) -> bool {
        loop {
            let width = if wide { 2 } else { 1 };
            let here = (self.left() / width).min(n);
            self.pos += here * width;
            n -= here;
            if n == 0 {
                return true;
            }
            if self.seg + 1 >= self.segments.len() {
                return false;
            }
            self.seg += 1;
            self.pos = 0;
            match self.u8() {
                Some(flag) => wide = flag & 1 != 0,
                None => return false,
            }
        }
    }
}

fn grow(bbox: &mut Option<(u32, u32, u32, u32)>, row: u32, col: u32) {
    let b = bbox.get_or_insert((row, row, col, col));
    *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
}

fn check_box(bbox: Option<(u32, u32, u32, u32)>) -> Result<(), Error> {
    match bbox {
        Some((r0, r1, c0, c1)) => check_area(u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)),
        None => Ok(()),
    }
}

/// The cells calamine reserves for a DIMENSIONS record, computed as it does;
/// `None` when the last row or column comes before the first.
fn declared_area(r: &[u8]) -> Option<u64> {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return Some(0),
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Some(1);
    }
    // Last before first: calamine's `end - start + 1` overflows (a panic with
    // overflow checks, a wrapped size without): a damaged record.
    if rl - 1 < rf || cl - 1 < cf {
        return None;
    }
    Some(u64::from(rl - rf) * u64::from(cl - cf))
}

pub fn check_area(cells: u64) -> Result<(), Error> {
    if cells > MAX_CELLS {
        return Err(Error::SheetTooLarge { limit: SheetLimit::Cells { max: MAX_CELLS } });
    }
    Ok(())
}

/// The XLS file as calamine gets it: the workbook stream, read through the `cfb`
/// crate (which checks the container where calamine trusts it: sector chains in
/// range, no loops), checked and made safe by [`check_biff`], in a fresh container
/// of its own.
pub fn xls_checked(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let mut stream = xls_workbook_stream(bytes)?;
    check_biff(&mut stream)?;
    let fail = |e: std::io::Error| Error::Unreadable { detail: e.to_string() };
    // Version 3 (512-byte sectors), as Excel writes: calamine refuses a version 4
    // file whose root has no mini stream.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new())).map_err(fail)?;
    std::io::Write::write_all(&mut file.create_stream("/Workbook").map_err(fail)?, &stream).map_err(fail)?;
    file.flush().map_err(fail)?;
    Ok(file.into_inner().into_inner())
}

fn xls_workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let bad = |e: std::io::Error| Error::Unreadable { detail: e.to_string() };
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(bad)?;
    let stream = ["/Workbook", "/Book"].into_iter().find(|p| file.is_stream(p));
    let Some(stream) = stream else {
        return Err(Error::Unreadable { detail: "no Workbook stream".to_string() });
    };
    let mut out = Vec::new();
    file.open_stream(stream).map_err(bad)?.read_to_end(&mut out).map_err(bad)?;
    Ok(out)
}
