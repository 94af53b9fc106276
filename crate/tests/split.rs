//! A file split among workers gives the Report of one pass, byte for byte as JSON:
//! the fixtures (grown past the rows that settle the columns' conventions) and
//! generated files, cut at awkward places: inside quotes, inside a multi-byte UTF-8
//! character and a Windows-1251 text, between CR and LF, right at a record start,
//! and one byte apart. A cut the parts cannot merge exactly (inside a quoted field)
//! must come back as `None` (the page then reads the file in one pass), never as
//! another Report.

use clientscope::split::{analyze_split, SplitRun};
use clientscope::{analyze, Options};
use std::path::{Path, PathBuf};

fn options() -> Options {
    Options::default()
}

fn json(r: &clientscope::Report) -> String {
    serde_json::to_string(r).unwrap()
}

/// The first byte offset after `at` where `pred` holds.
fn find(bytes: &[u8], at: usize, pred: impl Fn(&[u8], usize) -> bool) -> Option<usize> {
    (at..bytes.len()).find(|&i| pred(bytes, i))
}

/// Cut sets for a file read by the first part up to `settled` bytes at least.
fn cut_sets(bytes: &[u8], from: usize) -> Vec<(String, Vec<u64>)> {
    let n = bytes.len();
    let mut sets: Vec<(String, Vec<u64>)> = Vec::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m.max(1) as u64) as usize
    };
    let span = n.saturating_sub(from).max(1);
    for parts in [2, 3, 4] {
        let mut c: Vec<u64> = (0..parts - 1).map(|_| (from + next(span)) as u64).collect();
        c.sort_unstable();
        c.dedup();
        sets.push((format!("random {parts}"), c));
    }
    let at = from + span / 3;
    type At = Box<dyn Fn(&[u8], usize) -> bool>;
    let named: [(&str, At); 5] = [
        ("inside quotes", Box::new(|b: &[u8], i: usize| i > 0 && b[i - 1] == b'"')),
        ("inside a multi-byte character", Box::new(|b: &[u8], i: usize| b[i] & 0xC0 == 0x80)),
        ("a non-ASCII byte", Box::new(|b: &[u8], i: usize| b[i] >= 0x80)),
        ("between CR and LF", Box::new(|b: &[u8], i: usize| i > 0 && b[i - 1] == b'\r' && b[i] == b'\n')),
        ("at a record start", Box::new(|b: &[u8], i: usize| i > 0 && b[i - 1] == b'\n')),
    ];
    for (name, pred) in named {
        if let Some(i) = find(bytes, at, pred) {
            sets.push((name.to_string(), vec![i as u64, (i + span / 3).min(n - 1) as u64]));
        }
    }
    // One-byte parts across a stretch with a record start in it.
    let c: Vec<u64> = (at..(at + 40).min(n)).map(|i| i as u64).collect();
    sets.push(("one-byte parts".to_string(), c));
    sets
}

/// Runs every cut set; returns how many were merged (not sent back to one pass).
fn check(name: &str, bytes: &[u8], options: &Options) -> (usize, usize) {
    let (merged, total, _) = check_cases(name, bytes, options);
    (merged, total)
}

/// As [`check`], with the cases merged by name.
fn check_cases(name: &str, bytes: &[u8], options: &Options) -> (usize, usize, Vec<String>) {
    let mut names = Vec::new();
    let single = analyze(bytes, options).map(|r| json(&r)).map_err(|e| format!("{e:?}"));
    let (mut merged, mut total) = (0, 0);
    // The first part settles after the sniff window and 1 000 rows: cuts come after.
    match analyze_split(bytes, options, 4096, Some(&[]), 2) {
        Ok(SplitRun { report: Some(r), .. }) => assert!(Ok(json(&r)) == single, "{name}: no cut"),
        Ok(SplitRun { report: None, .. }) => panic!("{name}: no cut cannot fall back"),
        Err(e) => {
            assert_eq!(Err(format!("{e:?}")), single, "{name}");
            return (0, 0, names);
        }
    }
    for (case, cuts) in cut_sets(bytes, 120 * 1024) {
        let chunk = if total % 2 == 0 { 4096 } else { 65_537 };
        match analyze_split(bytes, options, chunk, Some(&cuts), 2) {
            Ok(SplitRun { report: Some(r), parts }) => {
                assert!(Ok(json(&r)) == single, "{name}: {case} {cuts:?} chunk {chunk}: Report differs");
                if parts > 1 {
                    merged += 1;
                    names.push(case.clone());
                }
            }
            Ok(SplitRun { report: None, .. }) => {}
            Err(e) => panic!("{name}: {case}: {e:?}"),
        }
        total += 1;
    }
    (merged, total, names)
}

