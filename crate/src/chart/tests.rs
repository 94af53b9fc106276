//! Charts read back with an XML parser: the marks carry the figures, labels are in
//! the requested language, hostile names are escaped, nothing points outside.
//! `CHART_DIR=/tmp/charts cargo test --release chart::tests::write_samples`
//! writes every sample chart as SVG to look at.

use super::bars::{self, PeriodBars};
use super::canvas::{self as c, FRAME};
use super::gauge::{self, Leakage};
use super::heatmap::{self, AbcXyz, Cohorts, Transitions};
use super::pareto::{self, Pareto};
use super::pool::{self, Pool};
use super::scatter::{self, Dot, Scatter};
use super::{flows, fmt};
use crate::lang::Lang;
use roxmltree::{Document, Node};

const EVIL: &str = "<script>alert(1)</script> & \"x\" 'y'\u{1}";
const LANGS: [Lang; 3] = [Lang::Ru, Lang::Uk, Lang::En];

/// A small deterministic generator for sample figures.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn periods(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("2024-{:02}", i + 1)).collect()
}

fn sample_pareto() -> Pareto {
    let mut v: Vec<f64> = (1..=50).map(|i| 1000.0 / (i as f64)).collect();
    v.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = v.iter().sum();
    let mut curve = vec![[0.0, 0.0]];
    let mut cum = 0.0;
    for (k, x) in v.iter().enumerate() {
        cum += x;
        curve.push([(k + 1) as f64 / 50.0, cum / total]);
    }
    curve.last_mut().unwrap()[1] = 1.0;
    Pareto { top20: Some([0.2, curve[10][1]]), curve, gini: 0.52 }
}

fn sample_matrix() -> AbcXyz {
    AbcXyz {
        counts: [[12, 8, 5], [20, 30, 25], [40, 60, 1150]],
        revenue_share: [[0.42, 0.21, 0.07], [0.08, 0.06, 0.04], [0.03, 0.04, 0.05]],
    }
}

fn sample_transitions(names: &[&str]) -> Transitions {
    let mut g = Lcg(7);
    let mut rows: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut cols = rows.clone();
    rows.push("new".into());
    cols.push("gone".into());
    let counts = rows
        .iter()
        .enumerate()
        .map(|(i, _)| {
            cols.iter().enumerate().map(|(j, _)| if i == j { 20 + g.below(60) } else { g.below(6) }).collect()
        })
        .collect();
    Transitions { rows, cols, counts }
}

fn sample_cohorts() -> Cohorts {
    let n = 12;
    Cohorts {
        cohorts: periods(n),
        sizes: (0..n as u64).map(|i| 100 + 7 * i).collect(),
        retention: (0..n)
            .map(|i| (0..n).map(|k| (k < n - i).then(|| if k == 0 { 1.0 } else { 0.55 / (k as f64).sqrt() })).collect())
            .collect(),
        active: Vec::new(),
    }
}

fn sample_pool() -> Pool {
    let mut g = Lcg(3);
    Pool {
        periods: periods(12),
        new: (0..12).map(|_| 20 + g.below(40)).collect(),
        returned: (0..12).map(|_| g.below(15)).collect(),
        lost: (0..12).map(|_| 10 + g.below(30)).collect(),
    }
}

fn sample_leakage() -> Leakage {
    Leakage { rate: 0.142, norm: 0.10, lost: 142, base: 1000 }
}

fn sample_scatter() -> Scatter {
    let mut g = Lcg(11);
    let dots: Vec<Dot> = (0..300)
        .map(|_| {
            let loyalty = g.below(1000) as f64 / 1000.0;
            let profit = (g.below(1000) as f64).powi(3) / 1000.0 - 50.0;
            let q = match (loyalty >= 0.5, profit >= 2000.0) {
                (false, false) => 0,
                (true, false) => 1,
                (true, true) => 2,
                (false, true) => 3,
            };
            Dot { loyalty, profit, quadrant: q }
        })
        .collect();
    Scatter { dots, loyalty_split: 0.5, profit_split: 2000.0, margin: true, clients: 300 }
}

