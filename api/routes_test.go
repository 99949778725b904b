package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// public are the only routes that answer without a key.
var public = map[string]bool{"GET /livez": true, "GET /readyz": true, "HEAD /livez": true, "HEAD /readyz": true}

// adminOnly are the routes a recruiter key is refused (403).
var adminOnly = map[string]bool{
	"POST /api/v1/keys":             true,
	"GET /api/v1/keys":              true,
	"DELETE /api/v1/keys/:id":       true,
	"GET /api/v1/audit":             true,
	"DELETE /api/v1/candidates/:id": true,
	"GET /debug/pprof/:name":        true,
}

// concrete turns a route template into a path that reaches it.
func concrete(path string) string {
	return regexp.MustCompile(`[:*][a-z_]+`).ReplaceAllString(path, "nosuchid")
}

// TestAuthMatrix walks gin's own route list, so a route added without auth
// fails here: without a key or with an unknown one every route but the
// health checks is 401; admin routes refuse a recruiter key with 403 and let
// an admin key through.
func TestAuthMatrix(t *testing.T) {
	e := newEnv(t, "", nil)
	routes := e.s.router.Routes()
	if len(routes) < 15 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for _, r := range routes {
		name := r.Method + " " + r.Path
		path := concrete(r.Path)
		t.Run(name, func(t *testing.T) {
			status, body, hdr := e.do(r.Method, path, "", "", nil)
			if public[name] {
				if status != http.StatusOK {
					t.Errorf("no key: %d %s, want 200", status, body)
				}
				return
			}
			if status != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" {
				t.Errorf("no key: %d %s, want 401 with WWW-Authenticate", status, body)
			}
			if status, body, _ := e.do(r.Method, path, "sm_not-a-real-key", "", nil); status != http.StatusUnauthorized {
				t.Errorf("unknown key: %d %s, want 401", status, body)
			}
			status, body, _ = e.do(r.Method, path, e.reader, "", nil)
			if adminOnly[name] {
				if status != http.StatusForbidden {
					t.Errorf("recruiter key: %d %s, want 403", status, body)
				}
			} else if status == http.StatusUnauthorized || status == http.StatusForbidden {
				t.Errorf("recruiter key: %d %s, want to get past auth", status, body)
			}
			if status, body, _ := e.do(r.Method, path, e.admin, "", nil); status == http.StatusUnauthorized || status == http.StatusForbidden {
				t.Errorf("admin key: %d %s, want to get past auth", status, body)
			}
		})
	}
}

// TestOpenAPICoversEveryRoute fails when a route of the table is missing
// from openapi.json, or the document names a route that does not exist.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	e := newEnv(t, "", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	e.getJSON("/api/v1/openapi.json", e.reader, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	registered := map[string]bool{}
	for _, r := range e.s.router.Routes() {
		p := openAPIPath(r.Path)
		m := strings.ToLower(r.Method)
		registered[m+" "+p] = true
		if _, ok := doc.Paths[p][m]; !ok {
			t.Errorf("%s %s is not in openapi.json", r.Method, p)
		}
	}
	// Every $ref points at something the document defines.
	var raw any
	json.Unmarshal(openAPIDoc, &raw)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if refTarget(raw, ref) == nil {
					t.Errorf("openapi.json: $ref %s points at nothing", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)
	for p, ops := range doc.Paths {
		for m := range ops {
			if m == "parameters" {
				continue
			}
			if !registered[m+" "+p] {
				t.Errorf("openapi.json documents %s %s, which is not a route", strings.ToUpper(m), p)
			}
		}
	}
}

// TestPprof: an admin key reads runtime profiles (the heap profile is in
// pprof's gzip format); an unknown profile is 404.
func TestPprof(t *testing.T) {
	e := newEnv(t, "", nil)
	status, body, _ := e.do(http.MethodGet, "/debug/pprof/heap", e.admin, "", nil)
	if status != http.StatusOK || len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		t.Errorf("heap profile = %d, %d bytes, want 200 and gzip", status, len(body))
	}
	if status, _, _ := e.do(http.MethodGet, "/debug/pprof/nosuchprofile", e.admin, "", nil); status != http.StatusNotFound {
		t.Errorf("unknown profile = %d, want 404", status)
	}
}
