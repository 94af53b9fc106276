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
    /// A second, smaller line under each row label (empty for none).
    pub row_sub: Vec<String>,
    /// Laid out for a phone: both captions above the grid with arrows (no turned
    /// caption taking a column of its own), the note in lines under the scale.
    pub stacked: bool,
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
        row_sub: Vec::new(),
        stacked: false,
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
        row_sub: Vec::new(),
        stacked: false,
    };
    grid(&g)
}

pub fn cohorts_title(lang: Lang) -> String {
    lang.t("chart.cohortRetention").into()
}

/// A cohort cell on a phone: wide enough for "100 %" at a size that reads at
/// 11 px once the drawing is scaled to the screen.
const PHONE_COHORT_CELL: i32 = 56;

pub fn cohorts(k: &Cohorts, lang: Lang) -> String {
    let all = k.retention.iter().map(Vec::len).max().unwrap_or(0);
    if c::is_narrow() {
        return phone_cohorts(k, all, lang);
    }
    let width = all;
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
        row_sub: Vec::new(),
        stacked: false,
    };
    grid(&g)
}

/// The cohort grid on a phone: the first periods since the first purchase, as
/// many as fit at a legible size (the note says which; the table under the chart
/// has them all), each cohort's size under its name, shares without counts.
fn phone_cohorts(k: &Cohorts, all: usize, lang: Lang) -> String {
    let rows: Vec<String> = k.cohorts.iter().map(|name| c::label(name, 12)).collect();
    let room = c::w() as i32 - STACKED_LEFT - label_width(&rows) - 24;
    let width = ((room / PHONE_COHORT_CELL).max(3) as usize).min(all);
    let mut note = lang.t("chart.shareOfTheCohortBuying").to_string();
    if width < all {
        let (last, max) = (width - 1, all - 1);
        note = format!("{note}. {}", lang.f("chart.cohortFirstPeriods", &[("last", &last), ("max", &max)]));
    }
    let g = Grid {
        title: cohorts_title(lang),
        rows,
        cols: (0..width).map(|i| i.to_string()).collect(),
        row_caption: lang.t("chart.cohortClients").into(),
        col_caption: lang.t("chart.periodsSinceTheFirstPurchase").into(),
        shade: k
            .retention
            .iter()
            .map(|r| r.iter().take(width).map(|s| s.map(|v| v.clamp(0.0, 1.0))).collect())
            .collect(),
        main: k
            .retention
            .iter()
            .map(|r| r.iter().take(width).map(|s| s.map(|v| fmt::share(v, lang)).unwrap_or_default()).collect())
            .collect(),
        sub: Vec::new(),
        note,
        row_sub: k.sizes.iter().map(|n| fmt::int(*n, lang)).collect(),
        stacked: true,
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

/// Room the row labels take: their estimated width at 13 px, within bounds.
fn label_width(rows: &[String]) -> i32 {
    rows.iter().map(|r| c::text_width(r, 13.0)).max().unwrap_or(0).clamp(24, 180)
}

/// Left of the row labels when the captions are stacked above the grid.
const STACKED_LEFT: i32 = 16;
/// How far the grid moves down for the stacked captions' second line.
const STACKED_DROP: i32 = 26;

fn layout(g: &Grid) -> Layout {
    let left = if g.stacked { STACKED_LEFT } else { 46 } + label_width(&g.rows);
    let cols = g.cols.len().max(1) as i32;
    let cw = ((c::w() as i32 - left - 24) / cols).clamp(28, 120);
    let ch = if g.sub.is_empty() { cw.min(40) } else { cw.min(64) }.max(24);
    let ch = if g.row_sub.is_empty() { ch } else { ch.max(40) };
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
    Layout { left, top: if g.stacked { 90 + STACKED_DROP } else { 90 }, cw, ch, px }
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
    // Many columns at the narrowest cell: the drawing widens rather than clip.
    let width = (l.left + cols * l.cw + 24).max(c::w() as i32) as u32;
    let note_px = 12.0;
    let note_h = (note_px * c::text_scale() * 1.3).round() as i32;
    let notes =
        if g.stacked { c::wrap(&g.note, note_px, width as i32 - 2 * STACKED_LEFT) } else { vec![g.note.clone()] };
    let height = if g.stacked { bottom + 44 + note_h * notes.len() as i32 } else { bottom + 56 } as u32;
    c::render(width, height, &g.title, |a| {
        let cap = Txt::new(13.0, c::INK);
        if g.stacked {
            // ↓ for the rows, → for the columns: what each caption names.
            c::text(a, &format!("↓ {}", g.row_caption), (STACKED_LEFT, 46), &cap)?;
            c::text(a, &format!("→ {}", g.col_caption), (STACKED_LEFT, 46 + STACKED_DROP), &cap)?;
        } else {
            let mid_x = l.left + cols * l.cw / 2;
            c::text(a, &g.col_caption, (mid_x, 46), &Txt { h: H::Center, ..cap })?;
            c::text(a, &g.row_caption, (18, (l.top + bottom) / 2), &Txt { h: H::Center, vertical: true, ..cap })?;
        }
        let head = Txt::new(13.0, c::INK).bold();
        for (j, name) in g.cols.iter().enumerate() {
            let x = l.left + j as i32 * l.cw + l.cw / 2;
            c::text(a, &c::label(name, 12), (x, l.top - 12), &Txt { h: H::Center, ..head })?;
        }
        for (i, name) in g.rows.iter().enumerate() {
            let y0 = l.top + i as i32 * l.ch;
            match g.row_sub.get(i) {
                Some(sub) => {
                    let at = |dy| (l.left - 10, y0 + l.ch / 2 + dy);
                    c::text(a, &c::label(name, 24), at(-9), &Txt { h: H::Right, ..head })?;
                    c::text(a, sub, at(9), &Txt { h: H::Right, ..Txt::new(12.0, c::MUTED) })?;
                }
                None => c::text(a, &c::label(name, 24), (l.left - 10, y0 + l.ch / 2), &Txt { h: H::Right, ..head })?,
            }
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
        // A ramp for the scale, then the note: beside it, or in lines under it.
        let ramp_y = bottom + 24;
        let ramp_x = if g.stacked { STACKED_LEFT } else { l.left };
        for k in 0..10 {
            let x = ramp_x + k * 14;
            c::rect(a, (x, ramp_y - 6), (x + 14, ramp_y + 6), c::sequential(k as f64 / 9.0))?;
        }
        let muted = Txt::new(note_px, c::MUTED);
        if !g.stacked {
            return c::text(a, &g.note, (l.left + 152, ramp_y), &muted);
        }
        for (k, line) in notes.iter().enumerate() {
            c::text(a, line, (STACKED_LEFT, ramp_y + 26 + k as i32 * note_h), &muted)?;
        }
        Ok(())
    })
}
