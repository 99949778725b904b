package api

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// TestRolesAndMatchOptions covers role bodies of each content type, a role
// with more plus than required items, preview not saving, and the matches
// parameters.
func TestRolesAndMatchOptions(t *testing.T) {
	e := newEnv(t, "", nil)
	names := []string{"python-django-aws-senior", "java-backend", "frontend-react"}
	e.uploadFixtures(t, names...)

	bodies := []struct{ name, contentType, body string }{
		{"yaml", "application/yaml", "title: Python dev\nrequired: [Python]\nplus: [Django, AWS, Docker, PostgreSQL, Git]\n"},
		{"json", "application/json", `{"title": "Python dev", "required": [{"any": ["Django", "Flask"]}], "plus": ["AWS"]}`},
		{"job description", "text/plain; charset=utf-8", "Python Developer\n\nRequirements:\n- 3+ years of Python\n- Django or Flask\n\nNice to have: AWS\n"},
	}
	for _, b := range bodies {
		t.Run(b.name, func(t *testing.T) {
			status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, b.contentType, strings.NewReader(b.body))
			if status != http.StatusCreated {
				t.Fatalf("create = %d %s, want 201", status, body)
			}
			var ro struct{ ID, Version string }
			json.Unmarshal(body, &ro)
			if ro.ID == "" || ro.Version == "" {
				t.Fatalf("create = %s, want id and version", body)
			}
			var m matchesResp
			e.getJSON("/api/v1/roles/"+ro.ID+"/matches", e.reader, &m)
			if len(m.Results) != len(names) || m.Results[0].File != "python-django-aws-senior.txt" {
				t.Errorf("matches = %v, want all three with the Python resume first", files(m))
			}
			if m.Role.Version != ro.Version {
				t.Errorf("matches cite role version %q, want %q", m.Role.Version, ro.Version)
			}
			e.getJSON("/api/v1/roles/"+ro.ID+"/matches?strict=true", e.reader, &m)
			if contains(files(m), "java-backend.txt") {
				t.Errorf("strict matches = %v, want no java-backend (it lacks required skills)", files(m))
			}
			e.getJSON("/api/v1/roles/"+ro.ID+"/matches?limit=1", e.reader, &m)
			if len(m.Results) != 1 {
				t.Errorf("limit=1 gave %d results", len(m.Results))
			}
			e.getJSON("/api/v1/roles/"+ro.ID+"/matches?min_score=50", e.reader, &m)
			for _, r := range m.Results {
				if r.Score < 50 {
					t.Errorf("min_score=50 returned %s with %.1f", r.File, r.Score)
				}
			}
		})
	}

	bad := []struct {
		method, path, contentType, body string
		want                            int
	}{
		{"POST", "/api/v1/roles", "application/yaml", "title: x\nrequired: [Pythonn]\n", http.StatusBadRequest},
		{"POST", "/api/v1/roles", "image/png", "x", http.StatusUnsupportedMediaType},
		{"POST", "/api/v1/roles", "text/plain", "", http.StatusBadRequest},
		{"POST", "/api/v1/roles", "text/plain", strings.Repeat("python ", 300_000), http.StatusRequestEntityTooLarge},
		{"GET", "/api/v1/roles/nosuchrole", "", "", http.StatusNotFound},
		{"GET", "/api/v1/roles/nosuchrole/matches", "", "", http.StatusNotFound},
		{"GET", "/api/v1/candidates?limit=0", "", "", http.StatusBadRequest},
		{"GET", "/api/v1/roles/x/matches?min_score=101", "", "", http.StatusBadRequest},
		{"GET", "/api/v1/roles/x/matches?strict=maybe", "", "", http.StatusBadRequest},
		{"GET", "/api/v1/candidates?limit=abc", "", "", http.StatusBadRequest},
		{"GET", "/api/v1/candidates?q=" + "%28%28%28", "", "", http.StatusBadRequest},
	}
	for _, b := range bad {
		status, body, _ := e.do(b.method, b.path, e.reader, b.contentType, strings.NewReader(b.body))
		if status != b.want {
			t.Errorf("%s %s (%s) = %d %.200s, want %d", b.method, b.path, b.contentType, status, body, b.want)
		}
	}

	var list struct {
		Roles []struct{ ID string } `json:"roles"`
	}
	e.getJSON("/api/v1/roles", e.reader, &list)
	before := len(list.Roles)
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles/preview", e.reader, "text/plain", strings.NewReader(string(readSeed(t))))
	if status != http.StatusOK || !strings.Contains(string(body), "Django") {
		t.Errorf("preview = %d %s, want 200 with the parsed role", status, body)
	}
	e.getJSON("/api/v1/roles", e.reader, &list)
	if len(list.Roles) != before || before != len(bodies) {
		t.Errorf("roles: %d before preview, %d after; want %d both", before, len(list.Roles), len(bodies))
	}
}

