//! The demo dataset: a Russian building-materials wholesaler with about 2 000 clients
//! over 2023-2025, with the client types a sales head meets (steady, seasonal,
//! occasional, decliners, churners, returnees, one-time buyers, new), and the truth
//! about each, so tests can check that the analyses find them.
//!
//! It is generated (in the worker as in the CLI) rather than downloaded, so the page
//! makes no request for it. The output must be byte-identical on native and wasm32:
//! the generator draws from its own integer PRNG, keeps money in integer kopecks, and
//! uses f64 only through IEEE basic operations and `libm` (never the platform's
//! `ln`/`exp`/`powf`, whose last bits differ between targets).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub const DEMO_SEED: u64 = 20251231;

pub struct Demo {
    pub csv: String,
    pub truth: DemoTruth,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct DemoTruth {
    /// Data lines, header excluded.
    pub rows: usize,
    /// Exact sum of the Сумма column, e.g. "123456789.10".
    pub total_revenue: String,
    /// Lines with negative Количество and Сумма.
    pub returns: usize,
    /// "YYYY-MM-DD".
    pub first_date: String,
    pub last_date: String,
    /// Keyed by the client's name exactly as in the CSV.
    pub clients: BTreeMap<String, ClientTruth>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ClientTruth {
    pub archetype: Archetype,
    /// Exact sum of the client's Сумма cells, returns included, e.g. "1234.50".
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

/// Clients of each type. The intended shares (25/10/15/8/10/4/12/6 %) sum to 90 %;
/// each is scaled by 1/0.9 so the total is 2 000 without favouring one type.
const MIX: [(Archetype, usize); 8] = [
    (Archetype::Steady, 556),
    (Archetype::Seasonal, 222),
    (Archetype::Occasional, 333),
    (Archetype::Decliner, 178),
    (Archetype::Churner, 222),
    (Archetype::Returnee, 89),
    (Archetype::OneTime, 267),
    (Archetype::New, 133),
];

/// Month indices 0..36 are 2023-01 .. 2025-12.
const MONTHS: u32 = 36;
/// Jul-Dec 2025, where decliners fall.
const LATE: u32 = 30;
/// Oct 2025: new clients and returnees appear from here.
const LAST_QUARTER: u32 = 33;
/// Volume by calendar month in percent: the January dip after the long holidays, the
/// building season, and the December rush to close the year.
const SEASON: [u32; 12] = [60, 80, 100, 115, 125, 130, 130, 125, 115, 100, 90, 150];
/// Non-working days besides weekends (January 1-8 is checked separately).
const HOLIDAYS: [(u32, u32); 6] = [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)];
/// A line's typical amount for a client of size 1, kopecks.
const LINE_AMOUNT: f64 = 1_200_000.0;
/// Percent of invoices partly returned later: about 1 % of all lines.
const RETURN_PERCENT: u64 = 3;

const MANAGERS: [&str; 8] = [
    "Антонова Е.С.",
    "Белов Д.А.",
    "Громова О.В.",
    "Денисов К.И.",
    "Ершова М.П.",
    "Жуков А.Н.",
    "Лаврентьева Т.Г.",
    "Тимофеев Р.О.",
];
/// Senior managers carry more clients.
const MANAGER_WEIGHTS: [u64; 8] = [18, 16, 14, 13, 12, 10, 9, 8];

const ROOTS: &str = "Строй Техно Пром Агро Снаб Торг Альфа Вектор Гранит Монолит Кровля Фасад Дом Мастер Профи \
    Евро Мега Гарант Лидер Стандарт Капитал Регион Базис Атлант Форум Эталон Вертикаль Оптима Кварц Арсенал";
const TAILS: &str = "Торг Снаб Комплект Трейд Сервис Маркет Ресурс Групп Инвест Опт Строй Лайн Плюс Центр Альянс \
    Систем Логистик Поставка Материалы Союз";
const PHRASES: &str = "Северная звезда|Ромашка|Новый дом|Светлый путь|Берёзка|Прогресс|Надёжный партнёр|Уютный дом|\
    Зелёный квартал|Каменный цветок|Три кита|Русский лес|Золотой ключ|Белый медведь|Крепкий дом|Южный ветер|\
    Добрострой|Ладья|Соболь|Рассвет";
const REGIONS: &str = "-Юг -Север -Центр -Урал -Сибирь -Волга -М -НН -СПб";
/// Legal forms with their weights; ИП names are built apart.
const FORMS: [(&str, u64); 7] =
    [("ООО", 62), ("ООО ТД", 7), ("ООО СК", 4), ("ООО ПКФ", 3), ("АО", 6), ("ЗАО", 2), ("ПАО", 1)];
/// Male surnames that take the feminine form with a final "а".
const SURNAMES: &str = "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов \
    Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров \
    Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Фролов Александров Дмитриев Королёв Гусев \
    Киселёв Ильин";
const INITIALS: &str = "А Б В Г Д Е И К Л М Н О П Р С Т Ю Я";

/// The price list by category: `name = list price in rubles`, separated by `|`.
const CATALOG: [(&str, &str); 6] = [
    (
        "Сухие смеси",
        "Цемент М500 Д0, 50 кг = 590 | Штукатурка, 30 кг = 465 | Шпаклёвка, 20 кг = 610 | \
        Клей плиточный, 25 кг = 389 | Наливной пол, 25 кг = 540 | Пескобетон М300, 40 кг = 245 | \
        Смесь кладочная, 25 кг = 279 | Затирка для швов, 2 кг = 310 | Грунтовка, 10 л = 890 | \
        Гидроизоляция, 20 кг = 2150",
    ),
    (
        "Кровля и водосток",
        "Металлочерепица, м² = 640 | Профнастил С20, м² = 520 | Ондулин, лист = 690 | \
        Гибкая черепица, уп. = 1890 | Желоб водосточный, 3 м = 740 | Конёк кровельный, 2 м = 410 | \
        Мембрана, рулон 75 м² = 4200 | Саморез кровельный, 250 шт = 950 | \
        Снегозадержатель, 3 м = 2100 | Планка карнизная, 2 м = 290",
    ),
    (
        "Изоляция",
        "Минвата 50 мм, уп. = 1320 | Пенопласт ПСБ-С 25, уп. = 1980 | Пароизоляция, рулон = 1650 | \
        Пеноплэкс 50 мм, уп. = 2560 | Пена монтажная, 750 мл = 540 | Вата базальтовая, уп. = 1490 | \
        Пенофол, рулон = 3100 | Герметик силиконовый = 390 | Лента бутиловая, рулон = 480 | \
        Ветрозащита, рулон = 1720",
    ),
    (
        "Листовые материалы",
        "Гипсокартон 12,5 мм = 435 | ОСП-3 9 мм = 890 | Фанера ФК 10 мм = 1240 | ЦСП 12 мм = 1580 | \
        ДВП 3,2 мм = 310 | ГВЛ 10 мм = 560 | Аквапанель = 2450 | Профиль ПП 60х27, 3 м = 210 | \
        Профиль ПН 28х27, 3 м = 165 | Подвес прямой, 100 шт = 490",
    ),
    (
        "Лакокраска",
        "Краска фасадная, 9 л = 2890 | Краска интерьерная, 9 л = 2140 | Эмаль ПФ-115, 2,7 кг = 680 | \
        Грунт-эмаль, 2 кг = 790 | Лак паркетный, 2,5 л = 1320 | Антисептик, 5 л = 960 | \
        Колер, 0,5 л = 210 | Растворитель 646, 1 л = 145 | Валик малярный 250 мм = 260 | \
        Кисть плоская 50 мм = 95",
    ),
    (
        "Крепёж и инструмент",
        "Дюбель-гвоздь 6х40, 100 шт = 340 | Саморез по дереву, 1 кг = 410 | \
        Анкерный болт, 50 шт = 870 | Набор бит = 520 | Набор свёрл по бетону = 1180 | \
        Диск отрезной, 10 шт = 640 | Уровень 60 см = 730 | Рулетка 5 м = 290 | \
        Перчатки, 10 пар = 190 | Шпатель 300 мм = 230",
    ),
];

/// xoshiro256** seeded through splitmix64: integer-only, so every target draws the
/// same stream, and neighbouring seeds give unrelated streams.
struct Rng([u64; 4]);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut splitmix = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let z = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([splitmix(), splitmix(), splitmix(), splitmix()])
    }

