//! Numbers, money, shares and dates as each language writes them, for every view
//! the core draws or writes (charts, the HTML report, the CLI summary, the texts
//! of CSV and XLSX cells; the cells' numbers themselves stay exact).
//!
//! Russian and Ukrainian group thousands with a no-break space (U+00A0, what the
//! page's `Intl.NumberFormat("ru")` writes, so both show the same text) and use a decimal comma (`1 234 567,89`), a no-break space before `%` and the
//! currency sign after the figure (`1 234 ₽`), and write dates `dd.mm.yyyy`.
//! English groups with a comma, uses a decimal point, no space before `%`, the sign
//! before the figure (`$1,234`) and writes dates as `Intl.DateTimeFormat("en")`
//! does (`11/3/2025`), so the page and the core agree. A negative figure takes
//! the minus sign U+2212, as the page's money does. Floats go through Rust's own
//! formatting, which prints the same digits on every target.

use crate::currency::Currency;
use crate::lang::Lang;
use crate::money::{Money, SCALE};
use chrono::{Datelike, NaiveDate};

pub const NBSP: char = '\u{a0}';
/// The thousands mark of ru and uk: a no-break space, as Intl writes it.
pub const GROUP: char = NBSP;
pub const MINUS: char = '\u{2212}';

/// Sums at least this large (in currency units) are shown in whole units: their
/// cents add nothing to a reader. The exact figure stays in CSV and XLSX cells.
pub const WHOLE_FROM: i64 = 10_000;

fn group_sep(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        _ => GROUP,
    }
}

fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        _ => ',',
    }
}

/// Digits `int` grouped by thousands and `frac` after the mark, with a sign.
fn assemble(negative: bool, int: &str, frac: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(int.len() + frac.len() + 8);
    // "-0" after rounding is zero.
    if negative && (int.chars().chain(frac.chars()).any(|c| c != '0')) {
        out.push(MINUS);
    }
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
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

/// `x` with `decimals` digits after the mark and grouped thousands.
pub fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{:.*}", decimals, x);
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assemble(negative, int, frac, lang)
}

pub fn int(n: u64, lang: Lang) -> String {
    assemble(false, &n.to_string(), "", lang)
}

/// A share 0..1 as a percent with `decimals` digits: `12,5 %` (ru, uk) or `12.5%`
/// (en). For an axis's ticks; a figure of the Report reads by [`share`].
pub fn pct(share: f64, decimals: usize, lang: Lang) -> String {
    with_percent(num(share * 100.0, decimals, lang), lang)
}

/// Percents from which a share reads whole, and below which (up to 100 %) it reads
/// whole again: one decimal only where it changes the meaning (4,2 % against 4,7 %;
/// 99,6 % is not all). 9.95 is where one decimal would round to 10,0. The page reads
/// the same bounds from `settings-schema.js` (`SHARE_WHOLE`), so a share written by
/// the core (a sentence, a chart, the report) and by the page (a tile, a table
/// cell) is the same text.
pub const SHARE_WHOLE: [f64; 2] = [9.95, 99.5];

/// How many decimals a share takes by the one rule: whole percents from 10 % to
/// 99 %, one decimal below 10 % and above 99,5 % (0 and 100 % exactly are whole).
pub fn share_decimals(share: f64) -> usize {
    let p = if share.is_finite() { share.abs() * 100.0 } else { 0.0 };
    let whole = p == 0.0 || p == 100.0 || (SHARE_WHOLE[0]..SHARE_WHOLE[1]).contains(&p);
    if whole {
        0
    } else {
        1
    }
}

/// A share 0..1 of the Report (of clients, of revenue, a rate, a chance) as every
/// view writes it: `55 %`, `4,2 %`, `99,6 %` (ru, uk), `55%` (en).
pub fn share(share: f64, lang: Lang) -> String {
    let p = if share.is_finite() { share * 100.0 } else { 0.0 };
    with_percent(num(half_up(p, share_decimals(share)), share_decimals(share), lang), lang)
}

/// `x` rounded to `decimals` with ties away from zero, as `Intl.NumberFormat`
/// rounds (Rust's own formatting takes ties to even: 1 of 8 clients, 12,5 %, would
/// read "12 %" here and "13 %" on the page).
fn half_up(x: f64, decimals: usize) -> f64 {
    let f = libm::pow(10.0, decimals as f64);
    libm::round(x * f) / f
}

