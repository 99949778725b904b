package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/index"
)

// brokenStore is the real store whose database stops answering.
type brokenStore struct{ *index.Store }

func (brokenStore) CountCandidates(context.Context) (int, error) {
	return 0, fmt.Errorf("disk I/O error")
}

// TestReadyzFollowsTheStore: /readyz is 503 when the store does not answer,
// and says nothing about why (it needs no key).
func TestReadyzFollowsTheStore(t *testing.T) {
	e := newEnv(t, "", func(c *Config) { c.Store = brokenStore{c.Store.(*index.Store)} })
	status, body, _ := e.do("GET", "/readyz", "", "", nil)
	if status != 503 || strings.Contains(string(body), "disk") {
		t.Errorf("readyz = %d %s, want 503 without detail", status, body)
	}
	if status, _, _ := e.do("GET", "/livez", "", "", nil); status != 200 {
		t.Errorf("livez = %d, want 200", status)
	}
}

// TestHealthHEAD: load balancers that probe with HEAD get GET's status and
// no body, without a key.
func TestHealthHEAD(t *testing.T) {
	e := newEnv(t, "", nil)
	for _, path := range []string{"/livez", "/readyz"} {
		status, body, _ := e.do(http.MethodHead, path, "", "", nil)
		if status != http.StatusOK || len(body) != 0 {
			t.Errorf("HEAD %s = %d with %d body bytes, want 200 and none", path, status, len(body))
		}
	}
	broken := newEnv(t, "", func(c *Config) { c.Store = brokenStore{c.Store.(*index.Store)} })
	if status, _, _ := broken.do(http.MethodHead, "/readyz", "", "", nil); status != http.StatusServiceUnavailable {
		t.Errorf("HEAD /readyz on a broken store = %d, want 503", status)
	}
}

// TestWarnsOfRolesWithUnknownSkills: a stored role naming a skill the
// taxonomy lacks (say, from an overlay the server is no longer started
// with) is named in a warning at start, with the skill, and nothing else.
func TestWarnsOfRolesWithUnknownSkills(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := index.Open(ctx, dir, index.Options{TaxonomyVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := st.PutRole(ctx, role.Role{Title: "Dispatcher", Required: []role.Requirement{{Skills: []string{"Brightpath TMS"}, Weight: 1}, {Skills: []string{"Python"}, Weight: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	e := newEnv(t, dir, nil)
	logs := e.logs.String()
	if !strings.Contains(logs, "taxonomy does not know") || !strings.Contains(logs, saved.ID) || !strings.Contains(logs, "Brightpath TMS") {
		t.Errorf("start logs %s: want a warning naming role %s and Brightpath TMS", logs, saved.ID)
	}
	if strings.Contains(logs, `"Python"`) {
		t.Errorf("start logs %s: Python is a known skill", logs)
	}
}
