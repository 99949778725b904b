package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
)

// TestHostileUploads sends the documents issue's malformed files, a body
// over the cap, an image and a non-multipart body: each gets a 4xx with a
// JSON error a person can read, and the server stays ready and still stores
// a good resume afterwards.
func TestHostileUploads(t *testing.T) {
	e := newEnv(t, "", func(c *Config) { c.Limits.MaxUpload = 1 << 20 })
	malformed, _ := filepath.Glob("../testdata/documents/malformed/*")
	type upload struct {
		name string
		data []byte
	}
	cases := []upload{
		{"photo.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)},
		{"empty.pdf", nil},
		{"cut-short.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog")},
		{"bomb.txt", bytes.Repeat([]byte("python "), 300_000)}, // 2.1 MB: over the cap
	}
	for _, p := range malformed {
		b, err := os.ReadFile(p)
		if err != nil || len(b) > 1<<20 || strings.HasSuffix(p, ".go") {
			continue
		}
		cases = append(cases, upload{filepath.Base(p), b})
	}
	if len(malformed) == 0 {
		t.Log("no testdata/documents/malformed files yet; testing the built-in cases only")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			status, body := e.upload(e.reader, []string{c.name}, [][]byte{c.data})
			t.Logf("%s: %d in %s", c.name, status, time.Since(start).Round(time.Millisecond))
			if status >= 500 {
				t.Fatalf("upload = %d %s, want no server error", status, body)
			}
			if want, ok := hostileStatus[c.name]; ok && status != want {
				t.Errorf("upload = %d %.300s, want %d", status, body, want)
			}
			if status >= 400 {
				var eb errorBody
				if err := json.Unmarshal(body, &eb); err != nil || eb.Error.Message == "" || eb.RequestID == "" {
					t.Errorf("error body %s: want {error: {code, message}, request_id}", body)
				}
			}
		})
	}
	status, body, _ := e.do(http.MethodPost, "/api/v1/candidates", e.reader, "application/json", strings.NewReader(`{}`))
	if status != http.StatusUnsupportedMediaType {
		t.Errorf("JSON upload = %d %s, want 415", status, body)
	}
	if status, body := e.upload(e.reader, []string{"photo.png"}, [][]byte{append([]byte("\x89PNG\r\n\x1a\n"), 0, 0, 0)}); status != http.StatusUnsupportedMediaType {
		t.Errorf("PNG upload = %d %s, want 415", status, body)
	}
	if status, body := e.upload(e.reader, []string{"big.txt"}, [][]byte{bytes.Repeat([]byte("go "), 1<<20)}); status != http.StatusRequestEntityTooLarge {
		t.Errorf("3 MB upload over a 1 MB cap = %d %s, want 413", status, body)
	}
	if status, _, _ := e.do(http.MethodGet, "/readyz", "", "", nil); status != http.StatusOK {
		t.Fatalf("readyz after hostile uploads = %d, want 200", status)
	}
	if status, body := e.upload(e.reader, []string{"ok.txt"}, [][]byte{resumeFixture(t, "python-flask-gcp")}); status != http.StatusCreated {
		t.Errorf("good upload after hostile ones = %d %s, want 201", status, body)
	}
}

// hostileStatus is the answer the contract fixes for some hostile files.
// Other malformed files may be read in part (a 2xx is fine for them); none
// may cause a 5xx.
var hostileStatus = map[string]int{
	"photo.png":        http.StatusUnsupportedMediaType,
	"empty.pdf":        http.StatusBadRequest,
	"truncated.pdf":    http.StatusUnprocessableEntity,
	"bomb.txt":         http.StatusRequestEntityTooLarge,
	"legacy.doc":       http.StatusUnsupportedMediaType,
	"not-docx.zip":     http.StatusUnsupportedMediaType,
	"scan-no-text.pdf": http.StatusUnprocessableEntity,
}

// TestUploadManyWithFailures: with several files, the bad ones are listed
// per file and the good ones stored.
func TestUploadManyWithFailures(t *testing.T) {
	e := newEnv(t, "", nil)
	status, body := e.upload(e.reader,
		[]string{"good.txt", "photo.png", "empty.txt"},
		[][]byte{resumeFixture(t, "data-scientist"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), nil})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s, want 201", status, body)
	}
	var up uploadResp
	json.Unmarshal(body, &up)
	if len(up.Candidates) != 1 || up.Candidates[0].File != "good.txt" {
		t.Errorf("stored = %+v, want good.txt only", up.Candidates)
	}
	codes := map[string]string{}
	for _, fe := range up.Errors {
		codes[fe.File] = fe.Code
	}
	if codes["photo.png"] != "unsupported_format" || codes["empty.txt"] != "invalid" {
		t.Errorf("per-file errors = %v, want photo.png unsupported_format, empty.txt invalid", codes)
	}
}