/// The file repeated to about `size` bytes: later copies' headers and preambles
/// become rows skipped with their reasons and lines.
fn grown(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.extend_from_slice(b"\r\n");
    }
    let copy = out.clone();
    while out.len() < size {
        out.extend_from_slice(&copy);
    }
    out
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("ingest")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "csv" | "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fixtures_cut_anywhere_give_the_single_pass_report() {
    let mut merged_any = 0;
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = grown(&std::fs::read(&path).unwrap(), 360 * 1024);
        let (merged, total) = check(&name, &bytes, &options());
        eprintln!("{name}: {merged} of {total} cut sets merged");
        merged_any += merged;
    }
    assert!(merged_any > 0);
}

/// Sale lines with what makes cutting hard: CR LF line ends, Cyrillic names,
/// quoted fields holding the delimiter, quotes and (every 97th row) a line break,
/// rows skipped for a bad date, an empty client or a totals line, and orders of
/// several lines. `ascii_rows`: rows before the first non-ASCII byte.
fn generated(rows: usize, ascii_rows: usize) -> String {
    let mut s = String::from("Дата;Клиент;Заказ;Сумма;Комментарий\r\n");
    if ascii_rows > 0 {
        s = String::from("Date;Client;Order;Amount;Comment\r\n");
    }
    let names = ["ООО «Ромашка»", "ИП Петров", "Клиент \"Ё\"", "ТОВ Світанок", "Acme; Ltd"];
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let client =
            if i < ascii_rows { format!("client {}", i % 700) } else { format!("{} {}", names[i % 5], i % 900) };
        let client = client.replace('"', "\"\"");
        let order = format!("N{}", i / 3);
        let amount = format!("{},{:02}", 100 + (i * 37) % 9000, i % 100);
        let comment = match i % 97 {
            0 => "\"две\r\nстроки\"".to_string(),
            1 => "\"a;b \"\"c\"\"\"".to_string(),
            _ if i < ascii_rows => "ok".to_string(),
            _ => "ёж".to_string(),
        };
        let date = if i % 211 == 5 { "31.02.2024".to_string() } else { format!("{day:02}.{month:02}.2024") };
        let client = if i % 307 == 9 { String::new() } else { format!("\"{client}\"") };
        s.push_str(&format!("{date};{client};{order};{amount};{comment}\r\n"));
        if i % 1009 == 7 {
            s.push_str("Итого;;;123,00;\r\n");
        }
    }
    s
}

#[test]
fn generated_files_cut_at_awkward_places_give_the_single_pass_report() {
    let utf8 = generated(12_000, 0);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&utf8);
    let late = generated(12_000, 6_000);
    for (name, bytes) in [
        ("utf-8", utf8.as_bytes().to_vec()),
        ("windows-1251", cp1251.to_vec()),
        ("ascii then utf-8", late.into_bytes()),
    ] {
        let (merged, total, cases) = check_cases(name, &bytes, &options());
        eprintln!("{name}: {merged} of {total} cut sets merged: {cases:?}");
        // Every cut not inside a quoted field is merged, not read again.
        for case in ["between CR and LF", "at a record start", "random 2", "one-byte parts"] {
            assert!(cases.iter().any(|c| c == case), "{name}: {case} fell back to one pass");
        }
        if name == "utf-8" {
            assert!(cases.iter().any(|c| c == "inside a multi-byte character"), "{name}");
            // Cut right after a line break inside a quoted field: the part before
            // does not end between records, so the file is read again in one pass.
            let inside = utf8.match_indices("строки").nth(20).unwrap().0 as u64;
            let run = analyze_split(&bytes, &options(), 4096, Some(&[inside]), 2).unwrap();
            assert!(run.report.is_none() && run.parts == 2);
        }
    }
}
