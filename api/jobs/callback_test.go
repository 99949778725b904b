package jobs

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine"
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

func TestNotifierRetries(t *testing.T) {
	secret := []byte("k")
	body := []byte(`{"id":"x","status":"succeeded"}`)
	tests := []struct {
		name      string
		statuses  []int
		attempts  int
		wantTries int
		wantErr   bool
	}{
		{"first try", nil, 5, 1, false},
		{"retried after 5xx and 429", []int{503, 500, 429}, 5, 4, false},
		{"gives up after the attempts", []int{503, 503, 503, 503}, 3, 3, true},
		{"a 4xx is final", []int{400}, 5, 1, true},
		{"a redirect is not followed", []int{http.StatusFound}, 5, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := newCallbackServer(t, tt.statuses...)
			n := notifier{client: &http.Client{CheckRedirect: noRedirects}, secret: secret, attempts: tt.attempts, backoff: time.Millisecond}
			start := time.Now()
			tries, err := n.send(context.Background(), cs.URL, body)
			if tries != tt.wantTries || int(cs.calls.Load()) != tt.wantTries || (err != nil) != tt.wantErr {
				t.Fatalf("send = %d tries (server saw %d), err %v; want %d tries, error %v", tries, cs.calls.Load(), err, tt.wantTries, tt.wantErr)
			}
			// Exponential backoff: 1+2+4… ms between tries.
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

func TestNotifierStopsWithContext(t *testing.T) {
	cs := newCallbackServer(t, 503, 503, 503, 503, 503)
	n := notifier{client: http.DefaultClient, attempts: 5, backoff: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	tries, err := n.send(ctx, cs.URL, []byte("{}"))
	if tries != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("send = %d tries, %v; want 1 try and the context's error", tries, err)
	}
}