// TestUpdateRole checks PUT /roles/{id}: a new version under the same id, the
// old one kept in the history, matches ranking with the new one, and the
// errors POST gives plus 404 for an unknown id.
func TestUpdateRole(t *testing.T) {
	e := newEnv(t, "", nil)
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader("title: Python dev\nrequired: [Python]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create = %d %s", status, body)
	}
	var first struct{ ID, Version, Title string }
	json.Unmarshal(body, &first)

	status, body, _ = e.do(http.MethodPut, "/api/v1/roles/"+first.ID, e.reader, "application/yaml", strings.NewReader("title: Go dev\nrequired: [Go]\nplus: [Docker]\n"))
	if status != http.StatusOK {
		t.Fatalf("update = %d %s, want 200", status, body)
	}
	var second struct{ ID, Version, Title string }
	json.Unmarshal(body, &second)
	if second.ID != first.ID || second.Version == first.Version || second.Title != "Go dev" {
		t.Errorf("update = %+v after %+v, want the same id, a new version, title Go dev", second, first)
	}
	var got struct{ ID, Version, Title string }
	e.getJSON("/api/v1/roles/"+first.ID, e.reader, &got)
	if got != second {
		t.Errorf("get after update = %+v, want %+v", got, second)
	}
	var list struct {
		Roles []struct{ ID string } `json:"roles"`
	}
	e.getJSON("/api/v1/roles", e.reader, &list)
	if len(list.Roles) != 1 {
		t.Errorf("roles after update = %d, want 1 (same id)", len(list.Roles))
	}
	old, err := e.store.GetRoleVersion(t.Context(), first.ID, first.Version)
	if err != nil || old.Title != "Python dev" {
		t.Errorf("old version = %+v, %v; want it kept with title Python dev", old.Role, err)
	}
	var m matchesResp
	e.getJSON("/api/v1/roles/"+first.ID+"/matches", e.reader, &m)
	if m.Role.Version != second.Version {
		t.Errorf("matches cite version %q, want the updated %q", m.Role.Version, second.Version)
	}

	bad := []struct {
		path, contentType, body string
		want                    int
	}{
		{"/api/v1/roles/nosuchrole", "application/yaml", "title: x\nrequired: [Python]\n", http.StatusNotFound},
		{"/api/v1/roles/" + first.ID, "application/yaml", "title: x\nrequired: [Pythonn]\n", http.StatusBadRequest},
		{"/api/v1/roles/" + first.ID, "image/png", "x", http.StatusUnsupportedMediaType},
		{"/api/v1/roles/" + first.ID, "text/plain", "", http.StatusBadRequest},
		{"/api/v1/roles/" + first.ID, "text/plain", strings.Repeat("python ", 300_000), http.StatusRequestEntityTooLarge},
	}
	for _, b := range bad {
		status, body, _ := e.do(http.MethodPut, b.path, e.reader, b.contentType, strings.NewReader(b.body))
		if status != b.want {
			t.Errorf("PUT %s (%s) = %d %.200s, want %d", b.path, b.contentType, status, body, b.want)
		}
	}
	e.getJSON("/api/v1/roles/"+first.ID, e.reader, &got)
	if got != second {
		t.Errorf("after failed updates = %+v, want %+v unchanged", got, second)
	}
}

