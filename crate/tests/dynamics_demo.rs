//! The demo's planted clients are found: decliners on the leaving list, churners
//! gone, returnees returned; and every list reconciles with its population.

use clientscope::dynamics::flags::Flag;
use clientscope::{analyze, demo, Options};

fn has(flags: &[Flag], code: &str) -> bool {
    flags.iter().any(|f| f.code() == code)
}

/// (precision, recall) of `found` for clients whose truth satisfies `planted`.
fn score(found: &[(bool, bool)]) -> (f64, f64) {
    let tp = found.iter().filter(|(f, p)| *f && *p).count() as f64;
    let listed = found.iter().filter(|(f, _)| *f).count() as f64;
    let planted = found.iter().filter(|(_, p)| *p).count() as f64;
    (tp / listed.max(1.0), tp / planted.max(1.0))
}

#[test]
fn planted_decliners_churners_and_returnees_are_found() {
    use demo::Archetype::*;
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    let kind = |id: &str| d.truth.clients[id].archetype;
    let leaving: std::collections::BTreeSet<&str> = r.leaving.list.iter().map(|x| x.id.as_ref()).collect();
    let rows = |f: &dyn Fn(&clientscope::report::ClientOut) -> Option<(bool, bool)>| {
        r.clients.iter().filter_map(f).collect::<Vec<_>>()
    };
    let decl = score(&rows(&|c| Some((leaving.contains(c.id.as_ref()), kind(&c.id) == Decliner))));
    // Churners among clients who bought more than once (one-time buyers are gone too,
    // and listed apart).
    let churn = score(&rows(&|c| (c.purchases > 1).then(|| (has(&c.flags, "gone"), kind(&c.id) == Churner))));
    let ret = score(&rows(&|c| Some((has(&c.flags, "returned"), kind(&c.id) == Returnee))));
    // A decliner's one small purchase after months of silence is a return too, by the
    // rule; a comeback at the former pace is one without "buys less".
    let real =
        score(&rows(&|c| Some((has(&c.flags, "returned") && !has(&c.flags, "buys_less"), kind(&c.id) == Returnee))));
    println!("leaving: decliners precision {:.3} recall {:.3} ({} listed)", decl.0, decl.1, leaving.len());
    println!("gone (2+ purchases): churners precision {:.3} recall {:.3}", churn.0, churn.1);
    println!("returned: returnees precision {:.3} recall {:.3}", ret.0, ret.1);
    println!("returned, not buying less: returnees precision {:.3} recall {:.3}", real.0, real.1);
    assert!(decl.1 >= 0.95, "{decl:?}");
    // The rest of the list are steady and seasonal clients whose drop is real in the
    // data and beyond their usual swing (0.638 on this demo; 0.449 before the swing
    // rule); decliners are most of it.
    assert!(decl.0 >= 0.6, "{decl:?}");
    assert!(churn.0 >= 0.9 && churn.1 >= 0.95, "{churn:?}");
    assert!(ret.1 >= 0.95, "{ret:?}");
    assert!(real.0 >= 0.9 && real.1 >= 0.75, "{real:?}");
    // The page's first screen: the top of the list is money.
    assert!(r.leaving.list[0].at_stake.is_positive());
    assert!(r.leaving.list.windows(2).all(|w| w[0].at_stake >= w[1].at_stake));
}

#[test]
fn every_list_reconciles_on_the_demo() {
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    let gone = r.clients.iter().filter(|c| has(&c.flags, "gone")).count();
    assert_eq!(r.winback.lost, gone);
    assert_eq!(r.winback.groups.iter().map(|g| g.clients.len()).sum::<usize>(), gone);
    let wb: clientscope::money::Money = r.winback.groups.iter().map(|g| g.annual_value).sum();
    assert_eq!(wb, r.winback.annual_value);
    let one = r.clients.iter().filter(|c| has(&c.flags, "gone") && c.purchases == 1).count();
    assert_eq!(r.one_time_buyers.count, one);
    let last = r.pool.periods.last().unwrap();
    assert_eq!(last.active_end, r.clients.len() - gone);
    for p in &r.pool.periods {
        assert_eq!(p.active_end, p.active_start + p.new + p.returned - p.lost);
    }
    let at_stake: clientscope::money::Money = r.leaving.list.iter().map(|x| x.at_stake).sum();
    assert_eq!(at_stake, r.leaving.at_stake);
    for t in [&r.transitions.previous, &r.transitions.year_ago] {
        let from: usize = t.moves.iter().filter(|m| m.from != "new").map(|m| m.count).sum();
        let to: usize = t.moves.iter().filter(|m| m.to != "gone").map(|m| m.count).sum();
        assert_eq!((from, to), (t.clients_before, t.clients_now));
    }
    let now = r.transitions.periods.last().unwrap();
    assert_eq!(now.clients, r.matrix.clients);
    for (a, b) in now.cells.iter().zip(&r.matrix.cells) {
        assert_eq!((a.count, a.revenue), (b.count, b.revenue));
    }
    // BG/NBD fits the demo and every figure is finite.
    assert_eq!(serde_json::to_value(r.btyd.status).unwrap(), "fitted");
    assert!(r.clients.iter().all(|c| c.p_alive.is_some_and(|p| (0.0..=1.0).contains(&p))));
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("NaN"));
}

