// roles.js is the role list (#/roles) and the role editor (#/roles/new,
// #/roles/ID/edit). A new role starts from a pasted job description,
// parsed by POST /api/v1/roles/preview into required and plus
// requirements, which the recruiter edits — add or remove skills with
// autocomplete, any-of groups, minimum years, move between required and
// plus — and saves with POST /api/v1/roles (an edit: PUT /api/v1/roles/ID).

import { api } from './api.js';
import { h, mount, pageHeader, toast, years } from './dom.js';
import { skillInput } from './skills.js';

const EDUCATION = [
  ['', 'No minimum'], ['high_school', 'High school'], ['associate', 'Associate'],
  ['bachelor', "Bachelor's"], ['master', "Master's"], ['doctorate', 'Doctorate'],
];

export async function rolesView(main, _args, ctx) {
  const roles = await api.roles();
  if (!ctx.current()) return;
  const newBtn = h('a', { class: 'btn btn-primary', href: '#/roles/new' }, 'New role');
  if (!roles.length) {
    mount(main, pageHeader('Roles', 'A role lists the required and nice-to-have skills candidates are ranked against.', newBtn),
      h('div', { class: 'empty panel' },
        h('p', {}, 'No roles yet.'),
        h('p', { class: 'muted' }, 'Paste a job description and skillmatch turns it into a role you can edit.')));
    return;
  }
  mount(main,
    pageHeader('Roles', `${roles.length} role${roles.length === 1 ? '' : 's'}`, newBtn),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table roles' },
      h('caption', { class: 'sr-only' }, 'Roles'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'Required'),
        h('th', { scope: 'col', class: 'hide-sm' }, 'Nice to have'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, roles.map((r) => h('tr', {},
        h('td', {}, h('a', { class: 'strong', href: `#/matches/${encodeURIComponent(r.id)}` }, r.title || '(untitled)')),
        h('td', {}, reqSummary(r.required)),
        h('td', { class: 'hide-sm muted' }, reqSummary(r.plus)),
        h('td', { class: 'actions-cell' },
          h('a', { class: 'btn btn-small btn-primary', href: `#/matches/${encodeURIComponent(r.id)}` }, 'Matches'),
          h('a', { class: 'btn btn-small', href: `#/roles/${encodeURIComponent(r.id)}/edit`, 'aria-label': `Edit ${r.title}` }, 'Edit'))))))));
}

function reqSummary(reqs) {
  return (reqs || []).map((r) => r.skills.join(' / ')).join(', ') || '—';
}

// roleEditView edits a new role (args empty) or an existing one (args[0]).
export async function roleEditView(main, args, ctx) {
  const id = args[0];
  let role = id ? await api.role(id) : null;
  if (!ctx.current()) return;
  const editor = h('div', { class: 'editor-wrap' });
  if (role) {
    mount(main, pageHeader(`Edit role`, role.title), editor);
    renderEditor(editor, normalize(role), id);
    return;
  }
  const text = h('textarea', {
    id: 'jd-text', rows: '12', spellcheck: 'false',
    placeholder: 'Paste the job description: title, responsibilities, qualifications, skills…',
  });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const previewBtn = h('button', { class: 'btn btn-primary', type: 'submit', id: 'preview-role' }, 'Read requirements');
  const form = h('form', {
    class: 'panel jd-form',
    onsubmit: async (ev) => {
      ev.preventDefault();
      if (!text.value.trim()) { err.textContent = 'Paste a job description first.'; return; }
      previewBtn.disabled = true;
      err.textContent = '';
      try {
        const body = await api.previewRole(text.value);
        renderEditor(editor, normalize(body.role || body), null);
        editor.scrollIntoView({ block: 'start' });
        const first = editor.querySelector('input');
        if (first) first.focus();
      } catch (e) {
        err.textContent = e.friendly || e.message;
      } finally {
        previewBtn.disabled = false;
      }
    },
  },
  h('label', { for: 'jd-text', class: 'strong' }, 'Job description'),
  h('p', { class: 'muted small' }, 'Phrases like “such as Django or Flask” become any-of groups; “is a plus”, “nice to have” and “bonus” become nice-to-have skills.'),
  text, err,
  h('div', { class: 'row-actions' }, previewBtn,
    h('button', {
      class: 'btn btn-quiet', type: 'button',
      onclick: () => renderEditor(editor, normalize({ title: '', required: [], plus: [] }), null),
    }, 'Start from scratch')));
  mount(main, pageHeader('New role', 'Paste a job description, check what skillmatch read, then save.'), form, editor);
}

// normalize turns a server role into the editor's model.
function normalize(r) {
  const req = (x) => ({
    skills: [...(x.skills || [])],
    min_months: x.min_months || 0,
    max_months_ago: x.max_months_ago || 0,
    weight: x.weight || 1,
  });
  return {
    title: r.title || '',
    required: (r.required || []).map(req),
    plus: (r.plus || []).map(req),
    education: r.education || '',
    min_total_months: r.min_total_months || 0,
  };
}