// TestJobDescriptionCharsets: a text/plain job description in UTF-16 (with
// a byte order mark, or named by the charset parameter), Windows-1252 or
// HTML (in any of them) gives the same role as its UTF-8 text, as the role
// command reads it; charsets skillmatch does not read and documents sent as
// text are refused with 415.
func TestJobDescriptionCharsets(t *testing.T) {
	e := newEnv(t, "", nil)
	const jd = "Senior Python Developer – Café Payments\n\nRequirements:\n- 5+ years of Python\n- Django or Flask, PostgreSQL\n\nNice to have: AWS, Docker\n"
	utf16Bytes := func(s string, bigEndian, bom bool) []byte {
		var order binary.AppendByteOrder = binary.LittleEndian
		if bigEndian {
			order = binary.BigEndian
		}
		var out []byte
		if bom {
			out = order.AppendUint16(out, 0xFEFF)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			out = order.AppendUint16(out, u)
		}
		return out
	}
	// Windows-1252: the en dash is 0x96, é is 0xE9, the rest ASCII.
	cp1252 := []byte(strings.NewReplacer("–", "\x96", "é", "\xe9").Replace(jd))
	// HTML: one paragraph a line, as a page saved from a job board.
	html := "<!DOCTYPE html><html><body>\n<p>" + strings.ReplaceAll(strings.TrimSpace(jd), "\n", "</p>\n<p>") + "</p>\n</body></html>\n"

	preview := func(contentType string, body []byte) (int, []byte) {
		status, out, _ := e.do(http.MethodPost, "/api/v1/roles/preview", e.reader, contentType, bytes.NewReader(body))
		return status, out
	}
	status, want := preview("text/plain; charset=utf-8", []byte(jd))
	if status != http.StatusOK {
		t.Fatalf("UTF-8 preview = %d %s", status, want)
	}
	var wantRole map[string]any
	json.Unmarshal(want, &wantRole)
	if !strings.Contains(string(want), "Café") {
		t.Fatalf("UTF-8 preview %s: want the title with Café", want)
	}
	for _, tt := range []struct {
		name, contentType string
		body              []byte
	}{
		{"UTF-16LE with BOM", "text/plain", utf16Bytes(jd, false, true)},
		{"UTF-16BE with BOM", "text/plain; charset=utf-16", utf16Bytes(jd, true, true)},
		{"UTF-16LE by charset", "text/plain; charset=UTF-16LE", utf16Bytes(jd, false, false)},
		{"UTF-16 by charset, no BOM", "text/plain; charset=utf-16", utf16Bytes(jd, true, false)},
		{"UTF-8 with BOM", "text/plain", append([]byte("\xef\xbb\xbf"), jd...)},
		{"Windows-1252", "text/plain; charset=windows-1252", cp1252},
		{"Windows-1252 unnamed", "", cp1252},
		{"HTML", "text/plain", []byte(html)},
		{"HTML in UTF-16", "text/plain", utf16Bytes(html, false, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := preview(tt.contentType, tt.body)
			if status != http.StatusOK {
				t.Fatalf("preview = %d %s, want 200", status, body)
			}
			var got map[string]any
			json.Unmarshal(body, &got)
			if diff := cmp.Diff(wantRole, got); diff != "" {
				t.Errorf("role differs from the UTF-8 one (-want +got):\n%s", diff)
			}
		})
	}
	for _, tt := range []struct {
		name, contentType string
		body              []byte
	}{
		{"Shift_JIS", "text/plain; charset=shift_jis", []byte("Python \x83\x66\x83\x42\n")},
		{"PDF as text", "text/plain", []byte("%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj\n")},
	} {
		if status, body := preview(tt.contentType, tt.body); status != http.StatusUnsupportedMediaType {
			t.Errorf("%s: preview = %d %s, want 415", tt.name, status, body)
		}
	}
	// POST /roles stores the decoded role.
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "text/plain", bytes.NewReader(utf16Bytes(jd, false, true)))
	if status != http.StatusCreated || !strings.Contains(string(body), "Café") {
		t.Errorf("create from UTF-16 = %d %s, want 201 with the decoded title", status, body)
	}
}
