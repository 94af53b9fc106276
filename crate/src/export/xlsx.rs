//! The workbook: a sheet per table, frozen header row, number and date formats, and
//! only values: no cell is ever a formula, and formula-like text is quote-prefixed.
//!
//! A value Excel cannot hold degrades in its own cell, never the whole file: a
//! text over Excel's 32 767 characters is cut with a mark, a date outside Excel's
//! calendar (1900-9999) is written as text, and rows past Excel's last row are
//! left out. A last sheet lists each such cell.

use super::zip_out::Zip;
use super::{is_formula_like, Cell, Table};
use crate::error::Error;
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The most characters (UTF-16 units) Excel keeps in a cell.
pub const MAX_CELL_TEXT: usize = 32_767;
/// Excel's last row (1-based), the header included.
const MAX_ROWS: usize = 1_048_576;
/// The mark at the end of a cut text.
const CUT_MARK: char = '…';
/// Altered cells listed one by one; past this only counted.
const LISTED: usize = 1000;

/// One cell written otherwise than the report has it.
#[derive(Clone, Debug, PartialEq)]
enum Altered {
    /// Cut to Excel's limit; `chars` is the full length.
    Cut { chars: usize },
    /// A date outside 1900..=9999, written as text.
    DateAsText,
    /// Rows from this one on were left out; `rows` of them.
    RowsLeftOut { rows: usize },
}

struct Note {
    sheet: String,
    row: u32,
    col: u16,
    what: Altered,
}

/// The cell styles of `xl/styles.xml`, by their index there.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Plain = 0,
    Bold = 1,
    Money = 2,
    Share = 3,
    Date = 4,
    /// Text that would read as a formula: shown as typed (Excel's quote prefix).
    Quoted = 5,
}

/// One worksheet as the writer needs it (its name is given up front, with the
/// others): column widths, whether the header row is frozen, and rows of cells.
struct Sheet<'a> {
    widths: Vec<f64>,
    frozen: bool,
    rows: Box<dyn Iterator<Item = Vec<(Style, Value<'a>)>> + 'a>,
}

/// What a cell holds once it is fit for Excel.
enum Value<'a> {
    Empty,
    Text(std::borrow::Cow<'a, str>),
    Number(f64),
}

pub fn write(
    tables: &[Table],
    as_of: NaiveDate,
    currency: Option<crate::currency::Currency>,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    // The altered cells first: the notes sheet is named in the parts written before
    // the sheets, which are streamed.
    let mut notes = Vec::new();
    for t in tables {
        let room = MAX_ROWS - 1;
        for (r, row) in t.rows.iter().take(room).enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Some(what) = altered(cell) {
                    notes.push(Note { sheet: t.title.clone(), row: r as u32 + 1, col: c as u16, what });
                }
            }
        }
        if t.rows.len() > room {
            let what = Altered::RowsLeftOut { rows: t.rows.len() - room };
            notes.push(Note { sheet: t.title.clone(), row: MAX_ROWS as u32, col: 0, what });
        }
    }
    let mut names: Vec<&str> = tables.iter().map(|t| t.title.as_str()).collect();
    if !notes.is_empty() {
        names.push(lang.t("altered.sheet"));
    }
    let mut book =
        Book::new(&names, as_of, &crate::format::excel_money(currency, lang), crate::format::excel_date(lang))?;
    for t in tables {
        let header = t.columns.iter().map(|c| (Style::Bold, Value::Text(c.as_str().into()))).collect();
        let body = t.rows.iter().take(MAX_ROWS - 1).map(|row| row.iter().map(cell_value).collect());
        let widths = (0..t.columns.len()).map(|c| if c == 0 { 40.0 } else { 16.0 }).collect();
        book.sheet(Sheet { widths, frozen: true, rows: Box::new(std::iter::once(header).chain(body)) })?;
    }
    if !notes.is_empty() {
        book.sheet(notes_sheet(&notes, lang))?;
    }
    book.finish()
}