    fn next(&mut self) -> u64 {
        let s = &mut self.0;
        let out = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// Uniform in 0..n (multiply-shift; the bias is below 2^-50 for our n).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn below32(&mut self, n: u32) -> u32 {
        self.below(u64::from(n)) as u32
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn year_month(month: u32) -> (i32, u32) {
    (2023 + (month / 12) as i32, month % 12 + 1)
}

fn is_workday(month: u32, day: u32) -> bool {
    let (y, m) = year_month(month);
    let Some(date) = NaiveDate::from_ymd_opt(y, m, day) else { return false };
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let holiday = (m == 1 && day <= 8) || HOLIDAYS.contains(&(m, day));
    !(weekend || holiday)
}

fn random_workday(rng: &mut Rng, month: u32) -> u32 {
    loop {
        let day = 1 + rng.below32(31);
        if is_workday(month, day) {
            return day;
        }
    }
}

struct Product {
    name: &'static str,
    category: usize,
    list: i64,
}

fn catalog() -> Vec<Product> {
    let mut products = Vec::new();
    for (category, (_, items)) in CATALOG.iter().enumerate() {
        for item in items.split('|') {
            let (name, rubles) = item.split_once('=').expect("name = price");
            let list = rubles.trim().parse::<i64>().expect("a price in rubles") * 100;
            products.push(Product { name: name.trim(), category, list });
        }
    }
    products
}

/// The price in force in a month: the list price drifting from -8 % to +7 % over the
/// three years, with a product-specific wobble of up to 2 %, so always within ±10 %.
fn price(products: &[Product], product: usize, month: u32) -> i64 {
    let trend = -800 + 1500 * i64::from(month) / i64::from(MONTHS - 1);
    let wobble = ((product as i64 * 37 + i64::from(month) * 11) % 9 - 4) * 50;
    (products[product].list * (10_000 + trend + wobble) + 5_000) / 10_000
}

struct Client {
    kind: Archetype,
    manager: usize,
    /// Heavy-tailed purchase size (1 = a small shop).
    size: f64,
    /// The two categories the client mostly buys.
    home: [usize; 2],
}

impl Client {
    /// Invoices in an active month: big clients order weekly, small ones monthly.
    fn invoices_per_month(&self) -> u32 {
        1 + u32::from(self.size >= 15.0) + u32::from(self.size >= 50.0)
    }
}

/// One document: a sales invoice or a return. `day` is 1..=31 within `month`.
struct Doc {
    month: u32,
    day: u32,
    is_return: bool,
    /// Orders documents of the same day without grouping them by client.
    shuffle: u64,
    client: usize,
    lines: Vec<(usize, i64, i64)>, // product, quantity, price
}

struct Generator {
    rng: Rng,
    products: Vec<Product>,
    /// Product indices by category.
    categories: Vec<Vec<usize>>,
    docs: Vec<Doc>,
}

impl Generator {
    /// Writes one invoice (and maybe a later partial return); returns its net kopecks.
    fn sale(&mut self, clients: &[Client], c: usize, month: u32) -> i64 {
        let client = &clients[c];
        let rng = &mut self.rng;
        let day = random_workday(rng, month);
        let n_lines = 1 + rng.weighted(&[58, 23, 9, 5, 3, 2]);
        let mut lines: Vec<(usize, i64, i64)> = Vec::with_capacity(n_lines);
        while lines.len() < n_lines {
            let category = if rng.chance(65) {
                client.home[rng.below(2) as usize]
            } else {
                rng.below(CATALOG.len() as u64) as usize
            };
            let product = *rng.pick(&self.categories[category]);
            if lines.iter().any(|l| l.0 == product) {
                continue;
            }
            let unit_price = price(&self.products, product, month);
            let season = f64::from(SEASON[(month % 12) as usize]) / 100.0;
            let amount = LINE_AMOUNT * client.size * season * (0.5 + rng.unit());
            let qty = (libm::round(amount / unit_price as f64) as i64).max(1);
            lines.push((product, qty, unit_price));
        }
        let mut net: i64 = lines.iter().map(|l| l.1 * l.2).sum();
        // A partial return of damaged or surplus goods a few days later, in the same
        // month, so a return never changes which months a client was active in.
        if rng.chance(RETURN_PERCENT) {
            let returnable: Vec<_> = lines.iter().filter(|l| l.1 >= 2).copied().collect();
            let later = day + 1 + rng.below32(10);
            if !returnable.is_empty() && is_workday(month, later) {
                let (product, qty, unit_price) = returnable[rng.below(returnable.len() as u64) as usize];
                let back = 1 + rng.below((qty / 2) as u64) as i64;
                net -= back * unit_price;
                self.push(c, month, later, true, vec![(product, -back, unit_price)]);
            }
        }
        self.push(c, month, day, false, lines);
        net
    }

    fn push(&mut self, client: usize, month: u32, day: u32, is_return: bool, lines: Vec<(usize, i64, i64)>) {
        let shuffle = self.rng.next();
        self.docs.push(Doc { month, day, is_return, shuffle, client, lines });
    }

    /// A one-line invoice worth at most `allowance` kopecks (and at least one unit of
    /// the cheapest product); returns what it cost.
    fn small_sale(&mut self, clients: &[Client], c: usize, month: u32, allowance: i64) -> i64 {
        let client = &clients[c];
        let category = client.home[self.rng.below(2) as usize];
        let mut product = *self.rng.pick(&self.categories[category]);
        if price(&self.products, product, month) > allowance {
            product = (0..self.products.len()).min_by_key(|&p| price(&self.products, p, month)).unwrap_or(0);
        }
        let unit_price = price(&self.products, product, month);
        let usual = LINE_AMOUNT * client.size / 4.0 / unit_price as f64;
        let qty = (allowance / unit_price).min(usual as i64).max(1);
        let day = random_workday(&mut self.rng, month);
        self.push(c, month, day, false, vec![(product, qty, unit_price)]);
        qty * unit_price
    }

    fn client(&mut self, clients: &[Client], c: usize) {
        let per_month = clients[c].invoices_per_month();
        let rng = &mut self.rng;
        // (month, invoices) at the client's normal size.
        let mut plan: Vec<(u32, u32)> = Vec::new();
        match clients[c].kind {
            Archetype::Steady => plan = steady_months(rng, 0..MONTHS, per_month),
            Archetype::Seasonal => {
                for year in 0..3 {
                    let mut active: BTreeSet<u32> = (3..=9).filter(|_| rng.chance(70)).collect();
                    while active.len() < 3 {
                        active.insert(3 + rng.below32(7));
                    }
                    // At most one invoice off season a year, so the season holds >= 3/4.
                    let off_season = [0, 1, 2, 10, 11];
                    let off = rng.chance(30).then(|| off_season[rng.below(5) as usize]);
                    for m in active.into_iter().chain(off) {
                        let n = if (3..=9).contains(&m) { per_month } else { 1 };
                        plan.push((year * 12 + m, n));
                    }
                }
            }
            Archetype::Occasional => {
                let mut m = rng.below32(4);
                while m < MONTHS {
                    plan.push((m, 1));
                    m += 2 + rng.below32(3);
                }
            }
            Archetype::Decliner => {
                let plan = steady_months(rng, 0..LATE, per_month);
                return self.decline(clients, c, &plan);
            }
            Archetype::Churner => {
                let (start, last) = (rng.below32(8), 17 + rng.below32(15)); // last: 2024-06 .. 2025-08
                plan = regular_months(rng, start, last, per_month);
            }
            Archetype::Returnee => {
                let (start, last) = (rng.below32(6), 12 + rng.below32(15)); // silent from 2025-04 at the latest
                plan = regular_months(rng, start, last, per_month);
                for _ in 0..2 + rng.below(3) {
                    plan.push((LAST_QUARTER + rng.below32(3), 1));
                }
            }
            Archetype::OneTime => plan.push((rng.below32(LATE + 2), 1)), // by 2025-08
            Archetype::New => {
                let first = LAST_QUARTER + rng.below32(3);
                plan.push((first, 1));
                for _ in 0..rng.below(3) {
                    plan.push((first + rng.below32(MONTHS - first), 1));
                }
            }
        }
        for (month, n) in plan {
            for _ in 0..n {
                self.sale(clients, c, month);
            }
        }
    }

    /// Steady until June 2025, then at most three small one-line invoices in Jul-Dec,
    /// one of them in November or December, together worth at most a fifth of the
    /// previous twelve months: so the monthly average falls by more than half.
    fn decline(&mut self, clients: &[Client], c: usize, plan: &[(u32, u32)]) {
        let mut previous_year = 0;
        for &(month, n) in plan {
            for _ in 0..n {
                let net = self.sale(clients, c, month);
                if month >= LATE - 12 {
                    previous_year += net;
                }
            }
        }
        let mut late = vec![34 + self.rng.below32(2)];
        late.extend((LATE..34).filter(|_| self.rng.chance(35)).take(2));
        let mut budget = previous_year / 5;
        for (i, &month) in late.iter().enumerate() {
            let cheapest = (0..self.products.len()).map(|p| price(&self.products, p, month)).min().unwrap_or(0);
            let allowance = (budget / (late.len() - i) as i64).max(cheapest);
            // The first (Nov/Dec) invoice always fits: the previous twelve months hold
            // >= 8 invoices, each netting >= 1 unit (a return takes at most half a
            // line), and a fifth of 8 units at -10 % exceeds one unit at +10 %.
            if i == 0 || allowance <= budget {
                budget -= self.small_sale(clients, c, month, allowance);
            }
        }
    }
}

/// Months in `months` with at most two skipped a year: January most often, December
/// (the year-end rush) never.
fn steady_months(rng: &mut Rng, months: std::ops::Range<u32>, per_month: u32) -> Vec<(u32, u32)> {
    let mut skipped = BTreeSet::new();
    for year in 0..3 {
        let skips = rng.weighted(&[35, 40, 25]);
        if skips > 0 && rng.chance(40) {
            skipped.insert(year * 12);
        }
        while skipped.range(year * 12..year * 12 + 12).count() < skips {
            skipped.insert(year * 12 + rng.below32(11));
        }
    }
    months.filter(|m| !skipped.contains(m)).map(|m| (m, jitter(rng, per_month))).collect()
}

/// A regular buyer from `start` to `last`: most months, at least six, and `last`.
fn regular_months(rng: &mut Rng, start: u32, last: u32, per_month: u32) -> Vec<(u32, u32)> {
    let mut active: BTreeSet<u32> = (start..last).filter(|_| rng.chance(85)).collect();
    active.insert(last);
    let mut m = start;
    while active.len() < 6 {
        active.insert(m);
        m += 1;
    }
    active.into_iter().map(|m| (m, jitter(rng, per_month))).collect()
}

/// One invoice more or less than usual now and then, never none.
fn jitter(rng: &mut Rng, n: u32) -> u32 {
    match rng.below(20) {
        0 => n.saturating_sub(1).max(1),
        1 => n + 1,
        _ => n,
    }
}

fn client_names(rng: &mut Rng, n: usize) -> Vec<String> {
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
    let (roots, tails, regions) = (words(ROOTS), words(TAILS), words(REGIONS));
    let (surnames, initials) = (words(SURNAMES), words(INITIALS));
    let phrases: Vec<&str> = PHRASES.split('|').map(str::trim).collect();
    let form_weights: Vec<u64> = FORMS.iter().map(|f| f.1).collect();
    let mut seen = BTreeSet::new();
    let mut names = Vec::with_capacity(n);
    while names.len() < n {
        let name = if rng.chance(22) {
            let surname = rng.pick(&surnames);
            let feminine = if rng.chance(35) { "а" } else { "" };
            format!("ИП {surname}{feminine} {}.{}.", rng.pick(&initials), rng.pick(&initials))
        } else {
            let form = FORMS[rng.weighted(&form_weights)].0;
            let mut brand = if rng.chance(25) {
                rng.pick(&phrases).to_string()
            } else {
                let root = rng.pick(&roots);
                let tail = rng.pick(&tails);
                if root == tail {
                    continue;
                }
                format!("{root}{tail}")
            };
            if rng.chance(25) {
                let region = *rng.pick(&regions);
                brand.push_str(region);
            }
            format!("{form} «{brand}»")
        };
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

pub fn generate(seed: u64) -> Demo {
    let mut rng = Rng::new(seed);
    let total: usize = MIX.iter().map(|m| m.1).sum();
    let names = client_names(&mut rng, total);
    let mut kinds: Vec<Archetype> = MIX.iter().flat_map(|&(kind, n)| std::iter::repeat_n(kind, n)).collect();
    // Shuffled so a type is not a block of neighbouring names or one manager's book.
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let clients: Vec<Client> = kinds
        .iter()
        .map(|&kind| {
            // Pareto(1.3), capped: a few clients dozens of times the median one.
            let size = libm::pow(1.0 - rng.unit(), -1.0 / 1.3).min(120.0);
            let small = matches!(kind, Archetype::OneTime | Archetype::Occasional | Archetype::New);
            let first = rng.below(CATALOG.len() as u64) as usize;
            Client {
                kind,
                manager: rng.weighted(&MANAGER_WEIGHTS),
                size: if small { size * 0.6 } else { size },
                home: [first, (first + 1 + rng.below(CATALOG.len() as u64 - 1) as usize) % CATALOG.len()],
            }
        })
        .collect();
    let products = catalog();
    let mut categories = vec![Vec::new(); CATALOG.len()];
    for (i, p) in products.iter().enumerate() {
        categories[p.category].push(i);
    }
    let mut g = Generator { rng, products, categories, docs: Vec::new() };
    for c in 0..clients.len() {
        g.client(&clients, c);
    }
    // By date, then document: ВК sorts before РН, and each series is numbered in
    // this order, so the numbers grow with the date.
    crate::order::sort_by_key(&mut g.docs, |d| (d.month, d.day, !d.is_return, d.shuffle));
    write(&names, &clients, &g.products, &g.docs)
}

pub fn demo() -> Demo {
    generate(DEMO_SEED)
}

fn write(names: &[String], clients: &[Client], products: &[Product], docs: &[Doc]) -> Demo {
    let mut csv = String::with_capacity(docs.len() * 300);
    csv.push_str("Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма, руб.\n");
    let mut revenue = vec![0i64; clients.len()];
    let mut purchases = vec![0usize; clients.len()];
    let (mut rows, mut returns, mut total) = (0, 0, 0i64);
    let (mut sales_no, mut returns_no) = (0, 0);
    for doc in docs {
        let (y, m) = year_month(doc.month);
        let number = if doc.is_return {
            returns_no += 1;
            format!("ВК-{returns_no:06}")
        } else {
            sales_no += 1;
            purchases[doc.client] += 1;
            format!("РН-{sales_no:06}")
        };
        let prefix = format!(
            "{:02}.{m:02}.{y};{number};{};{};",
            doc.day, names[doc.client], MANAGERS[clients[doc.client].manager]
        );
        for &(product, qty, unit_price) in &doc.lines {
            let sum = qty * unit_price;
            let _ = writeln!(
                csv,
                "{prefix}{};{qty};{};{}",
                products[product].name,
                money(unit_price, ','),
                money(sum, ',')
            );
            revenue[doc.client] += sum;
            total += sum;
            rows += 1;
            returns += usize::from(sum < 0);
        }
    }
    let date = |d: Option<&Doc>| {
        d.map(|d| {
            let (y, m) = year_month(d.month);
            format!("{y}-{m:02}-{:02}", d.day)
        })
        .unwrap_or_default()
    };
    let clients = names
        .iter()
        .zip(clients)
        .enumerate()
        .map(|(i, (name, c))| {
            let truth = ClientTruth {
                archetype: c.kind,
                revenue: money(revenue[i], '.'),
                purchases: purchases[i],
                manager: MANAGERS[c.manager].to_string(),
            };
            (name.clone(), truth)
        })
        .collect();
    let truth = DemoTruth {
        rows,
        total_revenue: money(total, '.'),
        returns,
        first_date: date(docs.first()),
        last_date: date(docs.last()),
        clients,
    };
    Demo { csv, truth }
}

/// Kopecks as rubles with two decimals: 1234560 -> "12345,60".
fn money(kopecks: i64, point: char) -> String {
    let sign = if kopecks < 0 { "-" } else { "" };
    format!("{sign}{}{point}{:02}", kopecks.abs() / 100, kopecks.abs() % 100)
}

#[cfg(test)]
mod tests {
    //! The truths are checked against the CSV read back independently: split on `\n`
    //! and `;`, money parsed into integer kopecks, nothing taken from the generator but
    //! each client's archetype label.

    use super::*;

    const HEADER: &str = "Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма, руб.";

    struct Row<'a> {
        date: NaiveDate,
        doc: &'a str,
        client: &'a str,
        manager: &'a str,
        product: &'a str,
        qty: i64,
        price: i64,
        sum: i64,
    }

    impl Row<'_> {
        /// 0 = January 2023.
        fn month(&self) -> u32 {
            (self.date.year() - 2023) as u32 * 12 + self.date.month0()
        }

        fn is_sale(&self) -> bool {
            self.doc.starts_with("РН-")
        }
    }

    /// "-12345,60" -> -1234560; anything but digits, one comma and two decimals fails.
    fn kopecks(s: &str) -> i64 {
        let (sign, digits) = s.strip_prefix('-').map_or((1, s), |d| (-1, d));
        let (whole, frac) = digits.split_once(',').expect(s);
        let digits_only = whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
        assert!(!whole.is_empty() && frac.len() == 2 && digits_only, "{s}");
        sign * (whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap())
    }

    fn rubles(k: i64) -> String {
        format!("{}{}.{:02}", if k < 0 { "-" } else { "" }, k.abs() / 100, k.abs() % 100)
    }

    fn parse(csv: &str) -> Vec<Row<'_>> {
        let mut lines = csv.strip_suffix('\n').expect("ends with a newline").split('\n');
        assert_eq!(lines.next(), Some(HEADER));
        lines
            .map(|line| {
                let f: Vec<&str> = line.split(';').collect();
                assert_eq!(f.len(), 8, "{line}");
                assert_eq!(f[0].len(), 10, "{line}");
                Row {
                    date: NaiveDate::parse_from_str(f[0], "%d.%m.%Y").expect(line),
                    doc: f[1],
                    client: f[2],
                    manager: f[3],
                    product: f[4],
                    qty: f[5].parse().expect(line),
                    price: kopecks(f[6]),
                    sum: kopecks(f[7]),
                }
            })
            .collect()
    }

    fn by_client<'a, 'r>(rows: &'r [Row<'a>]) -> BTreeMap<&'a str, Vec<&'r Row<'a>>> {
        let mut map: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for r in rows {
            map.entry(r.client).or_default().push(r);
        }
        map
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn truth_matches_an_independent_recount() {
        let d = demo();
        let rows = parse(&d.csv);
        let t = &d.truth;
        assert_eq!(t.rows, rows.len());
        assert_eq!(t.total_revenue, rubles(rows.iter().map(|r| r.sum).sum()));
        assert_eq!(t.returns, rows.iter().filter(|r| r.sum < 0).count());
        assert_eq!(t.first_date, rows.iter().map(|r| r.date).min().unwrap().to_string());
        assert_eq!(t.last_date, rows.iter().map(|r| r.date).max().unwrap().to_string());
        let clients = by_client(&rows);
        assert_eq!(
            clients.keys().copied().collect::<Vec<_>>(),
            t.clients.keys().map(String::as_str).collect::<Vec<_>>()
        );
        for (name, mine) in &clients {
            let truth = &t.clients[*name];
            let sales: BTreeSet<&str> = mine.iter().filter(|r| r.is_sale()).map(|r| r.doc).collect();
            assert_eq!(truth.revenue, rubles(mine.iter().map(|r| r.sum).sum()), "{name}");
            assert_eq!(truth.purchases, sales.len(), "{name}");
            assert!(mine.iter().all(|r| r.manager == truth.manager), "{name} has one manager");
        }
    }

