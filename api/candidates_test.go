package api

import (
	"testing"

	"github.com/skillmatch/skillmatch/engine/document"
)

// TestPrepareSlotsFollowPool: an upload decodes as many files at once as the
// document pool has workers, and document.DefaultWorkers with a Decoder that
// is no pool.
func TestPrepareSlotsFollowPool(t *testing.T) {
	pool, err := document.NewPool(document.PoolOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	e := newEnv(t, "", func(cfg *Config) { cfg.Decoder = pool })
	if got := e.s.prepareSlots(); got != 3 {
		t.Errorf("prepareSlots with a 3-worker pool = %d, want 3", got)
	}
	wrapped := newEnv(t, "", func(cfg *Config) { cfg.Decoder = struct{ Decoder }{pool} })
	if got := wrapped.s.prepareSlots(); got != document.DefaultWorkers {
		t.Errorf("prepareSlots with another Decoder = %d, want %d", got, document.DefaultWorkers)
	}
}
