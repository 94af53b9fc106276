//! The one analysis entry: the ledger's histories in, the Report out. It decides
//! the run's [`Scope`] once (dates, window, measure, the cell rule), builds the
//! clients' period summaries once, and runs the analyses in the order the data
//! flows: segmentation (ABC/XYZ of every dimension, matrix, ABCDX, concentration,
//! quadrants, RFM, NPS) -> dynamics (matrices at each date, transitions, flags) ->
//! retention (leakage, pool, revenue by class, cohorts, win-back, one-time buyers);
//! beside all of these (on a second thread natively, see [`crate::par`]) the
//! buying models: BG/NBD, Pareto/NBD, their holdout check, Gamma-Gamma. Then what
//! reads P(alive): the overdue verdict -> the leaving list -> lifecycle -> LTV ->
//! the team (each manager's and branch's portfolio, read from all of the above).
//! Each client's findings go straight into its report row, by its ledger index;
//! the rows are sorted last.

use crate::btyd::predict;
use crate::dynamics::cells::Cell;
use crate::dynamics::cohorts::CohortsOut;
use crate::dynamics::flags::FlagsOut;
use crate::dynamics::revenue::RevenueOut;
use crate::dynamics::transitions::DynamicsTransitions;
use crate::ingest::InputInfo;
use crate::ledger::{Client, Histories};
use crate::lifecycle::DayFacts;
use crate::money::Money;
use crate::options::Options;
use crate::report::{ClientOut, Report, Settings, TotalsOut, SCHEMA_VERSION};
use crate::retention::leakage::{LeakageOut, PoolOut};
use crate::retention::onetime::OneTimeOut;
use crate::retention::winback::WinbackOut;
use crate::scope::Scope;
use crate::segment::abc::AbcOut;
use crate::segment::abcdx::{AbcdxOut, Verdict};
use crate::segment::concentration::ConcentrationOut;
use crate::segment::matrix::MatrixOut;
use crate::segment::nps::NpsOut;
use crate::segment::quadrants::QuadrantsOut;
use crate::segment::rfm::RfmOut;
use crate::segment::run::{self, ClientSeg};
use crate::segment::xyz::XyzOut;
use crate::segment::{Dimension, Measure};
use crate::summaries::Summaries;
use crate::{dynamics, retention, trace};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// A client's report row before the analyses fill it in: what the ledger and the
/// window say. The id moves in at the end, when the history is no longer read.
fn empty_row(c: &Client, scope: &Scope) -> ClientOut {
    let f = &scope.frame;
    ClientOut {
        id: crate::ledger::Id::default(),
        revenue: c.revenue(),
        window_revenue: c.revenue_between(f.from, scope.as_of),
        window_margin: scope.has_margin.then(|| Measure::Margin.sum_in(&c.days, &c.extras, f.range(&c.days))),
        purchases: c.purchases.len(),
        first_purchase: c.purchases.first().copied(),
        last_purchase: c.purchases.last().copied(),
        abc: None,
        xyz: None,
        xyz_status: None,
        xyz_value: None,
        abcdx: None,
        rfm: None,
        rfm_segment: None,
        quadrant: None,
        loyalty: None,
        nps: None,
        manager: c.profile.manager.shared(),
        channel: c.profile.channel.shared(),
        reason: c.profile.reason.shared(),
        flags: Vec::new(),
        overdue: None,
        cell: None,
        cell_previous: None,
        cell_year_ago: None,
        cell_history: Default::default(),
        annual_value: None,
        p_alive: None,
        p_buy: None,
        expected_purchases: None,
        clv: None,
        expected_range: None,
        clv_range: None,
        // Set by the lifecycle, the last analysis to read the row.
        lifecycle: crate::lifecycle::Status::NoPurchase,
    }
}

/// The order of the report's rows: largest window revenue first, then revenue,
/// then id. The rows come in the ledger's id order, so an index breaks a tie as the
/// id would. Rows are a few hundred bytes: their keys are sorted beside their
/// indices (known from the start), and the rows are put in place once at the end.
fn row_order(rows: &[ClientOut]) -> Vec<usize> {
    let mut keys: Vec<(Reverse<Money>, Reverse<Money>, usize)> =
        rows.iter().enumerate().map(|(i, r)| (Reverse(r.window_revenue), Reverse(r.revenue), i)).collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k.2).collect()
}

