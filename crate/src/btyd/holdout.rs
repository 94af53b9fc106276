//! Can the forecast be trusted? Each model is refitted on the data up to a cut-off
//! and asked for every client's purchases (and spend) in the held-out weeks that
//! follow, which did happen: the totals per week (tracking), the averages per
//! number of calibration purchases (calibration), the mean absolute error per client
//! against a naive forecast (each client keeps its calibration rate), and a verdict.
//! Figures as lifetimes' `calibration_and_holdout_data` defines them: calibration
//! purchases up to and including the cut-off day, holdout purchase days after it up
//! to the as-of date; clients whose first purchase is after the cut-off are not in
//! the check (the models forecast known clients only).

use super::bgnbd::Customer;
use super::gamma_gamma;
use super::model::{self, Fitted, Model, MODELS};
use super::predict::{sample, summary, Status, DAYS_PER_WEEK};
use crate::ledger::Client;
use crate::money::{Money, SCALE};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// At most this many weeks are held out by default (Fader and Hardie's CDNOW split).
pub const MAX_AUTO_WEEKS: i64 = 39;
/// By default the last quarter of the data's span is held out.
pub const AUTO_SHARE: f64 = 0.25;
/// Clients whose forecast is traced week by week: every one up to this many (CDNOW's
/// 23 570 included), beyond it an even share of the histories, each a forecast per
/// week (a hypergeometric series for BG/NBD), scaled to the exact total.
pub const TRACK_CLIENTS: usize = 25_000;
/// Calibration purchases grouped 0, 1, ..., 6 and "7 or more" (lifetimes' chart).
pub const CALIBRATION_BINS: usize = 8;
/// A forecast whose holdout total is off by at most this share is fit for planning,
/// by at most [`ROUGH_ERROR`] a rough guide; beyond, not to be planned on.
pub const GOOD_ERROR: f64 = 0.10;
pub const ROUGH_ERROR: f64 = 0.25;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Total within 10 % and better than the naive forecast per client.
    Plan,
    /// Total within 25 %, or no better than the naive forecast per client.
    Rough,
    /// Total off by more than 25 %.
    DoNotPlan,
}

