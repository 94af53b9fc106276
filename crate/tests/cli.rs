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
fn segmentation_settings_come_from_config() {
    let dir = std::env::temp_dir().join(format!("clientscope-cli-seg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("seg.json");
    std::fs::write(
        &cfg,
        r#"{"window":6,"as_of":"2024-06-30","abc_dimension":"product","abc_measure":"quantity",
            "xyz_method":{"client":"variation"},"d_min_days":200,"rfm_recency_days":[10,30,60,120]}"#,
    )
    .unwrap();
    let (code, out, err) =
        cli(&["analyze", &fixture("segments_hand.csv"), "--json", "--config", cfg.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["abc"]["dimension"], "product");
    assert_eq!(r["abc"]["measure"], "quantity");
    // Widget: Anchor 5 x 10 + 6, Crest 20 = 76 units; Gadget 30 (a returned unit nets one).
    assert_eq!(r["abc"]["items"][0]["value"], "76.00");
    assert_eq!(r["abc"]["items"][1]["value"], "30.00");
    assert_eq!(r["xyz"]["method"], "variation");
    assert_eq!(r["settings"]["xyz_method"]["product"], "variation");
    assert_eq!(r["abcdx"]["d_min_days"], 200);
    assert_eq!(r["rfm"]["recency_days"], serde_json::json!([10, 30, 60, 120]));
    // Crest's 167 days are no longer a stop with a 200-day threshold.
    assert!(r["abcdx"]["lost"].as_array().unwrap().is_empty());

    std::fs::write(&cfg, r#"{"xyz_frequency":[20,60]}"#).unwrap();
    let (code, _, err) = cli(&["analyze", &fixture("segments_hand.csv"), "--config", cfg.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("xyz_frequency [20, 60]"), "{err}");
    let (code, out, _) = cli(&["analyze", &fixture("segments_hand.csv")]);
    assert_eq!(code, 0);
    assert!(out.contains("ABC-XYZ matrix: AX "), "{out}");
    assert!(out.contains("Concentration: Gini"), "{out}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_lists_every_option() {
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for opt in [
        "--json",
        "--config",
        "--as-of",
        "--period",
        "--window",
        "--abc",
        "--lang",
        "demo",
        "schema",
        "abc_dimension",
        "abc_measure",
        "xyz_method",
        "xyz_frequency",
        "xyz_variation",
        "xyz_min_periods",
        "bench-fit",
        "compare",
        "compare_periods",
        "buys_less_pct",
        "leaving_drop_pct",
        "buys_cheaper_pct",
        "overdue_levels",
        "overdue_min_purchases",
        "winback_groups",
        "btyd_periods",
        "clv_months",
        "clv_discount_pct",
        "abcdx_measure",
        "d_min_days",
        "d_interval_multiple",
        "x_cost_ratio",
        "x_margin_pct",
        "quadrant_percentiles",
        "rfm_recency_days",
        "rfm_frequency",
        "risk_largest_pct",
        "risk_top5_pct",
        "sql --engine",
        "--table",
        "--columns",
        "lines FILE",
    ] {
        assert!(out.contains(opt), "--help lacks {opt}");
    }
}

#[test]
fn sql_prints_the_query_and_names_what_is_wrong() {
    let columns = "client=Customer ID,date=Order date,amount=Net amount,manager=Sales rep";
    let (code, out, err) = cli(&["sql", "--engine", "spark", "--table", "shop.sales", "--columns", columns]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("FROM `shop`.`sales`"), "{out}");
    assert!(out.contains("NULLIF(TRIM(CAST(`Customer ID` AS STRING)), '') AS client"), "{out}");
    assert!(out.contains("TRY_CAST(`Net amount` AS DECIMAL(38, 4)) AS amount"), "{out}");
    let (code, _, err) = cli(&["sql", "--engine", "oracle", "--table", "t", "--columns", columns]);
    assert_eq!(code, 1);
    assert!(
        err.contains("unknown engine 'oracle'") && err.contains("duckdb, spark, clickhouse, bigquery, postgres"),
        "{err}"
    );
    let (code, _, err) = cli(&["sql", "--engine", "duckdb", "--table", "t", "--columns", "client=c,date=d"]);
    assert_eq!(code, 1);
    assert!(err.contains("--columns needs amount"), "{err}");
}

#[test]
fn lines_print_what_the_reader_typed() {
    let (code, out, err) = cli(&["lines", &fixture("abc_hand.csv")]);
    assert_eq!((code, err.as_str()), (0, ""));
    let mut rows = out.lines();
    assert_eq!(rows.next(), Some(clientscope::warehouse::lines::HEADER));
    // `10.03.2024;N1;Альфа;300,00` in the 1C-style file.
    assert_eq!(rows.next(), Some("Альфа,2024-03-10,300.00,,,N1,,,,,,,"));
}
