package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/skillmatch/skillmatch/index"
)

// TestEveryRankingAuditedAfterShutdown: the matches handler no longer waits
// for its audit row, yet after a burst of concurrent rankings and a graceful
// shutdown (server closed, store closed) every ranking is in the audit log,
// with the key that asked and the role version used.
func TestEveryRankingAuditedAfterShutdown(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t, dir, nil)
	if status, body := e.upload(e.reader, []string{"junior-django.txt"}, [][]byte{resumeFixture(t, "junior-django")}); status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "text/plain", strings.NewReader(string(readSeed(t))))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID, Version string }
	if err := json.Unmarshal(body, &ro); err != nil {
		t.Fatal(err)
	}
	const clients, each = 8, 40
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := e.reader
			if c%2 == 0 {
				key = e.admin
			}
			for range each {
				if status, body, _ := e.do(http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches?limit=5", key, "", nil); status != http.StatusOK {
					t.Errorf("matches = %d %s", status, body)
					return
				}
			}
		}()
	}
	wg.Wait()
	e.close()

	st, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries, err := st.ListAudit(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]int{}
	for _, a := range entries {
		if a.Action != "rank" {
			continue
		}
		if a.Subject != ro.ID || a.RoleVersion != ro.Version || a.TaxonomyVersion != e.tax.Version {
			t.Errorf("rank entry %+v: want role %s version %s, taxonomy %s", a, ro.ID, ro.Version, e.tax.Version)
		}
		keys[a.KeyID]++
	}
	if len(keys) != 2 {
		t.Fatalf("rank entries by key %v, want the admin's and the recruiter's", keys)
	}
	for k, n := range keys {
		if n != clients*each/2 {
			t.Errorf("key %s: %d rank entries after shutdown, want %d", k, n, clients*each/2)
		}
	}
}
