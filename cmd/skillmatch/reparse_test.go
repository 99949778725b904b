package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/index"
)

// TestReindexReparse: resumes imported with the embedded taxonomy, which
// lacks Zorblang, gain it with `reindex --reparse --taxonomy` naming an
// overlay that has it: in the stored profile and in a skill search; ids, file
// names and the as-of date stay; a second run changes nothing. Before the
// reparse serve's start-up warning counts both candidates as read with
// another taxonomy and names the command to run; after it the summary counts
// 0 and serve warns no more. While another process holds the folder,
// --reparse refuses with the lock's error.
func TestReindexReparse(t *testing.T) {
	ctx := context.Background()
	data, overlay := importZorbResumes(t)
	type row struct{ ID, File, AsOf string }
	stored := func() (rows []row, zorb []string) {
		t.Helper()
		st, err := index.Open(ctx, data, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		st.ForEachCandidate(ctx, func(c index.Candidate) error {
			rows = append(rows, row{c.ID, c.File, c.Profile.AsOf})
			for _, sk := range c.Profile.Skills {
				if sk.ID == "zorblang" {
					zorb = append(zorb, c.File)
				}
			}
			return nil
		})
		res, err := st.Search(ctx, index.SearchRequest{Query: "skill:zorblang", NoFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			zorb = append(zorb, "search:"+h.File)
		}
		return rows, zorb
	}
	before, zorb := stored()
	if len(before) != 2 || len(zorb) != 0 {
		t.Fatalf("after import: %d candidates, zorblang in %v; want 2 and none", len(before), zorb)
	}
	tax, err := loadTaxonomy(overlay)
	if err != nil {
		t.Fatal(err)
	}
	// serve's start-up warning: the log lines it would write with tax.
	startWarning := func() []string {
		t.Helper()
		var log bytes.Buffer
		st, err := openStore(ctx, data, tax, slog.New(slog.NewJSONHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		warnStaleCandidates(ctx, st, tax, data, overlay, slog.New(slog.NewJSONHandler(&log, nil)))
		if strings.Contains(log.String(), "Example") {
			t.Fatalf("the start-up warning names a candidate: %s", log.String())
		}
		var msgs []string
		for line := range strings.Lines(log.String()) {
			var e struct{ Msg string }
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("log line %q: %v", line, err)
			}
			msgs = append(msgs, e.Msg)
		}
		return msgs
	}
	want := []string{"2 stored candidates were read with another taxonomy (current " + tax.Version + "); run `skillmatch reindex --reparse --data " + shellQuote(data) + " --taxonomy " + shellQuote(overlay) + "` with the server stopped, or start serve with --reparse-stale"}
	if diff := cmp.Diff(want, startWarning()); diff != "" {
		t.Errorf("serve's start-up warning before the reparse (-want +got):\n%s", diff)
	}

	reparse := func() string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(ctx, []string{"reindex", "--data", data, "--reparse", "--taxonomy", overlay}, &out, &errOut); code != 0 {
			t.Fatalf("reindex --reparse: exit %d\n%s%s", code, out.String(), errOut.String())
		}
		return out.String()
	}
	summary := regexp.MustCompile(`^reparsed (\d+) candidates with taxonomy \S+ in \S+: (\d+) profiles changed, (\d+) with different skills \(\+(\d+)/-(\d+) skill ids\); (.*); (\d+) read with another taxonomy\n$`)
	m := summary.FindStringSubmatch(reparse())
	if m == nil {
		t.Fatal("first reparse printed no summary line")
	}
	if diff := cmp.Diff([]string{"2", "1", "1", "1", "0", "search index rebuilt", "0"}, m[1:]); diff != "" {
		t.Errorf("first reparse summary (-want +got):\n%s", diff)
	}
	after, zorb := stored()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("ids, files or as-of dates changed (-before +after):\n%s", diff)
	}
	slices.Sort(zorb)
	if diff := cmp.Diff([]string{"search:zorb.txt", "zorb.txt"}, zorb); diff != "" {
		t.Errorf("zorblang after reparse, stored and searched (-want +got):\n%s", diff)
	}
	if got := startWarning(); len(got) != 0 {
		t.Errorf("serve's start-up warnings after the reparse: %q, want none", got)
	}
	if m := summary.FindStringSubmatch(reparse()); m == nil || !slices.Equal(m[1:], []string{"2", "0", "0", "0", "0", "search index already up to date", "0"}) {
		t.Errorf("second reparse summary %q, want 2 candidates, nothing changed", m)
	}

	held, err := index.Open(ctx, data, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"reindex", "--data", data, "--reparse", "--taxonomy", overlay}, &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "in use by another skillmatch process") {
		t.Errorf("reparse beside an open store: exit %d, stderr %q; want exit 1 naming the lock", code, errOut.String())
	}
}

