// Package engine is the skillmatch domain: the resume model shared by every
// stage, and the error categories the rest of the program translates at its
// boundaries. Subpackages hold the concerns big enough to stand alone:
// taxonomy (skills and extraction), document (bytes → text), resume (text →
// structured profile) and role (roles, job descriptions and scoring).
//
// engine and its subpackages use the standard library and small pure helpers
// only. They must not import gin, bleve, database/sql, go-sqlite3 or net/http,
// nor any of skillmatch's index, api or cmd packages (`make lint` checks this).
package engine

import "errors"

// Error categories. Callers wrap them with detail
// (fmt.Errorf("candidate %s: %w", id, engine.ErrNotFound)) and test them with
// errors.Is; ErrorCode names each one with a stable code, and the API maps each
// one to a single HTTP status.
var (
	// ErrNotFound: the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input is malformed or fails validation.
	ErrInvalid = errors.New("invalid input")
	// ErrConflict: the request clashes with existing state.
	ErrConflict = errors.New("conflict")
	// ErrUnsupportedFormat: the document format is recognised but not supported
	// (legacy .doc, images, archives), or not recognised at all.
	ErrUnsupportedFormat = errors.New("unsupported format")
	// ErrUnreadable: the document claims a supported format but its content
	// cannot be read: corrupt, truncated, a scan with no text layer, garbage text,
	// a worker crash or deadline.
	ErrUnreadable = errors.New("unreadable document")
	// ErrTooLarge: an input exceeds a configured cap (bytes, pages, text).
	ErrTooLarge = errors.New("too large")
)

// codes names each category with the stable machine-readable code that the
// API's error bodies, a batch job's item errors and the CLI's JSON show.
var codes = []struct {
	err  error
	code string
}{
	{ErrInvalid, "invalid"},
	{ErrNotFound, "not_found"},
	{ErrConflict, "conflict"},
	{ErrTooLarge, "too_large"},
	{ErrUnsupportedFormat, "unsupported_format"},
	{ErrUnreadable, "unreadable"},
}

// ErrorCode returns the stable code of the category err wraps ("invalid",
// "not_found", "conflict", "too_large", "unsupported_format", "unreadable"),
// or "" when err wraps none of them; each caller picks its own code for the
// rest ("internal" in the API).
func ErrorCode(err error) string {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return ""
}

// CodeError returns the category whose ErrorCode is code, or nil for a code
// that names none (it reverses ErrorCode for errors stored as text).
func CodeError(code string) error {
	for _, c := range codes {
		if c.code == code {
			return c.err
		}
	}
	return nil
}
