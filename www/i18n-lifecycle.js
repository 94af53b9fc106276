// Texts of the client lifecycle (one status per client, crate/src/lifecycle.rs) and
// of the lines that say how other counts of leaving clients differ from it, in
// Russian, Ukrainian and English. Merged into TEXTS by i18n.js.

export const LIFECYCLE_TEXTS = {
  ru: {
    lifecycle: {
      new: 'новые', returned: 'вернулись', active: 'активные', watch: 'присмотреться', leaving: 'уходят',
      gone_recent: 'ушли за 12 месяцев', gone_before: 'ушли раньше', no_purchase: 'без покупок',
    },
    lifecycleLine: 'На {date} у каждого клиента один статус: {list}.',
    lifecycleAll: 'Все статусы',
    colLifecycle: 'Статус',
    lifecycleNote: {
      leakage_leaked: 'Утечка считает других клиентов: {n} покупали в предыдущие 12 месяцев и ничего не купили в последние 12. Их статусы: {by}.',
      transitions_gone_previous: '«Выпали из окна» ({n}) покупали в окне, которое кончается первой датой, и не покупали в окне, которое кончается второй. Их статусы: {by}.',
      transitions_gone_year_ago: '«Выпали из окна» ({n}) покупали в окне, которое кончается первой датой, и не покупали в окне, которое кончается второй. Их статусы: {by}.',
      pool_lost: 'Пул считает уход в периоде, когда клиент превысил свой порог D, и каждый раз: {n} уходов за {periods} периодов, включая тех, кто потом вернулся. Статусы выше — по одному на клиента на дату анализа.',
      overdue_model_expects: '«Скорее всего ушёл» — это просрочка от ×{ratio} и P(жив) ниже {p} по модели BG/NBD. Если модель ещё ждёт покупки, пишем «просрочка, но модель ещё ждёт покупки»: так у {n} клиентов, из них {listed} в этом списке.',
    },
  },
  uk: {
    lifecycle: {
      new: 'нові', returned: 'повернулися', active: 'активні', watch: 'придивитися', leaving: 'йдуть',
      gone_recent: 'пішли за 12 місяців', gone_before: 'пішли раніше', no_purchase: 'без покупок',
    },
    lifecycleLine: 'На {date} кожен клієнт має один статус: {list}.',
    lifecycleAll: 'Усі статуси',
    colLifecycle: 'Статус',
    lifecycleNote: {
      leakage_leaked: 'Витік рахує інших клієнтів: {n} купували в попередні 12 місяців і нічого не купили в останні 12. Їхні статуси: {by}.',
      transitions_gone_previous: '«Випали з вікна» ({n}) купували у вікні, що закінчується першою датою, і не купували у вікні, що закінчується другою. Їхні статуси: {by}.',
      transitions_gone_year_ago: '«Випали з вікна» ({n}) купували у вікні, що закінчується першою датою, і не купували у вікні, що закінчується другою. Їхні статуси: {by}.',
      pool_lost: 'Пул рахує відхід у періоді, коли клієнт перетнув свій поріг D, і щоразу: {n} відходів за {periods} періодів, разом із тими, хто потім повернувся. Статуси вище — по одному на клієнта на дату аналізу.',
      overdue_model_expects: '«Найімовірніше пішов» — це прострочення від ×{ratio} і P(активний) нижче {p} за моделлю BG/NBD. Якщо модель ще чекає покупки, пишемо «прострочення, але модель ще чекає покупки»: так у {n} клієнтів, з них {listed} у цьому списку.',
    },
  },
  en: {
    lifecycle: {
      new: 'new', returned: 'returned', active: 'active', watch: 'watch', leaving: 'leaving',
      gone_recent: 'gone in the last 12 months', gone_before: 'gone before that', no_purchase: 'no purchase',
    },
    lifecycleLine: 'On {date} each client has one status: {list}.',
    lifecycleAll: 'All statuses',
    colLifecycle: 'Status',
    lifecycleNote: {
      leakage_leaked: 'Leakage counts other clients: {n} bought in the previous 12 months and nothing in the last 12. Their statuses: {by}.',
      transitions_gone_previous: '"Left the window" ({n}) bought in the window ending on the first date and not in the one ending on the second. Their statuses: {by}.',
      transitions_gone_year_ago: '"Left the window" ({n}) bought in the window ending on the first date and not in the one ending on the second. Their statuses: {by}.',
      pool_lost: 'The pool counts a loss in the period a client passed its D threshold, every time: {n} losses in {periods} periods, clients who came back later included. The statuses above are one per client on the analysis date.',
      overdue_model_expects: '"Likely lost" means overdue ×{ratio} or more and a BG/NBD P(alive) below {p}. Where the model still expects a purchase it says "overdue, the model still expects a purchase": {n} clients, {listed} of them on this list.',
    },
  },
};
