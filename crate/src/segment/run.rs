//! The steps of segmentation, which `crate::analysis` runs in dependency order:
//! ABC and XYZ per dimension -> matrix -> ABCDX -> concentration -> quadrants ->
//! RFM -> NPS (which reads the segments of the others). Clients are ranked from
//! their period summaries; products, managers and branches from their days.

use super::abc::{self, AbcOut, Class};
use super::abcdx::{self, AbcdxOut, Verdict};
use super::concentration::{self, ConcentrationOut};
use super::matrix::{self, MatrixOut};
use super::nps::{self, NpsOut, Respondent};
use super::options::{SegmentOptions, XyzMethod};
use super::quadrants::{self, Quadrant, QuadrantsOut};
use super::rfm::{self, RfmOut, Score};
use super::xyz;
use super::{Dimension, Frame, Measure};
use crate::code;
use crate::ledger::{Client, Series, Totals};
use crate::money::Money;
use crate::scope::Scope;
use crate::summaries::{Columns, Summaries};
use chrono::NaiveDate;

/// Everything segmentation says about one client.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSeg {
    pub abc: Option<Class>,
    pub xyz: Option<xyz::Result>,
    pub abcdx: Option<Verdict>,
    pub rfm: Option<Score>,
    pub quadrant: Option<Quadrant>,
    pub loyalty: Option<f64>,
    pub nps: Option<u8>,
}

pub use crate::scope::applied;

/// Each entity's class (`None`: no activity in the window), XYZ and ranked value.
pub struct Ranked {
    pub classes: Vec<Option<Class>>,
    pub xyz: Vec<Option<xyz::Result>>,
    pub values: Vec<Money>,
}

/// Products, managers or branches: ranked from their day histories (once, on the
/// analysis window).
pub fn table<S: Series>(
    dim: Dimension,
    entities: &[S],
    scope: &Scope,
    opts: &SegmentOptions,
    totals: &Totals,
) -> AbcOut {
    let frame = &scope.frame;
    let measure = applied(opts.abc_measure, totals);
    let (classes, values) = abc::rank(entities, frame, measure, scope.rule.bounds_bp);
    let params = crate::scope::xyz_params(opts, dim, measure);
    let xyz: Vec<Option<xyz::Result>> = entities
        .iter()
        .zip(&classes)
        .map(|(e, c)| c.map(|_| xyz::classify(e.days(), e.extras(), frame, &params)))
        .collect();
    let r = Ranked { classes, xyz, values };
    let items = abc::items(entities, &r.classes, &r.values, &r.xyz);
    abc_out(dim, &r, items, scope, opts, &params)
}

/// Clients: ranked from their period summaries, which fit the analysis window;
/// `cols` are their sums over it ([`Summaries::columns`]).
pub fn client_table(sums: &Summaries, cols: Columns, scope: &Scope, opts: &SegmentOptions) -> (Ranked, AbcOut) {
    let frame = &scope.frame;
    let rule = &scope.rule;
    let classes = abc::classes_of(cols.values(), &cols.active, rule.bounds_bp);
    let xyz: Vec<Option<xyz::Result>> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| c.map(|_| xyz::classify_summary(sums, i, frame, &rule.xyz, cols.bought[i])))
        .collect();
    let values = cols.into_values();
    let r = Ranked { classes, xyz, values };
    let out = abc_out(Dimension::Client, &r, Vec::new(), scope, opts, &rule.xyz);
    (r, out)
}

/// The table of a ranked dimension: groups, inactive count, item rows and XYZ.
fn abc_out(
    dim: Dimension,
    r: &Ranked,
    items: Vec<abc::AbcItem>,
    scope: &Scope,
    opts: &SegmentOptions,
    params: &xyz::Params,
) -> AbcOut {
    let frame = &scope.frame;
    let ranked: Vec<(Money, Class)> = r.values.iter().zip(&r.classes).filter_map(|(v, c)| c.map(|c| (*v, c))).collect();
    let (rv, rc): (Vec<Money>, Vec<Class>) = ranked.into_iter().unzip();
    let periods = (frame.last - frame.first + 1).max(1) as u32;
    let thresholds = match params.method {
        XyzMethod::Frequency => opts.xyz_frequency,
        XyzMethod::Variation => opts.xyz_variation,
    };
    AbcOut {
        dimension: dim,
        measure: params.measure,
        requested_measure: opts.abc_measure,
        thresholds: scope.abc_thresholds,
        window_start: frame.from,
        window_end: frame.as_of,
        groups: abc::summarize(&rv, &rc),
        inactive: r.classes.iter().filter(|c| c.is_none()).count(),
        items,
        xyz: xyz::summarize(
            &r.xyz,
            &r.values,
            (params.method, params.measure, thresholds, opts.xyz_min_periods, periods),
        ),
    }
}