/// A change as a signed percent, `+12,5 %` or `−40 %`: a label before it says
/// what changed, so the sign alone says the direction (never "less: −40 %").
/// Whole percents from 10 % on (the first bound of [`SHARE_WHOLE`]), one decimal
/// below.
pub fn change(share: f64, lang: Lang) -> String {
    let p = if share.is_finite() { share * 100.0 } else { 0.0 };
    let decimals = if p.abs() >= SHARE_WHOLE[0] { 0 } else { 1 };
    let n = num(half_up(p, decimals), decimals, lang);
    let signed = if n.starts_with(MINUS) || n.chars().all(|c| c == '0' || c == decimal_mark(lang)) {
        n
    } else {
        format!("+{n}")
    };
    with_percent(signed, lang)
}

/// A score such as NPS (−100..100): at most one decimal, the sign shown except at
/// zero (`+23,5`, `−8`, `0`), as the NPS view writes it (format.js `score`).
pub fn score(x: f64, lang: Lang) -> String {
    // -0.04 rounds to -0.0, which would read "−0".
    let v = if x.is_finite() && half_up(x, 1) != 0.0 { half_up(x, 1) } else { 0.0 };
    let decimals = if v.fract() == 0.0 { 0 } else { 1 };
    let n = num(v, decimals, lang);
    if v > 0.0 {
        format!("+{n}")
    } else {
        n
    }
}

fn with_percent(n: String, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n}%"),
        _ => format!("{n}{NBSP}%"),
    }
}

/// The figure with the currency sign where the language puts it.
fn with_currency(n: String, currency: Option<Currency>, lang: Lang) -> String {
    match (currency, lang) {
        (None, _) => n,
        (Some(c), Lang::En) => match n.strip_prefix(MINUS) {
            Some(rest) => format!("{MINUS}{}{rest}", c.symbol()),
            None => format!("{}{n}", c.symbol()),
        },
        (Some(c), _) => format!("{n}{NBSP}{}", c.symbol()),
    }
}

/// Money for reading: whole units from [`WHOLE_FROM`] on (rounded half away from
/// zero), cents below, with the currency's sign when it is known:
/// `4 436 808 181 ₽`, `$1,234.50`.
pub fn money(m: Money, currency: Option<Currency>, lang: Lang) -> String {
    let units = m.0.unsigned_abs();
    let scale = SCALE as u64;
    let whole_from = WHOLE_FROM as u64 * scale;
    let cents = (units + scale / 200) / (scale / 100);
    let (int, frac) = if units >= whole_from || cents / 100 >= WHOLE_FROM as u64 {
        ((units + scale / 2) / scale, String::new())
    } else {
        (cents / 100, format!("{:02}", cents % 100))
    };
    with_currency(assemble(m.is_negative(), &int.to_string(), &frac, lang), currency, lang)
}

/// Money to the last digit the file gave (two to four decimals), for a figure a
/// reader checks against their books: `4 436 808 181,15`.
pub fn money_exact(m: Money, currency: Option<Currency>, lang: Lang) -> String {
    let s = m.to_string();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    with_currency(assemble(negative, int, frac, lang), currency, lang)
}

/// Money or counts for an axis or a headline: `850`, `12 тыс.`, `1,5 млн` /
/// `12K`, `1.5M`.
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

/// Compact money with its currency: `4,4 млрд ₽`, `$1.5M`.
pub fn money_compact(m: Money, currency: Option<Currency>, lang: Lang) -> String {
    if m.0.unsigned_abs() < (WHOLE_FROM * SCALE) as u64 {
        return money(m, currency, lang);
    }
    with_currency(compact(m.to_f64(), lang), currency, lang)
}

/// The XLSX number format of money cells: the exact value stays in the cell, the
/// format adds the currency's sign where the language puts it (Excel applies
/// the reader's own separators).
pub fn excel_money(currency: Option<Currency>, lang: Lang) -> String {
    match (currency, lang) {
        (None, _) => "#,##0.00".to_string(),
        (Some(c), Lang::En) => format!("\"{}\"#,##0.00", c.symbol()),
        (Some(c), _) => format!("#,##0.00\\ \"{}\"", c.symbol()),
    }
}

