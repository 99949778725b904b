package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestBlindScreening: a blind key, or ?blind=1 on any key, sees no name,
// email, phone or file name in candidate, search and match responses, and
// cannot download the original.
func TestBlindScreening(t *testing.T) {
	e := newEnv(t, "", nil)
	blindKey, _, err := e.store.CreateAPIKey(context.Background(), roleRecruiter, "blind recruiter", true)
	if err != nil {
		t.Fatal(err)
	}
	status, body := e.upload(e.reader, []string{"daniel-okafor.txt"}, [][]byte{resumeFixture(t, "python-django-aws-senior")})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	var up uploadResp
	json.Unmarshal(body, &up)
	id := up.Candidates[0].ID
	if up.Candidates[0].Contact.Email == "" {
		t.Fatalf("the fixture's email was not extracted; the blind test needs it")
	}
	status, body, _ = e.do(http.MethodPost, "/api/v1/roles", e.reader, "text/plain", strings.NewReader(string(readSeed(t))))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)

	identity := []string{"Daniel", "Okafor", "okafor", "daniel.okafor@example.com", "7700 900123", "daniel-okafor.txt"}
	views := []struct{ key, path string }{
		{blindKey, "/api/v1/candidates/" + id},
		{e.reader, "/api/v1/candidates/" + id + "?blind=1"},
		{blindKey, "/api/v1/candidates?q=django"},
		{e.reader, "/api/v1/candidates?q=django&blind=1"},
		{blindKey, "/api/v1/roles/" + ro.ID + "/matches"},
		{e.reader, "/api/v1/roles/" + ro.ID + "/matches?blind=true"},
		{e.reader, "/api/v1/candidates/" + id + "?blind=TRUE"},
		{e.reader, "/api/v1/candidates?q=django&blind=Yes"},
	}
	for _, v := range views {
		status, body, _ := e.do(http.MethodGet, v.path, v.key, "", nil)
		if status != http.StatusOK {
			t.Errorf("GET %s = %d %s", v.path, status, body)
			continue
		}
		for _, s := range identity {
			if strings.Contains(string(body), s) {
				t.Errorf("GET %s (blind) shows %q", v.path, s)
			}
		}
	}
	// A value that is not a boolean is refused, never read as "not blind".
	for _, path := range []string{"/api/v1/candidates/" + id + "?blind=on", "/api/v1/roles/" + ro.ID + "/matches?blind=maybe"} {
		if status, body, _ := e.do(http.MethodGet, path, e.reader, "", nil); status != http.StatusBadRequest || !strings.Contains(string(body), "blind=") {
			t.Errorf("GET %s = %d %s, want 400 naming blind", path, status, body)
		}
	}
	// The same views without blind do show who it is (so the test above
	// would notice a leak).
	if _, body, _ := e.do(http.MethodGet, "/api/v1/candidates/"+id, e.reader, "", nil); !strings.Contains(string(body), "daniel.okafor@example.com") {
		t.Errorf("non-blind candidate view lacks the email: %s", body)
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/candidates/"+id+"/file", blindKey, "", nil); status != http.StatusForbidden {
		t.Errorf("blind download = %d, want 403", status)
	}
	if status, body, _ := e.do(http.MethodGet, "/api/v1/candidates/"+id+"/file", e.reader, "", nil); status != http.StatusOK || string(body) != string(resumeFixture(t, "python-django-aws-senior")) {
		t.Errorf("download = %d, want 200 with the original bytes", status)
	}
}

// TestLogsCarryNoPersonalData: the access and error logs of an upload and
// a search never contain the resume's name, email or phone, nor the query.
func TestLogsCarryNoPersonalData(t *testing.T) {
	e := newEnv(t, "", nil)
	e.upload(e.reader, []string{"resume.txt"}, [][]byte{resumeFixture(t, "python-django-aws-senior")})
	e.do(http.MethodGet, "/api/v1/candidates?q=okafor", e.reader, "", nil)
	logs := e.logs.String()
	if !strings.Contains(logs, `"route":"/api/v1/candidates"`) {
		t.Fatalf("no access log line for the upload:\n%s", logs)
	}
	for _, s := range []string{"Okafor", "okafor", "example.com", "900123"} {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q:\n%s", s, logs)
		}
	}
}

