package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// Job is a batch scoring job. Done counts items finished successfully,
// Failed items that failed; Done+Failed == Total once every item is finished.
type Job struct {
	ID, RoleID     string
	Status         string // queued, running, succeeded, failed, canceled
	Total          int
	Done, Failed   int
	CallbackURL    string
	IdempotencyKey string
	KeyID          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Error          string
	// Callback is the delivery record of the job's callback, set by GetJob
	// once the job with a CallbackURL has ended; nil otherwise.
	Callback *JobCallback
}

// JobItem is one input file of a job and, once finished, its result.
type JobItem struct {
	JobID       string
	Seq         int
	File        string
	Hash        string // sha256 of the input; the bytes are Blob(Hash)
	Status      string // pending, done, failed
	CandidateID string
	Score       float64
	Result      []byte // JSON of the match
	Error       string
}

// Job and item statuses.
const (
	JobQueued    = "queued"
	JobRunning   = "running"
	JobSucceeded = "succeeded"
	JobFailed    = "failed"
	JobCanceled  = "canceled"

	ItemPending = "pending"
	ItemDone    = "done"
	ItemFailed  = "failed"
)

var jobStatuses = map[string]bool{JobQueued: true, JobRunning: true, JobSucceeded: true, JobFailed: true, JobCanceled: true}

// JobInput is one file of a job to create: its name and bytes, or, for a
// file refused before storing (over a cap, a symlink in a zip), the reason
// in Error and no Data.
type JobInput struct {
	File  string
	Data  []byte
	Error string
}

// CreateJob stores a new queued job with one pending item per input, numbered
// by their order, in one transaction, after writing every input's bytes as
// an original file named by their sha256 (ContentHash, computed here once;
// the item's Hash). An input with an Error is stored pending with that
// reason and no original, for the job runner to fail. The original of a
// finished item is kept only while a candidate or another pending item has
// the same bytes.
// With an IdempotencyKey, a job with the same key and KeyID already stored
// is returned instead, with created=false (and nothing is written). A job
// without a RoleID or inputs is engine.ErrInvalid.
func (s *Store) CreateJob(ctx context.Context, job Job, inputs []JobInput) (Job, bool, error) {
	if job.RoleID == "" {
		return Job{}, false, fmt.Errorf("job: no role: %w", engine.ErrInvalid)
	}
	if job.IdempotencyKey != "" {
		if j, err := s.jobByIdempotency(ctx, job.KeyID, job.IdempotencyKey); err == nil {
			return j, false, nil
		} else if !errors.Is(err, engine.ErrNotFound) {
			return Job{}, false, err
		}
	}
	if len(inputs) == 0 {
		return Job{}, false, fmt.Errorf("job: no files: %w", engine.ErrInvalid)
	}
	items := make([]JobItem, len(inputs))
	var blobs []blob
	seen := make(map[string]bool, len(inputs))
	for i, in := range inputs {
		items[i] = JobItem{Seq: i, File: in.File, Status: ItemPending, Error: in.Error}
		if in.Error != "" {
			continue // refused before storing (e.g. over a cap): pending with its reason, for the runner to fail
		}
		h := ContentHash(in.Data)
		items[i].Hash = h
		if !seen[h] {
			seen[h] = true
			blobs = append(blobs, blob{hash: h, data: in.Data})
		}
	}
	// The inputs are written as files before the transaction that makes
	// them pending items (files.go); if it fails they are removed again.
	s.files.RLock()
	written, err := s.writeBlobs(blobs, true)
	var (
		j       Job
		created bool
	)
	if err == nil {
		j, created, err = s.createJobTx(ctx, job, items)
	} else {
		err = fmt.Errorf("job: %w", err)
	}
	s.files.RUnlock()
	if !created {
		if rerr := s.removeUnusedBlobs(ctx, written...); rerr != nil {
			s.log.Warn("could not remove unreferenced original files (the next start does)", "err", rerr)
		}
	}
	return j, created, err
}

