//! The demo dataset: a Russian building-materials wholesaler with 2 000 clients over
//! 2023-2025, with the client types a sales head meets (steady, seasonal, occasional,
//! decliners, churners, returnees, one-time buyers, new), and the truth about each,
//! so tests can check that the analyses find them.
//!
//! It is generated (in the worker as in the CLI) rather than downloaded, so the page
//! makes no request for it. A seeded xorshift and integer kopecks give the same
//! bytes on every target.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub const DEMO_SEED: u64 = 20_251_231;

pub struct Demo {
    pub csv: String,
    pub truth: DemoTruth,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct DemoTruth {
    pub rows: usize,
    pub total_revenue: String,
    pub returns: usize,
    pub first_date: String,
    pub last_date: String,
    pub clients: BTreeMap<String, ClientTruth>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ClientTruth {
    pub archetype: Archetype,
    /// Exact sum of the client's Сумма cells, returns included.
    pub revenue: String,
    /// Distinct sales invoices (return documents excluded).
    pub purchases: usize,
    pub manager: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Archetype {
    Steady,
    Seasonal,
    Occasional,
    Decliner,
    Churner,
    Returnee,
    OneTime,
    New,
}

/// How many clients of each type.
const MIX: [(Archetype, usize); 8] = [
    (Archetype::Steady, 500),
    (Archetype::Seasonal, 200),
    (Archetype::Occasional, 500),
    (Archetype::Decliner, 160),
    (Archetype::Churner, 200),
    (Archetype::Returnee, 80),
    (Archetype::OneTime, 240),
    (Archetype::New, 120),
];

const ROOTS: [&str; 20] = [
    "Строй",
    "Торг",
    "Снаб",
    "Пром",
    "Техно",
    "Агро",
    "Энерго",
    "Мебель",
    "Альфа",
    "Вектор",
    "Север",
    "Восток",
    "Урал",
    "Сибирь",
    "Волга",
    "Нева",
    "Кровля",
    "Фасад",
    "Дом",
    "Гранит",
];
const SUFFIXES: [&str; 10] =
    ["Инвест", "Групп", "Маркет", "Ресурс", "Комплект", "Трейд", "Опт", "Сервис", "Лайн", "Мастер"];
const CITIES: [&str; 12] =
    ["Москва", "Казань", "Самара", "Тверь", "Пермь", "Омск", "Тула", "Рязань", "Курск", "Липецк", "Саратов", "Вологда"];
const SURNAMES: [&str; 24] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
];
const INITIALS: [&str; 10] = ["А.", "В.", "Д.", "Е.", "И.", "К.", "М.", "Н.", "О.", "С."];
const MANAGERS: [&str; 8] = [
    "Белова Н.А.",
    "Гришин С.П.",
    "Дорохова Е.В.",
    "Зайцев А.Н.",
    "Карпова И.С.",
    "Лаптев Р.О.",
    "Мельникова Т.Д.",
    "Тихонов В.Г.",
];
/// Six categories of ten products, with list prices in kopecks.
const CATEGORIES: [(&str, [(&str, i64); 10]); 6] = [
    (
        "Сухие смеси",
        [
            ("Цемент М500, 50 кг", 52_000),
            ("Штукатурка гипсовая, 30 кг", 46_500),
            ("Шпаклёвка финишная, 20 кг", 61_000),
            ("Клей плиточный, 25 кг", 38_900),
            ("Наливной пол, 25 кг", 54_000),
            ("Пескобетон М300, 40 кг", 24_500),
            ("Кладочная смесь, 25 кг", 27_900),
            ("Затирка, 2 кг", 31_000),
            ("Грунтовка, 10 л", 89_000),
            ("Гидроизоляция, 20 кг", 215_000),
        ],
    ),
    (
        "Кровля",
        [
            ("Металлочерепица, м²", 64_000),
            ("Профнастил С20, м²", 52_000),
            ("Ондулин, лист", 69_000),
            ("Гибкая черепица, уп.", 189_000),
            ("Водосток, 3 м", 74_000),
            ("Конёк, 2 м", 41_000),
            ("Мембрана, рулон", 420_000),
            ("Саморез кровельный, 250 шт", 95_000),
            ("Снегозадержатель, 3 м", 210_000),
            ("Планка карнизная, 2 м", 29_000),
        ],
    ),
    (
        "Изоляция",
        [
            ("Минвата, уп.", 132_000),
            ("Пенополистирол 50 мм, уп.", 198_000),
            ("Пароизоляция, рулон", 165_000),
            ("Экструдированный пенополистирол, уп.", 256_000),
            ("Пена монтажная, баллон", 54_000),
            ("Утеплитель базальтовый, уп.", 149_000),
            ("Фольгоизол, рулон", 310_000),
            ("Герметик, туба", 39_000),
            ("Лента бутиловая, рулон", 48_000),
            ("Ветрозащита, рулон", 172_000),
        ],
    ),
    (
        "Листовые материалы",
        [
            ("Гипсокартон 12,5 мм", 43_500),
            ("ОСП-3 9 мм", 89_000),
            ("Фанера 10 мм", 124_000),
            ("ЦСП 12 мм", 158_000),
            ("ДВП 3,2 мм", 31_000),
            ("ГВЛ 10 мм", 56_000),
            ("Аквапанель", 245_000),
            ("Профиль ПП 60x27", 21_000),
            ("Профиль ПН 28x27", 16_500),
            ("Подвес прямой, 100 шт", 49_000),
        ],
    ),
    (
        "Лакокраска",
        [
            ("Краска фасадная, 10 л", 289_000),
            ("Краска интерьерная, 10 л", 214_000),
            ("Эмаль ПФ-115, 2,7 кг", 68_000),
            ("Грунт-эмаль, 2 кг", 79_000),
            ("Лак паркетный, 2,5 л", 132_000),
            ("Антисептик, 5 л", 96_000),
            ("Колер, 0,5 л", 21_000),
            ("Растворитель, 1 л", 14_500),
            ("Валик малярный", 26_000),
            ("Кисть 50 мм", 9_500),
        ],
    ),
    (
        "Крепёж и инструмент",
        [
            ("Дюбель-гвоздь, 100 шт", 34_000),
            ("Саморез по дереву, 1 кг", 41_000),
            ("Анкер, 50 шт", 87_000),
            ("Биты, набор", 52_000),
            ("Сверло по бетону, набор", 118_000),
            ("Диск отрезной, 10 шт", 64_000),
            ("Уровень 60 см", 73_000),
            ("Рулетка 5 м", 29_000),
            ("Перчатки, 10 пар", 19_000),
            ("Шпатель 300 мм", 23_000),
        ],
    ),
];
/// Sales by month relative to the average: a January dip, a building season, a
/// December peak (percent).
const SEASON: [i64; 12] = [70, 80, 100, 120, 125, 125, 120, 115, 110, 100, 90, 130];

/// xorshift64*: small, fast and the same stream on every target.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Months 0..36 are 2023-01 .. 2025-12.
fn month_date(month: u32, day: u32) -> NaiveDate {
    ymd(2023 + (month / 12) as i32, month % 12 + 1, day)
}

struct Invoice {
    date: NaiveDate,
    client: usize,
    lines: Vec<(usize, usize, i64, i64)>, // category, product, quantity, price
    is_return: bool,
}

/// Which months a client of each type buys in, and how much relative to its size.
fn plan(kind: Archetype, rng: &mut Rng) -> Vec<(u32, i64)> {
    let mut months = Vec::new();
    match kind {
        Archetype::Steady => {
            // Every month but at most two a year.
            for year in 0..3 {
                let skips = [rng.below(12) as u32, if rng.chance(50) { rng.below(12) as u32 } else { 12 }];
                (0..12).filter(|m| !skips.contains(m)).for_each(|m| months.push((year * 12 + m, 100)));
            }
        }
        Archetype::Seasonal => {
            for m in 0..36 {
                let season = (3..=9).contains(&(m % 12));
                if rng.chance(if season { 85 } else { 8 }) {
                    months.push((m, 100));
                }
            }
        }
        Archetype::Occasional => {
            let mut m = rng.below(4) as u32;
            while m < 36 {
                months.push((m, 100));
                m += 2 + rng.below(3) as u32;
            }
        }
        Archetype::Decliner => {
            // Regular until June 2025, then a sixth of the volume in about half the months,
            // and still buying in November or December.
            (0..30).filter(|_| rng.chance(95)).for_each(|m| months.push((m, 100)));
            (30..34).filter(|_| rng.chance(50)).for_each(|m| months.push((m, 15)));
            months.push((34 + rng.below(2) as u32, 15));
        }
        Archetype::Churner => {
            let start = rng.below(12) as u32;
            let stop = 17 + rng.below(15) as u32; // last month: 2024-06 .. 2025-08
            months.push((start, 100));
            (start + 1..=stop).filter(|_| rng.chance(90)).for_each(|m| months.push((m, 100)));
        }
        Archetype::Returnee => {
            let gap_start = 12 + rng.below(12) as u32; // silent from 2024
            (0..gap_start).filter(|_| rng.chance(90)).for_each(|m| months.push((m, 100)));
            // Back in October-December 2025 with at least two invoices.
            months.push((33, 80));
            months.push((34 + rng.below(2) as u32, 80));
        }
        Archetype::OneTime => months.push((rng.below(32) as u32, 100)),
        Archetype::New => {
            let first = 33 + rng.below(3) as u32;
            (first..36).for_each(|m| months.push((m, 100)));
        }
    }
    months
}

fn client_names(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut names = Vec::with_capacity(n);
    while names.len() < n {
        let name = match rng.below(10) {
            0 | 1 => format!(
                "ИП {} {}{}",
                SURNAMES[rng.below(24) as usize],
                INITIALS[rng.below(10) as usize],
                INITIALS[rng.below(10) as usize]
            ),
            2 => format!("АО «{}{}»", ROOTS[rng.below(20) as usize], SUFFIXES[rng.below(10) as usize]),
            _ => format!("ООО «{}{}»", ROOTS[rng.below(20) as usize], SUFFIXES[rng.below(10) as usize]),
        };
        let name = if seen.contains(&name) { format!("{name} ({})", CITIES[rng.below(12) as usize]) } else { name };
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

pub fn generate(seed: u64) -> Demo {
    let mut rng = Rng(seed | 1);
    let total: usize = MIX.iter().map(|(_, n)| n).sum();
    let names = client_names(&mut rng, total);
    let mut kinds = Vec::with_capacity(total);
    for (kind, n) in MIX {
        kinds.extend(std::iter::repeat_n(kind, n));
    }
    // Shuffle so types are not grouped by name order.
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut invoices = Vec::new();
    for (client, &kind) in kinds.iter().enumerate() {
        // A heavy tail of sizes: most clients small, a few very large (1..201).
        let size = 1 + 200 / (1 + rng.below(400) as i64);
        let home = rng.below(6) as usize;
        for (month, volume) in plan(kind, &mut rng) {
            let per_month = if kind == Archetype::Steady && rng.chance(30) { 2 } else { 1 };
            for _ in 0..per_month {
                let date = month_date(month, 1 + rng.below(28) as u32);
                let mut lines = Vec::new();
                // A client buying much less also buys fewer items per invoice.
                let items = if volume < 50 { 1 } else { 1 + rng.below(4) };
                for _ in 0..items {
                    let cat = if rng.chance(60) { home } else { rng.below(6) as usize };
                    let prod = rng.below(10) as usize;
                    let list = CATEGORIES[cat].1[prod].1;
                    let price = list * (90 + rng.below(21) as i64) / 100;
                    let qty =
                        (1 + rng.below(4 * size as u64) as i64) * SEASON[date.month0() as usize] * volume / 10_000;
                    lines.push((cat, prod, qty.max(1), price));
                }
                // About one invoice in twenty is partly returned the same day.
                let ret = rng.chance(5).then(|| {
                    let (cat, prod, qty, price) = lines[0];
                    (cat, prod, -(1 + rng.below(qty as u64) as i64).min(qty), price)
                });
                invoices.push(Invoice { date, client, lines, is_return: false });
                if let Some(line) = ret {
                    invoices.push(Invoice { date, client, lines: vec![line], is_return: true });
                }
            }
        }
    }
    invoices.sort_by_key(|inv| (inv.date, inv.client, inv.is_return));
    write(&names, &kinds, &invoices)
}

fn write(names: &[String], kinds: &[Archetype], invoices: &[Invoice]) -> Demo {
    let mut csv = String::with_capacity(invoices.len() * 260);
    csv.push_str("Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма\n");
    let mut revenue = vec![0i64; names.len()];
    let mut purchases = vec![0usize; names.len()];
    let (mut rows, mut returns, mut total) = (0usize, 0usize, 0i64);
    let (mut sales_no, mut return_no) = (0u32, 0u32);
    for inv in invoices {
        let doc = if inv.is_return {
            return_no += 1;
            format!("ВК-{return_no:06}")
        } else {
            sales_no += 1;
            purchases[inv.client] += 1;
            format!("РН-{sales_no:06}")
        };
        let manager = MANAGERS[inv.client % MANAGERS.len()];
        for &(cat, prod, qty, price) in &inv.lines {
            let sum = qty * price;
            let _ = writeln!(
                csv,
                "{};{doc};{};{manager};{};{qty};{};{}",
                inv.date.format("%d.%m.%Y"),
                names[inv.client],
                CATEGORIES[cat].1[prod].0,
                kopecks(price),
                kopecks(sum)
            );
            revenue[inv.client] += sum;
            total += sum;
            rows += 1;
            returns += usize::from(sum < 0);
        }
    }
    let clients = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let truth = ClientTruth {
                archetype: kinds[i],
                revenue: kopecks(revenue[i]).replace(',', "."),
                purchases: purchases[i],
                manager: MANAGERS[i % MANAGERS.len()].to_string(),
            };
            (name.clone(), truth)
        })
        .collect();
    let first = invoices.first().map(|i| i.date).unwrap_or_default();
    let last = invoices.last().map(|i| i.date).unwrap_or_default();
    let truth = DemoTruth {
        rows,
        total_revenue: kopecks(total).replace(',', "."),
        returns,
        first_date: first.to_string(),
        last_date: last.to_string(),
        clients,
    };
    Demo { csv, truth }
}

/// 1234567 kopecks -> "12345,67", as a Russian export writes money.
fn kopecks(k: i64) -> String {
    let sign = if k < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", k.abs() / 100, k.abs() % 100)
}

pub fn demo() -> Demo {
    generate(DEMO_SEED)
}

#[cfg(test)]
mod tests;
