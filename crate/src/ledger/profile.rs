//! What a client is, besides what it bought: its manager, channel, branch and
//! potential (the latest non-empty value), and its NPS answers.

use chrono::NaiveDate;

/// The latest non-empty value of a text column. On one day the greater text wins,
/// so the result does not depend on the order of the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Latest(Option<(NaiveDate, String)>);

impl Latest {
    pub fn offer(&mut self, day: NaiveDate, value: Option<&str>) {
        let Some(v) = value else { return };
        let newer = match &self.0 {
            None => true,
            Some((d, cur)) => (day, v) > (*d, cur.as_str()),
        };
        if newer {
            self.0 = Some((day, v.to_string()));
        }
    }

    pub fn get(&self) -> Option<&str> {
        self.0.as_ref().map(|(_, v)| v.as_str())
    }
}

/// NPS answers of one day with one score: memory grows with answer days, not rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NpsAnswers {
    pub day: NaiveDate,
    pub score: u8,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub manager: Latest,
    pub branch: Latest,
    pub channel: Latest,
    pub potential: Latest,
    /// Why the client left, where the file has a churn-reason column.
    pub reason: Latest,
    /// Sorted by (day, score).
    pub nps: Vec<NpsAnswers>,
}

impl Profile {
    pub fn add_nps(&mut self, day: NaiveDate, score: u8) {
        match self.nps.binary_search_by(|a| (a.day, a.score).cmp(&(day, score))) {
            Ok(i) => self.nps[i].count = self.nps[i].count.saturating_add(1),
            Err(i) => self.nps.insert(i, NpsAnswers { day, score, count: 1 }),
        }
    }

    /// The answer that speaks for the client in `[from, to]`: the latest day's, and
    /// the lowest score of that day when it answered more than once (the cautious
    /// reading).
    pub fn latest_nps(&self, from: NaiveDate, to: NaiveDate) -> Option<u8> {
        let last = self.nps.iter().rev().find(|a| a.day >= from && a.day <= to)?;
        self.nps.iter().filter(|a| a.day == last.day).map(|a| a.score).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    #[test]
    fn latest_value_and_nps_ignore_row_order() {
        let offers = [(d(3), Some("Ivanova")), (d(9), None), (d(5), Some("Petrov")), (d(5), Some("Orlova"))];
        let mut fwd = Latest::default();
        let mut rev = Latest::default();
        for (day, v) in offers {
            fwd.offer(day, v);
        }
        for (day, v) in offers.iter().rev() {
            rev.offer(*day, *v);
        }
        assert_eq!(fwd.get(), Some("Petrov"));
        assert_eq!(fwd, rev);

        let mut p = Profile::default();
        for (day, s) in [(4, 10), (2, 3), (4, 7), (4, 10), (8, 9)] {
            p.add_nps(d(day), s);
        }
        assert_eq!(p.nps.len(), 4);
        assert_eq!(p.nps[2].count, 2);
        assert_eq!(p.latest_nps(d(1), d(31)), Some(9));
        // Two answers on the 4th: the lower one speaks.
        assert_eq!(p.latest_nps(d(1), d(7)), Some(7));
        assert_eq!(p.latest_nps(d(10), d(31)), None);
    }
}