/// How a cell is written otherwise than the report has it, if it is.
fn altered(cell: &Cell) -> Option<Altered> {
    match cell {
        Cell::Text(s) => fit(s).1.map(|chars| Altered::Cut { chars }),
        Cell::Date(Some(d)) if excel_date(*d).is_none() => Some(Altered::DateAsText),
        _ => None,
    }
}

/// A report cell as Excel holds it (see [`altered`] for the ones that change).
fn cell_value(cell: &Cell) -> (Style, Value<'_>) {
    match cell {
        Cell::Text(s) if s.is_empty() => (Style::Plain, Value::Empty),
        Cell::Text(s) => {
            let text = fit(s).0;
            let style = if is_formula_like(&text) { Style::Quoted } else { Style::Plain };
            (style, Value::Text(text))
        }
        Cell::Money(m) => (Style::Money, Value::Number(m.to_f64())),
        Cell::Int(i) => (Style::Plain, Value::Number(*i as f64)),
        Cell::Share(x) => (Style::Share, Value::Number(*x)),
        Cell::Date(Some(d)) => match excel_date(*d) {
            Some(serial) => (Style::Date, Value::Number(serial)),
            None => (Style::Plain, Value::Text(d.format("%d.%m.%Y").to_string().into())),
        },
        Cell::Date(None) => (Style::Plain, Value::Empty),
    }
}

/// The text as Excel can keep it, and its full length in characters when cut.
fn fit(s: &str) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    if s.len() <= MAX_CELL_TEXT || s.encode_utf16().count() <= MAX_CELL_TEXT {
        return (s.into(), None);
    }
    let mut units = 0;
    let end = s
        .char_indices()
        .find(|(_, ch)| {
            units += ch.len_utf16();
            units > MAX_CELL_TEXT - 1
        })
        .map_or(s.len(), |(i, _)| i);
    (format!("{}{CUT_MARK}", &s[..end]).into(), Some(s.chars().count()))
}

/// The date as Excel's serial day number, if Excel's calendar (1900-01-01..
/// 9999-12-31) has it. Day 1 is 1900-01-01, and Excel counts a 29 February 1900
/// that never was (day 60), so every later date is one more.
fn excel_date(d: NaiveDate) -> Option<f64> {
    if !(1900..=9999).contains(&d.year()) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 31)?;
    let leap_bug = NaiveDate::from_ymd_opt(1900, 3, 1)?;
    let days = (d - epoch).num_days() + i64::from(d >= leap_bug);
    Some(days as f64)
}

/// `A1`-style name of a cell (0-based row and column).
fn cell_name(row: u32, col: u16) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// The last sheet: each altered cell (the first [`LISTED`]) and how many in all.
fn notes_sheet<'a>(notes: &'a [Note], lang: Lang) -> Sheet<'a> {
    let text = |s: String| (Style::Plain, Value::Text(s.into()));
    let bold = |s: String| (Style::Bold, Value::Text(s.into()));
    let head = vec![bold(lang.f("altered.head", &[("total", &notes.len())]))];
    let titles = ["altered.col_sheet", "altered.col_cell", "altered.col_what"].map(|k| bold(lang.t(k).to_string()));
    let listed = notes.iter().take(LISTED).map(move |n| {
        let what = match &n.what {
            Altered::Cut { chars } => {
                lang.f("altered.cut", &[("chars", chars), ("mark", &CUT_MARK), ("max", &MAX_CELL_TEXT)])
            }
            Altered::DateAsText => lang.t("altered.date_as_text").to_string(),
            Altered::RowsLeftOut { rows } => lang.f("altered.rows_left_out", &[("rows", rows)]),
        };
        vec![(Style::Plain, Value::Text(n.sheet.as_str().into())), text(cell_name(n.row, n.col)), text(what)]
    });
    Sheet {
        widths: vec![24.0, 24.0, 80.0],
        frozen: false,
        rows: Box::new([head, titles.into()].into_iter().chain(listed)),
    }
}

