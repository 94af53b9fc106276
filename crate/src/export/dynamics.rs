//! Who is leaving, as call lists: the leaving clients, the clients by lifecycle
//! status, each win-back group and the one-time buyers, with what a manager needs
//! for the call.

use super::tables::{titles, Cell, Table};
use crate::lang::Lang;
use crate::report::{ClientOut, Report};
use std::collections::HashMap;

const WINBACK_KEYS: [&str; 4] = ["winback-1", "winback-2", "winback-3", "winback-4"];

pub fn tables(r: &Report, lang: Lang) -> Vec<Table> {
    let by_id: HashMap<&str, &ClientOut> = r.clients.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = vec![leaving(r, lang, &by_id), lifecycle(r, lang)];
    for (k, g) in r.winback.groups.iter().enumerate().take(WINBACK_KEYS.len()) {
        let rows = g
            .clients
            .iter()
            .map(|w| {
                let c = by_id.get(w.id.as_str());
                vec![
                    Cell::Text(w.id.clone()),
                    Cell::Text(crate::code::text_of(&w.cell)),
                    Cell::Money(w.annual_value),
                    Cell::Date(c.and_then(|c| c.last_purchase)),
                    Cell::Text(w.products.join(", ")),
                    Cell::opt(c.and_then(|c| c.manager.as_deref())),
                    Cell::opt(c.and_then(|c| c.channel.as_deref())),
                ]
            })
            .collect();
        out.push(Table {
            key: WINBACK_KEYS[k],
            // A sheet name holds 31 characters: the group title is in the columns of the report.
            title: format!("{} {}", lang.pick("Возврат", "Повернення", "Win-back"), g.group),
            columns: titles(
                lang,
                &[
                    ("Клиент", "Клієнт", "Client"),
                    ("Ячейка", "Клітинка", "Cell"),
                    ("Ценность в год", "Цінність на рік", "Annual value"),
                    ("Последняя покупка", "Остання покупка", "Last purchase"),
                    ("Что покупал", "Що купував", "What they bought"),
                    ("Менеджер", "Менеджер", "Manager"),
                    ("Канал", "Канал", "Channel"),
                ],
            ),
            rows,
            list: true,
        });
    }
    out.push(one_time(r, lang, &by_id));
    out
}

/// Clients by lifecycle status: every client once, the rows add up to the totals.
fn lifecycle(r: &Report, lang: Lang) -> Table {
    let rows = r
        .lifecycle
        .statuses
        .iter()
        .map(|s| {
            vec![
                Cell::Text(s.status.name(lang).to_string()),
                Cell::Int(s.count as i64),
                Cell::Money(s.revenue),
                Cell::Money(s.window_revenue),
            ]
        })
        .collect();
    Table {
        key: "lifecycle",
        title: lang.pick("Статусы клиентов", "Статуси клієнтів", "Client statuses").to_string(),
        columns: titles(
            lang,
            &[
                ("Статус", "Статус", "Status"),
                ("Клиентов", "Клієнтів", "Clients"),
                ("Выручка за всё время", "Виручка за весь час", "Revenue, all time"),
                ("Выручка в окне", "Виручка у вікні", "Revenue in window"),
            ],
        ),
        rows,
        list: false,
    }
}

fn leaving(r: &Report, lang: Lang, by_id: &HashMap<&str, &ClientOut>) -> Table {
    let rows = r
        .leaving
        .list
        .iter()
        .map(|l| {
            let c = by_id.get(l.id.as_str());
            let flags = c.map(|c| c.flags.iter().map(|f| f.code()).collect::<Vec<_>>().join(", ")).unwrap_or_default();
            vec![
                Cell::Text(l.id.clone()),
                Cell::Money(l.at_stake),
                Cell::Text(flags),
                Cell::Text(c.and_then(|c| c.cell).map(|x| crate::code::text_of(&x)).unwrap_or_default()),
                Cell::Date(c.and_then(|c| c.last_purchase)),
                Cell::opt(c.and_then(|c| c.manager.as_deref())),
                Cell::opt(c.and_then(|c| c.channel.as_deref())),
            ]
        })
        .collect();
    Table {
        key: "leaving",
        title: lang.pick("Кто уходит", "Хто йде", "Who is leaving").to_string(),
        columns: titles(
            lang,
            &[
                ("Клиент", "Клієнт", "Client"),
                ("Под угрозой в год", "Під загрозою на рік", "At stake a year"),
                ("Признаки", "Ознаки", "Signs"),
                ("Ячейка", "Клітинка", "Cell"),
                ("Последняя покупка", "Остання покупка", "Last purchase"),
                ("Менеджер", "Менеджер", "Manager"),
                ("Канал", "Канал", "Channel"),
            ],
        ),
        rows,
        list: true,
    }
}

fn one_time(r: &Report, lang: Lang, by_id: &HashMap<&str, &ClientOut>) -> Table {
    let rows = r
        .one_time_buyers
        .clients
        .iter()
        .map(|o| {
            let c = by_id.get(o.id.as_str());
            vec![
                Cell::Text(o.id.clone()),
                Cell::Date(Some(o.purchase)),
                Cell::Money(o.revenue),
                Cell::Text(o.products.join(", ")),
                Cell::opt(c.and_then(|c| c.manager.as_deref())),
                Cell::opt(c.and_then(|c| c.channel.as_deref())),
            ]
        })
        .collect();
    Table {
        key: "one-time",
        title: lang.pick("Разовые покупатели", "Разові покупці", "One-time buyers").to_string(),
        columns: titles(
            lang,
            &[
                ("Клиент", "Клієнт", "Client"),
                ("Покупка", "Покупка", "Purchase"),
                ("Сумма", "Сума", "Amount"),
                ("Что купил", "Що купив", "What they bought"),
                ("Менеджер", "Менеджер", "Manager"),
                ("Канал", "Канал", "Channel"),
            ],
        ),
        rows,
        list: true,
    }
}
