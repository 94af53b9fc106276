//! Every setting's limits and allowed values, declared once in [`table`]. Config
//! validation (`Options::validate`), the CLI's help and the page (its link parsing,
//! form limits and "bad value" notices, through `www/settings-schema.js`, written by
//! `clientscope schema --settings`) are derived from it. Defaults are not repeated
//! here: they are `Options::default()`, serialized.
//!
//! The checks read the options as JSON (`serde_json::Value`), so this module needs
//! none of the option structs and the option modules need nothing but [`check`].

use crate::dynamics::options::{Compare, CELLS};
use crate::error::Error;
use crate::ingest::Role;
use crate::lang::Lang;
use crate::period::Grain;
use crate::segment::options::XyzMethod;
use crate::segment::{Dimension, Measure};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// One end of a number's range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bound {
    pub value: f64,
    /// The end itself is allowed.
    pub inclusive: bool,
}

const fn incl(value: f64) -> Bound {
    Bound { value, inclusive: true }
}

const fn excl(value: f64) -> Bound {
    Bound { value, inclusive: false }
}

/// How the numbers of a list relate to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    Any,
    /// Each larger than the one before.
    Ascending,
    /// Each smaller than the one before.
    Descending,
    /// Each at least the one before.
    NonDecreasing,
}

/// What a setting's value may be.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// One of these words.
    Enum { values: Vec<String> },
    /// A whole number, `min..=max`.
    Int { min: u32, max: u32 },
    /// A number between the bounds.
    Num { min: Bound, max: Bound },
    /// `n` numbers, each between the bounds, in this order.
    Nums { n: usize, min: Bound, max: Bound, order: Order },
    /// `n` whole numbers, each `min..=max`, in this order.
    Ints { n: usize, min: u32, max: u32, order: Order },
    /// A calendar date, YYYY-MM-DD.
    Date,
    /// Text of at most `max_chars` characters; `single_line`: no control characters.
    Text { max_chars: usize, single_line: bool },
    /// Any WHATWG encoding label; the page offers `offered`.
    Encoding { offered: Vec<String> },
    /// Role key -> header text of at most `max_chars` characters.
    Columns { roles: Vec<String>, max_chars: usize },
    /// `groups` lists of cells; every one of `cells` in exactly one list.
    Groups { groups: usize, cells: Vec<String> },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// The key in a config file; a dot goes one object down (`xyz_method.client`).
    pub key: &'static str,
    /// Its name in the page's link (`#abc=50,80`): the key, or a short older name.
    pub hash: &'static str,
    /// `null` is allowed (and means "not set": detect, quintiles...).
    pub nullable: bool,
    #[serde(flatten)]
    pub rule: Rule,
    /// One line for the CLI's help: the catalogue's `help.<key>` in English.
    pub help: &'static str,
}

/// A setting's line of help in `lang`, from the catalogue (`help.<key>`).
pub fn help_text(key: &str, lang: Lang) -> &'static str {
    crate::texts::text(lang, &format!("help.{key}"))
}

/// Longest window: 100 years of weeks; beyond that it is a typo.
pub const MAX_WINDOW: u32 = 5_200;
/// A consultant's name or contact line, in characters.
pub const MAX_PRESET: usize = 120;
/// A manager's name in the `manager` filter, in characters: longer than any name
/// a file holds in earnest, short enough for a link.
pub const MAX_MANAGER: usize = 1_000;
/// Encodings the page offers in its list (the core takes any WHATWG label).
pub const OFFERED_ENCODINGS: [&str; 7] =
    ["UTF-8", "windows-1251", "KOI8-R", "IBM866", "UTF-16LE", "UTF-16BE", "windows-1252"];
/// Steps past a limit in the limit cases: the page keeps at most six decimals.
pub const NUM_STEP: f64 = 1e-6;

/// The serde names of `values`, in this order (the order the page lists them).
fn names<T: Serialize>(values: &[T]) -> Vec<String> {
    values.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_string)).collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const MEASURES: [Measure; 4] = [Measure::Revenue, Measure::Margin, Measure::Quantity, Measure::Purchases];