fn export(e: io::Error) -> Error {
    Error::Export { detail: e.to_string() }
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The workbook being written: the package's fixed parts first, then each sheet
/// as it comes, deflated into the zip as it is written.
struct Book {
    zip: Zip,
    sheets: usize,
    written: usize,
}

impl Book {
    fn new(names: &[&str], as_of: NaiveDate, money: &str, date: &str) -> Result<Self, Error> {
        check_names(names)?;
        let mut zip = Zip::default();
        let n = names.len();
        let sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        let mut types = format!(
            "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             <Override PartName=\"/xl/styles.xml\" ContentType=\"{sheet_type}.styles+xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"{sheet_type}.sheet.main+xml\"/>"
        );
        for i in 1..=n {
            let _ = write!(
                types,
                "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{sheet_type}.worksheet+xml\"/>"
            );
        }
        types.push_str("</Types>");
        zip.part("[Content_Types].xml", |w| w.write_all(types.as_bytes())).map_err(export)?;
        let rels = format!(
            "{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">\
             <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"{PKG_REL_NS}/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             </Relationships>"
        );
        zip.part("_rels/.rels", |w| w.write_all(rels.as_bytes())).map_err(export)?;
        // A fixed creation time (the analysis date) keeps the bytes the same on
        // every run and target, and keeps the clock out of it.
        let created = format!("{:04}-{:02}-{:02}T00:00:00Z", as_of.year(), as_of.month(), as_of.day());
        let core = format!(
            "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified></cp:coreProperties>"
        );
        zip.part("docProps/core.xml", |w| w.write_all(core.as_bytes())).map_err(export)?;
        let mut book = format!(
            "{XML_HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><bookViews><workbookView/></bookViews><sheets>"
        );
        let mut book_rels = format!("{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">");
        for (i, name) in names.iter().enumerate() {
            let i = i + 1;
            let _ = write!(book, "<sheet name=\"{}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>", escape(name, true));
            let _ = write!(
                book_rels,
                "<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
            );
        }
        book.push_str("</sheets></workbook>");
        let _ = write!(
            book_rels,
            "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
            n + 1
        );
        zip.part("xl/workbook.xml", |w| w.write_all(book.as_bytes())).map_err(export)?;
        zip.part("xl/_rels/workbook.xml.rels", |w| w.write_all(book_rels.as_bytes())).map_err(export)?;
        let styles = styles(money, date);
        zip.part("xl/styles.xml", |w| w.write_all(styles.as_bytes())).map_err(export)?;
        Ok(Book { zip, sheets: n, written: 0 })
    }

    fn sheet(&mut self, sheet: Sheet) -> Result<(), Error> {
        self.written += 1;
        let first = self.written == 1;
        debug_assert!(self.written <= self.sheets);
        let name = format!("xl/worksheets/sheet{}.xml", self.written);
        self.zip.part(&name, |w| write_sheet(w, sheet, first)).map_err(export)
    }

    fn finish(self) -> Result<Vec<u8>, Error> {
        debug_assert_eq!(self.written, self.sheets);
        self.zip.finish().map_err(export)
    }
}

/// The styles, in [`Style`]'s order: plain, a bold header, money, a share, a date,
/// and quoted text. Fonts, fills and borders are the minimum Excel expects.
fn styles(money: &str, date: &str) -> String {
    let xf = |fmt: u32, font: u32, extra: &str| {
        let apply = if fmt > 0 {
            " applyNumberFormat=\"1\""
        } else if font > 0 {
            " applyFont=\"1\""
        } else {
            ""
        };
        format!("<xf numFmtId=\"{fmt}\" fontId=\"{font}\" fillId=\"0\" borderId=\"0\" xfId=\"0\"{apply}{extra}/>")
    };
    let xfs =
        [xf(0, 0, ""), xf(0, 1, ""), xf(164, 0, ""), xf(165, 0, ""), xf(166, 0, ""), xf(0, 0, " quotePrefix=\"1\"")];
    format!(
        "{XML_HEAD}<styleSheet xmlns=\"{MAIN_NS}\"><numFmts count=\"3\">\
         <numFmt numFmtId=\"164\" formatCode=\"{}\"/><numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>\
         <numFmt numFmtId=\"166\" formatCode=\"{}\"/></numFmts>\
         <fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
         <font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
         <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
         <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
         <cellXfs count=\"{}\">{}</cellXfs>\
         <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>",
        escape(money, true),
        escape(date, true),
        xfs.len(),
        xfs.concat()
    )
}

/// Excel's column width as stored: the width in characters plus the padding
/// Excel adds, rounded to its 1/256 steps (what Excel itself writes for `w`).
fn stored_width(w: f64) -> f64 {
    let pixels = (w * 7.0 + 5.0).trunc();
    ((pixels / 7.0) * 256.0).trunc() / 256.0
}

fn write_sheet(w: &mut dyn Write, sheet: Sheet, first: bool) -> io::Result<()> {
    write!(w, "{XML_HEAD}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheetViews><sheetView")?;
    if first {
        w.write_all(b" tabSelected=\"1\"")?;
    }
    w.write_all(b" workbookViewId=\"0\"")?;
    if sheet.frozen {
        w.write_all(b"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView>")?;
    } else {
        w.write_all(b"/>")?;
    }
    w.write_all(b"</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")?;
    if !sheet.widths.is_empty() {
        w.write_all(b"<cols>")?;
        for (i, width) in sheet.widths.iter().enumerate() {
            write!(w, "<col min=\"{0}\" max=\"{0}\" width=\"{1}\" customWidth=\"1\"/>", i + 1, stored_width(*width))?;
        }
        w.write_all(b"</cols>")?;
    }
    w.write_all(b"<sheetData>")?;
    let mut col_names: Vec<String> = Vec::new();
    for (r, cells) in sheet.rows.enumerate() {
        if cells.iter().all(|(_, v)| matches!(v, Value::Empty)) {
            continue;
        }
        let r = r + 1;
        write!(w, "<row r=\"{r}\">")?;
        for (c, (style, value)) in cells.iter().enumerate() {
            if c >= col_names.len() {
                col_names.extend((col_names.len()..=c).map(|c| column_letters(c as u16)));
            }
            let at = &col_names[c];
            let s = *style as u8;
            match value {
                Value::Empty => continue,
                Value::Number(x) if x.is_finite() => {
                    write!(w, "<c r=\"{at}{r}\"")?;
                    if s > 0 {
                        write!(w, " s=\"{s}\"")?;
                    }
                    write!(w, "><v>{}</v></c>", Number(*x))?;
                }
                // Excel has no NaN or infinity: the text says which it was.
                Value::Number(x) => write_text(w, at, r, s, &non_finite(*x))?,
                Value::Text(t) => write_text(w, at, r, s, t)?,
            }
        }
        w.write_all(b"</row>")?;
    }
    w.write_all(b"</sheetData></worksheet>")
}

fn non_finite(x: f64) -> String {
    if x.is_nan() {
        "NAN"
    } else if x > 0.0 {
        "INF"
    } else {
        "-INF"
    }
    .to_string()
}

/// A text cell, inline: the sheet streams, with no table of shared strings to hold.
fn write_text(w: &mut dyn Write, at: &str, r: usize, s: u8, text: &str) -> io::Result<()> {
    write!(w, "<c r=\"{at}{r}\"")?;
    if s > 0 {
        write!(w, " s=\"{s}\"")?;
    }
    let space = if text.starts_with(['\t', '\n', ' ']) || text.ends_with(['\t', '\n', ' ']) {
        " xml:space=\"preserve\""
    } else {
        ""
    };
    write!(w, " t=\"inlineStr\"><is><t{space}>{}</t></is></c>", escape(text, false))
}

/// A number as a cell value: digits as Rust prints the shortest exact form, with
/// an exponent for very large or small magnitudes.
struct Number(f64);

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.0.abs();
        if a == 0.0 || (1e-5..1e15).contains(&a) {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{:e}", self.0)
        }
    }
}

