package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLifecycle walks what a recruiter does — upload, upload again, search,
// create a role from a job description, rank, delete — then restarts on the
// same data folder and checks that store, index and ranker still agree.
func TestLifecycle(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t, dir, nil)
	names := []string{"python-django-aws-senior", "python-flask-gcp", "junior-django", "java-backend", "accountant"}
	var data [][]byte
	var fileNames []string
	for _, n := range names {
		data = append(data, resumeFixture(t, n))
		fileNames = append(fileNames, n+".txt")
	}

	// Upload all five in one request.
	status, body := e.upload(e.reader, fileNames, data)
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s, want 201", status, body)
	}
	var up uploadResp
	if err := json.Unmarshal(body, &up); err != nil {
		t.Fatal(err)
	}
	if len(up.Candidates) != len(names) || len(up.Errors) != 0 {
		t.Fatalf("upload stored %d, errors %v; want %d stored", len(up.Candidates), up.Errors, len(names))
	}
	ids := map[string]string{} // file → id
	for _, c := range up.Candidates {
		if c.ID == "" || c.Duplicate || (c.File != "accountant.txt" && len(c.Skills) == 0) {
			t.Errorf("uploaded %s: id %q duplicate %v, %d skills; want an id, not a duplicate, skills", c.File, c.ID, c.Duplicate, len(c.Skills))
		}
		ids[c.File] = c.ID
	}

	// The same document again is the same candidate, marked duplicate; 200.
	status, body = e.upload(e.reader, []string{"copy.txt"}, data[:1])
	if status != http.StatusOK {
		t.Fatalf("re-upload = %d %s, want 200", status, body)
	}
	var again uploadResp
	json.Unmarshal(body, &again)
	if len(again.Candidates) != 1 || !again.Candidates[0].Duplicate || again.Candidates[0].ID != ids["python-django-aws-senior.txt"] {
		t.Fatalf("re-upload = %s, want the existing candidate marked duplicate", body)
	}

	// Search: full text and skill filter, with facets.
	var sr searchResp
	e.getJSON("/api/v1/candidates?q=django", e.reader, &sr)
	for _, want := range []string{"python-django-aws-senior.txt", "junior-django.txt"} {
		if !contains(hitFiles(sr), want) {
			t.Errorf("search django = %v, want it to include %s", hitFiles(sr), want)
		}
	}
	if contains(hitFiles(sr), "accountant.txt") {
		t.Errorf("search django = %v, want no accountant", hitFiles(sr))
	}
	e.getJSON("/api/v1/candidates?skill=Django", e.reader, &sr)
	if len(sr.Hits) == 0 || len(sr.Facets["skill"]) == 0 {
		t.Errorf("search skill=Django = %d hits, facets %v; want hits with skill facets", len(sr.Hits), sr.Facets)
	}
	status, body, _ = e.do(http.MethodGet, "/api/v1/candidates?skill=Djangoo", e.reader, "", nil)
	if status != http.StatusBadRequest || !strings.Contains(string(body), "Djangoo") || !strings.Contains(string(body), "did you mean Django") {
		t.Errorf("search unknown skill = %d %s, want 400 naming it", status, body)
	}

	// A role from the seed job description.
	status, body, _ = e.do(http.MethodPost, "/api/v1/roles", e.reader, "text/plain", strings.NewReader(string(readSeed(t))))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s, want 201", status, body)
	}
	var ro struct {
		ID       string `json:"id"`
		Required []struct {
			Skills []string `json:"skills"`
		} `json:"required"`
	}
	json.Unmarshal(body, &ro)
	if ro.ID == "" || len(ro.Required) == 0 {
		t.Fatalf("create role = %s, want an id and required skills", body)
	}

	var m matchesResp
	e.getJSON("/api/v1/roles/"+ro.ID+"/matches", e.reader, &m)
	if len(m.Results) != len(names) {
		t.Fatalf("matches = %v, want all %d candidates", files(m), len(names))
	}
	if m.Results[0].File != "python-django-aws-senior.txt" || m.Results[0].Rank != 1 {
		t.Errorf("best match = %s (rank %d), want python-django-aws-senior.txt rank 1", m.Results[0].File, m.Results[0].Rank)
	}
	for i := 1; i < len(m.Results); i++ {
		if m.Results[i].Score > m.Results[i-1].Score {
			t.Errorf("matches not best first: %v", files(m))
		}
	}
	if len(m.Results[0].Requirements) == 0 {
		t.Errorf("best match has no requirement explanations")
	}
	before := files(m)

	// Delete one (admin), then it is gone from get, search and matches.
	gone := ids["junior-django.txt"]
	if status, body, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+gone, e.admin, "", nil); status != http.StatusNoContent {
		t.Fatalf("delete = %d %s, want 204", status, body)
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/candidates/"+gone, e.reader, "", nil); status != http.StatusNotFound {
		t.Errorf("get deleted = %d, want 404", status)
	}
	if status, _, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+gone, e.admin, "", nil); status != http.StatusNotFound {
		t.Errorf("delete again = %d, want 404", status)
	}
	e.getJSON("/api/v1/roles/"+ro.ID+"/matches", e.reader, &m)
	afterDelete := files(m)
	var want []string
	for _, f := range before {
		if f != "junior-django.txt" {
			want = append(want, f)
		}
	}
	if diff := cmp.Diff(want, afterDelete); diff != "" {
		t.Errorf("matches after delete (-want +got):\n%s", diff)
	}
	e.getJSON("/api/v1/candidates?q=django", e.reader, &sr)
	if contains(hitFiles(sr), "junior-django.txt") {
		t.Errorf("search after delete still finds the deleted candidate")
	}

	// The audit log has both rankings and the delete.
	var audit struct {
		Entries []auditView `json:"entries"`
	}
	e.getJSON("/api/v1/audit", e.admin, &audit)
	var actions []string
	for _, a := range audit.Entries {
		actions = append(actions, a.Action)
		if a.Action == "rank" && (a.Subject != ro.ID || a.RoleVersion == "" || a.TaxonomyVersion == "" || a.KeyID == "") {
			t.Errorf("rank audit entry %+v lacks role, versions or key", a)
		}
	}
	if diff := cmp.Diff([]string{"rank", "delete", "rank"}, actions); diff != "" {
		t.Errorf("audit actions, newest first (-want +got):\n%s", diff)
	}

	// Restart on the same folder: same answers.
	e.close()
	e2 := newEnv(t, dir, nil)
	var m2 matchesResp
	e2.getJSON("/api/v1/roles/"+ro.ID+"/matches", e2.reader, &m2)
	if diff := cmp.Diff(afterDelete, files(m2)); diff != "" {
		t.Errorf("matches after restart (-before +after):\n%s", diff)
	}
	var sr2 searchResp
	e2.getJSON("/api/v1/candidates?q=django", e2.reader, &sr2)
	if contains(hitFiles(sr2), "junior-django.txt") || !contains(hitFiles(sr2), "python-django-aws-senior.txt") {
		t.Errorf("search after restart = %v", hitFiles(sr2))
	}
	var ready struct{ Candidates int }
	e2.getJSON("/readyz", "", &ready)
	if ready.Candidates != len(names)-1 {
		t.Errorf("readyz candidates after restart = %d, want %d", ready.Candidates, len(names)-1)
	}
}
