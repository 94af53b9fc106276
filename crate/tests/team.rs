//! The team view, figures checked by hand on tests/fixtures/team_hand.csv, and the
//! portfolios adding up to the whole base on that fixture and on the demo.
//!
//! The fixture, as of 2025-06-30 (monthly window July 2024 - June 2025, leakage's
//! spans (2023-06-30, 2024-06-30] and (2024-06-30, 2025-06-30]); purchases on the
//! 15th of each month unless said:
//! - Vera: one large client, Big, 100 000 a month July 2023 - June 2025 (NPS 10).
//! - Anna: A1, 10 000 a month over the same two years (NPS 9); A2, 4 000 every 45
//!   days from 2023-07-01 to 2025-03-22 (NPS 5 on its last day): 100 days silent,
//!   2.2 times its interval, under its D threshold of 135 days, so leaving; A3,
//!   one purchase of 7 000 on 2024-01-10: gone before the last twelve months, a
//!   one-time buyer, leaked.
//! - Boris: Switch, 5 000 a month, sold by Anna until December 2024 and by Boris
//!   since January 2025, so Boris owns it; B1, 2 000 a month until October 2024,
//!   gone in the last twelve months; B2, 1 000 a month until June 2024, gone in
//!   the last twelve months and leaked.
//! - Branches: North for Vera's and Anna's lines, South for Boris's.

use chrono::NaiveDate;
use clientscope::dynamics::cells::Cell;
use clientscope::lifecycle::Status;
use clientscope::money::Money;
use clientscope::team::{Leaving, Portfolio};
use clientscope::{analyze, demo, Lang, Options, Report};

fn fixture() -> Report {
    let path = format!("{}/../tests/fixtures/team_hand.csv", env!("CARGO_MANIFEST_DIR"));
    let opts = Options { as_of: NaiveDate::from_ymd_opt(2025, 6, 30), ..Options::default() };
    analyze(&std::fs::read(path).unwrap(), &opts).unwrap()
}

fn units(n: i64) -> Money {
    Money::from_cents(n * 100)
}

fn named<'a>(list: &'a [Portfolio], name: &str) -> &'a Portfolio {
    list.iter().find(|p| p.name.as_deref() == Some(name)).unwrap()
}

fn cells(p: &Portfolio) -> Vec<(Cell, usize)> {
    p.cells.iter().filter(|(_, n)| **n > 0).map(|(c, n)| (*c, *n)).collect()
}

