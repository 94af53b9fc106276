//! Per-client period summaries, built once after the ledger: for each client and
//! each period of the chosen grain that the analyses can look at, the net revenue,
//! the ranking measure, the purchases and whether any day was booked, split at the
//! as-of day of the period. Every matrix the dynamics read (the cells at the end of
//! each of the last periods, a year ago, at the base date) is then a sum of a few
//! period entries per client instead of a pass over its days, so those analyses grow
//! with clients x periods, not with periods x client-days.
//!
//! Why the split: the matrix "at period P-k" is read up to the same day of that
//! period as the as-of date ([`crate::dynamics::spans::shift`]), so each period's
//! days up to that day (`early`) and after it (`late`) are kept apart. A window
//! ending in period E is then the whole of the periods before E plus E's early part.

use crate::ledger::Client;
use crate::money::Money;
use crate::period::Grain;
use crate::segment::{Frame, Measure};
use chrono::NaiveDate;

/// Sums of a client's days in part of one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Half {
    pub revenue: Money,
    /// The ranking measure ([`Summaries::measure`]).
    pub value: Money,
    pub purchases: u32,
    /// Days booked (sales or returns only).
    pub days: u32,
}

impl Half {
    fn plus(self, o: Half) -> Half {
        Half {
            revenue: Money(self.revenue.0.saturating_add(o.revenue.0)),
            value: Money(self.value.0.saturating_add(o.value.0)),
            purchases: self.purchases.saturating_add(o.purchases),
            days: self.days + o.days,
        }
    }
}

/// One client's period: the days up to the period's as-of day, and after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodSum {
    pub period: i32,
    pub early: Half,
    pub late: Half,
}

impl PeriodSum {
    pub fn whole(&self) -> Half {
        self.early.plus(self.late)
    }
}

/// A [`Half`] as stored: its value is kept apart ([`Summaries`]'s `values`), and
/// only when the measure is not the revenue itself. 16 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sums {
    revenue: Money,
    purchases: u32,
    days: u32,
}

impl Sums {
    fn add(&mut self, revenue: Money, purchases: u32) {
        // Saturating like `segment::total`: a period's sum past i64 is out of any real file.
        self.revenue = Money(self.revenue.0.saturating_add(revenue.0));
        self.purchases = self.purchases.saturating_add(purchases);
        self.days += 1;
    }
}

/// A [`PeriodSum`] as stored: 40 bytes instead of 56, for there are clients x
/// periods of them (1.9 million at 10M rows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Entry {
    period: i32,
    early: Sums,
    late: Sums,
}

/// What a window of a client holds (see [`Summaries::window`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowSums {
    pub revenue: Money,
    pub value: Money,
    /// Any day booked in the window: ABC ranks the client.
    pub active: bool,
    /// Periods of the window with a purchase.
    pub periods_bought: u32,
}

/// [`Summaries::window_sums`] of every client for one window, by ledger index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub revenue: Vec<Money>,
    /// The ranking measure's sums; `None` when the measure is revenue (the same sums:
    /// a million clients x a dozen windows need not hold them twice).
    value: Option<Vec<Money>>,
    pub active: Vec<bool>,
    pub bought: Vec<u32>,
}

impl Columns {
    /// The ranking measure's sums ([`WindowSums::value`]).
    pub fn values(&self) -> &[Money] {
        self.value.as_deref().unwrap_or(&self.revenue)
    }

    /// The ranking measure's sums, owned.
    pub fn into_values(self) -> Vec<Money> {
        self.value.unwrap_or(self.revenue)
    }
}

/// A client's day-level facts the period sums cannot tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSummary {
    /// The first day with a purchase, in the whole file.
    pub first_purchase: Option<NaiveDate>,
    /// Its period entries: `entries[from..to]` of [`Summaries`], by period.
    from: u32,
    to: u32,
}

