// candidate.js is one candidate's page (#/candidates/ID): contact (hidden
// in blind mode), positions on a timeline, months per skill as a bar chart
// with last-used dates, other skills (not in the taxonomy) with their
// evidence, education, the original file and delete.

import { api, session, forgetName } from './api.js';
import { h, mount, years, fmtMonth, toast, displayFile } from './dom.js';

export async function candidateView(main, [id], ctx) {
  const c = await api.candidate(id);
  if (!ctx.current()) return;
  const blind = session.blind;
  const name = !blind && c.contact && c.contact.name;
  const dlg = deleteDialog(c, id);
  mount(main,
    h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumb' }, h('a', { href: '#/search' }, '← Candidates')),
        h('h1', { id: 'candidate-name' }, name || displayFile(blind ? '' : c.file, id)),
        h('p', { class: 'muted' }, [blind ? 'Blind screening: identity hidden' : c.file, c.format && c.format.toUpperCase(),
          c.total_months ? `${years(c.total_months)} experience` : null].filter(Boolean).join(' · '))),
      h('div', { class: 'actions' },
        // The server refuses the original in blind mode: it shows who it is.
        blind ? null : h('button', { type: 'button', class: 'btn', id: 'download-original', onclick: () => download(id, c.file) }, 'Download original'),
        h('button', { type: 'button', class: 'btn danger', id: 'delete-candidate', onclick: () => dlg.showModal() }, 'Delete'))),
    dlg,
    h('div', { class: 'cand-grid' },
      h('div', { class: 'cand-side' },
        contactPanel(c, blind),
        educationPanel(c)),
      h('div', { class: 'cand-main' },
        skillsPanel(c),
        timelinePanel(c))));
}

function contactPanel(c, blind) {
  const ct = c.contact || {};
  const rows = [
    ['Email', ct.email && h('a', { href: `mailto:${ct.email}` }, ct.email)],
    ['Phone', ct.phone && h('a', { href: `tel:${ct.phone.replace(/[^+\d]/g, '')}` }, ct.phone)],
    ['Location', ct.location],
    ['Links', (ct.links || []).length && (ct.links || []).map((l) => h('div', { class: 'ellipsis' }, h('a', { href: safeURL(l), rel: 'noopener noreferrer', target: '_blank' }, l)))],
  ].filter(([, v]) => v);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-contact' },
    h('h2', { class: 'h3', id: 'h-contact' }, 'Contact'),
    blind ? h('p', { class: 'muted' }, 'Hidden in blind mode.')
      : rows.length ? h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))
        : h('p', { class: 'muted' }, 'No contact details found.'));
}

function safeURL(u) {
  return /^https?:\/\//i.test(u) ? u : 'https://' + u.replace(/^[a-z]+:/i, '');
}

function educationPanel(c) {
  const ed = c.education || [];
  return h('section', { class: 'panel', 'aria-labelledby': 'h-edu' },
    h('h2', { class: 'h3', id: 'h-edu' }, 'Education'),
    ed.length ? h('ul', { class: 'plain' }, ed.map((e) => h('li', {},
      h('div', { class: 'strong' }, [e.degree || (e.level || '').replace('_', ' '), e.field].filter(Boolean).join(', ') || 'Degree'),
      h('div', { class: 'muted small' }, [e.institution, e.year].filter(Boolean).join(' · ')))))
      : h('p', { class: 'muted' }, 'None found.'));
}

const BARS_SHOWN = 20;

function skillsPanel(c) {
  const skills = c.skills || [];
  const dated = skills.filter((s) => s.months !== null && s.months !== undefined).sort((a, b) => b.months - a.months || a.name.localeCompare(b.name));
  const undated = skills.filter((s) => s.months === null || s.months === undefined);
  const max = Math.max(12, ...dated.map((s) => s.months));
  return h('section', { class: 'panel', 'aria-labelledby': 'h-skills' },
    h('h2', { class: 'h3', id: 'h-skills' }, `Skills `, h('span', { class: 'muted small' }, `${skills.length} found · months of dated experience`)),
    dated.length ? h('ul', { class: 'skillbars', id: 'skill-chart' }, dated.map((s, i) => h('li', { hidden: i >= BARS_SHOWN },
      h('span', { class: 'sb-name', title: s.category || '' }, s.name),
      h('span', { class: 'sb-track', 'aria-hidden': 'true' },
        h('span', { class: 'sb-bar' + (s.current ? ' current' : ''), style: { width: `${(100 * s.months) / max}%` } })),
      h('span', { class: 'sb-val' }, years(s.months),
        h('span', { class: 'muted' }, s.current ? ' · current' : s.last_used ? ` · last ${fmtMonth(s.last_used)}` : ''))))) : null,
    dated.length > BARS_SHOWN ? h('button', {
      type: 'button', class: 'btn btn-small btn-quiet', 'aria-controls': 'skill-chart',
      onclick: (ev) => {
        document.querySelectorAll('#skill-chart li[hidden]').forEach((li) => { li.hidden = false; });
        ev.target.remove();
      },
    }, `Show all ${dated.length} dated skills`) : null,
    undated.length ? [
      h('h3', { class: 'h4' }, 'Mentioned without dates'),
      h('div', { class: 'chips-wrap' }, undated.map((s) => h('span', { class: 'chip', title: evidenceTitle(s) }, s.name))),
    ] : null,
    !skills.length ? h('p', { class: 'muted' }, 'No skills recognised in this resume.') : null,
    otherSkills(c));
}