function renderEditor(el, model, id) {
  const err = h('div', { class: 'form-error', role: 'alert', id: 'role-error' });
  const title = h('input', {
    id: 'role-title', type: 'text', value: model.title, required: true,
    oninput: () => { model.title = title.value; },
  });
  const lists = { required: h('ol', { class: 'reqs', id: 'reqs-required' }), plus: h('ol', { class: 'reqs', id: 'reqs-plus' }) };
  const redraw = (kind, focusSel) => {
    mount(lists[kind], model[kind].map((r, i) => reqItem(kind, r, i)));
    if (focusSel) {
      const f = lists[kind].querySelector(focusSel);
      if (f) f.focus();
    }
  };
  const other = (kind) => (kind === 'required' ? 'plus' : 'required');

  function reqItem(kind, r, i) {
    const minYears = h('input', {
      type: 'number', min: '0', max: '40', step: '0.5', id: `${kind}-${i}-years`,
      value: r.min_months ? String(+(r.min_months / 12).toFixed(1)) : '',
      placeholder: 'any', class: 'years-input',
      oninput: () => { r.min_months = Math.round((parseFloat(minYears.value) || 0) * 12); },
    });
    return h('li', { class: 'req', dataset: { kind } },
      h('div', { class: 'req-skills' },
        r.skills.map((s, j) => [
          j ? h('span', { class: 'or' }, 'or') : null,
          h('span', { class: 'chip chip-skill' }, s,
            h('button', {
              type: 'button', class: 'chip-x', 'aria-label': `Remove ${s}`,
              onclick: () => {
                r.skills.splice(j, 1);
                if (!r.skills.length) model[kind].splice(i, 1);
                redraw(kind);
              },
            }, '×')),
        ]),
        skillInput({
          label: `Add an alternative to ${r.skills.join(' or ')}`,
          placeholder: r.skills.length ? '+ or…' : 'Skill…',
          onPick: (name) => {
            if (!r.skills.some((s) => s.toLowerCase() === name.toLowerCase())) r.skills.push(name);
            redraw(kind, `li:nth-child(${i + 1}) .combo input`);
          },
        })),
      h('div', { class: 'req-opts' },
        h('label', { for: `${kind}-${i}-years`, class: 'small' }, 'Min. years'), minYears,
        h('button', {
          type: 'button', class: 'btn btn-small btn-quiet',
          onclick: () => {
            model[kind].splice(i, 1);
            model[other(kind)].push(r);
            redraw(kind);
            redraw(other(kind));
            toast(`Moved ${r.skills.join(' / ')} to ${kind === 'required' ? 'nice to have' : 'required'}`);
          },
        }, kind === 'required' ? 'Move to nice-to-have' : 'Move to required'),
        h('button', {
          type: 'button', class: 'btn btn-small btn-quiet danger', 'aria-label': `Remove requirement ${r.skills.join(' or ')}`,
          onclick: () => { model[kind].splice(i, 1); redraw(kind); },
        }, 'Remove')));
  }

  const adder = (kind) => h('div', { class: 'req-add' },
    skillInput({
      id: `add-${kind}`,
      label: kind === 'required' ? 'Add a required skill' : 'Add a nice-to-have skill',
      placeholder: kind === 'required' ? 'Add a required skill…' : 'Add a nice-to-have skill…',
      onPick: (name) => {
        model[kind].push({ skills: [name], min_months: 0, max_months_ago: 0, weight: 1 });
        redraw(kind, `#add-${kind}`);
        const input = el.querySelector(`#add-${kind}`);
        if (input) input.focus();
      },
    }));

  const edu = h('select', {
    id: 'role-education', onchange: () => { model.education = edu.value; },
  }, EDUCATION.map(([v, label]) => h('option', { value: v, selected: v === model.education }, label)));
  const total = h('input', {
    id: 'role-total', type: 'number', min: '0', max: '40', step: '1', class: 'years-input',
    value: model.min_total_months ? String(Math.round(model.min_total_months / 12)) : '', placeholder: 'any',
    oninput: () => { model.min_total_months = Math.round((parseFloat(total.value) || 0) * 12); },
  });
  // An edit is saved with PUT as a new version of the same role (the
  // server keeps the earlier versions); a new role is POSTed.
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-role' },
    id ? 'Save changes and see matches' : 'Save role and see matches');

  mount(el, h('form', {
    class: 'panel role-editor', 'aria-label': 'Role',
    onsubmit: async (ev) => {
      ev.preventDefault();
      err.textContent = '';
      if (!model.title.trim()) { err.textContent = 'Give the role a title.'; title.focus(); return; }
      if (!model.required.length) { err.textContent = 'Add at least one required skill.'; return; }
      save.disabled = true;
      try {
        const body = { ...model, required: model.required.filter((r) => r.skills.length), plus: model.plus.filter((r) => r.skills.length) };
        const saved = id ? await api.updateRole(id, body) : await api.saveRole(body);
        toast(`Saved “${saved.title || model.title}”`);
        location.hash = `#/matches/${encodeURIComponent(saved.id)}`;
      } catch (e) {
        err.textContent = e.status === 400 ? e.message : (e.friendly || e.message);
        save.disabled = false;
      }
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'role-title', class: 'strong' }, 'Role title'), title),
  h('section', { 'aria-labelledby': 'h-required' },
    h('h2', { id: 'h-required', class: 'h3' }, 'Required ', h('span', { class: 'muted small' }, '— every line must be met; chips on one line are alternatives (any of)')),
    lists.required, adder('required')),
  h('section', { 'aria-labelledby': 'h-plus' },
    h('h2', { id: 'h-plus', class: 'h3' }, 'Nice to have ', h('span', { class: 'muted small' }, '— adds to the score, never required')),
    lists.plus, adder('plus')),
  h('div', { class: 'field-row' },
    h('div', { class: 'field' }, h('label', { for: 'role-education' }, 'Education'), edu),
    h('div', { class: 'field' }, h('label', { for: 'role-total' }, 'Min. total experience (years)'), total)),
  err,
  h('div', { class: 'row-actions' }, save,
    h('a', { class: 'btn btn-quiet', href: '#/roles' }, 'Cancel'),
    model.min_total_months ? h('span', { class: 'muted small' }, `Needs ${years(model.min_total_months)} of experience`) : null)));
  redraw('required');
  redraw('plus');
}
