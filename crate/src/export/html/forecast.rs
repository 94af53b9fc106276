//! The HTML report's "how reliable is the forecast" section: the verdict of the
//! holdout check in the user's words, the forecast's totals with their 80 % ranges,
//! the tracking and calibration charts, and the model's parameters folded under
//! "how this is computed" (the page's panel says the same: www/views/forecast.js).

use super::{escape, Doc};
use crate::btyd::predict::Status;
use crate::chart::Chart;
use crate::format;
use std::fmt::Write as _;

/// The charts this section shows (the appendix leaves them out).
pub const CHARTS: [&str; 2] = ["holdout-tracking", "holdout-calibration"];

impl Doc<'_> {
    pub(super) fn forecast(&mut self, charts: &[Chart]) {
        let r = self.r;
        let b = &r.btyd;
        if b.status != Status::Fitted {
            return;
        }
        let _ = writeln!(self.h, "<section id=\"forecast\"><h2>{}</h2>", self.t("holdout.title"));
        let sentences = crate::btyd::holdout::sentences(&b.holdout, self.lang);
        let mut it = sentences.iter();
        if let Some(s) = it.next() {
            let _ = writeln!(self.h, "<p class=\"lead\" id=\"forecast-verdict\">{}</p>", escape(s));
        }
        if let Some(s) = it.next() {
            let _ = writeln!(self.h, "<p id=\"forecast-model\">{}</p>", escape(s));
        }
        self.forecast_figures();
        let shown: Vec<&Chart> = CHARTS.iter().filter_map(|n| charts.iter().find(|c| c.name == *n)).collect();
        if !shown.is_empty() {
            self.h.push_str("<div class=\"pair\">\n");
            for c in shown {
                self.figure(c);
            }
            self.h.push_str("</div>\n");
        }
        for s in it {
            let _ = writeln!(self.h, "<p class=\"muted\">{}</p>", escape(s));
        }
        let _ = write!(self.h, "<details id=\"forecast-how\"><summary>{}</summary>", self.t("holdout.how"));
        if let Some(end) = b.holdout.calibration_end {
            let end = format::date(end, self.lang);
            let weeks = format::num(b.holdout.weeks, 0, self.lang);
            let _ = write!(
                self.h,
                "<p>{}</p><p>{}</p>",
                escape(&self.lang.f("holdout.intro", &[("end", &end), ("weeks", &weeks)])),
                escape(&self.lang.f("holdout.method", &[("end", &end)]))
            );
        }
        for line in params(r, self.lang) {
            let _ = write!(self.h, "<p class=\"muted\">{}</p>", escape(&line));
        }
        self.h.push_str("</details></section>\n");
    }

    /// Expected purchases, revenue and value, each with its 80 % range.
    fn forecast_figures(&mut self) {
        let b = &self.r.btyd;
        let lang = self.lang;
        let weeks = format::num(b.horizon_weeks, 0, lang);
        let range = |lo: String, hi: String| escape(&lang.f("forecast.range", &[("low", &lo), ("high", &hi)]));
        let rg = b.ranges.as_ref();
        let mut rows: Vec<(String, String, Option<String>)> = Vec::new();
        if let Some(x) = b.expected_purchases {
            let r = rg.map(|g| {
                range(format::num(g.expected_purchases[0], 0, lang), format::num(g.expected_purchases[1], 0, lang))
            });
            rows.push((lang.f("forecast.purchases", &[("weeks", &weeks)]), self.n(&format::num(x, 0, lang)), r));
        }
        if let Some(v) = rg.and_then(|g| g.revenue) {
            let r = rg.and_then(|g| g.revenue_range).map(|[lo, hi]| range(self.plain_money(lo), self.plain_money(hi)));
            rows.push((lang.f("forecast.revenue", &[("weeks", &weeks)]), self.money(v), r));
        }
        if let Some(v) = b.clv {
            let r = rg.and_then(|g| g.clv).map(|[lo, hi]| range(self.plain_money(lo), self.plain_money(hi)));
            rows.push((lang.f("forecast.clv", &[("months", &b.clv_months)]), self.money(v), r));
        }
        if rows.is_empty() {
            return;
        }
        self.h.push_str("<dl class=\"facts\" id=\"forecast-figures\">");
        for (label, value, range) in rows {
            let _ = write!(
                self.h,
                "<dt>{}</dt><dd>{value}{}</dd>",
                escape(&label),
                range.map(|r| format!(" <span class=\"muted\">({r})</span>")).unwrap_or_default()
            );
        }
        self.h.push_str("</dl>\n");
        if rg.is_none() {
            let _ = writeln!(self.h, "<p class=\"muted\">{}</p>", escape(self.t("forecast.noRange")));
        }
    }

    fn plain_money(&self, m: crate::money::Money) -> String {
        format::money(m, self.cur, self.lang)
    }
}

/// The parameters of the model in use and of the spend model, with their standard
/// errors: what "how this is computed" shows, never the lead.
pub fn params(r: &crate::report::Report, lang: crate::lang::Lang) -> Vec<String> {
    let b = &r.btyd;
    let num = |v: f64| format::num(v, 3, lang);
    let model = lang.t(&format!("model.{}", crate::code::key(&b.model))).to_string();
    let values: Option<[(&str, f64); 4]> = match b.model {
        crate::btyd::model::Model::Bgnbd => {
            b.r.zip(b.alpha).zip(b.a.zip(b.b)).map(|((r, al), (a, bb))| [("r", r), ("alpha", al), ("a", a), ("b", bb)])
        }
        crate::btyd::model::Model::Paretonbd => b.pareto.map(|f| {
            let p = f.params;
            [("r", p.r), ("alpha", p.alpha), ("s", p.s), ("beta", p.beta)]
        }),
    };
    let mut out = Vec::new();
    let se = b.ranges.as_ref().map(|g| g.model_se);
    if let Some(v) = values {
        let text: Vec<String> = v
            .iter()
            .enumerate()
            .map(|(i, (name, x))| match se {
                Some(se) if se[i] > 0.0 => format!("{name} {} ± {}", num(*x), num(se[i])),
                _ => format!("{name} {}", num(*x)),
            })
            .collect();
        out.push(lang.f("holdout.params", &[("model", &model), ("params", &text.join(", "))]));
    }
    if let Some(g) = b.spend {
        let p = g.params;
        let se = b.ranges.as_ref().and_then(|r| r.spend_se);
        let text: Vec<String> = [("p", p.p), ("q", p.q), ("gamma", p.gamma)]
            .iter()
            .enumerate()
            .map(|(i, (name, x))| match se {
                Some(se) if se[i] > 0.0 => format!("{name} {} ± {}", num(*x), num(se[i])),
                _ => format!("{name} {}", num(*x)),
            })
            .collect();
        out.push(lang.f("holdout.params", &[("model", &"Gamma-Gamma"), ("params", &text.join(", "))]));
    }
    if b.ranges.is_some() {
        out.push(lang.t("forecast.rangeNote").to_string());
    }
    out
}