/// Segmentation, the matrices at each date with their transitions and the flags,
/// and the retention figures that do not read the forecasts: what [`run`] computes
/// beside them.
fn before_forecasts(h: &Histories, scope: &Scope, opts: &Options) -> Early {
    let (so, d) = (&opts.segment, &opts.dynamics);
    let t = &h.totals;
    let sums = Summaries::build(
        &h.clients,
        opts.period,
        scope.as_of,
        dynamics::earliest_period(scope, d).min(scope.frame.first),
        scope.rule.measure,
    );
    trace::mark("period summaries");

    // Segmentation. Clients are ranked from their period summaries; every figure
    // read from a client's days is then read in one pass over the clients (a pass
    // over every client's days costs a cache miss or two per client, whatever it
    // computes: 50 000 clients' days are tens of megabytes scattered over the heap).
    // The client table's window sums here; the matrices' dozen windows are summed
    // together in one pass when the dynamics read them, so their columns (14 bytes a
    // client a window) are not held through segmentation, the phase of the peak
    // memory at 10M rows (+19 MB at 100 000 clients).
    let own = sums.columns(&[(scope.frame.first, scope.frame.last)]).pop().unwrap_or_default();
    let (ranked, client_abc) = run::client_table(&sums, own, scope, so);
    let mut abc_by: BTreeMap<String, AbcOut> = BTreeMap::new();
    for (dim, items) in
        [(Dimension::Product, &h.products), (Dimension::Manager, &h.managers), (Dimension::Branch, &h.branches)]
    {
        if !items.is_empty() {
            abc_by.insert(dim.key().to_string(), run::table(dim, items, scope, so, t));
        }
    }
    let xyz = client_abc.xyz.clone();
    let abc = match abc_by.remove(so.abc_dimension.key()) {
        Some(chosen) => {
            abc_by.insert(Dimension::Client.key().to_string(), client_abc);
            chosen
        }
        None => client_abc,
    };
    let dx = run::abcdx_basis(&h.clients, scope, so, t);
    let letter = dx.classifier(&ranked, &scope.frame);
    let n = h.clients.len();
    let mut rows: Vec<ClientOut> = Vec::with_capacity(n);
    let mut window_rev: Vec<Money> = Vec::with_capacity(n);
    let mut annual: Vec<Option<Money>> = Vec::with_capacity(n);
    let mut verdicts: Vec<Option<Verdict>> = Vec::with_capacity(n);
    let mut in_window: Vec<run::InWindow> = Vec::with_capacity(n);
    // What the steps after P(alive) read of the days, gathered here where the
    // days are at hand: the lifecycle's and team's facts, the LTV's sums.
    let mut day_facts: Vec<DayFacts> = Vec::with_capacity(n);
    let mut lifetime = retention::ltv::Lifetime::default();
    for (i, c) in h.clients.iter().enumerate() {
        let mut row = empty_row(c, scope);
        row.annual_value = retention::ltv::annual_value(c, scope.as_of);
        annual.push(row.annual_value);
        rows.push(row);
        window_rev.push(Measure::Revenue.sum(scope.frame.days(&c.days), &[]));
        let verdict = letter.verdict(i, c);
        lifetime.add(c, verdict.as_ref(), scope.as_of);
        verdicts.push(verdict);
        in_window.push(run::InWindow::of(c, &scope.frame));
        day_facts.push(DayFacts::of(c, scope.as_of));
    }
    let mut seg: Vec<ClientSeg> = ranked
        .classes
        .iter()
        .zip(&ranked.xyz)
        .map(|(a, x)| ClientSeg { abc: *a, xyz: *x, ..ClientSeg::default() })
        .collect();
    let matrix = run::matrix(&h.clients, &seg, &window_rev);
    let abcdx = dx.summarize(&h.clients, &verdicts, &scope.frame, t, &window_rev);
    drop((dx, ranked));
    for (s, v) in seg.iter_mut().zip(&verdicts) {
        s.abcdx = *v;
    }
    let concentration = run::concentration(&h.clients, &seg, &window_rev, so);
    // The quadrants' profit: the window's margin where the file has one (the rows
    // hold it), else its revenue.
    let margins: Vec<Money>;
    let profit: &[Money] = if t.margin_rows > 0 {
        margins = rows.iter().map(|r| r.window_margin.unwrap_or_default()).collect();
        &margins
    } else {
        &window_rev
    };
    let quadrants = run::loyalty(&h.clients, &mut seg, &scope.frame, so, t, &sums, profit);
    let rfm = run::rfm_scores(&h.clients, &mut seg, &scope.frame, so, &window_rev, &in_window);
    drop(in_window);
    let nps = run::nps_by_segment(&h.clients, &mut seg, &scope.frame);
    drop(window_rev);
    for (row, s) in rows.iter_mut().zip(&seg) {
        row.abc = s.abc;
        row.xyz = s.xyz.map(|x| crate::code::of(&x.class));
        row.xyz_status = s.xyz.map(|x| x.status);
        row.xyz_value = s.xyz.and_then(|x| x.value);
        row.abcdx = s.abcdx.map(|v| crate::code::of(&v.group));
        row.rfm = s.rfm.map(|r| crate::code::code(r.code()));
        row.rfm_segment = s.rfm.map(|r| r.segment);
        row.quadrant = s.quadrant;
        row.loyalty = s.loyalty;
        row.nps = s.nps;
    }
    trace::mark("segmentation");

    let classes: Vec<_> = seg.iter().map(|s| s.abc).collect();
    // The matrix's cell of each client, for the team's portfolios.
    let cells: Vec<Option<dynamics::cells::Cell>> = seg.iter().map(|s| Some(Cell::of(s.abc?, s.xyz?.class))).collect();
    drop(seg);
    let (as_of, first) = (scope.as_of, scope.first);
    let pool_periods = dynamics::history_len(&scope.frame);
    // Dynamics and retention read segmentation's results, not each other's: natively
    // they run side by side (beside the fits on the other thread, so three threads
    // share the two cores for a moment; in wasm one after the other).
    let ((transitions, flags, standing, order), retained) = crate::par::join(
        || {
            // Dynamics, all but the overdue verdict (it reads P(alive)).
            let frames = dynamics::matrix_frames(scope, d);
            let windows: Vec<(i32, i32)> = frames.iter().map(|(_, f)| (f.first, f.last)).collect();
            let matrices = dynamics::Matrices::read(&sums, scope, &frames, sums.columns(&windows));
            let transitions = dynamics::transitions(&matrices, &scope.frame);
            // The flags, and what the leaving list reads from the days (while the
            // fits run: only the overdue verdict waits for them).
            let (flags, standing) = dynamics::client_flags(h, &matrices, &scope.frame, &verdicts, d, &mut rows);
            drop(matrices);
            let order = row_order(&rows);
            trace::mark("dynamics but the overdue verdict");
            (transitions, flags, standing, order)
        },
        || {
            let out = Retained {
                leakage: retention::leakage::leakage(&h.clients, &verdicts, as_of, first),
                pool: retention::leakage::pool(&h.clients, &verdicts, opts.period, as_of, pool_periods),
                revenue_by_class: dynamics::revenue::build(&sums, &classes, pool_periods),
                cohorts: dynamics::cohorts::build(&sums, as_of, pool_periods),
                winback: retention::winback::build(&h.clients, &verdicts, &annual, scope, &h.product_names, d),
                one_time_buyers: retention::onetime::build(&h.clients, &verdicts, &h.product_names, as_of),
            };
            trace::mark("leakage, pool, cohorts, win-back, one-time");
            out
        },
    );
    drop(sums);
    Early {
        order,
        rows,
        abc,
        abc_by,
        xyz,
        matrix,
        abcdx,
        verdicts,
        concentration,
        quadrants,
        rfm,
        nps,
        annual,
        transitions,
        flags,
        standing,
        day_facts,
        lifetime,
        cells,
        retained,
    }
}