fn sample_bars() -> PeriodBars {
    let mut g = Lcg(5);
    PeriodBars {
        periods: periods(12),
        groups: vec!["A".into(), "B".into(), "C".into()],
        values: (0..3).map(|k| (0..12).map(|_| (g.below(400_000) + 100_000 * (3 - k)) as f64).collect()).collect(),
    }
}

/// Every chart on its sample input.
fn samples(lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        ("pareto", pareto::svg(&sample_pareto(), lang)),
        ("abc-xyz", heatmap::abc_xyz(&sample_matrix(), lang)),
        ("transitions", heatmap::transitions(&sample_transitions(&CELLS), lang)),
        ("flows", flows::svg(&sample_transitions(&CELLS), lang)),
        ("cohorts", heatmap::cohorts(&sample_cohorts(), lang)),
        ("pool", pool::svg(&sample_pool(), lang)),
        ("leakage", gauge::svg(&sample_leakage(), lang)),
        ("quadrants", scatter::svg(&sample_scatter(), lang)),
        ("revenue-by-abc", bars::svg(&sample_bars(), lang)),
    ]
}

const CELLS: [&str; 9] = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"];

pub(super) fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

pub(super) fn elements<'a>(doc: &'a Document, tag: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants().filter(|n| n.has_tag_name(tag)).collect()
}

pub(super) fn texts(doc: &Document) -> Vec<String> {
    elements(doc, "text").iter().map(|n| n.text().unwrap_or("").trim().to_string()).collect()
}

pub(super) fn num(n: &Node, attr: &str) -> i32 {
    n.attribute(attr).unwrap_or_else(|| panic!("{attr} missing")).parse().unwrap()
}

pub(super) fn points(n: &Node) -> Vec<(i32, i32)> {
    n.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn write_samples() {
    let Some(dir) = std::env::var_os("CHART_DIR") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    for lang in LANGS {
        for (name, svg) in samples(lang) {
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}-{lang:?}.svg")), svg).unwrap();
        }
    }
}

#[test]
fn every_chart_parses_is_closed_and_deterministic() {
    for lang in LANGS {
        let a = samples(lang);
        assert_eq!(a, samples(lang), "same bytes for the same input");
        for (name, svg) in &a {
            let doc = Document::parse(svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("class"), Some("cs-chart"), "{name}");
            assert!(elements(&doc, "title").len() == 1, "{name} has a title");
            let lower = svg.to_lowercase();
            assert!(!lower.contains("<script"), "{name}");
            assert!(!lower.contains("href"), "{name}");
            assert!(!lower.contains("url("), "{name}");
            assert!(!lower.contains("@import"), "{name}");
            // The namespace is the only address, and it is not fetched.
            assert_eq!(lower.matches("http").count(), 1, "{name}");
            assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.contains("prefers-color-scheme:dark"), "{name} switches in dark mode");
            assert!(!svg.contains("NaN") && !svg.contains("inf\"") && !svg.contains("inf,"), "{name}");
        }
    }
}

