package index

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// APIKey is a stored key's metadata. The key itself is never stored: only
// its sha256.
type APIKey struct {
	ID        string
	Name      string
	Role      string // admin or recruiter
	Blind     bool   // responses for this key redact identity
	CreatedAt time.Time
}

// Key roles.
const (
	RoleAdmin     = "admin"
	RoleRecruiter = "recruiter"
)

const keyPrefix = "sm_"

// CreateAPIKey creates a key for role (admin or recruiter; anything else is
// engine.ErrInvalid) and returns it — "sm_" and 32 random bytes in unpadded
// base64url — with its metadata. The key is shown only here.
func (s *Store) CreateAPIKey(ctx context.Context, role, name string, blind bool) (key string, k APIKey, err error) {
	if role != RoleAdmin && role != RoleRecruiter {
		return "", APIKey{}, fmt.Errorf("key role %q: want admin or recruiter: %w", role, engine.ErrInvalid)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", APIKey{}, fmt.Errorf("create key: %w", err)
	}
	key = keyPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	k = APIKey{ID: newID(), Name: name, Role: role, Blind: blind, CreatedAt: time.Now().UTC().Truncate(time.Millisecond)}
	_, err = s.db.ExecContext(ctx, `INSERT INTO api_keys (id, name, role, blind, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		k.ID, k.Name, k.Role, k.Blind, keyHash(key), millis(k.CreatedAt))
	if err != nil {
		return "", APIKey{}, translate(err, "create key")
	}
	return key, k, nil
}

func keyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns the key's metadata, or engine.ErrNotFound for a key
// that is unknown or malformed. The lookup is by hash, and the stored hash is
// compared in constant time.
//
// A verified key is remembered for keyCacheTTL, so most requests
// authenticate without reading the database. DeleteAPIKey forgets a key
// before it returns, so revocation through this Store takes effect at once;
// only a key deleted behind the Store's back (another program writing the
// database, which the folder lock prevents) could keep working for up to
// keyCacheTTL. Unknown keys are never cached.
func (s *Store) Authenticate(ctx context.Context, key string) (APIKey, error) {
	if !strings.HasPrefix(key, keyPrefix) || len(key) > 200 {
		return APIKey{}, fmt.Errorf("api key: %w", engine.ErrNotFound)
	}
	sum := sha256.Sum256([]byte(key))
	now := time.Now()
	if k, ok := s.keys.get(sum, now); ok {
		return k, nil
	}
	epoch := s.keys.epochNow()
	want := hex.EncodeToString(sum[:])
	var (
		k       APIKey
		stored  string
		created int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, name, role, blind, hash, created_at FROM api_keys WHERE hash = ?`, want).
		Scan(&k.ID, &k.Name, &k.Role, &k.Blind, &stored, &created)
	if err != nil {
		return APIKey{}, translate(err, "api key")
	}
	if subtle.ConstantTimeCompare([]byte(stored), []byte(want)) != 1 {
		return APIKey{}, fmt.Errorf("api key: %w", engine.ErrNotFound)
	}
	k.CreatedAt = fromMillis(created)
	s.keys.put(sum, k, epoch, now)
	return k, nil
}

// keyCacheTTL is how long a verified key is trusted without a database read.
const keyCacheTTL = 10 * time.Second

// keyCacheSize bounds the cache; keys are few, so reaching it means someone
// is cycling keys and the cache simply starts over.
const keyCacheSize = 1024

// keyCache remembers verified keys by the sha256 of the key. epoch counts
// revocations: an Authenticate that read the database before a revocation
// finished must not cache what it read (it may be the revoked key), so put
// is refused when the epoch moved since the read began.
type keyCache struct {
	mu    sync.Mutex
	epoch uint64
	m     map[[sha256.Size]byte]cachedKey
}

type cachedKey struct {
	k     APIKey
	until time.Time
}

func (c *keyCache) get(sum [sha256.Size]byte, now time.Time) (APIKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[sum]
	if !ok || now.After(e.until) {
		return APIKey{}, false
	}
	return e.k, true
}

func (c *keyCache) epochNow() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.epoch
}

func (c *keyCache) put(sum [sha256.Size]byte, k APIKey, epoch uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if epoch != c.epoch {
		return // a key was revoked while this one was read
	}
	if c.m == nil || len(c.m) >= keyCacheSize {
		c.m = map[[sha256.Size]byte]cachedKey{}
	}
	c.m[sum] = cachedKey{k: k, until: now.Add(keyCacheTTL)}
}

// forget drops every cached key with id (the cache is keyed by hash, which
// a revocation does not know) and moves the epoch on.
func (c *keyCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	for sum, e := range c.m {
		if e.k.ID == id {
			delete(c.m, sum)
		}
	}
}

// CountAPIKeys returns the number of keys (zero on a fresh data folder).
func (s *Store) CountAPIKeys(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_keys`).Scan(&n)
	return n, translate(err, "count keys")
}

// ListAPIKeys returns every key's metadata, oldest first.
func (s *Store) ListAPIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, role, blind, created_at FROM api_keys ORDER BY created_at, rowid`)
	if err != nil {
		return nil, translate(err, "list keys")
	}
	defer rows.Close()
	out := []APIKey{}
	for rows.Next() {
		var (
			k       APIKey
			created int64
		)
		if err := rows.Scan(&k.ID, &k.Name, &k.Role, &k.Blind, &created); err != nil {
			return nil, translate(err, "list keys")
		}
		k.CreatedAt = fromMillis(created)
		out = append(out, k)
	}
	return out, translate(rows.Err(), "list keys")
}

// DeleteAPIKey revokes a key, or fails with engine.ErrNotFound. The key
// stops authenticating before DeleteAPIKey returns (it is also dropped from
// Authenticate's cache, even when the delete fails).
func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM api_keys WHERE id = ?`, id)
	s.keys.forget(id)
	if err != nil {
		return translate(err, "key "+id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("key %s: %w", id, engine.ErrNotFound)
	}
	return nil
}
