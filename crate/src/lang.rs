//! The three languages of the product. Core texts (error messages) are written
//! here so the CLI and the page say the same thing.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ru,
    Uk,
    #[default]
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "uk" | "ua" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text for this language from a (ru, uk, en) triple.
    pub fn pick<'a>(self, ru: &'a str, uk: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::Uk => uk,
            Lang::En => en,
        }
    }
}
