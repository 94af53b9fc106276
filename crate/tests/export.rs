//! Downloads read back: the CSV parses to the client table with exact money, the
//! XLSX (read with calamine) has the sheets, numbers as numbers and no formula, the
//! HTML carries the figures with every name escaped. Formula-like names are
//! neutralised everywhere.

use calamine::{Data, Reader};
use clientscope::export::downloads;
use clientscope::ingest::split_records;
use clientscope::{analyze, Lang, Options};

const EVIL: [&str; 6] =
    ["=HYPERLINK(\"http://x\")", "+79991234567", "-5 ООО", "@SUM(A1)", " =1+1", "<img src=x onerror=alert(1)>"];

fn report() -> clientscope::Report {
    let mut csv = String::from("Дата;Клиент;Сумма\n");
    for (i, name) in EVIL.iter().enumerate() {
        csv.push_str(&format!("0{}.03.2025;\"{}\";{},50\n", i + 1, name.replace('"', "\"\""), (i + 1) * 100));
    }
    csv.push_str("09.03.2025;ООО «Обычный»;1 000,25\n");
    analyze(csv.as_bytes(), &Options::default()).unwrap()
}

#[test]
fn csv_parses_back_to_the_client_table() {
    let r = report();
    let files = downloads(&r, Lang::Ru, b';').unwrap();
    let csv = files.iter().find(|f| f.name.ends_with("-clients.csv")).unwrap();
    assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert!(csv.name.starts_with("clientscope-2025-03-09-abc80-95-w12"), "{}", csv.name);
    let rows = split_records(&csv.bytes[3..], b';').unwrap();
    assert_eq!(rows[0].1[0], "Клиент");
    assert_eq!(rows.len(), 1 + r.clients.len());
    for (c, (_, row)) in r.clients.iter().zip(&rows[1..]) {
        // Ingest trims cells, so " =1+1" arrives as "=1+1"; both are formula-like.
        let formula = ['=', '+', '-', '@'].iter().any(|p| c.id.starts_with(*p));
        assert_eq!(formula, clientscope::export::is_formula_like(&c.id));
        let name = if formula { format!("'{}", c.id) } else { c.id.to_string() };
        assert_eq!(row[0], name);
        // Money keeps its exact digits, with a decimal comma for a Russian Excel.
        assert_eq!(row[2], c.window_revenue.to_string().replace('.', ","));
    }
    let comma = downloads(&r, Lang::En, b',').unwrap();
    let rows = split_records(&comma[0].bytes[3..], b',').unwrap();
    assert_eq!(rows[1].1[2], r.clients[0].window_revenue.to_string());
}

#[test]
fn csv_follows_the_language_unless_a_delimiter_is_chosen() {
    use clientscope::export::csv::default_delimiter;
    assert_eq!(
        (default_delimiter(Lang::Ru), default_delimiter(Lang::Uk), default_delimiter(Lang::En)),
        (b';', b';', b',')
    );
    let r = report();
    let cells = |lang: Lang, d: u8| -> Vec<String> {
        let files = downloads(&r, lang, d).unwrap();
        let csv = files.iter().find(|f| f.name.ends_with("-clients.csv")).unwrap();
        split_records(&csv.bytes[3..], d).unwrap().into_iter().flat_map(|(_, row)| row).collect()
    };
    let iso = |c: &String| c.len() == 10 && c.starts_with("2025-03-");
    let dotted = |c: &String| c.len() == 10 && c.ends_with(".03.2025");
    // English: comma, decimal point, ISO dates (every Excel locale reads them).
    let en = cells(Lang::En, default_delimiter(Lang::En));
    assert!(en.iter().any(iso) && !en.iter().any(dotted), "{en:?}");
    assert!(en.contains(&"1000.25".to_string()), "{en:?}");
    // Russian: semicolon, decimal comma, dd.mm.yyyy.
    let ru = cells(Lang::Ru, default_delimiter(Lang::Ru));
    assert!(ru.iter().any(dotted) && !ru.iter().any(iso), "{ru:?}");
    assert!(ru.contains(&"1000,25".to_string()), "{ru:?}");
}