/// What ABCDX letters clients by: the clients' table when it ranks by
/// `abcdx_measure`, else a ranking by that measure; the options with the measure
/// the file supports.
pub struct DxBasis {
    ranked: Option<(Vec<Option<Class>>, Vec<Money>)>,
    opts: SegmentOptions,
    x_rule: abcdx::XRule,
}

pub fn abcdx_basis(clients: &[Client], scope: &Scope, opts: &SegmentOptions, t: &Totals) -> DxBasis {
    let dx_measure = applied(opts.abcdx_measure, t);
    let ranked =
        (dx_measure != scope.rule.measure).then(|| abc::rank(clients, &scope.frame, dx_measure, scope.rule.bounds_bp));
    DxBasis { ranked, opts: SegmentOptions { abcdx_measure: dx_measure, ..opts.clone() }, x_rule: abcdx::x_rule(t) }
}

impl DxBasis {
    /// The rule that letters one client at a time (`ct`: the clients' table).
    pub fn classifier<'a>(&'a self, ct: &'a Ranked, frame: &'a Frame) -> abcdx::Classifier<'a> {
        let (classes, values) = match &self.ranked {
            Some((c, v)) => (c, v),
            None => (&ct.classes, &ct.values),
        };
        abcdx::Classifier::new(classes, values, frame, &self.opts, self.x_rule)
    }

    /// The ABCDX table of the verdicts.
    pub fn summarize(
        &self,
        clients: &[Client],
        verdicts: &[Option<Verdict>],
        frame: &Frame,
        t: &Totals,
        window_rev: &[Money],
    ) -> AbcdxOut {
        abcdx::summarize(clients, verdicts, frame, &self.opts, t, window_rev)
    }
}

/// The clients' ABC-XYZ matrix.
pub fn matrix(clients: &[Client], seg: &[ClientSeg], window_rev: &[Money]) -> MatrixOut {
    let members: Vec<matrix::Member> = clients
        .iter()
        .zip(seg)
        .zip(window_rev)
        .filter_map(|((c, s), r)| Some(matrix::Member { id: &c.id, revenue: *r, abc: s.abc?, xyz: s.xyz?.class }))
        .collect();
    matrix::build(&members)
}

/// Concentration of the window revenue of the clients ABC ranks.
pub fn concentration(
    clients: &[Client],
    seg: &[ClientSeg],
    window_rev: &[Money],
    opts: &SegmentOptions,
) -> ConcentrationOut {
    let active: Vec<(&str, Money)> = clients
        .iter()
        .zip(seg)
        .zip(window_rev)
        .filter(|((_, s), _)| s.abc.is_some())
        .map(|((c, _), r)| (c.id.as_ref(), *r))
        .collect();
    concentration::build(&active, (opts.risk_largest_pct, opts.risk_top5_pct))
}

/// Loyalty and the quadrants. `sums` give each client's first purchase, `profit`
/// its profit in the window (margin where the file has it, else revenue): read
/// once by the analysis, not here from the days again.
pub fn loyalty(
    clients: &[Client],
    seg: &mut [ClientSeg],
    frame: &Frame,
    opts: &SegmentOptions,
    t: &Totals,
    sums: &Summaries,
    profit: &[Money],
) -> QuadrantsOut {
    let regular = xyz::Params::new(XyzMethod::Frequency, opts.xyz_frequency, 1, Measure::Revenue);
    let profit_measure = if t.margin_rows > 0 { Measure::Margin } else { Measure::Revenue };
    let window_days = frame.length_days().max(1) as f64;
    let mut inputs = Vec::new();
    let mut who = Vec::new();
    for (k, (c, s)) in clients.iter().zip(seg.iter()).enumerate() {
        let (Some(_), Some(v)) = (s.abc, s.abcdx) else {
            continue;
        };
        // Periods and periods with a purchase do not depend on the XYZ method: the
        // clients' XYZ of the same window has them already.
        let r = s.xyz.unwrap_or_else(|| xyz::classify(&c.days, &c.extras, frame, &regular));
        let first = sums.clients[k].first_purchase.unwrap_or(frame.as_of);
        let tenure = ((frame.as_of - first).num_days() as f64 / window_days).min(1.0);
        let recency = 1.0 - (v.days_since as f64 / v.threshold_days.max(1.0)).min(1.0);
        inputs.push(quadrants::Input {
            id: &c.id,
            regularity: super::ratio(f64::from(r.active_periods), f64::from(r.periods)),
            tenure,
            recency,
            nps: c.profile.latest_nps(frame.from, frame.as_of).map(|s| f64::from(s) / 10.0),
            profit: profit[k],
        });
        who.push(k);
    }
    let out = quadrants::build(&inputs, opts.quadrant_percentiles, profit_measure);
    // By index, the rule `build` applied (a lookup by id cost a string search a client).
    for (i, k) in inputs.iter().zip(&who) {
        let l = i.loyalty();
        seg[*k].loyalty = Some(l);
        seg[*k].quadrant = Some(quadrants::quadrant_of(l, i.profit.to_f64(), out.loyalty_split, out.profit_split));
    }
    out
}