// TestRateLimit: a key past its burst gets 429 with Retry-After; another
// key is unaffected.
func TestRateLimit(t *testing.T) {
	e := newEnv(t, "", func(c *Config) { c.RateLimit = RateLimit{PerSecond: 0.5, Burst: 3} })
	for i := 0; i < 3; i++ {
		if status, body, _ := e.do(http.MethodGet, "/api/v1/roles", e.reader, "", nil); status != http.StatusOK {
			t.Fatalf("request %d = %d %s, want 200", i, status, body)
		}
	}
	status, body, hdr := e.do(http.MethodGet, "/api/v1/roles", e.reader, "", nil)
	if status != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" {
		t.Errorf("4th request = %d (Retry-After %q) %s, want 429 with Retry-After", status, hdr.Get("Retry-After"), body)
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/roles", e.admin, "", nil); status != http.StatusOK {
		t.Errorf("other key = %d, want 200", status)
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(RateLimit{PerSecond: 2, Burst: 2})
	t0 := time.Unix(1000, 0)
	steps := []struct {
		at   time.Duration
		want bool
	}{{0, true}, {0, true}, {0, false}, {400 * time.Millisecond, false}, {500 * time.Millisecond, true}, {500 * time.Millisecond, false}, {5 * time.Second, true}, {5 * time.Second, true}, {5 * time.Second, false}}
	for i, s := range steps {
		got, wait := l.allow("k", t0.Add(s.at))
		if got != s.want {
			t.Errorf("step %d at %v: allow = %v, want %v", i, s.at, got, s.want)
		}
		if !got && (wait <= 0 || wait > time.Second) {
			t.Errorf("step %d: wait = %v, want within (0, 1s]", i, wait)
		}
	}
	if ok, _ := newLimiter(RateLimit{}).allow("k", t0); !ok {
		t.Errorf("zero rate limits; want unlimited")
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{fmt.Errorf("x: %w", engine.ErrInvalid), 400, "invalid"},
		{fmt.Errorf("candidate 1: %w", engine.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("x: %w", engine.ErrConflict), 409, "conflict"},
		{fmt.Errorf("x: %w", engine.ErrTooLarge), 413, "too_large"},
		{&http.MaxBytesError{Limit: 10}, 413, "too_large"},
		{fmt.Errorf("x: %w", engine.ErrUnsupportedFormat), 415, "unsupported_format"},
		{fmt.Errorf("x: %w", engine.ErrUnreadable), 422, "unreadable"},
		{fmt.Errorf("x: %w", errUnauthorized), 401, "unauthorized"},
		{fmt.Errorf("x: %w", errForbidden), 403, "forbidden"},
		{fmt.Errorf("x: %w", errRateLimited), 429, "rate_limited"},
		{errors.New("disk on fire"), 500, "internal"},
	}
	for _, c := range cases {
		status, code := classify(c.err)
		if status != c.status || code != c.code {
			t.Errorf("classify(%v) = %d %s, want %d %s", c.err, status, code, c.status, c.code)
		}
	}
}

// TestInternalErrorsAreHidden: a 5xx says "internal error" to the client
// and is logged once with the request id.
func TestInternalErrorsAreHidden(t *testing.T) {
	e := newEnv(t, "", nil)
	e.s.router.GET("/api/v1/test-boom", e.s.authenticate, func(c *gin.Context) { e.s.fail(c, errors.New("secret detail")) })
	status, body, hdr := e.do(http.MethodGet, "/api/v1/test-boom", e.reader, "", nil)
	if status != 500 || strings.Contains(string(body), "secret detail") || !strings.Contains(string(body), "internal error") {
		t.Errorf("5xx = %d %s, want 500 \"internal error\" without the detail", status, body)
	}
	id := hdr.Get("X-Request-Id")
	if n := strings.Count(e.logs.String(), "secret detail"); n != 1 || !strings.Contains(e.logs.String(), id) {
		t.Errorf("log has the detail %d times (want 1) with request id %s:\n%s", n, id, e.logs.String())
	}
}

// TestRefusedUploadStoresNothing: an upload answered with a request-level
// error — one file over Limits.MaxFiles, or a body that passes the cap after
// some good files — has stored none of its files.
func TestRefusedUploadStoresNothing(t *testing.T) {
	e := newEnv(t, "", func(c *Config) { c.Limits.MaxUpload = 64 << 10 })
	total := func() int {
		var s searchResp
		e.getJSON("/api/v1/candidates?limit=1", e.reader, &s)
		return s.Total
	}
	resumeN := func(i int) []byte {
		return []byte(fmt.Sprintf("Applicant %d\nSoftware engineer\nSkills: Python, Go, SQL\n2019 - 2023 Engineer at Firm%d\n", i, i))
	}
	before := total()
	var names []string
	var data [][]byte
	for i := 0; i < 101; i++ {
		names = append(names, fmt.Sprintf("r%03d.txt", i))
		data = append(data, resumeN(i))
	}
	if status, body := e.upload(e.reader, names, data); status != http.StatusRequestEntityTooLarge {
		t.Errorf("101 files = %d %.200s, want 413", status, body)
	}
	if got := total(); got != before {
		t.Errorf("after the refused 101-file upload total = %d, want %d (nothing stored)", got, before)
	}
	// Five good files, then one that takes the body over the 64 KiB cap.
	names, data = names[:5], data[:5]
	names = append(names, "big.txt")
	data = append(data, bytes.Repeat([]byte("python "), 20_000))
	if status, body := e.upload(e.reader, names, data); status != http.StatusRequestEntityTooLarge {
		t.Errorf("body over the cap = %d %.200s, want 413", status, body)
	}
	if got := total(); got != before {
		t.Errorf("after the refused oversized upload total = %d, want %d (nothing stored)", got, before)
	}
	// The five good files alone are stored.
	status, body := e.upload(e.reader, names[:5], data[:5])
	if status != http.StatusCreated {
		t.Fatalf("5 files = %d %.200s, want 201", status, body)
	}
	if got := total(); got != before+5 {
		t.Errorf("after a good upload total = %d, want %d", got, before+5)
	}
}