/// The summaries of every client, in ledger order.
#[derive(Clone, Debug)]
pub struct Summaries {
    pub grain: Grain,
    /// What [`Half::value`] sums.
    pub measure: Measure,
    /// The periods kept, `first..=last` (the last is the as-of period).
    pub first: i32,
    pub last: i32,
    /// Days from a period's start that still count as its early part.
    offset: i64,
    pub clients: Vec<ClientSummary>,
    entries: Vec<Entry>,
    /// Each entry's measure, early and late, when the measure is not the revenue
    /// (empty when it is: the revenue is the value).
    values: Vec<[Money; 2]>,
}

impl Summaries {
    /// Sums the days of periods `first..=as_of's period`; later days are left out.
    pub fn build(clients: &[Client], grain: Grain, as_of: NaiveDate, first: i32, measure: Measure) -> Summaries {
        let last = grain.index(as_of);
        let offset = (as_of - grain.start(last)).num_days();
        let (lo, hi) = (grain.start(first), as_of.max(grain.start(last + 1).pred_opt().unwrap_or(as_of)));
        // Most clients' days all lie inside: their ends tell without a search.
        let inside = |c: &Client| -> std::ops::Range<usize> {
            let days = &c.days;
            let a = if days.first().is_none_or(|d| d.day >= lo) { 0 } else { days.partition_point(|d| d.day < lo) };
            let b = if days.last().is_none_or(|d| d.day <= hi) {
                days.len()
            } else {
                days.partition_point(|d| d.day <= hi)
            };
            a..b.max(a)
        };
        // Each kept period's first day and the last day of its early part, worked out
        // once: a million days are then placed by comparing dates, not by calendar
        // arithmetic per day (that was most of this pass).
        let table: Vec<(NaiveDate, NaiveDate)> = (first..=last + 1)
            .map(|p| {
                let start = grain.start(p);
                let early_end = start.checked_add_signed(chrono::Duration::days(offset)).unwrap_or(NaiveDate::MAX);
                (start, early_end)
            })
            .collect();
        // Counted first, so the entries (most of the analysis's memory: 40 bytes a
        // client-period, 73 MB at 10M rows) take one allocation of their exact size:
        // grown by doubling they held 1.5 times that at once, and wasm memory never
        // gives back its peak.
        let mut counted = 0usize;
        for c in clients {
            place(&table, &c.days[inside(c)], |_, new, _| counted += usize::from(new));
        }
        let mut entries = Vec::with_capacity(counted);
        let own_values = measure != Measure::Revenue;
        let mut values: Vec<[Money; 2]> = Vec::with_capacity(if own_values { counted } else { 0 });
        let mut out = Vec::with_capacity(clients.len());
        for c in clients {
            let from = entries.len() as u32;
            let range = inside(c);
            let extras = c.extras.get(range.clone()).unwrap_or_default();
            let inside = &c.days[range];
            place(&table, inside, |k, new, j| {
                let d = &inside[k];
                if new {
                    entries.push(Entry { period: first + j as i32, ..Entry::default() });
                    if own_values {
                        values.push([Money::ZERO; 2]);
                    }
                }
                let e = entries.last_mut().expect("an entry was pushed at the period's first day");
                let late = d.day > table[j].1;
                let half = if late { &mut e.late } else { &mut e.early };
                half.add(d.revenue, d.purchases);
                if let Some(v) = values.last_mut() {
                    let v = &mut v[usize::from(late)];
                    *v = Money(v.0.saturating_add(measure.of(d, extras.get(k)).0));
                }
            });
            let first_purchase = c.days.iter().find(|d| d.purchases > 0).map(|d| d.day);
            out.push(ClientSummary { first_purchase, from, to: entries.len() as u32 });
        }
        debug_assert_eq!(entries.len(), counted);
        Summaries { grain, measure, first, last, offset, clients: out, entries, values }
    }

    /// Entry `k`'s early or late part.
    fn half(&self, k: usize, late: bool) -> Half {
        let e = &self.entries[k];
        let s = if late { e.late } else { e.early };
        let value = self.values.get(k).map_or(s.revenue, |v| v[usize::from(late)]);
        Half { revenue: s.revenue, value, purchases: s.purchases, days: s.days }
    }