#[test]
fn abc_xyz_cells_carry_the_counts_in_reading_order() {
    let m = sample_matrix();
    for lang in LANGS {
        let svg = heatmap::abc_xyz(&m, lang);
        let doc = Document::parse(&svg).unwrap();
        let on = [hex(c::ON_LIGHT), hex(c::ON_DARK)];
        let cell_text: Vec<Node> =
            elements(&doc, "text").into_iter().filter(|n| on.iter().any(|h| n.attribute("fill") == Some(h))).collect();
        let counts: Vec<String> = cell_text
            .iter()
            .filter(|n| n.attribute("font-weight") == Some("bold"))
            .map(|n| n.text().unwrap().trim().into())
            .collect();
        let want: Vec<String> = m.counts.iter().flatten().map(|n| fmt::int(*n, lang)).collect();
        assert_eq!(counts, want);
        let shares: Vec<String> = cell_text
            .iter()
            .filter(|n| n.attribute("font-weight").is_none())
            .map(|n| n.text().unwrap().trim().into())
            .collect();
        assert_eq!(shares[0], fmt::share(0.42, lang));
        // Nine shaded cells; the largest revenue share gets the brightest colour.
        let cells: Vec<Node> = elements(&doc, "rect")
            .into_iter()
            .filter(|n| num(n, "width") > 40 && num(n, "height") > 20 && n.attribute("fill") != Some(&hex(c::BG)))
            .collect();
        assert_eq!(cells.len(), 9);
        assert_eq!(cells[0].attribute("fill"), Some(hex(c::sequential(1.0)).as_str()));
        assert!(texts(&doc).contains(&"X".to_string()) && texts(&doc).contains(&"C".to_string()));
    }
    // Four digits are grouped as the page's Intl.NumberFormat groups them (crate::format),
    // with a narrow no-break space; they once stayed whole in Russian.
    assert!(heatmap::abc_xyz(&m, Lang::Ru).contains(">\n1\u{a0}150\n<"), "grouped with a no-break space");
    assert!(heatmap::abc_xyz(&m, Lang::En).contains("1,150"));
}

#[test]
fn pareto_curve_is_monotone_and_ends_at_the_full_base() {
    let svg = pareto::svg(&sample_pareto(), Lang::En);
    let doc = Document::parse(&svg).unwrap();
    let blue = hex(c::BLUE);
    let curve = elements(&doc, "polyline").into_iter().find(|n| n.attribute("stroke") == Some(&blue)).unwrap();
    let pts = points(&curve);
    assert_eq!(pts.len(), 51);
    assert_eq!(pts[0], (FRAME.left, FRAME.bottom), "starts at 0 % / 0 %");
    assert_eq!(*pts.last().unwrap(), (FRAME.right, FRAME.top), "ends at 100 % / 100 %");
    for w in pts.windows(2) {
        assert!(w[1].0 >= w[0].0 && w[1].1 <= w[0].1, "monotone: {w:?}");
    }
    let t = texts(&doc);
    assert!(t.iter().any(|s| s.starts_with("20% of clients")), "{t:?}");
    assert!(t.contains(&"100%".to_string()));
}

#[test]
fn scatter_has_one_mark_per_client_and_the_splits() {
    let s = sample_scatter();
    let svg = scatter::svg(&s, Lang::Uk);
    let doc = Document::parse(&svg).unwrap();
    let dots = elements(&doc, "circle");
    assert_eq!(dots.len(), s.dots.len());
    for (d, n) in s.dots.iter().zip(&dots) {
        assert_eq!(n.attribute("fill"), Some(hex(scatter::quadrant_colour(d.quadrant)).as_str()));
    }
    let x = c::Scale::new(0.0, 1.0, FRAME.left, FRAME.right);
    let ink = hex(c::INK);
    // Dashes: short two-point polylines in the text colour.
    let dashes: Vec<Vec<(i32, i32)>> = elements(&doc, "polyline")
        .into_iter()
        .filter(|n| n.attribute("stroke") == Some(&ink))
        .map(|n| points(&n))
        .filter(|p| p.len() == 2)
        .collect();
    let sx = x.px(s.loyalty_split);
    assert!(dashes.iter().filter(|p| p[0].0 == sx && p[1].0 == sx).count() > 10, "vertical split at {sx}");
    let horizontal: Vec<&Vec<(i32, i32)>> = dashes.iter().filter(|p| p[0].1 == p[1].1).collect();
    let sy = horizontal[0][0].1;
    assert!(horizontal.iter().all(|p| p[0].1 == sy) && horizontal.len() > 10);
    // A dot with exactly the split profit sits on the line.
    let (lo, hi) = scatter::profit_range(&s);
    let y = c::Scale::new(scatter::symlog(lo), scatter::symlog(hi), FRAME.bottom, FRAME.top);
    assert_eq!(sy, y.px(scatter::symlog(s.profit_split)));
    let t = texts(&doc);
    assert!(t.iter().any(|s| s.starts_with("II · золотий резерв")), "{t:?}");
    // All-positive profits: the axis starts near the smallest, not at zero.
    let rich = Scatter { dots: vec![Dot { loyalty: 0.2, profit: 5000.0, quadrant: 0 }], profit_split: 8000.0, ..s };
    assert_eq!(scatter::profit_range(&rich), (2500.0, 12000.0));
    assert!(t.contains(&"Лояльність (0–1)".to_string()));
}