/// The spreadsheet format of a date cell, as [`date`] writes dates: `dd.mm.yyyy`
/// (ru, uk), `m/d/yyyy` (en). The cell holds the date itself; this only shows it.
pub fn excel_date(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "m/d/yyyy",
        _ => "dd.mm.yyyy",
    }
}

/// How many times a ratio is, for a sentence ("in 5 times", "2,2 times"): one
/// decimal below 3, where 2.2 and 2.6 differ in meaning, whole from 3 on (5.143 is
/// "5"); the whole count, when it is one, picks the noun's plural form (a fraction
/// takes CLDR's `other`, as `Intl.PluralRules` does). The page's `format.js`
/// `times` writes the same.
pub fn times(ratio: f64, lang: Lang) -> (String, Option<u64>) {
    let r = if ratio.is_finite() { ratio.max(0.0) } else { 0.0 };
    let tenths = (r * 10.0).round();
    if r >= 3.0 || tenths % 10.0 == 0.0 {
        let n = r.round() as u64;
        (int(n, lang), Some(n))
    } else {
        (num(tenths / 10.0, 1, lang), None)
    }
}

/// A plural text of `key` filled with `{n}` as [`times`] writes the ratio.
pub fn times_text(key: &str, ratio: f64, lang: Lang) -> String {
    let (n, whole) = times(ratio, lang);
    let template = match whole {
        Some(w) => crate::texts::plural(lang, key, w),
        None => crate::texts::text(lang, key),
    };
    crate::texts::fill(template, &[("n", &n)])
}

/// Text from the file (product names) with each figure kept on the line of what
/// follows it: a no-break space between a digit and a word ("20 кг", "3 м"; not
/// "8 → 1"). The page's
/// leaving view does the same to the names it lists.
pub fn keep_units(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let unit = |i: usize| i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
    chars.iter().enumerate().map(|(i, &c)| if c == ' ' && unit(i) { NBSP } else { c }).collect()
}

/// A calendar date: `03.11.2025` (ru, uk), `11/3/2025` (en).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}/{}/{}", d.month(), d.day(), d.year()),
        _ => d.format("%d.%m.%Y").to_string(),
    }
}

/// A month: `11.2025` (ru, uk), `11/2025` (en), as a chart's period axis has it.
pub fn month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}/{}", d.month(), d.year()),
        _ => d.format("%m.%Y").to_string(),
    }
}