    /// Client `i`'s period entries, oldest first.
    pub fn periods(&self, i: usize) -> impl Iterator<Item = PeriodSum> + '_ {
        let c = &self.clients[i];
        (c.from as usize..c.to as usize).map(|k| PeriodSum {
            period: self.entries[k].period,
            early: self.half(k, false),
            late: self.half(k, true),
        })
    }

    /// Days into a period that count as its early part.
    pub fn offset(&self) -> i64 {
        self.offset
    }

    /// Client `i`'s periods `from..end` whole, and period `end` up to its as-of day.
    /// Empty periods are absent; the last item is `end`'s early part when it has a day.
    pub fn window(&self, i: usize, from: i32, end: i32) -> impl Iterator<Item = (i32, Half)> + '_ {
        let c = &self.clients[i];
        let at = c.from as usize;
        let all = &self.entries[at..c.to as usize];
        let a = all.partition_point(|e| e.period < from);
        let b = all.partition_point(|e| e.period <= end);
        (at + a..at + b.max(a)).filter_map(move |k| {
            let period = self.entries[k].period;
            let early = self.half(k, false);
            if period < end {
                Some((period, early.plus(self.half(k, true))))
            } else {
                (early.days > 0).then_some((period, early))
            }
        })
    }

    /// The sums of [`Summaries::window`].
    pub fn window_sums(&self, i: usize, from: i32, end: i32) -> WindowSums {
        let (mut revenue, mut value) = (0i128, 0i128);
        let mut w = WindowSums::default();
        for (_, h) in self.window(i, from, end) {
            revenue += i128::from(h.revenue.0);
            value += i128::from(h.value.0);
            w.active = true;
            w.periods_bought += u32::from(h.purchases > 0);
        }
        w.revenue = clamp(revenue);
        w.value = clamp(value);
        w
    }

    /// [`Summaries::window_sums`] of every client for each window `(from, end)`, one
    /// column a window, the same figures to the bit. A client's periods are read
    /// once for all the windows (running sums, exact in i128) instead of once a
    /// window: the dynamics read a dozen windows, and streaming every client's
    /// periods a dozen times, not the sums, was their cost.
    pub fn columns(&self, windows: &[(i32, i32)]) -> Vec<Columns> {
        let n = self.clients.len();
        let twice = self.measure != Measure::Revenue;
        let mut out: Vec<Columns> = windows
            .iter()
            .map(|_| Columns {
                revenue: Vec::with_capacity(n),
                value: twice.then(|| Vec::with_capacity(n)),
                active: Vec::with_capacity(n),
                bought: Vec::with_capacity(n),
            })
            .collect();
        // Running sums of whole periods: revenue, value, periods with a purchase.
        let mut run: Vec<(i128, i128, u32)> = Vec::new();
        for i in 0..n {
            let c = &self.clients[i];
            let at = c.from as usize;
            let all = &self.entries[at..c.to as usize];
            run.clear();
            run.push((0, 0, 0));
            for e in self.periods(i) {
                let (r, v, b) = run[run.len() - 1];
                let w = e.whole();
                run.push((r + i128::from(w.revenue.0), v + i128::from(w.value.0), b + u32::from(w.purchases > 0)));
            }
            for (&(from, end), col) in windows.iter().zip(out.iter_mut()) {
                let mut w = WindowSums::default();
                if from <= end {
                    let a = all.partition_point(|e| e.period < from);
                    let b = all.partition_point(|e| e.period < end);
                    let (mut revenue, mut value) = (run[b].0 - run[a].0, run[b].1 - run[a].1);
                    w.periods_bought = run[b].2 - run[a].2;
                    w.active = b > a;
                    let early = all.get(b).filter(|e| e.period == end).map(|_| self.half(at + b, false));
                    if let Some(e) = early.filter(|e| e.days > 0) {
                        revenue += i128::from(e.revenue.0);
                        value += i128::from(e.value.0);
                        w.periods_bought += u32::from(e.purchases > 0);
                        w.active = true;
                    }
                    w.revenue = clamp(revenue);
                    w.value = clamp(value);
                }
                col.revenue.push(w.revenue);
                if let Some(v) = col.value.as_mut() {
                    v.push(w.value);
                }
                col.active.push(w.active);
                col.bought.push(w.periods_bought);
            }
        }
        out
    }

    /// True when `frame` is a window these summaries can answer: it ends at the
    /// as-of day of one of their periods and holds whole periods (or starts before
    /// `data_from`, the first day of the file).
    pub fn fits(&self, frame: &Frame, data_from: NaiveDate) -> bool {
        frame.grain == self.grain
            && frame.first >= self.first
            && frame.last <= self.last
            && frame.as_of == self.as_of_of(frame.last)
            && (frame.from == self.grain.start(frame.first) || frame.from <= data_from)
    }

    /// The day period `p` is read up to.
    pub fn as_of_of(&self, p: i32) -> NaiveDate {
        let g = self.grain;
        let start = g.start(p);
        let end = g.start(p + 1).pred_opt().unwrap_or(start);
        (start + chrono::Duration::days(self.offset)).min(end)
    }
}

