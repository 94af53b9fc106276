//! The currency of a file's money: found where the file says it (a sign or word in
//! the amounts, such as `1 500 руб.` or `$12.50`, or in the amount's header, such
//! as `Сумма, грн`), or set by the user (`currency`). The figures themselves are
//! never converted: the currency only names them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Rub,
    Uah,
    Usd,
    Eur,
    Gbp,
    Byn,
    Kzt,
    Cny,
}

impl Currency {
    pub const ALL: [Currency; 8] = [
        Currency::Rub,
        Currency::Uah,
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Byn,
        Currency::Kzt,
        Currency::Cny,
    ];

    /// ISO 4217 code, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Uah => "UAH",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Byn => "BYN",
            Currency::Kzt => "KZT",
            Currency::Cny => "CNY",
        }
    }

    /// The sign people write (Excel's and CLDR's narrow symbol).
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Rub => "₽",
            Currency::Uah => "₴",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Byn => "Br",
            Currency::Kzt => "₸",
            Currency::Cny => "¥",
        }
    }

    pub fn parse(s: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(s.trim()))
    }

    /// The currency a word or sign names: `руб.`, `р.`, `грн`, `₴`, `$`, `USD`...
    /// Lower-cased compare; `None` for anything else (`у.е.` names none).
    pub fn of_mark(mark: &str) -> Option<Currency> {
        let m = mark.trim().trim_end_matches('.').to_lowercase();
        Some(match m.as_str() {
            "руб" | "р" | "rub" | "rur" | "₽" | "rubles" | "рублей" | "рубли" => Currency::Rub,
            "грн" | "uah" | "₴" | "гривен" | "гривень" => Currency::Uah,
            "usd" | "$" | "долл" | "дол" => Currency::Usd,
            "eur" | "€" | "евро" | "євро" => Currency::Eur,
            "gbp" | "£" => Currency::Gbp,
            "byn" | "бел. руб" => Currency::Byn,
            "kzt" | "тг" | "₸" | "тенге" => Currency::Kzt,
            "cny" | "¥" | "юань" => Currency::Cny,
            _ => return None,
        })
    }

    /// The currency a header names after its words: `Сумма, руб.`, `Сума (грн)`,
    /// `Amount USD`, `Выручка, ₽`. Only the last word counts, so `Рубрика` is none.
    pub fn of_header(header: &str) -> Option<Currency> {
        let last = header
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | ':' | ';' | '/'))
            .rfind(|w| !w.is_empty())?;
        Currency::of_mark(last)
    }

    /// The currency a money cell names before or after its digits: `1 500 руб.`,
    /// `$12.50`, `12,5 ₽`; `None` without a mark or with an unknown one.
    pub fn of_value(raw: &str) -> Option<Currency> {
        let s = raw.trim().trim_start_matches(['-', '\u{2212}', '+', '(', ' ']);
        let head: String = s.chars().take_while(|c| !c.is_ascii_digit() && *c != '-' && *c != '(').collect();
        let mut tail: Vec<char> = s.chars().rev().take_while(|c| !c.is_ascii_digit() && *c != ')').collect();
        tail.reverse();
        let tail: String = tail.into_iter().collect();
        let found = [tail.trim(), head.trim()].into_iter().filter(|m| !m.is_empty()).find_map(Currency::of_mark);
        found
    }
}

/// Counts the currencies a column's values name; the one most values name wins
/// when it is at least half of the values that name any (a column that mixes
/// currencies names none, and then nothing is claimed).
#[derive(Clone, Debug, Default)]
pub struct Vote {
    counts: [u32; Currency::ALL.len()],
}

impl Vote {
    pub fn add(&mut self, c: Option<Currency>) {
        if let Some(c) = c {
            if let Some(i) = Currency::ALL.iter().position(|x| *x == c) {
                self.counts[i] = self.counts[i].saturating_add(1);
            }
        }
    }

    pub fn winner(&self) -> Option<Currency> {
        let total: u64 = self.counts.iter().map(|&n| u64::from(n)).sum();
        let (i, &best) = self.counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
        (best > 0 && u64::from(best) * 2 > total).then_some(Currency::ALL[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_in_values_and_headers_name_the_currency() {
        let values: &[(&str, Option<Currency>)] = &[
            ("1 500,00 руб.", Some(Currency::Rub)),
            ("1500 р.", Some(Currency::Rub)),
            ("12,5 ₽", Some(Currency::Rub)),
            ("1234.00 RUB", Some(Currency::Rub)),
            ("99 грн.", Some(Currency::Uah)),
            ("99 грн", Some(Currency::Uah)),
            ("₴ 40", Some(Currency::Uah)),
            ("UAH 40,00", Some(Currency::Uah)),
            ("$1,234.56", Some(Currency::Usd)),
            ("-$12", Some(Currency::Usd)),
            ("12 USD", Some(Currency::Usd)),
            ("€ 5", Some(Currency::Eur)),
            ("(12,00) руб.", Some(Currency::Rub)),
            ("12 у.е.", None),
            ("1 500,00", None),
            ("", None),
        ];
        for (v, want) in values {
            assert_eq!(Currency::of_value(v), *want, "{v:?}");
        }
        let headers: &[(&str, Option<Currency>)] = &[
            ("Сумма, руб.", Some(Currency::Rub)),
            ("Сума, грн", Some(Currency::Uah)),
            ("Сумма (₽)", Some(Currency::Rub)),
            ("Amount USD", Some(Currency::Usd)),
            ("Revenue, EUR", Some(Currency::Eur)),
            ("Рубрика", None),
            ("Сумма", None),
            ("Amount", None),
        ];
        for (h, want) in headers {
            assert_eq!(Currency::of_header(h), *want, "{h:?}");
        }
    }

    #[test]
    fn a_vote_needs_a_majority_of_the_marked_values() {
        let mut v = Vote::default();
        assert_eq!(v.winner(), None);
        v.add(Some(Currency::Rub));
        v.add(None);
        assert_eq!(v.winner(), Some(Currency::Rub));
        v.add(Some(Currency::Usd));
        assert_eq!(v.winner(), None, "one ruble against one dollar names none");
        v.add(Some(Currency::Rub));
        assert_eq!(v.winner(), Some(Currency::Rub));
        assert_eq!(Currency::parse("uah"), Some(Currency::Uah));
        assert_eq!(serde_json::to_string(&Currency::Uah).unwrap(), "\"UAH\"");
    }
}
