//! One check per file in tests/fixtures/ingest: each is read whole and in small
//! chunks, and must give the figures in its `.expect.json` (written by make.py
//! from each format's public description, money summed there independently).

use clientscope::{Options, Session};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/ingest")
}

fn report(bytes: &[u8], chunk: usize) -> Result<Value, String> {
    let mut s = Session::new(Options { window: 0, ..Options::default() }).map_err(|e| e.to_string())?;
    for c in bytes.chunks(chunk) {
        s.push(c).map_err(|e| e.to_string())?;
    }
    let r = s.finish().map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&r).unwrap())
}

#[test]
fn every_fixture_reads_to_its_expected_figures() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".expect.json") || name.ends_with(".py") {
            continue;
        }
        let expect_path = dir().join(format!("{name}.expect.json"));
        let expect: Value = serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let r = match report(&bytes, usize::MAX) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let input = &r["input"];
        let totals = &r["totals"];
        for (key, want) in expect.as_object().unwrap() {
            let got = match key.as_str() {
                "skipped" => {
                    let counts: serde_json::Map<String, Value> = input["skipped"]
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.clone(), v["count"].clone()))
                        .collect();
                    Value::Object(counts)
                }
                "revenue" | "clients" | "returns" | "purchases" | "first_date" | "last_date" => totals[key].clone(),
                _ => input[key].clone(),
            };
            if &got != want {
                failures.push(format!("{name}: {key} = {got}, expected {want}"));
            }
        }
        // Text files stream: any chunking gives the same report.
        if input["format"] == "csv" {
            match report(&bytes, 7) {
                Ok(chunked) if chunked == r => {}
                Ok(_) => failures.push(format!("{name}: 7-byte chunks give another report")),
                Err(e) => failures.push(format!("{name}: in chunks: {e}")),
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{} of {checked} fixtures differ:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= 13, "only {checked} fixtures found");
}
