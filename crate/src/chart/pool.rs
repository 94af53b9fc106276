//! The pool (seed 002): clients flowing in (new, returned) above the line and out
//! (lost) below it, per period.

use super::bars::{stacked, Series};
use super::canvas as c;
use crate::lang::Lang;

pub struct Pool {
    pub periods: Vec<String>,
    pub new: Vec<u64>,
    pub returned: Vec<u64>,
    pub lost: Vec<u64>,
}

pub fn title(lang: Lang) -> String {
    lang.t("chart.clientPoolInflowAndOutflow").into()
}

pub fn svg(p: &Pool, lang: Lang) -> String {
    let up = |v: &[u64]| v.iter().map(|n| *n as f64).collect();
    let series = [
        Series { name: lang.t("transNew").into(), colour: c::BLUE, values: up(&p.new) },
        Series { name: lang.t("chart.returned").into(), colour: c::GREEN, values: up(&p.returned) },
        Series {
            name: lang.t("chart.lost").into(),
            colour: c::VERMILLION,
            values: p.lost.iter().map(|n| -(*n as f64)).collect(),
        },
    ];
    let title = title(lang);
    let caps = (lang.t("period"), lang.t("clients"));
    c::render(c::w(), c::H, &title, |a| stacked(a, &p.periods, &series, caps, lang, true))
}
