package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// keysHintLine is the first-key message's request for more keys:
// curl -H "Authorization: Bearer KEY" -H 'Content-Type: TYPE' -d 'BODY' URL/api/v1/keys
var keysHintLine = regexp.MustCompile(`curl -H "Authorization: Bearer (\S+)" -H 'Content-Type: ([^']+)' -d '([^']+)' (\S+/api/v1/keys)$`)

// TestServeProgram runs the real binary: a fresh data folder prints a first
// admin key once, the key works, the server stops cleanly on SIGTERM, and
// apikey, reindex and backup work on the same folder afterwards.
func TestServeProgram(t *testing.T) {
	bin := skillmatchBinary(t)
	data := filepath.Join(t.TempDir(), "data")

	s := startServer(t, bin, data)
	if s.key == "" {
		t.Fatalf("no admin key printed on a fresh data folder; stdout:\n%s", strings.Join(s.stdout, "\n"))
	}
	if status, body := s.request(t, http.MethodGet, "/readyz", "", "", nil); status != http.StatusOK {
		t.Fatalf("readyz = %d %s", status, body)
	}
	// The first-key message says how to make more keys while the server
	// runs: the request it prints works as printed.
	var keysHint []string
	for _, line := range s.stdout {
		if m := keysHintLine.FindStringSubmatch(line); m != nil {
			keysHint = m
		}
	}
	if keysHint == nil {
		t.Fatalf("no POST /api/v1/keys hint in the first-key message:\n%s", strings.Join(s.stdout, "\n"))
	}
	if status, body := s.request(t, http.MethodPost, strings.TrimPrefix(keysHint[4], s.base), keysHint[1], keysHint[2], strings.NewReader(keysHint[3])); status != http.StatusCreated {
		t.Errorf("the printed key request = %d %s, want 201", status, body)
	}
	if status, _ := s.request(t, http.MethodGet, "/api/v1/roles", "", "", nil); status != http.StatusUnauthorized {
		t.Errorf("no key = %d, want 401", status)
	}
	resume, err := os.ReadFile("../../testdata/resumes/python-django-aws-senior.txt")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", "senior.txt")
	w.Write(resume)
	mw.Close()
	status, body := s.request(t, http.MethodPost, "/api/v1/candidates", s.key, mw.FormDataContentType(), &buf)
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s, want 201", status, body)
	}
	status, body = s.request(t, http.MethodPost, "/api/v1/roles", s.key, "application/yaml",
		strings.NewReader("title: Backend\nrequired: [Python, Django]\nplus: [AWS]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s, want 201", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	status, body = s.request(t, http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches", s.key, "", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `"file":"senior.txt"`) {
		t.Fatalf("matches = %d %s, want senior.txt ranked", status, body)
	}
	if status, body := s.request(t, http.MethodGet, "/", "", "", nil); status != http.StatusOK || !strings.Contains(strings.ToLower(string(body)), "<html") {
		t.Errorf("web UI at / = %d, want the page", status)
	}

	// Beside the running server: backup works, apikey refuses at once and
	// says how to get a key instead.
	backupFile := filepath.Join(t.TempDir(), "copy.db")
	if out, err := exec.Command(bin, "backup", "--data", data, backupFile).CombinedOutput(); err != nil {
		t.Errorf("backup beside the server = %v %s", err, out)
	} else if st, err := os.Stat(backupFile); err != nil || st.Size() == 0 {
		t.Errorf("backup wrote nothing: %v", err)
	}
	if err := exec.Command(bin, "backup", "--data", data, backupFile).Run(); err == nil {
		t.Errorf("backup over an existing file succeeded; want a refusal")
	}
	busy := exec.Command(bin, "apikey", "create", "--data", data, "--role", "recruiter")
	timer := time.AfterFunc(20*time.Second, func() { busy.Process.Kill() })
	out, err := busy.CombinedOutput()
	timer.Stop()
	if err == nil || !strings.Contains(string(out), "POST /api/v1/keys") {
		t.Errorf("apikey create beside the server = %v %s; want a quick refusal pointing at the API", err, out)
	}
	s.stop(t)

	// apikey create prints the key as the last word of stdout.
	out, err = exec.Command(bin, "apikey", "create", "--data", data, "--role", "recruiter", "--name", "ats").Output()
	if err != nil {
		t.Fatalf("apikey create: %v", err)
	}
	words := strings.Fields(string(out))
	recruiter := words[len(words)-1]
	if !strings.HasPrefix(recruiter, "sm_") {
		t.Fatalf("apikey create printed %q; want the key last", out)
	}
	if out, err := exec.Command(bin, "reindex", "--data", data).CombinedOutput(); err != nil || !strings.Contains(string(out), "reindexed 1 candidates") {
		t.Errorf("reindex = %v %s", err, out)
	}

	// Restart: no new admin key, the recruiter key works, the data is there.
	s2 := startServer(t, bin, data)
	if s2.key != "" {
		t.Errorf("a second admin key was printed on restart")
	}
	status, body = s2.request(t, http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches", recruiter, "", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `"file":"senior.txt"`) {
		t.Errorf("matches after restart = %d %s", status, body)
	}
	if status, _ := s2.request(t, http.MethodGet, "/api/v1/audit", recruiter, "", nil); status != http.StatusForbidden {
		t.Errorf("recruiter audit = %d, want 403", status)
	}
	s2.stop(t)
}

// TestServeEnvironment: serve's limits and switches come from SKILLMATCH_*
// variables when the command line does not set them (the flag wins), a
// boolean as the command line reads one ("1" is true), and a bad value is a
// usage error naming the variable.
func TestServeEnvironment(t *testing.T) {
	for _, tc := range []struct{ env, value string }{
		{"SKILLMATCH_MAX_UPLOAD", "lots"},
		{"SKILLMATCH_ALLOW_PRIVATE_CALLBACKS", "yes"}, // was read as false
	} {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(tc.env, tc.value)
			var stdout, stderr bytes.Buffer
			if code := run(t.Context(), []string{"serve", "--data", t.TempDir()}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), tc.env+"="+strconv.Quote(tc.value)) {
				t.Errorf("serve with %s=%s = exit %d, stderr %q; want 2 naming the variable", tc.env, tc.value, code, stderr.String())
			}
		})
	}

	bin := skillmatchBinary(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, `"rate_per_key":7,`},
		{[]string{"--rate", "9"}, `"rate_per_key":9,`},
	} {
		cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "data")}, tc.args...)...)
		cmd.Env = append(os.Environ(), "SKILLMATCH_RATE=7", "SKILLMATCH_BURST=3", "SKILLMATCH_MAX_UPLOAD=1048576", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS=1")
		errPipe, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(errPipe)
		var config string
		for config == "" && sc.Scan() {
			if strings.Contains(sc.Text(), `"msg":"config"`) {
				config = sc.Text()
			}
		}
		cmd.Process.Kill()
		io.Copy(io.Discard, errPipe)
		cmd.Wait()
		if !strings.Contains(config, tc.want) || !strings.Contains(config, `"burst":3,`) || !strings.Contains(config, `"max_upload":1048576`) || !strings.Contains(config, `"allow_private_callbacks":true`) {
			t.Errorf("serve %q with SKILLMATCH_RATE=7 SKILLMATCH_BURST=3 SKILLMATCH_MAX_UPLOAD=1048576 SKILLMATCH_ALLOW_PRIVATE_CALLBACKS=1 logged config %q; want %s, burst 3, max_upload 1048576, private callbacks allowed", tc.args, config, tc.want)
		}
	}
}
