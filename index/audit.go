package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// AuditEntry records who did what to whom, with the role and taxonomy
// versions that produced the outcome. Ranking people is regulated work; the
// log is append-only. Detail must not hold personal data.
type AuditEntry struct {
	ID              int64
	At              time.Time
	KeyID           string
	Action          string // rank, delete, …
	Subject         string // a role, candidate or job id
	RoleVersion     string
	TaxonomyVersion string
	Detail          string
}

// Audit appends an entry. At defaults to now and TaxonomyVersion to the
// Store's; an entry without an Action is engine.ErrInvalid, and a closed
// Store refuses entries with ErrClosed.
//
// Audit does not wait for the database: the entry is queued and a writer
// commits queued entries together, one transaction at most every
// auditLinger (ranking requests no longer queue behind a SQLite commit
// each). The guarantee stays: every accepted entry is written, in order —
// ListAudit, FlushAudit and Close wait for the entries queued before them,
// and a failed write is retried, never dropped. The crash window: a process
// killed outright (SIGKILL, power loss) loses the entries accepted in the
// last auditLinger plus one commit (tens of milliseconds); a graceful
// shutdown (Close) loses none. When the writer falls behind by
// auditMaxPending entries, Audit blocks until it catches up.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if e.Action == "" {
		return fmt.Errorf("audit entry: no action: %w", engine.ErrInvalid)
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	if e.TaxonomyVersion == "" {
		e.TaxonomyVersion = s.opts.TaxonomyVersion
	}
	return s.audit.enqueue(ctx, s, e)
}

// FlushAudit waits until every entry Audit accepted before the call is
// committed, or ctx ends (then it returns ctx's error and, when the last
// write failed, that failure).
func (s *Store) FlushAudit(ctx context.Context) error {
	return s.audit.flush(ctx)
}

// ErrClosed is returned for work handed to a Store after Close.
var ErrClosed = errors.New("store closed")

const (
	// auditLinger is how long the writer waits after the first queued entry
	// for more to arrive, so a burst of rankings is one transaction.
	auditLinger = 20 * time.Millisecond
	// auditMaxBatch caps the entries of one transaction.
	auditMaxBatch = 1000
	// auditMaxPending is how far behind the writer may fall before Audit
	// blocks (backpressure instead of unbounded memory).
	auditMaxPending = 10_000
	// auditRetry is the pause after a failed write before the next try.
	auditRetry = 500 * time.Millisecond
)

// auditQueue is the write-behind queue of audit entries: a slice guarded by
// mu, sequence numbers for "queued" and "committed", and one writer
// goroutine, started with the first entry and stopped by close.
type auditQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond // signalled when committed moves, on close, and on a failed write
	pending  []AuditEntry
	queued   uint64 // entries accepted so far
	written  uint64 // entries committed so far (in order, so the first `written` of `queued`)
	lastErr  error  // the last write's failure, nil after a success
	closed   bool
	started  bool
	wake     chan struct{} // capacity 1: "there is something to write"
	stopped  chan struct{} // closed when the writer returns
	stopping chan struct{} // closed by close to ask the writer to drain and stop
}

func (q *auditQueue) init() {
	if q.cond == nil {
		q.cond = sync.NewCond(&q.mu)
		q.wake = make(chan struct{}, 1)
		q.stopped = make(chan struct{})
		q.stopping = make(chan struct{})
	}
}

