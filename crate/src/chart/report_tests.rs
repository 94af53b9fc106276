//! Charts fed from real reports (the demo and the hand-made dynamics file): each
//! chart parses, and its marks and labels carry the report's own figures.

use super::canvas::{self as c, FRAME};
use super::tests::{elements, hex, num, points, texts};
use super::{fmt, from_report, gauge, Chart};
use crate::lang::Lang;
use crate::options::Options;
use crate::report::Report;
use roxmltree::Document;

const ALL: [&str; 11] = [
    "pareto",
    "abc-xyz",
    "quadrants",
    "pool",
    "leakage",
    "transitions",
    "transitions-year",
    "cohorts",
    "revenue-by-group",
    "holdout-tracking",
    "holdout-calibration",
];

fn demo() -> Report {
    crate::analyze(crate::demo::demo().csv.as_bytes(), &Options::default()).unwrap()
}

fn hand() -> Report {
    let path = format!("{}/../tests/fixtures/dynamics_hand.csv", env!("CARGO_MANIFEST_DIR"));
    crate::analyze(std::fs::read(path).unwrap().as_slice(), &Options::default()).unwrap()
}

fn chart<'a>(all: &'a [Chart], name: &str) -> &'a Chart {
    all.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name} missing"))
}

/// Heights of the bars of one colour inside the plot, left to right.
fn bar_heights(svg: &str, colour: plotters::style::RGBColor) -> Vec<i32> {
    let doc = Document::parse(svg).unwrap();
    let h = hex(colour);
    elements(&doc, "rect")
        .into_iter()
        .filter(|n| n.attribute("fill") == Some(&h) && num(n, "y") >= FRAME.top && num(n, "height") < 400)
        .map(|n| num(&n, "height"))
        .collect()
}

/// Every bar within 1.5 px of `value x unit`, the unit taken from all of them.
fn proportional(heights: &[i32], values: &[f64]) {
    let nonzero: Vec<f64> = values.iter().copied().filter(|v| *v > 0.0).collect();
    assert_eq!(heights.len(), nonzero.len(), "{heights:?} for {values:?}");
    let unit = heights.iter().sum::<i32>() as f64 / nonzero.iter().sum::<f64>();
    for (h, v) in heights.iter().zip(&nonzero) {
        assert!((*h as f64 - v * unit).abs() <= 1.5, "{h} px for {v} ({heights:?} / {nonzero:?})");
    }
}

#[test]
fn the_demo_feeds_every_chart_in_every_language() {
    let r = demo();
    for lang in [Lang::Ru, Lang::Uk, Lang::En] {
        let all = from_report(&r, lang);
        assert_eq!(all.iter().map(|c| c.name).collect::<Vec<_>>(), ALL, "{lang:?}");
        for ch in &all {
            let doc = Document::parse(&ch.svg).unwrap_or_else(|e| panic!("{}: {e}", ch.name));
            assert_eq!(doc.root_element().attribute("class"), Some("cs-chart"));
            assert_eq!(elements(&doc, "title")[0].text(), Some(ch.title.as_str()), "{}", ch.name);
            assert!(ch.svg.contains("prefers-color-scheme:dark"));
            assert!(!ch.svg.contains("NaN"), "{}", ch.name);
        }
    }
    let en = from_report(&r, Lang::En);
    assert_eq!(from_report(&r, Lang::En), en, "same bytes twice");
    assert_eq!(chart(&en, "revenue-by-group").title, "Revenue per period by ABC group");
    assert_ne!(chart(&from_report(&r, Lang::Ru), "cohorts").title, chart(&en, "cohorts").title);
}

#[test]
fn revenue_bars_and_pool_bars_follow_the_report() {
    for r in [demo(), hand()] {
        let all = from_report(&r, Lang::En);
        let v = &r.revenue_by_class.periods;
        let svg = &chart(&all, "revenue-by-group").svg;
        let groups: [Vec<f64>; 3] = [
            v.iter().map(|x| x.revenue.a.to_f64()).collect(),
            v.iter().map(|x| x.revenue.b.to_f64()).collect(),
            v.iter().map(|x| x.revenue.c.to_f64()).collect(),
        ];
        for (i, values) in groups.iter().enumerate() {
            let h = bar_heights(svg, c::group_colour(i));
            proportional(&h, values);
            // Taller bar, larger value: the order of the heights is the order of the figures.
            let nonzero: Vec<f64> = values.iter().copied().filter(|x| *x > 0.0).collect();
            for a in 0..h.len() {
                for b in 0..h.len() {
                    if nonzero[a] > nonzero[b] * 1.05 {
                        assert!(
                            h[a] >= h[b],
                            "group {i}: {} > {} but {} px < {} px",
                            nonzero[a],
                            nonzero[b],
                            h[a],
                            h[b]
                        );
                    }
                }
            }
        }
        let p = &r.pool.periods;
        let svg = &chart(&all, "pool").svg;
        proportional(&bar_heights(svg, c::BLUE), &p.iter().map(|x| x.new as f64).collect::<Vec<_>>());
        proportional(&bar_heights(svg, c::GREEN), &p.iter().map(|x| x.returned as f64).collect::<Vec<_>>());
        proportional(&bar_heights(svg, c::VERMILLION), &p.iter().map(|x| x.lost as f64).collect::<Vec<_>>());
    }
}

