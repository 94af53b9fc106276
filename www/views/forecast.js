// How reliable is the forecast: the holdout check's verdict in a sentence (which
// model predicted how many purchases for the held-out weeks and how many happened),
// the forecast's totals each beside its 80 % range, the tracking and calibration
// charts the core draws, and, folded under "how this is computed", the method and
// the parameters with their standard errors. The verdict itself (plan, rough, do not
// plan) and the choice of model are the core's; this view only words them, with the
// keys the CLI and the HTML report use (crate/src/btyd/holdout.rs `sentences`).
import { moneyWhole as whole, int, pct as share } from '../format.js';
import { el, fact, howFold } from './dom.js';

const num = (x, lang, digits = 0) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x).replace('-', '−');

/** The check in words: the verdict, why this model, the naive forecast's error. */
export function verdictSentences(b, lang, tr) {
  const h = b.holdout;
  const name = (m) => tr(`model.${m}`);
  const m = h.models.find((x) => x.model === h.chosen && x.mae != null);
  if (!m || h.naive_mae == null) return [tr('holdout.none')];
  const out = [tr(`holdoutVerdict.${m.verdict ?? 'rough'}`, {
    model: name(m.model), predicted: int(Math.max(0, Math.round(m.predicted)), lang),
    weeks: num(h.weeks, lang), actual: int(h.actual, lang), off: share(m.off ?? 0, lang),
  })];
  const other = h.models.find((x) => x.model !== m.model && x.mae != null);
  out.push(h.choice === 'lower_holdout_error' && other
    ? tr('holdoutChoice.lower_holdout_error', { model: name(m.model), mae: num(m.mae, lang, 2), other: num(other.mae, lang, 2), otherModel: name(other.model) })
    : tr(`holdoutChoice.${h.choice}`, { model: name(m.model) }));
  out.push(tr('holdout.naive', { naive: num(h.naive_mae, lang, 2) }));
  return out;
}

export function forecastSection(r, lang, tr) {
  const b = r.btyd;
  if (b.status !== 'fitted') return null;
  const g = b.ranges;
  const [verdict, choice, naive] = verdictSentences(b, lang, tr);
  const weeks = num(b.horizon_weeks, lang);
  const range = (lo, hi) => el('span', { class: 'range muted' }, ' ', tr('forecast.range', { low: lo, high: hi }));
  const figures = [];
  if (b.expected_purchases != null) {
    figures.push(fact(tr('forecast.purchases', { weeks }), [num(b.expected_purchases, lang),
      g && range(num(g.expected_purchases[0], lang), num(g.expected_purchases[1], lang))]));
  }
  if (g?.revenue != null) {
    figures.push(fact(tr('forecast.revenue', { weeks }), [whole(g.revenue, lang),
      g.revenue_range && range(whole(g.revenue_range[0], lang), whole(g.revenue_range[1], lang))]));
  }
  if (b.clv != null) {
    figures.push(fact(tr('forecast.clv', { months: b.clv_months }), [whole(b.clv, lang),
      g?.clv && range(whole(g.clv[0], lang), whole(g.clv[1], lang))]));
  }
  const h = b.holdout;
  const end = h.calibration_end;
  return el('section', { class: 'card', id: 'forecast' },
    el('h2', {}, tr('holdout.title')),
    el('p', { class: 'lead', id: 'forecast-verdict' }, verdict),
    choice ? el('p', { id: 'forecast-model' }, choice) : null,
    figures.length ? el('dl', { class: 'facts', id: 'forecast-figures' }, figures) : null,
    figures.length && !g ? el('p', { class: 'muted' }, tr('forecast.noRange')) : null,
    el('div', { class: 'charts-pair' },
      el('figure', { class: 'chart', 'data-chart': 'holdout-tracking' }),
      el('figure', { class: 'chart', 'data-chart': 'holdout-calibration' })),
    naive ? el('p', { class: 'muted' }, naive) : null,
    howFold('forecast-how', tr,
      end ? el('p', {}, tr('holdout.intro', { end: dateOf(end, lang), weeks: num(h.weeks, lang) })) : null,
      end ? el('p', {}, tr('holdout.method', { end: dateOf(end, lang) })) : null,
      params(b, lang, tr).map((line) => el('p', { class: 'muted' }, line)),
      g ? el('p', { class: 'muted' }, tr('forecast.rangeNote')) : null));
}

const dateOf = (iso, lang) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
};

/** "r 0.611 ± 0.016, ..." for the model in use and Gamma-Gamma; a parameter held
 *  on a ridge (standard error 0, see crate/src/btyd/ranges.rs) without one. */
function params(b, lang, tr) {
  const n = (x) => num(x, lang, 3);
  const line = (model, pairs, se) => tr('holdout.params', {
    model, params: pairs.map(([k, v], i) => (se?.[i] > 0 ? `${k} ${n(v)} ± ${n(se[i])}` : `${k} ${n(v)}`)).join(', '),
  });
  const out = [];
  const p = b.model === 'paretonbd' ? b.pareto : b;
  if (p) {
    const pairs = b.model === 'paretonbd'
      ? [['r', p.r], ['alpha', p.alpha], ['s', p.s], ['beta', p.beta]]
      : [['r', p.r], ['alpha', p.alpha], ['a', p.a], ['b', p.b]];
    out.push(line(tr(`model.${b.model}`), pairs, b.ranges?.model_se));
  }
  if (b.spend) out.push(line('Gamma-Gamma', [['p', b.spend.p], ['q', b.spend.q], ['gamma', b.spend.gamma]], b.ranges?.spend_se));
  return out;
}
