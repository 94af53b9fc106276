//! No code or catalogue key reaches a user from the core: every code the Report
//! can carry has its words in ru, uk and en (crate/texts.json), and the downloads
//! and error messages, in every language, on the demo and on a file where
//! leakage has no base, hold no snake_case code and no catalogue key.

use calamine::{Data, Reader};
use clientscope::export::downloads;
use clientscope::ingest::Role;
use clientscope::texts::{catalogue, has};
use clientscope::{analyze, demo, Error, Lang, Options};
use schemars::JsonSchema;
use serde_json::Value;
use std::io::Cursor;

const LANGS: [Lang; 3] = [Lang::Ru, Lang::Uk, Lang::En];

/// The serialised values of an enum, read from its JSON schema (plain `enum`,
/// `oneOf` of `const`s, or a tagged enum's `code` constants).
fn values<T: JsonSchema>() -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let mut out = Vec::new();
    collect(&schema, &mut out);
    out.sort();
    out.dedup();
    assert!(!out.is_empty(), "{}", std::any::type_name::<T>());
    out
}

fn collect(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(e)) = m.get("enum") {
                out.extend(e.iter().filter_map(|x| x.as_str().map(String::from)));
            }
            if let Some(Value::String(c)) = m.get("const") {
                out.push(c.clone());
            }
            for (k, x) in m {
                if k == "oneOf" || k == "anyOf" || k == "properties" || k == "code" {
                    collect(x, out);
                } else if let Value::Array(a) = x {
                    if k == "oneOf" || k == "anyOf" {
                        a.iter().for_each(|y| collect(y, out));
                    }
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|y| collect(y, out)),
        _ => {}
    }
}

/// The codes the Report carries, with the catalogue prefix the page and the
/// exports name them by.
fn code_families() -> Vec<(&'static str, Vec<String>)> {
    use clientscope::segment as s;
    let flags: Vec<String> = {
        // A tagged enum: each variant's `code` constant.
        let schema = serde_json::to_value(schemars::schema_for!(clientscope::dynamics::flags::Flag)).unwrap();
        let mut out = Vec::new();
        for variant in schema["oneOf"].as_array().unwrap() {
            out.push(variant["properties"]["code"]["const"].as_str().unwrap().to_string());
        }
        out
    };
    vec![
        ("flag", flags),
        ("leakageStatus", values::<clientscope::retention::leakage::Status>()),
        ("status", values::<s::xyz::Status>()),
        // The page explains every status but `ok` (www/views/xyz.js).
        ("statusWhy", values::<s::xyz::Status>().into_iter().filter(|s| s != "ok").collect()),
        ("quadrant", values::<s::quadrants::Quadrant>()),
        ("riskLevel", values::<s::concentration::RiskLevel>()),
        ("measure", values::<s::Measure>()),
        ("measureOf", values::<s::Measure>()),
        ("dim", values::<s::Dimension>()),
        ("dimMany", values::<s::Dimension>()),
        ("shareOf", values::<s::Dimension>()),
        ("xyzMethod", values::<s::options::XyzMethod>()),
        ("xyzExplain", values::<s::options::XyzMethod>()),
        ("xRule", values::<s::abcdx::XRule>()),
        ("overdue", values::<clientscope::dynamics::flags::Level>()),
        ("abcName", values::<s::abc::Class>()),
        ("xyzName", values::<s::xyz::Xyz>()),
        ("lifecycle", values::<clientscope::lifecycle::Status>()),
        ("lifecycleOne", values::<clientscope::lifecycle::Status>()),
        ("lifecycleNote", values::<clientscope::lifecycle::Figure>()),
        ("model", values::<clientscope::btyd::model::Model>()),
        ("holdoutVerdict", values::<clientscope::btyd::holdout::Verdict>()),
        ("holdoutChoice", values::<clientscope::btyd::holdout::Choice>()),
        ("role", Role::ALL.iter().map(|r| r.key().to_string()).collect()),
        ("skip", ["blank", "totals_row", "no_client", "bad_date", "bad_amount"].map(String::from).to_vec()),
        (
            "warn",
            // Every code `Warning::new` is given in the ingest sources.
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ingest"))
                .unwrap()
                .flat_map(|e| {
                    let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                    text.match_indices("Warning::new(\"")
                        .map(|(i, m)| text[i + m.len()..].split('"').next().unwrap().to_string())
                        .collect::<Vec<_>>()
                })
                .collect(),
        ),
    ]
}

