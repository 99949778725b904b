package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/index"
)

// candidateView is a stored candidate as the API shows it: the stored facts
// and the parsed profile flattened into one object.
type candidateView struct {
	ID        string    `json:"id"`
	File      string    `json:"file"`
	Duplicate *bool     `json:"duplicate,omitempty"` // uploads only
	Hash      string    `json:"hash"`
	Size      int64     `json:"size"`
	CreatedAt time.Time `json:"created_at"`
	engine.Resume
}

// hiddenFile replaces the file name in blind views: people name files
// after themselves.
const hiddenFile = "(hidden)"

// countedTo is the date stored profiles are counted to before they are
// shown (candidate pages, upload answers, the search list): the server's
// date, as matches score them.
func (s *server) countedTo() string { return s.cfg.AsOf().Format("2006-01-02") }

// viewOf shows a stored candidate with its profile counted to the server's
// date (role.CountTo, to countedTo): a current job shows the months it has
// today, as matches score it, not the months it had on upload day.
func (s *server) viewOf(c index.Candidate, blindView bool) candidateView {
	c.Profile = role.CountTo(c.Profile, s.countedTo())
	v := candidateView{ID: c.ID, File: c.File, Hash: c.Hash, Size: c.Size, CreatedAt: c.CreatedAt, Resume: c.Profile}
	if blindView {
		v.Resume = resume.Redact(c.Profile)
		v.File = hiddenFile
	}
	v.Resume.File = ""
	return v
}

