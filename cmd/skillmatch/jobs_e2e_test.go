package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// generatedResumes makes n distinct resumes from testdata/resumes/*.txt: each
// is a fixture with its own name line and a reference number, so no two have
// the same bytes or text. It returns them as a zip and their file names.
func generatedResumes(t *testing.T, n int) ([]byte, []string) {
	t.Helper()
	paths, _ := filepath.Glob("../../testdata/resumes/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata/resumes/*.txt")
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, n)
	for i := range n {
		text := texts[i%len(texts)]
		_, rest, _ := strings.Cut(text, "\n")
		names[i] = fmt.Sprintf("batch/resume-%04d.txt", i)
		w, err := zw.Create(names[i])
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "Candidate %04d\n%s\nReference: SM-%04d-%d\n", i, rest, i, i*7919)
		names[i] = filepath.Base(names[i])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), names
}

type jobJSON struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Total  int    `json:"total"`
	Done   int    `json:"done"`
	Failed int    `json:"failed"`
}

// submitJob submits a batch job of the zip archive data (uploaded as name)
// against the stored role roleID and returns the job as accepted.
func (s *testServer) submitJob(t *testing.T, key, roleID, name string, data []byte) jobJSON {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("role_id", roleID)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	var job jobJSON
	if code := s.call(t, key, http.MethodPost, "/api/v1/jobs", mw.FormDataContentType(), &body, &job); code != http.StatusAccepted {
		t.Fatalf("POST /api/v1/jobs = %d, want 202", code)
	}
	return job
}

