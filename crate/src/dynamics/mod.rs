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

use crate::ledger::Histories;
use crate::money::Money;
use crate::segment::abcdx::Verdict;
use crate::segment::Frame;
use cells::{Cell, Rule};
use flags::{Flag, Overdue};
use leaving::LeavingOut;
use options::{Compare, DynamicsOptions};
use serde::Serialize;
use spans::{shift, Spans};
use std::collections::BTreeMap;
use transitions::DynamicsTransitions;

/// What dynamics says about one client (ledger order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientDyn {
    pub flags: Vec<Flag>,
    pub overdue: Option<Overdue>,
    pub cell: Option<Cell>,
    pub cell_previous: Option<Cell>,
    pub cell_year_ago: Option<Cell>,
    /// The cell at each of `transitions.periods`, oldest first: see [`history`].
    pub cell_history: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlagsOut {
    pub spans: Spans,
    /// Clients carrying each flag code.
    pub counts: BTreeMap<String, usize>,
    /// Clients at each overdue level.
    pub overdue: BTreeMap<String, usize>,
}

pub struct Dynamics {
    pub transitions: DynamicsTransitions,
    pub flags: FlagsOut,
    pub leaving: LeavingOut,
    pub clients: Vec<ClientDyn>,
}

/// Periods of matrix history the report keeps.
fn history_len(frame: &Frame) -> i32 {
    if frame.window == 0 {
        12
    } else {
        frame.window.min(24) as i32
    }
}

pub fn run(
    h: &Histories,
    frame: &Frame,
    verdicts: &[Option<Verdict>],
    rule: &Rule,
    o: &DynamicsOptions,
    annual: &[Option<Money>],
    p_alive: &[Option<f64>],
) -> Dynamics {
    let g = frame.grain;
    let first = h.totals.first_date.unwrap_or(frame.from);
    let spans = Spans::new(g, frame.as_of, o.compare_periods, o.compare);
    let year = spans::periods_per_year(g);
    let base_k = match o.compare {
        Compare::Previous => o.compare_periods as i32,
        Compare::YearAgo => year,
    };
    let mut cache: BTreeMap<i32, (Vec<Option<Cell>>, Vec<Money>)> = BTreeMap::new();
    let mut at = |k: i32| {
        cache
            .entry(k)
            .or_insert_with(|| {
                cells::cells_at(&h.clients, &cells::frame_at(frame, shift(g, frame.as_of, k), first), rule)
            })
            .clone()
    };
    let m = history_len(frame);
    let mut periods = Vec::new();
    let mut columns = Vec::new();
    for k in (0..m).rev() {
        let date = shift(g, frame.as_of, k);
        let (c, r) = at(k);
        periods.push(transitions::period(g.start(g.index(date)), date, &c, &r));
        columns.push(c);
    }
    let now = at(0);
    let prev = at(1);
    let ago = at(year);
    let base = at(base_k);
    let date = |k| shift(g, frame.as_of, k);
    let previous = transitions::build((date(1), date(0)), (&prev.0, &prev.1), (&now.0, &now.1));
    let year_ago = transitions::build((date(year), date(0)), (&ago.0, &ago.1), (&now.0, &now.1));

    let ctx = flags::Context { spans, opts: o, products: &h.product_names, categories: &h.categories };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut levels: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(h.clients.len());
    for (i, c) in h.clients.iter().enumerate() {
        let v = verdicts.get(i).copied().flatten();
        let f = flags::flags(c, v.as_ref(), (base.0[i], now.0[i]), &ctx);
        let overdue = v.as_ref().and_then(|v| flags::overdue(c, v, o, p_alive.get(i).copied().flatten()));
        for x in &f {
            *counts.entry(x.code().to_string()).or_default() += 1;
        }
        if let Some(l) = overdue.and_then(|d| d.level) {
            let key = serde_json::to_value(l).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            *levels.entry(key).or_default() += 1;
        }
        out.push(ClientDyn {
            flags: f,
            overdue,
            cell: now.0[i],
            cell_previous: prev.0[i],
            cell_year_ago: ago.0[i],
            cell_history: history(columns.iter().map(|c| c[i])),
        });
    }
    let leaving = leaving::build(
        h.clients.iter().zip(&out).zip(annual).map(|((c, d), a)| leaving::Candidate {
            id: c.id.as_str(),
            flags: d.flags.as_slice(),
            overdue: d.overdue.as_ref(),
            annual_value: *a,
            now: spans.now.sums(&c.days),
            base: spans.base.sums(&c.days),
            usual_floor: leaving::usual_floor(&c.days, g, g.index(spans.now.from), spans.periods),
        }),
        o.leaving_drop_pct,
    );
    Dynamics {
        transitions: DynamicsTransitions { previous, year_ago, periods },
        flags: FlagsOut { spans, counts, overdue: levels },
        leaving,
        clients: out,
    }
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
