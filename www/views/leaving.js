// Who is leaving: the first answer the page gives. Leakage against the 10 %/year norm,
// revenue lost to churn, the leaving clients with what changed and the money at stake,
// then whom to win back and the one-time buyers to call.
import { money, moneyTitle, times, int, pct, change, date } from '../format.js';
import { el, fact, head, labelCells, foldButton, howFold, moneyCell, track } from './dom.js';
import { clientRows } from '../clientscope.js';
import { csvButton } from './download.js';
import { lifecycleLine, lifecycleNote } from './lifecycle.js';
import { sentence } from './headline.js';

const TOP = 20;

export function leavingSection(r, lang, tr, ctx) {
  const l = r.leaving;
  const spans = r.flags.spans;
  const span = (s) => `${date(s.from, lang)} – ${date(s.to, lang)}`;
  const k = r.leakage;
  const headline = (r.headlines ?? []).find((h) => h.section === 'leaving');
  const stat = (id, label, value, sub, title) => el('div', { class: 'stat', id }, el('span', { class: 'label' }, label), el('span', { class: 'value', title }, value), sub && el('span', { class: 'sub' }, sub));
  const top = l.list.slice(0, TOP);
  // The clients' rows come from the worker (it keeps them): drawn once they arrive.
  const rowOf = (item, c = { id: item.id, flags: [] }) => el('tr', {},
    el('td', { class: 'client' }, c.id),
    el('td', { class: 'why' }, whyList(c, lang, tr) ?? '—'),
    moneyCell(item.at_stake, lang),
    el('td', {}, c.manager ?? '—'),
    el('td', {}, c.last_purchase ? date(c.last_purchase, lang) : '—'),
    el('td', { class: 'num' }, c.p_alive == null ? '—' : pct(c.p_alive, lang)),
    el('td', { class: 'num' }, chance90(c, lang)));
  const rows = top.map((item) => rowOf(item));
  // What a sales head acts on first: the sentence and the list; the figures
  // around it follow, and the model's parameters are folded under "how".
  const labels = [tr('client'), tr('cols.why'), tr('cols.atStake'), tr('dim.manager'), tr('lastPurchase'), tr('pAlive'), chance90Label(r, tr)];
  const body = el('tbody', {}, rows);
  labelCells(body, labels);
  const table = rows.length ? el('table', { id: 'leaving-list', class: 'list cards' }, head(labels, (n) => n === 2 || n >= 5), body) : null;
  if (top.length) {
    track(clientRows(top.map((item) => item.id), { lang }).then((cs) => {
      body.replaceChildren(...top.map((item, k) => rowOf(item, cs[k] ?? undefined)));
      labelCells(body, labels);
    }));
  }
  return el('section', { class: 'card leaving', id: 'leaving' },
    el('h2', {}, tr('nav.leaving')),
    // One sentence, the core's headline (the HTML report and the CLI say the same),
    // with its money rounded by the one rule; the spans it compares below it.
    el('p', { class: 'lead', id: 'leaving-lead' }, headline && sentence(headline, r, lang, tr)),
    l.clients ? el('p', { class: 'muted', id: 'leaving-spans' }, tr('leavingSpans', { now: span(spans.now), base: span(spans.base) })) : null,
    rows.length ? el('div', { class: 'list-head' }, el('h3', {}, tr('leavingListTitle')), csvButton('leaving', tr, ctx)) : null,
    table && el('div', { class: 'scroll' }, table),
    table && foldButton(table, rows.length, lang, tr),
    l.list.length > TOP ? el('p', { class: 'muted' }, tr('showingTop', { n: TOP, of: int(l.list.length, lang) })) : null,
    lifecycleLine(r, lang, tr, 'leaving-lifecycle'),
    el('div', { class: 'stats' },
      stat('leakage-rate', tr('leakage'), k.rate == null ? '—' : pct(k.rate, lang),
        [el('span', { class: `status ${k.status}` }, tr(`leakageStatus.${k.status}`)), ' · ', tr('leakageSub', { n: int(k.leaked, lang), of: int(k.base_clients, lang) })]),
      stat('lost-revenue', tr('lostRevenue'), money(r.ltv.lost_revenue, lang), tr('lostRevenueSub', { n: int(r.ltv.lost_clients, lang) }), moneyTitle(r.ltv.lost_revenue, lang)),
      // An average carries four decimals in the report; cents are enough to read it.
      stat('avg-ltv', tr('ltvAvg'), money(r.ltv.average_ltv, lang)),
      stat('one-time', tr('nav.onetime'), int(r.one_time_buyers.count, lang), tr('oneTimeSub'))),
    lifecycleNote(r, 'leakage_leaked', lang, tr, 'leaving-leakage-note'),
    winback(r, lang, tr),
    howFold('leaving-how', tr,
      el('p', {}, tr('how.leaving')),
      r.btyd.status === 'fitted' ? lifecycleNote(r, 'overdue_model_expects', lang, tr, 'leaving-model-note') : null,
      r.btyd.status === 'fitted' ? el('p', { class: 'muted', id: 'btyd' }, tr('btyd', {
        r: num(r.btyd.r, lang), alpha: num(r.btyd.alpha, lang), a: num(r.btyd.a, lang), b: num(r.btyd.b, lang),
        // The mean of Beta(a, b): what a and b say, when they run large together.
        drop: new Intl.NumberFormat(lang, { style: 'percent', maximumSignificantDigits: 2 }).format(r.btyd.a / (r.btyd.a + r.btyd.b)),
        n: int(Math.round(r.btyd.expected_purchases), lang), weeks: int(Math.round(r.btyd.horizon_weeks), lang),
      })) : null));
}

