//! Figures the page (www/format.js) and the core (format.rs) both write: one table of
//! cases, tests/fixtures/format_cases.json, read by this test and by
//! tests/e2e/format.test.mjs, so the two writers cannot drift apart unseen.

use clientscope::format;
use clientscope::lang::Lang;

#[derive(serde::Deserialize)]
struct Case {
    x: Option<f64>,
    lang: String,
    text: String,
}

#[derive(serde::Deserialize)]
struct Cases {
    score: Vec<Case>,
}

#[test]
fn the_core_writes_scores_as_the_page_does() {
    let path = format!("{}/../tests/fixtures/format_cases.json", env!("CARGO_MANIFEST_DIR"));
    let cases: Cases = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.score.len() >= 60);
    for c in &cases.score {
        let lang = Lang::parse(&c.lang).unwrap();
        assert_eq!(format::score(c.x.unwrap_or(f64::NAN), lang), c.text, "{:?} in {}", c.x, c.lang);
    }
}