#[test]
fn the_gauge_points_at_the_reports_rate() {
    for r in [demo(), hand()] {
        let rate = r.leakage.rate.unwrap();
        for lang in [Lang::Ru, Lang::En] {
            let all = from_report(&r, lang);
            let doc = Document::parse(&chart(&all, "leakage").svg).unwrap();
            assert!(texts(&doc).contains(&fmt::share(rate, lang)), "{:?}", texts(&doc));
            let needle =
                elements(&doc, "polyline").into_iter().find(|n| n.attribute("stroke-width") == Some("4")).unwrap();
            let p = points(&needle);
            let angle = libm::atan2((p[0].1 - p[1].1) as f64, (p[1].0 - p[0].0) as f64);
            let want = core::f64::consts::PI * (1.0 - rate / gauge::dial_max(rate, r.leakage.norm));
            assert!((angle - want).abs() < 0.02, "{angle} vs {want}");
        }
    }
    // The hand file: 1 of 4 left, 25 %, above the 10 % norm. The words were "lost 1 of
    // 4": leakage counts another set than the lifecycle's gone clients, so it is named
    // for what it counts (see the README's lifecycle).
    let doc_svg = chart(&from_report(&hand(), Lang::En), "leakage").svg.clone();
    assert!(
        doc_svg.contains("25%")
            && doc_svg.contains("above the norm")
            && doc_svg.contains("no purchase in 12 months: 1 of 4")
    );
}

#[test]
fn flow_bands_are_as_wide_as_the_moves() {
    for r in [demo(), hand()] {
        let t = &r.transitions.previous;
        let svg = chart(&from_report(&r, Lang::En), "transitions").svg.clone();
        let doc = Document::parse(&svg).unwrap();
        // Bands are drawn in the order of the moves: row by row, cells then "new".
        let widths: Vec<i32> =
            elements(&doc, "polygon").iter().map(points).map(|p| p.last().unwrap().1 - p[0].1).collect();
        assert_eq!(widths.len(), t.moves.len());
        // The unit from the widest band; every other band to within rounding.
        let big = (0..widths.len()).max_by_key(|&k| t.moves[k].count).unwrap();
        let unit = widths[big] as f64 / t.moves[big].count as f64;
        for (w, m) in widths.iter().zip(&t.moves) {
            let want = (m.count as f64 * unit).max(1.0);
            assert!((*w as f64 - want).abs() <= 2.0, "{}->{}: {w} px for {}", m.from, m.to, m.count);
        }
        let title = elements(&doc, "title")[0].text().unwrap().to_string();
        // The dates in the language's format, as the page's tables write them.
        let (before, now) = (crate::format::date(t.before, Lang::En), crate::format::date(t.now, Lang::En));
        assert!(title.ends_with(&format!("{before} → {now}")), "{title}");
    }
}

