// jobs.js follows a batch job (#/jobs/ID): a progress bar polled from
// GET /api/v1/jobs/ID until the job ends, then its results best first and
// the files that failed, with reasons in plain words.

import { api, list, friendly } from './api.js';
import { h, mount, pageHeader, errorPanel } from './dom.js';
import { reqChip } from './matches.js';

const DONE = new Set(['succeeded', 'failed', 'canceled']);

export async function jobView(main, [id], ctx) {
  const bar = h('progress', { max: '1', value: '0', id: 'job-progress', 'aria-label': 'Batch job progress' });
  const status = h('p', { class: 'summary', 'aria-live': 'polite' });
  const results = h('div', {});
  mount(main, pageHeader('Batch job', `Job ${id}`), h('div', { class: 'panel' }, bar, status), results);
  for (;;) {
    let job;
    try {
      job = await api.job(id);
    } catch (e) {
      if (ctx.current()) mount(results, errorPanel(e));
      return;
    }
    if (!ctx.current()) return;
    const finished = (job.done || 0) + (job.failed || 0);
    bar.max = Math.max(job.total || 0, 1);
    bar.value = finished;
    mount(status,
      h('span', { class: `badge ${job.status === 'succeeded' ? 'badge-ok' : job.status === 'failed' ? 'badge-bad' : 'badge-info'}` }, job.status),
      ` ${finished} of ${job.total || 0} files`,
      job.failed ? ` · ${job.failed} could not be read` : '',
      job.role_id ? [' · ', h('a', { href: `#/matches/${encodeURIComponent(job.role_id)}` }, 'all matches for this role')] : null,
      DONE.has(job.status) ? null : [' ', h('button', {
        type: 'button', class: 'btn btn-small danger',
        onclick: async (ev) => {
          ev.target.disabled = true;
          try { await api.cancelJob(id); } catch (e) { mount(results, errorPanel(e)); }
        },
      }, 'Cancel job')]);
    if (DONE.has(job.status)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const body = await api.jobResults(id);
  if (!ctx.current()) return;
  const rs = list(body, 'results');
  const errs = list(body, 'errors');
  mount(results,
    rs.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, 'Job results'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'File'),
        h('th', { scope: 'col', class: 'num' }, 'Score'),
        h('th', { scope: 'col', class: 'hide-sm' }, 'Required skills'))),
      h('tbody', { id: 'job-results' }, rs.map((r, i) => h('tr', {},
        h('td', { class: 'num' }, r.rank ?? i + 1),
        h('td', {}, r.candidate_id ? h('a', { href: `#/candidates/${encodeURIComponent(r.candidate_id)}` }, r.file) : r.file),
        h('td', { class: 'num strong' }, r.score !== undefined ? Number(r.score).toFixed(1) : '—'),
        h('td', { class: 'hide-sm chips' }, ((r.match || r).requirements || []).map(reqChip))))))) : null,
    errs.length ? h('section', { class: 'panel' },
      h('h2', { class: 'h3' }, 'Files that could not be read'),
      h('ul', { class: 'plain' }, errs.map((e) => h('li', {},
        h('span', { class: 'strong' }, e.file), ' — ', friendly(statusOf(e.code), e.message || '', e.code || ''))))) : null);
}

function statusOf(code) {
  return { too_large: 413, unsupported_format: 415, unreadable: 422 }[code] || 400;
}
