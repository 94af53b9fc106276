//! Calendar periods (month, quarter, ISO week) as consecutive integers, so a window
//! of N periods is a plain integer range.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Week,
    #[default]
    Month,
    Quarter,
}

impl Grain {
    pub fn parse(s: &str) -> Option<Grain> {
        match s {
            "week" => Some(Grain::Week),
            "month" => Some(Grain::Month),
            "quarter" => Some(Grain::Quarter),
            _ => None,
        }
    }

    /// Consecutive periods get consecutive indices.
    pub fn index(self, d: NaiveDate) -> i32 {
        match self {
            Grain::Month => d.year() * 12 + d.month0() as i32,
            Grain::Quarter => d.year() * 4 + (d.month0() / 3) as i32,
            // Days from the Monday 1970-01-05, floored to weeks: ISO weeks start on Monday.
            Grain::Week => (d - monday_1970()).num_days().div_euclid(7) as i32,
        }
    }

    /// First day of the period with this index.
    pub fn start(self, index: i32) -> NaiveDate {
        match self {
            Grain::Month => ymd(index.div_euclid(12), index.rem_euclid(12) as u32 + 1),
            Grain::Quarter => ymd(index.div_euclid(4), index.rem_euclid(4) as u32 * 3 + 1),
            Grain::Week => monday_1970() + chrono::Duration::days(i64::from(index) * 7),
        }
    }
}

fn ymd(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn monday_1970() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn indices_are_consecutive_and_starts_round_trip() {
        let cases = [
            (Grain::Month, "2024-12-31", "2024-12-01", "2025-01-01"),
            (Grain::Quarter, "2024-08-15", "2024-07-01", "2024-10-01"),
            // 2024-12-31 is a Tuesday; its ISO week starts Monday 2024-12-30.
            (Grain::Week, "2024-12-31", "2024-12-30", "2025-01-06"),
            (Grain::Week, "1969-12-31", "1969-12-29", "1970-01-05"),
        ];
        for (g, day, start, next) in cases {
            let i = g.index(d(day));
            assert_eq!(g.start(i), d(start), "{g:?} {day}");
            assert_eq!(g.start(i + 1), d(next), "{g:?} {day}");
            assert_eq!(g.index(d(next)), i + 1);
        }
    }
}