#[test]
fn gauge_shows_the_rate_against_the_norm() {
    let l = sample_leakage();
    for lang in LANGS {
        let svg = gauge::svg(&l, lang);
        let doc = Document::parse(&svg).unwrap();
        let t = texts(&doc);
        assert!(t.contains(&fmt::share(0.142, lang)), "{t:?}");
        let norm = format!("{} ≤ {}", lang.t("chart.norm"), fmt::pct(0.1, 0, lang));
        assert!(t.contains(&norm), "{t:?}");
        assert!(t.contains(&lang.t("leakageStatus.above_norm").to_string()));
    }
    // The needle points at the rate on a 0..30 % dial: 14.2 / 30 of a half turn.
    let doc_svg = gauge::svg(&l, Lang::En);
    let doc = Document::parse(&doc_svg).unwrap();
    let needle = elements(&doc, "polyline").into_iter().find(|n| n.attribute("stroke-width") == Some("4")).unwrap();
    let p = points(&needle);
    let (dx, dy) = ((p[1].0 - p[0].0) as f64, (p[0].1 - p[1].1) as f64);
    let angle = libm::atan2(dy, dx);
    let want = core::f64::consts::PI * (1.0 - 0.142 / gauge::dial_max(0.142, 0.1));
    assert!((angle - want).abs() < 0.02, "{angle} vs {want}");
    let ok = gauge::svg(&Leakage { rate: 0.05, ..l }, Lang::Ru);
    assert!(ok.contains("в пределах нормы"));
}

#[test]
fn pool_bars_are_proportional_to_the_counts() {
    let p = sample_pool();
    let svg = pool::svg(&p, Lang::En);
    let doc = Document::parse(&svg).unwrap();
    for (colour, counts) in [(c::BLUE, &p.new), (c::GREEN, &p.returned), (c::VERMILLION, &p.lost)] {
        let h = hex(colour);
        let bars: Vec<i32> = elements(&doc, "rect")
            .into_iter()
            .filter(|n| n.attribute("fill") == Some(&h) && num(n, "y") >= FRAME.top)
            .map(|n| num(&n, "height"))
            .collect();
        let nonzero: Vec<u64> = counts.iter().copied().filter(|n| *n > 0).collect();
        assert_eq!(bars.len(), nonzero.len());
        let unit = bars.iter().sum::<i32>() as f64 / nonzero.iter().sum::<u64>() as f64;
        for (b, n) in bars.iter().zip(&nonzero) {
            assert!((*b as f64 - *n as f64 * unit).abs() <= 1.5, "{b} px for {n}");
        }
    }
    let t = texts(&doc);
    assert!(t.contains(&"returned".to_string()) && t.contains(&"lost".to_string()));
    // Lost clients hang below the zero line.
    let zero = elements(&doc, "polyline").len();
    assert!(zero > 0);
}

