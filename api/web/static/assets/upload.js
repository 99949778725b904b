// upload.js is the upload page: drop (or pick) many resumes or a zip; each
// file is uploaded on its own (two at a time) to POST /api/v1/candidates
// with a progress bar, then marked added, duplicate or failed with a reason
// in plain words. Large sets can instead run as one batch job scored
// against a role (POST /api/v1/jobs), followed on the job page.

import { api, upload, ApiError, session } from './api.js';
import { h, mount, pageHeader, bytes, toast } from './dom.js';
import { unzip, canUnzip } from './zip.js';

const PARALLEL = 2;
const ACCEPT = '.pdf,.docx,.doc,.odt,.rtf,.html,.htm,.md,.markdown,.txt,.text,.zip';
const BATCH_SUGGEST = 25;

export async function uploadView(main) {
  const state = { rows: [], running: 0, queue: [] };
  const fileInput = h('input', {
    id: 'file-input', type: 'file', multiple: true, accept: ACCEPT, class: 'sr-only',
    onchange: () => { add([...fileInput.files]); fileInput.value = ''; },
  });
  const drop = h('div', { class: 'dropzone', id: 'dropzone' },
    h('div', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    h('p', { class: 'drop-title' }, 'Drop resumes here'),
    h('p', { class: 'muted' }, 'PDF, DOCX, HTML, Markdown or text — many at once, or a .zip'),
    h('label', { for: 'file-input', class: 'btn btn-primary', tabindex: '0',
      onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); fileInput.click(); } },
    }, 'Choose files'),
    fileInput);
  for (const t of ['dragenter', 'dragover']) {
    drop.addEventListener(t, (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  }
  for (const t of ['dragleave', 'drop']) {
    drop.addEventListener(t, () => drop.classList.remove('over'));
  }
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    add([...ev.dataTransfer.files]);
  });

  const summary = h('p', { class: 'summary', id: 'upload-summary', 'aria-live': 'polite' });
  const table = h('tbody', {});
  const list = h('div', { class: 'upload-list', hidden: true },
    summary,
    h('table', { class: 'table files' },
      h('caption', { class: 'sr-only' }, 'Uploaded files'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'File'),
        h('th', { scope: 'col', class: 'num hide-sm' }, 'Size'),
        h('th', { scope: 'col' }, 'Status'))),
      table));

  const batch = h('section', { class: 'panel batch', 'aria-labelledby': 'batch-title' });
  mount(main,
    pageHeader('Upload resumes', 'Each file is read, its skills and experience extracted, and the candidate made searchable.'),
    drop, list, batch);
  renderBatch(batch, state);

  async function add(files) {
    const expanded = [];
    for (const f of files) {
      if (/\.zip$/i.test(f.name) && canUnzip) {
        try {
          const { files: inner, skipped } = await unzip(f);
          expanded.push(...inner);
          for (const s of skipped) addRow(s.name, 0).fail(s.reason);
          toast(`${f.name}: ${inner.length} files`);
        } catch (e) {
          addRow(f.name, f.size).fail(`Zip could not be opened: ${e.message}`);
        }
      } else {
        expanded.push(f);
      }
    }
    for (const f of expanded) state.queue.push([f, addRow(f.name, f.size)]);
    if (state.rows.length >= BATCH_SUGGEST && state.hint) {
      state.hint.textContent = `You added ${state.rows.length} files. `;
    }
    pump();
  }

  function addRow(name, size) {
    list.hidden = false;
    const bar = h('progress', { max: '1', value: '0', 'aria-label': `Upload progress of ${name}` });
    const status = h('td', { class: 'status' }, h('span', { class: 'muted' }, 'Waiting…'));
    const tr = h('tr', { dataset: { state: 'queued' } },
      h('td', { class: 'fname' }, name),
      h('td', { class: 'num muted hide-sm' }, size ? bytes(size) : ''),
      status);
    table.appendChild(tr);
    const row = {
      tr,
      progress(p) { tr.dataset.state = 'uploading'; bar.value = p; mount(status, bar); },
      parsing() { mount(status, h('span', { class: 'muted' }, 'Reading…')); },
      done(c, duplicate) {
        tr.dataset.state = duplicate ? 'duplicate' : 'done';
        const link = h('a', { href: `#/candidates/${encodeURIComponent(c.id)}` }, 'View');
        mount(status, duplicate
          ? [h('span', { class: 'badge badge-warn' }, 'Duplicate'), ' already uploaded · ', link]
          : [h('span', { class: 'badge badge-ok' }, 'Added'), ` ${(c.skills || []).length} skills · `, link]);
        summarize();
      },
      fail(reason) {
        tr.dataset.state = 'failed';
        mount(status, h('span', { class: 'badge badge-bad' }, 'Failed'), ' ', h('span', { class: 'reason' }, reason));
        summarize();
      },
    };
    state.rows.push(row);
    summarize();
    return row;
  }

  function summarize() {
    const n = (s) => state.rows.filter((r) => r.tr.dataset.state === s).length;
    const left = n('queued') + n('uploading');
    summary.replaceChildren(
      h('strong', {}, `${n('done')} added`), ` · ${n('duplicate')} duplicate · ${n('failed')} failed`,
      left ? ` · ${left} to go` : '');
  }

  function pump() {
    while (state.running < PARALLEL && state.queue.length) {
      const [file, row] = state.queue.shift();
      state.running++;
      send(file, row).finally(() => { state.running--; pump(); });
    }
  }

  async function send(file, row) {
    try {
      row.progress(0);
      const body = await upload('/api/v1/candidates', [file], {
        onProgress: (p) => (p >= 1 ? row.parsing() : row.progress(p)),
      });
      const errs = (body && body.errors) || [];
      const c = body && ((body.candidates && body.candidates[0]) || (body.id ? body : null));
      if (c) row.done(c, Boolean(c.duplicate));
      else if (errs.length) row.fail(new ApiError(errs[0].status || 422, errs[0].message, errs[0].code).friendly);
      else row.fail('No result from the server');
    } catch (e) {
      row.fail(e.friendly || e.message);
    }
  }
}