/// Each client's `cell_history` reads the same matrices as `transitions.periods`:
/// counted per period it gives every period's nine counts, and its last two entries
/// are `cell_previous` and `cell`.
#[test]
fn cell_history_rebuilds_every_period_matrix() {
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    let periods = &r.transitions.periods;
    let key = |c: Option<clientscope::dynamics::cells::Cell>| c.map_or("--", |c| c.key());
    for c in &r.clients {
        let h: Vec<&str> = c.cell_history.split(' ').collect();
        assert_eq!(h.len(), periods.len(), "{}", c.id);
        assert_eq!(h[h.len() - 1], key(c.cell), "{}", c.id);
        assert_eq!(h[h.len() - 2], key(c.cell_previous), "{}", c.id);
    }
    for (k, p) in periods.iter().enumerate() {
        for cell in &p.cells {
            let n = r.clients.iter().filter(|c| c.cell_history.split(' ').nth(k) == Some(cell.cell.key())).count();
            assert_eq!(n, cell.count, "period {} cell {:?}", p.period_start, cell.cell);
        }
        let active = r.clients.iter().filter(|c| c.cell_history.split(' ').nth(k) != Some("--")).count();
        assert_eq!(active, p.clients);
    }
    // Three bytes a period, less the last space.
    assert!(r.clients.iter().all(|c| c.cell_history.len() == 3 * periods.len() - 1));
}

#[test]
fn revenue_by_class_and_cohorts_reconcile_on_the_demo() {
    use clientscope::money::Money;
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    let p = &r.revenue_by_class.periods;
    assert_eq!(p.len(), r.pool.periods.len());
    assert_eq!(p.len(), r.transitions.periods.len());
    for (x, y) in p.iter().zip(&r.pool.periods) {
        assert_eq!(x.period_start, y.period_start);
        assert_eq!(x.revenue.a + x.revenue.b + x.revenue.c, x.total, "{}", x.period_start);
    }
    // The twelve periods are the twelve-month window: each class's bars add up to the
    // window revenue of the clients in it, and all of them to the window's revenue.
    for (class, pick) in [("A", 0), ("B", 1), ("C", 2)] {
        let bars: Money = p.iter().map(|x| [x.revenue.a, x.revenue.b, x.revenue.c][pick]).sum();
        let clients: Money = r
            .clients
            .iter()
            .filter(|c| c.abc.is_some_and(|k| format!("{k:?}") == class))
            .map(|c| c.window_revenue)
            .sum();
        assert_eq!(bars, clients, "{class}");
    }
    // Per month against the file itself: the sum of the amounts dated in it (dd.mm.yyyy;
    // amount last, comma decimals).
    let mut by_month: std::collections::BTreeMap<String, i128> = Default::default();
    for line in d.csv.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        let date = f[0];
        let key = format!("{}-{}-01", &date[6..10], &date[3..5]);
        let amount = f.last().unwrap().replace(['\u{a0}', ' '], "").replace(',', ".");
        let (whole, frac) = amount.split_once('.').unwrap_or((&amount, ""));
        let sign = if whole.starts_with('-') { -1 } else { 1 };
        let units = whole.trim_start_matches('-').parse::<i128>().unwrap() * 10_000
            + format!("{frac:0<4}")[..4].parse::<i128>().unwrap();
        *by_month.entry(key).or_default() += sign * units;
    }
    for x in p {
        assert_eq!(i128::from(x.total.0), by_month[&x.period_start.to_string()], "{}", x.period_start);
    }
    // Cohorts: one per month with new clients, as many as the pool counts new.
    let k = &r.cohorts.cohorts;
    for y in &r.pool.periods {
        let size = k.iter().find(|c| c.period_start == y.period_start).map_or(0, |c| c.clients);
        assert_eq!(size, y.new, "{}", y.period_start);
    }
    for c in k {
        assert_eq!(c.active[0], c.clients);
        assert!(c.active.iter().all(|a| *a <= c.clients));
        assert_eq!(c.active.len() + p.iter().position(|x| x.period_start == c.period_start).unwrap(), p.len());
    }
}
