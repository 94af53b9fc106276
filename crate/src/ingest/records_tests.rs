//! The in-place splitting of quote-free lines against csv-core alone: the same
//! records, on the same lines, with the same warnings, for random text cut into
//! chunks anywhere.

use super::records::Records;
use proptest::prelude::*;

type Out = (Vec<(u64, Vec<String>)>, Option<super::Warning>, Option<super::Warning>);

fn split(mut records: Records, text: &[u8], cuts: &[usize]) -> Out {
    let mut out = Vec::new();
    let mut emit = |f: &[&str], line: u64| {
        out.push((line, f.iter().map(|s| s.to_string()).collect()));
        Ok(())
    };
    let mut at = 0;
    for &cut in cuts.iter().chain(std::iter::once(&text.len())) {
        // csv-core takes an empty read for the end of input: the ingest never
        // feeds one (`TextStage::read`).
        let cut = cut.clamp(at, text.len());
        if cut > at {
            records.feed(&text[at..cut], &mut emit).expect("feed");
            at = cut;
        }
    }
    records.finish(&mut emit).expect("finish");
    (out, records.mixed_encoding.take(), records.broken_quote.take())
}

/// Pieces that make every kind of record: quoted fields with delimiters and line
/// ends inside, doubled quotes, stray quotes, blank lines, CR, LF and CR LF ends,
/// multi-byte and invalid UTF-8.
fn piece() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b"a"[..],
        b"bc",
        b"12,50",
        b"2025-01-02",
        b";",
        b",",
        b"\t",
        b"\"",
        b"\"\"",
        b"\"x;y\"",
        b"\"l1\nl2\"",
        b"\n",
        b"\r",
        b"\r\n",
        b"\n\n",
        b" ",
        "\u{41e}\u{41e}".as_bytes(),
        b"\xd0",
        b"\xff",
    ])
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn same_records_as_csv_core(
        text in text(),
        delimiter in prop::sample::select(vec![b';', b',', b'\t']),
        cuts in prop::collection::vec(0usize..400, 0..8),
    ) {
        let mut cuts = cuts;
        cuts.sort_unstable();
        let reference = split(Records::csv_core_only(delimiter), &text, &[]);
        prop_assert_eq!(&split(Records::new(delimiter), &text, &[]), &reference);
        prop_assert_eq!(&split(Records::new(delimiter), &text, &cuts), &reference);
        prop_assert_eq!(&split(Records::csv_core_only(delimiter), &text, &cuts), &reference);
    }

    /// Every chunk size, from one byte up, on one random text.
    #[test]
    fn every_chunk_size(text in text(), delimiter in prop::sample::select(vec![b';', b','])) {
        let reference = split(Records::csv_core_only(delimiter), &text, &[]);
        for size in 1..=text.len().max(1) {
            let cuts: Vec<usize> = (size..text.len()).step_by(size).collect();
            prop_assert_eq!(&split(Records::new(delimiter), &text, &cuts), &reference, "chunk size {}", size);
        }
    }
}

/// Many quoted lines in one chunk: each goes to csv-core and the plain lines
/// between them are split in place, in order.
#[test]
fn quoted_and_plain_lines_alternate() {
    let text = "a;1\r\n\"b;\"\"q\"\"\";2\nc;3\r\r\"d\nd\";4\ne;5".as_bytes();
    let (records, mixed, broken) = split(Records::new(b';'), text, &[]);
    let fields = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        records,
        vec![
            (1, fields(&["a", "1"])),
            (2, fields(&["b;\"q\"", "2"])),
            (3, fields(&["c", "3"])),
            (5, fields(&["d\nd", "4"])),
            (7, fields(&["e", "5"])),
        ]
    );
    assert!(mixed.is_none() && broken.is_none());
}
