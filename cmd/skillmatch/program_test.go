package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The helpers every test of the command shares: the CLI run in-process, the
// real binary, and `serve` running as a process.

// runSkillmatch runs the skillmatch CLI in-process and returns its exit code and output.
func runSkillmatch(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

var (
	binaryOnce sync.Once
	binary     string
	binaryErr  error
)

// skillmatchBinary is the real skillmatch binary (document workers and
// serve need a program to run), built once per test run into a temp folder
// removed when the test binary exits. Skipped with -short.
func skillmatchBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "skillmatch-test-bin")
		if err != nil {
			binaryErr = err
			return
		}
		binary = filepath.Join(dir, "skillmatch")
		cmd := exec.Command("go", "build", "-o", binary, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binary
}

// testServer is a running `skillmatch serve` process.
type testServer struct {
	cmd    *exec.Cmd
	base   string   // http://127.0.0.1:PORT
	key    string   // first admin key, when one was printed
	stdout []string // what it printed up to its address
	stderr *bytes.Buffer
	exited chan struct{}
}

var (
	servingLine = regexp.MustCompile(`serving (http://\S+)`)
	keyLine     = regexp.MustCompile(`^\s+(sm_\S+)\s*$`)
)

// startServer starts `serve` on a random loopback port with the data folder
// and rate limiting off, and waits until it prints its address (and, on a
// fresh folder, the first admin key). extra flags are appended to serve's.
func startServer(t *testing.T, bin, data string, extra ...string) *testServer {
	t.Helper()
	s := &testServer{stderr: &bytes.Buffer{}, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--rate", "0"}, extra...)...)
	s.cmd.Stderr = s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	go func() { s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() { s.cmd.Process.Kill(); <-s.exited })
	deadline := time.After(60 * time.Second)
	for s.base == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("serve exited before listening; stdout:\n%s\nstderr:\n%s", strings.Join(s.stdout, "\n"), s.stderr)
			}
			s.stdout = append(s.stdout, line)
			if m := keyLine.FindStringSubmatch(line); m != nil {
				s.key = m[1]
			}
			if m := servingLine.FindStringSubmatch(line); m != nil {
				s.base = m[1]
			}
		case <-deadline:
			t.Fatalf("serve printed no address in 60 s; stdout:\n%s\nstderr:\n%s", strings.Join(s.stdout, "\n"), s.stderr)
		}
	}
	go func() {
		for range lines {
		}
	}()
	return s
}

// request sends a request (key and contentType only when set) and returns
// the status and body.
func (s *testServer) request(t *testing.T, method, path, key, contentType string, body io.Reader) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, s.base+path, body)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// call sends a request with the key and decodes a JSON answer under 300
// into v (when not nil); other answers are logged.
func (s *testServer) call(t *testing.T, key, method, path, contentType string, body io.Reader, v any) int {
	t.Helper()
	status, b := s.request(t, method, path, key, contentType, body)
	if v != nil && status < 300 {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	if status >= 300 {
		t.Logf("%s %s: %d %s", method, path, status, b)
	}
	return status
}

// kill9 ends the process with SIGKILL: no shutdown code runs.
func (s *testServer) kill9(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-s.exited
}

// stop ends the process with SIGTERM and wants a clean exit (graceful
// shutdown) within 30 s.
func (s *testServer) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop within 30 s of SIGTERM")
	}
	if !s.cmd.ProcessState.Success() {
		t.Fatalf("serve after SIGTERM: %v, want exit 0; stderr:\n%s", s.cmd.ProcessState, s.stderr)
	}
}
