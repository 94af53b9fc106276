// The totals of the file and of the analysis window.
import { money, moneyTitle, int, date } from '../format.js';
import { el } from './dom.js';

export function totalsSection(r, lang, tr) {
  const x = r.totals;
  const card = (id, label, value, sub, title) => el('div', { class: 'stat', id }, el('span', { class: 'label' }, label), el('span', { class: 'value', title }, value), sub && el('span', { class: 'sub' }, sub));
  return el('section', { class: 'card', id: 'totals' },
    el('h2', {}, tr('totalsTitle')),
    el('div', { class: 'stats' },
      // Rounded by the one rule; the exact sum on hover and in the downloads.
      card('total-revenue', tr('revenue'), money(x.revenue, lang), null, moneyTitle(x.revenue, lang)),
      card('total-clients', tr('clients'), int(x.clients, lang)),
      card('total-purchases', tr('purchases'), int(x.purchases, lang)),
      card('total-returns', tr('returns'), int(x.returns, lang), x.returns ? `${tr('returnsAmount')} ${money(x.returns_amount, lang)}` : null),
      card('total-period', tr('covered'), `${date(x.first_date, lang)} — ${date(x.last_date, lang)}`),
      card('total-asof', tr('asOfShort'), date(x.as_of, lang), `${tr('windowFrom')}: ${date(x.window_start, lang)} — ${date(x.as_of, lang)}`)));
}
