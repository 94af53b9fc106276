//! Which single-byte encoding a text that is not UTF-8 is in, from its letters.
//!
//! Each candidate reads the bytes, and the reading is scored character by
//! character: a Cyrillic letter scores by how common it is in Russian and
//! Ukrainian (the wrong code page turns «о», «е», «а» into rare letters), and
//! loses points where no real text goes: a small letter followed by a capital
//! inside a word (KOI8-R read as Windows-1251 comes out as «пНЛЮЬ»), Cyrillic
//! glued to Latin, runs of accented Latin letters (Windows-1251 read as
//! Windows-1252: «Ðîìàøêà»), box drawing, control codes and other symbols. The
//! best score wins, ties going to the earlier candidate. A text that no candidate
//! reads as text (Chinese, Japanese or Korean in a legacy encoding) gets `None`:
//! the user is asked to save the file as UTF-8 (docs/decisions.md).

use super::encoding::Encoding;

/// In order of preference on a tie: Russian and Ukrainian Windows first. KOI8-U
/// reads every Russian KOI8-R file the same and Ukrainian ones too.
const CANDIDATES: [Encoding; 6] = [
    Encoding::Windows1251,
    Encoding::Koi8U,
    Encoding::Ibm866,
    Encoding::Windows1252,
    Encoding::Iso8859_5,
    Encoding::MacCyrillic,
];

/// What a character where no text goes costs.
const ODD: i64 = 4;
/// An accented Latin letter next to a plain one (French, German, Spanish).
const LATIN: i64 = 2;
/// Under this score per non-ASCII character no candidate reads the text.
const UNREADABLE_PER_CHAR: i64 = -1;
/// Non-ASCII characters needed before a text is called unreadable: a stray
/// symbol or two in an ASCII file decides nothing.
const UNREADABLE_MIN_CHARS: i64 = 32;

/// Russian and Ukrainian letters (lower case, а to я, then ё і ї є ґ) and
/// 2·ln(33·p) of their frequency p in text, clamped at -6: common letters score
/// up to +3, rare ones down to -6 (Russian letter frequencies; і, ї, є, ґ at
/// their Ukrainian rates scaled to a mixed text).
const LETTERS: [(char, i8); 38] = [
    ('а', 2),
    ('б', -1),
    ('в', 1),
    ('г', -1),
    ('д', 0),
    ('е', 2),
    ('ж', -2),
    ('з', -1),
    ('и', 2),
    ('й', -2),
    ('к', 0),
    ('л', 1),
    ('м', 0),
    ('н', 2),
    ('о', 3),
    ('п', 0),
    ('р', 1),
    ('с', 1),
    ('т', 1),
    ('у', 0),
    ('ф', -5),
    ('х', -2),
    ('ц', -4),
    ('ч', -2),
    ('ш', -3),
    ('щ', -4),
    ('ъ', -6),
    ('ы', -1),
    ('ь', -1),
    ('э', -5),
    ('ю', -3),
    ('я', -1),
    ('ё', -6),
    ('і', -1),
    ('ї', -5),
    ('є', -5),
    ('ґ', -6),
    // Other Cyrillic letters (Serbian, Macedonian, Belarusian ў) are rare here.
    ('\0', -6),
];

/// Punctuation and signs that business files hold in any language.
const NEUTRAL: &str = "«»–—№€£¥¢\u{A0}°…“”„‘’·±§©®™•";

/// The single-byte encoding `bytes` read best in, or `None` when none reads it
/// as text.
pub fn guess(bytes: &[u8]) -> Option<Encoding> {
    let mut best: Option<(Encoding, i64, i64)> = None;
    for enc in CANDIDATES {
        let (score, chars) = score(enc, bytes);
        if best.is_none_or(|(_, s, _)| score > s) {
            best = Some((enc, score, chars));
        }
    }
    let (enc, score, chars) = best?;
    let unreadable = chars >= UNREADABLE_MIN_CHARS && score < UNREADABLE_PER_CHAR * chars;
    (!unreadable).then_some(enc)
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Other,
    AsciiLetter,
    Latin,
    Lower,
    Upper,
}