// waitJob polls job id until it has succeeded and returns it; a job that
// fails, is canceled or is still unfinished after timeout fails the test.
func (s *testServer) waitJob(t *testing.T, key, id string, timeout time.Duration) jobJSON {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var job jobJSON
		s.call(t, key, http.MethodGet, "/api/v1/jobs/"+id, "", nil, &job)
		if job.Status == "succeeded" {
			return job
		}
		if job.Status == "failed" || job.Status == "canceled" || time.Now().After(deadline) {
			t.Fatalf("job %s = %+v, want succeeded\nstderr:\n%s", id, job, s.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type jobResultsJSON struct {
	Results []struct {
		File        string  `json:"file"`
		CandidateID string  `json:"candidate_id"`
		Score       float64 `json:"score"`
		Rank        int     `json:"rank"`
	} `json:"results"`
	Errors []struct {
		File, Code, Message string
	} `json:"errors"`
}

const e2eRole = `title: Python Backend Developer
required:
  - Python
  - any: [Django, Flask]
  - any: [AWS, Azure, GCP]
plus: [Docker, PostgreSQL]
`

// TestJobSurvivesKill9 is the durability test of issue 7: a job of a few
// hundred resumes on the real binary, SIGKILL while it runs, a restart on
// the same data folder, and then every item has exactly one result.
//
// The server commits items in batches of jobBatch (--job-batch), so progress
// shows a batch at a time: with n = 8 batches the first one seen done is
// far from the end, and the kill lands mid-way (checked: the test fails
// rather than pass without a kill).
func TestJobSurvivesKill9(t *testing.T) {
	const (
		n        = 400
		jobBatch = "50"
	)
	bin := skillmatchBinary(t)
	data := filepath.Join(t.TempDir(), "data")
	s := startServer(t, bin, data, "--job-batch", jobBatch)
	if s.key == "" {
		t.Fatal("no admin key printed on a fresh data folder")
	}
	key := s.key

	var ro struct{ ID string }
	if code := s.call(t, key, "POST", "/api/v1/roles", "application/yaml", strings.NewReader(e2eRole), &ro); code != http.StatusCreated {
		t.Fatalf("POST /roles = %d", code)
	}
	zipData, names := generatedResumes(t, n)
	job := s.submitJob(t, key, ro.ID, "batch.zip", zipData)
	if job.Total != n {
		t.Fatalf("job total = %d, want %d", job.Total, n)
	}

	// Kill it mid-way: as soon as some but not all items are done.
	var seen jobJSON
	for deadline := time.Now().Add(60 * time.Second); ; {
		s.call(t, key, "GET", "/api/v1/jobs/"+job.ID, "", nil, &seen)
		if seen.Done+seen.Failed > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no item done in 60 s: %+v\nstderr:\n%s", seen, s.stderr)
		}
		time.Sleep(2 * time.Millisecond)
	}
	s.kill9(t)
	if seen.Done+seen.Failed >= n || seen.Status == "succeeded" {
		t.Fatalf("the job ended before it could be killed (%+v): the kill must land mid-way", seen)
	}
	t.Logf("killed with %d of %d items done", seen.Done+seen.Failed, n)
	restarted := time.Now()

	s2 := startServer(t, bin, data, "--job-batch", jobBatch)
	var after jobJSON
	s2.call(t, key, "GET", "/api/v1/jobs/"+job.ID, "", nil, &after)
	if after.Done+after.Failed < seen.Done+seen.Failed {
		t.Fatalf("after restart %d items done, fewer than the %d seen before the kill", after.Done+after.Failed, seen.Done+seen.Failed)
	}
	// A graceful stop (SIGTERM) while the job still runs exits cleanly at an
	// item boundary; the next start finishes the job.
	if after.Status == "running" {
		s2.stop(t)
		s2 = startServer(t, bin, data, "--job-batch", jobBatch)
		s2.call(t, key, "GET", "/api/v1/jobs/"+job.ID, "", nil, &after)
		t.Logf("stopped with SIGTERM and restarted: %d of %d items done", after.Done+after.Failed, n)
	}
	after = s2.waitJob(t, key, job.ID, 120*time.Second)
	t.Logf("restarted and finished in %v", time.Since(restarted).Round(time.Millisecond))
	if after.Total != n || after.Done+after.Failed != after.Total {
		t.Errorf("finished job = %+v, want total %d = done + failed", after, n)
	}

	var res jobResultsJSON
	if code := s2.call(t, key, "GET", "/api/v1/jobs/"+job.ID+"/results", "", nil, &res); code != http.StatusOK {
		t.Fatalf("GET results = %d", code)
	}
	if len(res.Results) != after.Done || len(res.Errors) != after.Failed {
		t.Errorf("results %d and errors %d, want %d and %d", len(res.Results), len(res.Errors), after.Done, after.Failed)
	}
	var got []string
	candidates := map[string]string{}
	for i, r := range res.Results {
		got = append(got, r.File)
		if prev, ok := candidates[r.CandidateID]; ok || r.CandidateID == "" {
			t.Errorf("%s and %s share candidate %q", prev, r.File, r.CandidateID)
		}
		candidates[r.CandidateID] = r.File
		if r.Rank != i+1 || (i > 0 && r.Score > res.Results[i-1].Score) {
			t.Errorf("result %d (%s): rank %d score %.1f, not best first", i, r.File, r.Rank, r.Score)
		}
	}
	for _, e := range res.Errors {
		got = append(got, e.File)
	}
	sort.Strings(got)
	want := append([]string(nil), names...)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("items with a result are not each file exactly once: got %d entries for %d files", len(got), len(want))
	}
	s2.stop(t)

	// The store itself holds each resume once: nothing stored twice by the
	// redone items.
	st, err := index.Open(context.Background(), data, index.Options{TaxonomyVersion: taxonomy.Default().Version})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.CountCandidates(context.Background()); c != n {
		t.Errorf("store holds %d candidates, want %d", c, n)
	}
	// One original file per candidate: none lost, none left over by the
	// killed process (Open removes files nothing references).
	files := 0 // files/<ab>/<sha256>: count the files in every sub-folder
	err = filepath.WalkDir(filepath.Join(data, "files"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != n {
		t.Errorf("files/ holds %d originals, want %d", files, n)
	}
}

// TestImportCommand loads a folder and a zip with the real binary: new files
// are added, the same files again are duplicates, a bad file is a failure
// with its reason, and the exit status says so.
func TestImportCommand(t *testing.T) {
	bin := skillmatchBinary(t)
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	zipData, _ := generatedResumes(t, 20)
	os.WriteFile(filepath.Join(dir, "more.zip"), zipData, 0o644)
	os.WriteFile(filepath.Join(dir, "photo.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("Python developer"), 0o644)

	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"import", "--data", data}, args...)...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(errOut.String(), "\r") {
			t.Errorf("progress bar drawn on a pipe: %q", errOut.String())
		}
		return out.String(), code
	}
	fixtures, _ := os.ReadDir("../../testdata/resumes")
	out, code := run("../../testdata/resumes", dir)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("%d added, 0 duplicates, 1 failed", len(fixtures)+20)) ||
		!regexp.MustCompile(`unsupported_format\s+1\s+`+regexp.QuoteMeta(filepath.Join(dir, "photo.png"))).MatchString(out) {
		t.Errorf("first import: exit %d, output:\n%s", code, out)
	}
	out, code = run("../../testdata/resumes")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("0 added, %d duplicates, 0 failed", len(fixtures))) {
		t.Errorf("second import: exit %d, output:\n%s", code, out)
	}
	if _, code := run(); code != 2 {
		t.Errorf("import without arguments: exit %d, want 2", code)
	}
}

// serve refuses a commit batch it cannot use, from the flag or the
// environment, as a usage error (exit 2) before opening anything.
func TestServeJobBatchFlag(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  string
		args []string
	}{
		{"zero flag", "", []string{"--job-batch", "0"}},
		{"negative flag", "", []string{"--job-batch", "-5"}},
		{"bad env", "many", nil},
		{"zero env", "0", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SKILLMATCH_JOB_BATCH", tc.env)
			data := filepath.Join(t.TempDir(), "data")
			var stdout, stderr bytes.Buffer
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, tc.args...)
			if code := run(context.Background(), args, &stdout, &stderr); code != 2 || !strings.Contains(strings.ToLower(stderr.String()), "job") {
				t.Errorf("serve %v with SKILLMATCH_JOB_BATCH=%q: exit %d, stderr %q; want 2 naming the job batch", tc.args, tc.env, code, stderr.String())
			}
			if _, err := os.Stat(data); err == nil {
				t.Errorf("serve created %s before refusing its flags", data)
			}
		})
	}
}
