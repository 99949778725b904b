package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseCommand runs `skillmatch parse` on structure fixtures, a missing
// file and an unsupported one: every file gets its entry, in order, and the
// exit status is 1 because some failed.
func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "photo.png")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := "../../testdata/structure/classic-onecol.txt"
	missing := filepath.Join(dir, "nope.pdf")
	code, stdout, stderr := runSkillmatch(t, "parse", "--as-of", "2024-06-15", good, missing, png, "../../testdata/structure/overlap.txt")
	if code != 1 {
		t.Fatalf("exit status = %d, want 1 (stderr %q)", code, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not a JSON array: %v\n%s", err, stdout)
	}
	if len(got) != 4 {
		t.Fatalf("got %d entries, want 4", len(got))
	}
	wantFiles := []string{good, missing, png, "../../testdata/structure/overlap.txt"}
	for i, e := range got {
		if e["file"] != wantFiles[i] {
			t.Errorf("entry %d file = %v, want %s", i, e["file"], wantFiles[i])
		}
	}
	// the profiles: months from the hand-checked expectations
	if got[0]["format"] != "text" || got[0]["total_months"] != 82.0 || got[0]["as_of"] != "2024-06-15" {
		t.Errorf("classic-onecol: format %v, total_months %v, as_of %v; want text, 82, 2024-06-15", got[0]["format"], got[0]["total_months"], got[0]["as_of"])
	}
	if n := len(got[0]["positions"].([]any)); n != 2 {
		t.Errorf("classic-onecol: %d positions, want 2", n)
	}
	if got[3]["total_months"] != 112.0 {
		t.Errorf("overlap: total_months = %v, want 112", got[3]["total_months"])
	}
	for i, code := range map[int]string{1: "not_found", 2: "unsupported_format"} {
		e, ok := got[i]["error"].(map[string]any)
		if !ok || e["code"] != code || e["message"] == "" {
			t.Errorf("entry %d error = %v, want code %s with a message", i, got[i]["error"], code)
		}
		if _, has := got[i]["skills"]; has {
			t.Errorf("entry %d has a profile and an error", i)
		}
	}
	var python map[string]any
	for _, s := range got[0]["skills"].([]any) {
		if s.(map[string]any)["id"] == "python" {
			python = s.(map[string]any)
		}
	}
	if python == nil || python["months"] != 82.0 || python["last_used"] != "2024-06" {
		t.Errorf("classic-onecol python = %v, want 82 months, last used 2024-06", python)
	}
}

