// search.js is the candidate search page: a query box speaking the server's
// query language (words, "phrases", AND/OR/NOT, skill:python,
// python months>=36, total_months>=60), skill facets to narrow by, and a
// result list with "Load more" pagination. The query and the chosen skills
// live in the hash (#/search?q=…&skill=…) so a search can be bookmarked.

import { api, list, fillNames } from './api.js';
import { h, mount, pageHeader, years, errorPanel, displayFile } from './dom.js';
import { skillLabel, learnSkills } from './skills.js';

export async function searchView(main, _args, ctx) {
  const q = ctx.params.get('q') || '';
  const skills = ctx.params.getAll('skill');

  const input = h('input', {
    id: 'search-q', type: 'search', name: 'q', value: q, autocomplete: 'off',
    placeholder: 'e.g. django AND aws, "machine learning", python months>=36',
    'aria-describedby': 'search-help',
  });
  const form = h('form', {
    class: 'searchbar', role: 'search',
    onsubmit: (ev) => { ev.preventDefault(); go(input.value.trim(), skills); },
  },
  h('label', { for: 'search-q', class: 'sr-only' }, 'Search candidates'),
  input,
  h('button', { class: 'btn btn-primary', type: 'submit' }, 'Search'));

  const help = h('details', { class: 'help', id: 'search-help' },
    h('summary', {}, 'Query language'),
    h('ul', {},
      h('li', {}, h('code', {}, 'django aws'), ' — both words (same as ', h('code', {}, 'django AND aws'), ')'),
      h('li', {}, h('code', {}, 'react OR vue'), ', ', h('code', {}, 'NOT java'), ', ', h('code', {}, '-java'), ', parentheses'),
      h('li', {}, h('code', {}, '"machine learning"'), ' — an exact phrase'),
      h('li', {}, h('code', {}, 'skill:k8s'), ' — a skill by any name or alias'),
      h('li', {}, h('code', {}, 'python months>=36'), ' — at least 3 years of Python'),
      h('li', {}, h('code', {}, 'total_months>=60'), ' — at least 5 years of experience')));

  const facetsEl = h('aside', { class: 'facets', 'aria-label': 'Filter by skill' });
  const resultsEl = h('section', { class: 'results', 'aria-label': 'Candidates', 'aria-live': 'polite' });
  mount(main,
    pageHeader('Candidates', 'Search everyone you have uploaded.',
      h('a', { class: 'btn', href: '#/upload' }, 'Upload resumes')),
    form, help,
    skills.length ? h('div', { class: 'active-filters' },
      h('span', { class: 'muted' }, 'Must have:'),
      skills.map((s) => h('button', {
        type: 'button', class: 'chip chip-removable', 'aria-label': `Remove filter ${skillLabel(s)}`,
        onclick: () => go(q, skills.filter((x) => x !== s)),
      }, skillLabel(s), h('span', { 'aria-hidden': 'true' }, ' ×')))) : null,
    h('div', { class: 'search-layout' }, facetsEl, resultsEl));

  let body;
  try {
    body = await api.search({ q, skills, limit: 25 });
  } catch (e) {
    if (ctx.current()) mount(resultsEl, errorPanel(e));
    return;
  }
  if (!ctx.current()) return;
  renderFacets(facetsEl, body, q, skills);
  const table = h('ul', { class: 'hit-list' });
  const more = h('div', { class: 'more' });
  const total = body.total ?? list(body, 'hits', 'candidates', 'results').length;
  mount(resultsEl,
    h('p', { class: 'muted count', id: 'result-count' }, `${total} candidate${total === 1 ? '' : 's'}`),
    table, more);
  appendHits(table, more, body, { q, skills });
  if (!total && !q && !skills.length) {
    mount(more, h('div', { class: 'empty' },
      h('p', {}, 'No candidates yet.'),
      h('p', {}, h('a', { class: 'btn btn-primary', href: '#/upload' }, 'Upload resumes'))));
  }
}

function go(q, skills) {
  const u = new URLSearchParams();
  if (q) u.set('q', q);
  skills.forEach((s) => u.append('skill', s));
  const s = u.toString();
  location.hash = '#/search' + (s ? '?' + s : '');
}

