//! What the user can set. Every field has a default, so `{}` is a valid config; the
//! page keeps these in the URL hash and the CLI reads them from `--config`.

use crate::dynamics::options::DynamicsOptions;
use crate::error::Error;
use crate::lang::Lang;
use crate::period::Grain;
use crate::segment::options::SegmentOptions;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Language of messages.
    pub lang: Lang,
    /// The analysis date; `None` means the last date in the data.
    pub as_of: Option<NaiveDate>,
    /// Period grain for windows and dynamics.
    pub period: Grain,
    /// Number of periods in the analysis window, ending with the as-of period; 0 = all data.
    pub window: u32,
    /// Cumulative share bounds (percent) of groups A and B: 80/15/5 is `[80, 95]`.
    pub abc_thresholds: [f64; 2],
    /// Text encoding by its WHATWG label (`windows-1251`, `koi8-r`, `ibm866`...);
    /// `None` detects it.
    pub encoding: Option<String>,
    /// Spreadsheet sheet by name; `None` takes the first sheet with data.
    pub sheet: Option<String>,
    /// Column roles chosen by hand: role key (`date`, `client`, `amount`...) ->
    /// header text. An empty header text unassigns the role.
    pub columns: BTreeMap<String, String>,
    /// Who prepared the analysis (a consultant's link): shown in the page and the
    /// HTML report's footer.
    pub consultant: Consultant,
    /// The currency of the amounts; `None` takes the one the file names (in its
    /// amounts or their header), else none is shown.
    pub currency: Option<crate::currency::Currency>,
    /// Narrows every analysis to one manager's clients (the manager of each
    /// client's latest line naming one); `None`: every client.
    pub manager: Option<String>,
    /// ABC dimension and measure, XYZ, ABCDX, quadrants, RFM and risk settings.
    #[serde(flatten)]
    pub segment: SegmentOptions,
    /// Flags, overdue, win-back groups and prediction settings.
    #[serde(flatten)]
    pub dynamics: DynamicsOptions,
}

/// A consultant's preset: plain text, at most [`MAX_PRESET`] characters each.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Consultant {
    pub name: String,
    pub contact: String,
}

pub use crate::settings::MAX_PRESET;

impl Consultant {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.contact.trim().is_empty()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            as_of: None,
            period: Grain::Month,
            window: 12,
            abc_thresholds: [80.0, 95.0],
            encoding: None,
            sheet: None,
            columns: BTreeMap::new(),
            consultant: Consultant::default(),
            currency: None,
            manager: None,
            segment: SegmentOptions::default(),
            dynamics: DynamicsOptions::default(),
        }
    }
}

impl Options {
    /// Every setting against its declared limits ([`crate::settings::table`]).
    pub fn validate(&self) -> Result<(), Error> {
        let value = serde_json::to_value(self).map_err(|e| Error::BadOptions { detail: e.to_string() })?;
        crate::settings::check(&value)
    }

    /// The ABC bounds in hundredths of a percent, so comparisons are exact integers.
    pub fn abc_bounds_bp(&self) -> [i64; 2] {
        self.abc_thresholds.map(|t| libm::round(t * 100.0) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_default_and_bad_values_are_named() {
        let o: Options = serde_json::from_str("{}").unwrap();
        assert_eq!(o, Options::default());
        let o: Options =
            serde_json::from_str(r#"{"abc_thresholds":[50,80],"period":"quarter","as_of":"2025-06-30"}"#).unwrap();
        assert_eq!(o.abc_bounds_bp(), [5000, 8000]);
        assert_eq!(o.period, Grain::Quarter);
        for bad in [[80.0, 80.0], [0.0, 50.0], [50.0, 100.0], [90.0, 80.0], [f64::NAN, 90.0]] {
            let o = Options { abc_thresholds: bad, ..Options::default() };
            let e = o.validate().unwrap_err();
            assert_eq!(e.code(), "bad_options");
            assert!(e.to_string().contains("abc_thresholds"));
        }
    }
}