/// The retention figures that do not read the forecasts.
struct Retained {
    leakage: LeakageOut,
    pool: PoolOut,
    revenue_by_class: RevenueOut,
    cohorts: CohortsOut,
    winback: WinbackOut,
    one_time_buyers: OneTimeOut,
}

/// What the analyses before the forecasts give: everything but what reads P(alive).
struct Early {
    /// The rows' final order ([`row_order`]).
    order: Vec<usize>,
    rows: Vec<ClientOut>,
    abc: AbcOut,
    abc_by: BTreeMap<String, AbcOut>,
    xyz: XyzOut,
    matrix: MatrixOut,
    abcdx: AbcdxOut,
    verdicts: Vec<Option<Verdict>>,
    concentration: ConcentrationOut,
    quadrants: QuadrantsOut,
    rfm: RfmOut,
    nps: Option<NpsOut>,
    annual: Vec<Option<Money>>,
    transitions: DynamicsTransitions,
    flags: FlagsOut,
    /// Each client's standing for the leaving list ([`dynamics::client_flags`]).
    standing: Vec<crate::dynamics::leaving::Standing>,
    day_facts: Vec<DayFacts>,
    lifetime: retention::ltv::Lifetime,
    cells: Vec<Option<Cell>>,
    retained: Retained,
}

