//! BG/NBD and Gamma-Gamma on a ledger: each client becomes (x, t_x, T) in weeks
//! before the as-of date (x = purchase days after the first, t_x = age of the last
//! one, T = age of the first) and m, the average revenue of those repeat days.
//! The fits give P(alive), expected purchases over the next periods and the value
//! of the next months. Too little data, or a fit that does not converge, is a
//! status, never a panic or a NaN.

use super::holdout::{self, HoldoutOut};
use super::model::{self, Fitted, Model};
use super::ranges::{self, RangesOut, Spread, Total};
use super::{bgnbd, gamma_gamma, paretonbd};
use crate::ledger::Client;
use crate::money::{Money, SCALE};
use crate::period::Grain;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fitted,
    /// Fewer than 10 clients, or no client bought twice.
    TooFewData,
    /// The optimizer ended on non-finite parameters.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BtydOut {
    pub status: Status,
    /// BG/NBD parameters (time unit: a week); `null` unless fitted.
    pub r: Option<f64>,
    pub alpha: Option<f64>,
    pub a: Option<f64>,
    pub b: Option<f64>,
    pub log_likelihood: Option<f64>,
    /// Gamma-Gamma spend model of repeat buyers; `null` unless fitted.
    pub spend: Option<gamma_gamma::Fit>,
    pub spend_status: Status,
    pub clients: usize,
    /// Distinct (x, t_x, T) histories the likelihood sums over.
    pub histories: usize,
    pub horizon_periods: u32,
    pub horizon_weeks: f64,
    pub clv_months: u32,
    pub clv_discount_pct: f64,
    /// Sums over clients: expected purchases in the horizon, predicted value.
    pub expected_purchases: Option<f64>,
    pub clv: Option<Money>,
    /// The model behind the per-client figures (P(alive), expected purchases,
    /// value, chance of a purchase): the one with the lower holdout error.
    pub model: Model,
    /// Pareto/NBD parameters on all the data (time unit: a week); `null` unless fitted.
    pub pareto: Option<paretonbd::Fit>,
    pub pareto_status: Status,
    /// The chance of at least one purchase is given for these horizons, in days.
    pub buy_within_days: [u32; 3],
    /// How the models did on held-out data.
    pub holdout: HoldoutOut,
    /// 80 % ranges from the parameters' uncertainty; `null` when the likelihood's
    /// curvature gives none (see `btyd::ranges`).
    pub ranges: Option<RangesOut>,
}

/// Horizons of the chance of at least one purchase, in days: a month, two, a quarter.
pub const BUY_WITHIN_DAYS: [u32; 3] = [30, 60, 90];

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClientPrediction {
    pub p_alive: Option<f64>,
    pub expected_purchases: Option<f64>,
    pub clv: Option<Money>,
    /// Chance of at least one purchase within each of [`BUY_WITHIN_DAYS`].
    pub p_buy: Option<[f64; 3]>,
    /// 80 % ranges of `expected_purchases` and `clv` (see [`ranges`]).
    pub expected_range: Option<[f64; 2]>,
    pub clv_range: Option<[Money; 2]>,
}

pub const DAYS_PER_WEEK: f64 = 7.0;

pub fn weeks_per_period(g: Grain) -> f64 {
    match g {
        Grain::Week => 1.0,
        Grain::Month => 365.25 / 12.0 / DAYS_PER_WEEK,
        Grain::Quarter => 365.25 / 4.0 / DAYS_PER_WEEK,
    }
}

