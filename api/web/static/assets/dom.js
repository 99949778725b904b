// dom.js builds DOM nodes. Text from the server (resume lines, names, file
// names) only ever becomes text nodes or attribute values, never HTML, so a
// hostile resume cannot inject markup into the page.

// h creates an element. attrs: plain attributes, plus
//   class, dataset (object), style (object), on<Event> (function), and
//   boolean attributes (true sets, false/null/undefined omits).
// children: nodes, strings, numbers, arrays of them; null/false are skipped.
export function h(tag, attrs, ...children) {
  const el = tag === 'svg' || SVG_TAGS.has(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'style' && typeof v === 'object') {
      for (const [p, val] of Object.entries(v)) el.style.setProperty(p, val);
    } else if (k === 'value' && 'value' in el && !(el instanceof SVGElement)) {
      el.value = v;
    } else if (k === 'checked' || k === 'selected') {
      el[k] = Boolean(v);
    } else {
      el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

const SVG_TAGS = new Set(['rect', 'line', 'text', 'g', 'title', 'path', 'circle']);

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// mount replaces the children of el with the given children.
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// debounce returns fn delayed until ms have passed without another call.
export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// toast shows a short message in the polite live region.
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.dataset.kind = kind;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}

// years formats a number of months for people: "7 y 2 m", "8 m", "—".
export function years(months) {
  if (months === null || months === undefined) return '—';
  if (months < 12) return `${months} mo`;
  const y = Math.floor(months / 12);
  const m = months % 12;
  return m ? `${y} y ${m} mo` : `${y} y`;
}

// fmtMonth turns "2024-03" into "Mar 2024".
export function fmtMonth(ym) {
  if (!ym) return '';
  const [y, m] = ym.split('-').map(Number);
  if (!m) return String(y);
  return `${MONTHS[m - 1]} ${y}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// bytes formats a size: "12 KB".
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// pageHeader is the title row of a view, with optional actions on the right.
export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {},
      h('h1', {}, title),
      subtitle ? h('p', { class: 'muted' }, subtitle) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
}

// skillChip is a small pill with a skill name.
export function skillChip(name, extra) {
  return h('span', { class: 'chip' + (extra ? ' ' + extra : '') }, name);
}

// errorPanel shows a failed request in plain words.
export function errorPanel(e) {
  const lead = e.status === 400 ? 'Please check your input: ' : 'Something went wrong. ';
  return h('div', { class: 'panel error', role: 'alert' },
    h('strong', {}, lead), e.friendly || e.message || String(e));
}

// displayFile is what a list shows for a candidate without a name: the file
// name, or "Candidate 1a2b3c" when blind screening hides the file name.
export function displayFile(file, id) {
  if (!file || file === '(hidden)') return `Candidate ${String(id).slice(0, 6)}`;
  return file;
}
