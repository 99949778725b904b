package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// globalStatuses are documented once, in the document's description, for
// every authenticated route: a missing key and the rate limit.
var globalStatuses = map[int]bool{http.StatusUnauthorized: true, http.StatusTooManyRequests: true}

// probe is one request sent to every route of a method.
type probe struct {
	query       string
	contentType string
	body        []byte
}

// TestOpenAPIListsStatusesReturned sends every route a set of requests that
// reach its error paths — an unknown and a real id, bad query parameters,
// malformed, unsupported and oversized bodies, a recruiter key on admin
// routes — and fails when the server answers with a status the route's
// operation in openapi.json does not list (401 and 429 are documented for
// all routes at once), or with a 5xx. Every status of the error table a
// probe reached must be documented where it happens.
func TestOpenAPIListsStatusesReturned(t *testing.T) {
	const maxBody, maxUpload = 4 << 10, 16 << 10
	e := newEnv(t, "", func(c *Config) {
		c.Limits = Limits{MaxBody: maxBody, MaxUpload: maxUpload, MaxFiles: 3}
		c.RateLimit = RateLimit{}
	})
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}

	// Real ids, so probes get past the lookup to parameter and body checks.
	status, body := e.upload(e.reader, []string{"a.txt"}, [][]byte{resumeFixture(t, "python-flask-gcp")})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	var up uploadResp
	json.Unmarshal(body, &up)
	status, body, _ = e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/json", strings.NewReader(`{"title":"Go dev","required":["go"]}`))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	realID := map[string]string{"candidates": up.Candidates[0].ID, "roles": ro.ID}

	oversized := bytes.Repeat([]byte("python "), maxUpload)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	for i := 0; i < 4; i++ { // one over MaxFiles
		w, _ := mw.CreateFormFile("file", fmt.Sprintf("r%d.txt", i))
		fmt.Fprintf(w, "Engineer %d\nPython, Go\n", i)
	}
	mw.WriteField("role_id", "nosuchid")
	mw.Close()
	probes := []probe{
		{},
		{query: "?limit=0"}, {query: "?limit=x"}, {query: "?limit=100000"},
		{query: "?min_score=101"}, {query: "?strict=maybe"},
		{query: "?cursor=%25%25%25"}, {query: "?q=(python"}, {query: "?skill=nosuchskill"},
		{query: "?facets=bogus"}, {query: "?blind=maybe"},
	}
	bodies := []probe{
		{contentType: "application/json", body: []byte(`{"title":`)},
		{contentType: "application/json", body: []byte(`{}`)},
		{contentType: "text/plain", body: []byte("hello")},
		{contentType: "text/plain", body: nil},
		{contentType: "image/png", body: []byte("\x89PNG\r\n\x1a\n\x00\x00")},
		{contentType: "text/plain", body: oversized},
		{contentType: mw.FormDataContentType(), body: form.Bytes()},
	}

	param := regexp.MustCompile(`:([a-z_]+)`)
	undocumented := map[string][]int{}
	for _, r := range e.s.router.Routes() {
		tmpl := param.ReplaceAllString(r.Path, "{$1}")
		raw, ok := doc.Paths[tmpl][strings.ToLower(r.Method)]
		if !ok || public[r.Method+" "+r.Path] {
			continue // TestOpenAPICoversEveryRoute reports missing routes
		}
		var op struct {
			Responses map[string]json.RawMessage `json:"responses"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatalf("%s %s: %v", r.Method, tmpl, err)
		}
		ids := []string{"nosuchid"}
		if id := realID[strings.Split(strings.TrimPrefix(r.Path, "/api/v1/"), "/")[0]]; id != "" && r.Method != http.MethodDelete {
			ids = append(ids, id)
		}
		if strings.HasPrefix(r.Path, "/debug/pprof/") {
			ids = []string{"nosuchid", "heap"} // never "profile": it samples for 30 s
		}
		list := probes
		if r.Method == http.MethodPost || r.Method == http.MethodPut {
			list = append(append([]probe(nil), probes[:1]...), bodies...)
		}
		seen := map[int]bool{}
		for _, id := range ids {
			path := regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(r.Path, id)
			for _, key := range []string{e.reader, e.admin} {
				for _, p := range list {
					var rd *bytes.Reader
					if p.body != nil {
						rd = bytes.NewReader(p.body)
					}
					var status int
					var body []byte
					if rd != nil {
						status, body, _ = e.do(r.Method, path+p.query, key, p.contentType, rd)
					} else {
						status, body, _ = e.do(r.Method, path+p.query, key, p.contentType, nil)
					}
					if status >= 500 {
						t.Errorf("%s %s%s (%s): %d %.200s, want no server error", r.Method, path, p.query, p.contentType, status, body)
					}
					if _, documented := op.Responses[fmt.Sprint(status)]; !documented && !globalStatuses[status] && !seen[status] {
						seen[status] = true
						t.Logf("%s %s%s (%s %d bytes): %d %.200s", r.Method, path, p.query, p.contentType, len(p.body), status, body)
						undocumented[r.Method+" "+tmpl] = append(undocumented[r.Method+" "+tmpl], status)
					}
				}
			}
		}
	}
	var names []string
	for n := range undocumented {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Errorf("%s answers %v, which openapi.json does not list for it", n, undocumented[n])
	}
}
