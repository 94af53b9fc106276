// Words first: each view leads with the core's one sentence about what it found
// (Report.headlines: a catalogue key and typed figures), or, where the file has too
// little data for the analysis (Report.sufficiency), the sentence saying so, in
// place of the view's figures. The core builds both; this only writes the figures
// in the page's language.
import { money, int, pct, change, date, score } from '../format.js';
import { el } from './dom.js';

/** Page section id -> the Report's headline section and the analyses it needs. */
const SECTIONS = {
  totals: ['totals', []],
  // The leaving view writes its headline as its lead (views/leaving.js): said once.
  leaving: [null, ['leaving', 'btyd']],
  matrix: ['matrix', ['xyz']],
  pool: ['leakage', ['leakage']],
  trends: ['cohorts', ['cohorts']],
  winbacks: ['winback', []],
  onetime: ['one_time_buyers', []],
  abc: ['abc', []],
  xyz: ['xyz', ['xyz']],
  concentration: ['concentration', ['concentration']],
  abcdx: ['abcdx', []],
  rfm: ['rfm', ['rfm']],
  transitions: ['transitions', []],
  quadrants: ['quadrants', []],
  team: ['team', []],
  nps: ['nps', []],
};
/** Analyses whose shortfall hides the section's figures (BG/NBD only loses its line). */
const HIDES = new Set(['leaving', 'leakage', 'xyz', 'cohorts', 'concentration', 'rfm']);

/** One figure of a sentence ({"count": 5}, {"money": "12.50"}...) as text. */
export function figure(f, r, lang, tr) {
  const [[kind, v]] = Object.entries(f);
  switch (kind) {
    case 'count': return int(v, lang);
    case 'clients': return tr('count.clients', { n: int(v, lang), count: v });
    // The currency (Report.settings.currency) goes to format.js's money.
    case 'money': return money(v, lang, r.settings.currency);
    // Shares and changes by the core's one rule, as every tile and table writes them.
    case 'share': return pct(v, lang);
    case 'change': return change(v, lang);
    case 'date': return date(v, lang);
    case 'score': return score(v, lang);
    default: return String(v);
  }
}

/** The sentence of a headline with its figures filled in. */
export function sentence(h, r, lang, tr) {
  const params = Object.fromEntries(Object.entries(h.figures).map(([k, f]) => [k, figure(f, r, lang, tr)]));
  if (h.figures.n?.count != null) params.count = h.figures.n.count;
  return tr(h.key, params);
}

const NOUN = { span_days: 'count.days', clients: 'count.clients', repeat_buyers: 'count.clients' };
const PERIOD = { week: 'count.weeks', month: 'count.months', quarter: 'count.quarters' };
const KEY = { span_days: 'short.history', periods: 'short.history', clients: 'short.clients', repeat_buyers: 'short.repeat' };

/** A shortfall as the core's `sufficiency::sentence` writes it. */
export function shortfallText(s, r, lang, tr) {
  const noun = NOUN[s.need] ?? PERIOD[r.settings.period];
  const count = (n) => tr(noun, { n: int(n, lang), count: n });
  return tr(KEY[s.need], { what: tr(`shortWhat.${s.analysis}`), minimum: count(s.minimum), have: count(s.have) });
}

/** Puts each section's sentence under its heading; a section whose data fall short
 *  shows why instead of its figures. */
export function addHeadlines(root, r, lang, tr) {
  for (const [id, [section, needs]] of Object.entries(SECTIONS)) {
    const node = root.querySelector(`section#${id}`);
    const h2 = node?.querySelector('h2');
    if (!h2) continue;
    const short = (r.sufficiency ?? []).filter((s) => needs.includes(s.analysis));
    const h = section && (r.headlines ?? []).find((x) => x.section === section);
    const lines = short.map((s) => el('p', { class: 'shortfall', role: 'note', 'data-analysis': s.analysis }, shortfallText(s, r, lang, tr)));
    if (h && !short.some((s) => HIDES.has(s.analysis))) lines.unshift(el('p', { class: 'headline', id: `headline-${id}` }, sentence(h, r, lang, tr)));
    h2.after(...lines);
    if (short.some((s) => HIDES.has(s.analysis))) node.classList.add('short');
  }
}
