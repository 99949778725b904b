package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// ginParam matches a path parameter of a gin route template (":id").
var ginParam = regexp.MustCompile(`:([a-z_]+)`)

// openAPIPath is the openapi.json path of gin route template p:
// "/roles/:id" → "/roles/{id}".
func openAPIPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

// refTarget is what the local JSON reference ref ("#/components/…") names
// in doc, or nil when it names nothing.
func refTarget(doc any, ref string) any {
	at := doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := at.(map[string]any)
		at = m[part]
	}
	return at
}

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

	undocumented := map[string][]int{}
	for _, r := range e.s.router.Routes() {
		tmpl := openAPIPath(r.Path)
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
			path := ginParam.ReplaceAllString(r.Path, id)
			for _, key := range []string{e.reader, e.admin} {
				for _, p := range list {
					var rd io.Reader // a nil *bytes.Reader would not be a nil body
					if p.body != nil {
						rd = bytes.NewReader(p.body)
					}
					status, body, _ := e.do(r.Method, path+p.query, key, p.contentType, rd)
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

// TestOpenAPIDescribesResponseFields sends real requests and fails on any
// field of a response that the operation's schema does not name, where the
// schema lists properties (objects typed only as "object" stay open).
func TestOpenAPIDescribesResponseFields(t *testing.T) {
	e := newEnv(t, "", nil)
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	var resolve func(s map[string]any) map[string]any
	schemaOf := func(tmpl, method string, status int) map[string]any {
		t.Helper()
		var at any = doc
		for _, k := range []string{"paths", tmpl, method, "responses", fmt.Sprint(status), "content", "application/json", "schema"} {
			m, _ := at.(map[string]any)
			at = resolve(m)[k]
		}
		s, ok := at.(map[string]any)
		if !ok {
			t.Fatalf("%s %s: no JSON schema for %d", method, tmpl, status)
		}
		return s
	}
	resolve = func(s map[string]any) map[string]any {
		for {
			ref, ok := s["$ref"].(string)
			if !ok {
				return s
			}
			s, _ = refTarget(doc, ref).(map[string]any)
		}
	}
	var walk func(s map[string]any, v any, path string, out map[string]bool)
	walk = func(s map[string]any, v any, path string, out map[string]bool) {
		s = resolve(s)
		switch v := v.(type) {
		case map[string]any:
			if extra, ok := s["additionalProperties"].(map[string]any); ok {
				for k, x := range v {
					walk(extra, x, path+"."+k, out)
				}
				return
			}
			props, ok := s["properties"].(map[string]any)
			if !ok {
				return
			}
			for k, x := range v {
				ps, ok := props[k].(map[string]any)
				if !ok {
					out[path+"."+k] = true
					continue
				}
				walk(ps, x, path+"."+k, out)
			}
		case []any:
			if items, ok := s["items"].(map[string]any); ok {
				for _, x := range v {
					walk(items, x, path+"[]", out)
				}
			}
		}
	}
	check := func(method, tmpl, path, key, contentType string, body io.Reader, want int) []byte {
		t.Helper()
		status, b, _ := e.do(method, path, key, contentType, body)
		if status != want {
			t.Fatalf("%s %s = %d %.300s, want %d", method, path, status, b, want)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		out := map[string]bool{}
		walk(schemaOf(tmpl, strings.ToLower(method), want), v, "", out)
		var names []string
		for n := range out {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) > 0 {
			t.Errorf("%s %s answers fields openapi.json does not describe: %v", method, tmpl, names)
		}
		return b
	}

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	w, _ := mw.CreateFormFile("file", "python-flask-gcp.txt")
	w.Write(resumeFixture(t, "python-flask-gcp"))
	mw.Close()
	var up uploadResp
	json.Unmarshal(check(http.MethodPost, "/api/v1/candidates", "/api/v1/candidates", e.reader, mw.FormDataContentType(), &form, http.StatusCreated), &up)
	id := up.Candidates[0].ID
	check(http.MethodGet, "/api/v1/candidates/{id}", "/api/v1/candidates/"+id, e.reader, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/candidates", "/api/v1/candidates?q=python", e.reader, "", nil, http.StatusOK)
	var ro struct{ ID string }
	json.Unmarshal(check(http.MethodPost, "/api/v1/roles", "/api/v1/roles", e.reader, "text/plain", bytes.NewReader(readSeed(t)), http.StatusCreated), &ro)
	check(http.MethodGet, "/api/v1/roles", "/api/v1/roles", e.reader, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/roles/{id}/matches", "/api/v1/roles/"+ro.ID+"/matches", e.reader, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/roles/{id}/matches", "/api/v1/roles/"+ro.ID+"/matches?blind=1", e.reader, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/taxonomy/skills", "/api/v1/taxonomy/skills?q=pyt", e.reader, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/audit", "/api/v1/audit", e.admin, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/keys", "/api/v1/keys", e.admin, "", nil, http.StatusOK)
	check(http.MethodGet, "/api/v1/candidates/{id}", "/api/v1/candidates/nosuchid", e.reader, "", nil, http.StatusNotFound)
}
