package index

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

func TestAPIKeys(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	if n, err := s.CountAPIKeys(ctx); err != nil || n != 0 {
		t.Fatalf("CountAPIKeys on a fresh store = %d, %v", n, err)
	}
	key, k, err := s.CreateAPIKey(ctx, RoleAdmin, "first admin", false)
	if err != nil {
		t.Fatalf("CreateAPIKey: %v", err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(key, "sm_"))
	if !strings.HasPrefix(key, "sm_") || err != nil || len(raw) != 32 {
		t.Errorf("key %q: want sm_ and 32 bytes of base64url (decode err %v, %d bytes)", key, err, len(raw))
	}
	key2, k2, err := s.CreateAPIKey(ctx, RoleRecruiter, "blind recruiter", true)
	if err != nil || key2 == key || k2.ID == k.ID {
		t.Fatalf("second CreateAPIKey = %q %+v, %v", key2, k2, err)
	}

	for _, tt := range []struct {
		key  string
		want APIKey
	}{{key, k}, {key2, k2}} {
		got, err := s.Authenticate(ctx, tt.key)
		if err != nil {
			t.Errorf("Authenticate: %v", err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Authenticate (-want +got):\n%s", diff)
		}
	}
	last := byte('A')
	if key[len(key)-1] == 'A' {
		last = 'B'
	}
	flipped := key[:len(key)-1] + string(last) // one character off
	for _, bad := range []string{"", "sm_", flipped, strings.TrimPrefix(key, "sm_"), key + "x", strings.Repeat("sm_", 1000)} {
		if _, err := s.Authenticate(ctx, bad); !errors.Is(err, engine.ErrNotFound) {
			t.Errorf("Authenticate(%.20q): err = %v, want ErrNotFound", bad, err)
		}
	}
	if _, _, err := s.CreateAPIKey(ctx, "root", "x", false); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("CreateAPIKey(role root): err = %v, want ErrInvalid", err)
	}
	if n, _ := s.CountAPIKeys(ctx); n != 2 {
		t.Errorf("CountAPIKeys = %d, want 2", n)
	}

	// Only the hash is on disk: the key appears in no file of the data folder.
	s.Close()
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte(key)) || bytes.Contains(data, raw) {
			t.Errorf("%s holds the plain key", path)
		}
		return nil
	})

	s = openTest(t, dir)
	if _, err := s.Authenticate(ctx, key); err != nil {
		t.Errorf("Authenticate after reopen: %v", err)
	}
	if err := s.DeleteAPIKey(ctx, k.ID); err != nil {
		t.Fatalf("DeleteAPIKey: %v", err)
	}
	if _, err := s.Authenticate(ctx, key); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("Authenticate after delete: err = %v, want ErrNotFound", err)
	}
	if err := s.DeleteAPIKey(ctx, k.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("second DeleteAPIKey: err = %v, want ErrNotFound", err)
	}
}

func TestAudit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	entries := []AuditEntry{
		{At: at, KeyID: "k1", Action: "rank", Subject: "role-1", RoleVersion: "v1", Detail: "12 candidates"},
		{At: at.Add(time.Minute), KeyID: "k2", Action: "delete", Subject: "cand-9"},
		{At: at.Add(2 * time.Minute), KeyID: "k1", Action: "rank", Subject: "role-1", RoleVersion: "v2", TaxonomyVersion: "tx-9"},
	}
	for _, e := range entries {
		if err := s.Audit(ctx, e); err != nil {
			t.Fatalf("Audit: %v", err)
		}
	}
	if err := s.Audit(ctx, AuditEntry{KeyID: "k"}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("Audit without action: err = %v, want ErrInvalid", err)
	}
	got, err := s.ListAudit(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []AuditEntry{entries[2], entries[1]}
	want[0].ID, want[1].ID = 3, 2
	want[1].TaxonomyVersion = "test-1" // the store's default
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListAudit (-want +got):\n%s", diff)
	}
}

// TestRevokedKeyStopsAtOnce: Authenticate caches verified keys, yet a key
// stops working as soon as DeleteAPIKey returns — also while other requests
// authenticate with it concurrently — and other keys keep working from the
// cache.
func TestRevokedKeyStopsAtOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	for round := range 20 {
		key, k, err := s.CreateAPIKey(ctx, RoleRecruiter, "r", false)
		if err != nil {
			t.Fatal(err)
		}
		other, _, err := s.CreateAPIKey(ctx, RoleAdmin, "a", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, key); err != nil { // now cached
			t.Fatal(err)
		}
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { // keeps authenticating (and refilling the cache) during the revocation
			defer close(done)
			for {
				select {
				case <-stop:
					return
				default:
					s.Authenticate(ctx, key)
				}
			}
		}()
		time.Sleep(time.Millisecond)
		if err := s.DeleteAPIKey(ctx, k.ID); err != nil {
			t.Fatal(err)
		}
		for range 100 {
			if got, err := s.Authenticate(ctx, key); !errors.Is(err, engine.ErrNotFound) {
				t.Fatalf("round %d: Authenticate after DeleteAPIKey = %+v, %v; want ErrNotFound", round, got, err)
			}
		}
		close(stop)
		<-done
		if _, err := s.Authenticate(ctx, key); !errors.Is(err, engine.ErrNotFound) {
			t.Fatalf("round %d: revoked key authenticates: %v", round, err)
		}
		if _, err := s.Authenticate(ctx, other); err != nil {
			t.Fatalf("round %d: another key after a revocation: %v", round, err)
		}
	}
}

// TestAuthenticateCacheSkipsDatabase: a verified key is answered from memory
// (it keeps working while the database cannot be read), an unknown one never
// is.
func TestAuthenticateCacheSkipsDatabase(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	key, k, err := s.CreateAPIKey(ctx, RoleAdmin, "a", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, key); err != nil {
		t.Fatal(err)
	}
	// Deleting the row behind the Store's back (not through DeleteAPIKey)
	// shows where the answer comes from.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM api_keys`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Authenticate(ctx, key)
	if err != nil {
		t.Fatalf("cached key: %v", err)
	}
	if diff := cmp.Diff(k, got); diff != "" {
		t.Errorf("cached key (-want +got):\n%s", diff)
	}
	if _, err := s.Authenticate(ctx, key+"x"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("unknown key: %v, want ErrNotFound", err)
	}
}
