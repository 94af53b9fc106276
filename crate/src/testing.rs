//! Checks shared by the fuzz target and the tests that replay its corpus.

use crate::{Options, Session};

/// Reads `data` in chunks sized by its first byte and checks what must hold for
/// every input: no panic, and a report whose row account adds up.
pub fn check_any_input(data: &[u8]) {
    let (chunk, body) = match data.split_first() {
        Some((&c, rest)) => (usize::from(c).max(1), rest),
        None => (1, data),
    };
    let Ok(mut session) = Session::new(Options::default()) else { return };
    for part in body.chunks(chunk) {
        if session.push(part).is_err() {
            return;
        }
    }
    if let Ok(report) = session.finish() {
        let a = &report.input.account;
        assert_eq!(a.rows_read, a.rows_used + a.rows_skipped, "row account");
        let skipped: u64 = a.skipped.values().map(|s| s.count).sum();
        assert_eq!(skipped, a.rows_skipped, "skip reasons");
        let by_client: crate::money::Money = report.clients.iter().map(|c| c.revenue).sum();
        assert_eq!(by_client, report.totals.revenue, "client revenue sums to the total");
        // Every client holds exactly one lifecycle status.
        let l = &report.lifecycle.statuses;
        assert_eq!(l.iter().map(|s| s.count).sum::<usize>(), report.clients.len(), "lifecycle counts");
        let by_status: crate::money::Money = l.iter().map(|s| s.revenue).sum();
        assert_eq!(by_status, report.totals.revenue, "lifecycle revenue");
    }
}