#[test]
fn xlsx_has_sheets_numbers_and_no_formulas() {
    let r = report();
    let files = downloads(&r, Lang::En, b';').unwrap();
    let x = files.iter().find(|f| f.name.ends_with(".xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone())).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[..3], ["ABC by revenue".to_string(), "Clients".to_string(), "Who is leaving".to_string()]);
    // The leaving list whole, in the report's order.
    let leaving = book.worksheet_range("Who is leaving").unwrap();
    assert_eq!(leaving.height(), 1 + r.leaving.list.len());
    for (l, row) in r.leaving.list.iter().zip(leaving.rows().skip(1)) {
        assert_eq!((&row[0], &row[1]), (&Data::String(l.id.to_string()), &Data::Float(l.at_stake.to_f64())));
    }
    for sheet in
        ["ABC-XYZ matrix", "One-time buyers", "XYZ", "ABCDX", "Concentration", "Loyalty x profitability", "RFM"]
    {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
    // A sheet per non-empty matrix cell, each listing exactly the cell's clients.
    let matrix = book.worksheet_range("ABC-XYZ matrix").unwrap();
    for (cell, row) in r.matrix.cells.iter().zip(matrix.rows().skip(1)) {
        assert_eq!(row[0], Data::String(cell.cell.clone()));
        assert_eq!(row[1], Data::Float(cell.count as f64));
        assert_eq!(row[3], Data::Float(cell.revenue.to_f64()));
        let sheet = format!("Cell {}", cell.cell);
        match book.worksheet_range(&sheet) {
            Ok(list) => assert_eq!(list.height(), 1 + cell.count, "{sheet}"),
            Err(_) => assert_eq!(cell.count, 0, "{sheet} missing"),
        }
    }
    let clients = book.worksheet_range("Clients").unwrap();
    assert_eq!(clients.height(), 1 + r.clients.len());
    for (c, row) in r.clients.iter().zip(clients.rows().skip(1)) {
        // The text itself is unchanged; the quote prefix is a cell format.
        assert_eq!(row[0], Data::String(c.id.to_string()));
        assert_eq!(row[2], Data::Float(c.window_revenue.to_f64()));
        assert_eq!(row[4], Data::Float(c.purchases as f64));
    }
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{sheet} has formulas");
    }
    let abc = book.worksheet_range("ABC by revenue").unwrap();
    assert_eq!(abc.get((1, 0)), Some(&Data::String("A".into())));
    let raw = String::from_utf8_lossy(&x.bytes);
    assert!(!raw.contains("<f>"), "no formula element in the package");
}

#[test]
fn html_report_has_the_figures_and_escapes_names() {
    let r = report();
    let files = downloads(&r, Lang::Ru, b';').unwrap();
    let h = String::from_utf8(files.iter().find(|f| f.name.ends_with("-report.html")).unwrap().bytes.clone()).unwrap();
    // The revenue tile: compact to read (whole units below 10 000), the exact sum on hover
    // (it was the bare exact decimal before the report became a document).
    let (rounded, exact) = (
        clientscope::format::money_compact(r.totals.revenue, r.settings.currency, Lang::Ru),
        clientscope::format::money_exact(r.totals.revenue, r.settings.currency, Lang::Ru),
    );
    assert!(
        h.contains(&format!(
            "<div id=\"revenue\"><dt>Выручка</dt><dd><span class=\"n\" title=\"{exact}\">{rounded}</span></dd>"
        )),
        "{h}"
    );
    assert!(!h.contains("<img"));
    // The report lists no full client table now: a name reaches it as the largest
    // client (page one, concentration) or in a call list, escaped there.
    let csv = "Дата;Клиент;Сумма\n01.03.2025;\"<img src=x onerror=alert(1)>\";5000\n02.03.2025;B;10\n";
    let evil = analyze(csv.as_bytes(), &Options::default()).unwrap();
    let files = downloads(&evil, Lang::Ru, b';').unwrap();
    let e = String::from_utf8(files.iter().find(|f| f.name.ends_with("-report.html")).unwrap().bytes.clone()).unwrap();
    assert!(e.contains("Крупнейший клиент, &lt;img src=x onerror=alert(1)&gt;, даёт"), "{e}");
    assert!(!e.contains("<img"));
    assert!(!h.to_lowercase().contains("<script"));
    // Dates as Russian writes them, in spans that do not break.
    assert!(h.contains("lang=\"ru\"") && h.contains("Дата анализа <span class=\"n\">09.03.2025</span>"));
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let a = downloads(&report(), Lang::Uk, b';').unwrap();
    let b = downloads(&report(), Lang::Uk, b';').unwrap();
    assert_eq!(a, b);
}

#[test]
fn consultant_preset_is_in_the_html_footer_escaped_and_refused_when_too_long() {
    let csv = "Дата;Клиент;Сумма\n01.03.2025;А;100\n";
    let mut o: Options =
        serde_json::from_str(r#"{"consultant": {"name": "<b>Anna</b> & Co", "contact": "+7 900"}}"#).unwrap();
    let r = analyze(csv.as_bytes(), &o).unwrap();
    assert_eq!(r.settings.consultant.as_ref().map(|c| c.name.as_str()), Some("<b>Anna</b> & Co"));
    let files = downloads(&r, Lang::En, b';').unwrap();
    let html = String::from_utf8(files.iter().find(|f| f.name.ends_with(".html")).unwrap().bytes.clone()).unwrap();
    // Named at the top of the report and at its foot.
    assert!(html.contains("<p id=\"consultant\">Prepared by &lt;b&gt;Anna&lt;/b&gt; &amp; Co · +7 900</p>"));
    assert!(html.contains("<p class=\"by\">Prepared by &lt;b&gt;Anna&lt;/b&gt; &amp; Co · +7 900</p>"));
    // Nobody named: no footer, and `null` in the report.
    let plain = analyze(csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(plain.settings.consultant, None);
    o.consultant.name = "x".repeat(121);
    assert!(matches!(analyze(csv.as_bytes(), &o), Err(clientscope::Error::BadOptions { .. })));
    o.consultant.name = "two\nlines".into();
    assert!(matches!(analyze(csv.as_bytes(), &o), Err(clientscope::Error::BadOptions { .. })));
}

#[test]
fn html_report_inlines_the_charts() {
    let r = report();
    for lang in [Lang::Ru, Lang::Uk, Lang::En] {
        let charts = clientscope::chart::from_report(&r, lang);
        let names: Vec<&str> = charts.iter().map(|c| c.name).collect();
        // One month of sales: no year for leakage, nobody before to move between cells.
        assert_eq!(names, ["pareto", "abc-xyz", "quadrants", "pool", "cohorts", "revenue-by-group"]);
        let files = downloads(&r, lang, b';').unwrap();
        let h =
            String::from_utf8(files.iter().find(|f| f.name.ends_with("-report.html")).unwrap().bytes.clone()).unwrap();
        // The report shows the charts of its sections, but not those of analyses the
        // month of data is too short for (the matrix's XYZ, cohorts): their sections
        // say so instead.
        let shown: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| h.contains(&format!("<figure class=\"chart\" id=\"chart-{n}\">")))
            .collect();
        // The scatter follows the sections, on screen only (not in print).
        assert_eq!(shown, ["pareto", "quadrants", "pool", "revenue-by-group"]);
        assert!(h.contains("<section class=\"appendix\" id=\"more-charts\">"));
        for c in charts.iter().filter(|c| shown.contains(&c.name)) {
            assert!(h.contains(c.svg.trim_end()), "{} inline", c.name);
            roxmltree::Document::parse(&c.svg).unwrap();
        }
        assert_eq!(h.matches("<svg").count(), shown.len(), "one <svg per chart");
        assert!(h.contains("id=\"sufficiency\""), "the shortfalls are listed on page one");
        let lower = h.to_lowercase();
        assert!(!lower.contains("<script") && !lower.contains("href") && !lower.contains("url("));
        // Names reach the scatter only as marks; the heatmap and curve carry figures.
        assert!(!h.contains("<img"));
    }
}

#[test]
fn cli_out_writes_what_the_page_offers() {
    let dir = std::env::temp_dir().join(format!("clientscope-out-{}", std::process::id()));
    let file = dir.join("in.csv");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = "Дата;Клиент;Сумма\n01.03.2025;<b>Альфа</b> & \"Ко\";100,50\n02.03.2025;Бета;50\n09.03.2025;Альфа;10\n";
    std::fs::write(&file, csv).unwrap();
    let out = dir.join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_clientscope"))
        .args(["analyze", file.to_str().unwrap(), "--lang", "uk", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let opts = Options { lang: Lang::Uk, ..Options::default() };
    let want = downloads(&analyze(csv.as_bytes(), &opts).unwrap(), Lang::Uk, b';').unwrap();
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let mut want_names: Vec<String> = want.iter().map(|f| f.name.clone()).collect();
    want_names.sort();
    assert_eq!(names, want_names);
    for f in &want {
        assert_eq!(std::fs::read(out.join(&f.name)).unwrap(), f.bytes, "{} byte for byte", f.name);
    }
    let html = want.iter().find(|f| f.name.ends_with("-report.html")).unwrap();
    assert!(String::from_utf8_lossy(&html.bytes).contains("class=\"cs-chart\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_list_alone_is_the_same_file_as_in_the_whole_set() {
    let r = report();
    let all = downloads(&r, Lang::Ru, b';').unwrap();
    for suffix in ["-leaving.csv", "-winback-1.csv", "-one-time.csv", ".xlsx", "-report.html"] {
        let alone = clientscope::export::only(&r, Lang::Ru, b';', suffix).unwrap();
        let whole: Vec<_> = all.iter().filter(|f| f.name.ends_with(suffix)).collect();
        assert_eq!(alone.len(), whole.len(), "{suffix}");
        for (a, w) in alone.iter().zip(whole) {
            assert_eq!((&a.name, &a.bytes), (&w.name, &w.bytes), "{suffix}");
        }
    }
    // A CSV alone: no workbook or report is written for it.
    let leaving = clientscope::export::only(&r, Lang::Ru, b';', "-leaving.csv").unwrap();
    assert_eq!(leaving.len(), 1);
    assert_eq!(clientscope::export::only(&r, Lang::Ru, b';', "").unwrap().len(), all.len());
}

/// A 40 000-character client name is over Excel's 32 767: the cell is cut with a
/// mark and listed on a last sheet, and every download is still written whole.
#[test]
fn an_over_long_name_is_cut_in_its_cell_and_every_file_is_written() {
    let long = format!("ООО {}", "Ж".repeat(39_996));
    let csv = format!("Дата;Клиент;Сумма\n01.03.2025;{long};100\n02.03.2025;ООО Обычный;50\n");
    let r = analyze(csv.as_bytes(), &Options::default()).unwrap();
    let files = downloads(&r, Lang::Ru, b';').unwrap();
    assert!(files.iter().any(|f| f.name.ends_with("-report.html")));
    let list = files.iter().find(|f| f.name.ends_with("-clients.csv")).unwrap();
    assert!(String::from_utf8_lossy(&list.bytes).contains(&long), "the CSV keeps the whole name");
    let x = files.iter().find(|f| f.name.ends_with(".xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone())).unwrap();
    assert_eq!(book.sheet_names().last().map(String::as_str), Some("Изменено при записи"));
    let clients = book.worksheet_range("Клиенты").unwrap();
    let cut = clients.rows().skip(1).map(|row| row[0].to_string()).find(|s| s.starts_with("ООО Ж")).unwrap();
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.ends_with('…') && long.starts_with(cut.trim_end_matches('…')));
    let notes = book.worksheet_range("Изменено при записи").unwrap();
    let listed: Vec<(String, String)> = notes.rows().skip(2).map(|r| (r[0].to_string(), r[1].to_string())).collect();
    // The name's own cells, and the concentration sheet's label that quotes it.
    assert_eq!(listed[..2], [("Клиенты".to_string(), "A2".to_string()), ("Ячейка AZ".to_string(), "A2".to_string())]);
    assert!(notes.rows().skip(2).all(|row| row[2].to_string().contains("обрезан до 32767 знаков")));
    assert!(notes.get((0, 0)).unwrap().to_string().ends_with(&format!(": {}. Они записаны так:", listed.len())));
}
