//! Data sufficiency: the least each analysis needs (a span of days, periods of
//! history, clients, clients who bought twice) declared once here, and for a
//! Report what falls short. Below its minimum an analysis still computes (the
//! figures stay in the JSON), but the page, the CLI summary and the HTML report
//! show the shortfall's sentence instead of confident figures.

use crate::period::Grain;
use crate::report::Report;
use serde::Serialize;

/// What an analysis measures its data by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Days from the first to the last date of the file.
    SpanDays,
    /// Periods of the chosen grain the file covers.
    Periods,
    /// Clients with a purchase.
    Clients,
    /// Clients with purchases on two days or more.
    RepeatBuyers,
}

/// One analysis below its minimum.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Shortfall {
    /// `xyz`, `rfm`, `btyd`, `leaving`, `leakage`, `cohorts`, `concentration`.
    pub analysis: &'static str,
    pub need: Need,
    pub minimum: u64,
    pub have: u64,
}

/// RFM's recency and "lost" mean little on less than a quarter of a year...
pub const RFM_MIN_DAYS: u64 = 90;
/// ...and its quintiles on fewer than 20 clients.
pub const RFM_MIN_CLIENTS: u64 = 20;
/// BG/NBD fits the repeat purchases: 20 repeat buyers and 90 days at least.
pub const BTYD_MIN_REPEAT: u64 = 20;
pub const BTYD_MIN_DAYS: u64 = 90;
/// XYZ needs at least three periods whatever `xyz_min_periods` says.
pub const XYZ_MIN_PERIODS: u64 = 3;
/// Cohorts compare a first period with later ones: three periods at least.
pub const COHORT_MIN_PERIODS: u64 = 3;
/// Concentration of fewer than five clients says nothing about dependency.
pub const CONCENTRATION_MIN_CLIENTS: u64 = 5;
/// Leakage compares two years: 730 days of data.
pub const LEAKAGE_MIN_DAYS: u64 = 730;

/// Every analysis of `r` below its minimum, in the page's order.
pub fn check(r: &Report) -> Vec<Shortfall> {
    let t = &r.totals;
    let days = (t.last_date - t.first_date).num_days().max(0) as u64 + 1;
    let grain: Grain = r.settings.period;
    let periods = (grain.index(t.as_of.max(t.last_date)) - grain.index(t.first_date)).max(0) as u64 + 1;
    let clients = t.clients as u64;
    let repeat = r.clients.iter().filter(|c| c.purchases >= 2).count() as u64;
    let mut out = Vec::new();
    let mut need = |analysis, need, minimum: u64, have: u64| {
        if have < minimum {
            out.push(Shortfall { analysis, need, minimum, have });
            true
        } else {
            false
        }
    };
    // The compared spans of the flags: the base span must be in the file.
    let base_from = r.flags.spans.base.from;
    let leaving_need = (grain.index(t.as_of) - grain.index(base_from)).max(0) as u64 + 1;
    need("leaving", Need::Periods, leaving_need, periods);
    need("leakage", Need::SpanDays, LEAKAGE_MIN_DAYS, days);
    let xyz_min = u64::from(r.xyz.min_periods).max(XYZ_MIN_PERIODS);
    need("xyz", Need::Periods, xyz_min, periods);
    need("cohorts", Need::Periods, COHORT_MIN_PERIODS, periods);
    need("concentration", Need::Clients, CONCENTRATION_MIN_CLIENTS, clients);
    if !need("rfm", Need::SpanDays, RFM_MIN_DAYS, days) {
        need("rfm", Need::Clients, RFM_MIN_CLIENTS, clients);
    }
    if !need("btyd", Need::SpanDays, BTYD_MIN_DAYS, days) {
        need("btyd", Need::RepeatBuyers, BTYD_MIN_REPEAT, repeat);
    }
    out
}

/// The shortfall as a sentence in `lang`: `XYZ: needs 3 months of history; the
/// file has 1 month.`
pub fn sentence(s: &Shortfall, grain: Grain, lang: crate::lang::Lang) -> String {
    use crate::format::count;
    let noun = match s.need {
        Need::SpanDays => "count.days",
        Need::Periods => match grain {
            Grain::Week => "count.weeks",
            Grain::Month => "count.months",
            Grain::Quarter => "count.quarters",
        },
        Need::Clients | Need::RepeatBuyers => "count.clients",
    };
    let key = match s.need {
        Need::SpanDays | Need::Periods => "short.history",
        Need::Clients => "short.clients",
        Need::RepeatBuyers => "short.repeat",
    };
    lang.f(
        key,
        &[
            ("what", &lang.t(&format!("shortWhat.{}", s.analysis))),
            ("minimum", &count(s.minimum, noun, lang)),
            ("have", &count(s.have, noun, lang)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn five_days_of_data_say_what_they_cannot_show() {
        // Five days, three clients, one of whom bought twice.
        let csv = "Дата;Клиент;Сумма\n01.03.2025;А;100\n02.03.2025;Б;50\n03.03.2025;А;70\n05.03.2025;В;20\n";
        let r = crate::analyze(csv.as_bytes(), &crate::Options::default()).unwrap();
        let got: Vec<(&str, Need, u64, u64)> =
            r.sufficiency.iter().map(|s| (s.analysis, s.need, s.minimum, s.have)).collect();
        assert_eq!(
            got,
            [
                // Jan-Mar 2025 against Jan-Mar 2024 (the default: a year ago, three
                // periods): January 2024 to March 2025 is 15 months, the file has 1.
                ("leaving", Need::Periods, 15, 1),
                ("leakage", Need::SpanDays, 730, 5),
                ("xyz", Need::Periods, 3, 1),
                ("cohorts", Need::Periods, 3, 1),
                ("concentration", Need::Clients, 5, 3),
                ("rfm", Need::SpanDays, 90, 5),
                ("btyd", Need::SpanDays, 90, 5),
            ]
        );
        let xyz = &r.sufficiency[2];
        assert_eq!(
            sentence(xyz, Grain::Month, Lang::Ru),
            "XYZ (регулярность покупок): нужна история за 3 месяца, в файле — 1 месяц."
        );
        assert_eq!(
            sentence(&r.sufficiency[1], Grain::Month, Lang::En),
            "Leakage: needs 730 days of history; the file has 5 days."
        );
        assert_eq!(
            sentence(&r.sufficiency[4], Grain::Month, Lang::Uk),
            "Концентрація: потрібно щонайменше 5 клієнтів, у файлі — 3 клієнти."
        );
    }
}
