//! Cohort retention: clients grouped by the period of their first purchase, and
//! for each later period how many of them bought in it. Read over the same
//! periods as `pool` and `transitions.periods`; clients who first bought earlier
//! belong to no cohort here. Read from the clients' period summaries (a period
//! counts when it has a purchase up to the as-of date), a table of at most
//! periods x periods counters: nothing grows with rows.

use crate::summaries::Summaries;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Cohort {
    /// First day of the period of the first purchase.
    pub period_start: NaiveDate,
    /// Clients whose first purchase fell in this period.
    pub clients: usize,
    /// `active[k]`: cohort clients who bought in the k-th period after the first
    /// (`active[0] == clients`), up to the as-of period.
    pub active: Vec<usize>,
    /// `active[k] / clients`.
    pub share: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CohortsOut {
    /// Non-empty cohorts, oldest first.
    pub cohorts: Vec<Cohort>,
}

/// Cohorts of the `n` periods ending with the as-of period. A purchase is a day
/// with at least one purchase (returns alone do not count), as in `pool`.
pub fn build(sums: &Summaries, as_of: NaiveDate, n: i32) -> CohortsOut {
    let len = n.max(0) as usize;
    let grain = sums.grain;
    let first = sums.last - n + 1;
    // table[cohort][k]
    let mut table = vec![vec![0usize; len]; len];
    for (i, c) in sums.clients.iter().enumerate() {
        let Some(day) = c.first_purchase.filter(|d| *d <= as_of) else { continue };
        let s0 = grain.index(day) - first;
        if s0 < 0 {
            continue;
        }
        let s0 = s0 as usize;
        for (p, half) in sums.window(i, first, sums.last) {
            if half.purchases > 0 {
                table[s0][(p - first) as usize - s0] += 1;
            }
        }
    }
    let cohorts = table
        .into_iter()
        .enumerate()
        .filter(|(_, row)| row[0] > 0)
        .map(|(s, mut row)| {
            row.truncate(len - s);
            let size = row[0];
            Cohort {
                period_start: grain.start(first + s as i32),
                clients: size,
                share: row.iter().map(|a| *a as f64 / size as f64).collect(),
                active: row,
            }
        })
        .collect();
    CohortsOut { cohorts }
}

#[cfg(test)]
mod tests {
    use crate::options::Options;

    #[test]
    fn counts_each_client_once_per_period() {
        let csv = "Date,Client,Amount\n\
            2024-12-30,Early,10\n2025-01-02,Early,10\n\
            2025-01-03,Jan,10\n2025-01-20,Jan,10\n2025-03-01,Jan,10\n\
            2025-01-10,Feb,-5\n2025-02-11,Feb,10\n2025-03-21,Feb,10\n\
            2025-01-31,Edge,10\n2025-02-01,Edge,10\n";
        let opts = Options { as_of: "2025-03-20".parse().ok(), window: 3, ..Options::default() };
        let r = crate::analyze(csv.as_bytes(), &opts).unwrap();
        let rows: Vec<(String, usize, Vec<usize>)> =
            r.cohorts.cohorts.iter().map(|c| (c.period_start.to_string(), c.clients, c.active.clone())).collect();
        // Early first bought in December 2024, before the three periods: no cohort.
        // January: Jan and Edge (2); February: Edge (1); March: Jan (1). Feb's January
        // line is a return, so its cohort is February; it bought again after the as-of
        // date only.
        assert_eq!(rows, [("2025-01-01".into(), 2, vec![2, 1, 1]), ("2025-02-01".into(), 1, vec![1, 0])]);
        assert_eq!(r.cohorts.cohorts[0].share, [1.0, 0.5, 0.5]);
    }
}
