//! Checks shared by the fuzz target and the tests that replay its corpus.

use crate::{Options, Session};

/// Reads `data` in chunks sized by its first byte and checks what must hold for
/// every input: no panic, and a report whose row account adds up.
pub fn check_any_input(data: &[u8]) {
    let (chunk, body) = match data.split_first() {
        Some((&c, rest)) => (usize::from(c).max(1), rest),
        None => (1, data),
    };
    check_chunks(body, chunk);
}

/// The same check on a whole file pushed at once: for the spreadsheet and HTML
/// fuzz targets, whose inputs start with the file's own magic bytes.
pub fn check_whole_file(data: &[u8]) {
    check_chunks(data, data.len().max(1));
}

fn check_chunks(body: &[u8], chunk: usize) {
    let Ok(mut session) = Session::new(Options::default()) else { return };
    for part in body.chunks(chunk) {
        if let Err(e) = session.push(part) {
            return no_reader_panic(&e);
        }
    }
    let report = session.finish();
    if let Err(e) = &report {
        no_reader_panic(e);
    }
    if let Ok(report) = report {
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

/// A spreadsheet reader panic caught natively would end the worker in wasm.
fn no_reader_panic(e: &crate::Error) {
    if let crate::Error::Unreadable { detail } = e {
        assert!(!detail.starts_with(crate::ingest::READER_PANIC), "{detail}");
    }
}
