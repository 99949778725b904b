-- 0003: durable job callbacks. A row is written in the same transaction that
-- gives a job with a callback_url its final status, so a process that dies
-- before sending still sends after its restart. body is the exact JSON sent,
-- fixed at the first attempt so every retry carries the same HMAC signature.
CREATE TABLE job_callbacks (
	job_id      TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
	status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
	attempts    INTEGER NOT NULL,
	next_at     INTEGER NOT NULL, -- when the next attempt is due (pending only)
	last_status INTEGER NOT NULL, -- HTTP status of the last answer, 0 for none
	last_error  TEXT NOT NULL,
	body        BLOB,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);

CREATE INDEX job_callbacks_pending ON job_callbacks (status) WHERE status = 'pending';
