package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/role"
)

// StoredRole is a role version with the time it was first stored.
type StoredRole struct {
	role.Role
	CreatedAt time.Time
}

// PutRole stores a role and returns it with its ID and Version set. An empty
// ID creates a new role; a known ID stores a new current version of it (an
// unknown ID creates the role under that id). Every version ever stored stays
// retrievable with GetRoleVersion, so matches can cite the version they used.
// Version, when empty, is computed from the content (sha256 of the canonical
// JSON without ID and Version, 12 hex digits). A role without a title or any
// requirement is engine.ErrInvalid.
func (s *Store) PutRole(ctx context.Context, r role.Role) (role.Role, error) {
	if strings.TrimSpace(r.Title) == "" && len(r.Required) == 0 && len(r.Plus) == 0 {
		return role.Role{}, fmt.Errorf("role: no title and no requirements: %w", engine.ErrInvalid)
	}
	if r.Version == "" {
		v, err := roleVersion(r)
		if err != nil {
			return role.Role{}, err
		}
		r.Version = v
	}
	if r.ID == "" {
		r.ID = newID()
	}
	body, err := json.Marshal(r)
	if err != nil {
		return role.Role{}, fmt.Errorf("role %s: encode: %w", r.ID, err)
	}
	now := millis(time.Now())
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return role.Role{}, translate(err, "put role")
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO roles (id, version, created_at, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
		r.ID, r.Version, now, now); err != nil {
		return role.Role{}, translate(err, "role "+r.ID)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO role_versions (role_id, version, body, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (role_id, version) DO NOTHING`, r.ID, r.Version, body, now); err != nil {
		return role.Role{}, translate(err, "role "+r.ID)
	}
	if err := tx.Commit(); err != nil {
		return role.Role{}, translate(err, "role "+r.ID)
	}
	return r, nil
}

// roleVersion hashes the role's canonical JSON without ID and Version.
func roleVersion(r role.Role) (string, error) {
	r.ID, r.Version = "", ""
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("role: encode: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6]), nil
}

// GetRole returns the current version of a role, or engine.ErrNotFound.
func (s *Store) GetRole(ctx context.Context, id string) (role.Role, error) {
	sr, err := s.getRole(ctx, `SELECT v.body, v.created_at FROM roles r
		JOIN role_versions v ON v.role_id = r.id AND v.version = r.version WHERE r.id = ?`, id)
	if err != nil {
		return role.Role{}, translate(err, "role "+id)
	}
	return sr.Role, nil
}

// GetRoleVersion returns one stored version of a role, current or not, or
// engine.ErrNotFound.
func (s *Store) GetRoleVersion(ctx context.Context, id, version string) (StoredRole, error) {
	sr, err := s.getRole(ctx, `SELECT body, created_at FROM role_versions WHERE role_id = ? AND version = ?`, id, version)
	return sr, translate(err, "role "+id+" version "+version)
}

// RoleVersions lists every stored version of a role, oldest first, or
// engine.ErrNotFound for an unknown role.
func (s *Store) RoleVersions(ctx context.Context, id string) ([]StoredRole, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT body, created_at FROM role_versions WHERE role_id = ? ORDER BY created_at, rowid`, id)
	if err != nil {
		return nil, translate(err, "role "+id)
	}
	defer rows.Close()
	var out []StoredRole
	for rows.Next() {
		sr, err := scanRole(rows)
		if err != nil {
			return nil, translate(err, "role "+id)
		}
		out = append(out, sr)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "role "+id)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("role %s: %w", id, engine.ErrNotFound)
	}
	return out, nil
}

func (s *Store) getRole(ctx context.Context, q string, args ...any) (StoredRole, error) {
	return scanRole(s.db.QueryRowContext(ctx, q, args...))
}

func scanRole(row scanner) (StoredRole, error) {
	var (
		body    []byte
		created int64
		sr      StoredRole
	)
	if err := row.Scan(&body, &created); err != nil {
		return StoredRole{}, err
	}
	if err := json.Unmarshal(body, &sr.Role); err != nil {
		return StoredRole{}, fmt.Errorf("stored role: %w", err)
	}
	sr.CreatedAt = fromMillis(created)
	return sr, nil
}

// ListRoles returns the current version of every role, most recently
// created first.
func (s *Store) ListRoles(ctx context.Context) ([]role.Role, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.body, v.created_at FROM roles r
		JOIN role_versions v ON v.role_id = r.id AND v.version = r.version ORDER BY r.created_at DESC, r.rowid DESC`)
	if err != nil {
		return nil, translate(err, "list roles")
	}
	defer rows.Close()
	out := []role.Role{}
	for rows.Next() {
		sr, err := scanRole(rows)
		if err != nil {
			return nil, translate(err, "list roles")
		}
		out = append(out, sr.Role)
	}
	return out, translate(rows.Err(), "list roles")
}