function appendHits(table, more, body, req) {
  const hits = list(body, 'hits', 'candidates', 'results');
  if (!hits.length && !table.children.length) {
    mount(more, h('div', { class: 'empty' },
      h('p', {}, 'No candidates match.'),
      h('p', { class: 'muted' }, 'Try fewer words or remove a skill filter — or ', h('a', { href: '#/upload' }, 'upload resumes'), '.')));
    return;
  }
  for (const hit of hits) table.appendChild(hitRow(hit));
  fillNames(hits.map((x) => x.id), (id, name) => {
    const li = table.querySelector(`li[data-id="${CSS.escape(id)}"]`);
    if (!li || li.dataset.named) return;
    li.dataset.named = '1';
    const a = li.querySelector('.hit-title');
    const file = a.textContent;
    a.textContent = name;
    a.after(h('span', { class: 'muted small ellipsis' }, file));
  });
  const cursor = body.next_cursor || body.cursor;
  mount(more, cursor ? h('button', {
    type: 'button', class: 'btn',
    onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        const next = await api.search({ ...req, limit: 25, cursor });
        appendHits(table, more, next, req);
      } catch (e) {
        mount(more, errorPanel(e));
      }
    },
  }, 'Load more') : null);
}

function hitRow(hit) {
  const id = hit.id || hit.candidate_id;
  const name = hit.name || (hit.contact && hit.contact.name);
  const skills = (hit.skills || []).map((s) => (typeof s === 'string' ? s : s.name || s.id));
  const total = hit.total_months;
  return h('li', { class: 'hit', dataset: { id } },
    h('div', { class: 'hit-main' },
      h('a', { class: 'hit-title', href: `#/candidates/${encodeURIComponent(id)}` }, name || displayFile(hit.file, id)),
      name && hit.file ? h('span', { class: 'muted small' }, hit.file) : null),
    h('div', { class: 'hit-meta' },
      total ? h('span', { class: 'muted small' }, `${years(total)} experience`) : null),
    h('div', { class: 'hit-skills' },
      skills.slice(0, 12).map((s) => h('span', { class: 'chip' }, skillLabel(s))),
      skills.length > 12 ? h('span', { class: 'muted small' }, ` +${skills.length - 12}`) : null));
}

const FACETS_SHOWN = 15;

function renderFacets(el, body, q, skills) {
  const facets = body.facets || {};
  const skillFacet = facets.skill || facets.skills || [];
  learnSkills(skillFacet.map((f) => ({ id: f.term || f.id, name: f.name })));
  const catFacet = facets.category || facets.categories || [];
  mount(el,
    h('h2', { class: 'h3' }, 'Skills'),
    skillFacet.length ? h('ul', { class: 'facet-list', id: 'skill-facets' },
      skillFacet.map((f, i) => {
        const term = f.term || f.id;
        const on = skills.includes(term);
        return h('li', { hidden: i >= FACETS_SHOWN && !on },
          h('label', { class: 'facet' },
            h('input', {
              type: 'checkbox', checked: on, dataset: { term },
              onchange: () => go(q, on ? skills.filter((s) => s !== term) : [...skills, term]),
            }),
            h('span', { class: 'facet-name' }, f.name || skillLabel(term)),
            h('span', { class: 'facet-count' }, f.count)));
      })) : h('p', { class: 'muted small' }, 'No skills yet.'),
    skillFacet.length > FACETS_SHOWN ? h('button', {
      type: 'button', class: 'btn btn-small btn-quiet', 'aria-controls': 'skill-facets',
      onclick: (ev) => {
        el.querySelectorAll('#skill-facets li[hidden]').forEach((li) => { li.hidden = false; });
        ev.target.remove();
      },
    }, `Show all ${skillFacet.length}`) : null,
    catFacet.length ? [
      h('h2', { class: 'h3' }, 'Categories'),
      h('ul', { class: 'facet-list' }, catFacet.slice(0, 12).map((f) => h('li', { class: 'facet' },
        h('span', { class: 'facet-name' }, f.term || f.id), h('span', { class: 'facet-count' }, f.count)))),
    ] : null);
}
