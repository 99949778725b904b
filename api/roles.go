package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/index"
)

// createRole stores a role sent as JSON or YAML (the authoring format, skills
// by any name or alias) or as a text/plain job description, and answers 201
// with the canonical role and its id.
func (s *server) createRole(c *gin.Context) {
	ro, err := s.decodeRole(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	saved, err := s.cfg.Store.PutRole(c.Request.Context(), ro)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, saved)
}

// updateRole stores a new version of an existing role, parsed and validated
// like createRole, under the same id; earlier versions stay in the store's
// history so past rankings can still cite them. An unknown id is 404 (PUT
// never creates: ids are the store's to give).
func (s *server) updateRole(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	if _, err := s.cfg.Store.GetRole(ctx, id); err != nil {
		s.fail(c, err)
		return
	}
	ro, err := s.decodeRole(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ro.ID = id
	ro.Version = "" // the store versions the new content
	saved, err := s.cfg.Store.PutRole(ctx, ro)
	s.roles.forget(id) // even on error: the store may have changed
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, saved)
}

// previewRole parses like createRole and answers with the canonical role
// without saving it, so a person can check what a job description became.
func (s *server) previewRole(c *gin.Context) {
	ro, err := s.decodeRole(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ro)
}

// decodeRole reads the body by its Content-Type. The file name it hands to
// role.Parse only tells the format.
func (s *server) decodeRole(c *gin.Context) (role.Role, error) {
	mediaType, params, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	var name string
	switch mediaType {
	case "application/json":
		name = "role.json"
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		name = "role.yaml"
	case "text/plain", "":
		name = "job-description.txt"
	default:
		return role.Role{}, fmt.Errorf("send a role as application/json or application/yaml, or a job description as text/plain, not %q: %w", mediaType, engine.ErrUnsupportedFormat)
	}
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return role.Role{}, bodyError("read role", err)
	}
	if len(data) == 0 {
		return role.Role{}, fmt.Errorf("empty body: send a role or a job description: %w", engine.ErrInvalid)
	}
	if name == "job-description.txt" {
		if data, err = jobDescriptionText(c.Request.Context(), data, params["charset"]); err != nil {
			return role.Role{}, err
		}
	}
	ro, err := role.Parse(data, name, s.cfg.Taxonomy)
	if err != nil {
		return role.Role{}, err
	}
	ro.ID = "" // ids are the store's to give
	return ro, nil
}

// jobDescriptionText returns a text/plain job description as UTF-8, read
// by document.JobDescription as the role command reads a file, with the
// body's declared charset: UTF-8 as sent; a byte order mark, UTF-16 or
// Windows-1252 decoded; HTML to its text. Other charsets, and documents
// that are no text (a PDF or DOCX sent as text/plain), are
// engine.ErrUnsupportedFormat.
func jobDescriptionText(ctx context.Context, data []byte, charset string) ([]byte, error) {
	// nil decoder: PDF and DOCX are not text, and the API reads no
	// documents as job descriptions.
	doc, err := document.JobDescription(ctx, data, "job-description.txt", charset, nil)
	if err != nil {
		return nil, fmt.Errorf("text/plain body: %w", err)
	}
	return []byte(doc.Text), nil
}

func (s *server) listRoles(c *gin.Context) {
	roles, err := s.cfg.Store.ListRoles(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"roles": nonNil(roles)})
}

func (s *server) getRole(c *gin.Context) {
	ro, err := s.cfg.Store.GetRole(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ro)
}

// matchView is one ranked candidate: who, where it ranks, and the engine's
// explanation of its score.
type matchView struct {
	CandidateID string  `json:"candidate_id"`
	File        string  `json:"file"`
	Score       float64 `json:"score"`
	Rank        int     `json:"rank"`
	*role.Match
}

