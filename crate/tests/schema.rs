//! The committed JSON Schema (docs/report.schema.json) is the one the code derives;
//! regenerate it with `cargo run -- schema > docs/report.schema.json`.

#[test]
fn committed_schema_is_current() {
    let path = format!("{}/../docs/report.schema.json", env!("CARGO_MANIFEST_DIR"));
    let committed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(committed, clientscope::report::json_schema(), "run: cargo run -- schema > docs/report.schema.json");
    let required = committed["required"].as_array().unwrap();
    for key in ["input", "totals", "clients", "abc", "settings", "schema_version"] {
        assert!(required.iter().any(|k| k == key), "{key} is required");
    }
}
