//! What to do about each segment, in Russian, Ukrainian and English.
//!
//! The methods come from the source articles (seeds 000-004: the monthly ABC-XYZ
//! review, ABCDX with win-back and "change the terms or part ways", the pool that
//! must not leak, loyalty x profitability); the wording is ours. The texts travel
//! inside the Report so the page and the CLI show the same advice.

use serde::Serialize;

/// One text in the three languages of the product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Text {
    pub ru: String,
    pub uk: String,
    pub en: String,
}

pub type T3 = (&'static str, &'static str, &'static str);

pub fn text(t: T3) -> Text {
    Text { ru: t.0.to_string(), uk: t.1.to_string(), en: t.2.to_string() }
}

/// A segment's name, the goal of working with it and the first actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Playbook {
    pub title: Text,
    pub goal: Text,
    pub actions: Vec<Text>,
}

struct Entry {
    title: T3,
    goal: T3,
    actions: &'static [T3],
}

fn build(e: &Entry) -> Playbook {
    Playbook { title: text(e.title), goal: text(e.goal), actions: e.actions.iter().copied().map(text).collect() }
}

/// ABC-XYZ matrix cells, row by row: AX AY AZ BX BY BZ CX CY CZ.
const MATRIX: [Entry; 9] = [
    Entry {
        title: ("Ядро: крупные и регулярные", "Ядро: великі й регулярні", "Core: large and regular"),
        goal: (
            "Удержать и углубить сотрудничество: эти клиенты держат план.",
            "Утримати й поглибити співпрацю: ці клієнти тримають план.",
            "Keep them and deepen the relationship: these clients carry the plan.",
        ),
        actions: &[
            (
                "Закрепите за каждым ответственного менеджера и план работы на год.",
                "Закріпіть за кожним відповідального менеджера й план роботи на рік.",
                "Give each one a named account manager and a yearly account plan.",
            ),
            (
                "Встречайтесь с лицами, принимающими решения, а не только с закупщиком.",
                "Зустрічайтеся з тими, хто ухвалює рішення, а не лише із закупівельником.",
                "Meet the decision makers, not only the buyer.",
            ),
            (
                "Каждый месяц сверяйте объём, частоту и средний чек: падение любого — сигнал позвонить.",
                "Щомісяця звіряйте обсяг, частоту й середній чек: падіння будь-якого — привід зателефонувати.",
                "Check volume, frequency and average order every month: a drop in any is a reason to call.",
            ),
            (
                "Предложите то, что они покупают у других: весь ассортимент, приоритетный сервис.",
                "Запропонуйте те, що вони купують в інших: увесь асортимент, пріоритетний сервіс.",
                "Offer what they buy elsewhere: the full range and priority service.",
            ),
        ],
    },
    Entry {
        title: ("Крупные с перерывами", "Великі з перервами", "Large, with gaps"),
        goal: (
            "Сделать закупки регулярными, не потеряв объём.",
            "Зробити закупівлі регулярними, не втративши обсяг.",
            "Make their buying regular without losing volume.",
        ),
        actions: &[
            (
                "Узнайте их цикл закупок и звоните до того, как он наступит.",
                "Дізнайтеся їхній цикл закупівель і телефонуйте до того, як він настане.",
                "Learn their buying cycle and call before it comes round.",
            ),
            (
                "Предложите договор поставки или график отгрузок.",
                "Запропонуйте договір постачання або графік відвантажень.",
                "Propose a supply agreement or a delivery schedule.",
            ),
            (
                "Выясните, у кого они покупают в паузах, и чего им не хватает у вас.",
                "З'ясуйте, у кого вони купують у паузах і чого їм бракує у вас.",
                "Find out whom they buy from in the gaps and what they miss with you.",
            ),
        ],
    },
    Entry {
        title: ("Крупные разовые", "Великі разові", "Large, one-off"),
        goal: (
            "Понять, была ли это разовая сделка, и превратить объём в отношения.",
            "Зрозуміти, чи це була разова угода, і перетворити обсяг на стосунки.",
            "Find out whether it was a one-off deal and turn the volume into a relationship.",
        ),
        actions: &[
            (
                "Спросите клиента о его планах: будет ли следующий проект и когда.",
                "Запитайте клієнта про його плани: чи буде наступний проєкт і коли.",
                "Ask about their plans: will there be a next project, and when.",
            ),
            (
                "Назначьте встречу с руководителем клиента и предложите рамочный договор.",
                "Призначте зустріч із керівником клієнта й запропонуйте рамковий договір.",
                "Meet the client's senior people and propose a framework agreement.",
            ),
            (
                "Не тратьте на них внимание клиентов AX, пока регулярности нет.",
                "Не витрачайте на них увагу клієнтів AX, поки немає регулярності.",
                "Do not take attention from AX clients until they buy regularly.",
            ),
        ],
    },
    Entry {
        title: ("Средние и регулярные", "Середні й регулярні", "Mid-size and regular"),
        goal: (
            "Вырастить чек и перевести в группу A.",
            "Збільшити чек і перевести до групи A.",
            "Grow the order size and move them up to A.",
        ),
        actions: &[
            (
                "Оцените потенциал: сколько клиент мог бы покупать у вас.",
                "Оцініть потенціал: скільки клієнт міг би купувати у вас.",
                "Estimate the potential: how much the client could buy from you.",
            ),
            (
                "Предлагайте смежные и более дорогие позиции из их задач.",
                "Пропонуйте суміжні та дорожчі позиції під їхні задачі.",
                "Offer related and premium items that fit their tasks.",
            ),
            (
                "Дайте условия за рост объёма: бонус, отсрочку, доставку.",
                "Дайте умови за зростання обсягу: бонус, відстрочку, доставку.",
                "Reward growth in volume: a bonus, payment terms, delivery.",
            ),
        ],
    },
    Entry {
        title: ("Средние с перерывами", "Середні з перервами", "Mid-size, with gaps"),
        goal: (
            "Сделать покупки чаще и ровнее.",
            "Зробити покупки частішими й рівнішими.",
            "Make purchases more frequent and even.",
        ),
        actions: &[
            (
                "Напоминайте о повторной покупке к сроку, в удобном клиенту канале.",
                "Нагадуйте про повторну покупку вчасно, у зручному клієнтові каналі.",
                "Remind them of the next purchase on time, through their preferred channel.",
            ),
            (
                "Предложите программу лояльности с бонусом за каждую повторную покупку.",
                "Запропонуйте програму лояльності з бонусом за кожну повторну покупку.",
                "Offer a loyalty programme with a bonus for every repeat purchase.",
            ),
            (
                "Стройте предложения по истории их покупок, а не общей рассылкой.",
                "Будуйте пропозиції за історією їхніх покупок, а не загальною розсилкою.",
                "Build offers from their purchase history, not from a general mailing.",
            ),
        ],
    },
    Entry {
        title: ("Средние эпизодические", "Середні епізодичні", "Mid-size, occasional"),
        goal: (
            "Понять спрос и держать контакт недорого.",
            "Зрозуміти попит і тримати контакт недорого.",
            "Understand their demand and keep in touch at low cost.",
        ),
        actions: &[
            (
                "Спросите, как они решают задачу между покупками и с кем.",
                "Запитайте, як вони розв'язують задачу між покупками і з ким.",
                "Ask how they solve the task between purchases, and with whom.",
            ),
            (
                "Привязывайте предложения к их проектам и сезонам.",
                "Прив'язуйте пропозиції до їхніх проєктів і сезонів.",
                "Tie offers to their projects and seasons.",
            ),
            (
                "Автоматизируйте напоминания, личное время менеджера — по запросу.",
                "Автоматизуйте нагадування, особистий час менеджера — на запит.",
                "Automate reminders; give manager time on request.",
            ),
        ],
    },
    Entry {
        title: ("Мелкие и регулярные", "Дрібні й регулярні", "Small and regular"),
        goal: (
            "Обслуживать эффективно и поднимать средний чек.",
            "Обслуговувати ефективно й підвищувати середній чек.",
            "Serve them efficiently and raise the average order.",
        ),
        actions: &[
            (
                "Стандартные условия и удобный самостоятельный заказ.",
                "Стандартні умови та зручне самостійне замовлення.",
                "Standard terms and easy self-service ordering.",
            ),
            (
                "Наборы и минимальная сумма заказа для бесплатной доставки.",
                "Набори та мінімальна сума замовлення для безкоштовної доставки.",
                "Bundles and a minimum order for free delivery.",
            ),
            (
                "Следите за ростом: регулярный мелкий клиент может стать средним.",
                "Стежте за зростанням: регулярний дрібний клієнт може стати середнім.",
                "Watch for growth: a regular small client can become a mid-size one.",
            ),
        ],
    },
    Entry {
        title: ("Мелкие с перерывами", "Дрібні з перервами", "Small, with gaps"),
        goal: (
            "Поддерживать контакт с минимальными затратами.",
            "Підтримувати контакт із мінімальними витратами.",
            "Keep in touch at minimal cost.",
        ),
        actions: &[
            (
                "Массовые рассылки и акции в канале, который выбрал клиент.",
                "Масові розсилки та акції в каналі, який обрав клієнт.",
                "Mass mailings and promotions through the channel the client chose.",
            ),
            (
                "Проверьте потенциал: крупная компания может покупать у вас мало.",
                "Перевірте потенціал: велика компанія може купувати у вас мало.",
                "Check the potential: a large company may buy little from you.",
            ),
        ],
    },
    Entry {
        title: ("Мелкие и редкие", "Дрібні й рідкісні", "Small and rare"),
        goal: (
            "Минимум ручных усилий; найти тех, у кого есть скрытый потенциал.",
            "Мінімум ручних зусиль; знайти тих, хто має прихований потенціал.",
            "Minimal manual effort; find the few with hidden potential.",
        ),
        actions: &[
            ("Только автоматические коммуникации.", "Лише автоматичні комунікації.", "Automated communication only."),
            (
                "Не давайте больших скидок: такая покупка не окупит обслуживание.",
                "Не давайте великих знижок: така покупка не окупить обслуговування.",
                "Avoid deep discounts: such a purchase will not pay for the service.",
            ),
            (
                "Если обслуживание дорого, пересмотрите условия: минимальный заказ, предоплата.",
                "Якщо обслуговування дороге, перегляньте умови: мінімальне замовлення, передоплата.",
                "If serving them is costly, change the terms: a minimum order, prepayment.",
            ),
        ],
    },
];

