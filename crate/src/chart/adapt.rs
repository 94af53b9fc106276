//! From the Report to chart inputs: the only place that knows both.

use super::heatmap::{self, AbcXyz};
use super::pareto::{self, Pareto};
use super::scatter::{self, Dot, Scatter};
use super::Chart;
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use crate::segment::quadrants::Quadrant;

/// Marks on the scatter at most: an SVG of 100 000 circles is megabytes and
/// unreadable. Half go to the largest clients by |profit|, the rest are spread
/// evenly over the others.
pub const MAX_SCATTER_POINTS: usize = 2000;

/// Every chart the Report can feed today, in the order the report shows them.
pub fn from_report(r: &Report, lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    let c = &r.concentration;
    if c.curve.len() >= 2 {
        let top20 = (c.clients > 0).then(|| [c.top20_clients as f64 / c.clients as f64, c.top20_share]);
        let p = Pareto { curve: c.curve.clone(), top20, gini: c.gini };
        out.push(Chart { name: "pareto", title: pareto::title(lang), svg: pareto::svg(&p, lang) });
    }
    if r.matrix.cells.len() == 9 {
        let mut m = AbcXyz { counts: [[0; 3]; 3], revenue_share: [[0.0; 3]; 3] };
        for (k, cell) in r.matrix.cells.iter().enumerate() {
            m.counts[k / 3][k % 3] = cell.count as u64;
            m.revenue_share[k / 3][k % 3] = cell.revenue_share;
        }
        out.push(Chart { name: "abc-xyz", title: heatmap::abc_xyz_title(lang), svg: heatmap::abc_xyz(&m, lang) });
    }
    let s = scatter_input(r);
    if !s.dots.is_empty() {
        out.push(Chart { name: "quadrants", title: scatter::title(lang), svg: scatter::svg(&s, lang) });
    }
    out
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
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].abs().total_cmp(&values[a].abs()).then(a.cmp(&b)));
    let top = max / 2;
    let rest = &order[top..];
    let picks = max - top;
    let mut keep: Vec<usize> = order[..top].to_vec();
    keep.extend((0..picks).map(|k| rest[k * rest.len() / picks]));
    keep.sort_unstable();
    keep
}
