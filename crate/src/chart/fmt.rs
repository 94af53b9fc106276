//! Numbers as each language writes them: a no-break space between thousands and a
//! decimal comma in Russian and Ukrainian, a comma and a point in English. Floats
//! go through Rust's own formatting, which prints the same digits on every target.

use crate::lang::Lang;

const NBSP: char = '\u{a0}';

fn group_sep(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        _ => NBSP,
    }
}

fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        _ => ',',
    }
}

/// `x` with `decimals` digits after the mark and grouped thousands.
pub fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{:.*}", decimals, x);
    let (sign, s) = match s.strip_prefix('-') {
        // "-0.0" after rounding is zero.
        Some(rest) if rest.chars().any(|c| ('1'..='9').contains(&c)) => ("-", rest),
        Some(rest) => ("", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut out = String::from(sign);
    let len = int.len();
    // Russian and Ukrainian leave four-digit numbers whole.
    let min = if lang == Lang::En { 4 } else { 5 };
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 && len >= min {
            out.push(group_sep(lang));
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal_mark(lang));
        out.push_str(frac);
    }
    out
}

pub fn int(n: u64, lang: Lang) -> String {
    num(n as f64, 0, lang)
}

/// A share 0..1 as a percent: `12,5 %` (ru, uk) or `12.5%` (en).
pub fn pct(share: f64, decimals: usize, lang: Lang) -> String {
    let n = num(share * 100.0, decimals, lang);
    match lang {
        Lang::En => format!("{n}%"),
        _ => format!("{n}{NBSP}%"),
    }
}

/// Money or counts for an axis: `850`, `12 тыс.`, `1,5 млн` / `12K`, `1.5M`.
pub fn compact(x: f64, lang: Lang) -> String {
    let a = x.abs();
    let units: [(f64, &str); 3] = [(1e9, "unit.billion"), (1e6, "unit.million"), (1e3, "unit.thousand")];
    for (scale, unit) in units {
        if a >= scale {
            let v = x / scale;
            let decimals = if v.abs() < 10.0 && (v * 10.0).round() % 10.0 != 0.0 { 1 } else { 0 };
            let n = num(v, decimals, lang);
            return match lang {
                Lang::En => format!("{n}{}", lang.t(unit)),
                _ => format!("{n}{NBSP}{}", lang.t(unit)),
            };
        }
    }
    let decimals = if a > 0.0 && a < 10.0 && x.fract() != 0.0 { 1 } else { 0 };
    num(x, decimals, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_per_language() {
        let cases: &[(f64, usize, Lang, &str)] = &[
            (1234567.891, 2, Lang::Ru, "1\u{a0}234\u{a0}567,89"),
            (1234567.891, 2, Lang::En, "1,234,567.89"),
            (1234.0, 0, Lang::Uk, "1234"),
            (1234.0, 0, Lang::En, "1,234"),
            (12345.0, 0, Lang::Uk, "12\u{a0}345"),
            (-0.04, 1, Lang::En, "0.0"),
            (-2500.5, 1, Lang::En, "-2,500.5"),
            (f64::NAN, 0, Lang::Ru, "0"),
        ];
        for (x, d, lang, want) in cases {
            assert_eq!(num(*x, *d, *lang), *want, "{x} {lang:?}");
        }
        assert_eq!(pct(0.125, 1, Lang::Ru), "12,5\u{a0}%");
        assert_eq!(pct(0.1, 0, Lang::En), "10%");
        assert_eq!(compact(1_500_000.0, Lang::Ru), "1,5\u{a0}млн");
        assert_eq!(compact(12_000.0, Lang::Uk), "12\u{a0}тис.");
        assert_eq!(compact(2_000_000_000.0, Lang::En), "2B");
        assert_eq!(compact(-3_000.0, Lang::En), "-3K");
        assert_eq!(compact(850.0, Lang::En), "850");
        assert_eq!(compact(0.5, Lang::Ru), "0,5");
    }
}