// createJobTx commits the job with its items. The caller has written their
// originals and holds s.files shared.
func (s *Store) createJobTx(ctx context.Context, job Job, items []JobItem) (Job, bool, error) {
	now := time.Now().UTC().Truncate(time.Millisecond)
	job.ID = newID()
	job.Status = JobQueued
	job.Total, job.Done, job.Failed = len(items), 0, 0
	job.CreatedAt, job.UpdatedAt = now, now
	job.Error = ""

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Job{}, false, translate(err, "create job")
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO jobs (id, role_id, status, total, done, failed, callback_url,
		idempotency_key, key_id, created_at, updated_at, error) VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, '')`,
		job.ID, job.RoleID, job.Status, job.Total, job.CallbackURL, job.IdempotencyKey, job.KeyID, millis(now), millis(now))
	if isConstraint(err) && job.IdempotencyKey != "" {
		// A concurrent request with the same key won the race.
		tx.Rollback()
		j, err := s.jobByIdempotency(ctx, job.KeyID, job.IdempotencyKey)
		return j, false, err
	}
	if err != nil {
		return Job{}, false, translate(err, "create job")
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO job_items (job_id, seq, file, hash, status, candidate_id, score, result, error)
		VALUES (?, ?, ?, ?, 'pending', '', 0, NULL, ?)`)
	if err != nil {
		return Job{}, false, translate(err, "create job")
	}
	defer stmt.Close()
	for _, it := range items {
		if _, err := stmt.ExecContext(ctx, job.ID, it.Seq, it.File, it.Hash, it.Error); err != nil {
			return Job{}, false, translate(err, "create job item")
		}
	}
	if err := tx.Commit(); err != nil {
		return Job{}, false, translate(err, "create job")
	}
	return job, true, nil
}

const jobColumns = `id, role_id, status, total, done, failed, callback_url, idempotency_key, key_id, created_at, updated_at, error`

func scanJob(row scanner) (Job, error) {
	var (
		j                Job
		created, updated int64
	)
	err := row.Scan(&j.ID, &j.RoleID, &j.Status, &j.Total, &j.Done, &j.Failed, &j.CallbackURL,
		&j.IdempotencyKey, &j.KeyID, &created, &updated, &j.Error)
	j.CreatedAt, j.UpdatedAt = fromMillis(created), fromMillis(updated)
	return j, err
}

