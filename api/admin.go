package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
)

// keyRequest is the body of POST /keys.
type keyRequest struct {
	Role  string `json:"role"`
	Name  string `json:"name"`
	Blind bool   `json:"blind"`
}

// createKey makes an API key (admin only). The key itself is in this
// response and nowhere else: the store keeps only its hash.
func (s *server) createKey(c *gin.Context) {
	var req keyRequest
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) || errors.Is(err, io.EOF) {
			s.fail(c, bodyError("read key request", err))
			return
		}
		s.fail(c, fmt.Errorf("key request: %v: want {\"role\": \"admin|recruiter\", \"name\": \"...\", \"blind\": false}: %w", err, engine.ErrInvalid))
		return
	}
	if req.Role != roleAdmin && req.Role != roleRecruiter {
		s.fail(c, fmt.Errorf("role %q: want admin or recruiter: %w", req.Role, engine.ErrInvalid))
		return
	}
	if len(req.Name) > 200 {
		s.fail(c, fmt.Errorf("name is longer than 200 characters: %w", engine.ErrInvalid))
		return
	}
	key, k, err := s.cfg.Store.CreateAPIKey(c.Request.Context(), req.Role, req.Name, req.Blind)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"key": key, "id": k.ID, "name": k.Name, "role": k.Role, "blind": k.Blind, "created_at": k.CreatedAt})
}

// keyView is a key's metadata; the key itself is never shown again.
type keyView struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Blind     bool      `json:"blind"`
	CreatedAt time.Time `json:"created_at"`
}

// listKeys lists every key's metadata, oldest first (admin only).
func (s *server) listKeys(c *gin.Context) {
	keys, err := s.cfg.Store.ListAPIKeys(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]keyView, 0, len(keys))
	for _, k := range keys {
		out = append(out, keyView{ID: k.ID, Name: k.Name, Role: k.Role, Blind: k.Blind, CreatedAt: k.CreatedAt})
	}
	c.JSON(http.StatusOK, gin.H{"keys": out})
}

// revokeKey deletes a key so it stops working at once (admin only;
// audited). The key making the request cannot revoke itself, so an admin
// cannot lock everyone out by accident.
func (s *server) revokeKey(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	k, _ := keyOf(c)
	if id == k.ID {
		s.fail(c, fmt.Errorf("key %s is the one making this request; revoke it with another admin key: %w", id, engine.ErrConflict))
		return
	}
	if err := s.cfg.Store.DeleteAPIKey(ctx, id); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.cfg.Store.Audit(ctx, index.AuditEntry{At: time.Now().UTC(), KeyID: k.ID, Action: "revoke_key", Subject: id}); err != nil {
		s.fail(c, fmt.Errorf("audit revoke of key %s: %w", id, err))
		return
	}
	c.Status(http.StatusNoContent)
}

// auditView is one audit entry as JSON.
type auditView struct {
	ID              int64     `json:"id"`
	At              time.Time `json:"at"`
	KeyID           string    `json:"key_id"`
	Action          string    `json:"action"`
	Subject         string    `json:"subject"`
	RoleVersion     string    `json:"role_version,omitempty"`
	TaxonomyVersion string    `json:"taxonomy_version,omitempty"`
	Detail          string    `json:"detail,omitempty"`
}

// listAudit lists the latest audit entries, newest first (admin only).
func (s *server) listAudit(c *gin.Context) {
	limit, err := intParam(c, "limit", 100, 1, 1000)
	if err != nil {
		s.fail(c, err)
		return
	}
	entries, err := s.cfg.Store.ListAudit(c.Request.Context(), limit)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]auditView, 0, len(entries))
	for _, e := range entries {
		out = append(out, auditView(e))
	}
	c.JSON(http.StatusOK, gin.H{"entries": out})
}
