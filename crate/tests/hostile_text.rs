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