// matches ranks every stored candidate against the role with the in-memory
// ranker and explains the best limit of them, best first. Every ranking is
// audited with the role and taxonomy versions it used.
func (s *server) matches(c *gin.Context) {
	ctx := c.Request.Context()
	limit, err := intParam(c, "limit", 20, 1, 200)
	if err != nil {
		s.fail(c, err)
		return
	}
	minScore := 0.0
	if raw := c.Query("min_score"); raw != "" {
		minScore, err = strconv.ParseFloat(raw, 64)
		if err != nil || minScore < 0 || minScore > 100 {
			s.fail(c, fmt.Errorf("min_score=%q: want a number from 0 to 100: %w", raw, engine.ErrInvalid))
			return
		}
	}
	strict, err := boolParam(c, "strict")
	if err != nil {
		s.fail(c, err)
		return
	}
	ro, err := s.roles.get(ctx, s.cfg.Store, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	blindView := blind(c)
	// The page is explained; a blind page is explained again from the
	// redacted profiles (matchViews), so the ranker need not.
	explain := limit
	if blindView {
		explain = 0
	}
	asOf := s.rankAsOf()
	entry := s.rank(ro, role.RankOptions{Limit: limit, MinScore: minScore, Strict: strict, Explain: explain, AsOf: asOf})
	ranked := entry.ranked

	k, _ := keyOf(c)
	// Store.Audit queues the entry (a writer commits entries in batches), so
	// the ranking does not wait for SQLite; see index.Store.Audit for the
	// guarantee and the crash window.
	if err := s.cfg.Store.Audit(ctx, index.AuditEntry{
		At: time.Now().UTC(), KeyID: k.ID, Action: "rank", Subject: ro.ID,
		RoleVersion: ro.Version, TaxonomyVersion: s.cfg.Taxonomy.Version,
		Detail: rankDetail(limit, minScore, strict, blindView, len(ranked)),
	}); err != nil {
		s.fail(c, fmt.Errorf("audit ranking of role %s: %w", ro.ID, err))
		return
	}

	head, err := json.Marshal(matchesHead{
		Role:            roleRef{ID: ro.ID, Title: ro.Title, Version: ro.Version},
		TaxonomyVersion: s.cfg.Taxonomy.Version,
		Candidates:      s.live.ranker.Len(),
	})
	if err != nil {
		s.fail(c, fmt.Errorf("encode matches: %w", err))
		return
	}
	// The open view of a cached ranking is encoded once: most of a cached
	// answer's cost would otherwise be JSON encoding the explanations.
	encoded := entry.encoded()
	if blindView || encoded == nil {
		results, complete, err := s.matchViews(c, ro, ranked, blindView, asOf)
		if err != nil {
			s.fail(c, err)
			return
		}
		if encoded, err = json.Marshal(results); err != nil {
			s.fail(c, fmt.Errorf("encode matches: %w", err))
			return
		}
		if !blindView && complete {
			entry.setEncoded(encoded)
		}
	}
	// The response is the head without its closing brace, the results and
	// the brace, written in turn: a cached answer's results are not copied.
	const mid = `,"results":`
	h := c.Writer.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(head)-1+len(mid)+len(encoded)+1))
	c.Status(http.StatusOK)
	head[len(head)-1] = ','
	head = append(head, mid[1:]...)
	c.Writer.Write(head)
	c.Writer.Write(encoded)
	c.Writer.Write([]byte{'}'})
}

// rankDetail is the audit detail of a ranking: its options and how many
// results it gave (never who).
func rankDetail(limit int, minScore float64, strict, blindView bool, results int) string {
	b := make([]byte, 0, 96)
	b = append(b, `{"blind":`...)
	b = strconv.AppendBool(b, blindView)
	b = append(b, `,"limit":`...)
	b = strconv.AppendInt(b, int64(limit), 10)
	b = append(b, `,"min_score":`...)
	score, _ := json.Marshal(minScore) // json's float format, as the detail always had
	b = append(b, score...)
	b = append(b, `,"results":`...)
	b = strconv.AppendInt(b, int64(results), 10)
	b = append(b, `,"strict":`...)
	b = strconv.AppendBool(b, strict)
	return string(append(b, '}'))
}

