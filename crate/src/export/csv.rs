//! CSV for Excel: UTF-8 with a BOM so Excel reads Cyrillic; with `;` numbers use a
//! decimal comma (a Russian-locale Excel reads them as numbers), with `,` a point.
//! Dates follow the language: dd.mm.yyyy in Russian and Ukrainian, ISO yyyy-mm-dd
//! in English (every Excel locale reads ISO as a date, while m/d/yyyy is read as
//! d/m by a British one).

use super::{is_formula_like, Cell, Table};
use crate::Lang;

/// The delimiter of the language's Excel (`csvDefaultDelimiter` in the catalogue,
/// which the page's downloads card reads too): `;` for ru and uk, `,` for en.
pub fn default_delimiter(lang: Lang) -> u8 {
    lang.t("csvDefaultDelimiter").bytes().next().unwrap_or(b';')
}

pub fn write(t: &Table, delimiter: u8, lang: Lang) -> Vec<u8> {
    let comma = delimiter == b';';
    let date_format = if lang == Lang::En { "%Y-%m-%d" } else { "%d.%m.%Y" };
    let mut out = String::from("\u{feff}");
    let d = delimiter as char;
    let line = |cells: Vec<String>, out: &mut String| {
        let quoted: Vec<String> = cells.iter().map(|c| quote(c, d)).collect();
        out.push_str(&quoted.join(&d.to_string()));
        out.push_str("\r\n");
    };
    line(t.columns.clone(), &mut out);
    for row in &t.rows {
        let cells = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => neutralize(s),
                Cell::Money(m) => {
                    let s = m.to_string();
                    if comma {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
                Cell::Int(i) => i.to_string(),
                Cell::Date(d) => d.map(|d| d.format(date_format).to_string()).unwrap_or_default(),
                Cell::Share(x) => {
                    let s = format!("{:.1}%", x * 100.0);
                    if comma {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
            })
            .collect();
        line(cells, &mut out);
    }
    out.into_bytes()
}

/// A leading apostrophe makes a spreadsheet keep the text as text.
pub fn neutralize(s: &str) -> String {
    if is_formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn quote(s: &str, delimiter: char) -> String {
    if s.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
