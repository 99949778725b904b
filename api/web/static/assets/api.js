// api.js is the only place that talks to the server: the /api/v1 routes of
// DESIGN.md "HTTP API contract", with the API key from localStorage as a
// Bearer token. Errors become ApiError with a message a recruiter can read.

const KEY = 'skillmatch.apiKey';
const BLIND = 'skillmatch.blind';
const JOBS = 'skillmatch.jobs';

export const session = {
  get key() { return localStorage.getItem(KEY) || ''; },
  set key(v) { v ? localStorage.setItem(KEY, v) : localStorage.removeItem(KEY); },
  // recentJobs are the batch jobs started from this browser, newest first.
  get recentJobs() {
    try { return JSON.parse(localStorage.getItem(JOBS) || '[]'); } catch { return []; }
  },
  addJob(job) {
    const jobs = [job, ...this.recentJobs.filter((j) => j.id !== job.id)].slice(0, 10);
    localStorage.setItem(JOBS, JSON.stringify(jobs));
  },
  get blind() { return localStorage.getItem(BLIND) === '1'; },
  set blind(v) { v ? localStorage.setItem(BLIND, '1') : localStorage.removeItem(BLIND); },
};

// ApiError carries the HTTP status, the server's message and a plain-words
// explanation for people (friendly).
export class ApiError extends Error {
  constructor(status, message, code) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
    this.friendly = friendly(status, message || '', code || '');
  }
}

// friendly maps a failed request to words a recruiter understands. The
// server's own message is kept when it is already specific.
export function friendly(status, message, code) {
  const m = (message + ' ' + code).toLowerCase();
  if (status === 0) return 'Cannot reach the skillmatch server. Check your connection and try again.';
  if (status === 401) return 'That API key was not accepted. Sign in again with a valid key.';
  if (status === 403) return 'Your API key is not allowed to do this (ask an admin).';
  if (status === 413 || m.includes('too large') || m.includes('too_large')) return 'File too large';
  if (status === 415 || m.includes('unsupported')) return 'Unsupported file type — use PDF, DOCX, HTML, Markdown or text';
  if (status === 422 || m.includes('unreadable')) {
    if (m.includes('scan') || m.includes('no text') || m.includes('image')) return 'Scanned PDF — no text to read';
    if (m.includes('encrypt') || m.includes('password')) return 'Password-protected document — cannot be read';
    return 'Could not read this document' + (message ? ` (${message})` : '');
  }
  if (status === 429) return 'Too many requests — wait a moment and try again.';
  if (status === 404) return 'Not found — it may have been deleted.';
  if (status >= 500) return 'The server had a problem. Try again; if it persists, tell your admin.';
  return message || `Request failed (${status})`;
}

async function parseError(res) {
  let message = '';
  let code = '';
  try {
    const body = await res.json();
    const e = body.error ?? body;
    if (typeof e === 'string') message = e;
    else { message = e.message || body.message || ''; code = e.code || ''; }
  } catch { /* not JSON */ }
  return new ApiError(res.status, message, code);
}

function withBlind(path) {
  if (!session.blind) return path;
  return path + (path.includes('?') ? '&' : '?') + 'blind=1';
}

// request calls the API and returns the decoded JSON (null for 204).
export async function request(method, path, { body, type, raw, signingIn } = {}) {
  const headers = { Authorization: `Bearer ${session.key}` };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  } else if (typeof body === 'string') {
    headers['Content-Type'] = type || 'text/plain; charset=utf-8';
  }
  let res;
  try {
    res = await fetch(withBlind(path), { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'network error');
  }
  if (res.status === 401 && session.key && !signingIn) {
    window.dispatchEvent(new CustomEvent('skillmatch:unauthorized'));
  }
  if (!res.ok) throw await parseError(res);
  if (raw) return res;
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

const get = (p) => request('GET', p);
const qs = (o) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) v.forEach((x) => u.append(k, x));
    else if (v !== undefined && v !== null && v !== '') u.set(k, v);
  }
  const s = u.toString();
  return s ? '?' + s : '';
};

// list pulls the array out of a response that may be a bare array or an
// object with one of the given keys.
export function list(body, ...keys) {
  if (Array.isArray(body)) return body;
  for (const k of keys) if (body && Array.isArray(body[k])) return body[k];
  return [];
}

export const api = {
  checkKey: () => request('GET', '/api/v1/roles', { signingIn: true }),
  search: ({ q, skills, limit, cursor }) =>
    get('/api/v1/candidates' + qs({ q, skill: skills, limit, cursor })),
  candidate: (id) => get(`/api/v1/candidates/${encodeURIComponent(id)}`),
  deleteCandidate: (id) => request('DELETE', `/api/v1/candidates/${encodeURIComponent(id)}`),
  originalFile: (id) => request('GET', `/api/v1/candidates/${encodeURIComponent(id)}/file`, { raw: true }),
  roles: async () => list(await get('/api/v1/roles'), 'roles', 'items'),
  role: (id) => get(`/api/v1/roles/${encodeURIComponent(id)}`),
  saveRole: (role) => request('POST', '/api/v1/roles', { body: role }),
  updateRole: (id, role) => request('PUT', `/api/v1/roles/${encodeURIComponent(id)}`, { body: role }),
  previewRole: (text) => request('POST', '/api/v1/roles/preview', { body: text }),
  matches: (id, { limit, minScore, strict }) =>
    get(`/api/v1/roles/${encodeURIComponent(id)}/matches` +
      qs({ limit, min_score: minScore || undefined, strict: strict ? 1 : undefined })),
  suggestSkills: async (q) => list(await get('/api/v1/taxonomy/skills' + qs({ q, limit: 12 })), 'skills', 'items', 'results'),
  job: (id) => get(`/api/v1/jobs/${encodeURIComponent(id)}`),
  jobResults: (id) => get(`/api/v1/jobs/${encodeURIComponent(id)}/results`),
  cancelJob: (id) => request('POST', `/api/v1/jobs/${encodeURIComponent(id)}/cancel`),
};

// upload sends files as multipart `file` fields (plus extra fields) with
// XMLHttpRequest so the caller sees upload progress: onProgress(0..1).
// Resolves to the decoded JSON body; rejects with ApiError.
export function upload(path, files, { fields = {}, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withBlind(path));
    xhr.setRequestHeader('Authorization', `Bearer ${session.key}`);
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    }
    xhr.onerror = () => reject(new ApiError(0, 'network error'));
    xhr.onload = () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body); return; }
      const e = body && (body.error ?? body);
      const msg = typeof e === 'string' ? e : (e && (e.message || body.message)) || '';
      reject(new ApiError(xhr.status, msg, e && e.code));
    };
    xhr.send(form);
  });
}

// Names of candidates, fetched on demand for lists whose rows only carry a
// file name (search hits, matches). Never used in blind mode.
const nameCache = new Map();

// fillNames calls show(id, name) for each id whose candidate has a contact
// name, fetching at most four profiles at a time; a failed fetch is skipped.
export async function fillNames(ids, show) {
  if (session.blind) return;
  const todo = [...new Set(ids)];
  const worker = async () => {
    while (todo.length) {
      const id = todo.shift();
      if (!nameCache.has(id)) {
        try {
          const c = await request('GET', `/api/v1/candidates/${encodeURIComponent(id)}`);
          nameCache.set(id, (c && c.contact && c.contact.name) || '');
        } catch {
          nameCache.set(id, '');
        }
      }
      if (nameCache.get(id)) show(id, nameCache.get(id));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// forgetName drops a deleted candidate from the name cache.
export function forgetName(id) { nameCache.delete(id); }
