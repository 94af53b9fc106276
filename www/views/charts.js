// The core's charts in the page. Views leave a <figure class="chart" data-chart=NAME>
// where a chart goes; once the worker has drawn the charts of an analysis they are
// shown there as <img> of a blob: URL. As an image the SVG is inert (no script in it
// could run, nothing it names is fetched), and it is the very SVG the HTML report
// inlines, so page and report agree.
import { el } from './dom.js';

/** name -> {title, url, scroll} of the charts shown now. */
let shown = new Map();

/** Takes the charts of a new analysis ([{name, title, svg, scroll}]); the old URLs are let go. */
export function setCharts(list) {
  const next = new Map();
  for (const c of list ?? []) {
    const url = URL.createObjectURL(new Blob([c.svg], { type: 'image/svg+xml' }));
    next.set(c.name, { title: c.title, url, scroll: Boolean(c.scroll) });
  }
  clearCharts();
  shown = next;
}

/** No analysis any more (an error, or a new file): nothing to show. */
export function clearCharts() {
  for (const { url } of shown.values()) URL.revokeObjectURL(url);
  shown = new Map();
}

/** Fills every placeholder under `root` with its chart; one the analysis has no
 *  chart for (say, cohorts of a file with one month) stays hidden. */
export function fillCharts(root) {
  for (const figure of root.querySelectorAll('figure.chart[data-chart]')) {
    const c = shown.get(figure.dataset.chart);
    figure.hidden = !c;
    if (!c) continue;
    if (figure.querySelector('img')?.getAttribute('src') === c.url) continue;
    // A chart the core drew to be read at its own size (only on a phone's width, so
    // always wider than its box) scrolls sideways in it (style.css figure.chart.scrolls):
    // a region the keyboard reaches and scrolls.
    figure.classList.toggle('scrolls', c.scroll);
    for (const [k, v] of Object.entries({ tabindex: '0', role: 'region', 'aria-label': c.title })) {
      if (c.scroll) figure.setAttribute(k, v); else figure.removeAttribute(k);
    }
    // The title is the alt text: it names what the chart shows, in the UI language.
    figure.replaceChildren(el('img', { src: c.url, alt: c.title, decoding: 'async' }));
  }
}
