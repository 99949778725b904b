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
// errors.Is; the API maps each one to a single HTTP status.
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
