//! The HTML report: one self-contained file (inline CSS and SVG charts, no
//! script, no external resource) that opens anywhere and prints to PDF. Every text
//! from the file is escaped.

use super::{Cell, Table};
use crate::chart::Chart;
use crate::lang::Lang;
use crate::report::Report;
use std::fmt::Write as _;

/// Rows of a list shown in the report; the downloads carry all of them.
const MAX_ROWS: usize = 500;

pub fn write(r: &Report, tables: &[Table], charts: &[Chart], lang: Lang) -> Vec<u8> {
    let mut h = String::with_capacity(64 * 1024);
    let code = match lang {
        Lang::Ru => "ru",
        Lang::Uk => "uk",
        Lang::En => "en",
    };
    let title = lang.t("export.clientscopeReport");
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{title} — {}</title><style>{CSS}</style></head><body>\n<h1>{title}</h1>\n",
        r.settings.as_of
    );
    let s = &r.settings;
    let _ = writeln!(
        h,
        "<p class=\"muted\">{} {} · {} {} — {} · ABC {}/{} %</p>",
        lang.t("asOfShort"),
        s.as_of,
        lang.t("export.window"),
        r.totals.window_start,
        s.as_of,
        s.abc_thresholds[0],
        s.abc_thresholds[1]
    );
    let a = &r.input.account;
    let _ = writeln!(
        h,
        "<h2>{}</h2><p>{} {}: {} {}, {} {}.</p>",
        lang.t("export.data"),
        lang.t("rowsRead"),
        a.rows_read,
        lang.t("rowsUsed"),
        a.rows_used,
        lang.t("rowsSkipped"),
        a.rows_skipped
    );
    let t = &r.totals;
    let _ = writeln!(
        h,
        "<dl><dt>{}</dt><dd id=\"revenue\">{}</dd><dt>{}</dt><dd id=\"clients\">{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} — {}</dd></dl>",
        lang.t("revenue"),
        t.revenue,
        lang.t("clients"),
        t.clients,
        lang.t("purchases"),
        t.purchases,
        lang.t("covered"),
        t.first_date,
        t.last_date
    );
    if !charts.is_empty() {
        let _ = writeln!(h, "<h2>{}</h2>", lang.t("export.charts"));
        for c in charts {
            // The SVG carries its own title, text and theme style; it is ours, and
            // every name inside it is escaped.
            let _ = writeln!(h, "<figure class=\"chart\" id=\"chart-{}\">{}</figure>", c.name, c.svg.trim_end());
        }
    }
    for table in tables {
        let _ = writeln!(h, "<h2>{}</h2>", escape(&table.title));
        h.push_str("<table><thead><tr>");
        for c in &table.columns {
            let _ = write!(h, "<th>{}</th>", escape(c));
        }
        h.push_str("</tr></thead><tbody>\n");
        for row in table.rows.iter().take(MAX_ROWS) {
            h.push_str("<tr>");
            for cell in row {
                let (class, text) = match cell {
                    Cell::Text(s) => ("", escape(s)),
                    Cell::Money(m) => (" class=\"num\"", m.to_string()),
                    Cell::Int(i) => (" class=\"num\"", i.to_string()),
                    Cell::Share(x) => (" class=\"num\"", format!("{:.1} %", x * 100.0)),
                    Cell::Date(d) => ("", d.map(|d| d.to_string()).unwrap_or_default()),
                };
                let _ = write!(h, "<td{class}>{text}</td>");
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table>\n");
        if table.rows.len() > MAX_ROWS {
            let _ = writeln!(
                h,
                "<p class=\"muted\">{} {MAX_ROWS} {} {}; {}</p>",
                lang.t("export.showingTheFirst"),
                lang.t("chart.of"),
                table.rows.len(),
                lang.t("export.theFullListIsIn")
            );
        }
    }
    if let Some(c) = &r.settings.consultant {
        let who: Vec<String> = [&c.name, &c.contact].iter().filter(|t| !t.is_empty()).map(|t| escape(t)).collect();
        let _ = writeln!(h, "<footer id=\"consultant\">{} {}</footer>", lang.t("export.preparedBy"), who.join(" · "));
    }
    h.push_str("</body></html>\n");
    h.into_bytes()
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1c2430}h1{font-size:1.5rem}\
h2{font-size:1.15rem;margin-top:1.6rem}.muted{color:#5b6675}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #dde2e8;padding:.3rem .5rem;text-align:left}.num{text-align:right;\
font-variant-numeric:tabular-nums;white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;\
gap:.2rem 1rem}dd{margin:0}footer{margin-top:2rem;padding-top:.6rem;border-top:1px solid #dde2e8;font-weight:600}\
figure.chart{margin:1rem 0}.cs-chart{display:block;max-width:100%;height:auto}\
@media screen and (prefers-color-scheme:dark){body{background:#161B22;color:#E6E9EE}.muted{color:#A4AFBD}\
th,td,footer{border-color:#313A46}}@media print{body{margin:0}tr,figure{break-inside:avoid}}";
