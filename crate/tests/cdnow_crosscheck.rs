//! The CDNOW cross-check without Python: the classes inventorize (ABC, with the
//! documented adjustment) and a pandas reference (XYZ) gave, frozen by
//! `FREEZE=1 make crosscheck` into tests/fixtures/cdnow_crosscheck.json, must be
//! exactly what Clientscope computes with the same settings.

use clientscope::{analyze, Options, Report};
use serde_json::Value;
use std::collections::BTreeMap;

fn root(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn run(config: &str) -> Report {
    let opts: Options = serde_json::from_str(&std::fs::read_to_string(root(config)).unwrap()).unwrap();
    let csv = std::fs::read(root("tests/fixtures/cdnow_master.csv")).unwrap();
    analyze(&csv, &opts).unwrap()
}

fn classes(r: &Report, ids: &[String], pick: impl Fn(&clientscope::report::ClientOut) -> String) -> String {
    let by_id: BTreeMap<&str, String> = r.clients.iter().map(|c| (c.id.as_ref(), pick(c))).collect();
    ids.iter().map(|id| by_id[id.as_str()].clone()).collect()
}

fn agreement(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).filter(|(x, y)| x == y).count()
}

#[test]
fn abc_and_xyz_match_the_frozen_reference() {
    let frozen: Value =
        serde_json::from_str(&std::fs::read_to_string(root("tests/fixtures/cdnow_crosscheck.json")).unwrap()).unwrap();
    let ids: Vec<String> = serde_json::from_value(frozen["customers"].clone()).unwrap();
    assert_eq!(ids.len(), 23_570);

    let freq = run("tests/crosscheck/cdnow_frequency.json");
    assert_eq!(freq.clients.len(), ids.len());
    let abc = classes(&freq, &ids, |c| c.abc.map(|k| format!("{k:?}")).unwrap_or_default());
    let want = frozen["abc"].as_str().unwrap();
    assert_eq!(agreement(&abc, want), ids.len(), "ABC differs from the reference");
    let xyz = classes(&freq, &ids, |c| c.xyz.map(|x| x.to_string()).unwrap_or_default());
    let want = frozen["xyz_frequency"].as_str().unwrap();
    assert_eq!(agreement(&xyz, want), ids.len(), "XYZ by frequency differs");

    let var = run("tests/crosscheck/cdnow_variation.json");
    let xyz = classes(&var, &ids, |c| c.xyz.map(|x| x.to_string()).unwrap_or_default());
    let want = frozen["xyz_variation"].as_str().unwrap();
    assert_eq!(agreement(&xyz, want), ids.len(), "XYZ by variation differs");

    // The headline figures of the Python run, kept here so a reader sees them.
    let a = &frozen["agreement"];
    assert_eq!(a["ranked"], 23_502);
    assert_eq!(a["raw_agreement"], 23_477);
    assert_eq!(a["adjusted_agreement"], 23_502);
}