/// Text for XML: `&`, `<`, `>` (and `"` in an attribute) as entities; control
/// characters, which XML cannot hold, as Excel writes them (`_x0001_`), and so a
/// literal `_x0041_` gets its underscore escaped (`_x005F_x0041_`) to read back as typed.
fn escape(text: &str, attribute: bool) -> std::borrow::Cow<'_, str> {
    let special = |c: char| {
        matches!(c, '&' | '<' | '>' | '\u{FFFE}' | '\u{FFFF}')
            || (c < ' ' && !matches!(c, '\t' | '\n'))
            || (attribute && matches!(c, '"' | '\n'))
    };
    if !text.contains(special) && !text.contains("_x") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '_' if is_escape_like(&text[i..]) => out.push_str("_x005F_"),
            c if special(c) => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// `_xHHHH_` at the start of `s`: what Excel would read as an escaped character.
fn is_escape_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[6] == b'_' && b[2..6].iter().all(u8::is_ascii_hexdigit)
}

/// Sheet names as Excel takes them: 1-31 characters, none of `[]:*?/\`, not
/// starting or ending with an apostrophe, no two the same (Excel ignores case).
fn check_names(names: &[&str]) -> Result<(), Error> {
    for (i, name) in names.iter().enumerate() {
        let bad = if name.is_empty() || name.chars().count() > 31 {
            "must be 1 to 31 characters long"
        } else if name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
            "must not contain any of []:*?/\\"
        } else if name.starts_with('\'') || name.ends_with('\'') {
            "must not start or end with an apostrophe"
        } else if names[..i].iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            "is used twice"
        } else {
            continue;
        };
        return Err(Error::Export { detail: format!("sheet name '{name}' {bad}") });
    }
    Ok(())
}

