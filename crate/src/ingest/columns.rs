//! Which column plays which role, found from header names in Russian, Ukrainian
//! and English.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Date,
    Client,
    Amount,
    Quantity,
    Price,
    Order,
    Product,
    Category,
    Manager,
    Branch,
    Cost,
    Profit,
    CostToServe,
    Potential,
    Nps,
    Reason,
    Channel,
}

impl Role {
    pub const ALL: [Role; 17] = [
        Role::Date,
        Role::Client,
        Role::Amount,
        Role::Quantity,
        Role::Price,
        Role::Order,
        Role::Product,
        Role::Category,
        Role::Manager,
        Role::Branch,
        Role::Cost,
        Role::Profit,
        Role::CostToServe,
        Role::Potential,
        Role::Nps,
        Role::Reason,
        Role::Channel,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Date => "date",
            Role::Client => "client",
            Role::Amount => "amount",
            Role::Quantity => "quantity",
            Role::Price => "price",
            Role::Order => "order",
            Role::Product => "product",
            Role::Category => "category",
            Role::Manager => "manager",
            Role::Branch => "branch",
            Role::Cost => "cost",
            Role::Profit => "profit",
            Role::CostToServe => "cost_to_serve",
            Role::Potential => "potential",
            Role::Nps => "nps",
            Role::Reason => "reason",
            Role::Channel => "channel",
        }
    }

    pub const COUNT: usize = Role::ALL.len();

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let key = match self {
            Role::Date => "role.date",
            Role::Client => "role.client",
            Role::Amount => "role.amount",
            Role::Quantity => "role.quantity",
            Role::Price => "role.price",
            Role::Order => "role.order",
            Role::Product => "role.product",
            Role::Category => "role.category",
            Role::Manager => "role.manager",
            Role::Branch => "role.branch",
            Role::Cost => "role.cost",
            Role::Profit => "role.profit",
            Role::CostToServe => "role.cost_to_serve",
            Role::Potential => "role.potential",
            Role::Nps => "role.nps",
            Role::Reason => "role.reason",
            Role::Channel => "role.channel",
        };
        lang.t(key)
    }

    /// Header names (normalised: lower case, `ё` as `е`, punctuation as spaces).
    /// An exact match beats a header that merely starts with one of these.
    #[rustfmt::skip]
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::Date => &[
                "дата", "дата документа", "дата продажи", "дата заказа", "дата реализации", "дата отгрузки",
                "дата покупки", "дата чека", "період", "период", "день", "date", "order date", "invoicedate",
                "invoice date", "sale date", "created at", "дата замовлення", "дата продажу",
            ],
            Role::Client => &[
                "контрагент", "клиент", "покупатель", "заказчик", "контрагент наименование", "клієнт",
                "покупець", "замовник", "customer", "customer id", "customerid", "customer name", "client",
                "client name", "buyer", "company", "account", "организация покупатель", "наименование клиента",
                "партнер", "партнер клиент", "компания", "компания клиента", "email", "e mail",
                "customer email", "billing name",
            ],
            Role::Amount => &[
                "сумма", "сумма продажи", "сумма продаж", "выручка", "сумма с ндс", "сумма документа",
                "сумма реализации", "стоимость", "оборот", "сума", "сума продажу", "виручка", "вартість",
                "amount", "revenue", "sales", "sale amount", "total", "line total", "net sales", "subtotal",
                "sum", "dollar value",
            ],
            Role::Quantity => &[
                "количество", "кол во", "колво", "кол", "кількість", "к сть", "qty", "quantity", "units",
                "lineitem quantity", "number of cds",
            ],
            Role::Price => &[
                "цена", "цена за единицу", "ціна", "price", "unitprice", "unit price", "lineitem price",
            ],
            Role::Order => &[
                "документ", "номер документа", "номер", "заказ", "номер заказа", "накладная", "реализация",
                "чек", "номер чека", "замовлення", "номер замовлення", "order", "order id", "order number",
                "invoice", "invoiceno", "invoice no", "invoice number", "name", "document",
                "id сделки", "номер сделки", "id угоди", "номер угоди", "deal id",
            ],
            Role::Product => &[
                "номенклатура", "товар", "наименование товара", "продукт", "услуга", "артикул", "товар послуга",
                "продукція", "product", "item", "description", "stockcode", "sku", "lineitem name",
            ],
            Role::Category => &[
                "категория", "группа", "группа товаров", "вид номенклатуры", "категорія", "група", "category",
                "product category", "product type",
            ],
            Role::Manager => &[
                "менеджер", "ответственный", "продавец", "торговый представитель", "менеджер з продажу",
                "відповідальний", "manager", "sales rep", "salesperson", "owner",
            ],
            Role::Branch => &[
                "филиал", "подразделение", "склад", "філія", "branch", "store", "region", "регион",
            ],
            Role::Cost => &[
                "себестоимость", "собівартість", "cost", "cogs",
            ],
            Role::Profit => &[
                "прибыль", "валовая прибыль", "маржа", "наценка", "прибуток", "маржа грн", "profit",
                "gross profit", "margin",
            ],
            Role::CostToServe => &[
                "затраты на обслуживание", "стоимость обслуживания", "затраты на клиента",
                "витрати на обслуговування", "cost to serve", "service cost", "cost of service",
            ],
            Role::Potential => &[
                "потенциал", "потенциал клиента", "потенціал", "potential", "potential class",
            ],
            Role::Nps => &[
                "nps", "оценка nps", "оцінка nps", "nps score", "оценка", "оцінка", "score", "рекомендация",
            ],
            Role::Reason => &[
                "причина", "причина ухода", "причина отказа", "причина відмови", "причина відходу",
                "churn reason", "reason", "lost reason",
            ],
            Role::Channel => &[
                "канал", "канал связи", "способ связи", "канал зв язку", "channel", "contact channel",
                "preferred channel",
            ],
        }
    }
}

