package jobs

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// SignatureHeader is the request header of a job callback that carries the
// HMAC-SHA256 of the body, as "sha256=<hex>".
const SignatureHeader = "X-Skillmatch-Signature"

// Sign returns the SignatureHeader value for body under secret.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is the signature of body under secret, in
// constant time. Receivers of callbacks do this before trusting the body.
func Verify(secret, body []byte, header string) bool {
	return hmac.Equal([]byte(header), []byte(Sign(secret, body)))
}

// CheckCallbackURL validates a callback_url given with a job: an absolute
// http or https URL with a host and no user info. Errors wrap engine.ErrInvalid.
func CheckCallbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("callback_url: %v: %w", err, engine.ErrInvalid)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("callback_url: want an absolute http or https URL: %w", engine.ErrInvalid)
	}
	if u.User != nil {
		return fmt.Errorf("callback_url: must not carry credentials: %w", engine.ErrInvalid)
	}
	return nil
}

// Callback is the JSON body POSTed to a job's callback_url when it ends.
type Callback struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	Total      int    `json:"total"`
	Done       int    `json:"done"`
	Failed     int    `json:"failed"`
	Error      string `json:"error,omitempty"`
	ResultsURL string `json:"results_url"` // path of the results on this server
}

// notifier POSTs signed callbacks, retrying with exponential backoff.
type notifier struct {
	client   *http.Client
	secret   []byte
	attempts int           // total tries, at least 1
	backoff  time.Duration // wait before the second try; doubled each time
}

// errPermanent marks a callback answer that retrying will not change.
var errPermanent = errors.New("callback refused")

// send POSTs body to target until a 2xx answer, a permanent refusal (a 4xx
// other than 408 and 429), ctx is done, or the attempts are used up. It
// returns the last error and the number of tries made.
func (n notifier) send(ctx context.Context, target string, body []byte) (int, error) {
	wait := n.backoff
	var err error
	for try := 1; ; try++ {
		err = n.post(ctx, target, body)
		if err == nil || errors.Is(err, errPermanent) || try >= n.attempts {
			return try, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return try, errors.Join(err, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, 5*time.Minute)
	}
}

func (n notifier) post(ctx context.Context, target string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "skillmatch-jobs")
	if len(n.secret) > 0 {
		req.Header.Set(SignatureHeader, Sign(n.secret, body))
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		return nil
	case c >= 300 && c < 500 && c != http.StatusRequestTimeout && c != http.StatusTooManyRequests:
		return fmt.Errorf("%w: status %d", errPermanent, c)
	default:
		return fmt.Errorf("callback: status %d", c)
	}
}

// noRedirects keeps callbacks on the URL the client gave: a redirect is an
// answer, not an instruction to post the results somewhere else.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
