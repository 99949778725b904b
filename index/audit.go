package index

import (
	"context"
	"fmt"
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
// Store's; an entry without an Action is engine.ErrInvalid.
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
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit
		(at, key_id, action, subject, role_version, taxonomy_version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		millis(e.At), e.KeyID, e.Action, e.Subject, e.RoleVersion, e.TaxonomyVersion, e.Detail)
	return translate(err, "audit")
}

// ListAudit returns the newest limit entries, newest first (limit ≤ 0 means
// 100; at most 1,000).
func (s *Store) ListAudit(ctx context.Context, limit int) ([]AuditEntry, error) {
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
