//! The HTML report: a document a consultant sends. Page one says what matters in
//! plain words with money (key figures, the findings that cost or earn the most,
//! what to do first); then the leaving list and the call lists (their first rows:
//! the full lists are in the XLSX and CSV); then the segment tables with their
//! charts, and what was read from the file. One self-contained file (inline CSS
//! and SVG, no script, no external resource) that prints to a few A4 pages.
//! Numbers are written in the report's language and never break across lines;
//! every text from the file is escaped.

use super::{Cell, Table};
use crate::chart::Chart;
use crate::currency::Currency;
use crate::format;
use crate::headline::{self, Figure, Headline};
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use std::collections::HashMap;
use std::fmt::Write as _;

mod forecast;

/// Rows of the leaving list in the report; the downloads carry all of them.
pub const LEAVING_ROWS: usize = 15;
/// Rows of each win-back group and of the one-time buyers.
pub const CALL_ROWS: usize = 6;
/// Products named in a "stopped buying" fact of the leaving table.
const NAMES: usize = 2;
/// A text column most of whose cells run longer than this (playbooks, actions)
/// stays in the workbook: in a printed table it takes lines a row.
const LONG_TEXT: usize = 45;

/// The segment tables in the report's order: table key, the headline's section,
/// the analysis whose shortfall replaces the table, and the charts after it.
const SEGMENTS: [(&str, &str, &str, &[&str]); 9] = [
    ("lifecycle", "leakage", "", &["pool"]),
    ("abc", "abc", "", &[]),
    ("matrix", "matrix", "xyz", &["abc-xyz"]),
    ("xyz", "xyz", "xyz", &[]),
    ("concentration", "concentration", "concentration", &["pareto"]),
    ("abcdx", "abcdx", "", &[]),
    ("rfm", "rfm", "rfm", &[]),
    ("quadrants", "", "", &[]),
    ("nps", "", "", &[]),
];

struct Doc<'a> {
    r: &'a Report,
    lang: Lang,
    cur: Option<Currency>,
    h: String,
}

pub fn write(r: &Report, tables: &[Table], charts: &[Chart], lang: Lang) -> Vec<u8> {
    let mut d = Doc { r, lang, cur: r.settings.currency, h: String::with_capacity(96 * 1024) };
    d.head();
    d.summary();
    d.leaving();
    d.forecast(charts);
    d.winback();
    d.one_time();
    d.segments(tables, charts);
    d.data();
    d.footer();
    d.h.into_bytes()
}

