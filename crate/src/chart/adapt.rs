//! From the Report to chart inputs: the only place that knows both.

use super::bars::{self, PeriodBars};
use super::flows;
use super::gauge::{self, Leakage};
use super::heatmap::{self, AbcXyz, Cohorts, Transitions};
use super::pareto::{self, Pareto};
use super::pool::{self, Pool};
use super::scatter::{self, Dot, Scatter};
use super::Chart;
use crate::dynamics::transitions::TransitionsOut;
use crate::lang::Lang;
use crate::period::Grain;
use crate::report::{ClientOut, Report};
use crate::segment::quadrants::Quadrant;
use chrono::{Datelike, NaiveDate};

/// Marks on the scatter at most: an SVG of 100 000 circles is megabytes and
/// unreadable. Half go to the largest clients by |profit|, the rest are spread
/// evenly over the others.
pub const MAX_SCATTER_POINTS: usize = 2000;

/// Every chart the Report feeds, in the order the report shows them; a chart
/// whose data is empty (too short a history, nobody to count) is left out
/// rather than drawn as an empty frame.
pub fn from_report(r: &Report, lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    let c = &r.concentration;
    if c.curve.len() >= 2 {
        let top20 = (c.clients > 0).then(|| [c.top20_clients as f64 / c.clients as f64, c.top20_share]);
        let p = Pareto { curve: c.curve.clone(), top20, gini: c.gini };
        out.push(Chart { name: "pareto", title: pareto::title(lang), svg: pareto::svg(&p, lang), scroll: false });
    }
    if r.matrix.cells.len() == 9 {
        let mut m = AbcXyz { counts: [[0; 3]; 3], revenue_share: [[0.0; 3]; 3] };
        for (k, cell) in r.matrix.cells.iter().enumerate() {
            m.counts[k / 3][k % 3] = cell.count as u64;
            m.revenue_share[k / 3][k % 3] = cell.revenue_share;
        }
        out.push(Chart {
            name: "abc-xyz",
            title: heatmap::abc_xyz_title(lang),
            svg: heatmap::abc_xyz(&m, lang),
            scroll: false,
        });
    }
    let s = scatter_input(r);
    if !s.dots.is_empty() {
        out.push(Chart { name: "quadrants", title: scatter::title(lang), svg: scatter::svg(&s, lang), scroll: false });
    }
    out.extend(dynamics(r, lang));
    out.extend(forecast_check(r, lang));
    out
}

/// The same charts laid out for a phone's width ([`super::canvas::narrow`]): what
/// the page shows at 640 px and below, where the wide drawing would shrink its
/// text to half.
pub fn for_phone(r: &Report, lang: Lang) -> Vec<Chart> {
    super::canvas::narrow(|| from_report(r, lang))
}

/// The forecast check's tracking and calibration charts, the model in use first;
/// none without a check.
fn forecast_check(r: &Report, lang: Lang) -> Vec<Chart> {
    use super::holdout::{self as h, Line};
    let k = &r.btyd.holdout;
    let (Some(end), true) = (k.calibration_end, k.models.iter().any(|m| m.mae.is_some())) else { return Vec::new() };
    let mut models: Vec<&crate::btyd::holdout::ModelCheck> = k.models.iter().filter(|m| m.mae.is_some()).collect();
    crate::order::sort_by_key(&mut models, |m| m.model != k.chosen);
    let name = |m: crate::btyd::model::Model| lang.t(&format!("model.{}", crate::code::key(&m))).to_string();
    let mut acc = 0.0;
    let actual: Vec<f64> = k
        .actual_weekly
        .iter()
        .map(|w| {
            acc += *w as f64;
            acc
        })
        .collect();
    let tracking = h::Tracking {
        cutoff: crate::format::date(end, lang),
        actual,
        models: models.iter().map(|m| Line { name: name(m.model), values: m.predicted_cumulative.clone() }).collect(),
    };
    // A bin with no client is no observation: drawn as 0 it would read as "bought nothing".
    let last = k.bins.len().saturating_sub(1);
    let held: Vec<usize> = (0..k.bins.len()).filter(|&i| k.bins[i].clients > 0).collect();
    let calibration = h::Calibration {
        bins: held
            .iter()
            .map(|&i| {
                let b = &k.bins[i];
                if i == last {
                    format!("{}+", b.purchases)
                } else {
                    b.purchases.to_string()
                }
            })
            .collect(),
        actual: held.iter().map(|&i| k.bins[i].actual).collect(),
        models: models
            .iter()
            .map(|m| Line {
                name: name(m.model),
                values: held.iter().filter_map(|&i| m.predicted_by_bin.get(i).copied()).collect(),
            })
            .collect(),
    };
    vec![
        Chart {
            name: "holdout-tracking",
            title: h::tracking_title(lang),
            svg: h::tracking(&tracking, lang),
            scroll: false,
        },
        Chart {
            name: "holdout-calibration",
            title: h::calibration_title(lang),
            svg: h::calibration(&calibration, lang),
            scroll: false,
        },
    ]
}

