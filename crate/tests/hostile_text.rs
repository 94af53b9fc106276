//! Hostile and unlucky text files (issue 19): money exact or refused, dates far
//! from the rest named, the encoding decided on evidence whatever the chunk size.
//! Every input is generated here.

use clientscope::{analyze, Error, Options, Session};
use serde_json::Value;

fn json(bytes: &[u8], opts: &Options) -> Result<Value, Error> {
    analyze(bytes, opts).map(|r| serde_json::to_value(&r).unwrap())
}

fn units(v: &Value) -> i128 {
    // Exact: "1234.5678" -> 12345678 ten-thousandths.
    let s = v.as_str().unwrap();
    let (whole, frac) = s.split_once('.').unwrap();
    let frac = format!("{frac:0<4}");
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    whole.parse::<i128>().unwrap() * 10_000 + sign * frac.parse::<i128>().unwrap()
}

#[test]
fn a_margin_past_i64_is_refused_with_its_line() {
    // 9e14 - (-9e14) once wrapped to a margin of -44 674 407 370 950.1616.
    let csv = "Дата;Клиент;Сумма;Себестоимость\n01.02.2024;А;10;5\n02.02.2024;Б;900000000000000;-900000000000000\n";
    let err = json(csv.as_bytes(), &Options::default()).unwrap_err();
    assert_eq!(err, Error::Overflow { line: 3 });
    assert!(err.message(clientscope::Lang::Ru).contains("строка 3"));
}

#[test]
fn sums_of_parts_cannot_pass_what_the_whole_file_holds() {
    // The net total stays small (9e14, 0, 9e14) while group A (clients A and C)
    // would hold 1.8e15: it saturated at i64::MAX, a value share of 1.0248. And
    // client A alone buying twice would be 1.8e15. Both are refused at the line
    // where the rows' absolute amounts pass what i64 holds.
    for last in ["C", "A"] {
        let csv = format!(
            "Date;Client;Amount\n01.02.2024;A;900000000000000\n02.02.2024;B;-900000000000000\n\
             03.02.2024;{last};900000000000000\n"
        );
        assert_eq!(json(csv.as_bytes(), &Options::default()).unwrap_err(), Error::Overflow { line: 3 });
    }
    // Quantity x price past i64 is refused too, not skipped as unreadable.
    let csv = "Date;Client;Quantity;Price\n01.02.2024;A;1000000;10000000000\n";
    assert_eq!(json(csv.as_bytes(), &Options::default()).unwrap_err(), Error::Overflow { line: 2 });
}

#[test]
fn abc_groups_near_the_limit_are_exact_and_shares_stay_in_0_1() {
    // 6e14 + 2.2e14 + 0.8e14 (+ 1.5e13 in small clients) is just under i64's 9.22e14:
    // group values are exact (they once saturated at i64::MAX, a share of 1.0248).
    let mut csv = String::from("Date;Client;Amount\n");
    for (client, amount) in [("A", 600_000_000_000_000i64), ("B", 220_000_000_000_000), ("C", 80_000_000_000_000)] {
        csv.push_str(&format!("01.02.2024;{client};{amount}\n"));
    }
    for i in 0..15 {
        csv.push_str(&format!("02.02.2024;S{i};1000000000000,25\n"));
    }
    let r = json(csv.as_bytes(), &Options::default()).unwrap();
    let total = units(&r["totals"]["revenue"]);
    assert_eq!(total, 9_150_000_000_000_037_500);
    let groups = r["abc"]["groups"].as_array().unwrap();
    let values: Vec<i128> = groups.iter().map(|g| units(&g["value"])).collect();
    // Shares held by larger clients: 0 and 65.6 % (A), 89.6 % (B), 98.4 % (C).
    assert_eq!(values, vec![8_200_000_000_000_000_000, 800_000_000_000_000_000, 150_000_000_000_037_500]);
    assert_eq!(values.iter().sum::<i128>(), total);
    for g in groups {
        let share = g["value_share"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share), "{g}");
    }
}

/// 20 clients buying monthly through 2023-2025, with `typo` as the date of one
/// row (line 100) instead of 2024-06-10.
fn twenty_clients(typo: &str) -> String {
    let mut csv = String::from("Дата;Клиент;Сумма\n");
    let mut line = 1;
    for month in 0..36 {
        for c in 0..20 {
            line += 1;
            let date = if line == 100 {
                typo.to_string()
            } else {
                format!("{:02}.{:02}.{}", 10 + c % 5, month % 12 + 1, 2023 + month / 12)
            };
            csv.push_str(&format!("{date};Клиент {c};100\n"));
        }
    }
    csv
}

