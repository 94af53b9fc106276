//! Settings of the dynamics, retention and prediction analyses, flattened into
//! [`crate::Options`]: `{"compare": "previous", "buys_less_pct": 30}`.

use crate::error::Error;
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
        }
    }
}

fn bad(detail: String) -> Error {
    Error::BadOptions { detail }
}

impl DynamicsOptions {
    pub fn validate(&self) -> Result<(), Error> {
        if !(1..=104).contains(&self.compare_periods) {
            return Err(bad(format!("compare_periods {}: need 1..104", self.compare_periods)));
        }
        for (name, v) in [
            ("buys_less_pct", self.buys_less_pct),
            ("leaving_drop_pct", self.leaving_drop_pct),
            ("buys_cheaper_pct", self.buys_cheaper_pct),
        ] {
            if !(v.is_finite() && (0.0..100.0).contains(&v)) {
                return Err(bad(format!("{name} {v}: need 0 <= percent < 100")));
            }
        }
        let [w, r, l] = self.overdue_levels;
        if !(w.is_finite() && l.is_finite() && 0.0 < w && w <= r && r <= l && l <= 1000.0) {
            return Err(bad(format!("overdue_levels [{w}, {r}, {l}]: need 0 < watch <= at risk <= lost")));
        }
        if !(2..=1000).contains(&self.overdue_min_purchases) {
            return Err(bad(format!("overdue_min_purchases {}: need 2..1000", self.overdue_min_purchases)));
        }
        let mut seen: Vec<&str> = self.winback_groups.iter().flatten().map(String::as_str).collect();
        seen.sort_unstable();
        if seen != CELLS {
            return Err(bad(format!(
                "winback_groups {:?}: every cell AX..CZ exactly once across the four groups",
                self.winback_groups
            )));
        }
        if !(1..=520).contains(&self.btyd_periods) {
            return Err(bad(format!("btyd_periods {}: need 1..520", self.btyd_periods)));
        }
        if !(1..=120).contains(&self.clv_months) {
            return Err(bad(format!("clv_months {}: need 1..120", self.clv_months)));
        }
        let d = self.clv_discount_pct;
        if !(d.is_finite() && (0.0..=100.0).contains(&d)) {
            return Err(bad(format!("clv_discount_pct {d}: need 0..100")));
        }
        Ok(())
    }

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
        let o: DynamicsOptions = serde_json::from_str(r#"{"compare":"previous"}"#).unwrap();
        assert_eq!((o.compare, o.compare_periods), (Compare::Previous, 3));
        assert!(o.validate().is_ok());
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
        ];
        for (json, name) in cases {
            let o: DynamicsOptions = serde_json::from_str(json).unwrap();
            let e = o.validate().unwrap_err();
            assert!(e.to_string().contains(name), "{json}: {e}");
        }
    }
}
