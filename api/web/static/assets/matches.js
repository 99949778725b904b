// matches.js is the ranked candidate table for a role
// (#/matches/ROLE_ID?min=&must=&strict=): score bars, a chip per
// requirement coloured by status (met / partly met / unknown / missing),
// filters for a minimum score and must-have skills, and an expandable row
// with the evidence lines and months behind each requirement.

import { api, list, fillNames } from './api.js';
import { h, mount, pageHeader, years, fmtMonth, errorPanel, displayFile } from './dom.js';

const STATUS = {
  met: { label: 'met', icon: '✓', cls: 'st-met' },
  partly_met: { label: 'partly met', icon: '≈', cls: 'st-partly' },
  unknown: { label: 'unknown length', icon: '?', cls: 'st-unknown' },
  missing: { label: 'missing', icon: '✗', cls: 'st-missing' },
};

export async function matchesView(main, [roleId], ctx) {
  const minScore = Number(ctx.params.get('min') || 0);
  const must = ctx.params.getAll('must');
  const strict = ctx.params.get('strict') === '1';
  const limit = Number(ctx.params.get('limit') || 50);

  const role = await api.role(roleId);
  if (!ctx.current()) return;
  const setParams = (p) => {
    const u = new URLSearchParams();
    const v = { min: minScore, must, strict, limit, ...p };
    if (v.min) u.set('min', v.min);
    v.must.forEach((s) => u.append('must', s));
    if (v.strict) u.set('strict', '1');
    if (v.limit !== 50) u.set('limit', v.limit);
    const s = u.toString();
    location.hash = `#/matches/${encodeURIComponent(roleId)}${s ? '?' + s : ''}`;
  };

  const allSkills = [...new Set([...role.required, ...(role.plus || [])].flatMap((r) => r.skills))];
  const minInput = h('input', {
    id: 'min-score', type: 'number', min: '0', max: '100', step: '5', value: minScore || '', placeholder: '0',
    class: 'years-input',
    onchange: () => setParams({ min: Number(minInput.value) || 0 }),
  });
  const filters = h('form', {
    class: 'filters', 'aria-label': 'Filters',
    onsubmit: (ev) => { ev.preventDefault(); setParams({ min: Number(minInput.value) || 0 }); },
  },
  h('div', { class: 'filter-row' },
    h('div', { class: 'filter' }, h('label', { for: 'min-score' }, 'Min. score'), minInput),
    h('label', { class: 'filter check' },
      h('input', { type: 'checkbox', checked: strict, onchange: (ev) => setParams({ strict: ev.target.checked }) }),
      ' Only candidates with every required skill')),
  h('fieldset', { class: 'filter must' },
    h('legend', {}, 'Must have'),
    allSkills.map((s) => {
      const on = must.includes(s);
      return h('button', {
        type: 'button', class: 'chip chip-toggle', 'aria-pressed': String(on),
        onclick: () => setParams({ must: on ? must.filter((x) => x !== s) : [...must, s] }),
      }, on ? '✓ ' : '+ ', s);
    })));

  const tableWrap = h('div', { class: 'table-wrap', 'aria-live': 'polite' });
  mount(main,
    pageHeader(role.title || 'Role', null,
      h('a', { class: 'btn', href: `#/roles/${encodeURIComponent(roleId)}/edit` }, 'Edit role')),
    h('div', { class: 'role-summary' },
      h('span', { class: 'muted small' }, 'Required: '),
      role.required.map((r) => h('span', { class: 'chip chip-outline' }, reqLabel(r))),
      (role.plus || []).length ? [h('span', { class: 'muted small' }, ' Nice to have: '),
        role.plus.map((r) => h('span', { class: 'chip chip-outline chip-plus' }, reqLabel(r)))] : null,
      role.education ? h('span', { class: 'muted small' }, ` · ${role.education.replace('_', ' ')} degree`) : null),
    filters, tableWrap);

  let body;
  try {
    // Must-have skills filter the ranked list here, so rank more of it.
    body = await api.matches(roleId, { limit: must.length ? Math.max(limit, 200) : limit, minScore, strict });
  } catch (e) {
    if (ctx.current()) mount(tableWrap, errorPanel(e));
    return;
  }
  if (!ctx.current()) return;
  let results = list(body, 'results');
  const shown = results.filter((r) => must.every((s) => hasSkill(r, s)));
  if (!results.length) {
    mount(tableWrap, h('div', { class: 'empty panel' },
      h('p', {}, minScore || strict ? 'No candidates pass these filters.' : 'No candidates yet.'),
      h('p', { class: 'muted' }, h('a', { href: '#/upload' }, 'Upload resumes'), ' to rank them against this role.')));
    return;
  }
  const tbody = h('tbody', {});
  shown.forEach((r, i) => rows(tbody, r, i));
  mount(tableWrap,
    h('p', { class: 'muted small count', id: 'match-count' },
      `${shown.length} candidate${shown.length === 1 ? '' : 's'}`,
      must.length ? ` with ${must.join(', ')}` : '', ', best first'),
    h('table', { class: 'table matches', id: 'matches' },
      h('caption', { class: 'sr-only' }, `Candidates ranked for ${role.title}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'Candidate'),
        h('th', { scope: 'col' }, 'Score'),
        h('th', { scope: 'col' }, 'Required skills'),
        h('th', { scope: 'col', class: 'hide-sm' }, 'Nice to have'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Details')))),
      tbody),
    results.length >= limit ? h('button', { type: 'button', class: 'btn', onclick: () => setParams({ limit: Math.min(200, limit * 4) }) }, 'Show more') : null);
  fillNames(shown.map((r) => r.candidate_id), (id, name) => {
    if (!ctx.current()) return;
    const row = tbody.querySelector(`tr.match-row[data-candidate="${CSS.escape(id)}"]`);
    if (row) showName(row.querySelector('td.cand'), name);
  });
}

// showName puts a person's name above the file name in a list cell.
export function showName(cell, name) {
  const link = cell.querySelector('a');
  if (!link || link.dataset.named) return;
  const file = link.textContent;
  link.textContent = name;
  link.dataset.named = '1';
  if (!cell.querySelector('.file')) cell.appendChild(h('div', { class: 'muted small ellipsis file' }, file));
}

function reqLabel(r) {
  const s = r.skills.join(' / ');
  return r.min_months ? `${s} ${years(r.min_months)}+` : s;
}

// uniqueLines keeps the first evidence of each resume line.
function uniqueLines(evidence) {
  const seen = new Set();
  return (evidence || []).filter((e) => !seen.has(e.line) && seen.add(e.line));
}

function matchOf(r) { return r.match || r; }

function hasSkill(r, skill) {
  const m = matchOf(r);
  return [...(m.requirements || []), ...(m.plus || [])].some((q) =>
    (q.status === 'met' || q.status === 'partly_met' || q.status === 'unknown') &&
    (q.skill === skill || (q.skills || []).includes(skill)));
}

function scoreClass(s) {
  if (s >= 75) return 'high';
  if (s >= 50) return 'mid';
  return 'low';
}

// reqChip is one requirement of a match as a coloured chip.
export function reqChip(q) {
  const st = STATUS[q.status] || STATUS.missing;
  const name = q.skill || (q.skills || []).join(' / ');
  const how = q.via ? ` via ${q.via}` : '';
  return h('span', { class: `chip ${st.cls}`, title: q.reason || `${name}: ${st.label}${how}` },
    h('span', { 'aria-hidden': 'true', class: 'chip-icon' }, st.icon),
    name,
    h('span', { class: 'sr-only' }, ` (${st.label}${how})`));
}

function rows(tbody, r, i) {
  const m = matchOf(r);
  const id = r.candidate_id || r.id;
  const score = Number(r.score ?? m.score ?? 0);
  const reqs = m.requirements || [];
  const plus = m.plus || [];
  const plusMet = plus.filter((q) => q.status === 'met' || q.status === 'partly_met').length;
  const name = r.name || (r.contact && r.contact.name);
  const detailsId = `match-details-${i}`;
  const toggle = h('button', {
    type: 'button', class: 'btn btn-small btn-quiet expand', 'aria-expanded': 'false', 'aria-controls': detailsId,
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide' : 'Why?';
      details.hidden = !open;
      tr.classList.toggle('open', open);
    },
  }, 'Why?');
  const tr = h('tr', { class: 'match-row', dataset: { candidate: id } },
    h('td', { class: 'num rank' }, r.rank ?? i + 1),
    h('td', { class: 'cand' },
      h('a', { href: `#/candidates/${encodeURIComponent(id)}`, class: 'strong' }, name || displayFile(r.file, id)),
      name && r.file ? h('div', { class: 'muted small ellipsis' }, r.file) : null),
    h('td', { class: 'score' },
      h('div', { class: `scorebar ${scoreClass(score)}`, role: 'img', 'aria-label': `Score ${score} of 100` },
        h('span', { style: { width: `${Math.max(2, Math.min(100, score))}%` } })),
      h('span', { class: 'score-num' }, score.toFixed(score % 1 ? 1 : 0))),
    h('td', { class: 'chips' }, reqs.map(reqChip)),
    h('td', { class: 'hide-sm chips' },
      plus.length ? [h('span', { class: 'muted small' }, `${plusMet}/${plus.length} `), plus.filter((q) => q.status !== 'missing').map(reqChip)] : '—'),
    h('td', { class: 'expand-cell' }, toggle));
  const details = h('tr', { class: 'details', id: detailsId, hidden: true },
    h('td', { colspan: '6' }, explain(r, m)));
  tbody.append(tr, details);
}

function explain(r, m) {
  const lines = [...(m.requirements || []).map((q) => ['Required', q]), ...(m.plus || []).map((q) => ['Nice to have', q])];
  const checks = [m.experience, m.education].filter((c) => c && (c.reason || c.status));
  return h('div', { class: 'explain' },
    h('table', { class: 'table inner' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Requirement'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Experience'),
        h('th', { scope: 'col' }, 'Last used'),
        h('th', { scope: 'col' }, 'Evidence in the resume'))),
      h('tbody', {}, lines.map(([kind, q]) => {
        const st = STATUS[q.status] || STATUS.missing;
        return h('tr', {},
          h('td', {}, h('div', { class: 'strong' }, (q.skills || []).join(' / ')), h('div', { class: 'muted small' }, kind)),
          h('td', {}, h('span', { class: `chip ${st.cls}` }, h('span', { class: 'chip-icon', 'aria-hidden': 'true' }, st.icon), st.label),
            q.skill && (q.skills || []).length > 1 ? h('div', { class: 'muted small' }, `has ${q.skill}`) : null,
            q.via ? h('div', { class: 'muted small' }, `via ${q.via}`) : null),
          h('td', { class: 'num' }, years(q.months)),
          h('td', {}, q.last_used ? fmtMonth(q.last_used) : '—'),
          h('td', { class: 'evidence' },
            uniqueLines(q.evidence).slice(0, 3).map((e) => h('div', { class: 'ev' },
              h('span', { class: 'ev-where' }, `${e.section || 'line'} · L${e.line}`),
              h('q', {}, e.text))),
            q.reason ? h('div', { class: 'muted small' }, q.reason) : null,
            !(q.evidence || []).length && !q.reason ? h('span', { class: 'muted' }, 'Not found in the resume') : null));
      }))),
    checks.length ? h('ul', { class: 'checks' }, checks.map((c) => h('li', {}, c.reason || c.status))) : null,
    (m.missing || r.missing || []).length ? h('p', { class: 'small' }, h('strong', {}, 'Missing: '), (m.missing || r.missing).join(', ')) : null);
}