#[test]
fn a_date_typo_far_from_the_rest_is_named_and_is_no_analysis_date() {
    for (typo, code) in [
        ("31.12.9999", "late_date_outliers"),
        ("10.06.2999", "late_date_outliers"),
        ("10.06.1900", "early_date_outliers"),
    ] {
        let r = json(twenty_clients(typo).as_bytes(), &Options::default()).unwrap();
        // The last real purchase: 14 December 2025 (client 4's day).
        assert_eq!(r["settings"]["as_of"], "2025-12-14", "{typo}");
        assert_eq!(r["totals"]["as_of"], "2025-12-14", "{typo}");
        // Kept, not skipped: every row is used and the money is all there.
        assert_eq!(r["input"]["rows_used"], 720, "{typo}");
        assert_eq!(r["totals"]["revenue"], "72000.00", "{typo}");
        // All 20 clients bought in the 12-month window (19 were inactive before).
        assert_eq!(r["abc"]["inactive"], 0, "{typo}");
        let warnings = r["input"]["warnings"].as_array().unwrap();
        let w = warnings.iter().find(|w| w["code"] == code).unwrap_or_else(|| panic!("{typo}: {warnings:?}"));
        assert_eq!((&w["count"], &w["first_line"], &w["lines"]), (&1.into(), &100.into(), &serde_json::json!([100])));
    }
    // Asked for, the typo's date is the analysis date.
    let opts = Options { as_of: chrono::NaiveDate::from_ymd_opt(9999, 12, 31), ..Options::default() };
    let r = json(twenty_clients("31.12.9999").as_bytes(), &opts).unwrap();
    assert_eq!(r["settings"]["as_of"], "9999-12-31");
    // No typo, no warning.
    let r = json(twenty_clients("10.06.2024").as_bytes(), &Options::default()).unwrap();
    assert_eq!(r["input"]["warnings"], serde_json::json!([]));
}

/// Text encodings a file comes in, and how to write one.
#[derive(Clone, Copy, Debug)]
enum Enc {
    Windows1251,
    Koi8R,
    Utf16Le,
}

impl Enc {
    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Enc::Windows1251 => encoding_rs::WINDOWS_1251.encode(text).0.into_owned(),
            Enc::Koi8R => encoding_rs::KOI8_R.encode(text).0.into_owned(),
            Enc::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        }
    }
}

const NAMES: [&str; 6] = [
    "ООО Ромашка",
    "ИП Сидоров Алексей Викторович",
    "АО Северная звезда",
    "ООО Строительная компания Восток",
    "Индивидуальный предприниматель Кузнецова",
    "ЗАО Торговый дом Приволжье",
];

/// A sales file whose first non-ASCII character is character `at`: ASCII rows
/// (20 clients with long names, so the rows are few), one row padded to end right
/// there, then Russian clients.
fn text_with_first_cyrillic_at(at: usize, cyrillic_rows: usize) -> String {
    let mut out = String::from("Date;Client;Amount\n");
    let lead = "03.02.2024;";
    let filler = "x".repeat(1000);
    let mut i = 0;
    while out.len() + 2 * filler.len() + lead.len() < at {
        out.push_str(&format!("01.02.2024;Client {} {filler};{},50\n", i % 20, i % 90 + 1));
        i += 1;
    }
    let pad = at - lead.len() - out.len() - "02.02.2024;P;1\n".len();
    out.push_str(&format!("02.02.2024;P{};1\n", "x".repeat(pad)));
    assert_eq!(out.len() + lead.len(), at);
    for k in 0..cyrillic_rows {
        out.push_str(&format!("{lead}{} {};{} 234,50\n", NAMES[k % NAMES.len()], k / NAMES.len(), k % 9 + 1));
    }
    out
}

fn report_in_chunks(bytes: &[u8], chunk: usize) -> Value {
    let mut s = Session::new(Options::default()).unwrap();
    for c in bytes.chunks(chunk) {
        s.push(c).unwrap();
    }
    serde_json::to_value(s.finish().unwrap()).unwrap()
}

/// The first non-ASCII byte of `bytes` (for UTF-16, of its first non-ASCII character).
fn first_non_ascii(enc: Enc, bytes: &[u8]) -> usize {
    match enc {
        Enc::Utf16Le => 2 + bytes[2..].chunks(2).position(|c| c[1] != 0 || c[0] >= 0x80).unwrap() * 2,
        _ => bytes.iter().position(|b| !b.is_ascii()).unwrap(),
    }
}

/// Chunk sizes that put a chunk boundary at, just before and just after `at`,
/// and at the 64 KiB sniff window, from 1 byte to 4 MiB.
fn boundary_sizes(at: usize) -> Vec<usize> {
    let mut sizes = vec![1, 3, 4096, 65_535, 65_536, 65_537, 4 << 20];
    for d in [-2i64, -1, 0, 1, 2] {
        sizes.push((at as i64 + d) as usize);
    }
    sizes.extend([at / 2 + 1, (at - 1) / 3]);
    sizes
}