// TestKeysStaticMetrics: an admin makes a recruiter key that works at
// once; the web UI is served without a key; /metrics labels by route
// template.
func TestKeysStaticMetrics(t *testing.T) {
	e := newEnv(t, "", nil)
	status, body, _ := e.do(http.MethodPost, "/api/v1/keys", e.admin, "application/json", strings.NewReader(`{"role":"recruiter","name":"ats"}`))
	if status != http.StatusCreated {
		t.Fatalf("create key = %d %s", status, body)
	}
	var k struct{ Key, Role string }
	json.Unmarshal(body, &k)
	if !strings.HasPrefix(k.Key, "sm_") || k.Role != roleRecruiter {
		t.Fatalf("create key = %s", body)
	}
	if status, body, _ := e.do(http.MethodGet, "/api/v1/roles", k.Key, "", nil); status != http.StatusOK {
		t.Errorf("new key = %d %s, want 200", status, body)
	}
	var keys struct {
		Keys []struct{ ID, Name string } `json:"keys"`
	}
	e.getJSON("/api/v1/keys", e.admin, &keys)
	var atsID, adminID string
	for _, k := range keys.Keys {
		switch k.Name {
		case "ats":
			atsID = k.ID
		case "test admin":
			adminID = k.ID
		}
	}
	if strings.Contains(fmt.Sprint(keys), "sm_") || atsID == "" {
		t.Fatalf("key list = %+v, want the new key's metadata and no key", keys)
	}
	if status, body, _ := e.do(http.MethodDelete, "/api/v1/keys/"+adminID, e.admin, "", nil); status != http.StatusConflict {
		t.Errorf("revoke own key = %d %s, want 409", status, body)
	}
	if status, body, _ := e.do(http.MethodDelete, "/api/v1/keys/"+atsID, e.admin, "", nil); status != http.StatusNoContent {
		t.Errorf("revoke = %d %s, want 204", status, body)
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/roles", k.Key, "", nil); status != http.StatusUnauthorized {
		t.Errorf("revoked key = %d, want 401", status)
	}
	if status, body, _ := e.do(http.MethodPost, "/api/v1/keys", e.admin, "application/json", strings.NewReader(`{"role":"root"}`)); status != http.StatusBadRequest {
		t.Errorf("key with role root = %d %s, want 400", status, body)
	}

	for _, p := range []string{"/", "/index.html", "/assets/app.js"} {
		if status, body, _ := e.do(http.MethodGet, p, "", "", nil); status != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s = %d, want 200 with the file", p, status)
		}
	}
	if status, body, _ := e.do(http.MethodGet, "/api/v1/nope", e.reader, "", nil); status != http.StatusNotFound || !strings.Contains(string(body), "not_found") {
		t.Errorf("unknown API path = %d %s, want a JSON 404", status, body)
	}
	if status, _, _ := e.do(http.MethodGet, "/missing.css", "", "", nil); status != http.StatusNotFound {
		t.Errorf("missing asset = %d, want 404", status)
	}

	e.do(http.MethodGet, "/api/v1/candidates/abc", e.reader, "", nil)
	status, body, _ = e.do(http.MethodGet, "/metrics", e.reader, "", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `route="/api/v1/candidates/:id"`) || strings.Contains(string(body), "/candidates/abc") {
		t.Errorf("metrics = %d, want route templates as labels and no raw paths:\n%.2000s", status, body)
	}

	var sk struct {
		Skills []skillView `json:"skills"`
	}
	e.getJSON("/api/v1/taxonomy/skills?q=postg", e.reader, &sk)
	if len(sk.Skills) == 0 || sk.Skills[0].ID != "postgresql" {
		t.Errorf("autocomplete postg = %+v, want postgresql first", sk.Skills)
	}
}
