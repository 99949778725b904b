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

// CreateJob stores a new queued job with its items (pending, numbered by
// their order in items) and every blob — keyed by its sha256 — as an
// original, in one transaction. Each item's Hash must name a blob given here
// or already stored, except an item refused before storing, which has no Hash
// and its reason in Error (it is stored pending with that Error, for the job
// runner to fail). The original of a finished item is kept only while a
// candidate or another pending item has the same bytes.
// With an IdempotencyKey, a job with the same key and KeyID already stored
// is returned instead, with created=false. A job without a RoleID or items,
// or a blob whose key is not its sha256, is engine.ErrInvalid.
func (s *Store) CreateJob(ctx context.Context, job Job, items []JobItem, blobs map[string][]byte) (Job, bool, error) {
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
	if len(items) == 0 {
		return Job{}, false, fmt.Errorf("job: no files: %w", engine.ErrInvalid)
	}
	for hash, data := range blobs {
		if hashBytes(data) != hash {
			return Job{}, false, fmt.Errorf("job: blob %s: key is not the sha256 of its bytes: %w", hash, engine.ErrInvalid)
		}
	}
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
	// The originals commit with the job that needs them: one transaction
	// instead of a file each (see migration 0002).
	for hash, data := range blobs {
		if err := putOriginal(ctx, tx, hash, data, true); err != nil {
			return Job{}, false, fmt.Errorf("job: %w", err)
		}
	}
	for i, it := range items {
		if _, ok := blobs[it.Hash]; ok {
			continue
		}
		if it.Hash == "" && it.Error != "" {
			continue // refused before storing (e.g. over a cap): pending with its reason, for the runner to fail
		}
		if !validHash(it.Hash) {
			return Job{}, false, fmt.Errorf("job: item %d: hash %q: %w", i, it.Hash, engine.ErrInvalid)
		}
		if ok, err := s.hasOriginal(ctx, tx, it.Hash); err != nil {
			return Job{}, false, err
		} else if !ok {
			return Job{}, false, fmt.Errorf("job: item %d (%s): no stored file %s: %w", i, it.File, it.Hash, engine.ErrInvalid)
		}
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO job_items (job_id, seq, file, hash, status, candidate_id, score, result, error)
		VALUES (?, ?, ?, ?, 'pending', '', 0, NULL, ?)`)
	if err != nil {
		return Job{}, false, translate(err, "create job")
	}
	defer stmt.Close()
	for i, it := range items {
		if _, err := stmt.ExecContext(ctx, job.ID, i, it.File, it.Hash, it.Error); err != nil {
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

// GetJob returns a job, or engine.ErrNotFound.
func (s *Store) GetJob(ctx context.Context, id string) (Job, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id))
	return j, translate(err, "job "+id)
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
	for _, item := range items {
		if err := finishItem(ctx, tx, item); err != nil {
			return err
		}
	}
	return translate(tx.Commit(), "finish job items")
}

func finishItem(ctx context.Context, tx *sql.Tx, item JobItem) error {
	counter := "done"
	if item.Status == ItemFailed {
		counter = "failed"
	}
	what := fmt.Sprintf("job %s item %d", item.JobID, item.Seq)
	var hash string
	err := tx.QueryRowContext(ctx, `UPDATE job_items SET status = ?, candidate_id = ?, score = ?, result = ?, error = ?
		WHERE job_id = ? AND seq = ? AND status = 'pending' RETURNING hash`,
		item.Status, item.CandidateID, item.Score, item.Result, item.Error, item.JobID, item.Seq).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM job_items WHERE job_id = ? AND seq = ?`, item.JobID, item.Seq).Scan(&status)
		return translate(err, what) // nil: already finished
	}
	if err != nil {
		return translate(err, what)
	}
	if hash != "" {
		// The input is kept only as a candidate's original (or for another
		// pending item): a file that failed, or duplicated another
		// candidate's text, is not kept once its item is finished.
		if _, err := dropOriginalIfUnused(ctx, tx, hash); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET `+counter+` = `+counter+` + 1, updated_at = ? WHERE id = ?`,
		millis(time.Now()), item.JobID); err != nil {
		return translate(err, what)
	}
	return nil
}

// SetJobStatus sets a job's status (and error message, for failed). An
// unknown job is engine.ErrNotFound, an unknown status engine.ErrInvalid.
func (s *Store) SetJobStatus(ctx context.Context, id, status, errMsg string) error {
	if !jobStatuses[status] {
		return fmt.Errorf("job %s: status %q: %w", id, status, engine.ErrInvalid)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?`,
		status, errMsg, millis(time.Now()), id)
	if err != nil {
		return translate(err, "job "+id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("job %s: %w", id, engine.ErrNotFound)
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