// matchesHead is the matches response but its results.
type matchesHead struct {
	Role            roleRef `json:"role"`
	TaxonomyVersion string  `json:"taxonomy_version"`
	Candidates      int     `json:"candidates"`
}

type roleRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version"`
}

// matchViews turns a ranking into its response rows, blind or open; a
// blind row is explained again counted to asOf, as the ranking was.
// complete is false when a candidate was deleted while the request ranked
// (it is left out).
func (s *server) matchViews(c *gin.Context, ro role.Role, ranked []role.Ranked, blindView bool, asOf string) (results []matchView, complete bool, err error) {
	ctx := c.Request.Context()
	complete = true
	results = make([]matchView, 0, len(ranked))
	for _, r := range ranked {
		v := matchView{CandidateID: r.ID, Score: r.Score, Rank: r.Rank, Match: r.Match}
		if blindView {
			v.File = hiddenFile
			// Evidence quotes resume lines, which may name the person:
			// explain again from the redacted profile.
			cand, err := s.cfg.Store.GetCandidate(ctx, r.ID)
			if errors.Is(err, engine.ErrNotFound) {
				complete = false
				continue // deleted while this request ranked
			}
			if err != nil {
				return nil, false, fmt.Errorf("blind view of %s: %w", r.ID, err)
			}
			m := role.Score(role.CountTo(resume.Redact(cand.Profile), asOf), ro, s.cfg.Taxonomy)
			v.Match = &m
		} else {
			v.File, err = s.fileOf(c, r.ID)
			if errors.Is(err, engine.ErrNotFound) {
				complete = false
				continue // deleted while this request ranked
			}
			if err != nil {
				return nil, false, err
			}
		}
		results = append(results, v)
	}
	return results, complete, nil
}

// rank answers a ranking from the cache when it is of the ranker's current
// state, brings an older cached one up to date (Ranker.RankSince: only the
// candidates added since are scored), and ranks from scratch otherwise.
func (s *server) rank(ro role.Role, opts role.RankOptions) *rankEntry {
	k := rankKey{roleID: ro.ID, roleVersion: ro.Version, opts: opts}
	ranker := s.live.ranker
	if e, ok := s.ranks.get(k); ok {
		if e.state == ranker.State() {
			s.ranks.hits.Add(1)
			return e
		}
		ranked, state, merged := ranker.RankSince(ro, opts, e.ranked, e.state)
		if merged {
			s.ranks.merges.Add(1)
		} else {
			s.ranks.miss.Add(1)
		}
		return s.ranks.put(&rankEntry{key: k, state: state, ranked: ranked})
	}
	s.ranks.miss.Add(1)
	ranked, state := ranker.RankState(ro, opts)
	return s.ranks.put(&rankEntry{key: k, state: state, ranked: ranked})
}

// fileOf is the file name of a ranked candidate, from memory, or from the
// store for one a batch job added to the ranker.
func (s *server) fileOf(c *gin.Context, id string) (string, error) {
	if f, ok := s.live.file(id); ok {
		return f, nil
	}
	cand, err := s.cfg.Store.GetCandidate(c.Request.Context(), id)
	if err != nil {
		return "", fmt.Errorf("ranked candidate %s: %w", id, err)
	}
	s.live.setFile(id, cand.File)
	return cand.File, nil
}

// boolParam reads an optional boolean query parameter: 1/true/yes or
// 0/false/no in any case, absent is false; anything else wraps
// engine.ErrInvalid (400) naming the parameter.
func boolParam(c *gin.Context, name string) (bool, error) {
	raw := c.Query(name)
	switch strings.ToLower(raw) {
	case "", "0", "false", "no":
		return false, nil
	case "1", "true", "yes":
		return true, nil
	default:
		return false, fmt.Errorf("%s=%q: want true or false: %w", name, raw, engine.ErrInvalid)
	}
}