// importZorbResumes imports two resumes with the embedded taxonomy, one
// written in Zorblang, a language the taxonomy lacks, into a new data
// folder, and writes an overlay naming Zorblang; it returns both paths.
func importZorbResumes(t *testing.T) (data, overlay string) {
	t.Helper()
	dir := t.TempDir()
	resumes := filepath.Join(dir, "resumes")
	if err := os.MkdirAll(resumes, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"zorb.txt":  "Dana Example\n\nEXPERIENCE\n\nBackend Engineer | Acme Corp\nMarch 2019 – Present\n- Built billing services in Zorblang and Python on PostgreSQL.\n",
		"plain.txt": "Lee Example\n\nEXPERIENCE\n\nAccountant | Beta Ltd\n2016 – 2020\n- Month-end close in Microsoft Excel and QuickBooks.\n",
	} {
		if err := os.WriteFile(filepath.Join(resumes, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	overlay = filepath.Join(dir, "zorb.yaml")
	if err := os.WriteFile(overlay, []byte("skills:\n  - {id: zorblang, name: Zorblang, category: language}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	data = filepath.Join(dir, "data")
	var out, errOut bytes.Buffer
	if err := runImport(context.Background(), []string{"--data", data, "--as-of", "2025-06-01", resumes}, &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s%s", err, out.String(), errOut.String())
	}
	return data, overlay
}

// TestServeReparseStale: `serve --reparse-stale` with an overlay naming
// Zorblang derives the candidates imported without it again before it
// listens — the API's search and candidate page find Zorblang — and logs
// counts, never a candidate.
func TestServeReparseStale(t *testing.T) {
	data, overlay := importZorbResumes(t)
	s := startServer(t, skillmatchBinary(t), data, "--taxonomy", overlay, "--reparse-stale")
	code, body := s.request(t, "GET", "/api/v1/candidates?q=skill:zorblang", s.key, "", nil)
	var res struct {
		Hits []struct{ ID, File string } `json:"hits"`
	}
	if err := json.Unmarshal(body, &res); code != 200 || err != nil {
		t.Fatalf("search: %d %s (%v)", code, body, err)
	}
	if len(res.Hits) != 1 || res.Hits[0].File != "zorb.txt" {
		t.Fatalf("skill:zorblang found %+v, want zorb.txt alone", res.Hits)
	}
	if code, body := s.request(t, "GET", "/api/v1/candidates/"+res.Hits[0].ID, s.key, "", nil); code != 200 || !strings.Contains(string(body), `"id":"zorblang"`) {
		t.Errorf("candidate page: %d, zorblang in it: %v", code, strings.Contains(string(body), `"id":"zorblang"`))
	}
	log := s.stderr.String()
	if !strings.Contains(log, `"msg":"reparsed","candidates":2,"changed":1`) {
		t.Errorf("serve logged no reparse of 2 candidates, 1 changed:\n%s", log)
	}
	if strings.Contains(log, "Example") || strings.Contains(log, "Zorblang and Python") {
		t.Errorf("serve's log names a candidate or quotes a resume:\n%s", log)
	}
}