/// The score of `bytes` read in `enc`, and its non-ASCII characters.
fn score(enc: Encoding, bytes: &[u8]) -> (i64, i64) {
    let (mut score, mut chars) = (0i64, 0i64);
    let mut prev = Class::Other;
    for &b in bytes {
        let c = enc.char_of(b).unwrap_or('\u{FFFD}');
        let class = class(c);
        let cyrillic = |k| matches!(k, Class::Lower | Class::Upper);
        if !b.is_ascii() {
            chars += 1;
        }
        score += match class {
            Class::AsciiLetter if cyrillic(prev) => -ODD,
            Class::AsciiLetter => 0,
            Class::Other if b.is_ascii() || NEUTRAL.contains(c) => 0,
            Class::Other => -ODD,
            Class::Lower | Class::Upper => {
                let odd = prev == Class::AsciiLetter || (class == Class::Upper && prev == Class::Lower);
                i64::from(weight(c)) - if odd { ODD } else { 0 }
            }
            Class::Latin if cyrillic(prev) || prev == Class::Latin => -ODD,
            Class::Latin if prev == Class::AsciiLetter => LATIN,
            Class::Latin => 0,
        };
        prev = class;
    }
    (score, chars)
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::AsciiLetter,
        '\u{400}'..='\u{45F}' | '\u{490}' | '\u{491}' if c.is_lowercase() => Class::Lower,
        '\u{400}'..='\u{45F}' | '\u{490}' | '\u{491}' => Class::Upper,
        '\u{C0}'..='\u{FF}' if c != '×' && c != '÷' => Class::Latin,
        'Œ' | 'œ' | 'Š' | 'š' | 'Ž' | 'ž' | 'Ÿ' | 'ƒ' => Class::Latin,
        _ => Class::Other,
    }
}

fn weight(c: char) -> i8 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    LETTERS.iter().find(|&&(l, _)| l == lower || l == '\0').map_or(-6, |&(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Дата;Контрагент;Сумма\n01.02.2024;ООО «Ромашка»;1 234,50\n02.02.2024;ИП Сидоров Алексей Викторович;100\n\
                        03.02.2024;АО «Северная звезда»;250,00\nТОВ «Вітрило»;990\nФОП Іваненко Євген;12\n";

    fn encode(enc: Encoding, text: &str) -> Vec<u8> {
        let theirs = encoding_rs::Encoding::for_label(enc.name().as_bytes()).unwrap();
        theirs.encode(text).0.into_owned()
    }

    #[test]
    fn cyrillic_code_pages_are_told_apart_on_a_line() {
        for line in
            [TEXT, "Индивидуальный предприниматель Сидоров Алексей Викторович", "ООО «Ромашка»;1 234,50", "Проба"]
        {
            for enc in [Encoding::Windows1251, Encoding::Koi8R, Encoding::Ibm866, Encoding::Iso8859_5] {
                let bytes = encode(enc, line);
                let found = guess(&bytes).unwrap();
                assert_eq!(found.decode(&bytes), enc.decode(&bytes), "{line}: {enc:?} read as {found:?}");
            }
        }
    }

    #[test]
    fn western_text_is_windows_1252() {
        for line in
            ["Café résumé naïve;12\nMüller GmbH;Straße 5\n", "Zürich;Köln;Düsseldorf", "£12.50;café", "Ñandú;España"]
        {
            assert_eq!(guess(&encode(Encoding::Windows1252, line)), Some(Encoding::Windows1252), "{line}");
        }
    }

    #[test]
    fn chinese_japanese_and_korean_are_not_read() {
        for (label, text) in [
            ("gbk", "我们的客户在北京和上海有很多订单，每个月的销售额都在增长。客户名称：北京科技有限公司；金额：一千二百元。"),
            ("shift_jis", "株式会社山田商事の売上は毎月増えています。顧客名：東京電機株式会社、金額：千二百円。"),
            ("euc-kr", "우리 고객은 서울과 부산에 많은 주문이 있습니다. 고객 이름: 서울 전자 주식회사, 금액: 천이백 원."),
            ("big5", "我們的客戶在台北和高雄有很多訂單，每個月的銷售額都在增長。"),
        ] {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
            let bytes = enc.encode(&text.repeat(3)).0.into_owned();
            assert_eq!(guess(&bytes), None, "{label}");
        }
        // A few symbols decide nothing.
        assert_eq!(guess(b"\xB9 12; \xAB\xBB"), Some(Encoding::Windows1251));
    }
}