/// A client's purchases in the window and its last purchase day there: what RFM
/// reads of its days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InWindow {
    pub purchases: i64,
    pub last: Option<NaiveDate>,
}

impl InWindow {
    pub fn of(c: &Client, frame: &Frame) -> InWindow {
        let days = frame.days(&c.days);
        InWindow {
            purchases: days.iter().map(|d| i64::from(d.purchases)).sum(),
            last: days.iter().rev().find(|d| d.purchases > 0).map(|d| d.day),
        }
    }
}

/// RFM scores; `window[k]` is client k's [`InWindow`], `window_rev[k]` its revenue there.
pub fn rfm_scores(
    clients: &[Client],
    seg: &mut [ClientSeg],
    frame: &Frame,
    opts: &SegmentOptions,
    window_rev: &[Money],
    window: &[InWindow],
) -> RfmOut {
    let mut inputs = Vec::new();
    let mut who = Vec::new();
    for (k, (c, w)) in clients.iter().zip(window).enumerate() {
        let Some(last) = w.last else {
            continue;
        };
        inputs.push(rfm::Input {
            id: &c.id,
            days_since: (frame.as_of - last).num_days(),
            purchases: w.purchases,
            revenue: window_rev[k],
        });
        who.push(k);
    }
    let scores = rfm::score(&inputs, opts.rfm_recency_days, opts.rfm_frequency);
    for (s, k) in scores.iter().zip(&who) {
        seg[*k].rfm = Some(*s);
    }
    rfm::summarize(&inputs, &scores, opts.rfm_recency_days, opts.rfm_frequency)
}

pub fn nps_by_segment(clients: &[Client], seg: &mut [ClientSeg], frame: &Frame) -> Option<NpsOut> {
    let mut respondents = Vec::new();
    for (c, s) in clients.iter().zip(seg.iter_mut()) {
        let Some(score) = c.profile.latest_nps(frame.from, frame.as_of) else {
            continue;
        };
        s.nps = Some(score);
        let mut segments: Vec<(&'static str, String)> = Vec::new();
        if let Some(a) = s.abc {
            segments.push(("abc", code::text_of(&a)));
            if let Some(x) = s.xyz {
                segments.push(("matrix", format!("{}{}", code::of(&a), code::of(&x.class))));
            }
        }
        if let Some(v) = s.abcdx {
            segments.push(("abcdx", code::text_of(&v.group)));
        }
        if let Some(q) = s.quadrant {
            segments.push(("quadrant", code::text_of(&q)));
        }
        if let Some(r) = s.rfm {
            segments.push(("rfm", r.segment.key().to_string()));
        }
        if let Some(m) = c.profile.manager.get() {
            segments.push(("manager", m.to_string()));
        }
        respondents.push(Respondent { score, segments });
    }
    let answers = clients.iter().flat_map(|c| c.profile.nps.iter().filter(|a| frame.contains(a.day)));
    nps::build(answers, &respondents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_the_file_lacks_fall_back_to_revenue() {
        let none = Totals::default();
        let both = Totals { margin_rows: 1, quantity_rows: 1, ..Totals::default() };
        let cases = [
            (Measure::Margin, &none, Measure::Revenue),
            (Measure::Quantity, &none, Measure::Revenue),
            (Measure::Purchases, &none, Measure::Purchases),
            (Measure::Margin, &both, Measure::Margin),
            (Measure::Quantity, &both, Measure::Quantity),
        ];
        for (asked, totals, got) in cases {
            assert_eq!(applied(asked, totals), got, "{asked:?}");
        }
    }
}
