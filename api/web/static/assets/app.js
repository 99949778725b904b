// app.js is the page shell: sign-in, the top bar, and hash routing
// (#/search, #/upload, #/roles, #/roles/new, #/roles/ID/edit,
// #/matches/ROLE_ID, #/candidates/ID, #/jobs/ID) to one view module each.
// A view is a function (main element, route params) that renders into main.

import { api, session } from './api.js';
import { h, mount, toast, errorPanel } from './dom.js';
import { searchView } from './search.js';
import { uploadView } from './upload.js';
import { rolesView, roleEditView } from './roles.js';
import { matchesView } from './matches.js';
import { candidateView } from './candidate.js';
import { jobView } from './jobs.js';

const routes = [
  [/^\/search$/, 'search', searchView],
  [/^\/upload$/, 'upload', uploadView],
  [/^\/roles$/, 'roles', rolesView],
  [/^\/roles\/new$/, 'roles', roleEditView],
  [/^\/roles\/([^/]+)\/edit$/, 'roles', roleEditView],
  [/^\/matches\/([^/]+)$/, 'roles', matchesView],
  [/^\/candidates\/([^/]+)$/, 'search', candidateView],
  [/^\/jobs\/([^/]+)$/, 'upload', jobView],
];

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');

// route renders the view for the current hash. A newer navigation makes an
// older, still-loading view stop touching the page (see ctx.current).
let generation = 0;
async function route() {
  if (!session.key) { signIn(); return; }
  topbar.hidden = false;
  const raw = location.hash.replace(/^#/, '') || '/search';
  const [path, query] = raw.split('?');
  const params = new URLSearchParams(query || '');
  for (const [re, nav, view] of routes) {
    const m = path.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const gen = ++generation;
    const ctx = { params, current: () => gen === generation };
    main.replaceChildren();
    main.setAttribute('aria-busy', 'true');
    delete main.dataset.rendered;
    try {
      await view(main, m.slice(1).map(decodeURIComponent), ctx);
    } catch (e) {
      if (gen === generation) mount(main, errorPanel(e));
    } finally {
      if (gen === generation) {
        main.removeAttribute('aria-busy');
        // Which route the page now shows, for tests and tools.
        main.dataset.rendered = '#' + raw;
        // A click that replaced the page leaves focus nowhere: put it at the
        // start of the new content so keyboard users carry on from there.
        const f = document.activeElement;
        if (!f || f === document.body) main.focus({ preventScroll: true });
      }
    }
    return;
  }
  location.hash = '#/search';
}

function signIn(message) {
  topbar.hidden = true;
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'current-password',
    required: true, spellcheck: 'false', placeholder: 'sm_…',
  });
  const err = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' }, message || '');
  const button = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in');
  const form = h('form', {
    class: 'signin-card', 'aria-labelledby': 'signin-title',
    onsubmit: async (ev) => {
      ev.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      button.disabled = true;
      session.key = key;
      try {
        await api.checkKey();
        if (!location.hash || location.hash === '#/signin') location.hash = '#/search';
        route();
      } catch (e) {
        session.key = '';
        err.textContent = e.friendly || e.message;
        button.disabled = false;
        input.focus();
      }
    },
  },
  h('div', { class: 'brand brand-lg' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '✓'), 'skillmatch'),
  h('h1', { id: 'signin-title' }, 'Sign in'),
  h('p', { class: 'muted' }, 'Paste the API key your admin gave you. It stays in this browser until you sign out.'),
  h('label', { for: 'api-key' }, 'API key'),
  input,
  err,
  button);
  mount(main, h('div', { class: 'signin' }, form));
  input.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.key = '';
  toast('Signed out');
  signIn();
});

const blindToggle = document.getElementById('blind-toggle');
blindToggle.checked = session.blind;
blindToggle.addEventListener('change', () => {
  session.blind = blindToggle.checked;
  toast(blindToggle.checked ? 'Blind mode on: names and contact details are hidden' : 'Blind mode off');
  route();
});

window.addEventListener('skillmatch:unauthorized', () => {
  session.key = '';
  signIn('Your key is no longer accepted. Sign in again.');
});
window.addEventListener('hashchange', route);
route();