impl Doc<'_> {
    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// A number that never breaks across lines.
    fn n(&self, text: &str) -> String {
        format!("<span class=\"n\">{}</span>", escape(text))
    }

    fn money(&self, m: crate::money::Money) -> String {
        // The exact figure on hover; the rounded one to read.
        let exact = format::money_exact(m, self.cur, self.lang);
        format!(
            "<span class=\"n\" title=\"{}\">{}</span>",
            escape(&exact),
            escape(&format::money(m, self.cur, self.lang))
        )
    }

    /// Money for a tile: compact (`4,4 млрд ₽`), the exact figure on hover.
    fn money_tile(&self, m: crate::money::Money) -> String {
        let exact = format::money_exact(m, self.cur, self.lang);
        let short = format::money_compact(m, self.cur, self.lang);
        format!("<span class=\"n\" title=\"{}\">{}</span>", escape(&exact), escape(&short))
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        self.n(&format::date(d, self.lang))
    }

    /// A headline with its figures marked up (bold numbers that do not break).
    fn sentence(&self, key: &str, figures: &std::collections::BTreeMap<&'static str, Figure>) -> String {
        let wrap = |f: &Figure, s: String| match f {
            Figure::Text(_) => escape(&s),
            Figure::Money(_) => format!("<b class=\"n\">{}</b>", escape(&s)),
            _ => format!("<span class=\"n\">{}</span>", escape(&s)),
        };
        headline::render_with(key, figures, self.cur, self.lang, &wrap)
    }

    fn headline_of(&self, section: &str) -> Option<&Headline> {
        self.r.headlines.iter().find(|h| h.section == section)
    }

    /// The section's headline, or the sentence saying its data fall short.
    fn lead(&mut self, section: &str) {
        if let Some(s) = self.shortfall(section) {
            let _ = writeln!(self.h, "<p class=\"caveat\">{}</p>", escape(&s));
        } else if let Some(h) = self.headline_of(section) {
            let s = self.sentence(h.key, &h.figures);
            let _ = writeln!(self.h, "<p class=\"lead\">{s}</p>");
        }
    }

    /// The shortfall sentence of `analysis`, when its data fall short.
    fn shortfall(&self, analysis: &str) -> Option<String> {
        self.r
            .sufficiency
            .iter()
            .find(|s| s.analysis == analysis)
            .map(|s| crate::sufficiency::sentence(s, self.r.settings.period, self.lang))
    }

    fn head(&mut self) {
        let code = match self.lang {
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::En => "en",
        };
        let title = self.t("export.clientscopeReport");
        let s = &self.r.settings;
        let _ = write!(
            self.h,
            "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
             <title>{title} — {}</title><style>{CSS}</style></head><body>\n<header><h1>{title}</h1>\n",
            format::date(s.as_of, self.lang)
        );
        let mut sub = format!(
            "{} {} · {} {} — {}",
            self.t("asOfShort"),
            self.date(s.as_of),
            self.t("export.window"),
            self.date(self.r.totals.window_start),
            self.date(s.as_of)
        );
        if let Some(c) = self.cur {
            // The sign a reader knows, the code beside it for the unambiguous name.
            let _ = write!(sub, " · {} {} ({})", self.t("export.currency"), c.symbol(), c.code());
        }
        let _ = writeln!(self.h, "<p class=\"muted\">{sub}</p>");
        if let Some(c) = &s.consultant {
            let who: Vec<String> = [&c.name, &c.contact].iter().filter(|t| !t.is_empty()).map(|t| escape(t)).collect();
            let _ = writeln!(self.h, "<p class=\"by\">{} {}</p>", self.t("export.preparedBy"), who.join(" · "));
        }
        self.h.push_str("</header>\n");
    }

    /// Page one: key figures, findings, first steps, and what the data cannot show.
    fn summary(&mut self) {
        let r = self.r;
        let _ = writeln!(self.h, "<section id=\"summary\"><h2>{}</h2>", self.t("export.summary"));
        self.lead("totals");
        let t = &r.totals;
        let mut tiles = vec![
            (self.t("revenue"), self.money_tile(t.revenue), "revenue"),
            (self.t("clients"), self.n(&format::int(t.clients as u64, self.lang)), "clients"),
            (self.t("purchases"), self.n(&format::int(t.purchases as u64, self.lang)), "purchases"),
        ];
        if r.leaving.clients > 0 {
            tiles.push((self.t("cols.atStake"), self.money_tile(r.leaving.at_stake), "at-stake"));
        }
        if let (Some(rate), None) = (r.leakage.rate, self.shortfall("leakage")) {
            tiles.push((self.t("leakage"), self.n(&format::share(rate, self.lang)), "leakage"));
        }
        self.h.push_str("<dl class=\"tiles\">");
        for (label, value, id) in tiles {
            let _ = write!(self.h, "<div id=\"{id}\"><dt>{label}</dt><dd>{value}</dd></div>");
        }
        self.h.push_str("</dl>\n");
        if !r.findings.is_empty() {
            let _ = writeln!(self.h, "<h3>{}</h3><ol id=\"findings\">", self.t("export.findings"));
            for f in &r.findings {
                let s = self.sentence(f.headline.key, &f.headline.figures);
                let _ = writeln!(self.h, "<li>{s}</li>");
            }
            self.h.push_str("</ol>\n");
            let _ = writeln!(self.h, "<h3>{}</h3><ol id=\"first-steps\">", self.t("export.firstSteps"));
            for f in &r.findings {
                let s = self.sentence(f.action, &f.headline.figures);
                let _ = writeln!(self.h, "<li>{s}</li>");
            }
            self.h.push_str("</ol>\n");
        }
        if !r.sufficiency.is_empty() {
            let _ = writeln!(self.h, "<div class=\"caveat\" id=\"sufficiency\"><h3>{}</h3><ul>", self.t("shortTitle"));
            for s in &r.sufficiency {
                let line = crate::sufficiency::sentence(s, r.settings.period, self.lang);
                let _ = writeln!(self.h, "<li>{}</li>", escape(&line));
            }
            self.h.push_str("</ul></div>\n");
        }
        self.h.push_str("</section>\n");
    }

    fn table_head(&mut self, id: &str, columns: &[&str], numeric: &[usize]) {
        let _ = write!(self.h, "<div class=\"scroll\"><table id=\"{id}\"><thead><tr>");
        for (i, c) in columns.iter().enumerate() {
            let class = if numeric.contains(&i) { " class=\"num\"" } else { "" };
            let _ = write!(self.h, "<th{class}>{}</th>", escape(self.t(c)));
        }
        self.h.push_str("</tr></thead><tbody>\n");
    }

    fn more_rows(&mut self, shown: usize, all: usize) {
        if all > shown {
            let _ = writeln!(
                self.h,
                "<p class=\"muted\">{} {} {} {}; {}</p>",
                self.t("export.showingTheFirst"),
                self.n(&format::int(shown as u64, self.lang)),
                self.t("chart.of"),
                self.n(&format::int(all as u64, self.lang)),
                self.t("export.theFullListIsIn")
            );
        }
    }

    fn leaving(&mut self) {
        let r = self.r;
        let by_id: HashMap<&str, &ClientOut> = r.clients.iter().map(|c| (&*c.id, c)).collect();
        let _ = writeln!(self.h, "<section id=\"leaving\"><h2>{}</h2>", self.t("nav.leaving"));
        if let Some(s) = self.shortfall("leaving") {
            let _ = writeln!(self.h, "<p class=\"caveat\">{}</p></section>", escape(&s));
            return;
        }
        self.lead("leaving");
        if r.leaving.list.is_empty() {
            self.h.push_str("</section>\n");
            return;
        }
        self.table_head("leaving-list", &["client", "cols.atStake", "cols.why", "lastPurchase", "dim.manager"], &[1]);
        for l in r.leaving.list.iter().take(LEAVING_ROWS) {
            let c = by_id.get(&*l.id);
            let facts: Vec<String> = c
                .map(|c| {
                    c.flags
                        .iter()
                        .map(|f| {
                            // A short fact (`покупок: 8 → 1`) stays on one line.
                            let text = crate::format::keep_units(&super::flag_text_with(f, self.lang, NAMES));
                            if text.chars().count() <= 28 {
                                format!("<li><span class=\"n\">{}</span></li>", escape(&text))
                            } else {
                                format!("<li>{}</li>", escape(&text))
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let _ = writeln!(
                self.h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td><ul class=\"facts\">{}</ul></td><td>{}</td><td>{}</td></tr>",
                escape(&l.id),
                self.money(l.at_stake),
                facts.join(""),
                c.and_then(|c| c.last_purchase).map(|d| self.date(d)).unwrap_or_default(),
                escape(c.and_then(|c| c.manager.as_deref()).unwrap_or_default()),
            );
        }
        self.h.push_str("</tbody></table></div>\n");
        self.more_rows(LEAVING_ROWS.min(r.leaving.list.len()), r.leaving.list.len());
        self.h.push_str("</section>\n");
    }

    fn winback(&mut self) {
        let r = self.r;
        if r.winback.groups.iter().all(|g| g.clients.is_empty()) {
            return;
        }
        let by_id: HashMap<&str, &ClientOut> = r.clients.iter().map(|c| (&*c.id, c)).collect();
        let _ = writeln!(self.h, "<section id=\"winback\"><h2>{}</h2>", self.t("winbackTitle"));
        self.lead("winback");
        for g in r.winback.groups.iter().filter(|g| !g.clients.is_empty()) {
            let _ = writeln!(
                self.h,
                "<h3>{}. {} ({}): {} · {}</h3>",
                g.group,
                escape(g.title.get(self.lang)),
                g.cells.join(", "),
                self.n(&format::count(g.count as u64, "count.clients", self.lang)),
                self.money(g.annual_value)
            );
            self.table_head(
                &format!("winback-{}", g.group),
                &["client", "cols2.cell", "cols2.annual", "lastPurchase", "dim.manager"],
                &[2],
            );
            for w in g.clients.iter().take(CALL_ROWS) {
                let c = by_id.get(&*w.id);
                let _ = writeln!(
                    self.h,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&w.id),
                    crate::code::text_of(&w.cell),
                    self.money(w.annual_value),
                    c.and_then(|c| c.last_purchase).map(|d| self.date(d)).unwrap_or_default(),
                    escape(c.and_then(|c| c.manager.as_deref()).unwrap_or_default()),
                );
            }
            self.h.push_str("</tbody></table></div>\n");
            self.more_rows(CALL_ROWS.min(g.clients.len()), g.clients.len());
        }
        self.h.push_str("</section>\n");
    }

    fn one_time(&mut self) {
        let r = self.r;
        let o = &r.one_time_buyers;
        if o.clients.is_empty() {
            return;
        }
        let _ = writeln!(self.h, "<section id=\"one-time\"><h2>{}</h2>", self.t("nav.onetime"));
        self.lead("one_time_buyers");
        let questions: Vec<String> =
            o.questions.iter().map(|q| format!("<li>{}</li>", escape(q.get(self.lang)))).collect();
        if !questions.is_empty() {
            let _ = writeln!(self.h, "<ul class=\"questions\">{}</ul>", questions.join(""));
        }
        self.table_head("one-time-list", &["client", "cols2.purchase", "cols2.amount", "cols2.bought"], &[2]);
        for c in o.clients.iter().take(CALL_ROWS) {
            let _ = writeln!(
                self.h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&c.id),
                self.date(c.purchase),
                self.money(c.revenue),
                escape(&c.products.join(", ")),
            );
        }
        self.h.push_str("</tbody></table></div>\n");
        self.more_rows(CALL_ROWS.min(o.clients.len()), o.clients.len());
        self.h.push_str("</section>\n");
    }

    fn segments(&mut self, tables: &[Table], charts: &[Chart]) {
        let chart = |name: &str| charts.iter().find(|c| c.name == name);
        for (key, section, analysis, names) in SEGMENTS {
            let Some(table) = tables.iter().find(|t| t.key == key) else { continue };
            if table.rows.is_empty() {
                continue;
            }
            let _ = writeln!(self.h, "<section class=\"segment\" id=\"seg-{key}\"><h2>{}</h2>", escape(&table.title));
            if let Some(s) = (!analysis.is_empty()).then(|| self.shortfall(analysis)).flatten() {
                let _ = writeln!(self.h, "<p class=\"caveat\">{}</p></section>", escape(&s));
                continue;
            }
            if !section.is_empty() {
                self.lead(section);
            }
            self.table(table);
            for name in names {
                if let Some(c) = chart(name) {
                    self.figure(c);
                }
            }
            self.h.push_str("</section>\n");
        }
        // Revenue over time and cohorts: the charts speak; their figures are in the XLSX.
        let trends: Vec<&Chart> = ["revenue-by-group", "cohorts"].iter().filter_map(|n| chart(n)).collect();
        if !trends.is_empty() {
            let _ = writeln!(self.h, "<section class=\"segment\" id=\"seg-trends\"><h2>{}</h2>", self.t("nav.trends"));
            // The cohorts' sentence leads (or says why there are no cohorts to show).
            self.lead("cohorts");
            self.h.push_str("<div class=\"pair\">");
            let short = self.shortfall("cohorts").is_some();
            for c in trends {
                if !(c.name == "cohorts" && short) {
                    self.figure(c);
                }
            }
            self.h.push_str("</div></section>\n");
        }
        // The page's other charts, on screen only: the printed document stays short.
        let shown: Vec<&str> = SEGMENTS
            .iter()
            .flat_map(|s| s.3.iter().copied())
            .chain(["revenue-by-group", "cohorts"])
            .chain(forecast::CHARTS)
            .collect();
        let rest: Vec<&Chart> = charts.iter().filter(|c| !shown.contains(&c.name)).collect();
        if !rest.is_empty() {
            let _ = writeln!(
                self.h,
                "<section class=\"appendix\" id=\"more-charts\"><h2>{}</h2>",
                self.t("export.moreCharts")
            );
            for c in rest {
                self.figure(c);
            }
            self.h.push_str("</section>\n");
        }
    }

    fn figure(&mut self, c: &Chart) {
        // The SVG carries its own title, text and theme style; it is ours, and every
        // name inside it is escaped.
        let _ = writeln!(self.h, "<figure class=\"chart\" id=\"chart-{}\">{}</figure>", c.name, c.svg.trim_end());
    }

    fn table(&mut self, table: &Table) {
        let numeric: Vec<bool> = (0..table.columns.len())
            .map(|i| {
                table.rows.iter().any(|r| matches!(r.get(i), Some(Cell::Money(_) | Cell::Int(_) | Cell::Share(_))))
            })
            .collect();
        let keep: Vec<bool> = (0..table.columns.len())
            .map(|i| {
                let long = table
                    .rows
                    .iter()
                    .filter(|r| matches!(r.get(i), Some(Cell::Text(s)) if s.chars().count() > LONG_TEXT));
                long.count() * 2 <= table.rows.len()
            })
            .collect();
        let _ = write!(self.h, "<div class=\"scroll\"><table id=\"table-{}\"><thead><tr>", table.key);
        for ((c, n), _) in table.columns.iter().zip(&numeric).zip(&keep).filter(|(_, k)| **k) {
            let class = if *n { " class=\"num\"" } else { "" };
            let _ = write!(self.h, "<th{class}>{}</th>", escape(c));
        }
        self.h.push_str("</tr></thead><tbody>\n");
        for row in &table.rows {
            self.h.push_str("<tr>");
            for (cell, _) in row.iter().zip(&keep).filter(|(_, k)| **k) {
                let (class, text) = match cell {
                    Cell::Text(s) => ("", escape(s)),
                    Cell::Money(m) => (" class=\"num\"", self.money(*m)),
                    Cell::Int(i) => (" class=\"num\"", self.n(&format::num(*i as f64, 0, self.lang))),
                    Cell::Share(x) => (" class=\"num\"", self.n(&format::share(*x, self.lang))),
                    Cell::Date(d) => ("", d.map(|d| self.date(d)).unwrap_or_default()),
                };
                let _ = write!(self.h, "<td{class}>{text}</td>");
            }
            self.h.push_str("</tr>\n");
        }
        self.h.push_str("</tbody></table></div>\n");
    }

    fn data(&mut self) {
        let a = &self.r.input.account;
        let t = &self.r.totals;
        let _ = writeln!(
            self.h,
            "<section id=\"data\"><h2>{}</h2><p>{} {}: {} {}, {} {}. {}: {} — {}.</p></section>",
            self.t("export.data"),
            self.t("rowsRead"),
            self.n(&format::int(a.rows_read, self.lang)),
            self.t("rowsUsed"),
            self.n(&format::int(a.rows_used, self.lang)),
            self.t("rowsSkipped"),
            self.n(&format::int(a.rows_skipped, self.lang)),
            self.t("covered"),
            self.date(t.first_date),
            self.date(t.last_date),
        );
    }

    fn footer(&mut self) {
        let _ = writeln!(self.h, "<footer><p class=\"muted\">{}</p>", self.t("export.fullLists"));
        if let Some(c) = &self.r.settings.consultant {
            let who: Vec<String> = [&c.name, &c.contact].iter().filter(|t| !t.is_empty()).map(|t| escape(t)).collect();
            let _ = writeln!(self.h, "<p id=\"consultant\">{} {}</p>", self.t("export.preparedBy"), who.join(" · "));
        }
        self.h.push_str("</footer></body></html>\n");
    }
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

/// Screen: a readable column, light or dark. Print: A4 portrait, light, small
/// type, sections kept with their headings, charts no taller than a third of a page.
const CSS: &str = "\
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;padding:1.5rem;max-width:60rem;color:#1c2430;background:#fff}\
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-top:.6rem;border-top:2px solid #1c2430}\
h3{font-size:1rem;margin:1.2rem 0 .4rem}.muted{color:#5b6675}.by{font-weight:600}\
.lead{font-size:1.05rem;margin:.4rem 0 .8rem}.n{white-space:nowrap;font-variant-numeric:tabular-nums}\
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.6rem;margin:1rem 0}\
.tiles div{border:1px solid #dde2e8;border-radius:.4rem;padding:.5rem .7rem}.tiles dt{font-size:.85rem;color:#5b6675}\
.tiles dd{margin:0;font-size:1.3rem;font-weight:650}\
ol,ul{padding-left:1.3rem}li{margin:.25rem 0}.caveat{background:#fff6e0;border-left:4px solid #c78a00;padding:.4rem .8rem}\
.caveat h3{margin-top:.2rem}table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.92rem}\
th,td{border-bottom:1px solid #dde2e8;padding:.3rem .45rem;text-align:left;vertical-align:top}\
th{font-weight:600;background:#f3f5f8}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}th.num{white-space:normal}\
#leaving-list td:nth-child(3){width:50%}ul.facts{list-style:none;margin:0;padding:0}ul.facts li{margin:0;display:inline}ul.facts li+li:before{content:' · '}\
.scroll{overflow-x:auto}.pair{display:flex;flex-wrap:wrap;gap:0 1rem}.pair>*{flex:1 1 20rem;min-width:0}figure.chart{margin:1rem 0}.cs-chart{display:block;width:100%;max-width:44rem;height:auto}\
footer{margin-top:2rem;padding-top:.6rem;border-top:1px solid #dde2e8}#consultant{font-weight:600}\
@media (max-width:40rem){figure.chart{overflow-x:auto}.cs-chart{min-width:540px}body{padding:.8rem;font-size:14px}table{font-size:.82rem}th,td{padding:.25rem .3rem}#leaving-list thead{display:none}#leaving-list tr{display:grid;grid-template-columns:1fr auto;border-bottom:1px solid #dde2e8;padding:.3rem 0}#leaving-list td{border:0;padding:.1rem .3rem}#leaving-list td:nth-child(3){grid-column:1/-1;width:auto}#leaving-list td:nth-child(n+4){font-size:.78rem;color:#5b6675}}\
@media screen and (prefers-color-scheme:dark){body{background:#161B22;color:#E6E9EE}.muted,.tiles dt{color:#A4AFBD}\
h2{border-color:#E6E9EE}th{background:#1f2630}th,td,footer,.tiles div{border-color:#313A46}\
.caveat{background:#2b2512;border-color:#d9a520}}\
@page{size:A4 portrait;margin:14mm 13mm}\
@media print{.appendix{display:none}.scroll{overflow:visible}body{font-size:9.5pt;padding:0;max-width:none}h1{font-size:16pt}h2{font-size:12.5pt;margin-top:1.1rem}\
h2,h3{break-after:avoid}tr,figure,.tiles div,li{break-inside:avoid}table{font-size:8.5pt}\
th,td{padding:.15rem .3rem}#leaving-list{table-layout:fixed}#leaving-list th:nth-child(1){width:22%}#leaving-list th:nth-child(2){width:14%}#leaving-list th:nth-child(3){width:42%}#leaving-list th:nth-child(4){width:10%}#leaving-list th:nth-child(5){width:12%}.cs-chart{max-height:58mm;width:auto;max-width:100%;margin:0 auto}}";