#[test]
fn three_managers_by_hand() {
    let r = fixture();
    let t = &r.team;
    assert!(t.has_managers && t.has_branches && t.filter.is_none());
    // Largest window revenue first: Vera 1 200 000, Anna 120 000 + 6 x 4 000, Boris 12 x 5 000 + 4 x 2 000.
    let names: Vec<_> = t.managers.iter().map(|p| p.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Vera", "Anna", "Boris"]);
    let (vera, anna, boris) = (named(&t.managers, "Vera"), named(&t.managers, "Anna"), named(&t.managers, "Boris"));

    // Window revenue 1 412 000: Big is A (nobody above it); A1 has 85.0 % above it
    // and Switch 93.5 %, both B; A2 (97.7 %) and B1 C. XYZ by frequency: monthly
    // buyers X; A2 6 of 11 months since its first in the window, B1 4 of 12: Y.
    assert_eq!((vera.clients, vera.active, vera.revenue), (1, 1, units(1_200_000)));
    assert_eq!((anna.clients, anna.active, anna.revenue), (3, 2, units(144_000)));
    assert_eq!((boris.clients, boris.active, boris.revenue), (3, 2, units(68_000)));
    assert_eq!(cells(vera), [(Cell::AX, 1)]);
    assert_eq!(cells(anna), [(Cell::BX, 1), (Cell::CY, 1)]);
    assert_eq!(cells(boris), [(Cell::BX, 1), (Cell::CY, 1)]);
    assert_eq!((vera.a_clients, vera.a_share), (1, 1.0));
    assert_eq!((anna.a_clients, anna.a_share, boris.a_clients), (0, 0.0, 0));

    // Leaving: A2 only; at stake its annual value, 9 purchases in the twelve months
    // up to 2025-03-22 (from 2024-03-27) x 4 000.
    assert_eq!((anna.leaving, anna.leaving_a, anna.at_stake), (1, 0, units(36_000)));
    assert_eq!((vera.leaving, boris.leaving), (0, 0));
    // Gone in the last twelve months: B1 (12 x 2 000 up to October 2024) and B2
    // (12 x 1 000 up to June 2024); A3 crossed its 90 days in April 2024: before.
    assert_eq!((boris.gone_recent, boris.revenue_lost), (2, units(36_000)));
    assert_eq!((anna.gone_recent, vera.gone_recent), (0, 0));
    // Leakage: every client bought in the previous twelve months; A3 and B2 not since.
    assert_eq!((vera.leakage_base, vera.leaked, vera.leakage, vera.above_norm), (1, 0, Some(0.0), false));
    assert_eq!((anna.leakage_base, anna.leaked, anna.above_norm), (3, 1, true));
    assert_eq!((boris.leakage_base, boris.leaked, boris.above_norm), (3, 1, true));
    assert!((anna.leakage.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // Win-back holds every gone client; A3 is the one-time buyer.
    assert_eq!((vera.winback, anna.winback, boris.winback), (0, 1, 2));
    assert_eq!((vera.one_time, anna.one_time, boris.one_time), (0, 1, 0));
    // NPS, each client's latest answer in the window: Big 10; A1 9 and A2 5; Boris none.
    let score = |p: &Portfolio| p.nps.map(|n| (n.responses, n.score));
    assert_eq!((score(vera), score(anna), score(boris)), (Some((1, 100.0)), Some((2, 0.0)), None));
    // Dependency: Big is all of Vera's revenue; A1 120 000 of Anna's 144 000;
    // Switch 60 000 of Boris's 68 000.
    let largest = |p: &Portfolio| p.largest.as_ref().map(|l| (l.id.clone(), l.revenue));
    assert_eq!(largest(vera), Some(("Big".into(), units(1_200_000))));
    assert_eq!(vera.largest.as_ref().unwrap().share, 1.0);
    assert_eq!(largest(anna), Some(("A1".into(), units(120_000))));
    assert!((anna.largest.as_ref().unwrap().share - 120.0 / 144.0).abs() < 1e-12);
    assert_eq!(largest(boris), Some(("Switch".into(), units(60_000))));

    // The switching client: Boris owns it (its latest lines), while ABC by manager
    // still credits Anna with the lines she sold (July - December 2024, 6 x 5 000).
    let switch = r.clients.iter().find(|c| &*c.id == "Switch").unwrap();
    assert_eq!(switch.manager.as_deref(), Some("Boris"));
    let by_manager = r.abc_by.get("manager").unwrap();
    let anna_item = by_manager.items.iter().find(|i| &*i.id == "Anna").unwrap();
    assert_eq!(anna_item.value, units(120_000 + 24_000 + 30_000));

    // The reading: Vera keeps all, nobody leaving; Anna keeps 2 of 3, one leaving.
    assert_eq!((vera.reading.kept, vera.reading.leaving), (Some(1.0), Leaving::None));
    assert_eq!((anna.reading.leaving, anna.reading.count, anna.reading.at_stake), (Leaving::Some, 1, units(36_000)));
    let money = |m: Money| format!("{}", m.to_f64());
    assert_eq!(
        clientscope::team::reading_text(Lang::En, &anna.reading, &money),
        "keeps 67% of clients a year; 1 client leaving, 36000 at stake"
    );
    assert_eq!(
        clientscope::team::reading_text(Lang::Ru, &vera.reading, &money),
        "сохраняет 100\u{a0}% клиентов за год; сейчас никто не уходит"
    );

    // Branches: North holds Big, A1, A2, A3; South Switch, B1, B2 (Switch's latest
    // lines are South's).
    let north = named(&t.branches, "North");
    let south = named(&t.branches, "South");
    assert_eq!((north.clients, north.revenue), (4, units(1_344_000)));
    assert_eq!((south.clients, south.revenue), (3, units(68_000)));
    assert_eq!(r.clients.iter().filter(|c| c.lifecycle == Status::Leaving).count(), 1);
}

/// Every portfolio figure that counts a set of the whole base adds up to it.
/// The team's and NPS's sentences on the fixture: the figures by hand above.
#[test]
fn the_team_and_nps_sentences_say_the_hand_figures() {
    use clientscope::headline::{render, Figure};
    let r = fixture();
    let of = |section: &str| r.headlines.iter().find(|h| h.section == section).unwrap();
    let team = of("team");
    assert_eq!(team.key, "head.team");
    // Vera's 1 200 000 of the portfolios' 1 412 000; Anna's A2 is the one leaving (36 000).
    assert_eq!(team.figures["n"], Figure::Count(3));
    assert_eq!(team.figures["top"], Figure::Text("Vera".into()));
    assert_eq!(team.figures["top_share"], Figure::Share(1_200_000.0 / 1_412_000.0));
    assert_eq!(team.figures["risk"], Figure::Text("Anna".into()));
    assert_eq!(team.figures["risk_money"], Figure::Money(units(36_000)));
    assert_eq!(
        render(team, None, Lang::En),
        "3 managers; Vera brings the most revenue (85%); Anna has the most at stake among clients leaving (36,000 a year)."
    );
    assert_eq!(
        render(team, None, Lang::Ru),
        "3 менеджера. Больше всего выручки — Vera (85\u{a0}%); больше всего под угрозой — Anna: 36\u{a0}000 в год."
    );
    // Latest answers: Big 10 and A1 9 promoters, A2 5 a detractor: (2 - 1) / 3.
    let nps = of("nps");
    assert_eq!(nps.figures["score"], Figure::Score(100.0 / 3.0));
    assert_eq!(
        render(nps, None, Lang::Ru),
        "NPS по последнему ответу каждого клиента: +33,3 (3 клиента ответили; промоутеров 2, критиков 1)."
    );
    // Narrowed to one manager, the team has nothing to compare.
    let opts = Options {
        manager: Some("Anna".into()),
        ..Options { as_of: NaiveDate::from_ymd_opt(2025, 6, 30), ..Options::default() }
    };
    let path = format!("{}/../tests/fixtures/team_hand.csv", env!("CARGO_MANIFEST_DIR"));
    let narrowed = analyze(&std::fs::read(path).unwrap(), &opts).unwrap();
    assert!(narrowed.headlines.iter().all(|h| h.section != "team"));
}

fn adds_up(r: &Report, list: &[Portfolio]) {
    let sum = |f: fn(&Portfolio) -> usize| list.iter().map(f).sum::<usize>();
    let money = |f: fn(&Portfolio) -> Money| list.iter().map(f).sum::<Money>();
    let status = |s: Status| r.lifecycle.statuses.iter().find(|x| x.status == s).map_or(0, |x| x.count);
    assert_eq!(sum(|p| p.clients), r.totals.clients);
    assert_eq!(sum(|p| p.active), r.clients.iter().filter(|c| c.abc.is_some()).count());
    assert_eq!(money(|p| p.revenue), r.clients.iter().map(|c| c.window_revenue).sum::<Money>());
    for cell in &r.matrix.cells {
        let mine: usize =
            list.iter().map(|p| p.cells.iter().find(|(c, _)| c.key() == cell.cell).map_or(0, |x| *x.1)).sum();
        assert_eq!(mine, cell.count, "cell {}", cell.cell);
    }
    assert_eq!(sum(|p| p.a_clients), r.abc_by.get("client").unwrap_or(&r.abc).groups[0].count);
    assert_eq!(sum(|p| p.leaving), r.leaving.clients);
    assert_eq!(sum(|p| p.leaving), status(Status::Leaving));
    assert_eq!(money(|p| p.at_stake), r.leaving.at_stake);
    assert_eq!(sum(|p| p.gone_recent), r.ltv.lost_clients);
    assert_eq!(money(|p| p.revenue_lost), r.ltv.lost_revenue);
    assert_eq!(sum(|p| p.leakage_base), r.leakage.base_clients);
    assert_eq!(sum(|p| p.leaked), r.leakage.leaked);
    assert_eq!(sum(|p| p.winback), r.winback.lost);
    assert_eq!(sum(|p| p.winback_first), r.winback.groups[0].count);
    assert_eq!(sum(|p| p.one_time), r.one_time_buyers.count);
    let answers: u64 = list.iter().filter_map(|p| p.nps.map(|n| n.responses)).sum();
    assert_eq!(answers, r.nps.as_ref().map_or(0, |n| n.clients.responses));
    let promoters: u64 = list.iter().filter_map(|p| p.nps.map(|n| n.promoters)).sum();
    assert_eq!(promoters, r.nps.as_ref().map_or(0, |n| n.clients.promoters));
}

#[test]
fn portfolios_add_up_to_the_base_on_the_fixture_and_the_demo() {
    let r = fixture();
    adds_up(&r, &r.team.managers);
    adds_up(&r, &r.team.branches);
    let d = demo::demo();
    let r = analyze(d.csv.as_bytes(), &Options::default()).unwrap();
    assert!(r.team.has_managers);
    assert_eq!(r.team.managers.len(), 8, "the demo's eight managers, every client named");
    adds_up(&r, &r.team.managers);
    // The demo's largest portfolio also has the most at stake: its sentence says
    // "the same manager" instead of the name twice.
    let head = r.headlines.iter().find(|h| h.section == "team").unwrap();
    let top = r.team.managers.iter().max_by_key(|p| p.revenue).unwrap();
    assert_eq!(r.team.managers.iter().max_by_key(|p| p.at_stake).unwrap().name, top.name);
    assert_eq!(head.key, "head.team_same");
    // NPS by manager in the segmentation counts the same answers per manager.
    if let Some(nps) = &r.nps {
        for p in &r.team.managers {
            let seg = nps.by_segment.get("manager").and_then(|m| m.get(p.name.as_deref().unwrap()));
            assert_eq!(p.nps.map(|n| n.score), seg.map(|n| n.score));
        }
    }
}

#[test]
fn a_file_without_managers_has_no_portfolios() {
    let csv = "date,client,amount\n2025-01-05,a,10\n2025-02-05,b,20\n";
    let r = analyze(csv.as_bytes(), &Options::default()).unwrap();
    assert!(!r.team.has_managers && !r.team.has_branches);
    assert!(r.team.managers.is_empty() && r.team.branches.is_empty());
}

#[test]
fn the_manager_setting_narrows_every_analysis_to_their_clients() {
    let whole = fixture();
    let path = format!("{}/../tests/fixtures/team_hand.csv", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    for name in ["Vera", "Anna", "Boris"] {
        let opts = Options {
            as_of: NaiveDate::from_ymd_opt(2025, 6, 30),
            manager: Some(name.to_string()),
            ..Options::default()
        };
        let r = analyze(&bytes, &opts).unwrap();
        let before = named(&whole.team.managers, name);
        assert_eq!(r.team.filter.as_deref(), Some(name));
        assert_eq!(r.team.managers.len(), 1);
        let p = &r.team.managers[0];
        // Every client of the report is the manager's, and the totals are theirs.
        assert!(r.clients.iter().all(|c| c.manager.as_deref() == Some(name)));
        assert_eq!(r.totals.clients, before.clients);
        let all: Money = whole.clients.iter().filter(|c| c.manager.as_deref() == Some(name)).map(|c| c.revenue).sum();
        assert_eq!(r.totals.revenue, all);
        // The rules that read one client alone give the same figures narrowed.
        let same =
            |p: &Portfolio| (p.clients, p.active, p.revenue, p.leaving, p.at_stake, p.gone_recent, p.revenue_lost);
        assert_eq!(same(p), same(before), "{name}");
        let more = |p: &Portfolio| (p.leakage_base, p.leaked, p.winback, p.one_time, p.nps.map(|n| n.responses));
        assert_eq!(more(p), more(before), "{name}");
        // The window and the as-of date stay the whole file's.
        assert_eq!((r.totals.window_start, r.totals.as_of), (whole.totals.window_start, whole.totals.as_of));
    }
    // Narrowed to Anna, ABC by manager holds her lines only: her clients' 144 000
    // and the 30 000 she sold to Switch before it moved to Boris.
    let opts =
        Options { as_of: NaiveDate::from_ymd_opt(2025, 6, 30), manager: Some("Anna".into()), ..Options::default() };
    let r = analyze(&bytes, &opts).unwrap();
    let m = r.abc_by.get("manager").unwrap();
    assert_eq!(m.items.iter().map(|i| (&*i.id, i.value)).collect::<Vec<_>>(), [("Anna", units(174_000))]);
    // A name nobody has: an empty, valid report.
    let opts = Options { manager: Some("Nobody".into()), ..Options::default() };
    let r = analyze(&bytes, &opts).unwrap();
    assert_eq!((r.totals.clients, r.clients.len(), r.team.managers.len()), (0, 0, 0));
}

#[test]
fn hostile_manager_names_narrow_as_text() {
    let hostile =
        ["=HYPERLINK(\"http://x\";\"y\")", "<img src=x onerror=alert(1)>", "Ёлкина 😀 «Ю»", &"Я".repeat(1000)];
    let mut csv = String::from("date,client,amount,manager\n");
    for (k, m) in hostile.iter().enumerate() {
        csv.push_str(&format!("2025-0{}-10,c{k},{},\"{}\"\n", k + 1, 10 * (k + 1), m.replace('"', "\"\"")));
    }
    let r = analyze(csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.team.managers.len(), 4);
    for (k, m) in hostile.iter().enumerate() {
        let config = serde_json::json!({ "manager": m }).to_string();
        let opts: Options = serde_json::from_str(&config).unwrap();
        opts.validate().unwrap();
        let r = analyze(csv.as_bytes(), &opts).unwrap();
        assert_eq!(r.clients.iter().map(|c| &*c.id).collect::<Vec<_>>(), [format!("c{k}")]);
        assert_eq!(r.team.managers[0].name.as_deref(), Some(*m));
    }
    // One character past the limit is refused, naming the setting.
    let opts = Options { manager: Some("Я".repeat(1001)), ..Options::default() };
    assert!(opts.validate().unwrap_err().to_string().contains("manager"));
}

fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let raw = String::from_utf8_lossy(bytes).to_string();
    assert!(!raw.contains("<f>"), "no formula element");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let formulas = book.worksheet_formula(&name).unwrap();
            assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{name} has formulas");
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

#[test]
fn each_managers_call_list_is_a_sheet_from_the_page_and_the_cli() {
    use calamine::Data;
    let r = fixture();
    let files = clientscope::export::downloads(&r, Lang::En, b';').unwrap();
    let calls = files.iter().find(|f| f.name.ends_with("-calls.xlsx")).unwrap();
    let book = sheets(&calls.bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Vera", "Anna", "Boris"]);
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        // Excel's day numbers count from 1899-12-30.
        Data::DateTime(d) => {
            (NaiveDate::from_ymd_opt(1899, 12, 30).unwrap() + chrono::Duration::days(d.as_f64() as i64)).to_string()
        }
        _ => String::new(),
    };
    let rows =
        |k: usize| -> Vec<Vec<String>> { book[k].1.iter().skip(1).map(|r| r.iter().map(text).collect()).collect() };
    // Vera: nobody to call.
    assert_eq!(rows(0).len(), 1);
    assert!(rows(0)[0][0].starts_with("Nobody to call"));
    // Anna: A2 leaving (36 000 a year, overdue at risk, last bought 2025-03-22; its
    // NPS 5); A3 once, 7 000, listed as a one-time buyer only.
    let anna = rows(1);
    assert_eq!(anna.len(), 2);
    assert_eq!(anna[0][..4], ["Leaving", "A2", "2025-03-22", "36000"]);
    // In words since the issue on jargon: "overdue ×2.2" read as a gap 2.2 times the usual.
    assert!(anna[0][4].contains("no purchase for 2.2 times the usual gap: at risk"), "{}", anna[0][4]);
    assert_eq!(anna[0][8], "5");
    assert_eq!(anna[1][..4], ["One-time buyer", "A3", "2024-01-10", "7000"]);
    // The chances of a purchase in the next 30, 60 and 90 days close each row, as in
    // the client CSV: the model's figures for that client.
    let head: Vec<String> = book[1].1.first().unwrap().iter().map(text).collect();
    assert_eq!(
        head[10..],
        ["Chance of a purchase in 30 days", "Chance of a purchase in 60 days", "Chance of a purchase in 90 days"]
    );
    for (row, id) in anna.iter().zip(["A2", "A3"]) {
        let c = r.clients.iter().find(|c| &*c.id == id).unwrap();
        let got: Vec<String> = row[10..].to_vec();
        let want: Vec<String> = match c.p_buy {
            Some(p) => p.iter().map(|v| v.to_string()).collect(),
            None => vec![String::new(); 3],
        };
        assert_eq!(got, want, "{id}");
    }
    // Boris: B1 and B2, gone, by win-back group, with their annual values.
    let boris = rows(2);
    let mut ids: Vec<(&str, &str)> = boris.iter().map(|r| (r[1].as_str(), r[3].as_str())).collect();
    ids.sort();
    assert_eq!(ids, [("B1", "24000"), ("B2", "12000")]);
    assert!(boris.iter().all(|r| r[0].starts_with("Win back, group ")));

    // The CLI's --out writes the same workbook, byte for byte.
    let dir = std::env::temp_dir().join(format!("clientscope-team-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let fixture = format!("{}/../tests/fixtures/team_hand.csv", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientscope"))
        .args(["analyze", &fixture, "--as-of", "2025-06-30", "--lang", "en", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(dir.join(&calls.name)).unwrap(), calls.bytes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_manager_names_make_legal_sheets_and_plain_text() {
    use calamine::Data;
    let hostile = ["=HYPERLINK(\"http://x\";\"y\")", "<img src=x onerror=alert(1)>", "a/b:c*d?[e]", &"Я".repeat(40)];
    let mut csv = String::from("date,client,amount,manager\n");
    for (k, m) in hostile.iter().enumerate() {
        // One purchase in 2023: each is a one-time buyer on its manager's list.
        csv.push_str(&format!(
            "2023-0{}-10,\"{m2}c\",{},\"{}\"\n",
            k + 1,
            10 * (k + 1),
            m.replace('"', "\"\""),
            m2 = m.replace('"', "\"\"")
        ));
    }
    csv.push_str("2025-06-10,z,5,\n");
    let r = analyze(csv.as_bytes(), &Options::default()).unwrap();
    let files = clientscope::export::downloads(&r, Lang::Ru, b';').unwrap();
    let book = sheets(&files.iter().find(|f| f.name.ends_with("-calls.xlsx")).unwrap().bytes);
    assert_eq!(book.len(), 5, "four managers and the clients none names");
    for (name, _) in &book {
        assert!(name.encode_utf16().count() <= 31 && !name.contains(['/', ':', '*', '?', '[', ']']), "{name}");
    }
    // Every name's client is on its sheet, its id kept as written (text, not a formula).
    for m in hostile {
        let id = format!("{m}c");
        assert!(book.iter().any(|(_, rows)| rows.iter().any(|r| r.get(1) == Some(&Data::String(id.clone())))), "{id}");
    }
    assert_eq!(book.last().unwrap().0, "Без менеджера");
}
