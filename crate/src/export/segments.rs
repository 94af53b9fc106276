//! Segmentation as download tables: the ABC-XYZ matrix with its playbooks and one
//! call list per cell, XYZ, ABCDX with the lost, costly and under-potential lists,
//! concentration, quadrants, RFM and NPS.

use super::tables::{titles, Cell, Table};
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use crate::segment::playbook::Text;

const CELL_KEYS: [&str; 9] = [
    "matrix-ax",
    "matrix-ay",
    "matrix-az",
    "matrix-bx",
    "matrix-by",
    "matrix-bz",
    "matrix-cx",
    "matrix-cy",
    "matrix-cz",
];

pub fn tables(r: &Report, lang: Lang) -> Vec<Table> {
    let mut out = vec![matrix(r, lang)];
    out.extend(cell_lists(r, lang));
    out.push(xyz(r, lang));
    out.push(abcdx(r, lang));
    if !r.abcdx.lost.is_empty() {
        out.push(lost(r, lang));
    }
    out.push(concentration(r, lang));
    out.push(quadrants(r, lang));
    out.push(rfm(r, lang));
    if let Some(t) = nps(r, lang) {
        out.push(t);
    }
    out
}

/// The four figures of every group table: clients, their share, money, its share.
const GROUP_COLUMNS: [&str; 4] = ["clients", "countShare", "revenue", "valueShare"];

/// Column titles: `first`, the group figures, then `rest`.
fn group_titles(lang: Lang, first: &str, rest: &[&str]) -> Vec<String> {
    let all: Vec<&str> = std::iter::once(first).chain(GROUP_COLUMNS).chain(rest.iter().copied()).collect();
    titles(lang, &all)
}

fn group_cells(count: usize, count_share: f64, money: crate::money::Money, money_share: f64) -> [Cell; 4] {
    [Cell::Int(count as i64), Cell::Share(count_share), Cell::Money(money), Cell::Share(money_share)]
}

