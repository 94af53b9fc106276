//! Runs every segmentation over the ledger's histories, in dependency order:
//! ABC and XYZ per dimension -> matrix -> ABCDX -> concentration -> quadrants ->
//! RFM -> NPS (which reads the segments of the others).

use super::abc::{self, AbcOut, Class};
use super::abcdx::{self, AbcdxOut, Verdict};
use super::concentration::{self, ConcentrationOut};
use super::matrix::{self, MatrixOut};
use super::nps::{self, NpsOut, Respondent};
use super::options::{SegmentOptions, XyzMethod};
use super::quadrants::{self, Quadrant, QuadrantsOut};
use super::rfm::{self, RfmOut, Score};
use super::xyz::{self, XyzOut};
use super::{Dimension, Frame, Measure};
use crate::code;
use crate::ledger::{Client, Histories, Series, Totals};
use crate::money::Money;
use std::collections::BTreeMap;

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

pub struct Segments {
    pub abc: AbcOut,
    pub abc_by: BTreeMap<String, AbcOut>,
    pub xyz: XyzOut,
    pub matrix: MatrixOut,
    pub abcdx: AbcdxOut,
    pub concentration: ConcentrationOut,
    pub quadrants: QuadrantsOut,
    pub nps: Option<NpsOut>,
    pub rfm: RfmOut,
    /// Same order as the ledger's clients.
    pub clients: Vec<ClientSeg>,
}

/// The measure a file can support: margin and quantity fall back to revenue when
/// no row carries them.
pub fn applied(m: Measure, t: &Totals) -> Measure {
    match m {
        Measure::Margin if t.margin_rows == 0 => Measure::Revenue,
        Measure::Quantity if t.quantity_rows == 0 => Measure::Revenue,
        m => m,
    }
}

struct Table {
    out: AbcOut,
    classes: Vec<Option<Class>>,
    xyz: Vec<Option<xyz::Result>>,
}

fn table<S: Series>(
    dim: Dimension,
    entities: &[S],
    frame: &Frame,
    opts: &SegmentOptions,
    bounds: ([f64; 2], [i64; 2]),
    totals: &Totals,
) -> Table {
    let measure = applied(opts.abc_measure, totals);
    let (classes, values) = abc::rank(entities, frame, measure, bounds.1);
    let method = opts.xyz_method.get(dim);
    let thresholds = match method {
        XyzMethod::Frequency => opts.xyz_frequency,
        XyzMethod::Variation => opts.xyz_variation,
    };
    let params = xyz::Params::new(method, thresholds, opts.xyz_min_periods, measure);
    let xyz: Vec<Option<xyz::Result>> =
        entities.iter().zip(&classes).map(|(e, c)| c.map(|_| xyz::classify(e.days(), frame, &params))).collect();
    let ranked: Vec<(Money, Class)> = values.iter().zip(&classes).filter_map(|(v, c)| c.map(|c| (*v, c))).collect();
    let (rv, rc): (Vec<Money>, Vec<Class>) = ranked.into_iter().unzip();
    let periods = (frame.last - frame.first + 1).max(1) as u32;
    let summary = xyz::summarize(&xyz, &values, (method, measure, thresholds, opts.xyz_min_periods, periods));
    let items = if dim == Dimension::Client { Vec::new() } else { abc::items(entities, &classes, &values, &xyz) };
    let out = AbcOut {
        dimension: dim,
        measure,
        requested_measure: opts.abc_measure,
        thresholds: bounds.0,
        window_start: frame.from,
        window_end: frame.as_of,
        groups: abc::summarize(&rv, &rc),
        inactive: classes.iter().filter(|c| c.is_none()).count(),
        items,
        xyz: summary,
    };
    Table { out, classes, xyz }
}

