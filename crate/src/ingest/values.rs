//! Cell values as people type them: `1 234,50 руб.`, `(12.00)`, `31.12.2024 10:15`.

use crate::money::{Money, SCALE};
use chrono::NaiveDate;

/// Currency marks stripped before reading a number; longest first so `руб.` wins over `р.`.
/// Lower case: values are lowered before the compare.
const CURRENCY: &[&str] = &[
    "руб.", "руб", "грн.", "грн", "у.е.", "р.", "rub", "rur", "uah", "usd", "eur", "gbp", "byn", "kzt", "тг", "₽", "₴",
    "$", "€", "£", "₸",
];

/// The value without a currency word or sign before or after it: `1 500,00 руб.`
/// -> `1 500,00`, `$1,234.56` -> `1,234.56`. The dot of `руб.` or `р.` is no
/// decimal or thousands mark, so the column's mark is voted on what is left.
pub fn strip_currency(raw: &str) -> &str {
    let mut s = raw.trim();
    loop {
        let before = s.len();
        for cur in CURRENCY {
            let n = cur.len();
            // Cyrillic letters are two bytes in both cases, so a lowered compare of
            // the same byte span is exact.
            if let Some(head) = s.get(..n).filter(|h| h.to_lowercase() == *cur) {
                s = s[head.len()..].trim_start();
            }
            if let Some(tail) = s.len().checked_sub(n).and_then(|at| s.get(at..)).filter(|t| t.to_lowercase() == *cur) {
                s = s[..s.len() - tail.len()].trim_end();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Parses a money amount or quantity into ten-thousandths. A single `,` or `.` is the
/// decimal mark; with both, the last one is, and the other groups thousands.
pub fn parse_decimal(raw: &str) -> Option<Money> {
    parse_decimal_with(raw, None)
}

/// As [`parse_decimal`], with the column's decimal mark when it is known: then the
/// other mark only groups thousands (`1,234` is 1234 in a column that uses `.`).
/// Read from the bytes in place: the digits and marks gather in a buffer on the
/// stack (a value longer than it, on the heap), never in a `String` per value.
pub fn parse_decimal_with(raw: &str, decimal: Option<u8>) -> Option<Money> {
    if let Some(v) = plain_number(raw.as_bytes(), decimal) {
        return Some(v);
    }
    let s = raw.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() {
        return None;
    }
    // Each digit or mark kept is one character of `s`: `s.len()` bytes suffice.
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let buf: &mut [u8] = if s.len() <= stack.len() {
        &mut stack
    } else {
        heap.resize(s.len(), 0);
        &mut heap
    };
    grouped_number(s, decimal, buf)
}

/// The long way: currency words and signs, signs, brackets, grouping spaces and
/// apostrophes around the digits and marks, which are gathered into `buf`.
fn grouped_number(s: &str, decimal: Option<u8>, buf: &mut [u8]) -> Option<Money> {
    let mut negative = false;
    // `(12,00)` is negative, as accountants write it, also with a currency after it.
    let mut parens = 0i32;
    let mut n = 0;
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for cur in CURRENCY {
            if let Some(len) = prefix_ignoring_case(rest, cur) {
                rest = &rest[len..];
                continue 'outer;
            }
        }
        match c {
            '0'..='9' | ',' | '.' => {
                *buf.get_mut(n)? = c as u8;
                n += 1;
            }
            '-' | '\u{2212}' | '\u{2013}' => negative = !negative,
            '+' => {}
            '(' if parens == 0 => {
                parens = 1;
                negative = !negative;
            }
            ')' if parens == 1 => parens = 2,
            c if c.is_whitespace() || c == '\'' || c == '\u{2019}' || c == '\u{202f}' => {}
            _ => return None,
        }
        rest = &rest[c.len_utf8()..];
    }
    if parens == 1 {
        return None;
    }
    let value = match decimal {
        None => parse_plain(&buf[..n])?,
        Some(mark) => {
            // Grouping marks dropped and the decimal mark made a `.`, in place.
            let grouping = if mark == b',' { b'.' } else { b',' };
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if b != grouping {
                    buf[kept] = if b == mark { b'.' } else { b };
                    kept += 1;
                }
            }
            if buf[..kept].iter().filter(|&&b| b == b'.').count() > 1 {
                return None;
            }
            parse_plain(&buf[..kept])?
        }
    };
    Some(if negative { -value } else { value })
}

/// The length in `s` of a prefix that reads `lower` once lower-cased (`РУБ.` for
/// `руб.`), compared character by character instead of lowering a copy.
fn prefix_ignoring_case(s: &str, lower: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for want in lower.chars() {
        let (_, c) = chars.next()?;
        if c != want {
            let mut low = c.to_lowercase();
            if low.next() != Some(want) || low.next().is_some() {
                return None;
            }
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// The common case without allocating: `-123`, `123,45`, `0.5` (at most four
/// decimals, no grouping). Anything else goes the long way.
fn plain_number(b: &[u8], decimal: Option<u8>) -> Option<Money> {
    let (negative, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 || int_len > 14 {
        return None;
    }
    let mut units: i64 = 0;
    for &c in &b[..int_len] {
        units = units * 10 + i64::from(c - b'0');
    }
    units *= SCALE;
    let rest = &b[int_len..];
    if let Some((&mark, frac)) = rest.split_first() {
        if !(mark == b',' || mark == b'.') || decimal.is_some_and(|d| d != mark) {
            return None;
        }
        if frac.is_empty() || frac.len() > 4 || !frac.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut scale = SCALE;
        for &c in frac {
            scale /= 10;
            units += i64::from(c - b'0') * scale;
        }
    }
    Some(Money(if negative { -units } else { units }))
}

/// Digits with `,` and `.` marks (see [`parse_decimal`]) as ASCII bytes.
fn parse_plain(s: &[u8]) -> Option<Money> {
    let count = |mark: u8| s.iter().filter(|&&b| b == mark).count();
    let last_comma = s.iter().rposition(|&b| b == b',');
    let last_dot = s.iter().rposition(|&b| b == b'.');
    let decimal = match (last_comma, last_dot) {
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(c), None) if count(b',') == 1 => Some(c),
        (None, Some(d)) if count(b'.') == 1 => Some(d),
        _ => None,
    };
    let (int_part, frac_part) = match decimal {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &s[s.len()..]),
    };
    let int_digits = int_part.iter().copied().filter(u8::is_ascii_digit);
    if int_part.iter().all(|&b| b == b',' || b == b'.') && frac_part.is_empty() {
        return None;
    }
    let mut units: i64 = 0;
    for b in int_digits {
        units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    units = units.checked_mul(SCALE)?;
    let mut scale = SCALE / 10;
    let mut round_up = false;
    for (i, &b) in frac_part.iter().enumerate() {
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

/// What one value says about its column's decimal mark: `Some(b',')` or
/// `Some(b'.')`, or `None` when it cannot tell (`1,234` could be either).
pub fn decimal_vote(raw: &str) -> Option<u8> {
    let raw = strip_currency(raw);
    let marks: Vec<(usize, u8)> = raw.bytes().enumerate().filter(|(_, b)| *b == b',' || *b == b'.').collect();
    let (&(last_i, last), rest) = marks.split_last()?;
    if rest.iter().any(|&(_, b)| b != last) {
        return Some(last);
    }
    if !rest.is_empty() {
        // The same mark twice groups thousands; the decimal mark is the other one.
        return Some(if last == b',' { b'.' } else { b',' });
    }
    let digits_after = raw[last_i + 1..].bytes().take_while(u8::is_ascii_digit).count();
    let digits_before = raw[..last_i].bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits_after == 3 && (1..=3).contains(&digits_before) {
        None
    } else {
        Some(last)
    }
}

/// The first two parts of an `a/b/yyyy` or `a-b-yyyy` date: the forms whose
/// day-month order only context can tell. Dotted dates are always day first.
fn day_month_parts(raw: &str) -> Option<(u32, u32)> {
    let part = raw.trim().split([' ', 'T']).next()?;
    let mut it = part.split(['/', '-']);
    let (a, b, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || a.len() > 2 || b.len() > 2 || !(y.len() == 2 || y.len() == 4) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What one date value says about day-month order: a part above 12 tells.
pub fn date_order_vote(raw: &str) -> Option<DateOrder> {
    match day_month_parts(raw)? {
        (a, b) if a > 12 && b <= 12 => Some(DateOrder::Dmy),
        (a, b) if b > 12 && a <= 12 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// A date that reads differently day-first and month-first (`01/02/2024`).
pub fn is_ambiguous_date(raw: &str) -> bool {
    matches!(day_month_parts(raw), Some((a, b)) if a <= 12 && b <= 12 && a != b)
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
    if let Some(d) = dotted_date(s.as_bytes()).or_else(|| iso_date(s.as_bytes())) {
        return Some(d);
    }
    if let Some(d) = excel_serial(s) {
        return Some(d);
    }
    let date_part = s.split([' ', 'T']).next()?;
    let mut parts = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut n = 0;
    let mut sep = None;
    for token in date_part.split(['.', '-', '/']) {
        if n == 3 || token.is_empty() || token.len() > 8 || !token.bytes().all(|b| b.is_ascii_digit()) {
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
            let year = if lens[2] == 2 { two_digit_year(parts[2]) } else { parts[2] };
            if matches!(sep, Some(b'/' | b'-')) && slash_order == DateOrder::Mdy {
                (year, parts[0], parts[1])
            } else {
                (year, parts[1], parts[0])
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `dd.mm.yyyy`, maybe followed by a time: most Russian exports, read in place.
fn dotted_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[2] != b'.' || b[5] != b'.' || (b.len() > 10 && b[10] != b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(6..10)? as i32, num(3..5)?, num(0..2)?)
}

/// `yyyy-mm-dd`, maybe followed by a time (` 10:15`, `T10:15:00+03:00`): ISO
/// exports and databases, read in place.
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b' ' && b[10] != b'T') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Excel stores dates as days since 1899-12-30 (the 1900 system, with its phantom
/// 29 Feb 1900); a five-digit number, maybe with a time fraction, is one of those.
fn excel_serial(s: &str) -> Option<NaiveDate> {
    let (days, frac) = match s.split_once(['.', ',']) {
        Some((d, f)) => (d, f),
        None => (s, "0"),
    };
    if days.len() != 5 || !days.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = days.parse().ok()?;
    // 1954-10-03 .. 2119-01-27: wide enough for sales, narrow enough not to take a
    // five-digit order number for a date.
    if !(20_000..80_000).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
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
            ("1 500 РУБ.", Some(15_000_000)),
            ("USD 1\u{a0}234,5", Some(12_345_000)),
            ("1\u{a0}234\u{a0}567,89 Руб", Some(12_345_678_900)),
            ("(1 234,50 грн.)", Some(-12_345_000)),
            ("(12,00", None),
            ("12 ₽ x", None),
            // Longer than the stack buffer: read on the heap, same rules.
            (&format!("{}1 234,5", "0".repeat(70)), Some(12_345_000)),
            (&format!("1,{}", "9".repeat(70)), Some(20_000)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_decimal(text).map(|m| m.0), *want, "{text:?}");
        }
    }

    #[test]
    fn column_decimal_mark_decides_ambiguous_values() {
        let cases: &[(&str, Option<u8>, Option<i64>)] = &[
            ("1,234", Some(b'.'), Some(12_340_000)),
            ("1,234", Some(b','), Some(12_340)),
            ("1.234", Some(b','), Some(12_340_000)),
            ("1.234,5", Some(b','), Some(12_345_000)),
            ("1 234.5", Some(b'.'), Some(12_345_000)),
            ("1,2,3", Some(b','), None),
        ];
        for (text, mark, want) in cases {
            assert_eq!(parse_decimal_with(text, *mark).map(|m| m.0), *want, "{text:?} {mark:?}");
        }
        let votes: &[(&str, Option<u8>)] = &[
            ("1,5", Some(b',')),
            ("1.50", Some(b'.')),
            ("1,234", None),
            ("1.234", None),
            ("1234,567", Some(b',')),
            ("1,234,567", Some(b'.')),
            ("1.234.567", Some(b',')),
            ("1.234,56", Some(b',')),
            ("1,234.56", Some(b'.')),
            ("100", None),
        ];
        for (text, want) in votes {
            assert_eq!(decimal_vote(text), *want, "{text:?}");
        }
        let with_currency: &[(&str, Option<u8>)] = &[
            ("1 500,00 руб.", Some(b',')),
            ("250,50 р.", Some(b',')),
            ("99 грн.", None),
            ("RUB 1.234,5", Some(b',')),
            ("$1,234.56", Some(b'.')),
            ("12,5 ₽", Some(b',')),
        ];
        for (text, want) in with_currency {
            assert_eq!(decimal_vote(text), *want, "{text:?}");
        }
    }

    #[test]
    fn slash_dates_vote_for_an_order() {
        assert_eq!(date_order_vote("13/01/2024"), Some(DateOrder::Dmy));
        assert_eq!(date_order_vote("01/13/2024 10:00"), Some(DateOrder::Mdy));
        assert_eq!(date_order_vote("01/02/2024"), None);
        assert_eq!(date_order_vote("2024-01-13"), None);
        assert_eq!(date_order_vote("13.01.2024"), None);
        assert!(is_ambiguous_date("01/02/2024"));
        assert!(!is_ambiguous_date("01/01/2024"));
        assert!(!is_ambiguous_date("13/02/2024"));
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
            ("2024-12-31 23:59", DateOrder::Dmy, d(2024, 12, 31)),
            ("2024-02-30", DateOrder::Dmy, None),
            ("2024-12-31x", DateOrder::Dmy, None),
            ("2024-1-31", DateOrder::Dmy, d(2024, 1, 31)),
            ("20241231", DateOrder::Dmy, d(2024, 12, 31)),
            ("02/03/2024", DateOrder::Dmy, d(2024, 3, 2)),
            ("02/03/2024", DateOrder::Mdy, d(2024, 2, 3)),
            ("12/31/2024 8:00", DateOrder::Mdy, d(2024, 12, 31)),
            ("31.02.2024", DateOrder::Dmy, None),
            ("2024", DateOrder::Dmy, None),
            ("31.12", DateOrder::Dmy, None),
            ("вчера", DateOrder::Dmy, None),
            ("", DateOrder::Dmy, None),
            // Excel serials: 45657 is 2024-12-31; a time fraction is ignored.
            ("45657", DateOrder::Dmy, d(2024, 12, 31)),
            ("45657.75", DateOrder::Dmy, d(2024, 12, 31)),
            ("12345", DateOrder::Dmy, None),
        ];
        for (text, order, want) in cases {
            assert_eq!(parse_date(text, order), want, "{text:?}");
        }
    }
}