fn assert_same_report_for_every_chunking(enc: Enc, text: &str, sizes: &[usize]) -> Value {
    let bytes = enc.encode(text);
    let whole = report_in_chunks(&bytes, usize::MAX);
    let want = match enc {
        Enc::Windows1251 => "windows-1251",
        Enc::Koi8R => "KOI8-R",
        Enc::Utf16Le => "UTF-16LE",
    };
    // KOI8-U reads Russian letters as KOI8-R does: what matters is the names.
    let found = whole["input"]["encoding"].as_str().unwrap();
    assert!(found == want || (want == "KOI8-R" && found == "KOI8-U"), "{enc:?} read as {found}");
    let ids: Vec<&str> = whole["clients"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"ООО Ромашка 0") && ids.contains(&"ЗАО Торговый дом Приволжье 1"), "{enc:?}");
    for &size in sizes {
        let got = report_in_chunks(&bytes, size);
        if got != whole {
            let input = first_difference(&got["input"], &whole["input"], "input");
            panic!(
                "{enc:?}: chunk of {size} bytes changes the report: {} / {input}",
                first_difference(&got, &whole, "")
            );
        }
    }
    whole
}

/// Where two JSON values first differ, for a readable failure.
fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if y.get(k) != Some(v) {
                    return first_difference(v, y.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"));
                }
            }
            format!("{path}: keys differ")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            let i = x.iter().zip(y).position(|(p, q)| p != q).unwrap_or(0);
            first_difference(&x[i], &y[i], &format!("{path}[{i}]"))
        }
        _ => format!("{path}: {a} != {b}"),
    }
}

#[test]
fn the_encoding_does_not_depend_on_where_reads_end() {
    // First non-ASCII byte just past the 64 KiB sniff window, and at it.
    for enc in [Enc::Windows1251, Enc::Koi8R, Enc::Utf16Le] {
        for at in [65_536 + 3, 65_536 - 1] {
            let text = text_with_first_cyrillic_at(at, 60);
            let bytes = enc.encode(&text);
            let at = first_non_ascii(enc, &bytes);
            assert_same_report_for_every_chunking(enc, &text, &boundary_sizes(at));
        }
    }
}

#[test]
fn a_windows_1251_file_cyrillic_from_about_1_mib_is_read_as_such() {
    // The CLI reads 1 MiB at a time: this file was read as windows-1250, UTF-8,
    // windows-1252 or KOI8-U depending on the boundary.
    let text = text_with_first_cyrillic_at((1 << 20) - 2, 40);
    let sizes = [1 << 20, (1 << 20) - 1, (1 << 20) - 2, (1 << 20) - 3, (1 << 20) + 1, 65_536, 4 << 20];
    assert_same_report_for_every_chunking(Enc::Windows1251, &text, &sizes);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 6, ..Default::default() })]
    #[test]
    fn any_chunk_size_gives_the_same_report(size in 1usize..=4 << 20, enc in 0usize..3, shift in 0usize..8) {
        let enc = [Enc::Windows1251, Enc::Koi8R, Enc::Utf16Le][enc];
        let text = text_with_first_cyrillic_at(65_530 + shift, 30);
        assert_same_report_for_every_chunking(enc, &text, &[size]);
    }
}

#[test]
fn one_windows_1251_line_in_utf8_text_is_read_and_named() {
    // The whole file once became GBK (`袣谢懈械薪褌…`), or on a small file a
    // missing-columns error. Now: UTF-8, and the odd line read as Windows-1251.
    for utf8_rows in [3, 5_000] {
        let mut bytes = "Дата;Клиент;Сумма\n".as_bytes().to_vec();
        for k in 0..utf8_rows {
            bytes.extend_from_slice(format!("01.02.2024;{} {};100\n", NAMES[k % NAMES.len()], k % 50).as_bytes());
        }
        let odd_line = utf8_rows as u64 + 2;
        bytes.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("02.02.2024;ООО Ромашка 0;50\n").0);
        bytes.extend_from_slice("03.02.2024;АО Северная звезда 2;7\n".as_bytes());
        for chunk in [1, 4096, usize::MAX] {
            let r = report_in_chunks(&bytes, chunk);
            assert_eq!(r["input"]["encoding"], "UTF-8", "{utf8_rows} rows, chunk {chunk}");
            assert_eq!(r["input"]["rows_used"], utf8_rows as u64 + 2);
            let w = &r["input"]["warnings"][0];
            assert_eq!(
                (&w["code"], &w["count"], &w["lines"]),
                (&"mixed_encoding".into(), &1.into(), &serde_json::json!([odd_line]))
            );
            let romashka = r["clients"].as_array().unwrap().iter().find(|c| c["id"] == "ООО Ромашка 0").unwrap();
            // 100 from each UTF-8 row of the client (1, or every 150th of 5 000:
            // 34), 50 from the Windows-1251 one.
            let want = if utf8_rows == 3 { "150.00" } else { "3450.00" };
            assert_eq!(romashka["revenue"], want, "{utf8_rows} rows, chunk {chunk}");
        }
    }
}
