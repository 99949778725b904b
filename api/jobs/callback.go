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
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
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

// CheckCallbackURL validates the form of a callback_url given with a job: an
// absolute http or https URL with a host and no user info. Errors wrap
// engine.ErrInvalid. Where the URL points is checked by the Runner (see
// Config.AllowPrivateCallbacks).
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

// errBlockedAddress refuses a callback to an address of this machine or its
// networks: loopback, private, link-local (cloud metadata services live at
// 169.254.169.254), unspecified, multicast and reserved ranges. Without it a
// job's callback_url would let any API key make the server POST into its own
// network.
var errBlockedAddress = errors.New("callback_url: points at a loopback, private, link-local or reserved address (the server refuses those unless started to allow private callbacks)")

// reservedPrefixes are the ranges blocked beyond what netip.Addr's
// predicates cover.
var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and the broadcast address
}

// nat64 is the well-known NAT64 prefix: its last four bytes are an IPv4
// address, judged as such.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// blockedAddr reports whether a callback must not go to ip.
func blockedAddr(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	if nat64.Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte(b[12:]))
	}
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// checkTarget refuses a callback_url whose host is, or resolves now to, a
// blocked address. A host that does not resolve now is accepted: the dial
// guard (guardDial) judges whatever it resolves to when the callback is sent,
// which also defeats a name that resolves elsewhere at submission (DNS
// rebinding). Errors wrap engine.ErrInvalid.
func checkTarget(ctx context.Context, resolver *net.Resolver, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("callback_url: %v: %w", err, engine.ErrInvalid)
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if blockedAddr(ip) {
			return fmt.Errorf("%w (%s): %w", errBlockedAddress, ip, engine.ErrInvalid)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil
	}
	for _, ip := range addrs {
		if blockedAddr(ip) {
			return fmt.Errorf("%w (%s resolves to %s): %w", errBlockedAddress, host, ip, engine.ErrInvalid)
		}
	}
	return nil
}

// guardDial is a net.Dialer Control function refusing blocked addresses: it
// sees the address actually dialed, after name resolution.
func guardDial(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("callback: dialing %q: not an IP address", host)
	}
	if blockedAddr(ip) {
		return fmt.Errorf("%w (%s)", errBlockedAddress, ip)
	}
	return nil
}

// guardedTransport is rt (an *http.Transport, or nil for the default one)
// with every connection checked by guardDial. Proxies are not used: the
// guard must see the callback's own address, not a proxy's.
func guardedTransport(rt http.RoundTripper) (http.RoundTripper, error) {
	var t *http.Transport
	switch base := rt.(type) {
	case nil:
		t = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		t = base.Clone()
	default:
		return nil, fmt.Errorf("jobs: HTTPClient.Transport is a %T; refusing private callback addresses needs an *http.Transport (or set AllowPrivateCallbacks)", rt)
	}
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: guardDial}
	t.DialContext = d.DialContext
	t.DialTLSContext = nil
	t.Proxy = nil
	return t, nil
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

// deliver sends cb.Body to cb.URL until a 2xx answer, a permanent refusal (a
// 4xx other than 408 and 429, a redirect, a blocked address), ctx is done, or
// the attempts are used up, waiting for cb.NextAt before each try. After
// every try it updates cb (Attempts, Status, NextAt, LastStatus, LastError)
// and calls record with it; a record error stops delivery, leaving the
// callback pending for the next start. cb.Attempts counts earlier tries,
// also those of a previous process, so a resumed callback keeps its backoff
// and its attempt budget.
func (n notifier) deliver(ctx context.Context, cb *index.JobCallback, record func(index.JobCallback) error) error {
	for cb.Status == index.CallbackPending {
		if wait := time.Until(cb.NextAt); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		status, err := n.post(ctx, cb.URL, cb.Body)
		if err != nil && ctx.Err() != nil {
			return ctx.Err() // cut short by shutdown: not an attempt, retried on the next start
		}
		cb.Attempts++
		cb.LastStatus, cb.LastError = status, ""
		switch {
		case err == nil:
			cb.Status = index.CallbackDelivered
		case errors.Is(err, errPermanent) || cb.Attempts >= n.attempts:
			cb.Status, cb.LastError = index.CallbackFailed, err.Error()
		default:
			cb.LastError = err.Error()
			cb.NextAt = time.Now().Add(min(n.backoff<<min(cb.Attempts-1, 20), 5*time.Minute))
		}
		if err := record(*cb); err != nil {
			return err
		}
	}
	return nil
}

// post makes one try. It returns the answer's status (0 without one) and an
// error for anything but a 2xx, wrapping errPermanent when retrying is
// pointless. Errors never show the URL: it is the client's, and its query
// may hold a secret of theirs.
func (n notifier) post(ctx context.Context, target string, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errPermanent, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "skillmatch-jobs")
	if len(n.secret) > 0 {
		req.Header.Set(SignatureHeader, Sign(n.secret, body))
	}
	resp, err := n.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if errors.Is(err, errBlockedAddress) {
			return 0, fmt.Errorf("%w: %v", errPermanent, err)
		}
		return 0, fmt.Errorf("callback: %w", err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		return c, nil
	case c >= 300 && c < 500 && c != http.StatusRequestTimeout && c != http.StatusTooManyRequests:
		return c, fmt.Errorf("%w: status %d", errPermanent, c)
	default:
		return c, fmt.Errorf("callback: status %d", c)
	}
}

// noRedirects keeps callbacks on the URL the client gave: a redirect is an
// answer, not an instruction to post the results somewhere else.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
