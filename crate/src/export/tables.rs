//! The Report as plain tables with titles in the user's language: the single source
//! for every download format.

use crate::lang::Lang;
use crate::money::Money;
use crate::report::Report;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Money),
    Int(i64),
    Date(Option<NaiveDate>),
    /// A fraction 0..1 shown as a percent.
    Share(f64),
}

impl Cell {
    /// A text that may be missing (a manager, a channel): empty when it is.
    pub fn opt(s: Option<&str>) -> Cell {
        Cell::Text(s.unwrap_or_default().to_string())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// File and sheet key: `clients`, `abc`.
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A list of clients to work through (gets its own CSV).
    pub list: bool,
}

pub(super) fn titles(lang: Lang, items: &[(&str, &str, &str)]) -> Vec<String> {
    items.iter().map(|(ru, uk, en)| lang.pick(ru, uk, en).to_string()).collect()
}

pub(super) fn abc(r: &Report, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = r
        .abc
        .groups
        .iter()
        .map(|g| {
            vec![
                Cell::Text(crate::code::text_of(&g.group)),
                Cell::Int(g.count as i64),
                Cell::Share(g.count_share),
                Cell::Money(g.value),
                Cell::Share(g.value_share),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text(lang.pick("Без покупок в окне", "Без покупок у вікні", "No purchase in window").to_string()),
        Cell::Int(r.abc.inactive as i64),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
    ]);
    Table {
        key: "abc",
        title: lang.pick("ABC по выручке", "ABC за виручкою", "ABC by revenue").to_string(),
        columns: titles(
            lang,
            &[
                ("Группа", "Група", "Group"),
                ("Клиентов", "Клієнтів", "Clients"),
                ("Доля клиентов", "Частка клієнтів", "Share of clients"),
                ("Выручка", "Виручка", "Revenue"),
                ("Доля выручки", "Частка виручки", "Share of revenue"),
            ],
        ),
        rows,
        list: false,
    }
}

pub(super) fn clients(r: &Report, lang: Lang) -> Table {
    let rows = r
        .clients
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.id.clone()),
                Cell::Text(c.abc.map(|g| crate::code::text_of(&g)).unwrap_or_default()),
                Cell::Money(c.window_revenue),
                Cell::Money(c.revenue),
                Cell::Int(c.purchases as i64),
                Cell::Date(c.first_purchase),
                Cell::Date(c.last_purchase),
                Cell::Text(c.xyz.map(|x| x.to_string()).unwrap_or_default()),
                Cell::Text(c.abcdx.map(|x| x.to_string()).unwrap_or_default()),
                Cell::Text(c.rfm.map(|x| x.to_string()).unwrap_or_default()),
                Cell::Text(c.quadrant.map(|q| crate::code::text_of(&q)).unwrap_or_default()),
                Cell::opt(c.manager.as_deref()),
                Cell::opt(c.channel.as_deref()),
                Cell::Text(c.lifecycle.name(lang).to_string()),
            ]
        })
        .collect();
    Table {
        key: "clients",
        title: lang.pick("Клиенты", "Клієнти", "Clients").to_string(),
        columns: titles(
            lang,
            &[
                ("Клиент", "Клієнт", "Client"),
                ("Группа ABC", "Група ABC", "ABC group"),
                ("Выручка в окне", "Виручка у вікні", "Revenue in window"),
                ("Выручка за всё время", "Виручка за весь час", "Revenue, all time"),
                ("Покупок", "Покупок", "Purchases"),
                ("Первая покупка", "Перша покупка", "First purchase"),
                ("Последняя покупка", "Остання покупка", "Last purchase"),
                ("XYZ", "XYZ", "XYZ"),
                ("ABCDX", "ABCDX", "ABCDX"),
                ("RFM", "RFM", "RFM"),
                ("Квадрант", "Квадрант", "Quadrant"),
                ("Менеджер", "Менеджер", "Manager"),
                ("Канал", "Канал", "Channel"),
                ("Статус", "Статус", "Status"),
            ],
        ),
        rows,
        list: true,
    }
}
