//! Heatmaps: a grid of cells shaded on the viridis scale with the figure printed
//! in each. One drawing ([`grid`]) serves the ABC-XYZ matrix, the transition
//! matrix between two periods and the cohort retention table.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use crate::lang::Lang;

/// A grid ready to draw. Rows and columns are labels; each cell has a shade
/// (0..1, `None` leaves it empty), a main figure and an optional second line.
pub struct Grid {
    pub title: String,
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub row_caption: String,
    pub col_caption: String,
    pub shade: Vec<Vec<Option<f64>>>,
    pub main: Vec<Vec<String>>,
    pub sub: Vec<Vec<String>>,
    /// What the colour means, under the grid.
    pub note: String,
}

/// The ABC-XYZ matrix: rows A, B, C; columns X, Y, Z.
pub struct AbcXyz {
    pub counts: [[u64; 3]; 3],
    pub revenue_share: [[f64; 3]; 3],
}

/// Clients moving between states from one period to the next. Rows are the
/// states before (`"new"` for clients who were not there), columns the states
/// after (`"gone"` for clients who left); `counts[row][col]`.
pub struct Transitions {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub counts: Vec<Vec<u64>>,
}

/// Cohort retention: one row per cohort (the period of the first purchase), one
/// column per period since; `retention[row][k]` is the share of the cohort that
/// bought in period k, `None` where that period is still to come.
pub struct Cohorts {
    pub cohorts: Vec<String>,
    pub sizes: Vec<u64>,
    pub retention: Vec<Vec<Option<f64>>>,
    /// Clients behind each share (same shape); empty to print shares only.
    pub active: Vec<Vec<u64>>,
}

/// Columns up to which a cohort cell has room for the count under the share.
const COHORT_COUNTS_UP_TO: usize = 14;

pub fn abc_xyz_title(lang: Lang) -> String {
    lang.t("chart.abcXyzMatrix").to_string()
}

pub fn abc_xyz(m: &AbcXyz, lang: Lang) -> String {
    let max = m.revenue_share.iter().flatten().fold(0.0f64, |a, b| a.max(*b));
    let g = Grid {
        title: abc_xyz_title(lang),
        rows: ["A", "B", "C"].map(String::from).to_vec(),
        cols: ["X", "Y", "Z"].map(String::from).to_vec(),
        row_caption: lang.t("chart.abcShareOfRevenue").into(),
        col_caption: lang.t("chart.xyzRegularity").into(),
        shade: m.revenue_share.iter().map(|r| r.iter().map(|s| Some(ratio(*s, max))).collect()).collect(),
        main: m.counts.iter().map(|r| r.iter().map(|n| fmt::int(*n, lang)).collect()).collect(),
        sub: m.revenue_share.iter().map(|r| r.iter().map(|s| fmt::share(*s, lang)).collect()).collect(),
        note: lang.t("chart.inEachCellClientsAnd").into(),
    };
    grid(&g)
}

pub fn transitions_title(lang: Lang) -> String {
    lang.t("chart.movesBetweenMatrixCells").into()
}

fn state(s: &str, lang: Lang) -> String {
    match s {
        "new" => lang.t("transNew").into(),
        "gone" => lang.t("transGone").into(),
        _ => s.into(),
    }
}

pub fn transitions(t: &Transitions, lang: Lang) -> String {
    transitions_titled(t, transitions_title(lang), lang)
}

/// The same grid under another title (the report names the dates compared).
pub fn transitions_titled(t: &Transitions, title: String, lang: Lang) -> String {
    let max = t.counts.iter().flatten().copied().max().unwrap_or(0) as f64;
    let g = Grid {
        title,
        rows: t.rows.iter().map(|s| state(s, lang)).collect(),
        cols: t.cols.iter().map(|s| state(s, lang)).collect(),
        row_caption: lang.t("cols2.before").into(),
        col_caption: lang.t("chart.after").into(),
        shade: t.counts.iter().map(|r| r.iter().map(|n| Some(ratio(*n as f64, max))).collect()).collect(),
        main: t.counts.iter().map(|r| r.iter().map(|n| fmt::int(*n, lang)).collect()).collect(),
        sub: Vec::new(),
        note: lang.t("chart.clientsColourCount").into(),
    };
    grid(&g)
}

pub fn cohorts_title(lang: Lang) -> String {
    lang.t("chart.cohortRetention").into()
}

