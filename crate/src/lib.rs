//! Clientscope core: a customer-base analyzer that runs the same on every target.
//!
//! Data flows one way, and the modules follow it:
//!
//! 1. `ingest`: bytes -> typed rows, and the row account (read = used + skipped).
//! 2. `ledger`: rows -> each client's sums by day, purchases and profile
//!    ([`ledger::Histories`]; products, managers and branches by day too).
//! 3. `summaries`: built once from the histories: each client's revenue, measure
//!    and purchases per period of the chosen grain, split at the as-of day
//!    ([`summaries::Summaries`]). What a matrix at any date needs is a few period
//!    entries per client, so the analyses grow with clients x periods.
//! 4. `analysis`: decides the run's [`scope::Scope`] once (dates, window, measure,
//!    the ABC-XYZ cell rule) and runs the analyses in order: `segment` (ABC, XYZ,
//!    matrix, ABCDX, concentration, quadrants, RFM, NPS) -> `dynamics` (matrices
//!    at each date, transitions, flags) -> `retention` (leakage, pool, cohorts,
//!    win-back, one-time), with `btyd` (BG/NBD, Pareto/NBD, Gamma-Gamma) beside
//!    them (a second thread natively: `par`) -> the overdue verdict (it reads
//!    P(alive)), leaving -> `lifecycle` (one status per client) -> LTV -> `team`
//!    (each manager's and branch's portfolio, from all of the above).
//! 5. `report`: the types of the one serializable [`Report`] (no logic).
//! 6. Views: `json` (the report in pieces), `export` (CSV, XLSX, HTML), `chart`
//!    (SVG), and the page in `www/`.
//!
//! Shared types sit below the modules that use them: `frame` (the window, the
//! measures, exact sums and shares), `money`, `period`, `code` (class codes, spelt
//! by serde), `lang`, `error`, `options`.
//!
//! The core never sees a JavaScript value: `wasm` converts types at the border,
//! and the CLI (`src/bin/clientscope.rs`) calls the same [`Session`] / [`analyze`].

pub mod analysis;
pub mod benchdata;
pub mod btyd;
pub mod chart;
pub mod client_list;
pub mod code;
pub mod currency;
pub mod demo;
pub mod dynamics;
pub mod error;
pub mod export;
pub mod format;
pub mod frame;
pub mod headline;
pub mod ingest;
pub mod json;
pub mod lang;
pub mod ledger;
pub mod lifecycle;
pub mod money;
pub mod options;
pub mod order;
pub mod par;
pub mod period;
pub mod report;
pub mod retention;
pub mod scope;
pub mod segment;
pub mod settings;
pub mod split;
pub mod sufficiency;
pub mod summaries;
pub mod team;
pub mod testing;
pub mod texts;
pub mod trace;
pub mod warehouse;
pub mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::Error;
pub use lang::Lang;
pub use options::Options;
pub use report::Report;

use ingest::Ingest;
use ledger::Ledger;

/// A streaming analysis: push the file in chunks of any size, then finish.
pub struct Session {
    options: Options,
    ingest: Ingest,
    ledger: Ledger,
    /// Bytes pushed so far.
    pushed: u64,
    /// Set when this session reads the first part of a file split among workers.
    lead: Option<Box<split::Lead>>,
}

impl Session {
    pub fn new(options: Options) -> Result<Session, Error> {
        options.validate()?;
        let ingest = Ingest::new(&options);
        let ledger = Ledger::narrowed(options.manager.clone());
        Ok(Session { options, ingest, ledger, pushed: 0, lead: None })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.pushed += chunk.len() as u64;
        let chunk = match &mut self.lead {
            Some(lead) => lead.span.take(chunk),
            None => chunk,
        };
        self.ingest.push(chunk, &mut self.ledger)
    }

    pub fn finish(mut self) -> Result<Report, Error> {
        let input = self.ingest.finish(&mut self.ledger)?;
        report(input, self.ledger, &self.options)
    }
}

/// The analysis of the file read (by one worker or several).
fn report(mut input: ingest::InputInfo, ledger: Ledger, options: &Options) -> Result<Report, Error> {
    trace::mark("file read");
    let histories = ledger.finish_all()?;
    trace::mark("ledger to histories");
    let o = &histories.totals.outliers;
    for (code, tail) in [("early_date_outliers", &o.early), ("late_date_outliers", &o.late)] {
        if tail.rows > 0 {
            input.warnings.push(ingest::Warning::lines(code, tail.rows, tail.lines.clone()));
        }
    }
    Ok(analysis::run(input, histories, options))
}

/// The whole file at once.
pub fn analyze(bytes: &[u8], options: &Options) -> Result<Report, Error> {
    let mut s = Session::new(options.clone())?;
    s.push(bytes)?;
    s.finish()
}