/// Every setting, in the order of the CLI's help.
pub fn table() -> Vec<Setting> {
    use Order::*;
    use Rule::*;
    // The one line of help is the catalogue's `help.<key>` (ru, uk, en): the CLI's
    // help has no language switch and prints English (docs/decisions.md).
    let s =
        |key: &'static str, hash, nullable, rule| Setting { key, hash, nullable, rule, help: help_text(key, Lang::En) };
    let pct = |min, max, order, n| Nums { n, min, max, order };
    let xyz = || Enum { values: names(&[XyzMethod::Frequency, XyzMethod::Variation]) };
    vec![
        s("lang", "lang", false, Enum { values: names(&[Lang::Ru, Lang::Uk, Lang::En]) }),
        s("as_of", "asof", true, Date),
        s("period", "period", false, Enum { values: names(&[Grain::Week, Grain::Month, Grain::Quarter]) }),
        s("window", "window", false, Int { min: 0, max: MAX_WINDOW }),
        s("abc_thresholds", "abc", false, pct(excl(0.0), excl(100.0), Ascending, 2)),
        s("encoding", "enc", true, Encoding { offered: strings(&OFFERED_ENCODINGS) }),
        s("sheet", "sheet", true, Text { max_chars: 100, single_line: false }),
        s(
            "columns",
            "col",
            false,
            Columns { roles: Role::ALL.iter().map(|r| r.key().to_string()).collect(), max_chars: 200 },
        ),
        s("consultant.name", "by", false, Text { max_chars: MAX_PRESET, single_line: true }),
        s("consultant.contact", "contact", false, Text { max_chars: MAX_PRESET, single_line: true }),
        s("currency", "currency", true, Enum { values: names(&crate::currency::Currency::ALL) }),
        s("manager", "manager", true, Text { max_chars: MAX_MANAGER, single_line: false }),
        s("abc_dimension", "abc_dimension", false, Enum { values: names(&Dimension::ALL) }),
        s("abc_measure", "abc_measure", false, Enum { values: names(&MEASURES) }),
        s("xyz_method.client", "xyz_method.client", false, xyz()),
        s("xyz_method.product", "xyz_method.product", false, xyz()),
        s("xyz_method.manager", "xyz_method.manager", false, xyz()),
        s("xyz_method.branch", "xyz_method.branch", false, xyz()),
        s("xyz_frequency", "xyz_frequency", false, pct(excl(0.0), incl(100.0), Descending, 2)),
        s("xyz_variation", "xyz_variation", false, pct(incl(0.0), incl(1000.0), Ascending, 2)),
        s("xyz_min_periods", "xyz_min_periods", false, Int { min: 1, max: 100 }),
        s("abcdx_measure", "abcdx_measure", false, Enum { values: names(&[Measure::Revenue, Measure::Margin]) }),
        s("d_min_days", "d_min_days", false, Int { min: 1, max: 3650 }),
        s("d_interval_multiple", "d_interval_multiple", false, Num { min: incl(0.0), max: incl(100.0) }),
        s("x_cost_ratio", "x_cost_ratio", false, Num { min: excl(0.0), max: incl(1000.0) }),
        s("x_margin_pct", "x_margin_pct", false, Num { min: incl(0.0), max: incl(100.0) }),
        s("quadrant_percentiles", "quadrant_percentiles", false, pct(incl(0.0), incl(100.0), Any, 2)),
        s("rfm_recency_days", "rfm_recency_days", true, Ints { n: 4, min: 0, max: 36_500, order: Ascending }),
        s("rfm_frequency", "rfm_frequency", true, Ints { n: 4, min: 1, max: 1_000_000, order: Ascending }),
        s("risk_largest_pct", "risk_largest_pct", false, pct(excl(0.0), incl(100.0), Ascending, 2)),
        s("risk_top5_pct", "risk_top5_pct", false, pct(excl(0.0), incl(100.0), Ascending, 2)),
        s("compare", "compare", false, Enum { values: names(&[Compare::YearAgo, Compare::Previous]) }),
        s("compare_periods", "compare_periods", false, Int { min: 1, max: 104 }),
        s("buys_less_pct", "buys_less_pct", false, Num { min: incl(0.0), max: excl(100.0) }),
        s("leaving_drop_pct", "leaving_drop_pct", false, Num { min: incl(0.0), max: excl(100.0) }),
        s("buys_cheaper_pct", "buys_cheaper_pct", false, Num { min: incl(0.0), max: excl(100.0) }),
        s("overdue_levels", "overdue_levels", false, pct(excl(0.0), incl(1000.0), NonDecreasing, 3)),
        s("overdue_min_purchases", "overdue_min_purchases", false, Int { min: 2, max: 1000 }),
        s("winback_groups", "winback_groups", false, Groups { groups: 4, cells: strings(&CELLS) }),
        s("btyd_periods", "btyd_periods", false, Int { min: 1, max: 520 }),
        s("clv_months", "clv_months", false, Int { min: 1, max: 120 }),
        s("clv_discount_pct", "clv_discount_pct", false, Num { min: incl(0.0), max: incl(100.0) }),
        s("holdout_weeks", "holdout_weeks", false, Int { min: 0, max: 520 }),
    ]
}

