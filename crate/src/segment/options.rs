//! Settings of the segmentation analyses. They are flattened into [`crate::Options`],
//! so a config (or the page's URL hash) names them at the top level:
//! `{"abc_measure": "margin", "xyz_frequency": [80, 30]}`.

use crate::error::Error;
use crate::frame::{Dimension, Measure};
use serde::{Deserialize, Serialize};

/// How XYZ measures regularity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum XyzMethod {
    /// Share of periods with a purchase.
    #[default]
    Frequency,
    /// Coefficient of variation of the per-period measure.
    Variation,
}

/// The XYZ method per dimension: frequency for clients, variation for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct XyzMethods {
    pub client: XyzMethod,
    pub product: XyzMethod,
    pub manager: XyzMethod,
    pub branch: XyzMethod,
}

impl Default for XyzMethods {
    fn default() -> Self {
        XyzMethods {
            client: XyzMethod::Frequency,
            product: XyzMethod::Variation,
            manager: XyzMethod::Variation,
            branch: XyzMethod::Variation,
        }
    }
}

impl XyzMethods {
    pub fn get(&self, d: Dimension) -> XyzMethod {
        match d {
            Dimension::Client => self.client,
            Dimension::Product => self.product,
            Dimension::Manager => self.manager,
            Dimension::Branch => self.branch,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct SegmentOptions {
    /// The dimension of the top-level `abc` object; the others go to `abc_by`.
    pub abc_dimension: Dimension,
    /// What ABC (and XYZ by variation) measures, for every dimension.
    pub abc_measure: Measure,
    pub xyz_method: XyzMethods,
    /// Frequency method, percent of periods with a purchase: X at least the first,
    /// Y at least the second.
    pub xyz_frequency: [f64; 2],
    /// Variation method, coefficient of variation in percent: X at most the first,
    /// Y at most the second.
    pub xyz_variation: [f64; 2],
    /// Fewer periods of history than this: "short history" (class Z).
    pub xyz_min_periods: u32,
    /// ABCDX: the letter ranks by revenue or margin.
    pub abcdx_measure: Measure,
    /// D: no purchase for longer than max(`d_min_days`, `d_interval_multiple` x the
    /// client's median interval between purchases).
    pub d_min_days: u32,
    pub d_interval_multiple: f64,
    /// X with a cost-to-serve column: cost to serve / gross profit at least this.
    pub x_cost_ratio: f64,
    /// X without one: an A or B client whose margin is below this percent of revenue.
    pub x_margin_pct: f64,
    /// Percentiles that split loyalty and profit into low and high (50 = median).
    pub quadrant_percentiles: [f64; 2],
    /// RFM recency cut points in days (scores 5..2 at or below each), or quintiles.
    pub rfm_recency_days: Option<[u32; 4]>,
    /// RFM frequency cut points in purchases (scores 2..5 at or above each), or quintiles.
    pub rfm_frequency: Option<[u32; 4]>,
    /// Dependency risk: the largest client's share (percent) that is elevated and high.
    pub risk_largest_pct: [f64; 2],
    /// Dependency risk: the top five's share (percent) that is elevated and high.
    pub risk_top5_pct: [f64; 2],
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            abc_dimension: Dimension::Client,
            abc_measure: Measure::Revenue,
            xyz_method: XyzMethods::default(),
            xyz_frequency: [75.0, 25.0],
            xyz_variation: [10.0, 25.0],
            xyz_min_periods: 2,
            abcdx_measure: Measure::Revenue,
            d_min_days: 90,
            d_interval_multiple: 3.0,
            x_cost_ratio: 1.0,
            x_margin_pct: 5.0,
            quadrant_percentiles: [50.0, 50.0],
            rfm_recency_days: None,
            rfm_frequency: None,
            risk_largest_pct: [10.0, 25.0],
            risk_top5_pct: [50.0, 75.0],
        }
    }
}

fn bad(detail: String) -> Error {
    Error::BadOptions { detail }
}

fn pct(x: f64) -> bool {
    x.is_finite() && (0.0..=100.0).contains(&x)
}

fn ascending(v: [u32; 4]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

impl SegmentOptions {
    pub fn validate(&self) -> Result<(), Error> {
        let [x, y] = self.xyz_frequency;
        if !(pct(x) && pct(y) && 0.0 < y && y < x) {
            return Err(bad(format!("xyz_frequency [{x}, {y}]: need 0 < Y < X <= 100 (percent of periods)")));
        }
        let [x, y] = self.xyz_variation;
        if !(x.is_finite() && y.is_finite() && 0.0 <= x && x < y && y <= 1000.0) {
            return Err(bad(format!("xyz_variation [{x}, {y}]: need 0 <= X < Y <= 1000 (percent)")));
        }
        if !(1..=100).contains(&self.xyz_min_periods) {
            return Err(bad(format!("xyz_min_periods {}: need 1..100", self.xyz_min_periods)));
        }
        if !matches!(self.abcdx_measure, Measure::Revenue | Measure::Margin) {
            return Err(bad("abcdx_measure: revenue or margin".into()));
        }
        if !(1..=3650).contains(&self.d_min_days) {
            return Err(bad(format!("d_min_days {}: need 1..3650", self.d_min_days)));
        }
        let m = self.d_interval_multiple;
        if !(m.is_finite() && (0.0..=100.0).contains(&m)) {
            return Err(bad(format!("d_interval_multiple {m}: need 0..100")));
        }
        let r = self.x_cost_ratio;
        if !(r.is_finite() && r > 0.0 && r <= 1000.0) {
            return Err(bad(format!("x_cost_ratio {r}: need 0 < ratio <= 1000")));
        }
        if !pct(self.x_margin_pct) {
            return Err(bad(format!("x_margin_pct {}: need 0..100", self.x_margin_pct)));
        }
        let [l, p] = self.quadrant_percentiles;
        if !(pct(l) && pct(p)) {
            return Err(bad(format!("quadrant_percentiles [{l}, {p}]: need 0..100 each")));
        }
        if let Some(v) = self.rfm_recency_days {
            if !ascending(v) {
                return Err(bad(format!("rfm_recency_days {v:?}: need four ascending day counts")));
            }
        }
        if let Some(v) = self.rfm_frequency {
            if !(ascending(v) && v[0] >= 1) {
                return Err(bad(format!("rfm_frequency {v:?}: need four ascending purchase counts from 1")));
            }
        }
        for (name, [a, b]) in [("risk_largest_pct", self.risk_largest_pct), ("risk_top5_pct", self.risk_top5_pct)] {
            if !(pct(a) && pct(b) && 0.0 < a && a < b) {
                return Err(bad(format!("{name} [{a}, {b}]: need 0 < elevated < high <= 100")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_configs_keep_defaults_and_bad_values_are_named() {
        let o: SegmentOptions =
            serde_json::from_str(r#"{"xyz_method":{"client":"variation"},"abc_measure":"margin"}"#).unwrap();
        assert_eq!(o.xyz_method.client, XyzMethod::Variation);
        assert_eq!(o.xyz_method.product, XyzMethod::Variation);
        assert_eq!(o.abc_measure, Measure::Margin);
        assert_eq!(o.xyz_frequency, [75.0, 25.0]);
        assert!(o.validate().is_ok());
        let cases: &[(&str, &str)] = &[
            (r#"{"xyz_frequency":[25,75]}"#, "xyz_frequency"),
            (r#"{"xyz_variation":[30,20]}"#, "xyz_variation"),
            (r#"{"xyz_min_periods":0}"#, "xyz_min_periods"),
            (r#"{"abcdx_measure":"quantity"}"#, "abcdx_measure"),
            (r#"{"d_min_days":0}"#, "d_min_days"),
            (r#"{"d_interval_multiple":-1}"#, "d_interval_multiple"),
            (r#"{"x_cost_ratio":0}"#, "x_cost_ratio"),
            (r#"{"x_margin_pct":120}"#, "x_margin_pct"),
            (r#"{"quadrant_percentiles":[50,101]}"#, "quadrant_percentiles"),
            (r#"{"rfm_recency_days":[30,30,60,90]}"#, "rfm_recency_days"),
            (r#"{"rfm_frequency":[0,2,3,4]}"#, "rfm_frequency"),
            (r#"{"risk_top5_pct":[75,50]}"#, "risk_top5_pct"),
        ];
        for (json, name) in cases {
            let o: SegmentOptions = serde_json::from_str(json).unwrap();
            let e = o.validate().unwrap_err();
            assert!(e.to_string().contains(name), "{json}: {e}");
        }
    }
}
