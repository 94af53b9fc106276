//! One table of settings (crate/src/settings.rs): the page's copy and the limit
//! cases are what the code generates, and every setting at each of its limits goes
//! through a config file into a Report, while one step past is refused by name.
//! Regenerate with `cargo run -- schema --settings > www/settings-schema.js` and
//! `cargo run -- schema --limits > tests/fixtures/settings_limits.json`.

use clientscope::{analyze, settings, Options};

fn root(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_page_schema_and_limit_cases_are_current() {
    let page = std::fs::read_to_string(root("www/settings-schema.js")).unwrap();
    assert!(page == settings::page_module(), "run: cargo run -- schema --settings > www/settings-schema.js");
    let limits = std::fs::read_to_string(root("tests/fixtures/settings_limits.json")).unwrap();
    assert!(
        limits.trim_end() == settings::limits_json(),
        "run: cargo run -- schema --limits > tests/fixtures/settings_limits.json"
    );
}

#[test]
fn the_readme_lists_the_settings_as_the_table_declares_them() {
    let readme = std::fs::read_to_string(root("README.md")).unwrap();
    let (_, rest) = readme.split_once("<!-- settings:begin -->\n").expect("README has the settings table");
    let (table, _) = rest.split_once("<!-- settings:end -->").unwrap();
    assert!(table == settings::markdown_table(), "run: cargo run -- schema --table, paste into README.md");
}

fn fixture() -> Vec<u8> {
    std::fs::read(root("tests/fixtures/segments_hand.csv")).unwrap()
}

#[test]
fn every_setting_at_its_limits_through_a_config_file() {
    let bytes = fixture();
    let cases = settings::limit_cases();
    let defaults = serde_json::to_value(Options::default()).unwrap();
    for c in &cases {
        // As a config file: JSON text, read as the CLI reads --config.
        let text = settings::with(&defaults, c.key, c.value.clone()).to_string();
        let options: Result<Options, _> = serde_json::from_str(&text);
        match (c.accepted, options) {
            (true, Ok(o)) => {
                let r = analyze(&bytes, &o);
                // Encodings that are not ASCII-compatible make a one-column file; every
                // other accepted value analyses the fixture.
                let utf16 = c.key == "encoding" && c.value.as_str().is_some_and(|l| l.starts_with("UTF-16"));
                assert!(r.is_ok() || utf16, "{} = {}: {:?}", c.key, c.value, r.err());
                if let Ok(r) = r {
                    assert_eq!(r.input.account.rows_read, 17, "{} = {}", c.key, c.value);
                }
            }
            (false, Ok(o)) => {
                let e = o.validate().unwrap_err();
                assert_eq!(e.code(), "bad_options");
                assert!(e.to_string().contains(c.key), "{} = {}: {e}", c.key, c.value);
            }
            (false, Err(_)) => {} // not even the right type: serde names it
            (true, Err(e)) => panic!("{} = {}: {e}", c.key, c.value),
        }
    }
}

#[test]
fn the_limit_configs_cover_every_accepted_value_and_analyse_the_fixture() {
    let bytes = fixture();
    let cases = settings::limit_cases();
    let configs = settings::limit_configs(&cases);
    assert!(configs.len() >= 4, "{}", configs.len());
    for c in cases.iter().filter(|c| c.accepted) {
        let in_some = configs.iter().any(|o| settings::lookup(o, c.key) == &c.value);
        let utf16 = c.value.as_str().is_some_and(|l| l.starts_with("UTF-16"));
        assert!(in_some || utf16, "{} = {} in no config", c.key, c.value);
    }
    for config in configs {
        let o: Options = serde_json::from_value(config.clone()).unwrap();
        let r = analyze(&bytes, &o).unwrap_or_else(|e| panic!("{config}: {e}"));
        // The Report says which settings it ran with.
        let echoed = serde_json::to_value(&r.settings).unwrap();
        let asked = serde_json::to_value(&o).unwrap();
        for key in ["window", "period", "xyz_frequency", "overdue_levels", "winback_groups", "rfm_frequency"] {
            assert_eq!(settings::lookup(&echoed, key), settings::lookup(&asked, key), "{key}");
        }
    }
}