/// Why the page's figures come from the model they come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Lower mean absolute error per client in the holdout.
    LowerHoldoutError,
    /// The other model could not be fitted.
    OnlyOneFitted,
    /// No holdout check was possible (too little data before the cut-off): BG/NBD,
    /// the simpler model.
    NoCheck,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ModelCheck {
    pub model: Model,
    pub status: Status,
    /// Predicted holdout purchases, all clients of the check.
    pub predicted: Option<f64>,
    /// Cumulative predicted purchases at the end of each holdout week.
    pub predicted_cumulative: Vec<f64>,
    /// Mean predicted purchases per client in each calibration bin (see `bins`).
    pub predicted_by_bin: Vec<f64>,
    /// Mean absolute error per client.
    pub mae: Option<f64>,
    /// How far the predicted total is off the actual one, as a share of it (see [`off`]):
    /// the figure the verdict is read from and its sentence quotes.
    pub off: Option<f64>,
    /// Predicted holdout spend: expected purchases times the Gamma-Gamma spend.
    pub predicted_spend: Option<Money>,
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CalibrationBin {
    /// Calibration repeat purchases; the last bin is this many or more.
    pub purchases: u32,
    pub clients: usize,
    /// Mean actual holdout purchases per client.
    pub actual: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HoldoutOut {
    pub status: Status,
    /// Last day of the calibration part; `null` when no check was possible.
    pub calibration_end: Option<NaiveDate>,
    /// Length of the held-out part, in weeks (days / 7).
    pub weeks: f64,
    /// Clients in the check (first purchase on or before the cut-off).
    pub clients: usize,
    /// Purchase days in the holdout.
    pub actual: u64,
    /// Purchase days in each holdout week (the last one may be shorter).
    pub actual_weekly: Vec<u64>,
    /// Net revenue of the check's clients in the holdout.
    pub actual_spend: Money,
    /// Mean absolute error per client of the naive forecast.
    pub naive_mae: Option<f64>,
    pub bins: Vec<CalibrationBin>,
    pub models: Vec<ModelCheck>,
    /// The model the page's figures use, and why.
    pub chosen: Model,
    pub choice: Choice,
}

/// Days held out: `weeks` when set (> 0), else the last quarter of the span from
/// the first purchase to the as-of date, at most 39 weeks; whole days.
pub fn holdout_days(first: NaiveDate, as_of: NaiveDate, weeks: u32) -> i64 {
    if weeks > 0 {
        return i64::from(weeks) * 7;
    }
    let span = (as_of - first).num_days();
    ((span as f64 * AUTO_SHARE) as i64).min(MAX_AUTO_WEEKS * 7)
}

struct Row {
    c: Customer,
    m: f64,
    actual: u64,
}

fn empty(status: Status) -> HoldoutOut {
    HoldoutOut {
        status,
        calibration_end: None,
        weeks: 0.0,
        clients: 0,
        actual: 0,
        actual_weekly: Vec::new(),
        actual_spend: Money::ZERO,
        naive_mae: None,
        bins: Vec::new(),
        models: Vec::new(),
        chosen: Model::Bgnbd,
        choice: Choice::NoCheck,
    }
}

/// The clients' side of the check: each client's calibration history and what it
/// bought in the holdout, added client by client ([`Clients::add`]) in the same pass
/// as the fits' own summaries, while each client's days are in the cache.
pub struct Clients {
    days: i64,
    cutoff: NaiveDate,
    as_of: NaiveDate,
    rows: Vec<Row>,
    actual_weekly: Vec<u64>,
    spend: i128,
}

impl Clients {
    /// `None` when there is too little data for a check: less than a week on
    /// either side of the cut-off.
    pub fn new(first: NaiveDate, as_of: NaiveDate, weeks: u32) -> Option<Clients> {
        let days = holdout_days(first, as_of, weeks);
        let cutoff = as_of - Duration::days(days);
        // A week at least on each side, or there is nothing to learn from or check against.
        if days < 7 || (cutoff - first).num_days() < 7 {
            return None;
        }
        let week_count = (days as usize).div_ceil(7);
        Some(Clients { days, cutoff, as_of, rows: Vec::new(), actual_weekly: vec![0; week_count], spend: 0 })
    }

    pub fn add(&mut self, c: &Client) {
        let Some((cust, m)) = summary(c, self.cutoff) else { return };
        let (cutoff, as_of) = (self.cutoff, self.as_of);
        let mut actual = 0;
        let after = c.days.partition_point(|d| d.day <= cutoff);
        for d in c.days[after..].iter().take_while(|d| d.day <= as_of) {
            self.spend += i128::from(d.revenue.0);
            if d.purchases > 0 {
                actual += 1;
                self.actual_weekly[((d.day - cutoff).num_days() as usize - 1) / 7] += 1;
            }
        }
        self.rows.push(Row { c: cust, m, actual });
    }
}

/// `starts` and `spend_start`: the models fitted on all the data, where they were,
/// to start the refits from; `clients`: every client added, `None` when no check
/// was possible.
pub fn run(clients: Option<Clients>, starts: &[Fitted], spend_start: Option<&gamma_gamma::Params>) -> HoldoutOut {
    let Some(Clients { days, cutoff, rows, actual_weekly, spend, .. }) = clients else {
        return empty(Status::TooFewData);
    };
    let week_count = actual_weekly.len();
    let duration = days as f64 / DAYS_PER_WEEK;
    let n = rows.len() as f64;
    let mut out = HoldoutOut {
        status: Status::TooFewData,
        calibration_end: Some(cutoff),
        weeks: duration,
        clients: rows.len(),
        actual: rows.iter().map(|r| r.actual).sum(),
        actual_weekly,
        actual_spend: Money(spend.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64),
        naive_mae: None,
        bins: Vec::new(),
        models: Vec::new(),
        chosen: Model::Bgnbd,
        choice: Choice::NoCheck,
    };
    if rows.is_empty() {
        return out;
    }
    let bin = |c: &Customer| (c.x as usize).min(CALIBRATION_BINS - 1);
    let mut bins: Vec<CalibrationBin> =
        (0..CALIBRATION_BINS).map(|k| CalibrationBin { purchases: k as u32, clients: 0, actual: 0.0 }).collect();
    for r in &rows {
        let b = &mut bins[bin(&r.c)];
        b.clients += 1;
        b.actual += r.actual as f64;
    }
    for b in &mut bins {
        b.actual /= (b.clients.max(1)) as f64;
    }
    out.bins = bins;
    let naive = |c: &Customer| if c.t > 0.0 { c.x / c.t * duration } else { 0.0 };
    out.naive_mae = Some(rows.iter().map(|r| (naive(&r.c) - r.actual as f64).abs()).sum::<f64>() / n);

    let customers: Vec<Customer> = rows.iter().map(|r| r.c).collect();
    let fit_on = sample(&customers, |c| (c.x, c.t_x, c.t));
    let spend_fit = {
        let s: Vec<(f64, f64)> = rows.iter().map(|r| (r.c.x, r.m)).collect();
        gamma_gamma::fit_from(&sample(&s, |&(x, m)| (x, m, 0.0)), spend_start).map(|g| g.params)
    };
    let spend_of = |r: &Row| super::predict::spend_per_purchase(spend_fit.as_ref(), r.c.x, r.m);
    // Clients with the same history get the same forecast: compute it once.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let key = |c: &Customer| [c.x.to_bits(), c.t_x.to_bits(), c.t.to_bits()];
    order.sort_unstable_by_key(|&i| key(&rows[i].c));
    for model in MODELS {
        // Only a model fitted on all the data can supply the figures, so only those
        // are checked: refitting one that failed there (Pareto/NBD on a file where
        // nobody drops out) would spend its whole term budget again for nothing.
        let Some(start) = starts.iter().find(|f| f.model() == model) else {
            out.models.push(empty_check(model, Status::Failed));
            continue;
        };
        out.models.push(check(model, Some(start), &fit_on, &rows, &order, duration, week_count, &bin, &spend_of));
    }
    let fitted: Vec<&ModelCheck> = out.models.iter().filter(|m| m.mae.is_some()).collect();
    out.status = if fitted.is_empty() {
        out.models.iter().map(|m| m.status).find(|s| *s == Status::Failed).unwrap_or(Status::TooFewData)
    } else {
        Status::Fitted
    };
    if let Some(best) =
        fitted.iter().min_by(|a, b| a.mae.unwrap_or(f64::INFINITY).total_cmp(&b.mae.unwrap_or(f64::INFINITY)))
    {
        out.chosen = best.model;
        out.choice = if fitted.len() > 1 { Choice::LowerHoldoutError } else { Choice::OnlyOneFitted };
    }
    out
}

/// A model's check before (or without) its figures.
fn empty_check(model: Model, status: Status) -> ModelCheck {
    ModelCheck {
        model,
        status,
        predicted: None,
        predicted_cumulative: Vec::new(),
        predicted_by_bin: Vec::new(),
        mae: None,
        off: None,
        predicted_spend: None,
        verdict: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    model: Model,
    start: Option<&Fitted>,
    fit_on: &[Customer],
    rows: &[Row],
    order: &[usize],
    duration: f64,
    weeks: usize,
    bin: &dyn Fn(&Customer) -> usize,
    spend_of: &dyn Fn(&Row) -> Option<f64>,
) -> ModelCheck {
    let mut out = empty_check(model, Status::TooFewData);
    let fitted = model::fit_from(model, fit_on, start);
    let fitted: Fitted = match fitted {
        Ok(f) => f,
        Err(s) => {
            out.status = s;
            return out;
        }
    };
    let mut cumulative = vec![0.0; weeks];
    // The end of each holdout week, the last one at the holdout's end.
    let ends: Vec<f64> = (1..=weeks).map(|k| (k as f64).min(duration)).collect();
    let mut by_bin = [(0.0, 0usize); CALIBRATION_BINS];
    let (mut total, mut abs_err, mut spend, mut spend_known) = (0.0, 0.0, 0.0, true);
    // Beyond TRACK_CLIENTS clients, the curve's shape comes from every stride-th
    // history (in the fixed order of histories) and is scaled to the exact total.
    let stride = order.len().div_ceil(TRACK_CLIENTS).max(1);
    let histories: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            while j < order.len() && rows[order[j]].c == rows[order[i]].c {
                j += 1;
            }
            v.push((i, j));
            i = j;
        }
        v
    };
    // Each history's forecast for the whole holdout (its curve's last point), and
    // the whole curve of the tracked ones (at most TRACK_CLIENTS: the memory stays
    // bounded however many clients), computed in (x, T, t_x) order so histories
    // with the same x and T share BG/NBD's series (`model::Curves`); then summed in
    // the order of histories below.
    let mut predicted_at = vec![0.0; histories.len()];
    let mut tracked = vec![0.0; histories.len().div_ceil(stride) * weeks];
    {
        let key = |c: &Customer| [c.x.to_bits(), c.t.to_bits(), c.t_x.to_bits()];
        let mut by_x_and_t: Vec<usize> = (0..histories.len()).collect();
        by_x_and_t.sort_unstable_by_key(|&h| key(&rows[order[histories[h].0]].c));
        let mut curves = model::Curves::new(ends);
        for h in by_x_and_t {
            let curve = curves.curve(&fitted, &rows[order[histories[h].0]].c);
            predicted_at[h] = curve[weeks - 1];
            if h.is_multiple_of(stride) {
                tracked[h / stride * weeks..(h / stride + 1) * weeks].copy_from_slice(curve);
            }
        }
    }
    for (group, &(i, j)) in histories.iter().enumerate() {
        let c = rows[order[i]].c;
        let same = (j - i) as f64;
        if group.is_multiple_of(stride) {
            let curve = &tracked[group / stride * weeks..(group / stride + 1) * weeks];
            for (acc, v) in cumulative.iter_mut().zip(curve) {
                *acc += same * v;
            }
        }
        let predicted = predicted_at[group];
        total += same * predicted;
        let b = &mut by_bin[bin(&c)];
        b.0 += same * predicted;
        b.1 += j - i;
        for &r in &order[i..j] {
            abs_err += (predicted - rows[r].actual as f64).abs();
            match spend_of(&rows[r]) {
                Some(v) => spend += predicted * v,
                None => spend_known = false,
            }
        }
    }
    let n = rows.len() as f64;
    if stride > 1 && cumulative[weeks - 1] > 0.0 {
        let scale = total / cumulative[weeks - 1];
        cumulative.iter_mut().for_each(|v| *v *= scale);
    }
    if !(total.is_finite() && abs_err.is_finite()) {
        out.status = Status::Failed;
        return out;
    }
    let actual: u64 = rows.iter().map(|r| r.actual).sum();
    let mae = abs_err / n;
    let naive: f64 = rows
        .iter()
        .map(|r| {
            let guess = if r.c.t > 0.0 { r.c.x / r.c.t * duration } else { 0.0 };
            (guess - r.actual as f64).abs()
        })
        .sum::<f64>()
        / n;
    out.status = Status::Fitted;
    out.predicted = Some(total);
    out.predicted_cumulative = cumulative;
    out.predicted_by_bin = by_bin.iter().map(|&(s, k)| if k > 0 { s / k as f64 } else { 0.0 }).collect();
    out.mae = Some(mae);
    out.predicted_spend =
        (spend_known && spend.is_finite()).then(|| Money(libm::round(spend * SCALE as f64).clamp(-9e17, 9e17) as i64));
    out.off = Some(off(total, actual as f64));
    out.verdict = Some(verdict(total, actual as f64, mae, naive));
    out
}

/// The predicted total's distance from the actual one, as a share of the actual; with
/// nothing bought in the holdout, a prediction of a purchase or more is wholly off.
pub fn off(predicted: f64, actual: f64) -> f64 {
    if actual > 0.0 {
        (predicted - actual).abs() / actual
    } else if predicted > 0.5 {
        1.0
    } else {
        0.0
    }
}

/// Plan when the total is within 10 % and the per-client error beats the naive
/// forecast; rough within 25 % (or not beating the naive forecast); else do not plan.
pub fn verdict(predicted: f64, actual: f64, mae: f64, naive_mae: f64) -> Verdict {
    let off = off(predicted, actual);
    if off <= GOOD_ERROR && mae < naive_mae {
        Verdict::Plan
    } else if off <= ROUGH_ERROR {
        Verdict::Rough
    } else {
        Verdict::DoNotPlan
    }
}

/// The check in the user's words, for the CLI, the page and the HTML report: the
/// verdict of the model in use (figures filled in), why that model, and the naive
/// forecast's error. One sentence when no check was possible.
pub fn sentences(h: &HoldoutOut, lang: crate::Lang) -> Vec<String> {
    use crate::chart::fmt;
    let name = |m: Model| lang.t(&format!("model.{}", key(&m))).to_string();
    let chosen = h.models.iter().find(|m| m.model == h.chosen && m.mae.is_some());
    let (Some(m), Some(naive)) = (chosen, h.naive_mae) else {
        return vec![lang.t("holdout.none").to_string()];
    };
    let (predicted, mae) = (m.predicted.unwrap_or(0.0), m.mae.unwrap_or(0.0));
    let off = m.off.unwrap_or(0.0);
    let weeks = fmt::num(h.weeks, 0, lang);
    let verdict = m.verdict.map_or("rough".to_string(), |v| key(&v));
    let mut out = vec![lang.f(
        &format!("holdoutVerdict.{verdict}"),
        &[
            ("model", &name(m.model)),
            ("predicted", &fmt::int(libm::round(predicted).max(0.0) as u64, lang)),
            ("weeks", &weeks),
            ("actual", &fmt::int(h.actual, lang)),
            ("off", &fmt::share(off, lang)),
        ],
    )];
    let other = h.models.iter().find(|o| o.model != m.model && o.mae.is_some());
    let choice = format!("holdoutChoice.{}", key(&h.choice));
    out.push(match (h.choice, other) {
        (Choice::LowerHoldoutError, Some(o)) => lang.f(
            &choice,
            &[
                ("model", &name(m.model)),
                ("mae", &fmt::num(mae, 2, lang)),
                ("other", &fmt::num(o.mae.unwrap_or(0.0), 2, lang)),
                ("otherModel", &name(o.model)),
            ],
        ),
        _ => lang.f(&choice, &[("model", &name(m.model))]),
    });
    out.push(lang.f("holdout.naive", &[("naive", &fmt::num(naive, 2, lang))]));
    out
}

/// The snake_case code a unit variant serializes to: its catalogue key's tail.
fn key<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::DayTotal;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A return before the first purchase, four purchase days, a return between
    /// them, and a purchase after the as-of date.
    fn client() -> Client {
        let days = [
            ("2025-01-01", -500, 0),
            ("2025-01-08", 1000, 1),
            ("2025-01-15", 2000, 1),
            ("2025-01-22", -400, 0),
            ("2025-02-05", 3000, 1),
            ("2025-02-12", 700, 1),
            ("2025-03-05", 10000, 1),
        ]
        .map(|(s, cents, n)| DayTotal { revenue: Money::from_cents(cents), purchases: n, ..DayTotal::empty(d(s)) })
        .to_vec();
        Client { id: "c".into(), days, ..Client::default() }
    }

    #[test]
    fn a_clients_history_and_holdout_by_hand() {
        let c = client();
        // As of Feb 19: first purchase Jan 8; repeats Jan 15, Feb 5, Feb 12 (x = 3);
        // the last 35 days after the first (5 weeks), the first 42 days ago (6 weeks);
        // repeat revenue 20 - 4 + 30 + 7 = 53 over 3 repeat days. The return before
        // the first purchase and the purchase after the as-of date are left out.
        let (full, m) = summary(&c, d("2025-02-19")).unwrap();
        assert_eq!((full.x, full.t_x, full.t), (3.0, 5.0, 6.0));
        assert!((m - 53.0 / 3.0).abs() < 1e-12, "{m}");
        // Two weeks held out: calibration up to Feb 5 (x = 2, t_x = T = 4 weeks,
        // m = (20 - 4 + 30) / 2 = 23); in the holdout one purchase day, Feb 12, in its
        // first week, worth 7.
        let mut check = Clients::new(d("2025-01-01"), d("2025-02-19"), 2).unwrap();
        check.add(&c);
        assert_eq!(check.cutoff, d("2025-02-05"));
        let r = &check.rows[0];
        assert_eq!((r.c.x, r.c.t_x, r.c.t, r.m, r.actual), (2.0, 4.0, 4.0, 23.0, 1));
        assert_eq!((check.actual_weekly.clone(), check.spend), (vec![1, 0], 700 * (SCALE / 100) as i128));
        // A client with returns only has no history; one purchase is x = 0, m = 0.
        let mut only_returns = client();
        only_returns.days.retain(|x| x.purchases == 0);
        assert!(summary(&only_returns, d("2025-02-19")).is_none());
        let (one, m) = summary(&c, d("2025-01-10")).unwrap();
        assert_eq!((one.x, one.t_x, one.t, m), (0.0, 0.0, 2.0 / 7.0, 0.0));
        // Less than a week before the cut-off: no check.
        assert!(Clients::new(d("2025-02-01"), d("2025-02-19"), 2).is_none());
    }
}