// otherSkills lists the items of the resume's own skills lists that the
// taxonomy does not know, with the line that names each (scoring does not
// use them).
function otherSkills(c) {
  const others = c.other_skills || [];
  if (!others.length) return null;
  return [
    h('h3', { class: 'h4', id: 'h-other-skills' }, 'Other skills (not in the taxonomy)'),
    h('div', { class: 'chips-wrap', id: 'other-skills', 'aria-labelledby': 'h-other-skills' },
      others.map((o) => h('span', { class: 'chip', title: evidenceTitle(o) }, o.name))),
  ];
}

function evidenceTitle(s) {
  const e = (s.evidence || [])[0];
  return e ? `Line ${e.line}: ${e.text}` : '';
}

function ymToNum(ym) {
  if (!ym) return null;
  const [y, m] = ym.split('-').map(Number);
  return y * 12 + ((m || 1) - 1);
}

function timelinePanel(c) {
  const pos = (c.positions || []).filter((p) => p.start);
  const asOf = ymToNum((c.as_of || '').slice(0, 7)) || ymToNum(new Date().toISOString().slice(0, 7));
  const spans = pos.map((p) => ({ p, a: ymToNum(p.start), b: p.current ? asOf : ymToNum(p.end) || ymToNum(p.start) + Math.max(p.months || 0, 1) }));
  const lo = Math.min(...spans.map((s) => s.a));
  const hi = Math.max(asOf, ...spans.map((s) => s.b));
  const span = Math.max(hi - lo, 12);
  const firstYear = Math.floor(lo / 12);
  const lastYear = Math.floor(hi / 12);
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  const ticks = [];
  for (let y = firstYear + 1; y <= lastYear; y += step) ticks.push(y);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-timeline' },
    h('h2', { class: 'h3', id: 'h-timeline' }, 'Experience ', c.total_months ? h('span', { class: 'muted small' }, `${years(c.total_months)} in total`) : null),
    spans.length ? h('div', { class: 'timeline' },
      h('div', { class: 'tl-axis', 'aria-hidden': 'true' }, ticks.map((y) =>
        h('span', { class: 'tl-tick', style: { left: `${(100 * (y * 12 - lo)) / span}%` } }, String(y)))),
      h('ol', { class: 'tl-rows' }, spans.map(({ p, a, b }) => h('li', { class: 'tl-row' },
        h('div', { class: 'tl-label' },
          h('div', { class: 'strong' }, p.title || 'Position'),
          p.employer ? h('div', { class: 'ellipsis' }, p.employer) : null,
          h('div', { class: 'muted small' }, `${fmtMonth(p.start)} – ${p.current ? 'present' : fmtMonth(p.end)} · ${years(p.months)}`)),
        h('div', { class: 'tl-track', 'aria-hidden': 'true' },
          h('span', { class: 'tl-bar' + (p.current ? ' current' : ''), style: { left: `${(100 * (a - lo)) / span}%`, width: `${Math.max(1, (100 * (b - a)) / span)}%` } })))))) 
      : h('p', { class: 'muted' }, 'No dated positions found.'));
}

async function download(id, file) {
  try {
    const res = await api.originalFile(id);
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: file || `candidate-${id}` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    toast(e.friendly || e.message, 'error');
  }
}

function deleteDialog(c, id) {
  const err = h('p', { class: 'form-error', role: 'alert' });
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
    h('form', {
      method: 'dialog',
      onsubmit: async (ev) => {
        if (ev.submitter && ev.submitter.value !== 'delete') return;
        ev.preventDefault();
        try {
          await api.deleteCandidate(id);
          forgetName(id);
          dlg.close();
          toast('Candidate deleted');
          location.hash = '#/search';
        } catch (e) {
          err.textContent = e.friendly || e.message;
        }
      },
    },
    h('h2', { id: 'dlg-title', class: 'h3' }, 'Delete this candidate?'),
    h('p', {}, 'The profile, the original file and the search entry are removed. This cannot be undone.'),
    err,
    h('div', { class: 'row-actions' },
      h('button', { class: 'btn danger-solid', value: 'delete', id: 'confirm-delete' }, 'Delete'),
      h('button', { class: 'btn', value: 'cancel', formnovalidate: true }, 'Cancel'))));
  return dlg;
}
