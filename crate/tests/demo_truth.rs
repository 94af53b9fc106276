//! The demo read back through the whole pipeline gives exactly what the generator
//! knows it wrote: rows, total, and each client's revenue and purchases.

use clientscope::{analyze, demo, Options};

#[test]
fn the_report_of_the_demo_matches_its_truth() {
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.input.account.rows_read as usize, d.truth.rows);
    assert_eq!(r.input.account.rows_skipped, 0);
    assert_eq!(r.totals.revenue.to_string(), d.truth.total_revenue);
    assert_eq!(r.totals.returns as usize, d.truth.returns);
    assert_eq!(r.totals.first_date.to_string(), d.truth.first_date);
    assert_eq!(r.totals.last_date.to_string(), d.truth.last_date);
    assert_eq!(r.clients.len(), d.truth.clients.len());
    for c in &r.clients {
        let t = &d.truth.clients[&*c.id];
        assert_eq!(c.revenue.to_string(), t.revenue, "{}", c.id);
        assert_eq!(c.purchases, t.purchases, "{}", c.id);
    }
    // One-time buyers and churners are not active in the last 12 months: they are
    // the inactive ones, and nobody else is.
    let inactive: Vec<&str> = r.clients.iter().filter(|c| c.abc.is_none()).map(|c| c.id.as_ref()).collect();
    for id in &inactive {
        let kind = d.truth.clients[*id].archetype;
        assert!(matches!(kind, demo::Archetype::Churner | demo::Archetype::OneTime), "{id} is {kind:?}");
    }
}