/** The chance of a purchase within the last of `btyd.buy_within_days` (90 days):
 *  beside the money at stake, whom a call may still bring back. The lists keep
 *  their order by money (docs/decisions.md). */
export const chance90 = (c, lang) => (c.p_buy == null ? '—' : pct(c.p_buy[c.p_buy.length - 1], lang));
export const chance90Label = (r, tr) => tr('cols.pBuyWithin', { days: r.btyd.buy_within_days.at(-1) });

const num = (x, lang) => new Intl.NumberFormat(lang, { maximumSignificantDigits: 4 }).format(x);

/** What changed for a client, from its flags: each with its figures. */
// At most five names come with a flag; an ellipsis says there are more.
// A figure keeps its unit on its line ("20 кг", "3 м"): a no-break space after a digit.
const named = (names, count) => names.map((n) => n.replace(/(\d) (?=\p{L})/gu, '$1\u00a0')).join(', ') + (count > names.length ? '…' : '');

/** What changed, as short labelled facts ("purchases: 8 → 1", "average check: −40 %"), one per line. */
export function whyList(c, lang, tr) {
  const items = facts(c, lang, tr);
  return items.length ? el('ul', { class: 'why-facts' }, items.map((t) => el('li', {}, t))) : null;
}


function facts(c, lang, tr) {
  const parts = [];
  for (const f of c.flags ?? []) {
    const ch = f.change == null ? '' : change(f.change, lang);
    switch (f.code) {
      case 'buys_less': case 'buys_cheaper': parts.push(tr(`flag.${f.code}`, { change: ch })); break;
      case 'buys_less_often': parts.push(tr('flag.buys_less_often', { now: int(f.now, lang), before: int(f.before, lang) })); break;
      case 'dropped_products': parts.push(tr('flag.dropped_products', { names: named(f.products, f.count) })); break;
      case 'dropped_categories': parts.push(tr('flag.dropped_categories', { names: named(f.categories, f.count) })); break;
      case 'moved_down': parts.push(tr('flag.moved_down', { from: f.from, to: f.to })); break;
      case 'gone': parts.push(tr('flag.gone', { days: tr('count.days', { n: int(f.days_since, lang), count: f.days_since }) })); break;
      default: parts.push(tr(`flag.${f.code}`));
    }
  }
  // In words ("no purchase for 5 times the usual gap"), the exact ratio on hover.
  if (c.overdue?.level) parts.push(el('span', { title: `×${num(c.overdue.ratio, lang)}` }, tr(`overdue.${c.overdue.level}`, times(c.overdue.ratio, lang))));
  return parts;
}

function winback(r, lang, tr) {
  const w = r.winback;
  return el('div', { id: 'winback' },
    el('h3', {}, tr('winbackTitle')),
    // Labelled: "cells AX, AY · 151 clients · 233 702 155,85 a year", not a bare pair.
    el('dl', { class: 'facts' }, w.groups.map((g) => fact(
      `${g.group}. ${tr(g.title)}`,
      tr('winSummary', { cells: g.cells.join(', '), n: int(g.count, lang), money: money(g.annual_value, lang) }),
    ))));
}
