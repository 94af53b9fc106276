//! The catalogue of user texts: every word the product shows, in Russian,
//! Ukrainian and English, keyed by a stable code. One file, `crate/texts.json`,
//! is embedded here at compile time for the CLI and copied for the page by `make
//! build` (www/pkg/texts.js), so the core (exports, charts, errors, the CLI) and
//! the page say the same thing. The page's wasm does not carry it: the page hands
//! its copy over once at startup ([`install`]). See docs/decisions.md.
//!
//! An entry is `{"ru": …, "uk": …, "en": …}`; a text may hold `{name}`
//! placeholders, and a text that depends on a count is an object of CLDR plural
//! forms (`one`, `few`, `many`, `other`) chosen by [`plural_form`].

use crate::lang::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::sync::OnceLock;

/// The catalogue's source, as the page gets it too. Not in the page's wasm, where
/// it would be 53 KB gzipped of the module for a text the page has already.
#[cfg(not(target_arch = "wasm32"))]
pub const SOURCE: &str = include_str!("../texts.json");

static CATALOGUE: OnceLock<HashMap<String, Entry>> = OnceLock::new();

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Plain(String),
    /// CLDR plural category (`one`, `few`, `many`, `other`) -> text.
    Plural(BTreeMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub ru: Value,
    pub uk: Value,
    pub en: Value,
}

impl Entry {
    pub fn get(&self, lang: Lang) -> &Value {
        match lang {
            Lang::Ru => &self.ru,
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        }
    }
}

/// The parsed catalogue, built once. A malformed file fails the first test that
/// reads a text (and `catalogue_is_complete`), never a user's run: the file is ours.
pub fn catalogue() -> &'static HashMap<String, Entry> {
    #[cfg(not(target_arch = "wasm32"))]
    let parsed = || serde_json::from_str(SOURCE).unwrap_or_default();
    // Before `install` the page's wasm has no texts: a message shows its key.
    #[cfg(target_arch = "wasm32")]
    let parsed = HashMap::new;
    CATALOGUE.get_or_init(parsed)
}

/// The page's wasm gets the catalogue from the page (crate/texts.json as
/// www/pkg/texts.js has it), once, before any text is read. `false`: the text did
/// not parse, or texts were read before it came.
#[cfg(target_arch = "wasm32")]
pub fn install(source: &str) -> bool {
    serde_json::from_str(source).is_ok_and(|parsed| CATALOGUE.set(parsed).is_ok())
}

pub fn has(key: &str) -> bool {
    catalogue().contains_key(key)
}

/// The text for `key`. A missing key is a bug the tests catch (`debug_assert`, and
/// the page's no-code test); a release build shows the key rather than stop the
/// user's work (leaking those few bytes once per miss).
pub fn text(lang: Lang, key: &str) -> &'static str {
    match catalogue().get(key).map(|e| e.get(lang)) {
        Some(Value::Plain(s)) => s,
        Some(Value::Plural(forms)) => forms.get("other").map(String::as_str).unwrap_or_else(|| missing(key)),
        None => missing(key),
    }
}

fn missing(key: &str) -> &'static str {
    debug_assert!(false, "text {key:?} is not in crate/texts.json");
    Box::leak(key.to_string().into_boxed_str())
}

/// The form of `key` for the count `n`.
pub fn plural(lang: Lang, key: &str, n: u64) -> &'static str {
    match catalogue().get(key).map(|e| e.get(lang)) {
        Some(Value::Plural(forms)) => forms
            .get(plural_form(lang, n))
            .or_else(|| forms.get("other"))
            .map(String::as_str)
            .unwrap_or_else(|| missing(key)),
        _ => text(lang, key),
    }
}

/// CLDR cardinal plural category of a whole number (the same as the page's
/// `Intl.PluralRules`): ru and uk have one (1, 21, 101), few (2-4, 22-24) and
/// many (0, 5-20, 25-30); English has one (1) and other.
pub fn plural_form(lang: Lang, n: u64) -> &'static str {
    match lang {
        Lang::En => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        Lang::Ru | Lang::Uk => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                "one"
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                "few"
            } else {
                "many"
            }
        }
    }
}

/// Fills `{name}` placeholders of a text; an unknown name stays as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text for `key` with its placeholders filled.
pub fn format(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(text(lang, key), args)
}

impl Lang {
    /// The catalogue text for `key` in this language.
    pub fn t(self, key: &str) -> &'static str {
        text(self, key)
    }

    /// The catalogue text for `key` with `{name}` placeholders filled.
    pub fn f(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        format(self, key, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 3] = [Lang::Ru, Lang::Uk, Lang::En];

    #[test]
    fn catalogue_is_complete() {
        let parsed: HashMap<String, Entry> = serde_json::from_str(SOURCE).expect("crate/texts.json parses");
        assert!(parsed.len() > 400, "{} entries", parsed.len());
        for (key, e) in &parsed {
            for lang in LANGS {
                match e.get(lang) {
                    Value::Plain(s) => assert!(!s.trim().is_empty(), "{key} {lang:?} is empty"),
                    Value::Plural(forms) => {
                        let needed: &[&str] = match lang {
                            Lang::En => &["one", "other"],
                            _ => &["one", "few", "many", "other"],
                        };
                        for f in needed {
                            assert!(forms.get(*f).is_some_and(|s| !s.trim().is_empty()), "{key} {lang:?} lacks {f}");
                        }
                    }
                }
            }
            // The same placeholders in every language.
            let names = |v: &Value| -> Vec<String> {
                let s = match v {
                    Value::Plain(s) => s.clone(),
                    Value::Plural(f) => f.get("other").cloned().unwrap_or_default(),
                };
                let mut n: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(a, _)| a.to_string())).collect();
                n.sort();
                n.dedup();
                n
            };
            assert_eq!(names(&e.ru), names(&e.en), "{key}: placeholders ru vs en");
            assert_eq!(names(&e.uk), names(&e.en), "{key}: placeholders uk vs en");
        }
    }

    #[test]
    fn plural_forms_follow_cldr() {
        let ru: Vec<&str> =
            [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1001].iter().map(|&n| plural_form(Lang::Ru, n)).collect();
        assert_eq!(
            ru,
            ["many", "one", "few", "few", "many", "many", "many", "many", "one", "few", "many", "one", "many", "one"]
        );
        assert_eq!(plural_form(Lang::En, 1), "one");
        assert_eq!(plural_form(Lang::En, 0), "other");
        assert_eq!(plural_form(Lang::En, 21), "other");
        // A plural entry of the catalogue agrees with its count.
        let cell = |lang, n: u64| fill(plural(lang, "transCell", n), &[("from", &"AX"), ("to", &"AY"), ("n", &n)]);
        assert_eq!(cell(Lang::Ru, 1), "AX → AY: 1 клиент");
        assert_eq!(cell(Lang::Ru, 3), "AX → AY: 3 клиента");
        assert_eq!(cell(Lang::Ru, 11), "AX → AY: 11 клиентов");
        assert_eq!(cell(Lang::Uk, 22), "AX → AY: 22 клієнти");
        assert_eq!(cell(Lang::En, 1), "AX → AY: 1 client");
        assert_eq!(cell(Lang::En, 2), "AX → AY: 2 clients");
    }

    #[test]
    fn placeholders_fill_by_name() {
        assert_eq!(fill("{n} of {total}", &[("n", &3), ("total", &"7")]), "3 of 7");
        assert_eq!(fill("{missing} {", &[]), "{missing} {");
        assert_eq!(fill("a {b c} d", &[]), "a {b c} d");
    }
}
