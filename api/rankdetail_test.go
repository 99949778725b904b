package api

import (
	"encoding/json"
	"testing"
)

// TestRankDetail: the audit detail of a ranking, built without a map, reads
// exactly as json.Marshal of the map it replaced.
func TestRankDetail(t *testing.T) {
	for _, tt := range []struct {
		limit         int
		minScore      float64
		strict, blind bool
		results       int
	}{
		{20, 0, false, false, 20},
		{1, 55.5, true, true, 0},
		{200, 100, false, true, 137},
		{5, 1e-7, true, false, 3},
	} {
		want, _ := json.Marshal(map[string]any{"limit": tt.limit, "min_score": tt.minScore, "strict": tt.strict, "blind": tt.blind, "results": tt.results})
		if got := rankDetail(tt.limit, tt.minScore, tt.strict, tt.blind, tt.results); got != string(want) {
			t.Errorf("rankDetail(%+v) = %s, want %s", tt, got, want)
		}
	}
}
