//! Clientscope core: a customer-base analyzer that runs the same on every target.
//!
//! Data flows one way:
//! `bytes -> ingest (typed rows + row account) -> ledger (per-client sums by day)
//!  -> analyses (segment, then dynamics, retention and btyd, which read its
//!  verdicts) -> report (one serializable Report) -> views`.
//!
//! The core never sees a JavaScript value: `wasm` converts types at the border,
//! and the CLI (`src/bin/clientscope.rs`) calls the same [`Session`] / [`analyze`].

pub mod benchdata;
pub mod btyd;
pub mod chart;
pub mod code;
pub mod demo;
pub mod dynamics;
pub mod error;
pub mod export;
pub mod ingest;
pub mod json;
pub mod lang;
pub mod ledger;
pub mod lifecycle;
pub mod money;
pub mod options;
pub mod period;
pub mod report;
pub mod retention;
pub mod segment;
pub mod settings;
pub mod testing;
pub mod texts;
pub mod trace;

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
}

impl Session {
    pub fn new(options: Options) -> Result<Session, Error> {
        options.validate()?;
        let ingest = Ingest::new(&options);
        Ok(Session { options, ingest, ledger: Ledger::new() })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.ingest.push(chunk, &mut self.ledger)
    }

    pub fn finish(mut self) -> Result<Report, Error> {
        let mut input = self.ingest.finish(&mut self.ledger)?;
        trace::mark("file read");
        let histories = self.ledger.finish_all()?;
        trace::mark("ledger to histories");
        let o = &histories.totals.outliers;
        for (code, tail) in [("early_date_outliers", &o.early), ("late_date_outliers", &o.late)] {
            if tail.rows > 0 {
                input.warnings.push(ingest::Warning::lines(code, tail.rows, tail.lines.clone()));
            }
        }
        Ok(report::build(input, histories, &self.options))
    }
}

/// The whole file at once.
pub fn analyze(bytes: &[u8], options: &Options) -> Result<Report, Error> {
    let mut s = Session::new(options.clone())?;
    s.push(bytes)?;
    s.finish()
}