    #[test]
    fn lines_are_well_formed_and_sorted_by_date_then_document() {
        let d = demo();
        assert!((5_000_000..=10_000_000).contains(&d.csv.len()), "{} bytes", d.csv.len());
        let rows = parse(&d.csv);
        assert!((60_000..=120_000).contains(&rows.len()), "{} rows", rows.len());
        let (mut seen, mut numbers) = (BTreeSet::new(), BTreeMap::new());
        let mut doc_lines = 0;
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.sum, r.qty * r.price, "Сумма = Количество x Цена at line {}", i + 2);
            assert!(r.price > 0 && r.qty != 0);
            assert_eq!(r.is_sale(), r.qty > 0, "{}", r.doc);
            assert!((date(2023, 1, 1)..=date(2025, 12, 31)).contains(&r.date));
            assert!(!matches!(r.date.weekday(), Weekday::Sat | Weekday::Sun), "{}", r.date);
            let (series, number) = r.doc.split_at(r.doc.len() - 6);
            assert!(matches!(series, "РН-" | "ВК-") && number.bytes().all(|b| b.is_ascii_digit()), "{}", r.doc);
            let prev = i.checked_sub(1).map(|p| &rows[p]);
            if prev.is_some_and(|p| p.doc == r.doc) {
                let p = prev.unwrap();
                assert!(p.date == r.date && p.client == r.client && p.manager == r.manager, "{}", r.doc);
                doc_lines += 1;
            } else {
                // A new document: its lines are together, and each series counts up by date.
                assert!(seen.insert(r.doc), "{} is split", r.doc);
                let last = numbers.entry(series).or_insert(0);
                *last += 1;
                assert_eq!(number.parse::<u32>().unwrap(), *last, "{}", r.doc);
                if let Some(p) = prev {
                    assert!((p.date, p.doc) < (r.date, r.doc), "{} after {}", r.doc, p.doc);
                    assert!(!p.is_sale() || doc_lines <= 6, "{} has {} lines", p.doc, doc_lines);
                }
                doc_lines = 1;
            }
        }
        let mut prices: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
        for r in &rows {
            let e = prices.entry(r.product).or_insert((i64::MAX, 0));
            *e = (e.0.min(r.price), e.1.max(r.price));
        }
        assert!((50..=70).contains(&prices.len()), "{} products", prices.len());
        for (product, (lo, hi)) in prices {
            // Within ±10 % of a list price: hi / lo <= 1.1 / 0.9.
            assert!(hi * 9 <= lo * 11, "{product}: {lo}..{hi}");
        }
        let managers: BTreeSet<&str> = rows.iter().map(|r| r.manager).collect();
        assert!((6..=10).contains(&managers.len()), "{managers:?}");
    }

    #[test]
    fn client_names_are_unique_clean_and_look_russian() {
        let d = demo();
        let rows = parse(&d.csv);
        let names: BTreeSet<&str> = rows.iter().map(|r| r.client).collect();
        assert_eq!(names.len(), 2000);
        for name in names {
            assert!(!name.contains([';', '"', '\n', '\r']) && name.trim() == name, "{name}");
            let form = ["ООО «", "ООО ТД «", "ООО СК «", "ООО ПКФ «", "АО «", "ЗАО «", "ПАО «", "ИП "];
            assert!(form.iter().any(|f| name.starts_with(f)), "{name}");
            assert!(name.starts_with("ИП ") || name.ends_with('»'), "{name}");
        }
    }

    #[test]
    fn returns_are_about_one_percent_and_follow_a_purchase() {
        let d = demo();
        let rows = parse(&d.csv);
        let returns: Vec<&Row> = rows.iter().filter(|r| !r.is_sale()).collect();
        let share = returns.len() as f64 / rows.len() as f64;
        assert!((0.005..=0.02).contains(&share), "{share}");
        let clients = by_client(&rows);
        for ret in returns {
            let bought = clients[ret.client].iter().any(|r| {
                r.is_sale()
                    && r.date < ret.date
                    && r.product == ret.product
                    && r.qty >= -ret.qty
                    && r.price == ret.price
            });
            assert!(bought, "{} returns what {} did not buy before", ret.doc, ret.client);
        }
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(7);
        assert_eq!(a.csv, generate(7).csv);
        assert_eq!(a.truth, generate(7).truth);
        assert_ne!(a.csv, generate(6).csv, "neighbouring seeds differ");
        assert_ne!(a.csv, demo().csv);
    }

    /// Each client of each type shows that type in its lines, for several seeds.
    #[test]
    fn every_client_fits_its_archetype() {
        for seed in [DEMO_SEED, 1, 2, 3] {
            let d = generate(seed);
            let rows = parse(&d.csv);
            for (name, mine) in by_client(&rows) {
                let kind = d.truth.clients[name].archetype;
                check_archetype(kind, &mine).unwrap_or_else(|e| panic!("seed {seed}: {name} ({kind:?}): {e}"));
            }
        }
    }

    fn check_archetype(kind: Archetype, rows: &[&Row]) -> Result<(), String> {
        let mut revenue = [0i64; 36];
        let mut invoices: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
        for r in rows {
            revenue[r.month() as usize] += r.sum;
            if r.is_sale() {
                invoices.entry(r.month()).or_default().insert(r.doc);
            }
        }
        let count = |months: std::ops::Range<u32>| invoices.range(months).map(|(_, d)| d.len()).sum::<usize>();
        let active = |months: std::ops::Range<u32>| invoices.range(months).count();
        let sale_months: Vec<u32> = invoices.keys().copied().collect();
        let first_line = rows.iter().map(|r| r.date).min().unwrap();
        let last_line = rows.iter().map(|r| r.date).max().unwrap();
        let ok = |cond: bool, what: &str| if cond { Ok(()) } else { Err(what.to_string()) };
        match kind {
            Archetype::Steady => {
                ok((0..3).all(|y| active(y * 12..y * 12 + 12) >= 10), "fewer than 10 active months in a year")
            }
            Archetype::Seasonal => {
                for y in 0..3 {
                    let season = count(y * 12 + 3..y * 12 + 10);
                    ok(active(y * 12 + 3..y * 12 + 10) >= 3, "fewer than 3 season months in a year")?;
                    ok(season * 4 >= count(y * 12..y * 12 + 12) * 3, "less than 3/4 of invoices in Apr-Oct")?;
                }
                Ok(())
            }
            Archetype::Occasional => {
                ok(sale_months[0] <= 3 && *sale_months.last().unwrap() >= 32, "starts late or stops early")?;
                ok(sale_months.windows(2).all(|w| (2..=4).contains(&(w[1] - w[0]))), "a gap outside 2-4 months")
            }
            Archetype::Decliner => {
                ok(active(0..12) >= 10 && active(12..24) >= 10, "was not steady")?;
                let previous: i64 = revenue[18..30].iter().sum();
                let late: i64 = revenue[30..36].iter().sum();
                // Monthly average over Jul-Dec 2025 at most half that of the 12 months before.
                ok(late * 12 <= previous * 6 / 2, &format!("late {late} vs previous {previous}"))?;
                ok(count(30..36) * 12 < count(18..30) * 6, "orders no less often")?;
                ok(active(34..36) >= 1, "did not buy in Nov or Dec 2025")
            }
            Archetype::Churner => {
                ok(last_line <= date(2025, 8, 31), "a line after 2025-08-31")?;
                ok(sale_months.len() >= 6, "fewer than 6 active months")?;
                ok((17..=31).contains(sale_months.last().unwrap()), "last purchase outside 2024-06 .. 2025-08")
            }
            Archetype::Returnee => {
                ok(count(33..36) >= 2, "fewer than 2 invoices in Oct-Dec 2025")?;
                let before: Vec<u32> = sale_months.iter().copied().filter(|&m| m < 33).collect();
                ok(before.len() >= 6, "not a regular buyer before")?;
                let silent_from = before.last().unwrap() + 1;
                ok(revenue[silent_from as usize..33].iter().all(|&r| r == 0), "lines in the gap")?;
                ok(33 - silent_from >= 6, "silent for less than 6 months")
            }
            Archetype::OneTime => {
                ok(count(0..36) == 1 && last_line < date(2025, 9, 1), "not one invoice before 2025-09")
            }
            Archetype::New => {
                ok(first_line >= date(2025, 10, 1) && (1..=3).contains(&count(0..36)), "not 1-3 invoices from Oct 2025")
            }
        }
    }

    #[test]
    fn archetype_shares_are_as_stated() {
        let d = demo();
        let mut counts: BTreeMap<Archetype, usize> = BTreeMap::new();
        for t in d.truth.clients.values() {
            *counts.entry(t.archetype).or_default() += 1;
        }
        assert_eq!(d.truth.clients.len(), 2000);
        // Stated shares in percent; they sum to 90, so each is scaled to the whole.
        let stated = [
            (Archetype::Steady, 25.0),
            (Archetype::Seasonal, 10.0),
            (Archetype::Occasional, 15.0),
            (Archetype::Decliner, 8.0),
            (Archetype::Churner, 10.0),
            (Archetype::Returnee, 4.0),
            (Archetype::OneTime, 12.0),
            (Archetype::New, 6.0),
        ];
        for (kind, share) in stated {
            let actual = counts[&kind] as f64 / 20.0;
            assert!((actual - share / 0.9).abs() < 0.5, "{kind:?}: {actual} % of clients");
        }
    }

    /// Clients holding the first 80 % of revenue, as a share of clients with revenue.
    fn abc_a_share(revenue: impl Iterator<Item = i64>) -> f64 {
        let mut values: Vec<i64> = revenue.filter(|&v| v > 0).collect();
        values.sort_unstable_by(|a, b| b.cmp(a));
        let total: i64 = values.iter().sum();
        let (mut before, mut a) = (0, 0);
        for v in &values {
            if before * 10 < total * 8 {
                a += 1;
            }
            before += v;
        }
        a as f64 / values.len() as f64
    }

    #[test]
    fn seasonality_and_size_look_like_a_wholesaler() {
        let d = demo();
        let rows = parse(&d.csv);
        let mut by_month = [0i64; 36];
        for r in &rows {
            by_month[r.month() as usize] += r.sum;
        }
        for y in 0..3 {
            let m = &by_month[y * 12..y * 12 + 12];
            assert!(m[1..].iter().all(|&v| v > m[0]), "year {y}: January is the dip: {m:?}");
            let mean = m.iter().sum::<i64>() / 12;
            assert!(m[11] > m[10] && m[11] > m[9] && m[11] > mean, "year {y}: a December peak: {m:?}");
            assert!(m[4] + m[5] + m[6] > (m[0] + m[1] + m[2]) * 3 / 2, "year {y}: the building season: {m:?}");
        }
        let clients = by_client(&rows);
        let all_time = abc_a_share(clients.values().map(|rs| rs.iter().map(|r| r.sum).sum()));
        assert!((0.15..=0.25).contains(&all_time), "A holds {all_time} of clients");
        let year = clients.values().map(|rs| rs.iter().filter(|r| r.date.year() == 2025).map(|r| r.sum).sum());
        let last_year = abc_a_share(year);
        assert!((0.12..=0.28).contains(&last_year), "A holds {last_year} of clients active in 2025");
    }
}