/// The value at a dotted key; `Null` when absent.
pub fn lookup<'a>(options: &'a Value, key: &str) -> &'a Value {
    key.split('.').try_fold(options, |v, k| v.get(k)).unwrap_or(&Value::Null)
}

fn within(x: f64, min: Bound, max: Bound) -> bool {
    x.is_finite()
        && (if min.inclusive { x >= min.value } else { x > min.value })
        && (if max.inclusive { x <= max.value } else { x < max.value })
}

fn ordered(v: &[f64], order: Order) -> bool {
    v.windows(2).all(|w| match order {
        Order::Any => true,
        Order::Ascending => w[0] < w[1],
        Order::Descending => w[0] > w[1],
        Order::NonDecreasing => w[0] <= w[1],
    })
}

/// The numbers of a list of `n`, if it is one.
fn numbers(v: &Value, n: usize, whole: bool) -> Option<Vec<f64>> {
    let list = v.as_array().filter(|a| a.len() == n)?;
    list.iter().map(|x| if whole { x.as_u64().map(|u| u as f64) } else { x.as_f64() }).collect()
}

impl Rule {
    /// Whether `v` (never `null` here) keeps the rule.
    pub fn allows(&self, v: &Value) -> bool {
        match self {
            Rule::Enum { values } => v.as_str().is_some_and(|s| values.iter().any(|x| x == s)),
            Rule::Int { min, max } => v.as_u64().is_some_and(|x| (u64::from(*min)..=u64::from(*max)).contains(&x)),
            Rule::Num { min, max } => v.as_f64().is_some_and(|x| within(x, *min, *max)),
            Rule::Nums { n, min, max, order } => numbers(v, *n, false)
                .is_some_and(|xs| xs.iter().all(|&x| within(x, *min, *max)) && ordered(&xs, *order)),
            Rule::Ints { n, min, max, order } => numbers(v, *n, true).is_some_and(|xs| {
                xs.iter().all(|&x| within(x, incl(f64::from(*min)), incl(f64::from(*max)))) && ordered(&xs, *order)
            }),
            Rule::Date => v.as_str().is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()),
            Rule::Text { max_chars, single_line } => v
                .as_str()
                .is_some_and(|s| s.chars().count() <= *max_chars && !(*single_line && s.chars().any(char::is_control))),
            Rule::Encoding { .. } => {
                v.as_str().is_some_and(|s| crate::ingest::encoding::Encoding::for_label(s.trim().as_bytes()).is_some())
            }
            Rule::Columns { roles, max_chars } => v.as_object().is_some_and(|m| {
                m.iter().all(|(k, h)| roles.contains(k) && h.as_str().is_some_and(|h| h.chars().count() <= *max_chars))
            }),
            Rule::Groups { groups, cells } => {
                let Some(lists) = v.as_array().filter(|a| a.len() == *groups) else { return false };
                let mut seen: Vec<&str> =
                    lists.iter().flat_map(|g| g.as_array().into_iter().flatten()).filter_map(Value::as_str).collect();
                let all = lists
                    .iter()
                    .map(|g| g.as_array().map_or(usize::MAX, Vec::len))
                    .try_fold(0usize, usize::checked_add);
                seen.sort_unstable();
                all == Some(seen.len()) && seen.iter().copied().eq(cells.iter().map(String::as_str))
            }
        }
    }

    /// The rule in words (English, as the rest of the CLI), for errors and `--help`.
    pub fn describe(&self) -> String {
        let range = |min: Bound, max: Bound| {
            let lo = if min.inclusive { "<=" } else { "<" };
            let hi = if max.inclusive { "<=" } else { "<" };
            format!("{} {lo} x {hi} {}", min.value, max.value)
        };
        let order = |o: Order| match o {
            Order::Any => "",
            Order::Ascending => ", ascending",
            Order::Descending => ", descending",
            Order::NonDecreasing => ", each at least the one before",
        };
        match self {
            Rule::Enum { values } => values.join(" | "),
            Rule::Int { min, max } => format!("a whole number {min}..{max}"),
            Rule::Num { min, max } => range(*min, *max),
            Rule::Nums { n, min, max, order: o } => format!("{n} numbers, each {}{}", range(*min, *max), order(*o)),
            Rule::Ints { n, min, max, order: o } => format!("{n} whole numbers, each {min}..{max}{}", order(*o)),
            Rule::Date => "a date YYYY-MM-DD".into(),
            Rule::Text { max_chars, single_line } => {
                format!("text of at most {max_chars} characters{}", if *single_line { ", one line" } else { "" })
            }
            Rule::Encoding { offered } => format!("an encoding label: {}...", offered.join(", ")),
            Rule::Columns { roles, max_chars } => {
                format!("{{role: header}}, header at most {max_chars} characters; roles {}", roles.join(", "))
            }
            Rule::Groups { groups, cells } => {
                format!("{groups} lists of the cells {}, every cell in exactly one", cells.join(", "))
            }
        }
    }
}

