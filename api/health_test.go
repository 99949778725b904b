package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

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
