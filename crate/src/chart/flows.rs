//! Transitions as flows: the states before on the left, after on the right, and a
//! band per move as wide as the number of clients who made it.

use super::canvas::{self as c, Txt, H, V};
use super::fmt;
use super::heatmap::Transitions;
use crate::lang::Lang;
use plotters::style::RGBColor;

pub fn title(lang: Lang) -> String {
    lang.t("chart.howClientsMovedBetweenCells").into()
}

/// A state's colour: its ABC letter, or new / gone.
fn colour(key: &str) -> RGBColor {
    match key.chars().next() {
        _ if key == "new" => c::SKY,
        _ if key == "gone" => c::VERMILLION,
        Some('A') => c::group_colour(0),
        Some('B') => c::group_colour(1),
        Some('C') => c::group_colour(2),
        _ => c::PURPLE,
    }
}

fn name(key: &str, lang: Lang) -> String {
    match key {
        "new" => lang.t("transNew").into(),
        "gone" => lang.t("transGone").into(),
        _ => c::label(key, 14),
    }
}

const TOP: f64 = 60.0;
const BOTTOM: f64 = 400.0;
const GAP: f64 = 6.0;
const BAR: i32 = 12;

/// The two columns of nodes, at the same share of the canvas in either layout
/// (220 and 500 of 720 px), their labels outside them; moved in where the widest
/// label on a side would not fit beside its column (a phone's larger text, a long
/// "left the window 1 234").
fn columns(left_labels: &[String], right_labels: &[String]) -> (i32, i32) {
    let w = c::w() as i32;
    let widest = |v: &[String]| v.iter().map(|s| c::text_width(s, 13.0)).max().unwrap_or(0);
    let left = (w * 220 / 720).max(widest(left_labels) + 8 + 6);
    let right = (w * 500 / 720).min(w - widest(right_labels) - 8 - 6 - BAR);
    (left, right.max(left + BAR + 40))
}

/// Least distance between the middles of two node labels (13 px text, larger on
/// a phone).
fn label_gap() -> i32 {
    (15.0 * c::text_scale()).round() as i32
}

/// Moves label middles apart, in order, so no two are closer than `gap`: each is
/// pushed down below the one above; if that runs past `last`, the run is pushed
/// back up from the bottom. Eleven labels need 150 px of the 340 drawn, so both fit.
fn spread(mids: &mut [i32], gap: i32, last: i32) {
    for k in 1..mids.len() {
        mids[k] = mids[k].max(mids[k - 1] + gap);
    }
    let mut limit = last;
    for m in mids.iter_mut().rev() {
        *m = (*m).min(limit);
        limit = *m - gap;
    }
}

/// Top and height of each node on one side, from their totals.
fn stack(totals: &[u64], unit: f64) -> Vec<(f64, f64)> {
    let mut y = TOP;
    totals
        .iter()
        .map(|t| {
            let h = *t as f64 * unit;
            let at = (y, h);
            if *t > 0 {
                y += h + GAP;
            }
            at
        })
        .collect()
}

/// A point on the cubic curve from `a` to `b` with horizontal tangents.
fn bezier(a: (f64, f64), b: (f64, f64), t: f64) -> c::Pt {
    let mx = (a.0 + b.0) / 2.0;
    let u = 1.0 - t;
    let x = u * u * u * a.0 + 3.0 * u * u * t * mx + 3.0 * u * t * t * mx + t * t * t * b.0;
    let y = u * u * u * a.1 + 3.0 * u * u * t * a.1 + 3.0 * u * t * t * b.1 + t * t * t * b.1;
    (x.round() as i32, y.round() as i32)
}

pub fn svg(t: &Transitions, lang: Lang) -> String {
    svg_titled(t, &title(lang), lang)
}