#[test]
fn cohort_cells_carry_shares_and_counts() {
    for r in [demo(), hand()] {
        for lang in [Lang::Ru, Lang::En] {
            let svg = chart(&from_report(&r, lang), "cohorts").svg.clone();
            let doc = Document::parse(&svg).unwrap();
            let on = [hex(c::ON_LIGHT), hex(c::ON_DARK)];
            let cells: Vec<_> = elements(&doc, "text")
                .into_iter()
                .filter(|n| on.iter().any(|h| n.attribute("fill") == Some(h)))
                .map(|n| (n.attribute("font-weight") == Some("bold"), n.text().unwrap().trim().to_string()))
                .collect();
            let k = &r.cohorts.cohorts;
            let shares: Vec<String> = k.iter().flat_map(|c| c.share.iter().map(|s| fmt::share(*s, lang))).collect();
            let counts: Vec<String> =
                k.iter().flat_map(|c| c.active.iter().map(|n| fmt::int(*n as u64, lang))).collect();
            let main: Vec<String> = cells.iter().filter(|x| x.0).map(|x| x.1.clone()).collect();
            let sub: Vec<String> = cells.iter().filter(|x| !x.0).map(|x| x.1.clone()).collect();
            assert_eq!(main, shares);
            assert_eq!(sub, counts);
            // Row labels: the cohort's month, as the tables write dates, and its size.
            let t = texts(&doc);
            for c in k {
                let label = format!("{} ({})", fmt::month(c.period_start, lang), fmt::int(c.clients as u64, lang));
                assert!(t.contains(&label), "{label} in {t:?}");
            }
        }
    }
    // The hand file by hand: January (Gone) bought six months of twelve; December (Newbie).
    let doc_svg = chart(&from_report(&hand(), Lang::En), "cohorts").svg.clone();
    let doc = Document::parse(&doc_svg).unwrap();
    let t = texts(&doc);
    // Months as the page writes dates in English (1/2025); they were ISO (2025-01).
    assert!(t.contains(&"1/2025 (1)".to_string()) && t.contains(&"12/2025 (1)".to_string()));
    assert_eq!(t.iter().filter(|s| *s == "100%").count(), 7, "six months of Gone, one of Newbie");
    assert_eq!(t.iter().filter(|s| *s == "0%").count(), 6);
}

#[test]
fn the_hand_file_and_a_short_history_skip_what_they_cannot_feed() {
    let names = |r: &Report| from_report(r, Lang::En).iter().map(|c| c.name).collect::<Vec<_>>();
    // The hand file's handful of clients fit no buying model: no forecast check to draw.
    assert!(hand().btyd.holdout.models.iter().all(|m| m.mae.is_none()));
    assert_eq!(names(&hand()), ALL[..ALL.len() - 2]);
    // One day of sales: no year to measure leakage on, nobody before to move, nothing
    // to draw transitions from.
    let csv = "Date,Client,Amount\n2025-03-01,One,10\n2025-03-01,Two,20\n2025-03-01,Three,30\n";
    let r = crate::analyze(csv.as_bytes(), &Options::default()).unwrap();
    let got = names(&r);
    for skipped in ["leakage", "transitions", "transitions-year"] {
        assert!(!got.contains(&skipped), "{skipped} in {got:?}");
    }
    assert!(got.contains(&"cohorts") && got.contains(&"revenue-by-group") && got.contains(&"pool"));
}

/// The forecast check's charts carry the Report's figures: the actual tracking line
/// has a point a held-out week from the cut-off at the frame's left edge, rises
/// with the cumulative purchases and ends at the Report's total in proportion to the
/// model's; the calibration chart has a dot per bin for the actual means and each
/// fitted model's.
#[test]
fn the_forecast_check_charts_draw_the_holdout_figures() {
    let r = demo();
    let h = &r.btyd.holdout;
    let en = from_report(&r, Lang::En);
    let doc = Document::parse(&chart(&en, "holdout-tracking").svg).unwrap();
    let blue = hex(c::BLUE);
    let actual = elements(&doc, "polyline").into_iter().find(|n| n.attribute("stroke") == Some(&blue)).unwrap();
    let pts = points(&actual);
    assert_eq!(pts.len(), h.actual_weekly.len() + 1);
    assert_eq!(pts[0], (FRAME.left, FRAME.bottom), "starts at the cut-off with none");
    assert!(pts.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 <= w[0].1), "{pts:?}");
    let used = h.models.iter().find(|m| m.model == h.chosen).unwrap();
    // The model's line is dashed: many short segments; its last point is its total.
    let vermillion = hex(c::VERMILLION);
    let model_end = elements(&doc, "polyline")
        .into_iter()
        .filter(|n| n.attribute("stroke") == Some(&vermillion))
        .flat_map(|n| points(&n))
        .max_by_key(|p| p.0)
        .unwrap();
    let height = |p: (i32, i32)| f64::from(FRAME.bottom - p.1);
    let (a, m) = (h.actual as f64, used.predicted.unwrap());
    let ratio = height(*pts.last().unwrap()) / height(model_end);
    assert!((ratio - a / m).abs() < 0.01, "{ratio} vs {}", a / m);
    assert!(texts(&doc).iter().any(|t| t.starts_with("Cut-off ")), "{:?}", texts(&doc));
    let doc = Document::parse(&chart(&en, "holdout-calibration").svg).unwrap();
    let fitted = h.models.iter().filter(|m| m.mae.is_some()).count();
    let dots = elements(&doc, "circle").len();
    // Bins without clients are left out of the chart.
    let held = h.bins.iter().filter(|b| b.clients > 0).count();
    assert_eq!(dots, held * (1 + fitted));
}