#[test]
fn every_code_the_core_emits_has_words_in_three_languages() {
    let mut missing = Vec::new();
    for (prefix, codes) in code_families() {
        for code in codes {
            let key = format!("{prefix}.{code}");
            if !has(&key) {
                missing.push(key);
            }
        }
    }
    assert!(missing.is_empty(), "not in crate/texts.json: {missing:?}");
    // catalogue_is_complete (src/texts.rs) checks each entry has ru, uk and en.
}

/// A snake_case code (`buys_less`) or a catalogue key (`leakageStatus.no_base`)
/// in a text meant for a user.
fn codes_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
        let word = word.trim_matches('.');
        let snake =
            word.contains('_') && word.split('_').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()));
        if snake || (word.contains('.') && catalogue().contains_key(word)) {
            found.push(word.to_string());
        }
    }
    found
}

fn xlsx_text(bytes: &[u8]) -> String {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        out.push_str(&name);
        out.push('\n');
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    out.push_str(s);
                    out.push('\t');
                }
            }
            out.push('\n');
        }
    }
    out
}

fn assert_no_codes(csv: &str, name: &str) {
    let report = analyze(csv.as_bytes(), &Options::default()).unwrap();
    for lang in LANGS {
        for f in downloads(&report, lang, b';').unwrap() {
            let text = if f.name.ends_with(".xlsx") {
                xlsx_text(&f.bytes)
            } else {
                // The HTML's markup and style are ours; the words between tags are checked.
                let raw = String::from_utf8(f.bytes.clone()).unwrap();
                if f.name.ends_with(".html") {
                    strip_markup(&raw)
                } else {
                    raw
                }
            };
            let found = codes_in(&text);
            assert!(found.is_empty(), "{name} {lang:?} {}: {found:?}", f.name);
        }
    }
}

/// The text a reader sees in our HTML: tags, `<style>` and SVG attributes dropped.
fn strip_markup(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    if let (Some(a), Some(b)) = (rest.find("<style>"), rest.find("</style>")) {
        out.push_str(&rest[..a]);
        rest = &rest[b..];
    }
    let mut inside = false;
    for c in rest.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn downloads_name_every_code_on_the_demo() {
    assert_no_codes(&demo::demo().csv, "demo");
}

#[test]
fn downloads_name_every_code_on_a_file_without_a_leakage_base() {
    let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/abc_hand.csv")).unwrap();
    let report = analyze(csv.as_bytes(), &Options::default()).unwrap();
    // The case the page once showed as `leakageStatus.no_base`.
    assert_eq!(serde_json::to_value(report.leakage.status).unwrap(), "no_base");
    assert_no_codes(&csv, "abc_hand");
}

#[test]
fn error_messages_are_words_in_every_language() {
    let errors = [
        Error::Empty,
        Error::HeaderOnly { header_line: 3 },
        Error::MissingColumns {
            missing: vec![Role::Client, Role::CostToServe],
            headers: vec![],
            header_line: 1,
            preview: vec![],
        },
        Error::NoUsableRows { rows_read: 5, reason: "bad_date".into(), first_line: 2 },
        Error::NoUsableRows { rows_read: 5, reason: "totals_row".into(), first_line: 2 },
        Error::Binary,
        Error::UnsupportedFormat { format: "DBF" },
        Error::Unreadable { detail: "zip".into() },
        Error::NoSuchSheet { sheet: "A".into(), sheets: vec!["B".into()] },
        Error::TooLarge { what: "spreadsheet", limit: 200 },
        Error::TooLarge { what: "clients", limit: 1_000_000 },
        Error::Export { detail: "x".into() },
        Error::Overflow { line: 7 },
        Error::BadOptions { detail: "window".into() },
    ];
    for e in &errors {
        let texts: Vec<String> = LANGS.iter().map(|&l| e.message(l)).collect();
        for t in &texts {
            assert!(!t.contains('{'), "unfilled placeholder: {t}");
            assert!(codes_in(t).is_empty(), "{t}");
        }
        assert_ne!(texts[0], texts[2], "{e:?}");
    }
    assert!(Error::HeaderOnly { header_line: 3 }.message(Lang::Uk).contains("рядок 3"));
}