/// Calls `each(k, new, j)` for each of `days` (sorted, all within the periods of
/// `table`: each period's first day, and a sentinel after the last): `k` its place
/// in `days`, `new` whether it opens a period, `j` its period's place in `table`.
fn place(table: &[(NaiveDate, NaiveDate)], days: &[crate::ledger::DayTotal], mut each: impl FnMut(usize, bool, usize)) {
    let mut j = 0;
    let mut next_start = NaiveDate::MIN;
    for (k, d) in days.iter().enumerate() {
        let new = d.day >= next_start;
        if new {
            // The first day of a client may skip periods; later ones usually open the next.
            while table.get(j + 1).is_some_and(|t| t.0 <= d.day) {
                j += 1;
            }
            next_start = table.get(j + 1).map_or(NaiveDate::MAX, |t| t.0);
        }
        each(k, new, j);
    }
}

fn clamp(v: i128) -> Money {
    Money(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::DayTotal;
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn client(days: &[(&str, i64, u32)]) -> Client {
        let days = days
            .iter()
            .map(|&(s, cents, n)| DayTotal { revenue: Money::from_cents(cents), purchases: n, ..DayTotal::empty(d(s)) })
            .collect();
        Client { id: "c".into(), days, ..Client::default() }
    }

    #[test]
    fn periods_split_at_the_as_of_day_and_windows_add_up() {
        // As of 2025-03-10: each month's days up to the 10th are early, the rest late.
        let c = client(&[
            ("2024-12-31", 500, 1), // before the kept periods: left out
            ("2025-01-05", 100, 1),
            ("2025-01-20", 200, 2),
            ("2025-02-11", -50, 0), // a return only, after the 10th
            ("2025-03-10", 300, 1),
            ("2025-03-11", 900, 1), // after the as-of date: in no window
        ]);
        let g = Grain::Month;
        let s = Summaries::build(&[c], g, d("2025-03-10"), g.index(d("2025-01-01")), Measure::Revenue);
        let p: Vec<PeriodSum> = s.periods(0).collect();
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].early.revenue, p[0].late.revenue), (Money::from_cents(100), Money::from_cents(200)));
        assert_eq!((p[0].early.purchases, p[0].late.purchases), (1, 2));
        assert_eq!((p[1].early.days, p[1].late.days, p[1].late.purchases), (0, 1, 0));
        assert_eq!((p[2].early.revenue, p[2].late.revenue), (Money::from_cents(300), Money::from_cents(900)));
        assert_eq!(s.clients[0].first_purchase, Some(d("2024-12-31")));
        let (jan, feb, mar) = (g.index(d("2025-01-01")), g.index(d("2025-02-01")), g.index(d("2025-03-01")));
        // Jan..Mar 10: 100 + 200 - 50 + 300; three periods booked, two with a purchase.
        let w = s.window_sums(0, jan, mar);
        assert_eq!((w.revenue, w.active, w.periods_bought), (Money::from_cents(550), true, 2));
        // Read at Feb 10: January whole, February up to the 10th (nothing).
        let w = s.window_sums(0, jan, feb);
        assert_eq!((w.revenue, w.periods_bought), (Money::from_cents(300), 1));
        // February alone up to the 10th: no day at all, so not active.
        assert!(!s.window_sums(0, feb, feb).active);
        assert_eq!(s.as_of_of(feb), d("2025-02-10"));
        // A 28-day February read at the 31st is read to its end.
        let s31 = Summaries::build(&[], g, d("2025-03-31"), jan, Measure::Revenue);
        assert_eq!(s31.as_of_of(feb), d("2025-02-28"));
    }

    #[test]
    fn every_grain_places_each_day_as_the_calendar_does() {
        // A day every 3 days over two years, some skipped, read at a mid-period date:
        // each period's early and late sums as `Grain::index` and the day's distance
        // from the period's start place them.
        let days: Vec<(String, i64, u32)> = (0..250)
            .filter(|k| k % 7 != 3)
            .map(|k| {
                let day = d("2023-11-20") + chrono::Duration::days(k * 3);
                (day.format("%Y-%m-%d").to_string(), 100 + k, u32::from(k % 5 != 0))
            })
            .collect();
        let refs: Vec<(&str, i64, u32)> = days.iter().map(|(s, c, n)| (s.as_str(), *c, *n)).collect();
        let c = client(&refs);
        let as_of = d("2025-05-14");
        for g in [Grain::Week, Grain::Month, Grain::Quarter] {
            let first = g.index(d("2024-01-17"));
            let s = Summaries::build(std::slice::from_ref(&c), g, as_of, first, Measure::Revenue);
            let offset = (as_of - g.start(g.index(as_of))).num_days();
            let mut want: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
            // The as-of period is kept whole (its days after the as-of date in its late part).
            for day in c.days.iter().filter(|x| (first..=g.index(as_of)).contains(&g.index(x.day))) {
                let p = g.index(day.day);
                let e = want.entry(p).or_default();
                if (day.day - g.start(p)).num_days() > offset {
                    e.1 += day.revenue.0;
                } else {
                    e.0 += day.revenue.0;
                }
            }
            let got: BTreeMap<i32, (i64, i64)> =
                s.periods(0).map(|p| (p.period, (p.early.revenue.0, p.late.revenue.0))).collect();
            assert_eq!(got, want, "{g:?}");
        }
    }

    #[test]
    fn columns_are_each_window_summed_alone() {
        let days = [
            ("2024-11-03", 700, 1),
            ("2024-12-31", 500, 1),
            ("2025-01-05", 100, 1),
            ("2025-01-20", 200, 2),
            ("2025-02-11", -50, 0),
            ("2025-03-10", 300, 1),
            ("2025-03-11", 900, 1),
        ];
        let clients = [client(&days), client(&days[2..4]), client(&[]), client(&days[4..5])];
        let g = Grain::Month;
        let first = g.index(d("2024-10-01"));
        let last = g.index(d("2025-03-01"));
        for measure in [Measure::Revenue, Measure::Purchases] {
            let s = Summaries::build(&clients, g, d("2025-03-10"), first, measure);
            let windows: Vec<(i32, i32)> =
                (first - 1..=last + 1).flat_map(|a| (first - 1..=last + 1).map(move |b| (a, b))).collect();
            let cols = s.columns(&windows);
            for (&(from, end), col) in windows.iter().zip(&cols) {
                for i in 0..clients.len() {
                    let w = s.window_sums(i, from, end);
                    let got = (col.revenue[i], col.values()[i], col.active[i], col.bought[i]);
                    assert_eq!(got, (w.revenue, w.value, w.active, w.periods_bought), "{measure:?} {from} {end} {i}");
                }
            }
        }
    }
}