func (q *auditQueue) enqueue(ctx context.Context, s *Store, e AuditEntry) error {
	q.mu.Lock()
	q.init()
	for !q.closed && len(q.pending) >= auditMaxPending && ctx.Err() == nil {
		q.waitCtx(ctx)
	}
	switch {
	case q.closed:
		q.mu.Unlock()
		return fmt.Errorf("audit: %w", ErrClosed)
	case ctx.Err() != nil:
		q.mu.Unlock()
		return fmt.Errorf("audit: %w", ctx.Err())
	}
	q.pending = append(q.pending, e)
	q.queued++
	if !q.started {
		q.started = true
		go q.run(s)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return nil
}

// waitCtx waits on cond, or until ctx ends. The caller holds q.mu.
func (q *auditQueue) waitCtx(ctx context.Context) {
	stop := context.AfterFunc(ctx, func() {
		q.mu.Lock()
		q.cond.Broadcast()
		q.mu.Unlock()
	})
	q.cond.Wait()
	stop()
}

func (q *auditQueue) flush(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.init()
	target := q.queued
	for q.written < target && !q.closed && ctx.Err() == nil {
		q.waitCtx(ctx)
	}
	if q.written >= target {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("flush audit: %w", errors.Join(err, q.lastErr))
	}
	return fmt.Errorf("flush audit: %w", errors.Join(ErrClosed, q.lastErr))
}

// run is the writer: it waits for entries, lingers for more, and commits
// them in batches until close asks it to stop, then writes what is left.
func (q *auditQueue) run(s *Store) {
	defer close(q.stopped)
	for {
		select {
		case <-q.stopping:
			q.drain(s, true)
			return
		default:
		}
		select {
		case <-q.wake:
		case <-q.stopping:
			continue
		}
		select {
		case <-time.After(auditLinger):
		case <-q.stopping:
		}
		if !q.drain(s, false) {
			select {
			case <-time.After(auditRetry):
			case <-q.stopping:
			}
			select { // try again even if nothing new arrives
			case q.wake <- struct{}{}:
			default:
			}
		}
	}
}

// drain commits pending entries in batches until none are left. It reports
// false when a write failed (the entries stay queued). final gives up after
// one failure: Close reports it.
func (q *auditQueue) drain(s *Store, final bool) bool {
	for {
		q.mu.Lock()
		n := min(len(q.pending), auditMaxBatch)
		batch := q.pending[:n:n]
		q.mu.Unlock()
		if n == 0 {
			return true
		}
		err := s.writeAudit(batch)
		q.mu.Lock()
		q.lastErr = err
		if err == nil {
			q.pending = q.pending[n:]
			if len(q.pending) == 0 {
				q.pending = nil // let a burst's backing array go
			}
			q.written += uint64(n)
		} else {
			s.log.Error("audit write failed; entries kept and retried", "entries", n, "err", err)
		}
		q.cond.Broadcast()
		q.mu.Unlock()
		if err != nil {
			return false
		}
	}
}

// close refuses new entries, writes the queued ones and stops the writer.
// It reports how many entries could not be written, as an error.
func (q *auditQueue) close(s *Store) error {
	q.mu.Lock()
	q.init()
	if q.closed {
		q.mu.Unlock()
		return nil
	}
	q.closed = true
	started := q.started
	q.cond.Broadcast()
	q.mu.Unlock()
	if started {
		close(q.stopping)
		<-q.stopped
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if n := len(q.pending); n > 0 {
		return fmt.Errorf("audit: %d entries not written: %w", n, q.lastErr)
	}
	return nil
}

// writeAudit commits entries in one transaction.
func (s *Store) writeAudit(entries []AuditEntry) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "audit")
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit
		(at, key_id, action, subject, role_version, taxonomy_version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return translate(err, "audit")
	}
	defer stmt.Close()
	for _, e := range entries {
		if _, err := stmt.ExecContext(ctx, millis(e.At), e.KeyID, e.Action, e.Subject, e.RoleVersion, e.TaxonomyVersion, e.Detail); err != nil {
			return translate(err, "audit")
		}
	}
	return translate(tx.Commit(), "audit")
}

// CountAudit returns how many entries have action (every entry when action
// is ""), after waiting for the queued ones (FlushAudit).
func (s *Store) CountAudit(ctx context.Context, action string) (int, error) {
	if err := s.FlushAudit(ctx); err != nil {
		return 0, err
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE ? = '' OR action = ?`, action, action).Scan(&n)
	return n, translate(err, "count audit")
}

// ListAudit returns the newest limit entries, newest first (limit ≤ 0 means
// 100; at most 1,000). It first waits for the entries Audit accepted before
// the call (FlushAudit), so a reader sees every ranking made before it asked.
func (s *Store) ListAudit(ctx context.Context, limit int) ([]AuditEntry, error) {
	if err := s.FlushAudit(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, key_id, action, subject, role_version, taxonomy_version, detail
		FROM audit ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, translate(err, "list audit")
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var (
			e  AuditEntry
			at int64
		)
		if err := rows.Scan(&e.ID, &at, &e.KeyID, &e.Action, &e.Subject, &e.RoleVersion, &e.TaxonomyVersion, &e.Detail); err != nil {
			return nil, translate(err, "list audit")
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, translate(rows.Err(), "list audit")
}