/// Column letters of a 0-based column: A, B, .., Z, AA, ..
fn column_letters(col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};

    fn read_back(bytes: Vec<u8>) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn dates_excel_cannot_hold_are_written_as_text_and_listed() {
        let d = |y, m, day| Cell::Date(NaiveDate::from_ymd_opt(y, m, day));
        let table = Table {
            key: "clients",
            title: "Clients".into(),
            columns: vec!["Client".into(), "Last purchase".into()],
            rows: vec![
                vec![Cell::Text("A".into()), d(24, 2, 1)],
                vec![Cell::Text("B".into()), d(2024, 2, 1)],
                vec![Cell::Text("C".into()), d(1899, 12, 30)],
                vec![Cell::Text("D".into()), d(10_000, 1, 1)],
                // 67 436 wraps to 1900 as a u16: it must not become a 1900 date.
                vec![Cell::Text("E".into()), d(67_436, 3, 1)],
            ],
            list: true,
        };
        let as_of = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let mut book = read_back(write(&[table], as_of, None, Lang::En).unwrap());
        assert_eq!(book.sheet_names(), ["Clients", "Altered for Excel"]);
        let sheet = book.worksheet_range("Clients").unwrap();
        let col: Vec<String> = sheet.rows().skip(1).map(|r| r[1].to_string()).collect();
        assert_eq!(col[0], "01.02.0024");
        assert!(matches!(sheet.get((2, 1)), Some(Data::DateTime(_))), "{:?}", sheet.get((2, 1)));
        // The same text as the CSV list (chrono signs years past 9999).
        assert_eq!(col[2..], ["30.12.1899", "01.01.+10000", "01.03.+67436"]);
        let notes = book.worksheet_range("Altered for Excel").unwrap();
        let cells: Vec<String> = notes.rows().skip(2).map(|r| r[1].to_string()).collect();
        assert_eq!(cells, ["B2", "B4", "B5", "B6"]);
        assert!(notes.get((0, 0)).unwrap().to_string().contains("as they are: 4."));
    }

    #[test]
    fn texts_numbers_and_dates_read_back_as_written() {
        let text = |s: &str| Cell::Text(s.into());
        let hostile =
            ["a & b <c> \"d\"", "  spaced ", "tab\there\nline", "bell\u{7}null\u{0}", "_x0041_ stays", "=1+1"];
        let mut rows: Vec<Vec<Cell>> = hostile.iter().map(|s| vec![text(s), Cell::Int(1)]).collect();
        rows.push(vec![text("numbers"), Cell::Share(0.125), Cell::Int(-3), Cell::Share(1e-9), Cell::Share(2.5e20)]);
        let d = |y, m, day| Cell::Date(NaiveDate::from_ymd_opt(y, m, day));
        rows.push(vec![text("dates"), d(1900, 1, 1), d(1900, 2, 28), d(1900, 3, 1), d(2024, 2, 29)]);
        let table = Table {
            key: "t",
            title: "Tab & <co>".into(),
            columns: vec!["Name".into(), "A".into(), "B".into(), "C".into(), "D".into()],
            rows,
            list: true,
        };
        let as_of = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let bytes = write(&[table], as_of, None, Lang::En).unwrap();
        // Every part is well-formed XML.
        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        for i in 0..zip.len() {
            let mut part = String::new();
            std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut part).unwrap();
            roxmltree::Document::parse(&part).unwrap_or_else(|e| panic!("part {i}: {e}"));
        }
        let mut book = read_back(bytes);
        assert_eq!(book.sheet_names(), ["Tab & <co>"]);
        let sheet = book.worksheet_range("Tab & <co>").unwrap();
        let col0: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
        assert_eq!(col0[..6], hostile);
        let numbers = &sheet.rows().nth(7).unwrap()[1..];
        assert_eq!(numbers, [Data::Float(0.125), Data::Float(-3.0), Data::Float(1e-9), Data::Float(2.5e20)]);
        // Excel's serial days, with its 29 February 1900: 1, 59, then 61.
        let dates: Vec<f64> = sheet.rows().nth(8).unwrap()[1..]
            .iter()
            .map(|c| match c {
                Data::DateTime(dt) => dt.as_f64(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(dates, [1.0, 59.0, 61.0, 45_351.0]);
    }

    #[test]
    fn formula_like_text_is_quote_prefixed_and_styles_are_where_the_cells_say() {
        let styles = styles("#,##0.00\\ \"₽\"", "m/d/yyyy");
        roxmltree::Document::parse(&styles).unwrap();
        // Dates show in the report language's order (here English).
        assert!(styles.contains("formatCode=\"m/d/yyyy\""));
        let xfs: Vec<&str> = styles.split("<xf ").skip(2).collect();
        assert_eq!(xfs.len(), 6);
        assert!(xfs[Style::Bold as usize].contains("fontId=\"1\""));
        assert!(xfs[Style::Money as usize].contains("numFmtId=\"164\""));
        assert!(styles.contains("formatCode=\"#,##0.00\\ &quot;₽&quot;\""));
        assert!(xfs[Style::Share as usize].contains("numFmtId=\"165\""));
        assert!(xfs[Style::Date as usize].contains("numFmtId=\"166\""));
        assert!(xfs[Style::Quoted as usize].contains("quotePrefix=\"1\""));
        assert_eq!(cell_value(&Cell::Text("=SUM(A1)".into())).0 as u8, Style::Quoted as u8);
        assert_eq!(cell_value(&Cell::Text("plain".into())).0 as u8, Style::Plain as u8);
        assert_eq!(stored_width(40.0), 40.7109375);
        assert_eq!(stored_width(16.0), 16.7109375);
    }

    #[test]
    fn sheet_names_excel_refuses_are_an_error() {
        assert!(check_names(&["Clients", "ABC"]).is_ok());
        for bad in [vec!["a/b"], vec![""], vec!["x".repeat(32).leak() as &str], vec!["'q"], vec!["Same", "same"]] {
            assert!(matches!(check_names(&bad), Err(Error::Export { .. })), "{bad:?}");
        }
    }

    #[test]
    fn cell_names_count_columns_in_letters() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
