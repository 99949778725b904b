// skills.js knows skill display names (learned from server responses) and
// provides skillInput, an accessible autocomplete (ARIA combobox) backed by
// GET /api/v1/taxonomy/skills?q=.

import { api } from './api.js';
import { h, debounce } from './dom.js';

const names = new Map();

// learnSkills remembers id → display name pairs for skillLabel.
export function learnSkills(skills) {
  for (const s of skills || []) {
    if (s && s.id && s.name) names.set(s.id, s.name);
  }
}

// skillLabel returns the display name of a skill id when known, else the id.
export function skillLabel(id) {
  return names.get(id) || id;
}

let seq = 0;

// skillInput renders a labelled text input that suggests taxonomy skills as
// the user types. onPick(name) is called with the canonical name when the
// user picks a suggestion or presses Enter (the typed text is used when the
// server suggests nothing; the server validates names on save).
export function skillInput({ label, placeholder, onPick, id }) {
  const n = ++seq;
  const inputId = id || `skill-input-${n}`;
  const listId = `skill-list-${n}`;
  let items = [];
  let active = -1;
  const listbox = h('ul', { class: 'combo-list', id: listId, role: 'listbox', hidden: true });
  const input = h('input', {
    id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, placeholder: placeholder || 'Add a skill…',
  });

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (name) => {
    if (!name) return;
    input.value = '';
    close();
    onPick(name);
  };
  const highlight = (i) => {
    active = i;
    [...listbox.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${listId}-${i}`);
  };
  const render = () => {
    listbox.replaceChildren(...items.map((s, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'combo-option',
      onmousedown: (ev) => { ev.preventDefault(); pick(s.name); },
    }, h('span', {}, s.name), s.category ? h('span', { class: 'muted small' }, s.category) : null)));
    listbox.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    active = -1;
  };
  const lookup = debounce(async () => {
    const q = input.value.trim();
    if (!q) { items = []; render(); return; }
    try {
      const found = await api.suggestSkills(q);
      if (input.value.trim() !== q) return;
      items = found.map((s) => (typeof s === 'string' ? { name: s } : s)).slice(0, 10);
      learnSkills(items);
      render();
    } catch {
      items = [];
      render();
    }
  }, 120);

  input.addEventListener('input', lookup);
  // Enter picks a skill; it must never submit the surrounding form.
  input.addEventListener('keypress', (ev) => { if (ev.key === 'Enter') ev.preventDefault(); });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && items.length) {
      ev.preventDefault();
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(Math.min(active + 1, items.length - 1));
    } else if (ev.key === 'ArrowUp' && items.length) {
      ev.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const typed = input.value.trim();
      if (active >= 0) pick(items[active].name);
      else {
        // Prefer what the taxonomy knows: the exact name, else the first
        // suggestion; free text only when nothing was suggested.
        const exact = items.find((s) => s.name.toLowerCase() === typed.toLowerCase());
        pick(exact ? exact.name : items.length ? items[0].name : typed);
      }
    } else if (ev.key === 'Escape') {
      close();
    }
  });

  return h('div', { class: 'combo' },
    label ? h('label', { for: inputId, class: 'sr-only' }, label) : null,
    input, listbox);
}