#[test]
fn a_phone_gets_every_chart_drawn_for_its_width_with_legible_text() {
    // Shown in a 390 px screen's card, about 340 px: every label of the x-y
    // charts, the gauge and the flows reads at 11 px or more there (the wide
    // drawing showed 12 px labels at 5.7), and so does the cohort grid, which
    // shows the first periods only. The matrix and the 10 x 10 moves fit their
    // figures to their cells instead.
    let r = demo();
    for lang in [Lang::Ru, Lang::En] {
        let wide = from_report(&r, lang);
        let phone = super::for_phone(&r, lang);
        assert_eq!(phone.iter().map(|x| x.name).collect::<Vec<_>>(), wide.iter().map(|x| x.name).collect::<Vec<_>>());
        assert!(!c::is_narrow(), "the switch is off again after drawing");
        for ch in phone.iter().filter(|x| !["abc-xyz", "transitions-year"].contains(&x.name)) {
            let doc = Document::parse(&ch.svg).unwrap();
            let width = num(&doc.root_element(), "width");
            assert_eq!(width, c::NARROW_W as i32, "{}", ch.name);
            let shown = |px: f64| px * 340.0 / f64::from(width);
            let smallest = elements(&doc, "text")
                .iter()
                .filter_map(|n| n.attribute("font-size")?.parse::<f64>().ok())
                .fold(f64::MAX, f64::min);
            assert!(shown(smallest) >= 11.0, "{} {lang:?}: {:.1} px", ch.name, shown(smallest));
        }
        // The report and the CLI keep the wide drawing.
        assert!(wide.iter().all(|x| x.svg.contains(&format!("width=\"{}\"", c::W)) || x.name == "cohorts"));
    }
}

#[test]
fn a_phone_gets_the_first_cohort_periods_and_a_note_naming_them() {
    // The demo's twelve periods do not fit a phone's width at a legible size: the
    // first ones do, with each share as the wide grid has it, and the note says
    // which are shown and where the rest are.
    let r = demo();
    for lang in [Lang::Ru, Lang::Uk, Lang::En] {
        let svg = chart(&super::for_phone(&r, lang), "cohorts").svg.clone();
        let doc = Document::parse(&svg).unwrap();
        let on = [hex(c::ON_LIGHT), hex(c::ON_DARK)];
        let cells: Vec<String> = elements(&doc, "text")
            .into_iter()
            .filter(|n| on.iter().any(|h| n.attribute("fill") == Some(h)))
            .map(|n| n.text().unwrap().trim().to_string())
            .collect();
        let k = &r.cohorts.cohorts;
        let all = k.iter().map(|c| c.share.len()).max().unwrap();
        let shown = (3..all).find(|n| cells.len() == k.iter().map(|c| c.share.len().min(*n)).sum::<usize>());
        let shown = shown.unwrap_or_else(|| panic!("{lang:?}: {} cells of {all} periods", cells.len()));
        let shares: Vec<String> =
            k.iter().flat_map(|c| c.share.iter().take(shown).map(|s| fmt::share(*s, lang))).collect();
        assert_eq!(cells, shares, "{lang:?}");
        let note = lang.f("chart.cohortFirstPeriods", &[("last", &(shown - 1)), ("max", &(all - 1))]);
        let words = texts(&doc).join(" ");
        let first = note.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(words.contains(&first), "{lang:?}: {first:?} in {words:?}");
    }
}

#[test]
fn a_title_too_long_for_the_width_wraps_and_the_chart_moves_down() {
    let long = "Покупок на клиента за проверку — по числу повторных покупок до неё";
    let lines = c::wrap(long, 12.0 * c::NARROW_TEXT, c::NARROW_W as i32 - 32);
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines.join(" "), long);
    assert!(lines.iter().all(|l| c::text_width(l, 12.0 * c::NARROW_TEXT) <= c::NARROW_W as i32 - 32), "{lines:?}");
    // A word wider than the line keeps a line of its own rather than vanish.
    assert_eq!(c::wrap("a verylongword b", 10.0, 30), ["a", "verylongword", "b"]);
    let one = c::render(480, 100, "Short", |_| Ok(()));
    let two = c::render(480, 100, long, |_| Ok(()));
    let height = |svg: &str| num(&Document::parse(svg).unwrap().root_element(), "height");
    assert_eq!(height(&one), 100);
    assert!(height(&two) > 100, "the canvas grows by the title's second line");
}
