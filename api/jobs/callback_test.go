package jobs

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
)

func TestSignVerify(t *testing.T) {
	secret, body := []byte("s3cret"), []byte(`{"id":"j1"}`)
	// Computed independently: printf '{"id":"j1"}' | openssl dgst -sha256 -hmac s3cret
	const want = "sha256=85efb0f1498ea0530b26d64be0a7d042211263d6c5afc6a16e7f00ce3d783a04"
	got := Sign(secret, body)
	if got != want {
		t.Fatalf("Sign = %q, want %q", got, want)
	}
	if !Verify(secret, body, got) {
		t.Errorf("Verify(own signature) = false")
	}
	for _, tc := range []struct {
		name         string
		secret, body []byte
		header       string
	}{
		{"other body", secret, []byte(`{"id":"j2"}`), got},
		{"other secret", []byte("other"), body, got},
		{"no prefix", secret, body, got[7:]},
		{"empty", secret, body, ""},
	} {
		if Verify(tc.secret, tc.body, tc.header) {
			t.Errorf("%s: Verify = true, want false", tc.name)
		}
	}
}

func TestCheckCallbackURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://ats.example.com/hooks/skillmatch", true},
		{"http://127.0.0.1:9000/cb", true},
		{"ftp://example.com/x", false},
		{"/relative/path", false},
		{"https://user:pw@example.com/x", false},
		{"javascript:alert(1)", false},
		{"http://", false},
		{"://nonsense", false},
	} {
		err := CheckCallbackURL(tc.url)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, engine.ErrInvalid)) {
			t.Errorf("CheckCallbackURL(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}

// callbackServer answers with the given statuses in turn (200 once they run
// out) and records every request it got.
type callbackServer struct {
	*httptest.Server
	statuses []int
	calls    atomic.Int32
	bodies   chan []byte
	sigs     chan string
}

func newCallbackServer(t *testing.T, statuses ...int) *callbackServer {
	cs := &callbackServer{statuses: statuses, bodies: make(chan []byte, 100), sigs: make(chan string, 100)}
	cs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(cs.calls.Add(1))
		b, _ := io.ReadAll(r.Body)
		cs.bodies <- b
		cs.sigs <- r.Header.Get(SignatureHeader)
		if n <= len(cs.statuses) {
			if cs.statuses[n-1] == http.StatusFound {
				http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusFound)
				return
			}
			w.WriteHeader(cs.statuses[n-1])
		}
	}))
	t.Cleanup(cs.Close)
	return cs
}

// deliverNow runs n.deliver on a fresh pending callback and returns the
// callback records made after each attempt.
func deliverNow(ctx context.Context, n notifier, target string, body []byte) ([]index.JobCallback, error) {
	cb := index.JobCallback{JobID: "j1", URL: target, Status: index.CallbackPending, Body: body}
	var records []index.JobCallback
	err := n.deliver(ctx, &cb, func(c index.JobCallback) error {
		records = append(records, c)
		return nil
	})
	return records, err
}

func TestNotifierRetries(t *testing.T) {
	secret := []byte("k")
	body := []byte(`{"id":"x","status":"succeeded"}`)
	tests := []struct {
		name       string
		statuses   []int
		attempts   int
		wantTries  int
		wantStatus string
		wantLast   int // HTTP status of the last answer
	}{
		{"first try", nil, 5, 1, index.CallbackDelivered, 200},
		{"retried after 5xx and 429", []int{503, 500, 429}, 5, 4, index.CallbackDelivered, 200},
		{"gives up after the attempts", []int{503, 503, 503, 503}, 3, 3, index.CallbackFailed, 503},
		{"a 4xx is final", []int{400}, 5, 1, index.CallbackFailed, 400},
		{"a redirect is not followed", []int{http.StatusFound}, 5, 1, index.CallbackFailed, http.StatusFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := newCallbackServer(t, tt.statuses...)
			n := notifier{client: &http.Client{CheckRedirect: noRedirects}, secret: secret, attempts: tt.attempts, backoff: time.Millisecond}
			start := time.Now()
			records, err := deliverNow(context.Background(), n, cs.URL, body)
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != tt.wantTries || int(cs.calls.Load()) != tt.wantTries {
				t.Fatalf("%d attempts recorded, server saw %d; want %d", len(records), cs.calls.Load(), tt.wantTries)
			}
			for i, rec := range records {
				wantStatus := index.CallbackPending
				if i == len(records)-1 {
					wantStatus = tt.wantStatus
				}
				if rec.Attempts != i+1 || rec.Status != wantStatus || (rec.Status == index.CallbackDelivered) == (rec.LastError != "") {
					t.Errorf("record %d = attempts %d, status %s, error %q; want attempts %d, status %s", i, rec.Attempts, rec.Status, rec.LastError, i+1, wantStatus)
				}
			}
			if last := records[len(records)-1]; last.LastStatus != tt.wantLast {
				t.Errorf("last answer status = %d, want %d", last.LastStatus, tt.wantLast)
			}
			// Exponential backoff: 1+2+4… ms between tries.
			tries := len(records)
			if min := time.Duration(1<<(tries-1)-1) * time.Millisecond; time.Since(start) < min {
				t.Errorf("%d tries took %v, less than the backoff %v", tries, time.Since(start), min)
			}
			for range tries {
				if b, sig := <-cs.bodies, <-cs.sigs; string(b) != string(body) || !Verify(secret, b, sig) {
					t.Errorf("request body %q signature %q: not the signed body", b, sig)
				}
			}
		})
	}
}