/// The same drawing under another title (the report names the dates compared).
pub fn svg_titled(t: &Transitions, title: &str, lang: Lang) -> String {
    let out: Vec<u64> = t.counts.iter().map(|r| r.iter().sum()).collect();
    let inn: Vec<u64> =
        (0..t.cols.len()).map(|j| t.counts.iter().map(|r| r.get(j).copied().unwrap_or(0)).sum()).collect();
    let total: u64 = out.iter().sum();
    let nodes = out.iter().filter(|n| **n > 0).count().max(inn.iter().filter(|n| **n > 0).count());
    let usable = BOTTOM - TOP - GAP * nodes.saturating_sub(1) as f64;
    let unit = if total > 0 { usable / total as f64 } else { 0.0 };
    let left = stack(&out, unit);
    let right = stack(&inn, unit);
    let label = |keys: &[String], totals: &[u64]| -> Vec<String> {
        (0..keys.len().min(totals.len()))
            .filter(|&k| totals[k] > 0)
            .map(|k| format!("{} {}", name(&keys[k], lang), fmt::int(totals[k], lang)))
            .collect()
    };
    let (left_x, right_x) = columns(&label(&t.rows, &out), &label(&t.cols, &inn));
    c::render(c::w(), c::H + 20, title, |a| {
        let cap = Txt::new(13.0, c::MUTED).at(H::Center, V::Center);
        c::text(a, lang.t("cols2.before"), (left_x + BAR / 2, 44), &cap)?;
        c::text(a, lang.t("chart.after"), (right_x + BAR / 2, 44), &cap)?;
        if total == 0 {
            let none = lang.t("chart.noMoves");
            return c::text(a, none, (c::w() as i32 / 2, 200), &cap);
        }
        // Bands first, so the node bars sit on top of their ends.
        let mut from_used = vec![0.0; t.rows.len()];
        let mut to_used = vec![0.0; t.cols.len()];
        for (i, row) in t.counts.iter().enumerate() {
            for (j, n) in row.iter().enumerate() {
                if *n == 0 || j >= t.cols.len() {
                    continue;
                }
                let h = *n as f64 * unit;
                let y0 = left[i].0 + from_used[i];
                let y1 = right[j].0 + to_used[j];
                from_used[i] += h;
                to_used[j] += h;
                let (x0, x1) = ((left_x + BAR) as f64, right_x as f64);
                let mut pts: Vec<c::Pt> = (0..=16).map(|k| bezier((x0, y0), (x1, y1), k as f64 / 16.0)).collect();
                let h = h.max(1.0);
                pts.extend((0..=16).rev().map(|k| bezier((x0, y0 + h), (x1, y1 + h), k as f64 / 16.0)));
                c::polygon(a, pts, colour(&t.rows[i]), 0.45)?;
            }
        }
        let label = Txt::new(13.0, c::INK);
        for (side, keys, totals, at) in [(0, &t.rows, &out, &left), (1, &t.cols, &inn, &right)] {
            let shown: Vec<usize> = (0..keys.len().min(totals.len())).filter(|&k| totals[k] > 0).collect();
            let spans: Vec<(i32, i32)> =
                shown.iter().map(|&k| (at[k].0.round() as i32, (at[k].0 + at[k].1.max(1.0)).round() as i32)).collect();
            let mut mids: Vec<i32> = spans.iter().map(|(top, bot)| (top + bot) / 2).collect();
            spread(&mut mids, label_gap(), BOTTOM as i32 + 8);
            for ((&k, &(top, bot)), mid) in shown.iter().zip(&spans).zip(mids) {
                let (key, n) = (&keys[k], totals[k]);
                let x = if side == 0 { left_x } else { right_x };
                c::rect(a, (x, top), (x + BAR, bot), colour(key))?;
                let s = format!("{} {}", name(key, lang), fmt::int(n, lang));
                if side == 0 {
                    c::text(a, &s, (x - 8, mid), &Txt { h: H::Right, ..label })?;
                } else {
                    c::text(a, &s, (x + BAR + 8, mid), &label)?;
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod label_tests {
    use super::spread;

    #[test]
    fn labels_keep_their_place_when_apart_and_fan_out_when_crowded() {
        let mut apart = [100, 130, 200];
        spread(&mut apart, 15, 400);
        assert_eq!(apart, [100, 130, 200]);
        // AY, AZ and BX of the demo: 2 px apart becomes 15.
        let mut crowded = [100, 102, 104, 300];
        spread(&mut crowded, 15, 400);
        assert_eq!(crowded, [100, 115, 130, 300]);
        // Thin nodes at the bottom: pushed back up so the last stays on the chart.
        let mut bottom = [300, 395, 396, 397, 398];
        spread(&mut bottom, 15, 408);
        assert_eq!(bottom, [300, 363, 378, 393, 408]);
    }
}