func (s *Store) jobByIdempotency(ctx context.Context, keyID, idem string) (Job, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs
		WHERE key_id = ? AND idempotency_key = ?`, keyID, idem))
	return j, translate(err, "job with idempotency key")
}

// GetJob returns a job with its callback record, or engine.ErrNotFound.
func (s *Store) GetJob(ctx context.Context, id string) (Job, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id))
	if err != nil {
		return Job{}, translate(err, "job "+id)
	}
	if j.CallbackURL != "" {
		cb, err := s.GetJobCallback(ctx, id)
		switch {
		case err == nil:
			j.Callback = &cb
		case !errors.Is(err, engine.ErrNotFound):
			return Job{}, err
		}
	}
	return j, nil
}

const itemColumns = `job_id, seq, file, hash, status, candidate_id, score, result, error`

func (s *Store) items(ctx context.Context, q string, args ...any) ([]JobItem, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []JobItem{}
	for rows.Next() {
		var it JobItem
		if err := rows.Scan(&it.JobID, &it.Seq, &it.File, &it.Hash, &it.Status, &it.CandidateID, &it.Score, &it.Result, &it.Error); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// PendingItems returns up to limit unfinished items of a job in order
// (limit ≤ 0: all).
func (s *Store) PendingItems(ctx context.Context, jobID string, limit int) ([]JobItem, error) {
	if limit <= 0 {
		limit = -1
	}
	items, err := s.items(ctx, `SELECT `+itemColumns+` FROM job_items
		WHERE job_id = ? AND status = 'pending' ORDER BY seq LIMIT ?`, jobID, limit)
	return items, translate(err, "job "+jobID+" items")
}

// JobResults returns every item of a job in input order, finished or not.
// It fails with engine.ErrNotFound for an unknown job.
func (s *Store) JobResults(ctx context.Context, id string) ([]JobItem, error) {
	if _, err := s.GetJob(ctx, id); err != nil {
		return nil, err
	}
	items, err := s.items(ctx, `SELECT `+itemColumns+` FROM job_items WHERE job_id = ? ORDER BY seq`, id)
	return items, translate(err, "job "+id+" results")
}

// FinishItem records an item's outcome (Status done or failed, with
// CandidateID, Score, Result or Error) and counts it in its job, in one
// transaction. It is idempotent: an item already finished is left as it is
// and not counted again, so a worker that crashed after committing can safely
// redo its last item. An unknown item is engine.ErrNotFound, another Status
// engine.ErrInvalid.
func (s *Store) FinishItem(ctx context.Context, item JobItem) error {
	return s.FinishItems(ctx, []JobItem{item})
}

// FinishItems is FinishItem for a batch, in one transaction (one durable
// commit instead of one per item): all are recorded or, on error, none.
func (s *Store) FinishItems(ctx context.Context, items []JobItem) error {
	for _, item := range items {
		if item.Status != ItemDone && item.Status != ItemFailed {
			return fmt.Errorf("job %s item %d: status %q: want done or failed: %w", item.JobID, item.Seq, item.Status, engine.ErrInvalid)
		}
	}
	if len(items) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "finish job items")
	}
	defer tx.Rollback()
	// One prepared update per batch, and each job's counters bumped once.
	upd, err := tx.PrepareContext(ctx, `UPDATE job_items SET status = ?, candidate_id = ?, score = ?, result = ?, error = ?
		WHERE job_id = ? AND seq = ? AND status = 'pending' RETURNING hash`)
	if err != nil {
		return translate(err, "finish job items")
	}
	defer upd.Close()
	type counts struct{ done, failed int }
	finished := map[string]*counts{}
	var released []string
	for _, item := range items {
		what := fmt.Sprintf("job %s item %d", item.JobID, item.Seq)
		var hash string
		err := upd.QueryRowContext(ctx, item.Status, item.CandidateID, item.Score, item.Result, item.Error,
			item.JobID, item.Seq).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			// Finished already (nothing to do) or no such item.
			var status string
			err := tx.QueryRowContext(ctx, `SELECT status FROM job_items WHERE job_id = ? AND seq = ?`, item.JobID, item.Seq).Scan(&status)
			if err != nil {
				return translate(err, what)
			}
			continue
		}
		if err != nil {
			return translate(err, what)
		}
		c := finished[item.JobID]
		if c == nil {
			c = &counts{}
			finished[item.JobID] = c
		}
		if item.Status == ItemFailed {
			c.failed++
		} else {
			c.done++
		}
		if hash != "" {
			released = append(released, hash)
		}
	}
	now := millis(time.Now())
	for id, c := range finished {
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET done = done + ?, failed = failed + ?, updated_at = ? WHERE id = ?`,
			c.done, c.failed, now, id); err != nil {
			return translate(err, "job "+id)
		}
	}
	if err := tx.Commit(); err != nil {
		return translate(err, "finish job items")
	}
	// An input is kept only as a candidate's original (or for another
	// pending item): a file that failed, or duplicated another candidate's
	// text, goes once its item is finished.
	if err := s.removeUnusedBlobs(ctx, released...); err != nil {
		s.log.Warn("could not remove finished items' input files (the next start does)", "err", err)
	}
	return nil
}

// SetJobStatus sets a job's status (and error message, for failed). An
// unknown job is engine.ErrNotFound, an unknown status engine.ErrInvalid.
//
// A final status (succeeded, failed, canceled) given to a job with a
// CallbackURL also records, in the same transaction, its callback as pending
// (once: a later final status keeps the first record), so the callback is
// owed even if the process dies before sending it (see PendingCallbacks).
func (s *Store) SetJobStatus(ctx context.Context, id, status, errMsg string) error {
	if !jobStatuses[status] {
		return fmt.Errorf("job %s: status %q: %w", id, status, engine.ErrInvalid)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "job "+id)
	}
	defer tx.Rollback()
	now := millis(time.Now())
	var callbackURL string
	err = tx.QueryRowContext(ctx, `UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ? RETURNING callback_url`,
		status, errMsg, now, id).Scan(&callbackURL)
	if err != nil {
		return translate(err, "job "+id)
	}
	final := status == JobSucceeded || status == JobFailed || status == JobCanceled
	if final && callbackURL != "" {
		_, err := tx.ExecContext(ctx, `INSERT INTO job_callbacks
			(job_id, status, attempts, next_at, last_status, last_error, body, created_at, updated_at)
			VALUES (?, 'pending', 0, ?, 0, '', NULL, ?, ?) ON CONFLICT (job_id) DO NOTHING`, id, now, now, now)
		if err != nil {
			return translate(err, "job "+id+" callback")
		}
	}
	return translate(tx.Commit(), "job "+id)
}