/// The charts of dynamics and retention: pool, leakage, transitions, cohorts and
/// revenue by class.
fn dynamics(r: &Report, lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    let grain = r.settings.period;
    let p = &r.pool.periods;
    if p.iter().any(|x| x.new + x.returned + x.lost > 0) {
        let pool = Pool {
            periods: p.iter().map(|x| period_label(x.period_start, grain, lang)).collect(),
            new: p.iter().map(|x| x.new as u64).collect(),
            returned: p.iter().map(|x| x.returned as u64).collect(),
            lost: p.iter().map(|x| x.lost as u64).collect(),
        };
        out.push(Chart { name: "pool", title: pool::title(lang), svg: pool::svg(&pool, lang), scroll: false });
    }
    let l = &r.leakage;
    if let Some(rate) = l.rate {
        let g = Leakage { rate, norm: l.norm, lost: l.leaked as u64, base: l.base_clients as u64 };
        out.push(Chart { name: "leakage", title: gauge::title(lang), svg: gauge::svg(&g, lang), scroll: false });
    }
    // Period to period most clients stay and few bands cross: flows read well. A year
    // moves many more clients between more cells, where a sankey turns to spaghetti
    // and the 10 x 10 grid of counts stays legible.
    let t = &r.transitions.previous;
    if t.clients_before > 0 && !t.moves.is_empty() {
        // Dates as the page's tables write them (30.11.2025), not ISO.
        let (before, now) = (crate::format::date(t.before, lang), crate::format::date(t.now, lang));
        let title = format!("{}: {before} → {now}", flows::title(lang));
        out.push(Chart { name: "transitions", svg: flows::svg_titled(&moves(t), &title, lang), title, scroll: false });
    }
    let t = &r.transitions.year_ago;
    if t.clients_before > 0 && !t.moves.is_empty() {
        let (before, now) = (crate::format::date(t.before, lang), crate::format::date(t.now, lang));
        let title = format!("{}: {before} → {now}", heatmap::transitions_title(lang));
        // On a phone drawn wide all the same and read at its own size, scrolling
        // sideways: eleven columns of counts fit no legible cell in 340 px.
        out.push(Chart {
            name: "transitions-year",
            scroll: super::canvas::is_narrow(),
            svg: super::canvas::wide(|| heatmap::transitions_titled(&moves(t), title.clone(), lang)),
            title,
        });
    }
    let k = &r.cohorts.cohorts;
    if !k.is_empty() {
        let width = k.iter().map(|c| c.active.len()).max().unwrap_or(0);
        let input = Cohorts {
            cohorts: k.iter().map(|c| period_label(c.period_start, grain, lang)).collect(),
            sizes: k.iter().map(|c| c.clients as u64).collect(),
            retention: k.iter().map(|c| (0..width).map(|i| c.share.get(i).copied()).collect()).collect(),
            active: k.iter().map(|c| c.active.iter().map(|n| *n as u64).collect()).collect(),
        };
        // A phone gets the first periods at a legible size (heatmap::cohorts).
        let svg = heatmap::cohorts(&input, lang);
        out.push(Chart { name: "cohorts", title: heatmap::cohorts_title(lang), svg, scroll: false });
    }
    let v = &r.revenue_by_class.periods;
    if v.iter().any(|x| x.total.0 != 0) {
        let b = PeriodBars {
            periods: v.iter().map(|x| period_label(x.period_start, grain, lang)).collect(),
            groups: ["A", "B", "C"].map(String::from).to_vec(),
            values: vec![
                v.iter().map(|x| x.revenue.a.to_f64()).collect(),
                v.iter().map(|x| x.revenue.b.to_f64()).collect(),
                v.iter().map(|x| x.revenue.c.to_f64()).collect(),
            ],
        };
        out.push(Chart { name: "revenue-by-group", title: bars::title(lang), svg: bars::svg(&b, lang), scroll: false });
    }
    out
}

