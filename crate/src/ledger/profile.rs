//! What a client is, besides what it bought: its manager, channel, branch and
//! potential (the latest non-empty value), and its NPS answers.

use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// One copy of each distinct text (manager, channel...) shared by every client
/// that has it: a file names a few managers for 100 000 clients.
#[derive(Default)]
pub struct Names(FxHashSet<Arc<str>>);

impl Names {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(Arc::clone(&a));
        a
    }
}

/// The latest non-empty value of a text column. On one day the greater text wins,
/// so the result does not depend on the order of the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Latest(pub(super) Option<(NaiveDate, Arc<str>)>);

impl Latest {
    pub fn offer(&mut self, day: NaiveDate, value: Option<&str>, names: &mut Names) {
        let Some(v) = value else { return };
        match &mut self.0 {
            // The same text on a later day (the usual case): only the day moves.
            Some((d, cur)) if &**cur == v => *d = (*d).max(day),
            Some((d, cur)) if (day, v) <= (*d, &**cur) => {}
            _ => self.0 = Some((day, names.get(v))),
        }
    }

    pub fn get(&self) -> Option<&str> {
        self.0.as_ref().map(|(_, v)| &**v)
    }

    /// The value, shared (no copy of the text).
    pub fn shared(&self) -> Option<Arc<str>> {
        self.0.as_ref().map(|(_, v)| Arc::clone(v))
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
        let names = &mut Names::default();
        for (day, v) in offers {
            fwd.offer(day, v, names);
        }
        for (day, v) in offers.iter().rev() {
            rev.offer(*day, *v, names);
        }
        assert_eq!(fwd.get(), Some("Petrov"));
        assert_eq!(fwd, rev);
        // One copy of the text, shared.
        assert!(Arc::ptr_eq(&fwd.shared().unwrap(), &rev.shared().unwrap()));
        // The same text later moves the day only; an earlier, greater one loses.
        fwd.offer(d(20), Some("Petrov"), names);
        fwd.offer(d(19), Some("Zoe"), names);
        assert_eq!(fwd.get(), Some("Petrov"));
        fwd.offer(d(20), Some("Zoe"), names);
        assert_eq!(fwd.get(), Some("Zoe"));

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
