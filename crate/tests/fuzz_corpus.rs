//! Replays the fuzz corpora (fuzz/corpus/<target>) and every fixture through the
//! same check the fuzz targets run, so what fuzzing found stays fixed.

use std::path::Path;

#[test]
fn corpus_and_fixtures_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut n = 0;
    for dir in ["fuzz/corpus/ingest", "tests/fixtures/ingest", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                // Each file both as is and with a chunk-size byte in front.
                clientscope::testing::check_any_input(&bytes);
                for chunk in [1u8, 3, 64] {
                    let mut data = vec![chunk];
                    data.extend_from_slice(&bytes);
                    clientscope::testing::check_any_input(&data);
                }
                n += 1;
            }
        }
    }
    assert!(n >= 15, "only {n} inputs replayed");
}

/// The spreadsheet and HTML targets read whole files (fuzz/fuzz_targets/xlsx.rs and
/// its siblings); their corpora, seeds and findings alike, replay the same way.
#[test]
fn spreadsheet_corpora_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    for target in ["xlsx", "xls", "ods", "html"] {
        let mut n = 0;
        for e in std::fs::read_dir(root.join(target)).unwrap() {
            let path = e.unwrap().path();
            if path.is_file() {
                clientscope::testing::check_whole_file(&std::fs::read(&path).unwrap());
                n += 1;
            }
        }
        assert!(n >= 1, "no {target} corpus");
    }
}