#[test]
fn labels_follow_the_language() {
    let want = [
        (Lang::Ru, "Доля клиентов (крупные первыми)", "Периодов после первой покупки", "вернулись"),
        (Lang::Uk, "Частка клієнтів (великі першими)", "Періодів після першої покупки", "повернулися"),
        (Lang::En, "Share of clients (largest first)", "Periods since the first purchase", "returned"),
    ];
    for (lang, pareto_cap, cohort_cap, pool_item) in want {
        let all: Vec<String> = samples(lang).iter().flat_map(|(_, s)| texts(&Document::parse(s).unwrap())).collect();
        for s in [pareto_cap, cohort_cap, pool_item] {
            assert!(all.iter().any(|t| t == s), "{lang:?}: {s}");
        }
        let other = if lang == Lang::En { "Доля" } else { "Share of" };
        assert!(!all.iter().any(|t| t.contains(other)), "{lang:?} has no {other}");
    }
}

#[test]
fn hostile_names_are_escaped() {
    let t = sample_transitions(&[EVIL, "B"]);
    let mut k = sample_cohorts();
    k.cohorts[0] = EVIL.into();
    let b = PeriodBars { periods: vec![EVIL.into()], groups: vec![EVIL.into()], values: vec![vec![5.0]] };
    let p = Pool { periods: vec![EVIL.into()], new: vec![1], returned: vec![0], lost: vec![1] };
    for svg in [
        heatmap::transitions(&t, Lang::Ru),
        flows::svg(&t, Lang::Ru),
        heatmap::cohorts(&k, Lang::Ru),
        bars::svg(&b, Lang::En),
        pool::svg(&p, Lang::En),
    ] {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        let doc = Document::parse(&svg).expect("well-formed with a hostile name");
        // The name reads back as text (cut to fit, control character removed).
        assert!(texts(&doc).iter().any(|s| s.starts_with("<script>")), "{:?}", texts(&doc));
    }
    // The title element too.
    let out = c::render(10, 10, EVIL, |_| Ok(()));
    let doc = Document::parse(&out).unwrap();
    assert_eq!(elements(&doc, "title")[0].text(), Some("<script>alert(1)</script> & \"x\" 'y' "));
}

#[test]
fn empty_inputs_still_draw() {
    let empty = Transitions { rows: vec!["new".into()], cols: vec!["gone".into()], counts: vec![vec![0]] };
    for svg in [
        flows::svg(&empty, Lang::En),
        heatmap::transitions(&empty, Lang::En),
        pool::svg(&Pool { periods: vec![], new: vec![], returned: vec![], lost: vec![] }, Lang::En),
        bars::svg(&PeriodBars { periods: vec![], groups: vec![], values: vec![] }, Lang::En),
        scatter::svg(
            &Scatter { dots: vec![], loyalty_split: 0.0, profit_split: 0.0, margin: false, clients: 0 },
            Lang::En,
        ),
        gauge::svg(&Leakage { rate: f64::NAN, norm: 0.1, lost: 0, base: 0 }, Lang::En),
        pareto::svg(&Pareto { curve: vec![], top20: None, gini: 0.0 }, Lang::En),
    ] {
        Document::parse(&svg).unwrap();
        assert!(!svg.contains("NaN"));
    }
    assert!(flows::svg(&empty, Lang::En).contains("No moves"));
}

#[test]
fn sampling_keeps_the_largest_and_spreads_the_rest() {
    let values: Vec<f64> = (0..10_000).map(|i| ((i * 7919) % 10_000) as f64).collect();
    let keep = super::adapt::sample(&values, 2000);
    assert_eq!(keep.len(), 2000);
    assert!(keep.windows(2).all(|w| w[0] < w[1]), "input order, no repeats");
    let kept: Vec<f64> = keep.iter().map(|i| values[*i]).collect();
    for big in 9000..10_000 {
        assert!(kept.contains(&(big as f64)), "{big} kept");
    }
    assert!(kept.iter().filter(|v| **v < 9000.0).count() == 1000);
    assert_eq!(super::adapt::sample(&values[..5], 2000), vec![0, 1, 2, 3, 4]);
}
