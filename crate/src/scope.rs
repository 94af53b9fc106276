//! What every analysis of one run shares, decided once from the options and the
//! ledger's totals: the dates (first and last in the file, the as-of date, the
//! window), the ABC measure the file supports and the rule that makes a client's
//! ABC-XYZ cell. The analyses read it instead of each working it out again.

use crate::frame::{Dimension, Frame, Measure};
use crate::ledger::Totals;
use crate::options::Options;
use crate::segment::options::SegmentOptions;
use crate::segment::xyz;
use chrono::NaiveDate;

/// How a client's cell is decided: the ABC measure and bounds, and the XYZ method.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub measure: Measure,
    pub bounds_bp: [i64; 2],
    pub xyz: xyz::Params,
}

/// The measure a file can support: margin and quantity fall back to revenue when
/// no row carries them.
pub fn applied(m: Measure, t: &Totals) -> Measure {
    match m {
        Measure::Margin if t.margin_rows == 0 => Measure::Revenue,
        Measure::Quantity if t.quantity_rows == 0 => Measure::Revenue,
        m => m,
    }
}

/// The XYZ parameters of a dimension: its method, that method's thresholds.
pub fn xyz_params(o: &SegmentOptions, dim: Dimension, measure: Measure) -> xyz::Params {
    use crate::segment::options::XyzMethod;
    let method = o.xyz_method.get(dim);
    let thresholds = match method {
        XyzMethod::Frequency => o.xyz_frequency,
        XyzMethod::Variation => o.xyz_variation,
    };
    xyz::Params::new(method, thresholds, o.xyz_min_periods, measure)
}

/// First day of the window of `opts.window` periods ending with the as-of period.
pub fn window_start(opts: &Options, as_of: NaiveDate, first: NaiveDate) -> NaiveDate {
    if opts.window == 0 {
        return first;
    }
    let last = opts.period.index(as_of);
    let start = opts.period.start(last - opts.window as i32 + 1);
    start.max(first.min(as_of))
}

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    /// First and last dates in the file.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub as_of: NaiveDate,
    /// The analysis window `[frame.from, as_of]` and its periods.
    pub frame: Frame,
    /// The ABC bounds as set (percent) and the clients' cell rule.
    pub abc_thresholds: [f64; 2],
    pub rule: Rule,
    pub has_margin: bool,
}

impl Scope {
    pub fn new(t: &Totals, opts: &Options) -> Scope {
        // Ingest refuses files without a usable row, so the dates exist.
        let first = t.first_date.unwrap_or_default();
        let last = t.last_date.unwrap_or_default();
        // A date far after the rest (a 9999 typo) is no analysis date unless asked.
        let as_of = opts.as_of.or(t.outliers.usual_last).unwrap_or(last);
        let from = window_start(opts, as_of, first);
        let frame = Frame::new(from, as_of, opts.period, opts.window);
        let measure = applied(opts.segment.abc_measure, t);
        let rule = Rule {
            measure,
            bounds_bp: opts.abc_bounds_bp(),
            xyz: xyz_params(&opts.segment, Dimension::Client, measure),
        };
        Scope { first, last, as_of, frame, abc_thresholds: opts.abc_thresholds, rule, has_margin: t.margin_rows > 0 }
    }
}
