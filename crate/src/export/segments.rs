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
const GROUP_COLUMNS: [(&str, &str, &str); 4] = [
    ("Клиентов", "Клієнтів", "Clients"),
    ("Доля клиентов", "Частка клієнтів", "Share of clients"),
    ("Выручка", "Виручка", "Revenue"),
    ("Доля выручки", "Частка виручки", "Share of revenue"),
];

/// Column titles: `first`, the group figures, then `rest`.
fn group_titles(lang: Lang, first: (&str, &str, &str), rest: &[(&str, &str, &str)]) -> Vec<String> {
    let all: Vec<(&str, &str, &str)> =
        std::iter::once(first).chain(GROUP_COLUMNS).chain(rest.iter().copied()).collect();
    titles(lang, &all)
}

fn group_cells(count: usize, count_share: f64, money: crate::money::Money, money_share: f64) -> [Cell; 4] {
    [Cell::Int(count as i64), Cell::Share(count_share), Cell::Money(money), Cell::Share(money_share)]
}

fn pick(t: &Text, lang: Lang) -> String {
    lang.pick(&t.ru, &t.uk, &t.en).to_string()
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
                text(actions.join("; ")),
            ]
        })
        .collect();
    Table {
        key: "matrix",
        title: lang.pick("Матрица ABC-XYZ", "Матриця ABC-XYZ", "ABC-XYZ matrix").to_string(),
        columns: titles(
            lang,
            &[
                ("Ячейка", "Клітинка", "Cell"),
                ("Клиентов", "Клієнтів", "Clients"),
                ("Доля клиентов", "Частка клієнтів", "Share of clients"),
                ("Выручка в окне", "Виручка у вікні", "Revenue in window"),
                ("Доля выручки", "Частка виручки", "Share of revenue"),
                ("Цель", "Мета", "Goal"),
                ("Что делать", "Що робити", "Actions"),
            ],
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
                    text(c.id.clone()),
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
            title: format!("{} {}", lang.pick("Ячейка", "Клітинка", "Cell"), cell.cell),
            columns: titles(
                lang,
                &[
                    ("Клиент", "Клієнт", "Client"),
                    ("Выручка в окне", "Виручка у вікні", "Revenue in window"),
                    ("Покупок", "Покупок", "Purchases"),
                    ("Последняя покупка", "Остання покупка", "Last purchase"),
                    ("Менеджер", "Менеджер", "Manager"),
                    ("Канал", "Канал", "Channel"),
                ],
            ),
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
        rows.push(vec![text(*status), Cell::Int(*n as i64), text(""), text(""), text("")]);
    }
    Table {
        key: "xyz",
        title: "XYZ".to_string(),
        columns: group_titles(lang, ("Группа или статус", "Група або статус", "Group or status"), &[]),
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
        columns: group_titles(lang, ("Группа", "Група", "Group"), &[("Цель", "Мета", "Goal")]),
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
                text(l.id.clone()),
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
        title: lang.pick("Ушедшие (D)", "Пішли (D)", "Gone (D)").to_string(),
        columns: titles(
            lang,
            &[
                ("Клиент", "Клієнт", "Client"),
                ("Группа", "Група", "Group"),
                ("Последняя покупка", "Остання покупка", "Last purchase"),
                ("Дней без покупок", "Днів без покупок", "Days since"),
                ("Ценность", "Цінність", "Value"),
                ("Менеджер", "Менеджер", "Manager"),
                ("Канал", "Канал", "Channel"),
            ],
        ),
        rows,
        list: true,
    }
}

fn concentration(r: &Report, lang: Lang) -> Table {
    let c = &r.concentration;
    let mut rows = vec![
        vec![
            text(lang.pick("Клиентов с выручкой", "Клієнтів з виручкою", "Clients with revenue")),
            Cell::Int(c.clients as i64),
        ],
        vec![text(lang.pick("Доля топ-20 %", "Частка топ-20 %", "Top 20 % share")), Cell::Share(c.top20_share)],
        vec![
            text(lang.pick("Доля топ-5 клиентов", "Частка топ-5 клієнтів", "Top 5 clients' share")),
            Cell::Share(c.top5_share),
        ],
        vec![text(lang.pick("Коэффициент Джини", "Коефіцієнт Джині", "Gini coefficient")), Cell::Share(c.gini)],
    ];
    if let Some(l) = &c.largest {
        rows.push(vec![
            text(lang.pick("Крупнейший клиент", "Найбільший клієнт", "Largest client")),
            text(l.id.clone()),
        ]);
        rows.push(vec![text(lang.pick("Его доля", "Його частка", "Its share")), Cell::Share(l.share)]);
    }
    rows.push(vec![
        text(lang.pick("Риск зависимости", "Ризик залежності", "Dependency risk")),
        text(pick(&c.risk.text, lang)),
    ]);
    Table {
        key: "concentration",
        title: lang.pick("Концентрация", "Концентрація", "Concentration").to_string(),
        columns: titles(lang, &[("Показатель", "Показник", "Figure"), ("Значение", "Значення", "Value")]),
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
        title: lang
            .pick("Лояльность и прибыльность", "Лояльність і прибутковість", "Loyalty x profitability")
            .to_string(),
        columns: titles(
            lang,
            &[
                ("Квадрант", "Квадрант", "Quadrant"),
                ("Название", "Назва", "Name"),
                ("Клиентов", "Клієнтів", "Clients"),
                ("Доля клиентов", "Частка клієнтів", "Share of clients"),
                ("Прибыль", "Прибуток", "Profit"),
                ("Доля прибыли", "Частка прибутку", "Share of profit"),
                ("Цель", "Мета", "Goal"),
            ],
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
        columns: group_titles(lang, ("Сегмент", "Сегмент", "Segment"), &[("Что делать", "Що робити", "Actions")]),
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
    let mut rows = vec![row(lang.pick("Все ответы", "Усі відповіді", "All answers").to_string(), &n.overall)];
    rows.push(row(
        lang.pick("Клиенты (последний ответ)", "Клієнти (остання відповідь)", "Clients (latest answer)").to_string(),
        &n.clients,
    ));
    for (kind, groups) in &n.by_segment {
        for (name, x) in groups {
            rows.push(row(format!("{kind}: {name}"), x));
        }
    }
    Some(Table {
        key: "nps",
        title: "NPS".to_string(),
        columns: titles(
            lang,
            &[
                ("Группа", "Група", "Group"),
                ("Ответов", "Відповідей", "Answers"),
                ("Промоутеры", "Промоутери", "Promoters"),
                ("Нейтральные", "Нейтральні", "Passives"),
                ("Критики", "Критики", "Detractors"),
                ("NPS", "NPS", "NPS"),
            ],
        ),
        rows,
        list: false,
    })
}
