//! The workbook: a sheet per table, frozen header row, number and date formats, and
//! only values: no cell is ever a formula, and formula-like text is quote-prefixed.
//!
//! A value Excel cannot hold degrades in its own cell, never the whole file: a
//! text over Excel's 32 767 characters is cut with a mark, a date outside Excel's
//! calendar (1900-9999) is written as text, and rows past Excel's last row are
//! left out. A last sheet lists each such cell.

use super::{is_formula_like, Cell, Table};
use crate::error::Error;
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

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

pub fn write(
    tables: &[Table],
    as_of: NaiveDate,
    currency: Option<crate::currency::Currency>,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Export { detail: e.to_string() };
    let mut book = Workbook::new();
    // A fixed creation time (the analysis date) keeps the bytes the same on every
    // run and target, and keeps the clock out of it.
    let created = ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8).map_err(fail)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(crate::format::excel_money(currency, lang));
    let share = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let quoted = Format::new().set_quote_prefix();
    let mut notes: Vec<Note> = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.title).map_err(fail)?;
        for (c, title) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, title, &bold).map_err(fail)?;
            sheet.set_column_width(c as u16, if c == 0 { 40 } else { 16 }).map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        let room = MAX_ROWS - 1;
        if t.rows.len() > room {
            let what = Altered::RowsLeftOut { rows: t.rows.len() - room };
            notes.push(Note { sheet: t.title.clone(), row: MAX_ROWS as u32, col: 0, what });
        }
        for (r, row) in t.rows.iter().take(room).enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let mut note = |what| notes.push(Note { sheet: t.title.clone(), row: r, col: c, what });
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        let (text, cut) = fit(s);
                        if let Some(chars) = cut {
                            note(Altered::Cut { chars });
                        }
                        if is_formula_like(&text) {
                            sheet.write_string_with_format(r, c, &*text, &quoted).map_err(fail)?;
                        } else {
                            sheet.write_string(r, c, &*text).map_err(fail)?;
                        }
                    }
                    Cell::Money(m) => {
                        sheet.write_number_with_format(r, c, m.to_f64(), &money).map_err(fail)?;
                    }
                    Cell::Int(i) => {
                        sheet.write_number(r, c, *i as f64).map_err(fail)?;
                    }
                    Cell::Share(x) => {
                        sheet.write_number_with_format(r, c, *x, &share).map_err(fail)?;
                    }
                    Cell::Date(Some(d)) => match excel_date(*d) {
                        Some(dt) => {
                            sheet.write_datetime_with_format(r, c, &dt, &date).map_err(fail)?;
                        }
                        None => {
                            note(Altered::DateAsText);
                            sheet.write_string(r, c, d.format("%d.%m.%Y").to_string()).map_err(fail)?;
                        }
                    },
                    Cell::Date(None) => {}
                }
            }
        }
    }
    if !notes.is_empty() {
        let sheet = book.add_worksheet();
        write_notes(sheet, &notes, lang, &bold).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
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

/// The date as an Excel date, if Excel's calendar (1900-01-01..9999-12-31) has it.
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// `A1`-style name of a cell (0-based row and column).
fn cell_name(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// The last sheet: each altered cell (the first [`LISTED`]) and how many in all.
fn write_notes(
    sheet: &mut Worksheet,
    notes: &[Note],
    lang: Lang,
    bold: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_name(lang.t("altered.sheet"))?;
    let total = notes.len();
    sheet.write_string_with_format(0, 0, lang.f("altered.head", &[("total", &total)]), bold)?;
    let titles = [lang.t("altered.col_sheet"), lang.t("altered.col_cell"), lang.t("altered.col_what")];
    for (c, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *t, bold)?;
        sheet.set_column_width(c as u16, if c == 2 { 80 } else { 24 })?;
    }
    for (i, n) in notes.iter().take(LISTED).enumerate() {
        let r = i as u32 + 2;
        let what = match &n.what {
            Altered::Cut { chars } => {
                lang.f("altered.cut", &[("chars", chars), ("mark", &CUT_MARK), ("max", &MAX_CELL_TEXT)])
            }
            Altered::DateAsText => lang.t("altered.date_as_text").to_string(),
            Altered::RowsLeftOut { rows } => lang.f("altered.rows_left_out", &[("rows", rows)]),
        };
        sheet.write_string(r, 0, n.sheet.as_str())?;
        sheet.write_string(r, 1, cell_name(n.row, n.col))?;
        sheet.write_string(r, 2, what)?;
    }
    Ok(())
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
    fn cell_names_count_columns_in_letters() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