/// A value as a person writes it: `[20, 60]`, not `[20.0,60.0]`.
fn show(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(", ")),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        v => v.to_string(),
    }
}

/// Checks every setting of `options` (an `Options`, serialized) against the table.
pub fn check(options: &Value) -> Result<(), Error> {
    for s in table() {
        let v = lookup(options, s.key);
        if v.is_null() && s.nullable {
            continue;
        }
        if !s.rule.allows(v) {
            let null = if s.nullable { ", or null" } else { "" };
            return Err(Error::BadOptions {
                detail: format!("{} {}: need {}{null}", s.key, show(v), s.rule.describe()),
            });
        }
    }
    Ok(())
}

/// `options` with the value at `key` replaced (objects made on the way).
pub fn with(options: &Value, key: &str, value: Value) -> Value {
    let mut out = options.clone();
    let mut at = &mut out;
    let mut parts = key.split('.').peekable();
    while let Some(k) = parts.next() {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let Value::Object(m) = at else { unreachable!() };
        if parts.peek().is_none() {
            m.insert(k.to_string(), value);
            break;
        }
        at = m.entry(k).or_insert(Value::Null);
    }
    out
}

/// A decimal at the page's precision, so both sides read the same number.
fn dec(x: f64) -> Value {
    let text = format!("{x:.6}");
    let x: f64 = text.parse().unwrap_or(x);
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// The closest allowed value to a bound, and the first refused one past it.
fn inside(b: Bound, up: bool, step: f64) -> (f64, f64) {
    let dir = if up { 1.0 } else { -1.0 };
    if b.inclusive {
        (b.value, b.value - dir * step)
    } else {
        (b.value + dir * step, b.value)
    }
}

/// Lists of `n` at the low and the high end that keep `order`, and one step past each.
fn list_cases(n: usize, min: Bound, max: Bound, order: Order, step: f64) -> Vec<Vec<f64>> {
    let (lo, lo_past) = inside(min, true, step);
    let (hi, hi_past) = inside(max, false, step);
    let strict = matches!(order, Order::Ascending | Order::Descending);
    let gap = if strict { step } else { 0.0 };
    // Ascending from the low end, and up to the high end.
    let low: Vec<f64> = (0..n).map(|i| lo + gap * i as f64).collect();
    let high: Vec<f64> = (0..n).map(|i| hi - gap * (n - 1 - i) as f64).collect();
    let mut low_past = low.clone();
    low_past[0] = lo_past;
    let mut high_past = high.clone();
    high_past[n - 1] = hi_past;
    let mut out = vec![low, high, low_past, high_past];
    if order == Order::Descending {
        out.iter_mut().for_each(|v| v.reverse());
    }
    if strict {
        // The wrong order, inside the range.
        let mut v = out[0].clone();
        v.reverse();
        out.push(v);
    }
    out
}

/// A setting at its limits: the value, and whether the core takes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Case {
    pub key: &'static str,
    pub value: Value,
    pub accepted: bool,
}

