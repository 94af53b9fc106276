//! Settings of the dynamics, retention and prediction analyses, flattened into
//! [`crate::Options`]: `{"compare": "previous", "buys_less_pct": 30}`.

use serde::{Deserialize, Serialize};

/// What the current span is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The span just before.
    Previous,
    /// The same span a year earlier (no seasonal swing).
    #[default]
    YearAgo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct DynamicsOptions {
    /// Base of the per-client flags.
    pub compare: Compare,
    /// Periods in the current span (ending with the as-of period) and in its base.
    pub compare_periods: u32,
    /// "Buys less": revenue down by more than this percent.
    pub buys_less_pct: f64,
    /// The leaving list: revenue down by more than this percent (while still buying).
    pub leaving_drop_pct: f64,
    /// "Buys cheaper": average check down by more than this percent.
    pub buys_cheaper_pct: f64,
    /// Overdue ratio (days since the last purchase / median interval) at which a
    /// client is watched, at risk, likely lost.
    pub overdue_levels: [f64; 3],
    /// Overdue needs at least this many purchase days.
    pub overdue_min_purchases: u32,
    /// Win-back groups 1..4: the ABC-XYZ cells each takes; every cell in exactly one.
    pub winback_groups: [Vec<String>; 4],
    /// BG/NBD: expected purchases over this many periods.
    pub btyd_periods: u32,
    /// Predicted customer value over this many months.
    pub clv_months: u32,
    /// Yearly discount rate for the predicted value, percent (0: none).
    pub clv_discount_pct: f64,
    /// Weeks held out to check the buying models' forecast; 0: the last quarter
    /// of the data's span, at most 39 weeks.
    pub holdout_weeks: u32,
}

pub const CELLS: [&str; 9] = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"];

impl Default for DynamicsOptions {
    fn default() -> Self {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        DynamicsOptions {
            compare: Compare::YearAgo,
            compare_periods: 3,
            buys_less_pct: 20.0,
            leaving_drop_pct: 50.0,
            buys_cheaper_pct: 15.0,
            overdue_levels: [1.5, 2.0, 3.0],
            overdue_min_purchases: 3,
            winback_groups: [
                cells(&["AX", "AY", "BX"]),
                cells(&["AZ", "BY", "CX"]),
                cells(&["BZ", "CY"]),
                cells(&["CZ"]),
            ],
            btyd_periods: 3,
            clv_months: 12,
            clv_discount_pct: 0.0,
            holdout_weeks: 0,
        }
    }
}

impl DynamicsOptions {
    /// The win-back group (1..4) of a cell.
    pub fn winback_group(&self, cell: &str) -> u8 {
        self.winback_groups.iter().position(|g| g.iter().any(|c| c == cell)).map_or(4, |i| i as u8 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_bad_values_are_named() {
        let o: crate::Options = serde_json::from_str(r#"{"compare":"previous"}"#).unwrap();
        assert_eq!((o.dynamics.compare, o.dynamics.compare_periods), (Compare::Previous, 3));
        assert!(o.validate().is_ok());
        let o = o.dynamics;
        assert_eq!((o.winback_group("BX"), o.winback_group("CX"), o.winback_group("CZ")), (1, 2, 4));
        let cases: &[(&str, &str)] = &[
            (r#"{"compare_periods":0}"#, "compare_periods"),
            (r#"{"buys_less_pct":100}"#, "buys_less_pct"),
            (r#"{"buys_cheaper_pct":-1}"#, "buys_cheaper_pct"),
            (r#"{"overdue_levels":[2,1.5,3]}"#, "overdue_levels"),
            (r#"{"overdue_min_purchases":1}"#, "overdue_min_purchases"),
            (r#"{"winback_groups":[["AX"],["AY"],["AZ"],["BX"]]}"#, "winback_groups"),
            (r#"{"winback_groups":[["AX","AX","AY","AZ"],["BX","BY","BZ"],["CX","CY"],["CZ"]]}"#, "winback_groups"),
            (r#"{"btyd_periods":0}"#, "btyd_periods"),
            (r#"{"clv_months":0}"#, "clv_months"),
            (r#"{"clv_discount_pct":101}"#, "clv_discount_pct"),
            (r#"{"holdout_weeks":521}"#, "holdout_weeks"),
        ];
        for (json, name) in cases {
            // The rules live in crate::settings; Options::validate applies them.
            let o: crate::Options = serde_json::from_str(json).unwrap();
            let e = o.validate().unwrap_err();
            assert!(e.to_string().contains(name), "{json}: {e}");
        }
    }
}
