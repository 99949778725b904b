package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// TestAuditBurstSurvivesClose: entries accepted by Audit are written even
// though Audit does not wait for the database — all of a concurrent burst is
// there after Close and a reopen, each once, in acceptance order per writer.
func TestAuditBurstSurvivesClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	const writers, each = 8, 250
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := AuditEntry{KeyID: fmt.Sprintf("k%d", w), Action: "rank", Subject: fmt.Sprintf("%d", i), RoleVersion: "v1"}
				if err := s.Audit(ctx, e); err != nil {
					t.Errorf("Audit: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Audit(ctx, AuditEntry{Action: "rank"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Audit after Close: err = %v, want ErrClosed", err)
	}

	s = openTest(t, dir)
	n, err := s.CountAudit(ctx, "rank")
	if err != nil {
		t.Fatal(err)
	}
	if all, err := s.CountAudit(ctx, ""); err != nil || all != n {
		t.Errorf("CountAudit of every action = %d, %v; want %d", all, err, n)
	}
	if none, err := s.CountAudit(ctx, "delete"); err != nil || none != 0 {
		t.Errorf("CountAudit(delete) = %d, %v; want 0", none, err)
	}
	if n != writers*each {
		t.Fatalf("%d audit rows after a burst of %d and Close, want all", n, writers*each)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key_id, subject, taxonomy_version FROM audit ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	next := map[string]int{} // per writer, the subject expected next
	for rows.Next() {
		var key, subject, tax string
		if err := rows.Scan(&key, &subject, &tax); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d", next[key]); subject != want {
			t.Fatalf("writer %s: entry %s written where %s was due (lost, repeated or reordered)", key, subject, want)
		}
		next[key]++
		if tax != testOptions().TaxonomyVersion {
			t.Fatalf("taxonomy version %q, want the store's %q", tax, testOptions().TaxonomyVersion)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestListAuditSeesQueuedEntries: a reader right after Audit sees the entry
// (ListAudit waits for the queue), and FlushAudit returns once it is written.
func TestListAuditSeesQueuedEntries(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := s.Audit(ctx, AuditEntry{At: at, KeyID: "k", Action: "rank", Subject: fmt.Sprint(i), TaxonomyVersion: "t1"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ListAudit(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, e := range got {
		subjects = append(subjects, e.Subject)
		if !e.At.Equal(at) || e.TaxonomyVersion != "t1" {
			t.Errorf("entry %+v: want At %v and taxonomy t1", e, at)
		}
	}
	if diff := cmp.Diff([]string{"2", "1", "0"}, subjects); diff != "" {
		t.Errorf("ListAudit right after Audit, newest first (-want +got):\n%s", diff)
	}

	if err := s.Audit(ctx, AuditEntry{Action: "delete", Subject: "c1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.FlushAudit(ctx); err != nil {
		t.Fatalf("FlushAudit: %v", err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE action = 'delete'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("after FlushAudit: %d delete rows (%v), want 1", n, err)
	}
	if err := s.Audit(ctx, AuditEntry{Subject: "x"}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("Audit without an action: err = %v, want ErrInvalid", err)
	}
}

// TestAuditRetriesFailedWrites: while the database refuses writes, entries
// stay queued (FlushAudit times out with the failure); once it accepts them
// again they are all written, none lost or doubled.
func TestAuditRetriesFailedWrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	// A trigger makes every insert fail, like a full disk would.
	if _, err := s.db.ExecContext(ctx, `CREATE TRIGGER audit_refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := s.Audit(ctx, AuditEntry{Action: "rank", Subject: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	err := s.FlushAudit(short)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, engine.ErrConflict) {
		t.Errorf("FlushAudit while writes fail: err = %v, want the deadline and the write's failure", err)
	}
	if _, err := s.db.ExecContext(ctx, `DROP TRIGGER audit_refuse`); err != nil {
		t.Fatal(err)
	}
	if err := s.FlushAudit(ctx); err != nil {
		t.Fatalf("FlushAudit after writes succeed again: %v", err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`).Scan(&n); err != nil || n != 5 {
		t.Errorf("%d audit rows (%v), want 5", n, err)
	}
}