// fileError is one file of a multi-file upload that could not be stored.
type fileError struct {
	File    string `json:"file"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// uploadCandidates stores each multipart "file" field as a candidate:
// decode → parse → store → add to the ranker. A document already stored
// (same bytes or same text) comes back as the existing candidate with
// "duplicate": true. With one file, its error is the response's error; with
// several, failures are listed per file in "errors" and the rest are stored.
// 201 when something was created, 200 when everything already existed.
//
// The whole body (capped at Limits.MaxUpload) is read and checked before
// anything is stored, so a request answered with a request-level error
// (too many files, body over the cap, a broken body) has stored nothing.
func (s *server) uploadCandidates(c *gin.Context) {
	parts, err := s.readUploadParts(c.Request)
	if err != nil {
		s.fail(c, err)
		return
	}
	var (
		stored  []candidateView
		failed  []fileError
		firstEr error
		created bool
		files   = len(parts)
	)
	for i, r := range s.storeDocuments(c, parts) {
		if r.err != nil {
			status, code := classify(r.err)
			if status >= 500 {
				s.fail(c, r.err)
				return
			}
			if firstEr == nil {
				firstEr = r.err
			}
			failed = append(failed, fileError{File: parts[i].name, Code: code, Message: r.err.Error()})
			continue
		}
		created = created || r.created
		stored = append(stored, r.view)
	}
	switch {
	case files == 0:
		s.fail(c, fmt.Errorf("no file in the form: send resumes as multipart fields named \"file\": %w", engine.ErrInvalid))
		return
	case files == 1 && firstEr != nil:
		s.fail(c, firstEr)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	} else if len(stored) == 0 {
		status, _ = classify(firstEr)
	}
	resp := gin.H{"candidates": nonNil(stored)}
	if len(failed) > 0 {
		resp["errors"] = failed
	}
	c.JSON(status, resp)
}

// uploadPart is one "file" field of an upload, read in full.
type uploadPart struct {
	name string
	data []byte
}

// readUploadParts reads every "file" field of r's multipart body, skipping
// other fields. It fails with engine.ErrTooLarge past Limits.MaxFiles files
// or the body cap, and with engine.ErrInvalid on a broken body; it stores
// nothing, so its error leaves the store as it was.
func (s *server) readUploadParts(r *http.Request) ([]uploadPart, error) {
	mr, err := multipartBody(r, "resumes", "one or more fields named \"file\"")
	if err != nil {
		return nil, err
	}
	var parts []uploadPart
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return parts, nil
		}
		if err != nil {
			return nil, bodyError("read multipart body", err)
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		if len(parts) == s.cfg.Limits.MaxFiles {
			part.Close()
			return nil, fmt.Errorf("more than %d files in one upload, nothing was stored; send them in several requests or as a batch job: %w", s.cfg.Limits.MaxFiles, engine.ErrTooLarge)
		}
		name := cleanFileName(part.FileName())
		data, err := io.ReadAll(part)
		part.Close()
		if err != nil {
			return nil, bodyError("read "+name, err)
		}
		parts = append(parts, uploadPart{name: name, data: data})
	}
}

// bodyError keeps a body-cap error recognisable (413) and calls any other
// read failure bad input.
func bodyError(what string, err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fmt.Errorf("upload is over the limit of %d bytes: %w", tooBig.Limit, engine.ErrTooLarge)
	}
	return fmt.Errorf("%s: %v: %w", what, err, engine.ErrInvalid)
}

// fileResult is one file of an upload after storeDocuments: its view (new
// or duplicate), or its error.
type fileResult struct {
	view    candidateView
	created bool
	err     error
}

// storeDocuments decodes and parses the files of one upload (prepareSlots
// at a time), then stores the new
// ones in one batch — one SQLite transaction and index batch for the whole
// request — and adds them to the ranker. Results are in parts' order; a
// document already stored, or repeated within the request, is a duplicate.
func (s *server) storeDocuments(c *gin.Context, parts []uploadPart) []fileResult {
	ctx := c.Request.Context()
	blindView := blind(c)
	out := make([]fileResult, len(parts))
	docs := make([]*index.NewCandidate, len(parts))
	if len(parts) == 1 { // the common case, without a goroutine
		docs[0], out[0].view, out[0].err = s.prepareDocument(ctx, parts[0].name, parts[0].data, blindView)
	} else {
		var wg sync.WaitGroup
		slots := make(chan struct{}, s.prepareSlots())
		for i, p := range parts {
			wg.Add(1)
			slots <- struct{}{}
			go func() {
				defer func() {
					// The handler's recoverPanic does not see this goroutine:
					// a panic is this file's internal error (500).
					if r := recover(); r != nil {
						docs[i], out[i].err = nil, fmt.Errorf("%s: panic: %v\n%s", p.name, r, debug.Stack())
					}
					<-slots
					wg.Done()
				}()
				docs[i], out[i].view, out[i].err = s.prepareDocument(ctx, p.name, p.data, blindView)
			}()
		}
		wg.Wait()
	}
	var in []index.NewCandidate
	var at []int // index in parts of each of in
	for i, d := range docs {
		if d != nil {
			in = append(in, *d)
			at = append(at, i)
		}
	}
	if len(in) == 0 {
		return out
	}
	for j, r := range s.batch.addAll(len(in), in) {
		i := at[j]
		switch {
		case r.err != nil:
			out[i].err = fmt.Errorf("store %s: %w", parts[i].name, r.err)
		case !r.out.Created:
			out[i].view = s.duplicateView(r.out.Candidate, blindView)
		default:
			s.live.add(r.out.Candidate)
			out[i].view = s.viewOf(r.out.Candidate, blindView)
			out[i].view.Duplicate = new(bool)
			out[i].created = true
		}
	}
	return out
}

// prepareSlots is how many files of one upload are decoded and parsed at
// once: as many as the document pool has workers (document.DefaultWorkers
// for a Decoder that is no document.Pool).
func (s *server) prepareSlots() int {
	if p, ok := s.cfg.Decoder.(*document.Pool); ok {
		return p.Workers()
	}
	return document.DefaultWorkers
}

// prepareDocument decodes and parses one uploaded document into what to
// store, or returns the stored candidate with the same bytes as a duplicate
// view (nil doc), or an error. A document to store is announced to the
// batcher (see batcher.announce); the caller must add it.
func (s *server) prepareDocument(ctx context.Context, name string, data []byte, blindView bool) (*index.NewCandidate, candidateView, error) {
	if len(data) == 0 {
		return nil, candidateView{}, fmt.Errorf("%s: empty file: %w", name, engine.ErrInvalid)
	}
	if old, err := s.cfg.Store.FindByHash(ctx, index.ContentHash(data)); err == nil {
		return nil, s.duplicateView(old, blindView), nil
	} else if !errors.Is(err, engine.ErrNotFound) {
		return nil, candidateView{}, err
	}
	// Announced while it decodes and parses, so a batch being written now
	// may wait for it; withdrawn on any way out without a document.
	s.batch.announce()
	ok := false
	defer func() {
		if !ok {
			s.batch.withdraw()
		}
	}()
	doc, err := s.cfg.Decoder.Decode(ctx, data, name)
	if err != nil {
		return nil, candidateView{}, fmt.Errorf("%s: %w", name, err)
	}
	profile := resume.Parse(doc.Text, s.cfg.Taxonomy, resume.Options{AsOf: s.cfg.AsOf(), Format: doc.Format, File: name})
	ok = true
	return &index.NewCandidate{File: name, Original: data, Profile: profile}, candidateView{}, nil
}

func (s *server) duplicateView(c index.Candidate, blindView bool) candidateView {
	v := s.viewOf(c, blindView)
	dup := true
	v.Duplicate = &dup
	return v
}

// cleanFileName keeps the base name of what the client sent, for display
// only: the store files originals by content hash, never by this name.
func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if name == "." || name == ".." || name == "/" || name == "" {
		return "upload"
	}
	if len(name) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	return name
}

// searchView is one search hit.
type searchView struct {
	ID          string     `json:"id"`
	File        string     `json:"file"`
	Score       float64    `json:"score"`
	TotalMonths int        `json:"total_months"`
	Skills      []skillRef `json:"skills"`
}

type skillRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type facetView struct {
	Term  string `json:"term"`
	Name  string `json:"name,omitempty"`
	Count int    `json:"count"`
}

// searchCandidates runs the query language of index.Search (q), narrowed to
// candidates having every skill= given (by id, name or alias), with facets
// by skill and category and an opaque cursor for the next page. A hit's
// total_months is counted to the server's date like a candidate's page; the
// query's filters (total_months>=60, python months>=36) match the figures as
// indexed at upload.
func (s *server) searchCandidates(c *gin.Context) {
	limit, err := intParam(c, "limit", 20, 1, 100)
	if err != nil {
		s.fail(c, err)
		return
	}
	var skills []string
	for _, raw := range c.QueryArray("skill") {
		for _, name := range strings.Split(raw, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			sk, ok := s.cfg.Taxonomy.Lookup(name)
			if !ok {
				s.fail(c, fmt.Errorf("skill=%q: %w", name, s.unknownSkill(name)))
				return
			}
			skills = append(skills, sk.ID)
		}
	}
	// Facets come with the first page (no cursor) unless facets=0 turns them
	// off; a next page has them only when asked with facets=1.
	cursor := c.Query("cursor")
	withFacets := cursor == ""
	if c.Query("facets") != "" {
		if withFacets, err = boolParam(c, "facets"); err != nil {
			s.fail(c, err)
			return
		}
	}
	req := index.SearchRequest{Query: c.Query("q"), Skills: skills, Limit: limit, Cursor: cursor, NoFacets: !withFacets}
	blindView := blind(c)
	// Every upload answered so far is searched (see batcher). The encoded
	// answer is reused while the index is unchanged: read the generation
	// before searching, so an answer is never tagged newer than the index
	// it saw.
	s.batch.searchable()
	gen := s.cfg.Store.SearchGeneration()
	asOf := s.countedTo()
	key := searchKey(req, blindView, asOf)
	if body, ok := s.found.get(key, gen); ok {
		c.Data(http.StatusOK, "application/json; charset=utf-8", body)
		return
	}
	res, err := s.cfg.Store.Search(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	hits := make([]searchView, 0, len(res.Hits))
	for _, h := range res.Hits {
		v := searchView{ID: h.ID, File: h.File, Score: h.Score, TotalMonths: h.TotalMonths, Skills: make([]skillRef, 0, len(h.Skills))}
		if total, ok := s.cfg.Ranker.TotalMonths(h.ID, asOf); ok {
			v.TotalMonths = total // counted to the server's date, as viewOf counts
		}
		if blindView {
			v.File = hiddenFile
		}
		for _, id := range h.Skills {
			v.Skills = append(v.Skills, skillRef{ID: id, Name: s.skillName(id)})
		}
		hits = append(hits, v)
	}
	facets := map[string][]facetView{}
	for field, counts := range res.Facets {
		fv := make([]facetView, 0, len(counts))
		for _, f := range counts {
			v := facetView{Term: f.Term, Count: f.Count}
			if field == "skill" {
				v.Name = s.skillName(f.Term)
			}
			fv = append(fv, v)
		}
		facets[field] = fv
	}
	body, err := json.Marshal(gin.H{"hits": hits, "total": res.Total, "facets": facets, "next_cursor": res.NextCursor})
	if err != nil {
		s.fail(c, fmt.Errorf("encode search: %w", err))
		return
	}
	s.found.put(key, gen, body)
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

func (s *server) skillName(id string) string {
	if sk, ok := s.cfg.Taxonomy.Get(id); ok {
		return sk.Name
	}
	return id
}

// getCandidate answers a stored profile counted to the server's date (see
// viewOf).
func (s *server) getCandidate(c *gin.Context) {
	cand, err := s.cfg.Store.GetCandidate(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.viewOf(cand, blind(c)))
}

// downloadOriginal sends the uploaded bytes as an attachment. Blind views
// refuse: the original shows who the candidate is.
func (s *server) downloadOriginal(c *gin.Context) {
	if blind(c) {
		s.fail(c, fmt.Errorf("blind screening hides the original file: %w", errForbidden))
		return
	}
	name, data, err := s.cfg.Store.OriginalFile(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "application/octet-stream", data)
}

// deleteCandidate removes the candidate from the store (row, file, index)
// and the ranker. The audit entry is written first, so no delete goes
// unrecorded even if the process dies half-way.
func (s *server) deleteCandidate(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	if _, err := s.cfg.Store.GetCandidate(ctx, id); err != nil {
		s.fail(c, err)
		return
	}
	k, _ := keyOf(c)
	if err := s.cfg.Store.Audit(ctx, index.AuditEntry{
		At: time.Now().UTC(), KeyID: k.ID, Action: "delete", Subject: id,
		TaxonomyVersion: s.cfg.Taxonomy.Version,
	}); err != nil {
		s.fail(c, fmt.Errorf("audit delete of %s: %w", id, err))
		return
	}
	if err := s.cfg.Store.DeleteCandidate(ctx, id); err != nil {
		s.fail(c, err)
		return
	}
	s.live.remove(id)
	c.Status(http.StatusNoContent)
}

// intParam reads an integer query parameter within [lo, hi]; absent means def.
func intParam(c *gin.Context, name string, def, lo, hi int) (int, error) {
	raw := c.Query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%q: want a whole number from %d to %d: %w", name, raw, lo, hi, engine.ErrInvalid)
	}
	return n, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// multipartBody returns a reader over r's multipart/form-data body. Another
// content type is ErrUnsupportedFormat with a message saying to send what
// (e.g. "resumes") with which fields; a malformed body is ErrInvalid.
func multipartBody(r *http.Request, what, fields string) (*multipart.Reader, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		return nil, fmt.Errorf("send %s as multipart/form-data with %s, not %q: %w", what, fields, mediaType, engine.ErrUnsupportedFormat)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("read multipart body: %v: %w", err, engine.ErrInvalid)
	}
	return mr, nil
}
