package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine/role"
)

// roleOf runs `role FILE` in-process and decodes the canonical role.
func roleOf(t *testing.T, file string) role.Role {
	t.Helper()
	code, out, errOut := runSkillmatch(t, "role", file)
	if code != 0 {
		t.Fatalf("role %s: exit %d: %s", file, code, errOut)
	}
	var ro role.Role
	if err := json.Unmarshal([]byte(out), &ro); err != nil {
		t.Fatalf("role %s output is not JSON: %v\n%s", file, err, out)
	}
	return ro
}

func TestRoleCommand(t *testing.T) {
	got := roleOf(t, "../../testdata/roles/python-backend.yaml")
	var skills []string
	for _, q := range got.Required {
		skills = append(skills, strings.Join(q.Skills, "|"))
	}
	want := []string{"Python", "Django|Flask", "Docker", "AWS|Azure|GCP"}
	if diff := cmp.Diff(want, skills); diff != "" {
		t.Errorf("required (-want +got):\n%s", diff)
	}
	if got.Required[2].MinMonths != 24 || got.Education != "bachelor" || got.Version == "" {
		t.Errorf("docker min_months %d, education %q, version %q", got.Required[2].MinMonths, got.Education, got.Version)
	}
	// The YAML form reads back to the same role.
	code, yout, errOut := runSkillmatch(t, "role", "--format", "yaml", "../../testdata/roles/python-backend.yaml")
	if code != 0 {
		t.Fatalf("role --format yaml exit %d: %s", code, errOut)
	}
	var back role.Role
	if err := yaml.Unmarshal([]byte(yout), &back); err != nil {
		t.Fatalf("yaml output: %v\n%s", err, yout)
	}
	if diff := cmp.Diff(got, back); diff != "" {
		t.Errorf("yaml output differs from json (-json +yaml):\n%s", diff)
	}
}

func TestRoleCommandJobDescription(t *testing.T) {
	got := roleOf(t, "../../testdata/jobs/go-backend.txt")
	if got.Title != "Backend Engineer (Go)" || len(got.Required) == 0 || got.Required[0].Skills[0] != "Go" || got.Required[0].MinMonths != 60 {
		t.Errorf("role from job description = %+v", got)
	}
}

func TestRoleCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("title: T\nrequired: [Python, Postgress]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"unknown skill", []string{"role", bad}, 1, `required[1]: unknown skill "Postgress": did you mean PostgreSQL?`},
		{"no file", []string{"role"}, 2, "want exactly one FILE"},
		{"bad format", []string{"role", "--format", "xml", bad}, 2, `--format "xml"`},
		{"missing file", []string{"role", filepath.Join(dir, "nope.yaml")}, 1, "no such file"},
		{"rank without role", []string{"rank", "../../testdata/resumes"}, 2, "want --role FILE"},
		{"rank bad as-of", []string{"rank", "--role", bad, "--as-of", "yesterday", "x"}, 2, "--as-of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runSkillmatch(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// rankOutput is the JSON shape of `rank --format json`.
type rankOutput struct {
	Role    role.Role `json:"role"`
	Results []struct {
		File         string                   `json:"file"`
		Score        float64                  `json:"score"`
		Rank         int                      `json:"rank"`
		Requirements []role.RequirementResult `json:"requirements"`
		Missing      []string                 `json:"missing"`
	} `json:"results"`
	Errors []json.RawMessage `json:"errors"`
}

// seedResumes are the hand-written resumes of the seed ordering.
var seedResumes = []string{
	"../../testdata/resumes/accountant.txt", "../../testdata/resumes/data-scientist.txt",
	"../../testdata/resumes/frontend-react.txt", "../../testdata/resumes/java-backend.txt",
	"../../testdata/resumes/junior-django.txt", "../../testdata/resumes/python-django-aws-senior.txt",
	"../../testdata/resumes/python-flask-gcp.txt",
}

func TestRankCommand(t *testing.T) {
	args := append([]string{"rank", "--format", "json", "--as-of", "2026-06-01", "--role", "../../testdata/roles/python-backend.yaml"}, seedResumes...)
	code, out, errOut := runSkillmatch(t, args...)
	if code != 0 {
		t.Fatalf("rank exit %d: %s", code, errOut)
	}
	var got rankOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("rank output: %v\n%s", err, out)
	}
	if got.Role.Title != "Python Backend Developer" || len(got.Results) != 7 {
		t.Fatalf("role %q, %d results", got.Role.Title, len(got.Results))
	}
	for i, r := range got.Results {
		if r.Rank != i+1 || (i > 0 && r.Score > got.Results[i-1].Score) {
			t.Errorf("result %d (%s): rank %d score %v after %v", i, r.File, r.Rank, r.Score, got.Results[max(i-1, 0)].Score)
		}
		if len(r.Requirements) != len(got.Role.Required) {
			t.Errorf("%s: %d requirement results for %d required", r.File, len(r.Requirements), len(got.Role.Required))
		}
	}
	first := filepath.Base(got.Results[0].File)
	last := filepath.Base(got.Results[len(got.Results)-1].File)
	if first != "python-django-aws-senior.txt" || last != "accountant.txt" {
		t.Errorf("first %s, last %s; want the senior Django engineer first and the accountant last", first, last)
	}
	acc := got.Results[len(got.Results)-1]
	if !hasString(acc.Missing, "Python") {
		t.Errorf("accountant's missing = %v, want Python among them", acc.Missing)
	}

	// --strict keeps only candidates with every required skill.
	code, out, _ = runSkillmatch(t, "rank", "--format", "json", "--as-of", "2026-06-01", "--role", "../../testdata/roles/python-backend.yaml", "../../testdata/resumes", "--strict")
	// (a directory this time: walked, every resume in it ranked; the flag
	// after it still counts)
	var strict rankOutput
	if err := json.Unmarshal([]byte(out), &strict); err != nil || code != 0 {
		t.Fatalf("strict: exit %d, %v", code, err)
	}
	if len(strict.Results) == 0 || len(strict.Results) >= len(got.Results) {
		t.Fatalf("strict kept %d of %d", len(strict.Results), len(got.Results))
	}
	for _, r := range strict.Results {
		if len(r.Missing) != 0 {
			t.Errorf("strict kept %s missing %v", r.File, r.Missing)
		}
	}
}

func TestRankCommandTableAndErrors(t *testing.T) {
	dir := t.TempDir()
	// an image: refused before any worker process is needed
	broken := filepath.Join(dir, "photo.png")
	if err := os.WriteFile(broken, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runSkillmatch(t, "rank", "--as-of", "2026-06-01", "--role", "../../testdata/jobs/java-backend.txt",
		"../../testdata/resumes/java-backend.txt", "../../testdata/resumes/accountant.txt", broken)
	if code != 1 {
		t.Errorf("exit %d, want 1 because one file could not be read", code)
	}
	if !strings.Contains(errOut, "photo.png") {
		t.Errorf("stderr %q does not name the unreadable file", errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[2], "RANK") || !strings.Contains(lines[3], "java-backend.txt") || !strings.Contains(lines[4], "accountant.txt") {
		t.Fatalf("table:\n%s", out)
	}
	if !strings.Contains(lines[3], "Java") || !strings.Contains(lines[4], "Spring Boot") {
		t.Errorf("table rows should list matched and missing skills:\n%s", out)
	}
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRankNoResumes: a folder without resume files is an error that says
// which files are looked for, not an empty ranking.
func TestRankNoResumes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cv.doc"), []byte("legacy Word"), 0o644)
	code, out, errOut := runSkillmatch(t, "rank", "--role", "../../testdata/roles/python-backend.yaml", dir)
	if code != 1 || out != "" || !strings.Contains(errOut, "no resumes in "+dir) || !strings.Contains(errOut, ".docx") {
		t.Errorf("rank on a folder without resumes = exit %d, stdout %q, stderr %q; want exit 1 and a message naming the folder and the extensions", code, out, errOut)
	}
}

// TestRoleFromDocument: a job description saved as DOCX, HTML, UTF-16 or
// UTF-8 with a byte order mark gives the same role as its text (DOCX is read
// by a worker process, so this runs the real binary); text starting "BMW" is
// text; an image is refused by name instead of becoming a role titled
// "%PDF-1.7" or "\x89PNG".
func TestRoleFromDocument(t *testing.T) {
	text, err := os.ReadFile("../../testdata/jobs/go-backend.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paras, html strings.Builder
	for _, line := range strings.Split(string(text), "\n") {
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(line))
		paras.WriteString("<w:p><w:r><w:t xml:space=\"preserve\">" + esc.String() + "</w:t></w:r></w:p>")
		html.WriteString("<p>" + esc.String() + "</p>\n")
	}
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + paras.String() + `</w:body></w:document>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	files := map[string][]byte{
		"jd.docx": docx.Bytes(),
		"jd.html": []byte("<!DOCTYPE html><html><body>\n" + html.String() + "</body></html>"),
		"jd.png":  []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"jd.txt":  utf16LE(string(text)),
		// a UTF-8 byte order mark is not part of the title
		"jd-bom.txt": append([]byte("\xef\xbb\xbf"), text...),
		// text that starts with a bitmap's signature is still text
		"bmw.txt": []byte("BMW Group: Go Developer\n\nRequirements:\n- Go\n- PostgreSQL\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	code, want, errOut := runSkillmatch(t, "role", "../../testdata/jobs/go-backend.txt")
	if code != 0 {
		t.Fatalf("role of the text: exit %d %s", code, errOut)
	}
	for _, name := range []string{"jd.html", "jd.txt", "jd-bom.txt"} {
		if code, got, errOut := runSkillmatch(t, "role", filepath.Join(dir, name)); code != 0 || got != want {
			t.Errorf("role %s = exit %d %s\n%s\nwant the role of the text:\n%s", name, code, errOut, got, want)
		}
	}
	if code, got, errOut := runSkillmatch(t, "role", filepath.Join(dir, "bmw.txt")); code != 0 || !strings.Contains(got, `"title": "BMW Group: Go Developer"`) {
		t.Errorf("role bmw.txt = exit %d %s\n%s\nwant the role titled BMW Group: Go Developer", code, errOut, got)
	}
	if code, out, errOut := runSkillmatch(t, "role", filepath.Join(dir, "jd.png")); code != 1 || out != "" || !strings.Contains(errOut, "PNG image") {
		t.Errorf("role jd.png = exit %d, stdout %q, stderr %q; want exit 1 naming the PNG", code, out, errOut)
	}

	bin := skillmatchBinary(t)
	got, err := exec.Command(bin, "role", filepath.Join(dir, "jd.docx")).Output()
	if err != nil {
		t.Fatalf("role jd.docx: %v", err)
	}
	if string(got) != want {
		t.Errorf("role jd.docx =\n%s\nwant the role of the text:\n%s", got, want)
	}
}

// utf16LE encodes s as UTF-16 little-endian with a byte-order mark, as
// Windows Notepad saves "Unicode" text.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestParseNoResumes: parse, like rank, says a folder held no resume files
// instead of printing an empty list with exit 0.
func TestParseNoResumes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cv.doc"), []byte("legacy Word"), 0o644)
	code, out, errOut := runSkillmatch(t, "parse", dir)
	if code != 1 || out != "" || !strings.Contains(errOut, "no resumes in "+dir) || !strings.Contains(errOut, ".pdf") {
		t.Errorf("parse on a folder without resumes = exit %d, stdout %q, stderr %q; want exit 1 and a message naming the folder and the extensions", code, out, errOut)
	}
}