/// Every setting at each limit (min, max, each allowed value) and one step past it,
/// with the core's verdict: what deserializing and validating `Options` says.
pub fn limit_cases() -> Vec<Case> {
    let defaults = serde_json::to_value(crate::Options::default()).unwrap_or_default();
    let mut out = Vec::new();
    for s in table() {
        let mut values: Vec<Value> = Vec::new();
        if s.nullable {
            values.push(Value::Null);
        }
        match &s.rule {
            Rule::Enum { values: v } => {
                values.extend(v.iter().map(|x| json!(x)));
                values.push(json!("nope"));
            }
            Rule::Int { min, max } => {
                let (min, max) = (i64::from(*min), i64::from(*max));
                values.extend([json!(min), json!(max), json!(min - 1), json!(max + 1)]);
            }
            Rule::Num { min, max } => {
                let (lo, lo_past) = inside(*min, true, NUM_STEP);
                let (hi, hi_past) = inside(*max, false, NUM_STEP);
                values.extend([lo, hi, lo_past, hi_past].map(dec));
            }
            Rule::Nums { n, min, max, order } => {
                for v in list_cases(*n, *min, *max, *order, NUM_STEP) {
                    values.push(Value::Array(v.into_iter().map(dec).collect()));
                }
                values.push(Value::Array(vec![json!(50); n - 1]));
            }
            Rule::Ints { n, min, max, order } => {
                let (min, max) = (incl(f64::from(*min)), incl(f64::from(*max)));
                for v in list_cases(*n, min, max, *order, 1.0) {
                    values.push(Value::Array(v.into_iter().map(dec).collect()));
                }
            }
            Rule::Date => values.extend([json!("2024-02-29"), json!("2023-02-29")]),
            Rule::Text { max_chars, .. } => {
                // Empty text of a nullable setting is `null` in a link (nothing to write).
                if !s.nullable {
                    values.push(json!(""));
                }
                values.extend([json!("я".repeat(*max_chars)), json!("я".repeat(max_chars + 1))])
            }
            Rule::Encoding { offered } => {
                values.extend(offered.iter().map(|x| json!(x)));
                values.push(json!("nope"));
            }
            Rule::Columns { roles, max_chars } => {
                let role = roles.last().cloned().unwrap_or_default();
                values.extend([
                    json!({}),
                    json!({ role.clone(): "я".repeat(*max_chars) }),
                    json!({ role: "я".repeat(max_chars + 1) }),
                    json!({ "planet": "x" }),
                ]);
            }
            Rule::Groups { cells, .. } => {
                let all = cells.clone();
                let (first, rest) = all.split_at(all.len() - 1);
                values.extend([
                    json!([all, [], [], []]),
                    json!([[], [], [], all]),
                    json!([first, [], [], []]),
                    json!([all, rest, [], []]),
                ]);
            }
        }
        for value in values {
            let options = with(&defaults, s.key, value.clone());
            let accepted = serde_json::from_value::<crate::Options>(options).is_ok_and(|o| o.validate().is_ok());
            out.push(Case { key: s.key, value, accepted });
        }
    }
    out
}

/// Whole configs that, together, take every setting to each of its accepted limit
/// values: config `i` sets every setting to its `i`-th accepted case (cycling). The
/// encodings are the ones that read an ASCII file as ASCII (UTF-16 would turn the
/// test file into one column, and every other setting with it).
pub fn limit_configs(cases: &[Case]) -> Vec<Value> {
    let defaults = serde_json::to_value(crate::Options::default()).unwrap_or_default();
    let usable = |c: &&Case| {
        c.accepted
            && (c.key != "encoding"
                || c.value.as_str().is_none_or(|l| {
                    crate::ingest::encoding::Encoding::for_label(l.as_bytes())
                        .is_some_and(crate::ingest::encoding::Encoding::is_ascii_compatible)
                }))
    };
    let per_key: Vec<(&str, Vec<&Case>)> =
        table().iter().map(|s| (s.key, cases.iter().filter(|c| c.key == s.key).filter(usable).collect())).collect();
    let n = per_key.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    (0..n)
        .map(|i| {
            per_key
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .fold(defaults.clone(), |o, (key, v)| with(&o, key, v[i % v.len()].value.clone()))
        })
        .collect()
}

