//! Dates far from the rest of the file: a `31.12.9999` or `2999` typo, or a `1900`
//! placeholder in a 2023-2025 file. They are named (a warning with their lines)
//! and kept, but a late one never becomes the analysis date unless asked.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Rows dated this many years or more away from every other row are apart.
pub const GAP_YEARS: i32 = 10;
/// ...and they are outliers when they are at most 1 in this many rows.
pub const MAX_SHARE: u64 = 20;
/// Line numbers kept per year (the warning lists the first of them).
const LINES_KEPT: usize = crate::ingest::LINES_KEPT;

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Year {
    pub(super) rows: u64,
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) lines: Vec<u64>,
}

/// Rows per calendar year as they arrive: at most one entry per year, so memory
/// does not grow with the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Years {
    pub(super) years: BTreeMap<i32, Year>,
}

/// Rows dated far before or after the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outliers {
    pub rows: u64,
    /// The first line numbers, ascending.
    pub lines: Vec<u64>,
}

/// What [`Years::outliers`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateOutliers {
    pub early: Outliers,
    pub late: Outliers,
    /// The last date of the rows that are not late outliers: the default as-of.
    pub usual_last: Option<NaiveDate>,
}

impl Years {
    pub fn add(&mut self, date: NaiveDate, line: u64) {
        let y = self.years.entry(date.year()).or_insert(Year { rows: 0, first: date, last: date, lines: Vec::new() });
        y.rows += 1;
        y.first = y.first.min(date);
        y.last = y.last.max(date);
        if y.lines.len() < LINES_KEPT {
            y.lines.push(line);
        }
    }

    /// Adds the years of a later part of the file, whose lines start after `line_offset`.
    pub fn absorb(&mut self, later: Years, line_offset: u64) {
        for (year, y) in later.years {
            let lines = y.lines.iter().map(|l| l + line_offset);
            match self.years.get_mut(&year) {
                Some(x) => {
                    x.rows += y.rows;
                    x.first = x.first.min(y.first);
                    x.last = x.last.max(y.last);
                    let room = LINES_KEPT.saturating_sub(x.lines.len());
                    x.lines.extend(lines.take(room));
                }
                None => {
                    let lines = lines.collect();
                    self.years.insert(year, Year { rows: y.rows, first: y.first, last: y.last, lines });
                }
            }
        }
    }

    /// The late tail is the years above the lowest gap of [`GAP_YEARS`] whose rows
    /// are at most 1 in [`MAX_SHARE`]; the early tail, below the highest such gap.
    pub fn outliers(&self) -> DateOutliers {
        let years: Vec<(&i32, &Year)> = self.years.iter().collect();
        let total: u64 = years.iter().map(|(_, y)| y.rows).sum();
        let small = |rows: u64| rows.saturating_mul(MAX_SHARE) <= total;
        let gaps: Vec<usize> = (1..years.len()).filter(|&i| years[i].0 - years[i - 1].0 >= GAP_YEARS).collect();
        let rows_from = |i: usize| years[i..].iter().map(|(_, y)| y.rows).sum::<u64>();
        let late_from = gaps.iter().copied().find(|&i| small(rows_from(i))).unwrap_or(years.len());
        let early_to = gaps.iter().rev().copied().find(|&i| i < late_from && small(total - rows_from(i))).unwrap_or(0);
        let tail = |part: &[(&i32, &Year)]| {
            let mut lines: Vec<u64> = part.iter().flat_map(|(_, y)| y.lines.iter().copied()).collect();
            lines.sort_unstable();
            lines.truncate(LINES_KEPT);
            Outliers { rows: part.iter().map(|(_, y)| y.rows).sum(), lines }
        };
        DateOutliers {
            early: tail(&years[..early_to]),
            late: tail(&years[late_from..]),
            usual_last: late_from.checked_sub(1).and_then(|i| years.get(i)).map(|(_, y)| y.last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(rows: &[(&str, u64)]) -> Years {
        let mut y = Years::default();
        for (date, line) in rows {
            y.add(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(), *line);
        }
        y
    }

    #[test]
    fn far_tails_of_few_rows_are_outliers() {
        let mut rows: Vec<(String, u64)> =
            (0..40).map(|i| (format!("{}-{:02}-15", 2023 + i % 3, i % 12 + 1), i + 2)).collect();
        rows.push(("9999-12-31".into(), 50));
        rows.push(("2999-01-01".into(), 7));
        rows.push(("1900-01-01".into(), 30));
        let refs: Vec<(&str, u64)> = rows.iter().map(|(d, l)| (d.as_str(), *l)).collect();
        let o = years(&refs).outliers();
        assert_eq!((o.late.rows, o.late.lines.clone()), (2, vec![7, 50]));
        assert_eq!((o.early.rows, o.early.lines.clone()), (1, vec![30]));
        assert_eq!(o.usual_last, NaiveDate::from_ymd_opt(2025, 12, 15));
    }

    #[test]
    fn a_gap_with_many_rows_behind_it_is_history_not_a_typo() {
        // Half the rows in 2005, half in 2024: two eras, nothing to name.
        let o = years(&[("2005-01-01", 2), ("2005-02-01", 3), ("2024-01-01", 4), ("2024-03-01", 5)]).outliers();
        assert_eq!(o, DateOutliers { usual_last: NaiveDate::from_ymd_opt(2024, 3, 1), ..DateOutliers::default() });
        // Nine years apart is not apart; one row of two is not few.
        let o = years(&[("2015-01-01", 2), ("2024-01-01", 3)]).outliers();
        assert_eq!(o.late.rows + o.early.rows, 0);
        let o = years(&[("2024-01-01", 2), ("9999-12-31", 3)]).outliers();
        assert_eq!((o.late.rows, o.usual_last), (0, NaiveDate::from_ymd_opt(9999, 12, 31)));
        assert_eq!(Years::default().outliers(), DateOutliers::default());
    }
}
