//! Downloads: the Report turned into tables, and the tables into CSV call lists, an
//! XLSX workbook and a self-contained HTML report. The page and the CLI (`--out`)
//! get the same bytes for the same file and settings.

mod calls;
pub mod csv;
mod dynamics;
mod html;
mod segments;
mod tables;
mod xlsx;
mod zip_out;

pub use calls::sheet_name;
pub use dynamics::{flag_text, flag_text_with};
pub use tables::{Cell, Table};

/// Every table of the Report, in the order the downloads list them. Defined here so
/// that `tables` (cells, titles, the first two tables) depends on none of its siblings.
pub fn tables(r: &Report, lang: Lang) -> Vec<Table> {
    let mut out = vec![tables::abc(r, lang), tables::clients(r, lang)];
    out.extend(dynamics::tables(r, lang));
    out.extend(segments::tables(r, lang));
    out
}

use crate::error::Error;
use crate::lang::Lang;
use crate::report::Report;

#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Text that a spreadsheet would take for a formula or a control sequence: it
/// starts, after spaces, with `=`, `+`, `-`, `@`, a tab, CR or LF.
pub fn is_formula_like(s: &str) -> bool {
    s.trim_start_matches(' ').starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])
}

/// Every download for a report: one CSV per list, the workbook, the HTML report
/// (with the charts inline; the page shows them through `Session.charts`).
/// `csv_delimiter` is `;` (Excel in Russian and Ukrainian locales, decimal comma)
/// or `,` (decimal point).
pub fn downloads(report: &Report, lang: Lang, csv_delimiter: u8) -> Result<Vec<Download>, Error> {
    only(report, lang, csv_delimiter, "")
}

/// The downloads whose names end with `suffix` ("" for all): a list's own button
/// builds its CSV without also writing the workbook and the HTML report.
pub fn only(report: &Report, lang: Lang, csv_delimiter: u8, suffix: &str) -> Result<Vec<Download>, Error> {
    let tables = tables(report, lang);
    let stem = stem(report);
    let mut out = Vec::new();
    for t in tables.iter().filter(|t| t.list) {
        let name = format!("{stem}-{}.csv", t.key);
        if name.ends_with(suffix) {
            out.push(Download { name, mime: "text/csv;charset=utf-8", bytes: csv::write(t, csv_delimiter, lang) });
        }
    }
    let xlsx = format!("{stem}.xlsx");
    if xlsx.ends_with(suffix) {
        out.push(Download {
            name: xlsx,
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: xlsx::write(&tables, report.settings.as_of, report.settings.currency, lang)?,
        });
    }
    // Each manager's call list, a sheet per manager (none without a manager column).
    let calls = format!("{stem}-calls.xlsx");
    if calls.ends_with(suffix) && report.team.has_managers {
        out.push(Download {
            name: calls,
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: xlsx::write(&calls::tables(report, lang), report.settings.as_of, report.settings.currency, lang)?,
        });
    }
    let html = format!("{stem}-report.html");
    if html.ends_with(suffix) {
        out.push(Download {
            name: html,
            mime: "text/html;charset=utf-8",
            bytes: html::write(report, &tables, &crate::chart::from_report(report, lang), lang),
        });
    }
    Ok(out)
}

/// `clientscope-2025-12-28-abc80-95`: the analysis date and the settings that
/// change the lists.
fn stem(r: &Report) -> String {
    let [a, b] = r.settings.abc_thresholds;
    format!("clientscope-{}-abc{a}-{b}-w{}", r.settings.as_of, r.settings.window)
}
