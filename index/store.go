// Package index owns every byte skillmatch keeps on disk: one data folder with
// the SQLite database (the system of record for candidates, roles, API keys,
// audit entries and jobs), the bleve search index built from it, and the
// original uploaded files stored by content hash.
//
//	DIR/skillmatch.db    SQLite, WAL, embedded numbered migrations
//	DIR/index.bleve/     bleve (scorch), rebuilt from SQLite when missing,
//	                     corrupt or of an older mapping version
//	DIR/files/<ab>/<sha256>  originals (uploads and job inputs) by content
//	                     hash, in 256 sub-folders, checked against it on
//	                     every read (files.go)
//
// Every write is committed to SQLite before it is indexed, and Open reconciles
// the two, so a crash between them is repaired on the next start. An original
// is written before the commit that references it and removed after the
// commit that releases it; Open removes files nothing references.
//
// bleve and database/sql never leave this package: callers see plain Go
// values, and errors are translated to the engine sentinels
// (engine.ErrNotFound, engine.ErrConflict, engine.ErrInvalid). index may import
// engine and its subpackages; it must not import api or cmd, nor gin or
// net/http.
package index

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/mattn/go-sqlite3"

	"github.com/skillmatch/skillmatch/engine"
)

// Options configure a Store. The zero value works.
type Options struct {
	// Logger receives operational messages (rebuilds, reconciliation). It
	// never receives resume text or personal data. Nil discards.
	Logger *slog.Logger
	// TaxonomyVersion is recorded in audit entries that do not name one and
	// with every candidate stored or reparsed (StaleCandidates counts the
	// others).
	TaxonomyVersion string
	// ResolveSkill maps a skill name, id or alias as a user types it in a
	// search query ("k8s", "Golang") to a taxonomy skill id. Nil treats the
	// lower-cased word itself as the id.
	ResolveSkill func(name string) (id string, ok bool)
}

// Store is the data folder opened for use. It is safe for concurrent use by
// HTTP handlers and job workers.
type Store struct {
	dir  string
	db   *sql.DB
	opts Options
	log  *slog.Logger
	lock *os.File // the data folder lock, held until Close

	// mu guards idx: every index operation holds it for reading, Reindex
	// for writing while it swaps in the rebuilt index.
	mu  sync.RWMutex
	idx bleve.Index

	// persist counts live-index batches not yet on disk (see apply).
	persist persistTracker

	// gen counts index writes; cached facets are valid for one generation
	// (see genCache). Whole encoded result pages are cached by the API
	// (api/searchcache.go) on SearchGeneration.
	gen    atomic.Uint64
	facets genCache[map[string][]FacetCount]

	files fileLock // orders original file writes against removals (files.go)

	keys  keyCache   // verified API keys (keys.go)
	audit auditQueue // write-behind audit entries (audit.go)

	facetTerms segmentFacets // facet terms decoded per index segment (facetcache.go)

	// unindexed are the candidates StoreCandidates committed that no
	// IndexPending has indexed yet, by id; Close indexes them.
	unindexedMu sync.Mutex
	unindexed   map[string]Candidate
	// indexingMu is held while pending candidates are being indexed, so
	// an IndexPending that finds the set empty because another call took
	// it returns only once that call has indexed them.
	indexingMu sync.Mutex

	// indexHook indexes committed candidates. Tests replace it to simulate a
	// crash between the SQLite commit and the index write.
	indexHook func(ctx context.Context, cs []Candidate) error
}

const (
	dbName    = "skillmatch.db"
	indexName = "index.bleve"
	filesName = "files"
)

// Open opens the data folder dir, creating it (and everything in it) when
// missing. It runs the database migrations, opens the search index —
// rebuilding it from SQLite when it is missing, unreadable or built with an
// older mapping version — and reconciles the index with SQLite: candidates in
// the database but not the index are indexed, index entries without a row are
// removed. Original files no candidate or pending job item references (left
// by a crash) are removed. The caller must Close the Store.
//
// One Store at a time may have a data folder open: another Open of it, from
// any process, fails at once with engine.ErrConflict. BackupFolder is the way
// to copy the database of a folder in use.
func Open(ctx context.Context, dir string, opts Options) (*Store, error) {
	if dir == "" {
		return nil, fmt.Errorf("data folder: empty path: %w", engine.ErrInvalid)
	}
	if err := os.MkdirAll(filepath.Join(dir, filesName), 0o755); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	lock, err := lockFolder(dir)
	if err != nil {
		return nil, err
	}
	// A hint for where the file system puts files/'s sub-folders (files.go);
	// without it everything still works, only file creation may be slower.
	// Set once the folder is ours: an Open refused the lock changes nothing.
	spreadSubfolders(filepath.Join(dir, filesName))
	db, err := openDB(ctx, dir)
	if err == nil {
		err = migrate(ctx, db, dir, 0)
		if err != nil {
			db.Close()
		}
	}
	if err != nil {
		lock.Close()
		return nil, err
	}
	s := &Store{dir: dir, db: db, opts: opts, log: opts.Logger, lock: lock}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.indexHook = s.indexCandidates
	if err := s.reconcileFiles(ctx); err != nil {
		db.Close()
		lock.Close()
		return nil, err
	}
	if err := s.openIndex(ctx); err != nil {
		db.Close()
		lock.Close()
		return nil, err
	}
	return s, nil
}

// openDB opens dir's database with the pragmas every pooled connection needs.
func openDB(ctx context.Context, dir string) (*sql.DB, error) {
	path := filepath.Join(dir, dbName)
	// secure_delete: a deleted candidate's text and original are zeroed in
	// the file, not left in free pages.
	db, err := sql.Open("sqlite3", path+"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate&_secure_delete=on")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// Close closes the index and the database. The Store must not be used after.
func (s *Store) Close() error {
	aerr := s.audit.close(s) // queued audit entries are written before the database closes
	// Uploads committed but not yet indexed go into the index now, so a
	// graceful stop leaves nothing for the next Open to reconcile.
	_, xerr := s.IndexPending(context.Background())
	s.mu.Lock()
	var ierr error
	if s.idx != nil {
		ierr = s.closeIndex()
	}
	s.mu.Unlock()
	return errors.Join(aerr, xerr, ierr, s.db.Close(), s.lock.Close())
}

// Dir returns the data folder.
func (s *Store) Dir() string { return s.dir }

// translate maps a database error to an engine sentinel, wrapped with what:
// sql.ErrNoRows → ErrNotFound, a constraint violation → ErrConflict. Other
// errors are wrapped unchanged.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, engine.ErrNotFound)
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		return fmt.Errorf("%s: %w", what, engine.ErrConflict)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

// newID returns a random 16-hex-digit identifier.
func newID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}

func millis(t time.Time) int64      { return t.UnixMilli() }
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func (s *Store) getMeta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *Store) setMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
