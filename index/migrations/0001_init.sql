-- 0001: the system of record. Times are Unix milliseconds (UTC).

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- candidates: one row per distinct resume. hash is the sha256 of the original
-- bytes (the file under files/), text_hash the sha256 of the normalised
-- extracted text (NULL when the text is empty, so empty texts never dedupe).
CREATE TABLE candidates (
	id           TEXT PRIMARY KEY,
	file         TEXT NOT NULL,
	format       TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	text_hash    TEXT UNIQUE,
	size         INTEGER NOT NULL,
	created_at   INTEGER NOT NULL,
	total_months INTEGER NOT NULL,
	profile      TEXT NOT NULL, -- engine.Resume as JSON (without the text)
	text         TEXT NOT NULL
);

-- roles: the current version of each role; role_versions keeps every version.
CREATE TABLE roles (
	id         TEXT PRIMARY KEY,
	version    TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE role_versions (
	role_id    TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
	version    TEXT NOT NULL,
	body       TEXT NOT NULL, -- role.Role as JSON
	created_at INTEGER NOT NULL,
	PRIMARY KEY (role_id, version)
);

-- api_keys: only the sha256 of a key is stored.
CREATE TABLE api_keys (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('admin', 'recruiter')),
	blind      INTEGER NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);

CREATE TABLE audit (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	at               INTEGER NOT NULL,
	key_id           TEXT NOT NULL,
	action           TEXT NOT NULL,
	subject          TEXT NOT NULL,
	role_version     TEXT NOT NULL,
	taxonomy_version TEXT NOT NULL,
	detail           TEXT NOT NULL
);

CREATE TABLE jobs (
	id              TEXT PRIMARY KEY,
	role_id         TEXT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
	total           INTEGER NOT NULL,
	done            INTEGER NOT NULL,
	failed          INTEGER NOT NULL,
	callback_url    TEXT NOT NULL,
	idempotency_key TEXT NOT NULL,
	key_id          TEXT NOT NULL,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	error           TEXT NOT NULL
);

CREATE UNIQUE INDEX jobs_idempotency ON jobs (key_id, idempotency_key) WHERE idempotency_key <> '';
CREATE INDEX jobs_status ON jobs (status);

CREATE TABLE job_items (
	job_id       TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	file         TEXT NOT NULL,
	hash         TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
	candidate_id TEXT NOT NULL,
	score        REAL NOT NULL,
	result       BLOB,
	error        TEXT NOT NULL,
	PRIMARY KEY (job_id, seq)
);

CREATE INDEX job_items_pending ON job_items (job_id, status, seq);
CREATE INDEX job_items_hash ON job_items (hash);
