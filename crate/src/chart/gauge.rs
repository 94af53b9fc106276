//! The leakage gauge (seed 002): the annual share of clients lost against the
//! norm of at most 10 % a year. Angles come from `libm`, so the arc has the same
//! pixels on every target.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;
use core::f64::consts::PI;

pub struct Leakage {
    /// Clients active in the previous 12 months who did not buy in the last 12,
    /// over those active in the previous 12 months (0..1).
    pub rate: f64,
    /// The norm, 0.10 by default.
    pub norm: f64,
    pub lost: u64,
    pub base: u64,
}

pub fn title(lang: Lang) -> String {
    lang.t("chart.annualClientLeakage").into()
}

const CY: i32 = 290;

/// The dial's centre and radii: centred on the canvas; on a phone's narrower
/// canvas the radii shrink with it, so the norm's label keeps room at the side.
fn cx() -> i32 {
    c::w() as i32 / 2
}
fn r_out() -> f64 {
    190.0 * f64::from(c::w()) / f64::from(c::W)
}
fn r_in() -> f64 {
    r_out() - 60.0
}

/// The top end of the dial: at least 30 %, else the rate plus a quarter, in
/// steps of 10 %.
pub fn dial_max(rate: f64, norm: f64) -> f64 {
    let want = (rate * 1.25).max(norm * 3.0).max(0.3);
    ((want * 10.0).ceil() / 10.0).min(1.0)
}

/// The point at radius `r` for value `v` on a dial from 0 (left) to `max` (right).
fn at(v: f64, max: f64, r: f64) -> c::Pt {
    let angle = PI * (1.0 - (v / max).clamp(0.0, 1.0));
    let x = cx() as f64 + r * libm::cos(angle);
    let y = CY as f64 - r * libm::sin(angle);
    (x.round() as i32, y.round() as i32)
}

fn band(a: &c::Area, from: f64, to: f64, max: f64, colour: plotters::style::RGBColor, opacity: f64) -> c::Res {
    if to <= from {
        return Ok(());
    }
    let steps = 48;
    let mut pts: Vec<c::Pt> =
        (0..=steps).map(|k| at(from + (to - from) * k as f64 / steps as f64, max, r_out())).collect();
    pts.extend((0..=steps).rev().map(|k| at(from + (to - from) * k as f64 / steps as f64, max, r_in())));
    c::polygon(a, pts, colour, opacity)
}

pub fn svg(l: &Leakage, lang: Lang) -> String {
    let rate = if l.rate.is_finite() { l.rate.max(0.0) } else { 0.0 };
    let max = dial_max(rate, l.norm);
    let title = title(lang);
    c::render(c::w(), c::H, &title, |a| {
        band(a, 0.0, l.norm.min(max), max, c::GREEN, 0.85)?;
        band(a, l.norm.min(max), max, max, c::VERMILLION, 0.35)?;
        // Filled part up to the rate, on top.
        if rate > l.norm {
            band(a, l.norm, rate.min(max), max, c::VERMILLION, 0.9)?;
        }
        let small = Txt::new(12.0, c::MUTED);
        for v in [0.0, max] {
            let p = at(v, max, (r_out() + r_in()) / 2.0);
            c::text(a, &fmt::pct(v, 0, lang), (p.0, p.1 + 10), &Txt { h: H::Center, v: V::Top, ..small })?;
        }
        // The norm: a tick across the dial and its label outside.
        c::line(a, vec![at(l.norm, max, r_in() - 8.0), at(l.norm, max, r_out() + 8.0)], c::INK, 2)?;
        let p = at(l.norm, max, r_out() + 14.0);
        let norm = format!("{} ≤ {}", lang.t("chart.norm"), fmt::share(l.norm, lang));
        let side = if l.norm / max < 0.5 { H::Right } else { H::Left };
        c::text(a, &norm, p, &Txt::new(13.0, c::INK).at(side, V::Bottom).bold())?;
        // The needle.
        c::line(a, vec![(cx(), CY), at(rate, max, r_out() - 6.0)], c::INK, 4)?;
        c::dot(a, (cx(), CY), 8, c::INK, 1.0)?;
        c::text(a, &fmt::share(rate, lang), (cx(), CY + 40), &Txt::new(30.0, c::INK).at(H::Center, V::Center).bold())?;
        let detail = format!(
            "{} {} {} {}",
            lang.t("chart.noPurchaseIn12Months"),
            fmt::int(l.lost, lang),
            lang.t("chart.of"),
            fmt::int(l.base, lang)
        );
        c::text(a, &detail, (cx(), CY + 76), &Txt::new(14.0, c::MUTED).at(H::Center, V::Center))?;
        let verdict =
            if rate <= l.norm { lang.t("leakageStatus.within_norm") } else { lang.t("leakageStatus.above_norm") };
        c::text(a, verdict, (cx(), CY + 100), &Txt::new(14.0, c::INK).at(H::Center, V::Center))
    })
}
