//! Properties every segmentation keeps on any input: each entity in exactly one
//! class, per-class sums equal to the total, and neither the order of the rows nor a
//! common scale factor on all amounts changes a class.

use clientscope::code::Code;
use clientscope::segment::abc::{self, Class};
use clientscope::{analyze, money::Money, Options, Report};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// (client 0..12, day of 2024 0..365, cents -5000..200000, order 0..40 or none)
type Line = (u8, u16, i64, Option<u8>);

fn csv(lines: &[Line], scale: i64) -> String {
    let mut s = String::from("Date;Order;Client;Amount\n");
    for &(c, day, cents, order) in lines {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(i64::from(day));
        let v = cents * scale;
        let sign = if v < 0 { "-" } else { "" };
        let order = order.map(|o| format!("N{c}-{o}")).unwrap_or_default();
        s.push_str(&format!("{date};{order};client {c};{sign}{}.{:02}\n", v.abs() / 100, v.abs() % 100));
    }
    s
}

fn opts() -> Options {
    Options { as_of: chrono::NaiveDate::from_ymd_opt(2024, 12, 31), ..Options::default() }
}

fn lines() -> impl Strategy<Value = Vec<Line>> {
    prop::collection::vec(
        (
            0u8..12,
            0u16..366,
            prop_oneof![4 => 0i64..200_000, 1 => -5_000i64..0, 1 => Just(0i64)],
            prop::option::of(0u8..40),
        ),
        1..60,
    )
}

type Classes = (Option<Class>, Option<Code>, Option<Code>, Option<Code>);

/// Everything that must not depend on row order or scale, per client.
fn classes(r: &Report) -> BTreeMap<String, Classes> {
    r.clients.iter().map(|c| (c.id.to_string(), (c.abc, c.xyz, c.abcdx, c.rfm))).collect()
}

fn check_partitions(r: &Report) {
    let active: Vec<_> = r.clients.iter().filter(|c| c.abc.is_some()).collect();
    let total: Money = active.iter().map(|c| c.window_revenue).sum();
    // ABC: the groups hold every active client once, and all of their money.
    let n: usize = r.abc.groups.iter().map(|g| g.count).sum();
    assert_eq!(n, active.len());
    assert_eq!(r.abc.groups.iter().map(|g| g.value).sum::<Money>(), total);
    // XYZ and the matrix: the same clients, the same money.
    assert_eq!(r.xyz.groups.iter().map(|g| g.count).sum::<usize>(), active.len());
    assert_eq!(r.xyz.groups.iter().map(|g| g.value).sum::<Money>(), total);
    assert_eq!(r.matrix.cells.iter().map(|c| c.revenue).sum::<Money>(), total);
    let mut seen: Vec<&clientscope::ledger::Id> = r.matrix.cells.iter().flat_map(|c| &c.clients).collect();
    seen.sort();
    let mut want: Vec<&clientscope::ledger::Id> = active.iter().map(|c| &c.id).collect();
    want.sort();
    assert_eq!(seen, want, "every active client in exactly one cell");
    // ABCDX, RFM, quadrants: counts add up to their populations.
    let with_abcdx = r.clients.iter().filter(|c| c.abcdx.is_some()).count();
    assert_eq!(r.abcdx.groups.iter().map(|g| g.count).sum::<usize>(), with_abcdx);
    assert_eq!(r.rfm.segments.iter().map(|s| s.count).sum::<usize>(), r.rfm.clients);
    assert_eq!(r.rfm.grid.iter().flatten().sum::<usize>(), r.rfm.clients);
    assert_eq!(r.quadrants.quadrants.iter().map(|q| q.count).sum::<usize>(), r.quadrants.points.len());
    // Shares are numbers, never NaN.
    let c = &r.concentration;
    for x in [c.gini, c.top5_share, c.top20_share, r.quadrants.loyalty_split] {
        assert!(x.is_finite());
    }
    assert!((0.0..=1.0).contains(&c.gini));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn partitions_row_order_and_scale(lines in lines(), scale in 2i64..1000, seed in any::<u64>()) {
        let base = analyze(csv(&lines, 1).as_bytes(), &opts()).unwrap();
        check_partitions(&base);

        let mut shuffled = lines.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let reordered = analyze(csv(&shuffled, 1).as_bytes(), &opts()).unwrap();
        prop_assert_eq!(classes(&base), classes(&reordered));
        prop_assert_eq!(&base.abc, &reordered.abc);
        prop_assert_eq!(&base.matrix, &reordered.matrix);
        prop_assert_eq!(&base.rfm, &reordered.rfm);

        let scaled = analyze(csv(&lines, scale).as_bytes(), &opts()).unwrap();
        check_partitions(&scaled);
        prop_assert_eq!(classes(&base), classes(&scaled));
        let shares = |r: &Report| r.matrix.cells.iter().map(|c| c.count).collect::<Vec<_>>();
        prop_assert_eq!(shares(&base), shares(&scaled));

        // XYZ by variation compares CVs in exact integers: scale-free as well.
        let mut o = opts();
        o.segment.xyz_method.client = clientscope::segment::options::XyzMethod::Variation;
        let v1 = analyze(csv(&lines, 1).as_bytes(), &o).unwrap();
        let vk = analyze(csv(&lines, scale).as_bytes(), &o).unwrap();
        prop_assert_eq!(classes(&v1), classes(&vk));
    }

    #[test]
    fn abc_classify_is_a_partition_and_scale_free(
        values in prop::collection::vec(-1_000i64..1_000_000, 0..80),
        scale in 1i64..10_000,
    ) {
        let m: Vec<Money> = values.iter().map(|v| Money(*v)).collect();
        let c = abc::classify(&m, [8000, 9500]);
        prop_assert_eq!(c.len(), m.len());
        let g = abc::summarize(&m, &c);
        prop_assert_eq!(g.iter().map(|g| g.count).sum::<usize>(), m.len());
        prop_assert_eq!(g.iter().map(|g| g.value).sum::<Money>(), m.iter().copied().sum::<Money>());
        let scaled: Vec<Money> = values.iter().map(|v| Money(v * scale)).collect();
        prop_assert_eq!(abc::classify(&scaled, [8000, 9500]), c.clone());
        // Equal values share a class.
        for i in 0..m.len() {
            for j in 0..m.len() {
                if m[i] == m[j] {
                    prop_assert_eq!(c[i], c[j]);
                }
            }
        }
    }
}