pub fn matrix_cell(index: usize) -> Playbook {
    build(&MATRIX[index.min(MATRIX.len() - 1)])
}

/// ABCDX groups: A, B, C, AD, BD, CD, X.
const ABCDX: [Entry; 7] = [
    Entry {
        title: ("A: самые крупные", "A: найбільші", "A: the largest"),
        goal: (
            "Удержать: их мало, но они дают основную выручку.",
            "Утримати: їх мало, але вони дають основний виторг.",
            "Keep them: few, but they bring most of the revenue.",
        ),
        actions: &[
            (
                "Личный менеджер, стратегия работы с каждым, встречи с руководством клиента.",
                "Особистий менеджер, стратегія роботи з кожним, зустрічі з керівництвом клієнта.",
                "A personal manager, a strategy for each, meetings with the client's management.",
            ),
            (
                "Не зависьте от одного: параллельно растите группу B.",
                "Не залежте від одного: паралельно вирощуйте групу B.",
                "Do not depend on one of them: grow group B at the same time.",
            ),
        ],
    },
    Entry {
        title: ("B: средний сегмент", "B: середній сегмент", "B: the middle"),
        goal: (
            "Развивать: это самая многочисленная группа и резерв для A.",
            "Розвивати: це найчисленніша група й резерв для A.",
            "Develop them: the largest group and the reserve for A.",
        ),
        actions: &[
            (
                "Выясните потребности, которые клиент ещё не закрывает у вас.",
                "З'ясуйте потреби, які клієнт ще не закриває у вас.",
                "Find the needs the client does not yet cover with you.",
            ),
            (
                "План развития: расширение ассортимента и объёма отгрузок.",
                "План розвитку: розширення асортименту й обсягу відвантажень.",
                "A development plan: a wider range and larger shipments.",
            ),
        ],
    },
    Entry {
        title: ("C: небольшие", "C: невеликі", "C: small"),
        goal: ("Обслуживать ровно и недорого.", "Обслуговувати рівно й недорого.", "Serve them evenly and cheaply."),
        actions: &[
            (
                "Стандартные условия и автоматические напоминания.",
                "Стандартні умови й автоматичні нагадування.",
                "Standard terms and automated reminders.",
            ),
            (
                "Сравните с потенциалом: кому нужен план развития.",
                "Порівняйте з потенціалом: кому потрібен план розвитку.",
                "Compare with the potential: who needs a development plan.",
            ),
        ],
    },
    Entry {
        title: ("AD: крупный перестал покупать", "AD: великий перестав купувати", "AD: a large client stopped buying"),
        goal: (
            "Вернуть любой ценой разумных усилий: это большая потеря.",
            "Повернути будь-якою ціною розумних зусиль: це велика втрата.",
            "Win them back with every reasonable effort: this is a big loss.",
        ),
        actions: &[
            (
                "Руководитель встречается с лицом, принявшим решение, лучше вне офиса.",
                "Керівник зустрічається з тим, хто ухвалив рішення, краще поза офісом.",
                "A senior person meets the one who decided, preferably outside the office.",
            ),
            (
                "Спрашивайте, что побудило уйти и что нужно изменить, а не «почему».",
                "Питайте, що спонукало піти і що треба змінити, а не «чому».",
                "Ask what led them to leave and what must change, rather than \"why\".",
            ),
            (
                "Готовьте план возврата по услышанному; предложите то, что ценно клиенту и недорого вам.",
                "Готуйте план повернення за почутим; запропонуйте те, що цінне клієнтові й недороге вам.",
                "Build a win-back plan on what you heard; offer what is valuable to them and cheap for you.",
            ),
        ],
    },
    Entry {
        title: (
            "BD: средний перестал покупать",
            "BD: середній перестав купувати",
            "BD: a mid-size client stopped buying",
        ),
        goal: ("Вернуть вслед за AD.", "Повернути слідом за AD.", "Win them back, right after AD."),
        actions: &[
            (
                "Звонок менеджера: узнать причину и условия возврата.",
                "Дзвінок менеджера: дізнатися причину й умови повернення.",
                "A manager's call: learn the reason and the terms for coming back.",
            ),
            (
                "Персональное предложение по истории покупок.",
                "Персональна пропозиція за історією покупок.",
                "A personal offer based on their purchase history.",
            ),
        ],
    },
    Entry {
        title: ("CD: мелкий перестал покупать", "CD: дрібний перестав купувати", "CD: a small client stopped buying"),
        goal: ("Вернуть, если это недорого.", "Повернути, якщо це недорого.", "Win back only if it is cheap."),
        actions: &[
            (
                "Автоматическое письмо или сообщение с поводом вернуться.",
                "Автоматичний лист або повідомлення з приводом повернутися.",
                "An automated message with a reason to come back.",
            ),
            (
                "Короткий опрос: почему перестали покупать.",
                "Коротке опитування: чому перестали купувати.",
                "A short survey: why they stopped buying.",
            ),
        ],
    },
    Entry {
        title: (
            "X: обслуживание дороже пользы",
            "X: обслуговування дорожче за користь",
            "X: costs more to serve than it earns",
        ),
        goal: (
            "Изменить условия или расстаться: группа даёт оборот, а не прибыль.",
            "Змінити умови або розійтися: група дає обіг, а не прибуток.",
            "Change the terms or part ways: the group brings turnover, not profit.",
        ),
        actions: &[
            (
                "Посчитайте, во что обходится клиент: скидки, доставка, часы менеджеров.",
                "Порахуйте, у що обходиться клієнт: знижки, доставка, години менеджерів.",
                "Count what the client costs: discounts, delivery, managers' hours.",
            ),
            (
                "Предложите новые условия: цена, минимальный заказ, предоплата, самовывоз.",
                "Запропонуйте нові умови: ціна, мінімальне замовлення, передоплата, самовивіз.",
                "Offer new terms: price, a minimum order, prepayment, pick-up.",
            ),
            (
                "Если условия не приняты, завершите отношения вежливо.",
                "Якщо умови не прийнято, завершіть стосунки ввічливо.",
                "If the terms are refused, end the relationship politely.",
            ),
        ],
    },
];