/// A count with its noun in the right plural form: the catalogue entry `key` is
/// a plural object whose texts hold `{n}` (`1 покупка`, `5 покупок`, `1 purchase`).
pub fn count(n: u64, key: &str, lang: Lang) -> String {
    crate::texts::fill(crate::texts::plural(lang, key, n), &[("n", &int(n, lang))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_per_language() {
        let cases: &[(f64, usize, Lang, &str)] = &[
            (1234567.891, 2, Lang::Ru, "1\u{a0}234\u{a0}567,89"),
            (1234567.891, 2, Lang::Uk, "1\u{a0}234\u{a0}567,89"),
            (1234567.891, 2, Lang::En, "1,234,567.89"),
            // Four digits are grouped too, as Intl.NumberFormat does on the page.
            (1234.0, 0, Lang::Uk, "1\u{a0}234"),
            (1234.0, 0, Lang::En, "1,234"),
            (999.0, 0, Lang::Ru, "999"),
            (12345.0, 0, Lang::Uk, "12\u{a0}345"),
            (-0.04, 1, Lang::En, "0.0"),
            (-2500.5, 1, Lang::En, "\u{2212}2,500.5"),
            (f64::NAN, 0, Lang::Ru, "0"),
        ];
        for (x, dec, lang, want) in cases {
            assert_eq!(num(*x, *dec, *lang), *want, "{x} {lang:?}");
        }
        assert_eq!(int(1_000_000, Lang::En), "1,000,000");
        // The NPS view's Intl options (one decimal at most, sign except at zero).
        assert_eq!(score(23.45, Lang::Ru), "+23,5");
        assert_eq!(score(-8.0, Lang::En), "\u{2212}8");
        assert_eq!(score(-0.04, Lang::Uk), "0");
        assert_eq!(score(100.0, Lang::En), "+100");
        assert_eq!(pct(0.125, 1, Lang::Ru), "12,5\u{a0}%");
        assert_eq!(pct(0.1, 0, Lang::En), "10%");
    }

    #[test]
    fn a_share_reads_one_way() {
        // The case: the headline said "55 %" and the table "54,5 %".
        assert_eq!(share(0.545, Lang::Ru), "55\u{a0}%");
        assert_eq!(share(0.545, Lang::En), "55%");
        let cases: &[(f64, &str)] = &[
            (0.0, "0%"),
            (0.0004, "0.0%"),
            (0.042, "4.2%"),
            (0.0994, "9.9%"),
            (0.0995, "10%"),
            (0.1, "10%"),
            (0.994, "99%"),
            (0.996, "99.6%"),
            (1.0, "100%"),
            (f64::NAN, "0%"),
        ];
        for (x, want) in cases {
            assert_eq!(share(*x, Lang::En), *want, "{x}");
        }
        assert_eq!(share(0.042, Lang::Uk), "4,2\u{a0}%");
        // Ties round up, as Intl does on the page: 1 of 8 and 1 of 16.
        assert_eq!(share(0.125, Lang::En), "13%");
        assert_eq!(share(0.0625, Lang::En), "6.3%");
        assert_eq!(change(-0.125, Lang::En), "\u{2212}13%");
        // A change has the same first bound.
        assert_eq!(change(0.0994, Lang::En), "+9.9%");
        assert_eq!(change(0.0995, Lang::En), "+10%");
    }

    #[test]
    fn changes_carry_one_sign() {
        assert_eq!(change(-0.989, Lang::Ru), "\u{2212}99\u{a0}%");
        assert_eq!(change(-0.4, Lang::En), "\u{2212}40%");
        assert_eq!(change(-0.054, Lang::Uk), "\u{2212}5,4\u{a0}%");
        assert_eq!(change(0.25, Lang::En), "+25%");
        assert_eq!(change(0.0, Lang::En), "0.0%");
    }

    #[test]
    fn money_is_rounded_where_cents_add_nothing() {
        use Currency::*;
        let m = |units: i64| Money(units);
        // The figure: 4 436 808 181,15 reads as whole rubles.
        assert_eq!(money(m(44_368_081_811_500), Some(Rub), Lang::Ru), "4\u{a0}436\u{a0}808\u{a0}181\u{a0}₽");
        assert_eq!(money(m(44_368_081_811_500), Some(Usd), Lang::En), "$4,436,808,181");
        // 15 140 158,5071 (four decimals in the file) rounds up to ...159.
        assert_eq!(money(m(151_401_585_071), None, Lang::Ru), "15\u{a0}140\u{a0}159");
        // Below 10 000, cents stay: 1 234,5 -> 1 234,50; 0,3333 -> 0,33; 0,005 -> 0,01.
        assert_eq!(money(m(12_345_000), Some(Uah), Lang::Uk), "1\u{a0}234,50\u{a0}₴");
        assert_eq!(money(m(3_333), None, Lang::En), "0.33");
        assert_eq!(money(m(50), None, Lang::En), "0.01");
        assert_eq!(money(m(-12_345_000), Some(Usd), Lang::En), "\u{2212}$1,234.50");
        assert_eq!(money(m(-12_345_000), Some(Eur), Lang::Ru), "\u{2212}1\u{a0}234,50\u{a0}€");
        assert_eq!(money(m(-40), None, Lang::En), "0.00");
        assert_eq!(money(m(99_999_999), None, Lang::En), "10,000", "9 999,9999 rounds to 10 000,00 and shows as whole");
        assert_eq!(money_exact(m(44_368_081_811_500), None, Lang::Ru), "4\u{a0}436\u{a0}808\u{a0}181,15");
        assert_eq!(money_exact(m(151_401_585_071), Some(Gbp), Lang::En), "£15,140,158.5071");
        assert_eq!(money_compact(m(44_368_081_811_500), Some(Rub), Lang::Ru), "4,4\u{a0}млрд\u{a0}₽");
        assert_eq!(money_compact(m(15_000_000_000), Some(Usd), Lang::En), "$1.5M");
        assert_eq!(money_compact(m(12_345_000), Some(Usd), Lang::En), "$1,234.50");
    }

    #[test]
    fn excel_formats_name_the_currency() {
        assert_eq!(excel_money(None, Lang::Ru), "#,##0.00");
        assert_eq!(excel_money(Some(Currency::Rub), Lang::Ru), "#,##0.00\\ \"₽\"");
        assert_eq!(excel_money(Some(Currency::Usd), Lang::En), "\"$\"#,##0.00");
    }

    #[test]
    fn a_figure_keeps_its_unit() {
        assert_eq!(
            keep_units("Профиль ПП 60х27, 3 м, Эмаль, 2,7 кг"),
            "Профиль ПП 60х27, 3\u{a0}м, Эмаль, 2,7\u{a0}кг"
        );
        assert_eq!(keep_units("Набор, лист"), "Набор, лист");
        assert_eq!(keep_units("покупок: 8 → 1"), "покупок: 8 → 1");
    }

    #[test]
    fn ratios_read_as_times() {
        // The "просрочка ×5,143" reads "в 5 раз"; 2.24 keeps a decimal and
        // takes the fractional form; 2.0 is whole.
        assert_eq!(times_text("overdue.at_risk", 5.143, Lang::Ru), "без покупок в 5 раз дольше обычного: под угрозой");
        assert_eq!(
            times_text("overdue.at_risk", 2.24, Lang::Ru),
            "без покупок в 2,2 раза дольше обычного: под угрозой"
        );
        assert_eq!(times_text("overdue.watch", 2.0, Lang::Uk), "без покупок у 2 рази довше, ніж зазвичай: придивитися");
        assert_eq!(
            times_text("overdue.likely_lost", 21.4, Lang::En),
            "no purchase for 21 times the usual gap: likely lost"
        );
        assert_eq!(times(1.55, Lang::En), ("1.6".to_string(), None));
        assert_eq!(times(f64::NAN, Lang::En), ("0".to_string(), Some(0)));
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date(d(2025, 11, 3), Lang::Ru), "03.11.2025");
        assert_eq!(date(d(2025, 11, 30), Lang::Uk), "30.11.2025");
        assert_eq!(date(d(2025, 11, 3), Lang::En), "11/3/2025");
        assert_eq!(month(d(2025, 1, 31), Lang::Ru), "01.2025");
        assert_eq!(month(d(2025, 1, 31), Lang::En), "1/2025");
    }

    #[test]
    fn compact_figures() {
        assert_eq!(compact(1_500_000.0, Lang::Ru), "1,5\u{a0}млн");
        assert_eq!(compact(12_000.0, Lang::Uk), "12\u{a0}тис.");
        assert_eq!(compact(2_000_000_000.0, Lang::En), "2B");
        assert_eq!(compact(-3_000.0, Lang::En), "\u{2212}3K");
        assert_eq!(compact(850.0, Lang::En), "850");
        assert_eq!(compact(0.5, Lang::Ru), "0,5");
    }

    #[test]
    fn counts_take_the_plural_form_of_their_number() {
        // CLDR: ru/uk one (1, 21), few (2-4, 22), many (5-20, 25); en one (1), other.
        let ru: Vec<String> =
            [1, 2, 5, 11, 21, 22, 25].iter().map(|&n| count(n, "count.purchases", Lang::Ru)).collect();
        assert_eq!(ru, ["1 покупка", "2 покупки", "5 покупок", "11 покупок", "21 покупка", "22 покупки", "25 покупок"]);
        let uk: Vec<String> =
            [1, 2, 5, 11, 21, 22, 25].iter().map(|&n| count(n, "count.purchases", Lang::Uk)).collect();
        assert_eq!(uk, ["1 покупка", "2 покупки", "5 покупок", "11 покупок", "21 покупка", "22 покупки", "25 покупок"]);
        let en: Vec<String> = [1, 2, 5, 11, 21].iter().map(|&n| count(n, "count.purchases", Lang::En)).collect();
        assert_eq!(en, ["1 purchase", "2 purchases", "5 purchases", "11 purchases", "21 purchases"]);
        assert_eq!(count(1001, "count.clients", Lang::Ru), "1\u{a0}001 клиент");
        assert_eq!(count(2, "count.days", Lang::Uk), "2 дні");
        assert_eq!(count(5, "count.days", Lang::Ru), "5 дней");
    }
}