// JobCallback is the delivery record of a job's callback: pending until it is
// delivered (a 2xx answer) or failed (refused, or out of attempts).
type JobCallback struct {
	JobID      string
	URL        string
	Status     string // pending, delivered, failed
	Attempts   int
	NextAt     time.Time // when the next attempt is due, while pending
	LastStatus int       // HTTP status of the last answer; 0 for none
	LastError  string
	// Body is the JSON sent, fixed at the first attempt; nil before it.
	Body      []byte
	UpdatedAt time.Time
}

// Callback delivery statuses.
const (
	CallbackPending   = "pending"
	CallbackDelivered = "delivered"
	CallbackFailed    = "failed"
)

const callbackColumns = `c.job_id, j.callback_url, c.status, c.attempts, c.next_at, c.last_status, c.last_error, c.body, c.updated_at`

func scanCallback(row scanner) (JobCallback, error) {
	var (
		cb            JobCallback
		next, updated int64
	)
	err := row.Scan(&cb.JobID, &cb.URL, &cb.Status, &cb.Attempts, &next, &cb.LastStatus, &cb.LastError, &cb.Body, &updated)
	cb.NextAt, cb.UpdatedAt = fromMillis(next), fromMillis(updated)
	return cb, err
}

// GetJobCallback returns the callback record of a job, or engine.ErrNotFound
// when it has none (no callback_url, or not ended yet).
func (s *Store) GetJobCallback(ctx context.Context, jobID string) (JobCallback, error) {
	cb, err := scanCallback(s.db.QueryRowContext(ctx, `SELECT `+callbackColumns+`
		FROM job_callbacks c JOIN jobs j ON j.id = c.job_id WHERE c.job_id = ?`, jobID))
	return cb, translate(err, "job "+jobID+" callback")
}

// PendingCallbacks returns every callback still to deliver, oldest due first.
func (s *Store) PendingCallbacks(ctx context.Context) ([]JobCallback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+callbackColumns+`
		FROM job_callbacks c JOIN jobs j ON j.id = c.job_id WHERE c.status = 'pending' ORDER BY c.next_at, c.job_id`)
	if err != nil {
		return nil, translate(err, "pending callbacks")
	}
	defer rows.Close()
	out := []JobCallback{}
	for rows.Next() {
		cb, err := scanCallback(rows)
		if err != nil {
			return nil, translate(err, "pending callbacks")
		}
		out = append(out, cb)
	}
	return out, translate(rows.Err(), "pending callbacks")
}

// RecordCallbackAttempt stores the outcome of an attempt: cb's Status,
// Attempts, NextAt, LastStatus and LastError. The body is stored only by the
// first attempt that gives one; later bodies are ignored, so a retry (also
// after a restart) sends what the first attempt sent. A callback no longer
// pending is left alone. Unknown jobs are engine.ErrNotFound, an unknown
// status engine.ErrInvalid.
func (s *Store) RecordCallbackAttempt(ctx context.Context, cb JobCallback) error {
	if cb.Status != CallbackPending && cb.Status != CallbackDelivered && cb.Status != CallbackFailed {
		return fmt.Errorf("job %s callback: status %q: %w", cb.JobID, cb.Status, engine.ErrInvalid)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE job_callbacks SET status = ?, attempts = ?, next_at = ?,
		last_status = ?, last_error = ?, body = COALESCE(body, ?), updated_at = ?
		WHERE job_id = ? AND status = 'pending'`,
		cb.Status, cb.Attempts, millis(cb.NextAt), cb.LastStatus, cb.LastError, cb.Body, millis(time.Now()), cb.JobID)
	if err != nil {
		return translate(err, "job "+cb.JobID+" callback")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.GetJobCallback(ctx, cb.JobID); err != nil {
			return err
		}
	}
	return nil
}

// UnfinishedJobs returns the queued and running jobs, oldest first, for
// workers to resume after a restart.
func (s *Store) UnfinishedJobs(ctx context.Context) ([]Job, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs
		WHERE status IN ('queued', 'running') ORDER BY created_at, rowid`)
	if err != nil {
		return nil, translate(err, "unfinished jobs")
	}
	defer rows.Close()
	out := []Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, translate(err, "unfinished jobs")
		}
		out = append(out, j)
	}
	return out, translate(rows.Err(), "unfinished jobs")
}