/// [`limit_cases`] and [`limit_configs`] as committed in
/// `tests/fixtures/settings_limits.json`: the page's tests check its link parsing
/// against the core's verdicts, and its Reports against the CLI's.
pub fn limits_json() -> String {
    let cases = limit_cases();
    let configs = limit_configs(&cases);
    serde_json::to_string_pretty(&json!({ "cases": cases, "configs": configs })).unwrap_or_default()
}

/// The settings as the page reads them: `www/settings-schema.js`, an ES module (no
/// request after load, and the shell keeps no copy of a rule).
pub fn page_module() -> String {
    let defaults = serde_json::to_value(crate::Options::default()).unwrap_or_default();
    let table = serde_json::to_string_pretty(&table()).unwrap_or_default();
    let defaults = serde_json::to_string_pretty(&defaults).unwrap_or_default();
    format!(
        "// Generated by `clientscope schema --settings` from crate/src/settings.rs: do not edit.\n\
         // Every setting's limits and allowed values (SETTINGS) and defaults (DEFAULTS).\n\
         export const SETTINGS = {table};\n\nexport const DEFAULTS = {defaults};\n\n\
         // Money from this many currency units on reads in whole units (format.rs).\n\
         export const MONEY_WHOLE_FROM = {whole_from};\n\n\
         // A share reads in whole percents from the first to below the second, one\n\
         // decimal elsewhere, 0 and 100 whole (format.rs `share`).\n\
         export const SHARE_WHOLE = [{s0}, {s1}];\n",
        whole_from = crate::format::WHOLE_FROM,
        s0 = crate::format::SHARE_WHOLE[0],
        s1 = crate::format::SHARE_WHOLE[1],
    )
}

/// The settings part of the CLI's help: each key, its rule and its default.
pub fn help() -> String {
    let defaults = serde_json::to_value(crate::Options::default()).unwrap_or_default();
    let mut out = String::new();
    for s in table() {
        let null = if s.nullable { ", or null" } else { "" };
        let rule = match &s.rule {
            Rule::Columns { max_chars, .. } => format!("header at most {max_chars} characters; roles as in README"),
            Rule::Groups { .. } => "four lists of the cells AX..CZ, every cell in one".into(),
            Rule::Encoding { .. } => "a WHATWG encoding label".into(),
            r => r.describe(),
        };
        let default = show(lookup(&defaults, s.key));
        out.push_str(&format!("  {:<22} {}\n  {:<22} {rule}{null}; default {default}\n", s.key, s.help, ""));
    }
    out
}

