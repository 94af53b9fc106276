//! Stacked bars per period: revenue by ABC group here, and the drawing the pool
//! chart shares ([`stacked`]): positive parts stack up from zero, negative down.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;
use plotters::style::RGBColor;

/// Revenue per period by group (A, B, C...). `values[group][period]`, currency
/// units; a negative net is drawn as zero.
pub struct PeriodBars {
    pub periods: Vec<String>,
    pub groups: Vec<String>,
    pub values: Vec<Vec<f64>>,
}

pub fn title(lang: Lang) -> String {
    lang.t("chart.revenuePerPeriodByAbc").into()
}

pub fn svg(b: &PeriodBars, lang: Lang) -> String {
    let series: Vec<Series> = b
        .groups
        .iter()
        .zip(&b.values)
        .enumerate()
        .map(|(i, (g, v))| Series {
            name: c::label(g, 16),
            colour: c::group_colour(i),
            values: v.iter().map(|x| x.max(0.0)).collect(),
        })
        .collect();
    let title = title(lang);
    let caps = (lang.t("period"), lang.t("revenue"));
    c::render(c::w(), c::H, &title, |a| stacked(a, &b.periods, &series, caps, lang, false))
}

pub struct Series {
    pub name: String,
    pub colour: RGBColor,
    /// One value per period; the sign says up or down from zero.
    pub values: Vec<f64>,
}

/// The value range the bars need: (lowest stack below zero, highest above).
fn extent(periods: usize, series: &[Series]) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for p in 0..periods {
        let at =
            |pos: bool| -> f64 { series.iter().filter_map(|s| s.values.get(p)).filter(|v| (**v > 0.0) == pos).sum() };
        hi = hi.max(at(true));
        lo = lo.min(at(false));
    }
    (lo, hi)
}

/// Draws the axes, the stacked bars and a legend inside the standard frame.
/// `magnitude` labels the axis without signs (clients out are still clients).
pub fn stacked(
    a: &c::Area,
    periods: &[String],
    series: &[Series],
    caps: (&str, &str),
    lang: Lang,
    magnitude: bool,
) -> c::Res {
    let f = c::frame();
    let (lo, hi) = extent(periods.len(), series);
    let ticks = c::ticks(lo, if hi > lo { hi } else { lo + 1.0 }, 5);
    let step = if ticks.len() >= 2 { ticks[1] - ticks[0] } else { 1.0 };
    let lo = ticks.first().map_or(lo, |t| if *t > lo { t - step } else { *t });
    let hi = ticks.last().map_or(hi, |t| if *t < hi { t + step } else { *t });
    let y = c::Scale::new(lo, hi, f.bottom, f.top);
    let mut yt: Vec<(i32, String)> = c::ticks(lo, hi, 5)
        .iter()
        .map(|v| (y.px(*v), fmt::compact(if magnitude { v.abs() } else { *v }, lang)))
        .collect();
    yt.dedup_by_key(|t| t.0);
    let n = periods.len().max(1) as i32;
    let slot = (f.right - f.left) / n;
    let bar = (slot * 7 / 10).max(2);
    // Every k-th period is labelled so labels do not run into each other.
    let widest = periods.iter().map(|p| c::text_width(p, 12.0)).max().unwrap_or(0);
    let every = ((widest + 8) / slot.max(1) + 1).max(1) as usize;
    let xt: Vec<(i32, String)> = periods
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, p)| (f.left + i as i32 * slot + slot / 2, c::label(p, 12)))
        .collect();
    // Grid lines only for y; period labels sit under the bars.
    c::axes(a, f, &[], &yt, caps)?;
    let small = Txt::new(12.0, c::MUTED).at(H::Center, V::Top);
    for (x, s) in &xt {
        c::text(a, s, (*x, f.bottom + 8), &small)?;
    }
    for p in 0..periods.len() {
        let x0 = f.left + p as i32 * slot + (slot - bar) / 2;
        let (mut up, mut down) = (0.0, 0.0);
        for s in series {
            let v = s.values.get(p).copied().unwrap_or(0.0);
            if v == 0.0 || !v.is_finite() {
                continue;
            }
            let (from, to) = if v > 0.0 {
                up += v;
                (up - v, up)
            } else {
                down += v;
                (down - v, down)
            };
            let (y0, y1) = (y.px(from), y.px(to));
            if y0 != y1 {
                c::rect(a, (x0, y0.min(y1)), (x0 + bar, y0.max(y1)), s.colour)?;
            }
        }
    }
    if lo < 0.0 {
        c::line(a, vec![(f.left, y.px(0.0)), (f.right, y.px(0.0))], c::AXIS, 1)?;
    }
    let items: Vec<(String, RGBColor)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    c::legend(a, (f.left, 42), &items)
}
