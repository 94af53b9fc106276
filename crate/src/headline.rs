//! Words first: one sentence per section of the Report saying what it found, and
//! the findings that cost or earn the most, ranked by money. Each is a catalogue
//! key with its figures (typed, so every view formats them in its language: the
//! page through www/views/headline.js, the core through [`render`]). Built from
//! the finished Report, so a sentence can only say what the figures say.

use crate::currency::Currency;
use crate::lang::Lang;
use crate::money::Money;
use crate::report::Report;
use crate::segment::abc::Class;
use crate::segment::rfm::Segment;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A figure of a sentence, by kind, so each view writes it in its language.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// A whole number; `n` also picks the sentence's plural form.
    Count(u64),
    /// A number of clients with the noun in its plural form (`151 клиент`).
    Clients(u64),
    Money(Money),
    /// A share 0..1, written as a percent.
    Share(f64),
    /// A change (now / before − 1), written as a signed percent.
    Change(f64),
    Date(NaiveDate),
    /// A score such as NPS (−100..100), signed, at most one decimal.
    Score(f64),
    /// Text from the file (a client's name) or a code (`AX`): written as it is.
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Headline {
    /// The section it heads: `totals`, `leaving`, `abc`, `xyz`, `matrix`,
    /// `concentration`, `leakage`, `winback`, `one_time_buyers`, `rfm`, `abcdx`,
    /// `cohorts`, `transitions`, `quadrants`, `team`, `nps`.
    pub section: &'static str,
    /// Catalogue key of the sentence; a plural entry agrees with the figure `n`.
    pub key: &'static str,
    /// The sentence's placeholders and their figures.
    pub figures: BTreeMap<&'static str, Figure>,
}

/// A finding that costs or earns money, with what to do about it first.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// `leaving`, `winback`, `one_time_buyers`, `concentration`.
    pub code: &'static str,
    /// The money it is about (a year of the leaving clients' purchases, ...).
    pub money: Money,
    pub headline: Headline,
    /// Catalogue key of the first step, filled with the headline's figures.
    pub action: &'static str,
}

