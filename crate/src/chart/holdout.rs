//! The forecast check's two charts (Fader and Hardie's, and lifetimes'
//! `plot_calibration_purchases_vs_holdout_purchases`): tracking, cumulative
//! purchases week by week after the cut-off, actual against each model's forecast;
//! calibration, the mean purchases per client in the held-out weeks by the number of
//! repeat purchases before the cut-off, actual against forecast.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;
use plotters::style::RGBColor;

/// A model's line: its name and its values (one per week, or per bin).
pub struct Line {
    pub name: String,
    pub values: Vec<f64>,
}

pub struct Tracking {
    /// The last calibration day, as the tables write dates.
    pub cutoff: String,
    /// Cumulative actual purchases at the end of each held-out week.
    pub actual: Vec<f64>,
    /// The model in use first.
    pub models: Vec<Line>,
}

pub struct Calibration {
    /// Bin labels: "0", "1", ..., "7+".
    pub bins: Vec<String>,
    pub actual: Vec<f64>,
    pub models: Vec<Line>,
}

pub fn tracking_title(lang: Lang) -> String {
    lang.t("chart.holdoutTracking").to_string()
}

pub fn calibration_title(lang: Lang) -> String {
    lang.t("chart.holdoutCalibration").to_string()
}

/// The model in use is drawn strong, the other one faint.
const MODEL_COLOURS: [RGBColor; 2] = [c::VERMILLION, c::ORANGE];

fn legend(models: &[Line], lang: Lang) -> Vec<(String, RGBColor)> {
    let mut items = vec![(lang.t("chart.actual").to_string(), c::BLUE)];
    items.extend(models.iter().zip(MODEL_COLOURS).map(|(m, colour)| (m.name.clone(), colour)));
    items
}

fn y_axis(max: f64, f: c::Frame, lang: Lang, decimals: usize) -> (c::Scale, Vec<(i32, String)>) {
    let top = if max > 0.0 { max * 1.08 } else { 1.0 };
    let y = c::Scale::new(0.0, top, f.bottom, f.top);
    let ticks = c::ticks(0.0, top, 5).into_iter().map(|v| (y.px(v), fmt::num(v, decimals, lang))).collect();
    (y, ticks)
}

pub fn tracking(t: &Tracking, lang: Lang) -> String {
    let f = c::frame();
    let n = t.actual.len();
    let x = c::Scale::new(0.0, n.max(1) as f64, f.left, f.right);
    let max = t.models.iter().flat_map(|m| m.values.iter()).chain(&t.actual).fold(0.0f64, |m, v| m.max(*v));
    let (y, yt) = y_axis(max, f, lang, 0);
    let step = c::ticks(0.0, n as f64, 8).get(1).copied().unwrap_or(1.0).max(1.0);
    let xt: Vec<(i32, String)> = c::ticks(0.0, n as f64, 8)
        .into_iter()
        .filter(|v| (v / step).fract() == 0.0)
        .map(|v| (x.px(v), fmt::num(v, 0, lang)))
        .collect();
    let title = tracking_title(lang);
    c::render(c::w(), c::H, &title, |a| {
        c::axes(a, f, &xt, &yt, (lang.t("chart.holdoutWeek"), lang.t("purchases")))?;
        let curve = |v: &[f64]| -> Vec<c::Pt> {
            std::iter::once((x.px(0.0), y.px(0.0)))
                .chain(v.iter().enumerate().map(|(k, p)| (x.px((k + 1) as f64), y.px(*p))))
                .collect()
        };
        for (m, (colour, width)) in t.models.iter().zip([(MODEL_COLOURS[0], 3), (MODEL_COLOURS[1], 1)]).rev() {
            c::dashed(a, curve(&m.values), colour, width)?;
        }
        c::line(a, curve(&t.actual), c::BLUE, 3)?;
        // The cut-off: fitting ends here, the forecast starts.
        c::dashed(a, vec![(x.px(0.0), f.top), (x.px(0.0), f.bottom)], c::MUTED, 1)?;
        let cut = lang.f("chart.cutoff", &[("date", &t.cutoff)]);
        c::text(a, &cut, (x.px(0.0) + 6, f.top + 4), &Txt::new(12.0, c::MUTED).at(H::Left, V::Top))?;
        c::legend(a, (f.left, 42), &legend(&t.models, lang))
    })
}

pub fn calibration(k: &Calibration, lang: Lang) -> String {
    let f = c::frame();
    let n = k.bins.len();
    // Bins sit in the middle of equal slots.
    let x = c::Scale::new(-0.5, n as f64 - 0.5, f.left, f.right);
    let max = k.models.iter().flat_map(|m| m.values.iter()).chain(&k.actual).fold(0.0f64, |m, v| m.max(*v));
    let (y, yt) = y_axis(max, f, lang, 1);
    let xt: Vec<(i32, String)> = k.bins.iter().enumerate().map(|(i, b)| (x.px(i as f64), b.clone())).collect();
    let title = calibration_title(lang);
    c::render(c::w(), c::H, &title, |a| {
        c::axes(a, f, &xt, &yt, (lang.t("chart.holdoutBefore"), lang.t("chart.purchasesPerClient")))?;
        let pts = |v: &[f64]| -> Vec<c::Pt> { v.iter().enumerate().map(|(i, p)| (x.px(i as f64), y.px(*p))).collect() };
        for (m, (colour, width)) in k.models.iter().zip([(MODEL_COLOURS[0], 3), (MODEL_COLOURS[1], 1)]).rev() {
            c::dashed(a, pts(&m.values), colour, width)?;
            for p in pts(&m.values) {
                c::dot(a, p, 3 + width as i32 / 2, colour, 1.0)?;
            }
        }
        c::line(a, pts(&k.actual), c::BLUE, 3)?;
        for p in pts(&k.actual) {
            c::dot(a, p, 5, c::BLUE, 1.0)?;
        }
        c::legend(a, (f.left, 42), &legend(&k.models, lang))
    })
}
