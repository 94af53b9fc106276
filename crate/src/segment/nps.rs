//! NPS (seed 003): % of promoters (9-10) minus % of detractors (0-6).
//!
//! The overall figure counts every answer in the window. Segments count each
//! client once, by its latest answer, so a client who answered five times does not
//! outweigh five clients; `clients` is the overall figure on that same footing.

use crate::ledger::NpsAnswers;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Nps {
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// -100..100.
    pub score: f64,
}

impl Nps {
    pub fn add(&mut self, score: u8, count: u64) {
        self.responses += count;
        match score {
            9..=10 => self.promoters += count,
            7..=8 => self.passives += count,
            _ => self.detractors += count,
        }
        self.score = if self.responses == 0 {
            0.0
        } else {
            (self.promoters as f64 - self.detractors as f64) * 100.0 / self.responses as f64
        };
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NpsOut {
    /// Every answer in the window.
    pub overall: Nps,
    /// The latest answer of each client.
    pub clients: Nps,
    /// Segmentation ("abc", "abcdx", "matrix", "quadrant", "rfm", "manager") ->
    /// segment -> NPS of its clients' latest answers.
    pub by_segment: BTreeMap<String, BTreeMap<String, Nps>>,
}

/// One client that answered: its latest score and the segments it belongs to.
pub struct Respondent {
    pub score: u8,
    pub segments: Vec<(&'static str, String)>,
}

/// `None` when nobody answered in the window.
pub fn build<'a>(answers: impl Iterator<Item = &'a NpsAnswers>, respondents: &[Respondent]) -> Option<NpsOut> {
    let mut overall = Nps::default();
    for a in answers {
        overall.add(a.score, u64::from(a.count));
    }
    if overall.responses == 0 {
        return None;
    }
    let mut clients = Nps::default();
    let mut by_segment: BTreeMap<String, BTreeMap<String, Nps>> = BTreeMap::new();
    for r in respondents {
        clients.add(r.score, 1);
        for (kind, seg) in &r.segments {
            by_segment.entry(kind.to_string()).or_default().entry(seg.clone()).or_default().add(r.score, 1);
        }
    }
    Some(NpsOut { overall, clients, by_segment })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn promoters_minus_detractors() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let a = |score, count| NpsAnswers { day, score, count };
        // 3 promoters, 1 passive, 2 detractors of 6: (3 - 2) / 6 = 16.67.
        let answers = [a(10, 2), a(9, 1), a(8, 1), a(6, 1), a(0, 1)];
        let r = |score, abc: &str| Respondent { score, segments: vec![("abc", abc.to_string())] };
        let out = build(answers.iter(), &[r(10, "A"), r(6, "A"), r(9, "B")]).unwrap();
        assert_eq!(
            (out.overall.responses, out.overall.promoters, out.overall.passives, out.overall.detractors),
            (6, 3, 1, 2)
        );
        assert!((out.overall.score - 100.0 / 6.0).abs() < 1e-12);
        assert_eq!(out.by_segment["abc"]["A"].score, 0.0);
        assert_eq!(out.by_segment["abc"]["B"].score, 100.0);
        assert!((out.clients.score - 100.0 / 3.0).abs() < 1e-12);
        assert!(build([].iter(), &[]).is_none());
    }
}