/// Words that disqualify a "starts with" match: `Сумма НДС` is tax, not revenue.
const EXCLUDE: &[&str] = &["ндс", "vat", "tax", "скидк", "знижк", "discount", "доставк", "shipping", "оплат"];

pub fn normalize_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    let mut space = true;
    for c in h.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// How well a normalised header names a role: 2 exact, 1 starts with a synonym.
fn score(norm: &str, role: Role) -> u8 {
    let syns = role.synonyms();
    if syns.contains(&norm) {
        return 2;
    }
    let prefixed = syns.iter().any(|s| norm.len() > s.len() && norm.starts_with(s) && norm.as_bytes()[s.len()] == b' ');
    if prefixed && !EXCLUDE.iter().any(|x| norm.contains(x)) {
        1
    } else {
        0
    }
}

/// Column index for each recognised role.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub cols: BTreeMap<Role, usize>,
}

impl Mapping {
    pub fn get(&self, r: Role) -> Option<usize> {
        self.cols.get(&r).copied()
    }

    /// Column of each role, indexed by `role as usize`, for the per-row hot path.
    pub fn indices(&self) -> [Option<usize>; Role::COUNT] {
        let mut a = [None; Role::COUNT];
        for (&r, &c) in &self.cols {
            a[r as usize] = Some(c);
        }
        a
    }

    /// The required roles this mapping lacks: date, client, and an amount
    /// (or both quantity and price).
    pub fn missing(&self) -> Vec<Role> {
        let mut m = Vec::new();
        for r in [Role::Date, Role::Client] {
            if self.get(r).is_none() {
                m.push(r);
            }
        }
        let priced = self.get(Role::Quantity).is_some() && self.get(Role::Price).is_some();
        if self.get(Role::Amount).is_none() && !priced {
            m.push(Role::Amount);
        }
        m
    }
}