async function renderBatch(el, state) {
  let roles = [];
  try { roles = await api.roles(); } catch { /* batch stays unavailable */ }
  const select = h('select', { id: 'batch-role' },
    roles.map((r) => h('option', { value: r.id }, r.title || r.id)));
  const go = h('button', {
    type: 'button', class: 'btn', disabled: roles.length === 0,
    onclick: () => startJob(el, select.value, select.selectedOptions[0].textContent, state),
  }, 'Run batch job');
  mount(el,
    h('h2', { class: 'h3', id: 'batch-title' }, 'Large upload? Run a batch job'),
    h('p', { class: 'muted small' },
      state.hint = h('strong', {}),
      'A batch job uploads everything at once, reads the resumes on the server and scores them against a role; you can leave the page and come back.'),
    roles.length ? h('div', { class: 'inline-form' },
      h('label', { for: 'batch-role' }, 'Score against'), select,
      h('label', { class: 'btn btn-quiet', for: 'batch-files', tabindex: '0' }, 'Choose files or a zip…'),
      h('input', {
        id: 'batch-files', type: 'file', multiple: true, accept: ACCEPT, class: 'sr-only',
        onchange: (ev) => { state.batchFiles = [...ev.target.files]; go.textContent = `Run batch job (${state.batchFiles.length} files)`; },
      }),
      go) : h('p', { class: 'small' }, h('a', { href: '#/roles/new' }, 'Create a role'), ' first to run batch jobs.'),
    session.recentJobs.length ? [
      h('h3', { class: 'h4' }, 'Recent batch jobs from this browser'),
      h('ul', { class: 'plain small', id: 'recent-jobs' }, session.recentJobs.map((j) => h('li', {},
        h('a', { href: `#/jobs/${encodeURIComponent(j.id)}` }, `${j.role || 'Job'} · ${j.files} file${j.files === 1 ? '' : 's'}`),
        h('span', { class: 'muted' }, ` · ${new Date(j.at).toLocaleString()}`)))),
    ] : null);
}

async function startJob(el, roleId, roleTitle, state) {
  const files = state.batchFiles || [];
  if (!files.length) { toast('Choose the files or zip for the batch job first', 'warn'); return; }
  try {
    const body = await upload('/api/v1/jobs', files, { fields: { role_id: roleId } });
    session.addJob({ id: body.id, role: roleTitle, files: files.length, at: new Date().toISOString() });
    location.hash = `#/jobs/${encodeURIComponent(body.id)}`;
  } catch (e) {
    mount(el, h('div', { class: 'panel error', role: 'alert' }, e.friendly || e.message));
  }
}
