package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
)

// TestMatchesCountToToday checks the product rule that a current job keeps
// counting: candidates uploaded in January and ranked in September score
// as the same files parsed in September do — in the open view, the blind
// view, and after the cached January ranking (a new month is a new cache
// key, not a stale hit).
func TestMatchesCountToToday(t *testing.T) {
	var now atomic.Int64
	day := func(y int, m time.Month, d int) { now.Store(time.Date(y, m, d, 9, 0, 0, 0, time.UTC).Unix()) }
	day(2026, time.January, 10)
	e := newEnv(t, "", func(c *Config) { c.AsOf = func() time.Time { return time.Unix(now.Load(), 0).UTC() } })
	names := []string{"python-django-aws-senior", "python-flask-gcp", "junior-django", "java-backend", "data-scientist"}
	e.uploadFixtures(t, names...)
	const roleYAML = "title: Python Backend Developer\nrequired:\n  - skill: Python\n    min_years: 12\n  - skill: Django\n    min_years: 4\n  - any: [AWS, GCP]\nplus: [Docker]\nmin_total_years: 15\n"
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader(roleYAML))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro role.Role
	if err := json.Unmarshal(body, &ro); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/roles/" + ro.ID + "/matches?limit=50"

	// what `rank` gives for the files on a given day
	want := func(asOf time.Time) map[string]float64 {
		out := map[string]float64{}
		for _, n := range names {
			text := resumeFixture(t, n)
			out[n+".txt"] = role.Score(resume.Parse(string(text), e.tax, resume.Options{AsOf: asOf}), ro, e.tax).Score
		}
		return out
	}
	got := func(path string) map[string]float64 {
		var m matchesResp
		e.getJSON(path, e.reader, &m)
		out := map[string]float64{}
		for _, r := range m.Results {
			out[r.File] = r.Score
		}
		return out
	}
	blind := func() map[string]float64 {
		// blind rows hide the file name: match them by candidate id
		var m matchesResp
		e.getJSON(path+"&blind=1", e.reader, &m)
		byID := map[string]float64{}
		for _, r := range m.Results {
			byID[r.CandidateID] = r.Score
		}
		var open matchesResp
		e.getJSON(path, e.reader, &open)
		out := map[string]float64{}
		for _, r := range open.Results {
			out[r.File] = byID[r.CandidateID]
		}
		return out
	}

	january := want(time.Date(2026, time.January, 10, 0, 0, 0, 0, time.UTC))
	if diff := cmp.Diff(january, got(path)); diff != "" {
		t.Fatalf("January matches differ from the files scored in January (-want +got):\n%s", diff)
	}
	day(2026, time.September, 5)
	september := want(time.Date(2026, time.September, 5, 0, 0, 0, 0, time.UTC))
	if cmp.Equal(january, september) {
		t.Fatal("the fixtures score the same in January and September: the test would prove nothing")
	}
	if diff := cmp.Diff(september, got(path)); diff != "" {
		t.Errorf("September matches of January uploads differ from the files scored in September (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(september, blind()); diff != "" {
		t.Errorf("September blind matches differ from the files scored in September (-want +got):\n%s", diff)
	}
	// an upload in September joins the September ranking merged into the
	// cache (RankSince) with its own, September, figures
	e.uploadFixtures(t, "frontend-react")
	names = append(names, "frontend-react")
	if diff := cmp.Diff(want(time.Date(2026, time.September, 5, 0, 0, 0, 0, time.UTC)), got(path)); diff != "" {
		t.Errorf("after a September upload (-want +got):\n%s", diff)
	}
}

// TestCandidateCountsToToday: a candidate's page shows the months its
// current job has on the server's date, as the same file parsed that day
// does — not the months it had on upload day — in the open and blind views;
// so do the search list (after a cached answer from upload day) and the
// answer to an upload of the same file again.
func TestCandidateCountsToToday(t *testing.T) {
	var now atomic.Int64
	day := func(y int, m time.Month, d int) time.Time {
		at := time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
		now.Store(at.Unix())
		return at
	}
	uploaded := day(2026, time.January, 10)
	e := newEnv(t, "", func(c *Config) { c.AsOf = func() time.Time { return time.Unix(now.Load(), 0).UTC() } })
	text := resumeFixture(t, "python-django-aws-senior")
	status, body := e.upload(e.reader, []string{"senior.txt"}, [][]byte{text})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	var up uploadResp
	if err := json.Unmarshal(body, &up); err != nil {
		t.Fatal(err)
	}
	id := up.Candidates[0].ID

	// the figures that change with the date
	type figures struct {
		Total  int
		Months map[string]int
		Last   map[string]string
	}
	of := func(r engine.Resume) figures {
		f := figures{Total: r.TotalMonths, Months: map[string]int{}, Last: map[string]string{}}
		for _, sk := range r.Skills {
			if sk.Months != nil {
				f.Months[sk.ID] = *sk.Months
			}
			if sk.LastUsed != nil {
				f.Last[sk.ID] = *sk.LastUsed
			}
		}
		return f
	}
	parsed := func(at time.Time) figures {
		return of(resume.Parse(string(text), e.tax, resume.Options{AsOf: at}))
	}
	page := func(query string) figures {
		var v engine.Resume // the view embeds the profile
		e.getJSON("/api/v1/candidates/"+id+query, e.reader, &v)
		return of(v)
	}
	listed := func(query string) []int {
		var found struct {
			Hits []struct {
				TotalMonths int `json:"total_months"`
			} `json:"hits"`
		}
		e.getJSON("/api/v1/candidates?q=python"+query, e.reader, &found)
		var out []int
		for _, h := range found.Hits {
			out = append(out, h.TotalMonths)
		}
		return out
	}
	if diff := cmp.Diff(parsed(uploaded), page("")); diff != "" {
		t.Fatalf("on upload day the page differs from the file parsed that day (-want +got):\n%s", diff)
	}
	if got := listed(""); !cmp.Equal(got, []int{parsed(uploaded).Total}) {
		t.Fatalf("on upload day the search list's total_months = %v, want [%d]", got, parsed(uploaded).Total)
	}
	september := day(2026, time.September, 5)
	want := parsed(september)
	if cmp.Equal(want, parsed(uploaded)) {
		t.Fatal("the fixture has the same figures in January and September: the test would prove nothing")
	}
	for _, query := range []string{"", "?blind=1"} {
		if diff := cmp.Diff(want, page(query)); diff != "" {
			t.Errorf("September page%s of a January upload differs from the file parsed in September (-want +got):\n%s", query, diff)
		}
	}
	for _, query := range []string{"", "&blind=1"} {
		if got := listed(query); !cmp.Equal(got, []int{want.Total}) {
			t.Errorf("September search list%s: total_months = %v, want [%d] as the file parsed in September", query, got, want.Total)
		}
	}
	status, body = e.upload(e.reader, []string{"again.txt"}, [][]byte{text})
	var again struct{ Candidates []engine.Resume }
	if err := json.Unmarshal(body, &again); err != nil || status != http.StatusOK || len(again.Candidates) != 1 {
		t.Fatalf("upload again = %d %s, want 200 with the duplicate", status, body)
	}
	if diff := cmp.Diff(want, of(again.Candidates[0])); diff != "" {
		t.Errorf("September upload of the same file answers other figures than the file parsed in September (-want +got):\n%s", diff)
	}
}