/// A period by its first day, as the tables write dates: the month (`03.2025`,
/// `3/2025`), `2025 Q1`, or the Monday of the week (`03.03.2025`, `3/3/2025`).
fn period_label(d: NaiveDate, g: Grain, lang: Lang) -> String {
    match g {
        Grain::Month => crate::format::month(d, lang),
        Grain::Quarter => format!("{} Q{}", d.year(), d.month0() / 3 + 1),
        Grain::Week => crate::format::date(d, lang),
    }
}

/// A transition matrix without its empty rows and columns: cells in AX..CZ order,
/// then "new" (rows) and "gone" (columns).
fn moves(t: &TransitionsOut) -> Transitions {
    let order = |k: &str, last: &str| {
        crate::dynamics::options::CELLS.iter().position(|c| *c == k).unwrap_or(if k == last { 9 } else { 10 })
    };
    let mut rows: Vec<&str> = t.moves.iter().map(|m| m.from.as_str()).collect();
    let mut cols: Vec<&str> = t.moves.iter().map(|m| m.to.as_str()).collect();
    crate::order::sort_by_key(&mut rows, |k| order(k, "new"));
    rows.dedup();
    crate::order::sort_by_key(&mut cols, |k| order(k, "gone"));
    cols.dedup();
    let mut counts = vec![vec![0u64; cols.len()]; rows.len()];
    for m in &t.moves {
        let (Some(i), Some(j)) = (rows.iter().position(|k| *k == m.from), cols.iter().position(|k| *k == m.to)) else {
            continue;
        };
        counts[i][j] += m.count as u64;
    }
    Transitions {
        rows: rows.into_iter().map(String::from).collect(),
        cols: cols.into_iter().map(String::from).collect(),
        counts,
    }
}

fn profit(c: &ClientOut) -> f64 {
    c.window_margin.unwrap_or(c.window_revenue).to_f64()
}

fn scatter_input(r: &Report) -> Scatter {
    let placed: Vec<(&ClientOut, f64, usize)> = r
        .clients
        .iter()
        .filter_map(|c| {
            let q = match c.quadrant? {
                Quadrant::I => 0,
                Quadrant::II => 1,
                Quadrant::III => 2,
                Quadrant::IV => 3,
            };
            Some((c, c.loyalty?, q))
        })
        .collect();
    let clients = placed.len();
    let keep = sample(&placed.iter().map(|(c, _, _)| profit(c)).collect::<Vec<_>>(), MAX_SCATTER_POINTS);
    let dots = keep
        .into_iter()
        .map(|i| Dot { loyalty: placed[i].1, profit: profit(placed[i].0), quadrant: placed[i].2 })
        .collect();
    Scatter {
        dots,
        loyalty_split: r.quadrants.loyalty_split,
        profit_split: r.quadrants.profit_split,
        margin: r.totals.margin.is_some(),
        clients,
    }
}

/// Indices of at most `max` values: the `max / 2` largest by magnitude (ties in
/// input order), then evenly spaced picks from the rest; ascending input order.
pub fn sample(values: &[f64], max: usize) -> Vec<usize> {
    if values.len() <= max {
        return (0..values.len()).collect();
    }
    let order =
        crate::order::stable_order(values.len(), &|a, b| values[b].abs().total_cmp(&values[a].abs()).then(a.cmp(&b)));
    let top = max / 2;
    let rest = &order[top..];
    let picks = max - top;
    let mut keep: Vec<usize> = order[..top].to_vec();
    keep.extend((0..picks).map(|k| rest[k * rest.len() / picks]));
    keep.sort_unstable();
    keep
}