/// (x, t_x, T) in weeks and m (average repeat-day revenue, currency units).
pub fn summary(c: &Client, as_of: NaiveDate) -> Option<(bgnbd::Customer, f64)> {
    // One pass over the days up to the as-of date (they are sorted): the first
    // purchase, then every later day's revenue (returns included) and purchase days.
    let mut first: Option<NaiveDate> = None;
    let (mut n, mut repeat) = (0u32, 0i128);
    let mut last = NaiveDate::MIN;
    for d in c.days.iter().take_while(|d| d.day <= as_of) {
        match first {
            Some(f) if d.day > f => {
                repeat += i128::from(d.revenue.0);
                if d.purchases > 0 {
                    n += 1;
                    last = d.day;
                }
            }
            Some(_) => {}
            None if d.purchases > 0 => {
                first = Some(d.day);
                last = d.day;
            }
            None => {}
        }
    }
    let first = first?;
    let weeks = |a: NaiveDate, b: NaiveDate| (b - a).num_days() as f64 / DAYS_PER_WEEK;
    let x = f64::from(n);
    let m = if n > 0 { repeat as f64 / SCALE as f64 / x } else { 0.0 };
    Some((bgnbd::Customer { x, t_x: weeks(first, last), t: weeks(first, as_of) }, m))
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

pub struct Settings {
    pub grain: Grain,
    pub periods: u32,
    pub clv_months: u32,
    pub discount_pct: f64,
    /// Weeks held out for the check; 0: the last quarter of the span, at most 39.
    pub holdout_weeks: u32,
    /// The first purchase in the data (the span the holdout is a quarter of).
    pub first: NaiveDate,
}

/// Average amount of a client's future purchases: their Gamma-Gamma conditional
/// spend for a repeat buyer, the population's mean for anybody else.
pub fn spend_per_purchase(gg: Option<&gamma_gamma::Params>, x: f64, m: f64) -> Option<f64> {
    let g = gg?;
    if x > 0.0 && m > 0.0 {
        Some(gamma_gamma::expected_spend(g, x, m))
    } else {
        (g.q > 1.0).then(|| g.p * g.gamma / (g.q - 1.0))
    }
}

pub fn run(clients: &[Client], as_of: NaiveDate, s: &Settings) -> (BtydOut, Vec<ClientPrediction>) {
    let fits = fit(clients, as_of, s);
    let alive = fits.p_alive();
    forecast(fits, &alive, s)
}

/// The fits and the holdout check: what each client's forecast is computed from
/// ([`forecast`]), and P(alive) already ([`Fits::p_alive`]).
pub struct Fits {
    data: Vec<Option<(bgnbd::Customer, f64)>>,
    fit_on: Vec<bgnbd::Customer>,
    spend_on: Vec<(f64, f64)>,
    out: BtydOut,
    /// The model in use; `None` when neither fitted (`out.status` says why).
    fitted: Option<Fitted>,
    gg: Option<gamma_gamma::Fit>,
}

impl Fits {
    /// Each client's P(alive) under the model in use (`None` without one, or for a
    /// client without a purchase).
    pub fn p_alive(&self) -> Vec<Option<f64>> {
        let Some(fitted) = &self.fitted else { return vec![None; self.data.len()] };
        self.data.iter().map(|d| d.as_ref().and_then(|(c, _)| finite(fitted.p_alive(c)))).collect()
    }
}

/// BG/NBD, Pareto/NBD, their holdout check and Gamma-Gamma: the model in use and
/// everything the forecasts need. The overdue verdict needs only P(alive) from
/// here, so the analysis goes on with it while [`forecast`] computes the rest.
pub fn fit(clients: &[Client], as_of: NaiveDate, s: &Settings) -> Fits {
    // One pass over the clients for the fits and for the holdout check.
    let mut check_clients = holdout::Clients::new(s.first, as_of, s.holdout_weeks);
    let data: Vec<Option<(bgnbd::Customer, f64)>> = clients
        .iter()
        .map(|c| {
            if let Some(h) = check_clients.as_mut() {
                h.add(c);
            }
            summary(c, as_of)
        })
        .collect();
    let customers: Vec<bgnbd::Customer> = data.iter().flatten().map(|d| d.0).collect();
    let horizon = f64::from(s.periods) * weeks_per_period(s.grain);
    let fit_on = sample(&customers, |c| (c.x, c.t_x, c.t));
    let bg = model::fit(Model::Bgnbd, &fit_on);
    crate::trace::mark("BG/NBD fit");
    let pareto = model::fit(Model::Paretonbd, &fit_on);
    crate::trace::mark("Pareto/NBD fit");
    // Spend is fitted before the holdout check, whose refit starts from it.
    let spend: Vec<(f64, f64)> = data.iter().flatten().map(|(c, m)| (c.x, *m)).collect();
    let spend_on = sample(&spend, |&(x, m)| (x, m, 0.0));
    let gg = gamma_gamma::fit(&spend_on);
    crate::trace::mark("Gamma-Gamma fit");
    let starts: Vec<Fitted> = [bg, pareto].into_iter().flatten().collect();
    let check = holdout::run(check_clients, &starts, gg.as_ref().map(|g| &g.params));
    crate::trace::mark("holdout check");
    let mut out = BtydOut {
        status: Status::TooFewData,
        r: None,
        alpha: None,
        a: None,
        b: None,
        log_likelihood: None,
        spend: None,
        spend_status: Status::TooFewData,
        clients: customers.len(),
        histories: bgnbd::distinct(&customers),
        horizon_periods: s.periods,
        horizon_weeks: horizon,
        clv_months: s.clv_months,
        clv_discount_pct: s.discount_pct,
        expected_purchases: None,
        clv: None,
        model: check.chosen,
        pareto: None,
        pareto_status: Status::TooFewData,
        buy_within_days: BUY_WITHIN_DAYS,
        holdout: check,
        ranges: None,
    };
    if let Ok(Fitted::Bgnbd(f)) = bg {
        let p = f.params;
        (out.r, out.alpha, out.a, out.b, out.log_likelihood) =
            (Some(p.r), Some(p.alpha), Some(p.a), Some(p.b), Some(f.log_likelihood));
    }
    if let Ok(Fitted::Paretonbd(f)) = pareto {
        out.pareto = Some(f);
    }
    out.pareto_status = pareto.err().unwrap_or(Status::Fitted);
    // The holdout's choice where that model fitted on all the data, else the other.
    let (first, second) = if out.model == Model::Paretonbd { (pareto, bg) } else { (bg, pareto) };
    let fitted = match (first, second) {
        (Ok(f), _) | (Err(_), Ok(f)) => f,
        (Err(e), Err(_)) => {
            out.status = e;
            return Fits { data, fit_on, spend_on: Vec::new(), out, fitted: None, gg: None };
        }
    };
    out.model = fitted.model();
    out.status = Status::Fitted;
    out.spend_status = match gg {
        Some(g) if [g.params.p, g.params.q, g.params.gamma].iter().all(|v| v.is_finite()) => Status::Fitted,
        Some(_) => Status::Failed,
        None => Status::TooFewData,
    };
    let gg = gg.filter(|_| out.spend_status == Status::Fitted);
    out.spend = gg;
    Fits { data, fit_on, spend_on, out, fitted: Some(fitted), gg }
}

/// Each client's forecast from the fits (P(alive) given, as [`Fits::p_alive`]
/// computed it): expected purchases, value, chances of a purchase, 80 % ranges,
/// and their totals.
pub fn forecast(fits: Fits, alive: &[Option<f64>], s: &Settings) -> (BtydOut, Vec<ClientPrediction>) {
    let Fits { data, fit_on, spend_on, mut out, fitted, gg } = fits;
    let mut preds = vec![ClientPrediction::default(); data.len()];
    let Some(fitted) = fitted else { return (out, preds) };
    let horizon = out.horizon_weeks;
    let rate = libm::pow(1.0 + s.discount_pct / 100.0, 1.0 / 12.0);
    let spread = spread_of(&fitted, &fit_on, gg.as_ref(), &spend_on);
    // The value's range needs the spend's uncertainty too, where spend is modelled.
    let clv_ranged = spread.as_ref().is_some_and(|sp| gg.is_none() || sp.spend_cov().is_some());
    let histories = forecasts(&data, spread.as_ref(), &fitted, curve_times(horizon, s.clv_months, rate), rate);
    let (mut total_x, mut total_v, mut total_r) = (0.0, 0i128, 0i128);
    let (mut sum_x, mut sum_v, mut sum_r) = (Total::default(), Total::default(), Total::default());
    for (((pred, d), h), alive) in preds.iter_mut().zip(&data).zip(&histories).zip(alive) {
        let (Some((c, m)), Some(h)) = (d, h) else { continue };
        pred.p_alive = *alive;
        pred.expected_purchases = finite(h.expected);
        let chances = BUY_WITHIN_DAYS.map(|days| fitted.p_buy(c, f64::from(days) / DAYS_PER_WEEK));
        pred.p_buy = chances.iter().all(|v| v.is_finite()).then_some(chances);
        if let Some(sp) = &spread {
            pred.expected_range = ranges::range_of(sp, h.expected, &h.g_expected, &[0.0; 3]);
            sum_x.add(h.expected, &h.g_expected, &[0.0; 3]);
        }
        let value = spend_per_purchase(gg.as_ref().map(|g| &g.params), c.x, *m);
        if let Some(v) = value.and_then(finite) {
            let to_money = |x: f64| Money(libm::round(x * SCALE as f64).clamp(-9e17, 9e17) as i64);
            pred.clv = finite(h.clv_purchases * v).map(to_money);
            let revenue = finite(h.expected * v).map(to_money);
            total_r += i128::from(revenue.map_or(0, |m| m.0));
            if let Some(sp) = spread.as_ref().filter(|_| clv_ranged) {
                let gs = sp.spend_gradient(v, |p| spend_per_purchase(Some(p), c.x, *m));
                let (gm, gs_clv) = (h.g_clv.map(|g| g * v), gs.map(|g| g * h.clv_purchases));
                pred.clv_range = ranges::range_of(sp, h.clv_purchases * v, &gm, &gs_clv).map(ranges::money);
                sum_v.add(h.clv_purchases * v, &gm, &gs_clv);
                sum_r.add(h.expected * v, &h.g_expected.map(|g| g * v), &gs.map(|g| g * h.expected));
            }
        }
        total_x += pred.expected_purchases.unwrap_or(0.0);
        total_v += i128::from(pred.clv.map_or(0, |m| m.0));
    }
    let clamp = |t: i128| Money(t.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64);
    if let Some(sp) = &spread {
        let p = fitted.params();
        out.ranges = sum_x.range(sp).map(|expected| RangesOut {
            level: ranges::LEVEL,
            model_se: sp.model.standard_errors(&p).try_into().unwrap_or([f64::NAN; 4]),
            spend_se: gg
                .as_ref()
                .zip(sp.spend_cov())
                .and_then(|(g, c)| c.standard_errors(&[g.params.p, g.params.q, g.params.gamma]).try_into().ok()),
            expected_purchases: expected,
            revenue: gg.map(|_| clamp(total_r)),
            revenue_range: gg.filter(|_| clv_ranged).and(sum_r.range(sp)).map(ranges::money),
            clv: gg.filter(|_| clv_ranged).and(sum_v.range(sp)).map(ranges::money),
        });
    }
    out.expected_purchases = finite(total_x);
    out.clv = gg.map(|_| clamp(total_v));
    (out, preds)
}

/// Purchases the value counts: those of the next `months`, each month's discounted
/// at `rate` a month (1: none).
pub fn clv_purchases(f: &Fitted, c: &bgnbd::Customer, months: u32, rate: f64) -> f64 {
    let month = 365.25 / 12.0 / DAYS_PER_WEEK;
    if rate == 1.0 {
        return f.expected(c, f64::from(months) * month);
    }
    let ts: Vec<f64> = (1..=months).map(|k| f64::from(k) * month).collect();
    let mut curve = vec![0.0; ts.len()];
    f.expected_curve(c, &ts, &mut curve);
    discounted(&curve, rate)
}

/// The month-end curve's purchases, each month's discounted at `rate` a month.
fn discounted(curve: &[f64], rate: f64) -> f64 {
    let (mut acc, mut prev, mut factor) = (0.0, 0.0, 1.0);
    for &e in curve {
        factor *= rate;
        acc += (e - prev) / factor;
        prev = e;
    }
    acc
}

/// Expected purchases in the next `horizon` weeks and [`clv_purchases`], from one
/// forecast curve (its points computed together, each bit for bit the figure
/// computed alone: `Fitted::expected_curve`).
pub fn horizon_and_clv(f: &Fitted, c: &bgnbd::Customer, horizon: f64, months: u32, rate: f64) -> (f64, f64) {
    let ts = curve_times(horizon, months, rate);
    let mut curve = vec![0.0; ts.len()];
    f.expected_curve(c, &ts, &mut curve);
    from_curve(&curve, rate)
}

/// The times [`horizon_and_clv`]'s curve is computed at: the horizon, then the
/// value's months (their ends, or only the last where nothing is discounted).
fn curve_times(horizon: f64, months: u32, rate: f64) -> Vec<f64> {
    let month = 365.25 / 12.0 / DAYS_PER_WEEK;
    if rate == 1.0 {
        return vec![horizon, f64::from(months) * month];
    }
    std::iter::once(horizon).chain((1..=months).map(|k| f64::from(k) * month)).collect()
}

/// [`horizon_and_clv`] from the curve at [`curve_times`].
fn from_curve(curve: &[f64], rate: f64) -> (f64, f64) {
    if rate == 1.0 {
        (curve[0], curve[1])
    } else {
        (curve[0], discounted(&curve[1..], rate))
    }
}

/// The ranges' ingredients for the model in use: its covariance (on the sample it
/// was fitted on) and Gamma-Gamma's; `None` where the curvature gives no covariance.
fn spread_of(
    fitted: &Fitted,
    fit_on: &[bgnbd::Customer],
    gg: Option<&gamma_gamma::Fit>,
    spend_on: &[(f64, f64)],
) -> Option<Spread> {
    let cov = match fitted {
        Fitted::Bgnbd(f) => bgnbd::log_covariance(f, fit_on),
        Fitted::Paretonbd(f) => paretonbd::log_covariance(f, fit_on),
    }?;
    let spend = gg.and_then(|g| gamma_gamma::log_covariance(g, spend_on).map(|c| (c, g.params)));
    Some(Spread::new(fitted, cov, spend))
}

/// Each client's forecast with its gradients, computed once per distinct
/// (x, t_x, T): clients with the same history share it. Histories are taken in
/// (x, T, t_x) order, so those with the same x and T follow each other
/// ([`model::Curves`]).
fn forecasts(
    data: &[Option<(bgnbd::Customer, f64)>],
    spread: Option<&Spread>,
    fitted: &Fitted,
    ts: Vec<f64>,
    rate: f64,
) -> Vec<Option<ranges::History>> {
    let key = |c: &bgnbd::Customer| [c.x.to_bits(), c.t.to_bits(), c.t_x.to_bits()];
    let mut order: Vec<(usize, [u64; 3])> =
        data.iter().enumerate().filter_map(|(i, d)| d.as_ref().map(|(c, _)| (i, key(c)))).collect();
    order.sort_unstable_by_key(|&(i, k)| (k, i));
    let mut curves = model::Curves::new(ts);
    let mut out = vec![None; data.len()];
    let mut last: Option<([u64; 3], ranges::History)> = None;
    for (i, k) in order {
        let Some((c, _)) = &data[i] else { continue };
        let h = match last {
            Some((lk, h)) if lk == k => h,
            _ => ranges::history(spread, fitted, &mut |f| from_curve(curves.curve(f, c), rate)),
        };
        last = Some((k, h));
        out[i] = Some(h);
    }
    out
}

/// Clients each model (BG/NBD, Pareto/NBD, Gamma-Gamma) is fitted on. Beyond
/// this the estimates barely move (their standard errors shrink with the square
/// root of the sample, and are a few percent here) while each likelihood evaluation
/// keeps growing; every client is still scored with the fitted model. CDNOW's
/// 23 570 clients are all in. (docs/decisions.md, "One sample for the fits".)
pub const FIT_SAMPLE: usize = 25_000;

/// At most [`FIT_SAMPLE`] items, evenly spaced in a fixed order of their values, so
/// the sample (and the fit) does not depend on the order of the file's rows.
pub(crate) fn sample<T: Copy>(items: &[T], key: impl Fn(&T) -> (f64, f64, f64)) -> Vec<T> {
    sample_to(items, FIT_SAMPLE, key)
}

/// At most `n` items, chosen as [`sample`] chooses them.
pub(crate) fn sample_to<T: Copy>(items: &[T], n: usize, key: impl Fn(&T) -> (f64, f64, f64)) -> Vec<T> {
    if items.len() <= n {
        return items.to_vec();
    }
    // The stable order of the keys under `f64::total_cmp`: each key as integers that
    // compare the same way, its index last (so equal keys keep their order), sorted
    // once as plain integers (a third of the time of a comparator on the floats).
    let ordered = |v: f64| {
        let bits = v.to_bits() as i64;
        bits ^ (((bits >> 63) as u64) >> 1) as i64
    };
    let mut keys: Vec<([i64; 3], usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b, c) = key(item);
            ([ordered(a), ordered(b), ordered(c)], i)
        })
        .collect();
    keys.sort_unstable();
    let step = items.len() as f64 / n as f64;
    (0..n).map(|k| items[keys[(k as f64 * step) as usize].1]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_curves_are_each_clients_own_curve_to_the_bit() {
        // Clients with the same (x, T) and different t_x, under two parameter sets
        // asked in turn (as the fitted and a shifted set are), then a new (x, T) and
        // a Pareto/NBD fit (never shared): each curve as `Fitted::expected_curve`.
        let bg = |r, alpha, a, b| {
            Fitted::Bgnbd(bgnbd::Fit { params: bgnbd::Params { r, alpha, a, b }, log_likelihood: 0.0, evaluations: 0 })
        };
        let fits = [bg(0.243, 4.414, 0.793, 2.426), bg(0.2430024, 4.414, 0.793, 2.426)];
        let pareto = Fitted::Paretonbd(paretonbd::Fit {
            params: paretonbd::Params { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
            log_likelihood: 0.0,
            evaluations: 0,
            converged: true,
        });
        let ts = curve_times(13.0, 12, 1.01);
        let mut curves = model::Curves::new(ts.clone());
        let clients = [(3.0, 10.0, 30.0), (3.0, 25.5, 30.0), (3.0, 29.0, 30.0), (0.0, 0.0, 30.0), (1.0, 2.0, 41.5)];
        for (x, t_x, t) in clients {
            let c = bgnbd::Customer { x, t_x, t };
            for f in fits.iter().chain([&pareto, &fits[0]]) {
                let mut own = vec![0.0; ts.len()];
                f.expected_curve(&c, &ts, &mut own);
                let shared = curves.curve(f, &c);
                assert!(shared.iter().zip(&own).all(|(a, b)| a.to_bits() == b.to_bits()), "{c:?} {f:?}");
            }
        }
        // The last (x, T) holds one tail per BG/NBD parameter set asked for.
        assert_eq!(curves.used, 2);
    }

    #[test]
    fn a_sample_takes_every_step_th_item_in_the_keys_total_order() {
        // Keys with ties, signs, zeros of both signs, infinities and a NaN: the
        // sample is every step-th item of the stable sort under `f64::total_cmp`.
        let values = [0.5, -0.0, 0.0, -3.0, f64::INFINITY, 2.0, f64::NAN, -3.0, 1e-300, f64::NEG_INFINITY, 0.5, 7.0];
        let items: Vec<(f64, f64, usize)> =
            (0..300).map(|i| (values[i % values.len()], values[(i * 7 + 3) % values.len()], i)).collect();
        let key = |t: &(f64, f64, usize)| (t.0, t.1, if t.2.is_multiple_of(5) { -1.0f64 } else { 1.0 });
        let mut sorted = items.clone();
        sorted.sort_by(|a, b| {
            let (a, b) = (key(a), key(b));
            a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.total_cmp(&b.2))
        });
        for n in [1, 7, 64, 299] {
            let step = items.len() as f64 / n as f64;
            let want: Vec<usize> = (0..n).map(|k| sorted[(k as f64 * step) as usize].2).collect();
            let got: Vec<usize> = sample_to(&items, n, key).iter().map(|t| t.2).collect();
            assert_eq!(got, want, "{n}");
        }
        assert_eq!(sample_to(&items, 300, key).len(), 300);
    }
}