pub fn cohorts(k: &Cohorts, lang: Lang) -> String {
    let width = k.retention.iter().map(Vec::len).max().unwrap_or(0);
    let g = Grid {
        title: cohorts_title(lang),
        rows: k
            .cohorts
            .iter()
            .zip(k.sizes.iter().chain(std::iter::repeat(&0)))
            .map(|(name, n)| format!("{} ({})", c::label(name, 12), fmt::int(*n, lang)))
            .collect(),
        cols: (0..width).map(|i| i.to_string()).collect(),
        row_caption: lang.t("chart.cohortClients").into(),
        col_caption: lang.t("chart.periodsSinceTheFirstPurchase").into(),
        shade: k.retention.iter().map(|r| r.iter().map(|s| s.map(|v| v.clamp(0.0, 1.0))).collect()).collect(),
        main: k
            .retention
            .iter()
            .map(|r| r.iter().map(|s| s.map(|v| fmt::share(v, lang)).unwrap_or_default()).collect())
            .collect(),
        sub: if width <= COHORT_COUNTS_UP_TO {
            k.active.iter().map(|r| r.iter().map(|n| fmt::int(*n, lang)).collect()).collect()
        } else {
            Vec::new()
        },
        note: lang.t("chart.shareOfTheCohortBuying").into(),
    };
    grid(&g)
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Cell size and label room, from the number of rows and columns.
struct Layout {
    left: i32,
    top: i32,
    cw: i32,
    ch: i32,
    px: f64,
}

fn layout(g: &Grid) -> Layout {
    let label_w = g.rows.iter().map(|r| c::text_width(r, 13.0)).max().unwrap_or(0).clamp(24, 180);
    let left = 46 + label_w;
    let cols = g.cols.len().max(1) as i32;
    let cw = ((c::w() as i32 - left - 24) / cols).clamp(28, 120);
    let ch = if g.sub.is_empty() { cw.min(40) } else { cw.min(64) }.max(24);
    let px: f64 = if cw < 44 {
        10.0
    } else if cw < 64 {
        12.0
    } else {
        15.0
    };
    // The figures must fit their cell: on a phone's larger text ("13 %" in a 28 px
    // cell) the size comes down to what fits.
    let widest = g.main.iter().flatten().map(|s| s.chars().count()).max().unwrap_or(1).max(1);
    let px = px.min(fit(widest, cw));
    Layout { left, top: 90, cw, ch, px }
}

/// The largest text size (before the layout's text scale) at which `chars`
/// characters fit a cell `cw` wide with a little margin.
fn fit(chars: usize, cw: i32) -> f64 {
    (f64::from(cw - 6) / (chars as f64 * 0.6 * c::text_scale())).max(7.0)
}

pub fn grid(g: &Grid) -> String {
    let l = layout(g);
    let rows = g.rows.len() as i32;
    let cols = g.cols.len() as i32;
    let bottom = l.top + rows * l.ch;
    let height = (bottom + 56) as u32;
    // Many columns at the narrowest cell: the drawing widens rather than clip.
    let width = (l.left + cols * l.cw + 24).max(c::w() as i32) as u32;
    c::render(width, height, &g.title, |a| {
        c::title(a, &g.title)?;
        let cap = Txt::new(13.0, c::INK);
        let mid_x = l.left + cols * l.cw / 2;
        c::text(a, &g.col_caption, (mid_x, 46), &Txt { h: H::Center, ..cap })?;
        c::text(a, &g.row_caption, (18, (l.top + bottom) / 2), &Txt { h: H::Center, vertical: true, ..cap })?;
        let head = Txt::new(13.0, c::INK).bold();
        for (j, name) in g.cols.iter().enumerate() {
            let x = l.left + j as i32 * l.cw + l.cw / 2;
            c::text(a, &c::label(name, 12), (x, l.top - 12), &Txt { h: H::Center, ..head })?;
        }
        for (i, name) in g.rows.iter().enumerate() {
            let y0 = l.top + i as i32 * l.ch;
            c::text(a, &c::label(name, 24), (l.left - 10, y0 + l.ch / 2), &Txt { h: H::Right, ..head })?;
            for j in 0..g.cols.len() {
                let x0 = l.left + j as i32 * l.cw;
                let Some(t) = g.shade.get(i).and_then(|r| r.get(j)).copied().flatten() else {
                    continue;
                };
                c::rect(a, (x0 + 1, y0 + 1), (x0 + l.cw - 1, y0 + l.ch - 1), c::sequential(t))?;
                let ink = c::on_sequential(t);
                let main = g.main.get(i).and_then(|r| r.get(j)).map(String::as_str).unwrap_or("");
                let sub = g.sub.get(i).and_then(|r| r.get(j)).map(String::as_str);
                let cx = x0 + l.cw / 2;
                let cy = y0 + l.ch / 2;
                let main_y = if sub.is_some() { cy - 9 } else { cy };
                c::text(a, main, (cx, main_y), &Txt::new(l.px, ink).at(H::Center, V::Center).bold())?;
                if let Some(sub) = sub {
                    let px = 12f64.min(fit(sub.chars().count().max(1), l.cw));
                    c::text(a, sub, (cx, cy + 12), &Txt::new(px, ink).at(H::Center, V::Center))?;
                }
            }
        }
        // A ramp for the scale, then the note.
        let ramp_y = bottom + 24;
        for k in 0..10 {
            let x = l.left + k * 14;
            c::rect(a, (x, ramp_y - 6), (x + 14, ramp_y + 6), c::sequential(k as f64 / 9.0))?;
        }
        c::text(a, &g.note, (l.left + 152, ramp_y), &Txt::new(12.0, c::MUTED))
    })
}
