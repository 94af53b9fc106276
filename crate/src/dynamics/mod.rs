//! Dynamics: who is leaving. The current span against its base (the span before,
//! or a year earlier), per-client flags with their figures, the overdue ratio,
//! ABC-XYZ cells read period by period and the transitions between them, and the
//! list of leaving clients by money at stake (methodology section 6).

pub mod cells;
pub mod cohorts;
pub mod flags;
pub mod leaving;
pub mod options;
pub mod revenue;
pub mod spans;
pub mod transitions;

use crate::frame::Frame;
use crate::ledger::Histories;
use crate::money::Money;
use crate::report::ClientOut;
use crate::scope::Scope;
use crate::segment::abcdx::Verdict;
use crate::summaries::{Columns, Summaries};
use cells::Cell;
use chrono::NaiveDate;
use leaving::LeavingOut;
use options::{Compare, DynamicsOptions};
use spans::{shift, Spans};
use std::collections::BTreeMap;
use transitions::DynamicsTransitions;

pub use flags::FlagsOut;

/// Periods of matrix history the report keeps.
/// Periods of the matrix history (and of the pool and the cohorts beside it).
pub fn history_len(frame: &Frame) -> i32 {
    if frame.window == 0 {
        12
    } else {
        frame.window.min(24) as i32
    }
}

/// How many periods back each matrix dynamics reads is taken: the last
/// [`history_len`] periods, the previous one, a year ago and the base span's end.
pub fn lookbacks(frame: &Frame, o: &DynamicsOptions) -> Vec<i32> {
    let mut ks: Vec<i32> = (0..history_len(frame)).chain([1, year(frame), base_k(frame, o)]).collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}

fn year(frame: &Frame) -> i32 {
    spans::periods_per_year(frame.grain)
}

fn base_k(frame: &Frame, o: &DynamicsOptions) -> i32 {
    match o.compare {
        Compare::Previous => o.compare_periods as i32,
        Compare::YearAgo => year(frame),
    }
}

/// The window of the matrix read `k` periods back.
pub fn frame_back(frame: &Frame, k: i32, first: NaiveDate) -> Frame {
    cells::frame_at(frame, shift(frame.grain, frame.as_of, k), first)
}

/// The earliest period any matrix of [`lookbacks`] reads: where the period
/// summaries must start.
pub fn earliest_period(scope: &Scope, o: &DynamicsOptions) -> i32 {
    lookbacks(&scope.frame, o)
        .into_iter()
        .map(|k| frame_back(&scope.frame, k, scope.first).first)
        .min()
        .unwrap_or(scope.frame.first)
}

/// Every client's cell and window revenue at each of [`lookbacks`], keyed by k.
pub struct Matrices {
    at: BTreeMap<i32, (Vec<Option<Cell>>, Vec<Money>)>,
}

/// The window of each matrix [`Matrices::read`] reads, by k of [`lookbacks`].
pub fn matrix_frames(scope: &Scope, o: &DynamicsOptions) -> Vec<(i32, Frame)> {
    lookbacks(&scope.frame, o).into_iter().map(|k| (k, frame_back(&scope.frame, k, scope.first))).collect()
}

impl Matrices {
    /// Each matrix once, from the clients' sums over its window: `cols` are
    /// [`Summaries::columns`] of `frames` ([`matrix_frames`]), in that order.
    pub fn read(sums: &Summaries, scope: &Scope, frames: &[(i32, Frame)], cols: Vec<Columns>) -> Matrices {
        debug_assert_eq!(frames.len(), cols.len());
        let at = frames.iter().zip(cols).map(|((k, f), c)| (*k, cells::cells_at(sums, f, &scope.rule, c))).collect();
        Matrices { at }
    }

    fn at(&self, k: i32) -> (&[Option<Cell>], &[Money]) {
        let (c, r) = &self.at[&k];
        (c, r)
    }
}

/// The matrix period by period, and the moves since the previous period and a year ago.
pub fn transitions(m: &Matrices, frame: &Frame) -> DynamicsTransitions {
    let g = frame.grain;
    let date = |k| shift(g, frame.as_of, k);
    let periods = (0..history_len(frame))
        .rev()
        .map(|k| {
            let (c, r) = m.at(k);
            transitions::period(g.start(g.index(date(k))), date(k), c, r)
        })
        .collect();
    let (now, prev, ago) = (m.at(0), m.at(1), m.at(year(frame)));
    DynamicsTransitions {
        previous: transitions::build((date(1), date(0)), prev, now),
        year_ago: transitions::build((date(year(frame)), date(0)), ago, now),
        periods,
    }
}