func TestParseCommandFormats(t *testing.T) {
	fixture := "../../testdata/structure/apostrophe-years.txt"
	t.Run("text", func(t *testing.T) {
		code, stdout, _ := runSkillmatch(t, "parse", "--format", "text", fixture)
		if code != 0 || !strings.Contains(stdout, "Jan '22 – Mar '23") || strings.HasPrefix(stdout, "[") {
			t.Errorf("exit %d, stdout %q: want the text", code, stdout)
		}
	})
	t.Run("jsonresume", func(t *testing.T) {
		code, stdout, _ := runSkillmatch(t, "parse", fixture, "--format", "jsonresume", "--as-of", "2024-06-15")
		var got []map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || len(got) != 1 {
			t.Fatalf("exit %d, %v: %s", code, err, stdout)
		}
		if got[0]["basics"].(map[string]any)["name"] != "Tomás Herrera" || len(got[0]["work"].([]any)) != 3 {
			t.Errorf("jsonresume = %v", got[0])
		}
		if got[0]["meta"].(map[string]any)["source"] != fixture {
			t.Errorf("meta.source = %v", got[0]["meta"])
		}
	})
	t.Run("blind", func(t *testing.T) {
		code, stdout, _ := runSkillmatch(t, "parse", "--blind", fixture)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		for _, s := range []string{"Herrera", "tomas.herrera@example.com", "600 000 111", "linkedin"} {
			if strings.Contains(stdout, s) {
				t.Errorf("blind output holds %q", s)
			}
		}
	})
	t.Run("directory", func(t *testing.T) {
		code, stdout, _ := runSkillmatch(t, "parse", "../../testdata/structure")
		var got []map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || len(got) < 12 {
			t.Errorf("exit %d, %v, %d entries", code, err, len(got))
		}
	})
	t.Run("taxonomy overlay", func(t *testing.T) {
		dir := t.TempDir()
		overlay := filepath.Join(dir, "acme.yaml")
		resumeFile := filepath.Join(dir, "r.txt")
		os.WriteFile(overlay, []byte("version: acme-1\nskills:\n  - id: acme-erp\n    name: Acme ERP\n    category: tool\n    aliases: [AcmeERP]\n"), 0o644)
		os.WriteFile(resumeFile, []byte("EXPERIENCE\nConsultant, Beta Ltd\nJan 2020 – Dec 2020\n- Rolled out AcmeERP to 40 sites.\n"), 0o644)
		code, stdout, stderr := runSkillmatch(t, "parse", "--taxonomy", overlay, "--as-of", "2024-06-15", resumeFile)
		if code != 0 || !strings.Contains(stdout, `"id": "acme-erp"`) || !strings.Contains(stdout, `"months": 12`) {
			t.Errorf("exit %d, stderr %q, stdout %s: want acme-erp with 12 months", code, stderr, stdout)
		}
	})
	for _, args := range [][]string{
		{"parse"},
		{"parse", "--format", "xml", fixture},
		{"parse", "--as-of", "June 2024", fixture},
	} {
		if code, _, _ := runSkillmatch(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestParseBinary runs the real binary, whose document worker decodes PDF
// and DOCX in a child process: the same resume as PDF and as DOCX gives the
// same positions and months, and a broken PDF is reported as unreadable
// while the others still print.
func TestParseBinary(t *testing.T) {
	pairs := "../../../shared/data/resumes/pdf-docx-pairs"
	if _, err := os.Stat(pairs); err != nil {
		t.Skip("shared data absent:", err)
	}
	bin := skillmatchBinary(t)
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	os.WriteFile(bad, []byte("%PDF-1.4\n1 0 obj garbage\n"), 0o644)
	for _, name := range []string{"01-Accountant", "02-Desktop Support", "01-Office Coordinator"} {
		cmd := exec.Command(bin, "parse", "--as-of", "2024-06-15", filepath.Join(pairs, name+".pdf"), filepath.Join(pairs, name+".docx"), bad)
		out, err := cmd.Output()
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
			t.Fatalf("%s: exit %v, want status 1", name, err)
		}
		var got []struct {
			Format      string `json:"format"`
			TotalMonths int    `json:"total_months"`
			Positions   []struct {
				Start, End string
				Current    bool
			} `json:"positions"`
			Error *struct{ Code string } `json:"error"`
		}
		if err := json.Unmarshal(out, &got); err != nil || len(got) != 3 {
			t.Fatalf("%s: %v, %d entries:\n%s", name, err, len(got), out)
		}
		pdf, docx := got[0], got[1]
		if pdf.Format != "pdf" || docx.Format != "docx" || pdf.Error != nil || docx.Error != nil {
			t.Fatalf("%s: formats %q %q, errors %v %v", name, pdf.Format, docx.Format, pdf.Error, docx.Error)
		}
		if len(pdf.Positions) == 0 || pdf.TotalMonths == 0 {
			t.Errorf("%s: no dated positions found in the PDF", name)
		}
		if d := cmp.Diff(pdf.Positions, docx.Positions); d != "" || pdf.TotalMonths != docx.TotalMonths {
			t.Errorf("%s: PDF and DOCX differ: total %d vs %d, positions (-pdf +docx):\n%s", name, pdf.TotalMonths, docx.TotalMonths, d)
		}
		if got[2].Error == nil || got[2].Error.Code != "unreadable" {
			t.Errorf("%s: broken PDF error = %+v, want unreadable", name, got[2].Error)
		}
	}
}
