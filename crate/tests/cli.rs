//! The CLI contract (design.md, contract 2): JSON on stdout, errors on stderr with
//! a non-zero exit, options from --config and flags.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clientscope")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn fixture(name: &str) -> String {
    format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_report_on_stdout() {
    let (code, out, err) = cli(&["analyze", &fixture("abc_hand.csv"), "--json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["totals"]["revenue"], "2170.00");
    assert_eq!(r["abc"]["groups"][0]["count"], 4);
}

#[test]
fn config_file_and_flags_apply_with_flags_winning() {
    let dir = std::env::temp_dir().join(format!("clientscope-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("cfg.json");
    std::fs::write(&cfg, r#"{"abc_thresholds":[50,80],"window":0}"#).unwrap();
    let file = fixture("abc_hand.csv");
    let (code, out, _) = cli(&["analyze", &file, "--json", "--config", cfg.to_str().unwrap()]);
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["settings"]["abc_thresholds"], serde_json::json!([50.0, 80.0]));
    assert_eq!(r["abc"]["inactive"], 0);
    let (_, out, _) = cli(&[
        "analyze",
        &file,
        "--json",
        "--config",
        cfg.to_str().unwrap(),
        "--abc",
        "70,90",
        "--as-of",
        "2024-06-30",
    ]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["settings"]["abc_thresholds"], serde_json::json!([70.0, 90.0]));
    assert_eq!(r["totals"]["as_of"], "2024-06-30");
    // The as-of date ends the window: Дельта (20.11.2024) bought after it.
    let delta = r["clients"].as_array().unwrap().iter().find(|c| c["id"] == "Дельта").unwrap();
    assert_eq!(delta["window_revenue"], "0.00");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn errors_go_to_stderr_in_the_chosen_language() {
    let dir = std::env::temp_dir().join(format!("clientscope-cli-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "Клиент;Сумма\nА;1\n").unwrap();
    let (code, out, err) = cli(&["analyze", bad.to_str().unwrap(), "--json", "--lang", "ru"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.starts_with("Error: Не найдены нужные столбцы: дата."), "{err}");
    let (code, _, err) = cli(&["analyze", bad.to_str().unwrap(), "--abc", "90,80"]);
    assert_eq!(code, 1);
    assert!(err.contains("abc_thresholds"), "{err}");
    let (code, _, err) = cli(&["analyze", "/nonexistent/file.csv"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot open /nonexistent/file.csv"), "{err}");
    let (code, _, err) = cli(&["frobnicate"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown command"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_lists_every_option() {
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for opt in ["--json", "--config", "--as-of", "--period", "--window", "--abc", "--lang", "demo", "schema"] {
        assert!(out.contains(opt), "--help lacks {opt}");
    }
}