pub fn run(input: InputInfo, h: Histories, opts: &Options) -> Report {
    let scope = Scope::new(&h.totals, opts);
    let d = &opts.dynamics;
    let t = &h.totals;
    let settings = predict::Settings {
        grain: opts.period,
        periods: d.btyd_periods,
        clv_months: d.clv_months,
        discount_pct: d.clv_discount_pct,
        holdout_weeks: d.holdout_weeks,
        first: scope.first,
    };
    // The buying models (BG/NBD, Pareto/NBD, their holdout check, Gamma-Gamma:
    // about half the work) read only the clients' days, and of everything else only
    // the overdue verdict reads them, through P(alive) (dynamics::flags::overdue).
    // So natively they run on a second thread (`par::join`; one after the other in
    // wasm, with the same results): the fits beside segmentation, the matrices, the
    // flags and retention; then each client's forecast and its ranges beside what
    // reads P(alive).
    let (early, (fits, alive)) = crate::par::join(
        || before_forecasts(&h, &scope, opts),
        || {
            let fits = predict::fit(&h.clients, scope.as_of, &settings);
            let alive = fits.p_alive();
            (fits, alive)
        },
    );
    let Early {
        order,
        mut rows,
        abc,
        abc_by,
        xyz,
        matrix,
        abcdx,
        verdicts,
        concentration,
        quadrants,
        rfm,
        nps,
        annual,
        transitions,
        mut flags,
        standing,
        day_facts,
        lifetime,
        cells,
        retained: Retained { leakage, pool, revenue_by_class, cohorts, winback, one_time_buyers },
    } = early;
    for (row, p) in rows.iter_mut().zip(&alive) {
        row.p_alive = *p;
    }
    let totals = TotalsOut {
        revenue: t.revenue,
        margin: scope.has_margin.then_some(t.margin),
        clients: h.clients.len(),
        purchases: h.clients.iter().map(|c| c.purchases.len()).sum(),
        returns: t.return_lines,
        returns_amount: t.returns_amount,
        first_date: scope.first,
        last_date: scope.last,
        as_of: scope.as_of,
        window_start: scope.frame.from,
    };
    let as_of = scope.as_of;
    let ((leaving, lifecycle, ltv, team, order), (btyd, predictions)) = crate::par::join(
        || {
            // What reads P(alive): the overdue verdict, then the leaving list and the lifecycle.
            dynamics::overdue(&verdicts, d, &mut rows, &mut flags);
            let leaving = dynamics::leaving(&h, &rows, &standing);
            drop(standing);
            let seen: Vec<crate::lifecycle::ClientDyn> = rows
                .iter()
                .map(|r| crate::lifecycle::ClientDyn {
                    flags: &r.flags,
                    overdue: r.overdue,
                    cell: r.cell,
                    cell_previous: r.cell_previous,
                    cell_year_ago: r.cell_year_ago,
                    revenue: Some((r.revenue, r.window_revenue)),
                })
                .collect();
            let (statuses, lifecycle) = crate::lifecycle::build(&crate::lifecycle::Inputs {
                clients: &h.clients,
                days: &day_facts,
                verdicts: &verdicts,
                dynamics: &seen,
                leaving: &leaving,
                pool: &pool,
                from: scope.frame.from,
                as_of,
            });
            drop(seen);
            for (row, s) in rows.iter_mut().zip(&statuses) {
                row.lifecycle = *s;
            }
            let ltv = retention::ltv::build(&lifetime, &verdicts, &annual, &statuses, as_of, scope.has_margin);
            trace::mark("overdue, leaving, lifecycle, LTV");

            // The team: every figure per manager and branch from the findings above.
            // Read by the portfolios only, which need a manager or a branch column.
            let leaked: Vec<Option<bool>> = if h.managers.is_empty() && h.branches.is_empty() {
                Vec::new()
            } else {
                day_facts.iter().map(|d| d.in_leakage_base.then_some(d.leaked)).collect()
            };
            let team = crate::team::build(&crate::team::Inputs {
                clients: &h.clients,
                rows: &rows,
                cells: &cells,
                leakage: &leaked,
                leaving: &leaving,
                winback: &winback,
                one_time: &one_time_buyers,
                has_managers: !h.managers.is_empty(),
                has_branches: !h.branches.is_empty(),
                filter: opts.manager.clone(),
            });
            trace::mark("team");

            // Nothing reads the histories from here on. The ids move into the rows
            // instead of being copied, the rows are put in their final order and the
            // histories freed (a few vectors each, scattered over the heap), all
            // while the ranges are computed on the other thread. The forecasts then
            // go to each row through `order`.
            let mut clients = h.clients;
            let spare: crate::ledger::Id = "".into();
            for (row, c) in rows.iter_mut().zip(clients.iter_mut()) {
                row.id = std::mem::replace(&mut c.id, crate::ledger::Id::clone(&spare));
            }
            crate::order::apply(&mut rows, order.clone());
            drop(clients);
            trace::mark("freeing the histories");
            (leaving, lifecycle, ltv, team, order)
        },
        || {
            let out = predict::forecast(fits, &alive, &settings);
            trace::mark("80 % ranges and each client's forecast");
            out
        },
    );
    drop((cells, alive));
    for (row, p) in rows.iter_mut().zip(order.iter().map(|&i| &predictions[i])) {
        row.expected_purchases = p.expected_purchases;
        row.clv = p.clv;
        row.p_buy = p.p_buy;
        row.expected_range = p.expected_range;
        row.clv_range = p.clv_range;
    }
    drop(predictions);
    trace::mark("client rows");

    let currency = opts.currency.or(input.currency);
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        input,
        settings: Settings {
            period: opts.period,
            window: opts.window,
            abc_thresholds: opts.abc_thresholds,
            as_of,
            consultant: (!opts.consultant.is_empty()).then(|| opts.consultant.clone()),
            currency,
            segment: opts.segment.clone(),
            dynamics: opts.dynamics.clone(),
        },
        totals,
        clients: rows,
        abc,
        abc_by,
        xyz,
        matrix,
        abcdx,
        concentration,
        quadrants,
        nps,
        rfm,
        transitions,
        flags,
        leaving,
        leakage,
        pool,
        revenue_by_class,
        cohorts,
        ltv,
        winback,
        one_time_buyers,
        btyd,
        lifecycle,
        team,
        headlines: Vec::new(),
        findings: Vec::new(),
        sufficiency: Vec::new(),
    };
    // Words and caveats read the finished figures, so they say only what those say.
    report.headlines = crate::headline::build(&report);
    report.findings = crate::headline::findings(&report, &report.headlines);
    report.sufficiency = crate::sufficiency::check(&report);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_ledger_gives_empty_analyses() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let h = Histories {
            totals: crate::ledger::Totals { first_date: Some(day), last_date: Some(day), ..Default::default() },
            ..Histories::default()
        };
        let s = run(InputInfo::default(), h, &Options::default());
        assert!(s.clients.is_empty() && s.abc_by.is_empty() && s.nps.is_none());
        assert_eq!(s.matrix.clients, 0);
        assert_eq!(s.rfm.clients, 0);
        assert!(s.quadrants.points.is_empty());
        assert_eq!(s.concentration.gini, 0.0);
    }
}
