//! Cell values as people type them: `1 234,50 руб.`, `(12.00)`, `31.12.2024 10:15`.

use crate::money::{Money, SCALE};
use chrono::NaiveDate;

/// Currency marks stripped before reading a number; longest first so `руб.` wins over `р.`.
const CURRENCY: &[&str] = &[
    "руб.", "руб", "грн.", "грн", "р.", "rub", "uah", "usd", "eur", "₽", "₴", "$", "€",
];

/// Parses a money amount or quantity into ten-thousandths. A single `,` or `.` is the
/// decimal mark; with both, the last one is, and the other groups thousands.
pub fn parse_decimal(raw: &str) -> Option<Money> {
    let mut s = raw.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() {
        return None;
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        s = inner;
    }
    // Lower-case only if needed, to keep the common path allocation-free.
    let lowered;
    if s.bytes().any(|b| b.is_ascii_alphabetic()) || !s.is_ascii() {
        lowered = s.to_lowercase();
        s = &lowered;
    }
    let mut digits = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for cur in CURRENCY {
            if let Some(r) = rest.strip_prefix(cur) {
                rest = r;
                continue 'outer;
            }
        }
        match c {
            '0'..='9' | ',' | '.' => digits.push(c),
            '-' | '\u{2212}' | '\u{2013}' => negative = !negative,
            '+' => {}
            c if c.is_whitespace() || c == '\'' || c == '\u{2019}' || c == '\u{202f}' => {}
            _ => return None,
        }
        rest = &rest[c.len_utf8()..];
    }
    let value = parse_plain(&digits)?;
    Some(if negative { -value } else { value })
}

fn parse_plain(s: &str) -> Option<Money> {
    let last_comma = s.rfind(',');
    let last_dot = s.rfind('.');
    let decimal = match (last_comma, last_dot) {
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(c), None) if s.matches(',').count() == 1 => Some(c),
        (None, Some(d)) if s.matches('.').count() == 1 => Some(d),
        _ => None,
    };
    let (int_part, frac_part) = match decimal {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let int_digits = int_part.bytes().filter(u8::is_ascii_digit);
    if int_part.bytes().all(|b| b == b',' || b == b'.') && frac_part.is_empty() {
        return None;
    }
    let mut units: i64 = 0;
    for b in int_digits {
        units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    units = units.checked_mul(SCALE)?;
    let mut scale = SCALE / 10;
    let mut round_up = false;
    for (i, b) in frac_part.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        if scale > 0 {
            units = units.checked_add(i64::from(b - b'0') * scale)?;
            scale /= 10;
        } else if i == 4 {
            // Half away from zero on the fifth decimal.
            round_up = b >= b'5';
        }
    }
    if round_up {
        units = units.checked_add(1)?;
    }
    Some(Money(units))
}

/// Day-month order for dates written `01/02/2024`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
}

/// Parses a date, ignoring any time of day that follows it.
pub fn parse_date(raw: &str, slash_order: DateOrder) -> Option<NaiveDate> {
    let s = raw.trim();
    let date_part = s.split([' ', 'T']).next()?;
    let mut parts = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut n = 0;
    let mut sep = None;
    for token in date_part.split(['.', '-', '/']) {
        if n == 3
            || token.is_empty()
            || token.len() > 8
            || !token.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        parts[n] = token.parse().ok()?;
        lens[n] = token.len();
        n += 1;
    }
    if n == 2 {
        return None;
    }
    if n > 1 {
        sep = date_part.bytes().find(|b| matches!(b, b'.' | b'-' | b'/'));
    }
    let (y, m, d) = match (n, lens) {
        (1, [8, ..]) => (parts[0] / 10_000, parts[0] / 100 % 100, parts[0] % 100),
        (3, [4, _, _]) => (parts[0], parts[1], parts[2]),
        (3, [1 | 2, 1 | 2, 4 | 2]) => {
            let year = if lens[2] == 2 {
                two_digit_year(parts[2])
            } else {
                parts[2]
            };
            if sep == Some(b'/') && slash_order == DateOrder::Mdy {
                (year, parts[0], parts[1])
            } else {
                (year, parts[1], parts[0])
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `24` is 2024 and `85` is 1985: sales exports span decades, not a century.
fn two_digit_year(yy: u32) -> u32 {
    if yy < 80 {
        2000 + yy
    } else {
        1900 + yy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_as_people_write_them() {
        let cases: &[(&str, Option<i64>)] = &[
            ("1234,5", Some(12_345_000)),
            ("1 234,50", Some(12_345_000)),
            ("1\u{a0}234\u{a0}567,89", Some(12_345_678_900)),
            ("1\u{202f}234.5", Some(12_345_000)),
            ("1,234,567.89", Some(12_345_678_900)),
            ("1.234.567,89", Some(12_345_678_900)),
            ("1'234.50", Some(12_345_000)),
            ("-12,00", Some(-120_000)),
            ("(12.00)", Some(-120_000)),
            ("12-", Some(-120_000)),
            ("\u{2212}5", Some(-50_000)),
            ("1 500 руб.", Some(15_000_000)),
            ("1500,00 ₽", Some(15_000_000)),
            ("₴ 99,90", Some(999_000)),
            ("$1,234.56", Some(12_345_600)),
            ("100 RUB", Some(1_000_000)),
            ("0,33335", Some(3_334)),
            ("0,33334", Some(3_333)),
            ("7", Some(70_000)),
            (".5", Some(5_000)),
            ("", None),
            ("abc", None),
            (",", None),
            ("12x", None),
            ("99999999999999999999", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_decimal(text).map(|m| m.0), *want, "{text:?}");
        }
    }

    #[test]
    fn dates_in_common_layouts() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases = [
            ("31.12.2024", DateOrder::Dmy, d(2024, 12, 31)),
            ("1.2.2024", DateOrder::Dmy, d(2024, 2, 1)),
            ("31.12.24", DateOrder::Dmy, d(2024, 12, 31)),
            ("31.12.2024 23:59:59", DateOrder::Dmy, d(2024, 12, 31)),
            ("2024-12-31", DateOrder::Dmy, d(2024, 12, 31)),
            ("2024-12-31T10:00:00+03:00", DateOrder::Dmy, d(2024, 12, 31)),
            ("20241231", DateOrder::Dmy, d(2024, 12, 31)),
            ("02/03/2024", DateOrder::Dmy, d(2024, 3, 2)),
            ("02/03/2024", DateOrder::Mdy, d(2024, 2, 3)),
            ("12/31/2024 8:00", DateOrder::Mdy, d(2024, 12, 31)),
            ("31.02.2024", DateOrder::Dmy, None),
            ("2024", DateOrder::Dmy, None),
            ("31.12", DateOrder::Dmy, None),
            ("вчера", DateOrder::Dmy, None),
            ("", DateOrder::Dmy, None),
        ];
        for (text, order, want) in cases {
            assert_eq!(parse_date(text, order), want, "{text:?}");
        }
    }
}
