//! The Pareto curve: share of clients (largest first) against their share of
//! revenue, with the line of an even spread and the top 20 % marked.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;

pub struct Pareto {
    /// [share of clients, share of revenue], from [0, 0] to [1, 1], monotone.
    pub curve: Vec<[f64; 2]>,
    /// The top 20 % of clients: [their share of clients, their share of revenue].
    pub top20: Option<[f64; 2]>,
    pub gini: f64,
}

pub fn title(lang: Lang) -> String {
    lang.t("chart.revenueConcentrationParetoCurve").to_string()
}

pub fn svg(p: &Pareto, lang: Lang) -> String {
    let f = c::frame();
    let x = c::Scale::new(0.0, 1.0, f.left, f.right);
    let y = c::Scale::new(0.0, 1.0, f.bottom, f.top);
    let title = title(lang);
    c::render(c::w(), c::H, &title, |a| {
        let steps: Vec<f64> = (0..=5).map(|i| i as f64 * 0.2).collect();
        let xt: Vec<(i32, String)> = steps.iter().map(|v| (x.px(*v), fmt::pct(*v, 0, lang))).collect();
        let yt: Vec<(i32, String)> = steps.iter().map(|v| (y.px(*v), fmt::pct(*v, 0, lang))).collect();
        let caps = (lang.t("chart.shareOfClientsLargestFirst"), lang.t("valueShare"));
        c::axes(a, f, &xt, &yt, caps)?;
        c::dashed(a, vec![(x.px(0.0), y.px(0.0)), (x.px(1.0), y.px(1.0))], c::AXIS, 1)?;
        let pts: Vec<c::Pt> = p.curve.iter().map(|[cx, cy]| (x.px(*cx), y.px(*cy))).collect();
        if pts.len() >= 2 {
            let mut under = pts.clone();
            under.push((x.px(1.0), y.px(0.0)));
            under.push((x.px(0.0), y.px(0.0)));
            c::polygon(a, under, c::SKY, 0.25)?;
            c::line(a, pts, c::BLUE, 3)?;
        }
        if let Some([cx, cy]) = p.top20 {
            let at = (x.px(cx), y.px(cy));
            c::dashed(a, vec![(at.0, y.px(0.0)), at, (x.px(0.0), at.1)], c::VERMILLION, 1)?;
            c::dot(a, at, 5, c::VERMILLION, 1.0)?;
            let text = format!(
                "{} {} — {} {}",
                fmt::share(cx, lang),
                lang.t("chart.ofClients"),
                fmt::share(cy, lang),
                lang.t("chart.ofRevenue"),
            );
            c::text(a, &text, (at.0 + 12, at.1 + 18), &Txt::new(13.0, c::INK).bold())?;
        }
        let gini = format!("{} {}", lang.t("chart.gini"), fmt::num(p.gini, 2, lang));
        c::text(a, &gini, (f.right - 8, f.bottom - 14), &Txt::new(13.0, c::MUTED).at(H::Right, V::Center))?;
        let even = lang.t("chart.evenSpread");
        c::text(a, even, (x.px(0.62), y.px(0.62) + 4), &Txt::new(12.0, c::MUTED).at(H::Left, V::Top))
    })
}
