//! The workbook: a sheet per table, frozen header row, number and date formats, and
//! only values: no cell is ever a formula, and formula-like text is quote-prefixed.

use super::{is_formula_like, Cell, Table};
use crate::error::Error;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

pub fn write(tables: &[Table], as_of: NaiveDate) -> Result<Vec<u8>, Error> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Export { detail: e.to_string() };
    let mut book = Workbook::new();
    // A fixed creation time (the analysis date) keeps the bytes the same on every
    // run and target, and keeps the clock out of it.
    let created = ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8).map_err(fail)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let quoted = Format::new().set_quote_prefix();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.title).map_err(fail)?;
        for (c, title) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, title, &bold).map_err(fail)?;
            sheet.set_column_width(c as u16, if c == 0 { 40 } else { 16 }).map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) if is_formula_like(s) => {
                        sheet.write_string_with_format(r, c, s, &quoted).map_err(fail)?;
                    }
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s).map_err(fail)?;
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
                    Cell::Date(Some(d)) => {
                        let dt =
                            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(fail)?;
                        sheet.write_datetime_with_format(r, c, &dt, &date).map_err(fail)?;
                    }
                    Cell::Date(None) => {}
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}
