//! Properties of ingest over generated files: chunk boundaries change nothing,
//! numbers written in any common style read back exactly, and totals reconcile
//! with the rows written.

use clientscope::ingest::parse_decimal_with;
use clientscope::money::Money;
use clientscope::{Options, Session};
use proptest::prelude::*;

fn analyze_split(bytes: &[u8], cuts: &[usize]) -> serde_json::Value {
    let mut s = Session::new(Options { window: 0, ..Options::default() }).unwrap();
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    points.sort_unstable();
    let mut start = 0;
    for p in points.into_iter().chain([bytes.len()]) {
        s.push(&bytes[start..p]).unwrap();
        start = p;
    }
    serde_json::to_value(s.finish().unwrap()).unwrap()
}

/// Client names with the characters that make CSV hard.
fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "ООО «Ромашка»",
        "ИП Иванов; филиал",
        "\"Кавычки\" и Ко",
        "Line\nbreak Ltd",
        "Ёлка-Палка",
        "Plain",
        "  spaced  ",
    ])
    .prop_map(str::to_string)
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

prop_compose! {
    fn sales_file()(rows in prop::collection::vec((name(), 1u32..28, 1u32..13, -5_000_000i64..50_000_000), 1..40))
        -> (String, i64) {
        let mut text = String::from("Дата;Клиент;Сумма\n");
        let mut total = 0i64;
        for (client, d, m, cents) in rows {
            let amount = format!("{}{},{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100);
            text.push_str(&format!("{d:02}.{m:02}.2024;{};{amount}\n", quote(&client)));
            if !client.trim().is_empty() {
                total += cents;
            }
        }
        (text, total)
    }
}

/// A money amount written as people write it: decimal comma or point, a grouping
/// mark, a currency sign, a minus or parentheses.
fn styled(units: i64, comma: bool, group: Option<char>, currency: &str, parens: bool) -> String {
    let cents = units / 100;
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            if let Some(g) = group {
                grouped.push(g);
            }
        }
        grouped.push(ch);
    }
    let body = format!("{grouped}{}{:02}", if comma { ',' } else { '.' }, abs % 100);
    let signed = match (cents < 0, parens) {
        (false, _) => body,
        (true, true) => format!("({body})"),
        (true, false) => format!("-{body}"),
    };
    format!("{signed}{currency}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn chunk_boundaries_change_nothing((text, _) in sales_file(), cuts in prop::collection::vec(0usize..5000, 0..12)) {
        let whole = analyze_split(text.as_bytes(), &[]);
        let split = analyze_split(text.as_bytes(), &cuts);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn totals_reconcile_with_the_rows_written((text, total) in sales_file()) {
        let r = analyze_split(text.as_bytes(), &[]);
        prop_assert_eq!(r["totals"]["revenue"].as_str().unwrap(), Money::from_cents(total).to_string());
        let used = r["input"]["rows_used"].as_u64().unwrap();
        let skipped = r["input"]["rows_skipped"].as_u64().unwrap();
        prop_assert_eq!(r["input"]["rows_read"].as_u64().unwrap(), used + skipped);
    }

    #[test]
    fn styled_numbers_read_back_exactly(
        cents in -99_999_999_999i64..99_999_999_999,
        comma in any::<bool>(),
        group in prop::sample::select(vec![None, Some(' '), Some('\u{a0}'), Some('\u{202f}'), Some('\''), Some('.'), Some(',')]),
        currency in prop::sample::select(vec!["", " ₽", " руб.", " грн", " UAH", " €"]),
        parens in any::<bool>(),
    ) {
        let mark = if comma { b',' } else { b'.' };
        // The grouping mark must differ from the decimal mark.
        let group = group.filter(|g| *g as u32 != u32::from(mark));
        let units = cents * 100;
        let text = styled(units, comma, group, currency, parens);
        prop_assert_eq!(parse_decimal_with(&text, Some(mark)), Some(Money(units)), "{}", text);
    }
}
