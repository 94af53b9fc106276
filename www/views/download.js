// A "Download CSV" button beside a list: the worker builds the downloads of the
// last analysis and the page saves the one file `<stem>-<key>.csv` through a blob:
// URL (no request). The `;`/`,` choice of the downloads card applies to every list.

import { el } from './dom.js';

/** The CSV delimiter chosen in the downloads card, kept across analyses; '' until
 *  one is chosen: the core then takes the language's (the catalogue's
 *  csvDefaultDelimiter, which the card shows). */
let delimiter = '';
export const csvDelimiter = () => delimiter;
export function setCsvDelimiter(d) {
  delimiter = d === ',' ? ',' : ';';
}

/** The button for the list whose file is `<stem>-<key>.csv` (export/ table key). */
export function csvButton(key, tr, ctx) {
  return el('button', {
    type: 'button',
    class: 'csv',
    'data-download-list': key,
    onclick: (e) => ctx.onDownload(`-${key}.csv`, delimiter, e.currentTarget),
  }, tr('dlCsv'));
}