fn h(section: &'static str, key: &'static str, figures: Vec<(&'static str, Figure)>) -> Headline {
    Headline { section, key, figures: figures.into_iter().collect() }
}

/// One headline per section the Report has figures for, in the page's order.
pub fn build(r: &Report) -> Vec<Headline> {
    use Figure::*;
    let t = &r.totals;
    let mut out = vec![h(
        "totals",
        "head.totals",
        vec![
            ("n", Count(t.clients as u64)),
            ("revenue", Money(t.revenue)),
            ("from", Date(t.first_date)),
            ("to", Date(t.last_date)),
        ],
    )];
    out.push(leaving(r));
    if let Some(w) = winback(r) {
        out.push(w);
    }
    if let Some(c) = cohorts(r) {
        out.push(c);
    }
    if r.one_time_buyers.count > 0 {
        out.push(one_time(r));
    }
    if let (Some(rate), true) = (r.leakage.rate, r.leakage.base_clients > 0) {
        out.push(h(
            "leakage",
            if r.leakage.leaked == 1 { "head.leakage_one" } else { "head.leakage" },
            vec![
                ("n", Count(r.leakage.leaked as u64)),
                ("of", Count(r.leakage.base_clients as u64)),
                ("rate", Share(rate)),
                ("norm", Share(r.leakage.norm)),
            ],
        ));
    }
    if let Some(top) = r.matrix.cells.iter().filter(|c| c.count > 0).max_by_key(|c| c.revenue) {
        out.push(h(
            "matrix",
            "head.matrix",
            vec![
                ("cell", Text(top.cell.clone())),
                ("n", Count(top.count as u64)),
                ("revenue_share", Share(top.revenue_share)),
            ],
        ));
    }
    if let Some(a) = r.abc.groups.iter().find(|g| g.group == Class::A && g.count > 0) {
        out.push(h(
            "abc",
            "head.abc",
            vec![
                ("n", Count(a.count as u64)),
                ("count_share", Share(a.count_share)),
                ("value_share", Share(a.value_share)),
            ],
        ));
    }
    let xyz = |code: &str| r.xyz.groups.iter().find(|g| crate::code::of(&g.group) == code);
    if let (Some(x), Some(z)) = (xyz("X"), xyz("Z")) {
        out.push(h("xyz", "head.xyz", vec![("n", Count(x.count as u64)), ("z_share", Share(z.count_share))]));
    }
    let c = &r.concentration;
    if let Some(l) = &c.largest {
        out.push(h(
            "concentration",
            "head.concentration",
            vec![
                ("largest", Text(l.id.to_string())),
                ("largest_share", Share(l.share)),
                ("top5_share", Share(c.top5_share)),
            ],
        ));
    }
    let d: (u64, crate::money::Money) = r
        .abcdx
        .groups
        .iter()
        .filter(|g| matches!(crate::code::of(&g.group).as_str(), "AD" | "BD" | "CD"))
        .fold((0, crate::money::Money::ZERO), |(n, m), g| (n + g.count as u64, m + g.revenue));
    if d.0 > 0 {
        out.push(h("abcdx", "head.abcdx", vec![("n", Count(d.0)), ("revenue", Money(d.1))]));
    }
    let seg = |s: Segment| r.rfm.segments.iter().find(|x| x.segment == s);
    if let Some(ch) = seg(Segment::Champions).filter(|s| s.count > 0) {
        let risk: f64 =
            [Segment::AtRisk, Segment::CantLose].iter().filter_map(|s| seg(*s)).map(|s| s.count_share).sum();
        out.push(h(
            "rfm",
            "head.rfm",
            vec![("n", Count(ch.count as u64)), ("share", Share(ch.revenue_share)), ("risk_share", Share(risk))],
        ));
    }
    out.extend(transitions(r));
    out.extend(quadrants(r));
    out.extend(team(r));
    out.extend(nps(r));
    out
}

/// Who moved down the ABC-XYZ matrix since the previous period, and what their
/// window revenue was before and is now; then how many moved up, came new, dropped
/// out. Nothing when neither date has a client in the matrix.
fn transitions(r: &Report) -> Option<Headline> {
    use crate::dynamics::cells::Cell;
    use Figure::*;
    let t = &r.transitions.previous;
    if t.clients_before == 0 && t.clients_now == 0 {
        return None;
    }
    let cell = |k: &str| Cell::ALL.into_iter().find(|c| c.key() == k);
    let (mut before, mut now) = (crate::money::Money::ZERO, crate::money::Money::ZERO);
    for m in &t.moves {
        if let (Some(from), Some(to)) = (cell(&m.from), cell(&m.to)) {
            if to.is_below(from) {
                before += m.revenue_before;
                now += m.revenue_now;
            }
        }
    }
    let mut figures = vec![
        ("before", Date(t.before)),
        ("now", Date(t.now)),
        ("up", Count(t.moved_up as u64)),
        ("new", Count(t.new as u64)),
        ("gone", Count(t.gone as u64)),
    ];
    let key = if t.moved_down == 0 {
        "head.transitions_none"
    } else {
        figures.extend([("n", Count(t.moved_down as u64)), ("down_before", Money(before)), ("down_now", Money(now))]);
        "head.transitions"
    };
    Some(h("transitions", key, figures))
}

/// The loyal and profitable quadrant's clients and share of profit, beside the
/// profitable but not loyal ones (the first to keep).
fn quadrants(r: &Report) -> Option<Headline> {
    use crate::frame::Measure;
    use crate::segment::quadrants::Quadrant;
    use Figure::*;
    let q = &r.quadrants;
    let of = |k: Quadrant| q.quadrants.iter().find(|x| x.quadrant == k);
    let (best, keep) = (of(Quadrant::III)?, of(Quadrant::IV)?);
    if best.count + keep.count == 0 {
        return None;
    }
    let key = match q.profit_measure {
        Measure::Margin => "head.quadrants_margin",
        _ => "head.quadrants_revenue",
    };
    Some(h(
        "quadrants",
        key,
        vec![
            ("n", Count(best.count as u64)),
            ("share", Share(best.profit_share)),
            ("keep", Clients(keep.count as u64)),
            ("keep_share", Share(keep.profit_share)),
        ],
    ))
}

/// The team: how many named managers, who brings the most revenue, and whose
/// clients have the most money at stake among the leaving. Only where the file
/// names managers and the report is not narrowed to one.
fn team(r: &Report) -> Option<Headline> {
    use Figure::*;
    let t = &r.team;
    if !t.has_managers || t.filter.is_some() {
        return None;
    }
    let named: Vec<_> = t.managers.iter().filter(|p| p.name.is_some()).collect();
    let top = named.iter().max_by_key(|p| p.revenue)?;
    let revenue: crate::money::Money = t.managers.iter().fold(crate::money::Money::ZERO, |a, p| a + p.revenue);
    let share = if revenue.is_positive() { top.revenue.0 as f64 / revenue.0 as f64 } else { 0.0 };
    let mut figures = vec![
        ("n", Count(named.len() as u64)),
        ("top", Text(top.name.as_deref().unwrap_or_default().to_string())),
        ("top_share", Share(share)),
    ];
    let risk = named.iter().filter(|p| p.at_stake.is_positive()).max_by_key(|p| p.at_stake);
    let key = match risk {
        Some(p) => {
            figures.extend([
                ("risk", Text(p.name.as_deref().unwrap_or_default().to_string())),
                ("risk_money", Money(p.at_stake)),
            ]);
            // One name twice reads as two people: the sentence says "the same".
            if p.name == top.name {
                "head.team_same"
            } else {
                "head.team"
            }
        }
        None => "head.team_calm",
    };
    Some(h("team", key, figures))
}

/// NPS by each client's latest answer, with its promoters and detractors.
fn nps(r: &Report) -> Option<Headline> {
    use Figure::*;
    let c = &r.nps.as_ref()?.clients;
    if c.responses == 0 {
        return None;
    }
    Some(h(
        "nps",
        "head.nps",
        vec![
            ("n", Count(c.responses)),
            ("score", Score(c.score)),
            ("promoters", Count(c.promoters)),
            ("detractors", Count(c.detractors)),
        ],
    ))
}

fn leaving(r: &Report) -> Headline {
    use Figure::*;
    let l = &r.leaving;
    match l.list.first() {
        Some(top) => h(
            "leaving",
            "head.leaving",
            vec![
                ("n", Count(l.clients as u64)),
                ("money", Money(l.at_stake)),
                ("top", Text(top.id.to_string())),
                ("top_money", Money(top.at_stake)),
            ],
        ),
        None => h("leaving", "head.leaving_none", vec![]),
    }
}

fn winback(r: &Report) -> Option<Headline> {
    use Figure::*;
    let w = &r.winback;
    let first = w.groups.iter().find(|g| g.count > 0)?;
    Some(h(
        "winback",
        "head.winback",
        vec![
            ("n", Count(w.lost as u64)),
            ("money", Money(w.annual_value)),
            ("group", Count(u64::from(first.group))),
            ("group_n", Clients(first.count as u64)),
            ("group_money", Money(first.annual_value)),
        ],
    ))
}

/// The cohorts' sentence: how many clients first bought in the window, what share
/// of them bought again the period after, and in how many cohorts nobody came back
/// (a row of 0 % reads as a broken chart unless the words say it is the data).
/// Only cohorts with a later period count: the as-of cohort has no "after" yet.
fn cohorts(r: &Report) -> Option<Headline> {
    use crate::period::Grain;
    use Figure::*;
    let grain = r.settings.period;
    let seen: Vec<_> = r.cohorts.cohorts.iter().filter(|c| c.share.len() >= 2).collect();
    let (first, last) = (seen.first()?, seen.last()?);
    let clients: usize = seen.iter().map(|c| c.clients).sum();
    let back: usize = seen.iter().map(|c| c.active.get(1).copied().unwrap_or(0)).sum();
    if clients == 0 {
        return None;
    }
    // The last day of a cohort's period: "new clients up to" that day.
    let end = |d: NaiveDate| grain.start(grain.index(d) + 1) - chrono::Duration::days(1);
    let none: Vec<_> = seen.iter().filter(|c| c.active.iter().skip(1).all(|&a| a == 0)).collect();
    let mut figures = vec![
        ("clients", Count(clients as u64)),
        ("back", Share(back as f64 / clients as f64)),
        ("from", Date(first.period_start)),
        ("to", Date(end(last.period_start))),
    ];
    let key = match (grain, none.is_empty()) {
        (Grain::Week, true) => "head.cohorts_week",
        (Grain::Month, true) => "head.cohorts_month",
        (Grain::Quarter, true) => "head.cohorts_quarter",
        (Grain::Week, false) => "head.cohorts_week_none",
        (Grain::Month, false) => "head.cohorts_month_none",
        (Grain::Quarter, false) => "head.cohorts_quarter_none",
    };
    if let (Some(a), Some(b)) = (none.first(), none.last()) {
        figures.extend([
            ("n", Count(none.len() as u64)),
            ("cohorts", Count(seen.len() as u64)),
            ("none_from", Date(a.period_start)),
            ("none_to", Date(end(b.period_start))),
        ]);
    }
    Some(h("cohorts", key, figures))
}

fn one_time(r: &Report) -> Headline {
    use Figure::*;
    let o = &r.one_time_buyers;
    h("one_time_buyers", "head.one_time", vec![("n", Count(o.count as u64)), ("money", Money(o.revenue))])
}

/// The findings that cost or earn the most, largest money first (at most five).
pub fn findings(r: &Report, headlines: &[Headline]) -> Vec<Finding> {
    let of = |section: &str| headlines.iter().find(|h| h.section == section).cloned();
    let mut out = Vec::new();
    if let Some(head) = of("leaving").filter(|_| r.leaving.clients > 0) {
        out.push(Finding { code: "leaving", money: r.leaving.at_stake, headline: head, action: "do.leaving" });
    }
    if let Some(head) = of("winback") {
        out.push(Finding { code: "winback", money: r.winback.annual_value, headline: head, action: "do.winback" });
    }
    if let Some(head) = of("one_time_buyers") {
        out.push(Finding {
            code: "one_time_buyers",
            money: r.one_time_buyers.revenue,
            headline: head,
            action: "do.one_time",
        });
    }
    let c = &r.concentration;
    if let (Some(l), Some(head)) = (&c.largest, of("concentration")) {
        use crate::segment::concentration::RiskLevel;
        if matches!(c.risk.level, RiskLevel::Elevated | RiskLevel::High) {
            out.push(Finding { code: "concentration", money: l.revenue, headline: head, action: "do.concentration" });
        }
    }
    out.retain(|f| f.money.is_positive());
    crate::order::sort_by_key(&mut out, |f| std::cmp::Reverse(f.money));
    out.truncate(5);
    out
}

/// A figure as text in `lang`, money with the report's currency.
pub fn figure(f: &Figure, currency: Option<Currency>, lang: Lang) -> String {
    use crate::format;
    match f {
        Figure::Count(n) => format::int(*n, lang),
        Figure::Clients(n) => format::count(*n, "count.clients", lang),
        Figure::Money(m) => format::money(*m, currency, lang),
        Figure::Share(x) => format::share(*x, lang),
        Figure::Change(x) => format::change(*x, lang),
        Figure::Date(d) => format::date(*d, lang),
        Figure::Score(x) => format::score(*x, lang),
        Figure::Text(s) => s.clone(),
    }
}

/// The sentence of `key` with its figures, in `lang`; `wrap` writes each figure
/// (the HTML report marks them up; plain text passes them through).
pub fn render_with(
    key: &str,
    figures: &BTreeMap<&'static str, Figure>,
    currency: Option<Currency>,
    lang: Lang,
    wrap: &dyn Fn(&Figure, String) -> String,
) -> String {
    let n = match figures.get("n") {
        Some(Figure::Count(n)) => *n,
        _ => 0,
    };
    let texts: Vec<(&str, String)> = figures.iter().map(|(k, f)| (*k, wrap(f, figure(f, currency, lang)))).collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> =
        texts.iter().map(|(k, v)| (*k, v as &dyn std::fmt::Display)).collect();
    crate::texts::fill(crate::texts::plural(lang, key, n), &args)
}

/// The headline as plain text.
pub fn render(h: &Headline, currency: Option<Currency>, lang: Lang) -> String {
    render_with(h.key, &h.figures, currency, lang, &|_, s| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_agree_with_their_counts_and_say_the_figures() {
        let f = |n: u64| -> BTreeMap<&'static str, Figure> {
            [
                ("n", Figure::Count(n)),
                ("money", Figure::Money(Money::from_cents(123_456_700))),
                ("top", Figure::Text("Альфа".into())),
                ("top_money", Figure::Money(Money::from_cents(50_000))),
            ]
            .into_iter()
            .collect()
        };
        // The sentence says what "leaving" means (it is also the leaving view's one
        // lead, which used to say it in a second sentence): the figures are unchanged.
        let ru = |n| render_with("head.leaving", &f(n), Some(Currency::Rub), Lang::Ru, &|_, s| s);
        assert_eq!(
            ru(1),
            "1 клиент покупает заметно меньше или давно не покупал: под угрозой 1\u{a0}234\u{a0}567\u{a0}₽ в год; больше всех — Альфа (500,00\u{a0}₽)."
        );
        assert!(ru(3).starts_with("3 клиента покупают"), "{}", ru(3));
        assert!(ru(25).starts_with("25 клиентов покупают"), "{}", ru(25));
        let en = render_with("head.leaving", &f(1), Some(Currency::Usd), Lang::En, &|_, s| s);
        assert_eq!(
            en,
            "1 client buys much less or is overdue: $1,234,567 a year at stake; the largest is Альфа ($500.00)."
        );
    }

    #[test]
    fn cohorts_say_who_came_back_and_where_nobody_did() {
        use crate::dynamics::cohorts::{Cohort, CohortsOut};
        let mut r = crate::analyze(crate::demo::demo().csv.as_bytes(), &crate::Options::default()).unwrap();
        r.settings.period = crate::period::Grain::Month;
        let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let c = |m, active: Vec<usize>| Cohort {
            period_start: d(m),
            clients: active[0],
            share: active.iter().map(|&a| a as f64 / active[0] as f64).collect(),
            active,
        };
        // Jan: 4 clients, nobody back; Feb: 10, 3 back the month after; Mar: 2, one
        // back two months later only; Apr: 6, nobody; May: the as-of month, no "after".
        r.cohorts = CohortsOut {
            cohorts: vec![
                c(1, vec![4, 0, 0, 0, 0]),
                c(2, vec![10, 3, 1, 0]),
                c(3, vec![2, 0, 1]),
                c(4, vec![6, 0]),
                c(5, vec![7]),
            ],
        };
        let h = cohorts(&r).unwrap();
        assert_eq!(h.key, "head.cohorts_month_none");
        // 4 + 10 + 2 + 6 = 22 new clients; 3 of them bought the month after.
        assert_eq!(h.figures["clients"], Figure::Count(22));
        assert_eq!(h.figures["back"], Figure::Share(3.0 / 22.0));
        assert_eq!(h.figures["n"], Figure::Count(2));
        assert_eq!(h.figures["cohorts"], Figure::Count(4));
        assert_eq!(h.figures["from"], Figure::Date(d(1)));
        assert_eq!(h.figures["to"], Figure::Date(NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()));
        assert_eq!(h.figures["none_from"], Figure::Date(d(1)));
        assert_eq!(h.figures["none_to"], Figure::Date(NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()));
        assert_eq!(
            render(&h, None, Lang::Ru),
            "Новых клиентов с 01.01.2025 по 30.04.2025: 22; в следующем месяце снова купили 14\u{a0}% из них; никто не вернулся в 2 месяцах из 4 (с 01.01.2025 по 30.04.2025)."
        );
        assert_eq!(
            render(&h, None, Lang::En),
            "New clients from 1/1/2025 to 4/30/2025: 22; 14% of them bought again the month after; nobody came back in 2 of 4 months (from 1/1/2025 to 4/30/2025)."
        );
        // Every cohort had someone back: the sentence stops after the share.
        r.cohorts = CohortsOut { cohorts: vec![c(1, vec![10, 3, 1]), c(4, vec![7])] };
        r.settings.period = crate::period::Grain::Quarter;
        let h = cohorts(&r).unwrap();
        assert_eq!(h.key, "head.cohorts_quarter");
        assert_eq!(h.figures["to"], Figure::Date(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()));
        assert!(!h.figures.contains_key("n"));
        assert_eq!(
            render(&h, None, Lang::Uk),
            "Нових клієнтів з 01.01.2025 по 31.03.2025: 10; наступного кварталу знову купили 30\u{a0}% з них."
        );
        // Only the as-of cohort: nothing to say.
        r.cohorts.cohorts.remove(0);
        assert_eq!(cohorts(&r), None);
    }

    #[test]
    fn moves_and_quadrants_say_who_went_down_and_whom_to_keep() {
        use crate::dynamics::cells::Cell;
        use crate::dynamics::transitions as moves;
        let mut r = crate::analyze(crate::demo::demo().csv.as_bytes(), &crate::Options::default()).unwrap();
        let d = |m| NaiveDate::from_ymd_opt(2025, m, 30).unwrap();
        let m = |u: i64| Money::from_cents(u * 100);
        // AX -> BX and AY -> CZ went down (8 -> 4, 5 -> 1); BY -> AY went up; one new,
        // one gone; AX stayed.
        let before = [Some(Cell::AX), Some(Cell::AX), Some(Cell::AY), Some(Cell::BY), None, Some(Cell::CZ)];
        let now = [Some(Cell::AX), Some(Cell::BX), Some(Cell::CZ), Some(Cell::AY), Some(Cell::CZ), None];
        let rb = [m(10), m(8), m(5), m(3), m(0), m(1)];
        let rn = [m(11), m(4), m(1), m(9), m(2), m(0)];
        r.transitions.previous = moves::build((d(5), d(6)), (&before, &rb), (&now, &rn));
        let h = transitions(&r).unwrap();
        assert_eq!(h.key, "head.transitions");
        assert_eq!(
            render(&h, None, Lang::Ru),
            "С 30.05.2025 по 30.06.2025 2 клиента опустились в менее ценные ячейки (их выручка за окно была 13,00, стала 5,00); поднялись: 1, новых: 1, выпали из окна: 1."
        );
        // Nobody down: the sentence says so.
        r.transitions.previous = moves::build((d(5), d(6)), (&before[..1], &rb[..1]), (&now[..1], &rn[..1]));
        assert_eq!(
            render(&transitions(&r).unwrap(), None, Lang::En),
            "From 5/30/2025 to 6/30/2025, nobody moved down to a less valuable cell; 0 moved up, 0 are new, 0 left the window."
        );
        // Quadrants: III and IV as the Report counts them, in the measure it used.
        use crate::segment::quadrants::Quadrant;
        let q = |k| r.quadrants.quadrants.iter().find(|x| x.quadrant == k).unwrap().clone();
        let h = quadrants(&r).unwrap();
        assert_eq!(h.key, "head.quadrants_revenue");
        assert_eq!(h.figures["n"], Figure::Count(q(Quadrant::III).count as u64));
        assert_eq!(h.figures["keep"], Figure::Clients(q(Quadrant::IV).count as u64));
        assert_eq!(h.figures["keep_share"], Figure::Share(q(Quadrant::IV).profit_share));
        assert!(render(&h, None, Lang::Uk).starts_with("Лояльні й прибуткові — "));
    }
}