pub fn abcdx_group(index: usize) -> Playbook {
    build(&ABCDX[index.min(ABCDX.len() - 1)])
}

const POTENTIAL: Entry = Entry {
    title: ("Потенциал выше факта", "Потенціал вищий за факт", "Potential above fact"),
    goal: (
        "Довести покупки до потенциала клиента.",
        "Довести покупки до потенціалу клієнта.",
        "Bring purchases up to the client's potential.",
    ),
    actions: &[
        (
            "Выясните задачи клиента и что он покупает у других.",
            "З'ясуйте задачі клієнта і що він купує в інших.",
            "Learn the client's tasks and what it buys elsewhere.",
        ),
        (
            "Составьте план развития: ассортимент, объём, сроки, ответственный.",
            "Складіть план розвитку: асортимент, обсяг, терміни, відповідальний.",
            "Write a development plan: range, volume, dates, an owner.",
        ),
    ],
};

pub fn potential_gap() -> Playbook {
    build(&POTENTIAL)
}

/// Loyalty x profitability quadrants I..IV.
const QUADRANTS: [Entry; 4] = [
    Entry {
        title: (
            "I: низкая лояльность, низкая прибыль",
            "I: низька лояльність, низький прибуток",
            "I: low loyalty, low profit",
        ),
        goal: (
            "Расширять входящий поток: отсюда вырастают будущие лояльные клиенты.",
            "Розширювати вхідний потік: звідси виростають майбутні лояльні клієнти.",
            "Widen the inflow: future loyal clients grow from here.",
        ),
        actions: &[
            (
                "Ровный, предсказуемо хороший сервис без лишних затрат.",
                "Рівний, передбачувано добрий сервіс без зайвих витрат.",
                "Even, reliably good service without extra cost.",
            ),
            ("Массовое информирование и акции.", "Масове інформування та акції.", "Mass communication and promotions."),
            (
                "При затяжных конфликтах отношения можно прекратить и перераспределить ресурсы.",
                "У разі затяжних конфліктів стосунки можна припинити й перерозподілити ресурси.",
                "In lasting conflicts, ending the relationship and moving the effort elsewhere is an option.",
            ),
        ],
    },
    Entry {
        title: ("II: лояльные, но малоприбыльные", "II: лояльні, але малоприбуткові", "II: loyal, low profit"),
        goal: (
            "Золотой резерв: поднять частоту и чек, получать рекомендации.",
            "Золотий резерв: підняти частоту й чек, отримувати рекомендації.",
            "The golden reserve: raise frequency and order size, earn referrals.",
        ),
        actions: &[
            (
                "Давайте регулярные поводы вернуться и недорогие повторные покупки.",
                "Давайте регулярні приводи повернутися й недорогі повторні покупки.",
                "Give regular reasons to come back and inexpensive repeat purchases.",
            ),
            (
                "Просите рекомендации и поощряйте приведённых клиентов.",
                "Просіть рекомендації та заохочуйте приведених клієнтів.",
                "Ask for referrals and reward the clients they bring.",
            ),
        ],
    },
    Entry {
        title: ("III: лояльные и прибыльные", "III: лояльні й прибуткові", "III: loyal and profitable"),
        goal: (
            "Удержать и строить партнёрство, выгодное обеим сторонам.",
            "Утримати й будувати партнерство, вигідне обом сторонам.",
            "Keep them and build a partnership that pays both sides.",
        ),
        actions: &[
            (
                "Лучший сервис и качество; при нехватке ресурсов — этим клиентам в первую очередь.",
                "Найкращий сервіс і якість; коли ресурсів бракує — цим клієнтам насамперед.",
                "The best service and quality; when resources are short, serve them first.",
            ),
            (
                "Изучайте их задачи заранее и предлагайте решения до запроса.",
                "Вивчайте їхні задачі заздалегідь і пропонуйте рішення до запиту.",
                "Study their tasks ahead and offer solutions before they ask.",
            ),
            (
                "Программа лояльности и приятные сюрпризы.",
                "Програма лояльності та приємні сюрпризи.",
                "A loyalty programme and pleasant surprises.",
            ),
        ],
    },
    Entry {
        title: ("IV: прибыльные, но не лояльные", "IV: прибуткові, але не лояльні", "IV: profitable, not loyal"),
        goal: (
            "Понять, что им дают конкуренты, и сделать покупки регулярными.",
            "Зрозуміти, що їм дають конкуренти, і зробити покупки регулярними.",
            "Learn what competitors give them and make their buying regular.",
        ),
        actions: &[
            (
                "Соберите обратную связь: чего не хватает у вас.",
                "Зберіть зворотний зв'язок: чого бракує у вас.",
                "Collect feedback: what is missing with you.",
            ),
            (
                "Изучите предложения конкурентов и исправьте слабые места.",
                "Вивчіть пропозиції конкурентів і виправте слабкі місця.",
                "Study competitors' offers and fix your weak points.",
            ),
            (
                "Сообщите о лучших для них условиях и стимулируйте регулярные покупки.",
                "Повідомте про кращі для них умови та стимулюйте регулярні покупки.",
                "Tell them about better terms and encourage regular purchases.",
            ),
        ],
    },
];

pub fn quadrant(index: usize) -> Playbook {
    build(&QUADRANTS[index.min(QUADRANTS.len() - 1)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_three_languages() {
        let all: Vec<Playbook> = (0..9)
            .map(matrix_cell)
            .chain((0..7).map(abcdx_group))
            .chain((0..4).map(quadrant))
            .chain([potential_gap()])
            .collect();
        for p in &all {
            let texts = [&p.title, &p.goal].into_iter().chain(&p.actions);
            for t in texts {
                assert!(!t.ru.is_empty() && !t.uk.is_empty() && !t.en.is_empty());
                assert_ne!(t.ru, t.uk, "{}", t.en);
                assert!(t.en.is_ascii(), "{}", t.en);
            }
            assert!(p.actions.len() >= 2, "{}", p.title.en);
        }
        assert!(matrix_cell(0).title.en.starts_with("Core"));
        assert!(quadrant(1).goal.en.contains("golden reserve"));
    }
}
