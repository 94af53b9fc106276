//! Loyalty x profit (seed 004): one mark per client, the two split lines and the
//! four quadrants named in their corners. Profit spans orders of magnitude, so
//! its axis is symmetric-logarithmic (linear near zero, negative values kept).

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;
use plotters::style::RGBColor;

pub struct Dot {
    /// 0..1.
    pub loyalty: f64,
    /// Margin, or revenue where the file has no margin, in currency units.
    pub profit: f64,
    /// 0 = I (low, low), 1 = II (loyal), 2 = III (loyal, profitable), 3 = IV (profitable).
    pub quadrant: usize,
}

pub struct Scatter {
    pub dots: Vec<Dot>,
    pub loyalty_split: f64,
    pub profit_split: f64,
    /// Profit is margin (else revenue).
    pub margin: bool,
    /// Clients in the analysis; more than `dots.len()` when sampled.
    pub clients: usize,
}

pub fn title(lang: Lang) -> String {
    lang.t("chart.loyaltyAndProfitability").into()
}

pub fn quadrant_colour(q: usize) -> RGBColor {
    [c::ORANGE, c::GREEN, c::BLUE, c::PURPLE][q.min(3)]
}

fn quadrant_name(q: usize, lang: Lang) -> &'static str {
    match q {
        0 => lang.t("chart.iLowLoyaltyLowProfit"),
        1 => lang.t("chart.iiGoldenReserve"),
        2 => lang.t("chart.iiiLoyalAndProfitable"),
        _ => lang.t("chart.ivProfitableNotLoyal"),
    }
}

/// sign(v) * log10(1 + |v|): the profit axis.
pub fn symlog(v: f64) -> f64 {
    let s = libm::log10(1.0 + v.abs());
    if v < 0.0 {
        -s
    } else {
        s
    }
}

/// Ticks at 0 (when in range) and powers of ten across lo..hi, thinned to at most 7.
fn profit_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    if lo <= 0.0 && hi >= 0.0 {
        out.push(0.0);
    }
    let mut p = 1.0;
    while p <= hi.max(-lo) && p < 1e16 {
        for v in [p, -p] {
            if v >= lo && v <= hi {
                out.push(v);
            }
        }
        p *= 10.0;
    }
    out.sort_by(f64::total_cmp);
    while out.len() > 7 {
        // Keep zero, drop every other power.
        out = out.iter().enumerate().filter(|(i, v)| **v == 0.0 || i % 2 == 0).map(|(_, v)| *v).collect();
    }
    out
}

/// The profit range: the data and the split, a little wider on the log scale.
pub fn profit_range(s: &Scatter) -> (f64, f64) {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let split = finite(s.profit_split);
    let lo = s.dots.iter().map(|d| finite(d.profit)).fold(split, f64::min);
    let hi = s.dots.iter().map(|d| finite(d.profit)).fold(split, f64::max);
    // Positive data starts at half its smallest value, not at zero; the largest
    // mark keeps some room under the top edge.
    let lo = if lo > 0.0 { lo / 2.0 } else { lo };
    let hi = if hi > 0.0 { hi * 1.5 } else { hi };
    (lo, hi.max(lo + 1.0))
}

pub fn svg(s: &Scatter, lang: Lang) -> String {
    let f = c::frame();
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (lo, hi) = profit_range(s);
    let x = c::Scale::new(0.0, 1.0, f.left, f.right);
    let y = c::Scale::new(symlog(lo), symlog(hi), f.bottom, f.top);
    let title = title(lang);
    c::render(c::w(), c::H, &title, |a| {
        let xt: Vec<(i32, String)> = (0..=5).map(|i| i as f64 * 0.2).map(|v| (x.px(v), fmt::num(v, 1, lang))).collect();
        let yt: Vec<(i32, String)> =
            profit_ticks(lo, hi).iter().map(|v| (y.px(symlog(*v)), fmt::compact(*v, lang))).collect();
        let ycap = if s.margin { lang.t("chart.marginInTheWindowLog") } else { lang.t("chart.revenueInTheWindowLog") };
        let xcap = lang.t("chart.loyalty01");
        c::axes(a, f, &xt, &yt, (xcap, ycap))?;
        for d in &s.dots {
            let at = (x.px(finite(d.loyalty)), y.px(symlog(finite(d.profit))));
            c::dot(a, at, 3, quadrant_colour(d.quadrant), 0.65)?;
        }
        let (sx, sy) = (x.px(finite(s.loyalty_split)), y.px(symlog(finite(s.profit_split))));
        c::dashed(a, vec![(sx, f.top), (sx, f.bottom)], c::INK, 2)?;
        c::dashed(a, vec![(f.left, sy), (f.right, sy)], c::INK, 2)?;
        let note = Txt::new(12.0, c::INK).bold();
        c::text(a, &fmt::num(s.loyalty_split, 2, lang), (sx + 4, f.bottom - 10), &note)?;
        c::text(a, &fmt::compact(s.profit_split, lang), (f.left + 4, sy - 10), &note)?;
        // Quadrant names in the corners, on a background so marks do not hide them.
        let corners = [(0, false, false), (1, true, false), (2, true, true), (3, false, true)];
        for (q, right, top) in corners {
            // On a phone two names side by side overlap: the numeral alone, which
            // the page's quadrant cards above the chart name.
            let full = quadrant_name(q, lang);
            let name = if c::is_narrow() { full.split(" · ").next().unwrap_or(full) } else { full };
            let w = c::text_width(name, 12.0);
            let tx = if right { f.right - 6 - w } else { f.left + 6 };
            let ty = if top { f.top + 12 } else { f.bottom - 28 };
            c::polygon(
                a,
                vec![(tx - 4, ty - 10), (tx + w + 4, ty - 10), (tx + w + 4, ty + 10), (tx - 4, ty + 10)],
                c::BG,
                0.85,
            )?;
            c::rect(a, (tx - 4, ty - 10), (tx, ty + 10), quadrant_colour(q))?;
            c::text(a, name, (tx + 4, ty), &Txt::new(12.0, c::INK).at(H::Left, V::Center))?;
        }
        if s.clients > s.dots.len() {
            let shown = format!(
                "{} {} {} {}",
                lang.t("chart.showing"),
                fmt::int(s.dots.len() as u64, lang),
                lang.t("chart.of"),
                fmt::int(s.clients as u64, lang)
            );
            c::text(a, &shown, (f.right, 42), &Txt::new(12.0, c::MUTED).at(H::Right, V::Center))?;
        }
        Ok(())
    })
}
