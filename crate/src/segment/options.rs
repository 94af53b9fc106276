//! Settings of the segmentation analyses. They are flattened into [`crate::Options`],
//! so a config (or the page's URL hash) names them at the top level:
//! `{"abc_measure": "margin", "xyz_frequency": [80, 30]}`.

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
            xyz_variation: [25.0, 50.0],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_configs_keep_defaults_and_bad_values_are_named() {
        let o: crate::Options =
            serde_json::from_str(r#"{"xyz_method":{"client":"variation"},"abc_measure":"margin"}"#).unwrap();
        assert_eq!(o.segment.xyz_method.client, XyzMethod::Variation);
        assert_eq!(o.segment.xyz_method.product, XyzMethod::Variation);
        assert_eq!(o.segment.abc_measure, Measure::Margin);
        assert_eq!(o.segment.xyz_frequency, [75.0, 25.0]);
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
            // The rules live in crate::settings; Options::validate applies them.
            let o: crate::Options = serde_json::from_str(json).unwrap();
            let e = o.validate().unwrap_err();
            assert!(e.to_string().contains(name), "{json}: {e}");
        }
    }
}