/// Assigns roles to header cells: each role takes its best-scoring column, the
/// leftmost on a tie, and a column plays one role at most.
pub fn detect(headers: &[String]) -> Mapping {
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut mapping = Mapping::default();
    // Exact matches first across all roles, so `Номер` as an exact order id is not
    // stolen by a looser match elsewhere.
    for want in [2u8, 1] {
        for role in Role::ALL {
            if mapping.cols.contains_key(&role) {
                continue;
            }
            let hit = norms.iter().enumerate().find(|(i, n)| !taken[*i] && score(n, role) == want);
            if let Some((i, _)) = hit {
                taken[i] = true;
                mapping.cols.insert(role, i);
            }
        }
    }
    // Bitrix24's deal export names its deal number plain `ID`: a deal is one
    // purchase, so two deals of a company on one day count twice, as the same
    // sales do in a 1C export with their document numbers. Only beside the deal's
    // own columns: elsewhere a bare `ID` may number rows or clients.
    if !mapping.cols.contains_key(&Role::Order) && norms.iter().any(|n| DEAL_MARKS.contains(&n.as_str())) {
        if let Some(i) = norms.iter().position(|n| n == "id").filter(|i| !taken[*i]) {
            mapping.cols.insert(Role::Order, i);
        }
    }
    mapping
}

/// Headers that only a CRM's deal export has (Bitrix24 in Russian, Ukrainian, English).
const DEAL_MARKS: &[&str] =
    &["название сделки", "стадия сделки", "назва угоди", "стадія угоди", "deal name", "deal stage", "stage"];

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(s: &str) -> Vec<String> {
        s.split(';').map(str::to_string).collect()
    }

    #[test]
    fn finds_roles_in_common_exports() {
        // header line, roles found at their columns, roles that must not be found.
        type Case<'a> = (&'a str, &'a [(Role, usize)], &'a [Role]);
        let cases: &[Case] = &[
            // Bitrix24 deals: the deal's ID is the purchase key; a bare ID elsewhere is not.
            (
                "ID;Название сделки;Стадия сделки;Сумма;Валюта;Компания;Дата создания;Ответственный",
                &[(Role::Order, 0), (Role::Amount, 3), (Role::Client, 5), (Role::Manager, 7)],
                &[],
            ),
            ("ID;Дата;Клиент;Сумма", &[(Role::Date, 1), (Role::Client, 2), (Role::Amount, 3)], &[]),
            (
                "Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма",
                &[(Role::Date, 0), (Role::Order, 1), (Role::Client, 2), (Role::Manager, 3), (Role::Amount, 7)],
                &[],
            ),
            (
                "InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country",
                &[
                    (Role::Order, 0),
                    (Role::Product, 1),
                    (Role::Quantity, 3),
                    (Role::Date, 4),
                    (Role::Price, 5),
                    (Role::Client, 6),
                ],
                &[],
            ),
            ("Клієнт;Дата продажу;Сума, грн", &[(Role::Client, 0), (Role::Date, 1), (Role::Amount, 2)], &[]),
            ("Покупатель;Дата;Сумма НДС;Сумма с НДС", &[(Role::Amount, 3)], &[]),
            ("Клиент;Сумма", &[(Role::Client, 0), (Role::Amount, 1)], &[Role::Date]),
            ("Отчёт по продажам за 2024 год", &[], &[Role::Date, Role::Client, Role::Amount]),
            // CDNOW's own names (Fader, Hardie & Lee's CDNOW_master, as the BTYD
            // libraries load it).
            (
                "customer_id;date;number_of_cds;dollar_value",
                &[(Role::Client, 0), (Role::Date, 1), (Role::Quantity, 2), (Role::Amount, 3)],
                &[],
            ),
        ];
        for (line, want, missing) in cases {
            let m = detect(&headers(line));
            for (role, col) in *want {
                assert_eq!(m.get(*role), Some(*col), "{line}: {role:?}");
            }
            assert_eq!(m.missing(), missing.to_vec(), "{line}");
        }
        assert_eq!(detect(&headers("ID;Дата;Клиент;Сумма")).get(Role::Order), None, "a bare ID is no deal number");
    }

    #[test]
    fn normalises_punctuation_and_yo() {
        assert_eq!(normalize_header("  Кол-во, шт. "), "кол во шт");
        assert_eq!(normalize_header("Отчёт"), "отчет");
    }
}