/// The README's table of settings (between its `settings:begin/end` markers):
/// config key, link name, what is allowed, default.
pub fn markdown_table() -> String {
    let defaults = serde_json::to_value(crate::Options::default()).unwrap_or_default();
    let mut out = String::from("| Config key | In the link | Allowed | Default |\n|---|---|---|---|\n");
    for s in table() {
        let null = if s.nullable { ", or null" } else { "" };
        let rule = match &s.rule {
            Rule::Columns { max_chars, .. } => format!("role key: header text of at most {max_chars} characters"),
            Rule::Encoding { offered } => format!("a WHATWG label; the page offers {}", offered.join(", ")),
            r => r.describe(),
        };
        let hash = if s.key == "columns" { "col.ROLE" } else { s.hash };
        let cells = [
            format!("`{}`", s.key),
            format!("`{hash}`"),
            format!("{rule}{null}"),
            format!("`{}`", show(lookup(&defaults, s.key))),
        ];
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    /// The serde names of an enum's values, from its JSON Schema: a variant added to a
    /// type and not to the table fails the test below.
    fn names_of<T: schemars::JsonSchema>() -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
        let mut out = Vec::new();
        let mut take = |v: &Value| {
            if let Some(s) = v.get("const").and_then(Value::as_str) {
                out.push(s.to_string());
            }
            for s in v.get("enum").and_then(Value::as_array).into_iter().flatten() {
                out.extend(s.as_str().map(str::to_string));
            }
        };
        take(&schema);
        for v in schema.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
            take(v);
        }
        out
    }

    #[test]
    fn the_table_names_every_option_once_and_the_defaults_keep_it() {
        let defaults = serde_json::to_value(Options::default()).unwrap();
        let keys: Vec<&str> = table().iter().map(|s| s.key).collect();
        let mut top: Vec<&str> = keys.iter().map(|k| k.split('.').next().unwrap()).collect();
        top.dedup();
        let mut fields: Vec<&str> = defaults.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        let mut sorted = top.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, fields, "every option has a row, and every row an option");
        for s in table() {
            let v = lookup(&defaults, s.key);
            assert!(!v.is_object() || matches!(s.rule, Rule::Columns { .. }), "{}: go one level down", s.key);
            assert!((v.is_null() && s.nullable) || s.rule.allows(v), "{} default {v}", s.key);
        }
        // Each enum's list (in the page's order) has every value its type has.
        let sorted = |mut v: Vec<String>| {
            v.sort_unstable();
            v
        };
        for (key, all) in [
            ("lang", names_of::<Lang>()),
            ("period", names_of::<Grain>()),
            ("abc_dimension", names_of::<Dimension>()),
            ("abc_measure", names_of::<Measure>()),
            ("xyz_method.client", names_of::<XyzMethod>()),
            ("compare", names_of::<Compare>()),
        ] {
            let Rule::Enum { values } = table().into_iter().find(|s| s.key == key).unwrap().rule else { panic!() };
            assert!(all.len() >= 2, "{key}: {all:?}");
            assert_eq!(sorted(values), sorted(all), "{key}");
        }
        assert!(check(&defaults).is_ok());
    }

    #[test]
    fn every_offered_encoding_is_a_label_the_core_knows() {
        for label in OFFERED_ENCODINGS {
            assert!(crate::ingest::encoding::Encoding::for_label(label.as_bytes()).is_some(), "{label}");
        }
    }

    #[test]
    fn limit_cases_are_taken_at_the_limit_and_refused_one_step_past() {
        let cases = limit_cases();
        // Each setting has at least one accepted and one refused value.
        for s in table() {
            let mine: Vec<&Case> = cases.iter().filter(|c| c.key == s.key).collect();
            assert!(mine.iter().any(|c| c.accepted), "{}", s.key);
            assert!(mine.iter().any(|c| !c.accepted), "{}", s.key);
        }
        let verdict = |key: &str, v: Value| cases.iter().find(|c| c.key == key && c.value == v).map(|c| c.accepted);
        assert_eq!(verdict("window", json!(5200)), Some(true));
        assert_eq!(verdict("window", json!(5201)), Some(false));
        assert_eq!(verdict("x_cost_ratio", json!(0.000001)), Some(true));
        assert_eq!(verdict("x_cost_ratio", json!(0)), Some(false));
        assert_eq!(verdict("buys_less_pct", json!(99.999999)), Some(true));
        assert_eq!(verdict("buys_less_pct", json!(100)), Some(false));
        assert_eq!(verdict("xyz_frequency", json!([100, 99.999999])), Some(true));
        assert_eq!(verdict("xyz_frequency", json!([0.000002, 0.000001])), Some(true));
        assert_eq!(verdict("xyz_frequency", json!([0.000002, 0])), Some(false));
        assert_eq!(verdict("rfm_frequency", json!([0, 2, 3, 4])), Some(false));
        assert_eq!(verdict("rfm_frequency", Value::Null), Some(true));
        assert_eq!(verdict("abcdx_measure", json!("margin")), Some(true));
        assert_eq!(verdict("abcdx_measure", json!("nope")), Some(false));
        assert_eq!(verdict("overdue_levels", json!([1000, 1000, 1000])), Some(true));
        assert_eq!(verdict("as_of", json!("2023-02-29")), Some(false));
    }

    #[test]
    fn help_prints_limits_and_defaults_from_the_table() {
        let h = help();
        assert!(h.contains("window"), "{h}");
        assert!(h.contains("a whole number 0..5200; default 12"), "{h}");
        assert!(h.contains("2 numbers, each 0 < x <= 100, descending; default [75, 25]"), "{h}");
        assert!(h.contains("ru | uk | en; default \"en\""), "{h}");
    }
}