pub fn run(h: &Histories, frame: &Frame, thresholds: [f64; 2], bounds_bp: [i64; 2], opts: &SegmentOptions) -> Segments {
    let t = &h.totals;
    let bounds = (thresholds, bounds_bp);
    let clients = &h.clients;
    let ct = table(Dimension::Client, clients, frame, opts, bounds, t);
    let mut others: BTreeMap<String, AbcOut> = BTreeMap::new();
    for (dim, items) in
        [(Dimension::Product, &h.products), (Dimension::Manager, &h.managers), (Dimension::Branch, &h.branches)]
    {
        if !items.is_empty() {
            others.insert(dim.key().to_string(), table(dim, items, frame, opts, bounds, t).out);
        }
    }
    let xyz_out = ct.out.xyz.clone();
    let (abc, abc_by) = match others.remove(opts.abc_dimension.key()) {
        Some(chosen) => {
            others.insert(Dimension::Client.key().to_string(), ct.out.clone());
            (chosen, others)
        }
        None => (ct.out.clone(), others),
    };

    let window_rev: Vec<Money> = clients.iter().map(|c| Measure::Revenue.sum(frame.days(&c.days))).collect();
    let mut seg: Vec<ClientSeg> =
        ct.classes.iter().zip(&ct.xyz).map(|(a, x)| ClientSeg { abc: *a, xyz: *x, ..ClientSeg::default() }).collect();

    let members: Vec<matrix::Member> = clients
        .iter()
        .zip(&seg)
        .zip(&window_rev)
        .filter_map(|((c, s), r)| Some(matrix::Member { id: &c.id, revenue: *r, abc: s.abc?, xyz: s.xyz?.class }))
        .collect();
    let matrix_out = matrix::build(&members);

    let dx_measure = applied(opts.abcdx_measure, t);
    let dx_opts = SegmentOptions { abcdx_measure: dx_measure, ..opts.clone() };
    let (dx_classes, dx_values) = abc::rank(clients, frame, dx_measure, bounds_bp);
    let verdicts = abcdx::classify(clients, &dx_classes, &dx_values, frame, &dx_opts, abcdx::x_rule(t));
    let abcdx_out = abcdx::summarize(clients, &verdicts, frame, &dx_opts, t);
    for (s, v) in seg.iter_mut().zip(&verdicts) {
        s.abcdx = *v;
    }

    let active: Vec<(&str, Money)> = clients
        .iter()
        .zip(&seg)
        .zip(&window_rev)
        .filter(|((_, s), _)| s.abc.is_some())
        .map(|((c, _), r)| (c.id.as_str(), *r))
        .collect();
    let concentration_out = concentration::build(&active, (opts.risk_largest_pct, opts.risk_top5_pct));

    let quadrants_out = loyalty(clients, &mut seg, frame, opts, t);
    let rfm_out = rfm_scores(clients, &mut seg, frame, opts, &window_rev);
    let nps_out = nps_by_segment(clients, &mut seg, frame);

    Segments {
        abc,
        abc_by,
        xyz: xyz_out,
        matrix: matrix_out,
        abcdx: abcdx_out,
        concentration: concentration_out,
        quadrants: quadrants_out,
        nps: nps_out,
        rfm: rfm_out,
        clients: seg,
    }
}

fn loyalty(
    clients: &[Client],
    seg: &mut [ClientSeg],
    frame: &Frame,
    opts: &SegmentOptions,
    t: &Totals,
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
        let r = xyz::classify(&c.days, frame, &regular);
        let first = c.days.iter().find(|d| d.purchases > 0).map_or(frame.as_of, |d| d.day);
        let tenure = ((frame.as_of - first).num_days() as f64 / window_days).min(1.0);
        let recency = 1.0 - (v.days_since as f64 / v.threshold_days.max(1.0)).min(1.0);
        inputs.push(quadrants::Input {
            id: &c.id,
            regularity: super::ratio(f64::from(r.active_periods), f64::from(r.periods)),
            tenure,
            recency,
            nps: c.profile.latest_nps(frame.from, frame.as_of).map(|s| f64::from(s) / 10.0),
            profit: profit_measure.sum(frame.days(&c.days)),
        });
        who.push(k);
    }
    for (i, k) in inputs.iter().zip(&who) {
        seg[*k].loyalty = Some(i.loyalty());
    }
    let out = quadrants::build(&inputs, opts.quadrant_percentiles, profit_measure);
    let by_id: BTreeMap<&str, Quadrant> = out.points.iter().map(|p| (p.id.as_str(), p.quadrant)).collect();
    for k in who {
        seg[k].quadrant = by_id.get(clients[k].id.as_str()).copied();
    }
    out
}

fn rfm_scores(
    clients: &[Client],
    seg: &mut [ClientSeg],
    frame: &Frame,
    opts: &SegmentOptions,
    window_rev: &[Money],
) -> RfmOut {
    let mut inputs = Vec::new();
    let mut who = Vec::new();
    for (k, c) in clients.iter().enumerate() {
        let days = frame.days(&c.days);
        let purchases: i64 = days.iter().map(|d| i64::from(d.purchases)).sum();
        let Some(last) = days.iter().rev().find(|d| d.purchases > 0) else {
            continue;
        };
        inputs.push(rfm::Input {
            id: &c.id,
            days_since: (frame.as_of - last.day).num_days(),
            purchases,
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

fn nps_by_segment(clients: &[Client], seg: &mut [ClientSeg], frame: &Frame) -> Option<NpsOut> {
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

    #[test]
    fn an_empty_ledger_gives_empty_analyses() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let frame = Frame::new(day, day, crate::period::Grain::Month, 12);
        let s = run(&Histories::default(), &frame, [80.0, 95.0], [8000, 9500], &SegmentOptions::default());
        assert!(s.clients.is_empty() && s.abc_by.is_empty() && s.nps.is_none());
        assert_eq!(s.matrix.clients, 0);
        assert_eq!(s.rfm.clients, 0);
        assert!(s.quadrants.points.is_empty());
        assert_eq!(s.concentration.gini, 0.0);
    }
}