// A callback cut short by shutdown is neither counted nor given up: it stays
// pending for the next start.
func TestNotifierStopsWithContext(t *testing.T) {
	cs := newCallbackServer(t, 503, 503, 503, 503, 503)
	n := notifier{client: http.DefaultClient, attempts: 5, backoff: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	records, err := deliverNow(ctx, n, cs.URL, []byte("{}"))
	if !errors.Is(err, context.DeadlineExceeded) || len(records) != 1 || records[0].Status != index.CallbackPending {
		t.Errorf("deliver = %v after %d records (%+v); want the context's error after 1 pending record", err, len(records), records)
	}
}

// The default refuses callback URLs that point into the server's own
// networks, when the job is submitted; allowing private callbacks accepts them.
func TestCheckTarget(t *testing.T) {
	for _, tc := range []struct {
		url     string
		blocked bool
	}{
		{"http://127.0.0.1:9000/cb", true},
		{"http://169.254.169.254/latest/meta-data/", true}, // cloud metadata
		{"http://localhost:8080/cb", true},
		{"http://[::1]/cb", true},
		{"http://[::ffff:127.0.0.1]/cb", true},
		{"http://10.1.2.3/cb", true},
		{"http://172.16.0.9/cb", true},
		{"http://192.168.1.1/cb", true},
		{"http://100.64.0.1/cb", true},
		{"http://0.0.0.0/cb", true},
		{"http://[fe80::1]/cb", true},
		{"http://[fd00::1]/cb", true},
		{"http://[64:ff9b::a00:1]/cb", true}, // NAT64 of 10.0.0.1
		{"https://93.184.215.14/hooks", false},
		{"https://[2606:4700::1111]/hooks", false},
		{"https://name.invalid/hooks", false}, // does not resolve now: judged when dialed
	} {
		err := checkTarget(context.Background(), net.DefaultResolver, tc.url)
		if tc.blocked != (err != nil) || (err != nil && (!errors.Is(err, engine.ErrInvalid) || !errors.Is(err, errBlockedAddress))) {
			t.Errorf("checkTarget(%q) = %v, want blocked=%v", tc.url, err, tc.blocked)
		}
	}
}

// The dial guard checks the address actually connected to, whatever the URL
// said when the job was submitted: a callback to a loopback server fails
// without a request reaching it, and is not retried.
func TestDialGuardRefusesLoopback(t *testing.T) {
	cs := newCallbackServer(t)
	tr, err := guardedTransport(nil)
	if err != nil {
		t.Fatal(err)
	}
	n := notifier{client: &http.Client{Transport: tr, CheckRedirect: noRedirects}, attempts: 5, backoff: time.Millisecond}
	for _, target := range []string{cs.URL, strings.Replace(cs.URL, "127.0.0.1", "localhost", 1)} {
		records, err := deliverNow(context.Background(), n, target, []byte("{}"))
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 1 || records[0].Status != index.CallbackFailed || !strings.Contains(records[0].LastError, "loopback") {
			t.Errorf("%s: records %+v; want one failed attempt naming the blocked address", target, records)
		}
	}
	if n := cs.calls.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests, want 0", n)
	}
	if _, err := guardedTransport(roundTripFunc(nil)); err == nil {
		t.Errorf("guardedTransport of a custom RoundTripper: no error; want one (it cannot be guarded)")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