fn pick(t: &Text, lang: Lang) -> String {
    t.get(lang).to_string()
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn matrix(r: &Report, lang: Lang) -> Table {
    let rows = r
        .matrix
        .cells
        .iter()
        .map(|c| {
            let actions: Vec<String> = c.playbook.actions.iter().map(|a| pick(a, lang)).collect();
            vec![
                text(c.cell.clone()),
                Cell::Int(c.count as i64),
                Cell::Share(c.count_share),
                Cell::Money(c.revenue),
                Cell::Share(c.revenue_share),
                text(pick(&c.playbook.goal, lang)),
                // Each action is a sentence with its full stop: a space between them, not "; ".
                text(actions.join(" ")),
            ]
        })
        .collect();
    Table {
        key: "matrix",
        title: lang.t("chart.abcXyzMatrix").to_string(),
        columns: titles(
            lang,
            &["cols2.cell", "clients", "countShare", "windowRevenue", "valueShare", "goal", "export.actions"],
        ),
        rows,
        list: false,
    }
}

/// One call list per non-empty cell, largest revenue first (the clients table's order).
fn cell_lists(r: &Report, lang: Lang) -> Vec<Table> {
    let mut out = Vec::new();
    for (k, cell) in r.matrix.cells.iter().enumerate() {
        let inside: Vec<&ClientOut> = r
            .clients
            .iter()
            .filter(|c| c.abc == Some(cell.abc) && c.xyz.as_deref() == Some(crate::code::of(&cell.xyz).as_str()))
            .collect();
        if inside.is_empty() {
            continue;
        }
        let rows = inside
            .iter()
            .map(|c| {
                vec![
                    text(c.id.to_string()),
                    Cell::Money(c.window_revenue),
                    Cell::Int(c.purchases as i64),
                    Cell::Date(c.last_purchase),
                    Cell::opt(c.manager.as_deref()),
                    Cell::opt(c.channel.as_deref()),
                ]
            })
            .collect();
        out.push(Table {
            key: CELL_KEYS[k],
            title: format!("{} {}", lang.t("cols2.cell"), cell.cell),
            columns: titles(lang, &["client", "windowRevenue", "purchases", "lastPurchase", "dim.manager", "channel"]),
            rows,
            list: true,
        });
    }
    out
}

fn xyz(r: &Report, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = r
        .xyz
        .groups
        .iter()
        .map(|g| {
            vec![text(crate::code::text_of(&g.group))]
                .into_iter()
                .chain(group_cells(g.count, g.count_share, g.value, g.value_share))
                .collect()
        })
        .collect();
    for (status, n) in &r.xyz.statuses {
        rows.push(vec![text(lang.t(&format!("status.{status}"))), Cell::Int(*n as i64), text(""), text(""), text("")]);
    }
    Table {
        key: "xyz",
        title: "XYZ".to_string(),
        columns: group_titles(lang, "export.groupOrStatus", &[]),
        rows,
        list: false,
    }
}

fn abcdx(r: &Report, lang: Lang) -> Table {
    let rows = r
        .abcdx
        .groups
        .iter()
        .map(|g| {
            vec![text(crate::code::text_of(&g.group))]
                .into_iter()
                .chain(group_cells(g.count, g.count_share, g.revenue, g.revenue_share))
                .chain([text(pick(&g.playbook.goal, lang))])
                .collect()
        })
        .collect();
    Table {
        key: "abcdx",
        title: "ABCDX".to_string(),
        columns: group_titles(lang, "group", &["goal"]),
        rows,
        list: false,
    }
}

fn lost(r: &Report, lang: Lang) -> Table {
    let rows = r
        .abcdx
        .lost
        .iter()
        .map(|l| {
            vec![
                text(l.id.to_string()),
                text(crate::code::text_of(&l.group)),
                Cell::Date(Some(l.last_purchase)),
                Cell::Int(l.days_since),
                Cell::Money(l.value),
                Cell::opt(l.manager.as_deref()),
                Cell::opt(l.channel.as_deref()),
            ]
        })
        .collect();
    Table {
        key: "abcdx-lost",
        title: lang.t("export.goneD").to_string(),
        columns: titles(
            lang,
            &["client", "group", "lastPurchase", "export.daysSince", "export.value", "dim.manager", "channel"],
        ),
        rows,
        list: true,
    }
}

fn concentration(r: &Report, lang: Lang) -> Table {
    let c = &r.concentration;
    let mut rows = vec![
        vec![text(lang.t("export.clientsWithRevenue")), Cell::Int(c.clients as i64)],
        vec![text(lang.t("export.top20Share")), Cell::Share(c.top20_share)],
        vec![text(lang.t("export.top5ClientsShare")), Cell::Share(c.top5_share)],
        // A coefficient from 0 to 1, as the page writes it (0,75), not a share of anything.
        vec![text(lang.t("gini")), text(crate::format::num(c.gini, 2, lang))],
    ];
    if let Some(l) = &c.largest {
        rows.push(vec![text(lang.t("largestShare")), text(l.id.to_string())]);
        rows.push(vec![text(lang.t("export.itsShare")), Cell::Share(l.share)]);
    }
    rows.push(vec![text(lang.t("export.dependencyRisk")), text(c.risk.text(lang))]);
    Table {
        key: "concentration",
        title: lang.t("nav.concentration").to_string(),
        columns: titles(lang, &["export.figure", "export.value2"]),
        rows,
        list: false,
    }
}

fn quadrants(r: &Report, lang: Lang) -> Table {
    let rows = r
        .quadrants
        .quadrants
        .iter()
        .map(|q| {
            vec![
                text(crate::code::text_of(&q.quadrant)),
                text(pick(&q.playbook.title, lang)),
                Cell::Int(q.count as i64),
                Cell::Share(q.count_share),
                Cell::Money(q.profit),
                Cell::Share(q.profit_share),
                text(pick(&q.playbook.goal, lang)),
            ]
        })
        .collect();
    Table {
        key: "quadrants",
        title: lang.t("export.loyaltyXProfitability").to_string(),
        columns: titles(
            lang,
            &["colQuadrant", "export.name", "clients", "countShare", "export.profit", "export.shareOfProfit", "goal"],
        ),
        rows,
        list: false,
    }
}

fn rfm(r: &Report, lang: Lang) -> Table {
    let rows = r
        .rfm
        .segments
        .iter()
        .map(|s| {
            vec![text(pick(&s.name, lang))]
                .into_iter()
                .chain(group_cells(s.count, s.count_share, s.revenue, s.revenue_share))
                .chain([text(pick(&s.action, lang))])
                .collect()
        })
        .collect();
    Table {
        key: "rfm",
        title: "RFM".to_string(),
        columns: group_titles(lang, "rfmSegment", &["export.actions"]),
        rows,
        list: false,
    }
}

fn nps(r: &Report, lang: Lang) -> Option<Table> {
    let n = r.nps.as_ref()?;
    let row = |name: String, x: &crate::segment::nps::Nps| {
        vec![
            text(name),
            Cell::Int(x.responses as i64),
            Cell::Int(x.promoters as i64),
            Cell::Int(x.passives as i64),
            Cell::Int(x.detractors as i64),
            // NPS is a whole number from -100 to 100 by convention.
            Cell::Int(x.score.round() as i64),
        ]
    };
    let mut rows = vec![row(lang.t("export.allAnswers").to_string(), &n.overall)];
    rows.push(row(lang.t("export.clientsLatestAnswer").to_string(), &n.clients));
    for (kind, groups) in &n.by_segment {
        for (name, x) in groups {
            rows.push(row(format!("{kind}: {name}"), x));
        }
    }
    Some(Table {
        key: "nps",
        title: "NPS".to_string(),
        columns: titles(lang, &["group", "npsResponses", "npsPromoters", "npsPassives", "npsDetractors", "nav.nps"]),
        rows,
        list: false,
    })
}