/// Each client's flags and cells, written into its report row (`rows` in ledger
/// order), and how many carry each flag; and each client's [`leaving::Standing`],
/// what its days say about leaving. The overdue ratios follow in [`overdue`], once
/// P(alive) is in the rows: the flags do not read it, so they need not wait for the
/// forecasts.
pub fn client_flags(
    h: &Histories,
    m: &Matrices,
    frame: &Frame,
    verdicts: &[Option<Verdict>],
    o: &DynamicsOptions,
    rows: &mut [ClientOut],
) -> (FlagsOut, Vec<leaving::Standing>) {
    let spans = Spans::new(frame.grain, frame.as_of, o.compare_periods, o.compare);
    let g = frame.grain;
    let mut standing = Vec::with_capacity(h.clients.len());
    let ctx = flags::Context { spans, opts: o, products: &h.product_names, categories: &h.categories };
    let (now, prev, ago, base) = (m.at(0).0, m.at(1).0, m.at(year(frame)).0, m.at(base_k(frame, o)).0);
    let history: Vec<&[Option<Cell>]> = (0..history_len(frame)).rev().map(|k| m.at(k).0).collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // Most clients of a large file have no cell in any of the periods: they share
    // one history text instead of each allocating its own.
    let no_cells: std::sync::Arc<str> = self::history(history.iter().map(|_| None)).into();
    for (i, (c, row)) in h.clients.iter().zip(rows.iter_mut()).enumerate() {
        let v = verdicts.get(i).copied().flatten();
        let f = flags::flags(c, v.as_ref(), (base[i], now[i]), &ctx);
        for x in &f {
            match counts.get_mut(x.code()) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(x.code().to_string(), 1);
                }
            }
        }
        // What the leaving list reads from the days, while they are at hand.
        let (span_now, span_base) = (spans.now.sums(&c.days), spans.base.sums(&c.days));
        standing.push(leaving::standing(&f, span_now, span_base, o.leaving_drop_pct, || {
            leaving::usual_floor(&c.days, g, g.index(spans.now.from), spans.periods)
        }));
        row.flags = f;
        row.cell = now[i];
        row.cell_previous = prev[i];
        row.cell_year_ago = ago[i];
        row.cell_history = if history.iter().all(|c| c[i].is_none()) {
            std::sync::Arc::clone(&no_cells)
        } else {
            self::history(history.iter().map(|c| c[i])).into()
        };
    }
    (FlagsOut { spans, counts, overdue: BTreeMap::new() }, standing)
}

/// Each client's overdue ratio and level, written into its report row (P(alive)
/// already in it: past the last level it tells "likely lost" from "the model
/// expects a purchase"), and how many clients are at each level, into `out`.
pub fn overdue(verdicts: &[Option<Verdict>], o: &DynamicsOptions, rows: &mut [ClientOut], out: &mut FlagsOut) {
    let mut level_counts = [0usize; flags::Level::ALL.len()];
    for (v, row) in verdicts.iter().zip(rows.iter_mut()) {
        let overdue = v.as_ref().and_then(|v| flags::overdue(v, o, row.p_alive));
        if let Some(l) = overdue.and_then(|d| d.level) {
            level_counts[l as usize] += 1;
        }
        row.overdue = overdue;
    }
    out.overdue.clear();
    for (l, n) in flags::Level::ALL.iter().zip(level_counts) {
        if n > 0 {
            out.overdue.insert(crate::code::key(l), n);
        }
    }
}

/// The clients leaving now, from their standing and overdue ratios.
pub fn leaving(h: &Histories, rows: &[ClientOut], standing: &[leaving::Standing]) -> LeavingOut {
    leaving::build(h.clients.iter().zip(rows).zip(standing).map(|((c, r), s)| leaving::Candidate {
        id: &c.id,
        standing: *s,
        overdue: r.overdue.as_ref(),
        annual_value: r.annual_value,
    }))
}

/// A client's cells period by period as one short string, "AX AY -- BZ": two
/// letters a period, "--" without a purchase in that period's window. Three bytes a
/// period keep 100 000 clients x 24 periods near 7 MB of JSON, where an array of
/// nullable strings would take three times that.
pub fn history(cells: impl Iterator<Item = Option<Cell>>) -> String {
    let mut s = String::new();
    for c in cells {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(c.map_or("--", Cell::key));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_reads_two_letters_a_period() {
        assert_eq!(history([Some(Cell::AX), Some(Cell::AY), None, Some(Cell::BZ)].into_iter()), "AX AY -- BZ");
        assert_eq!(history([None].into_iter()), "--");
        assert_eq!(history(std::iter::empty()), "");
    }
}
