//! The row-level account: every data row read is either used or skipped with a
//! reason, and the first line numbers of each reason are kept for the user.

use crate::lang::Lang;
use serde::Serialize;
use std::collections::BTreeMap;

/// Line numbers kept per reason; the count goes on past it.
pub const LINES_KEPT: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Skip {
    pub count: u64,
    pub lines: Vec<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Account {
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_skipped: u64,
    pub skipped: BTreeMap<&'static str, Skip>,
    /// Lines above the header (report title, period, filters); not rows.
    pub preamble_lines: u64,
}

impl Account {
    pub fn used(&mut self) {
        self.rows_read += 1;
        self.rows_used += 1;
    }

    pub fn skip(&mut self, reason: &'static str, line: u64) {
        self.rows_read += 1;
        self.rows_skipped += 1;
        let s = self.skipped.entry(reason).or_default();
        s.count += 1;
        if s.lines.len() < LINES_KEPT {
            s.lines.push(line);
        }
    }

    /// The most common reason and its first line, for "nothing usable" errors.
    pub fn top_reason(&self) -> Option<(&'static str, u64)> {
        self.skipped.iter().max_by_key(|(_, s)| s.count).map(|(r, s)| (*r, s.lines.first().copied().unwrap_or(0)))
    }
}

/// Reasons a row is skipped; keys of `input.skipped`.
pub mod reason {
    pub const BLANK: &str = "blank";
    pub const TOTALS_ROW: &str = "totals_row";
    pub const NO_CLIENT: &str = "no_client";
    pub const BAD_DATE: &str = "bad_date";
    pub const BAD_AMOUNT: &str = "bad_amount";
    /// A summary's purchases or returns that are not a whole number from 0.
    pub const BAD_COUNT: &str = "bad_count";
}

pub fn skip_reason_label(reason: &str, lang: Lang) -> &'static str {
    let key = match reason {
        reason::BLANK => "skip.blank",
        reason::TOTALS_ROW => "skip.totals_row",
        reason::NO_CLIENT => "skip.no_client",
        reason::BAD_DATE => "skip.bad_date",
        reason::BAD_AMOUNT => "skip.bad_amount",
        reason::BAD_COUNT => "skip.bad_count",
        _ => "skip.other",
    };
    lang.t(key)
}
