package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
)

// Candidate is one stored resume: the original file's name, format, hashes
// and size, and the parsed profile. Profile.Text holds the extracted text.
type Candidate struct {
	ID        string
	File      string
	Format    string
	Hash      string // sha256 of the original bytes, lower-case hex
	TextHash  string // sha256 of the normalised extracted text; "" when the text is empty
	Size      int64
	CreatedAt time.Time
	Profile   engine.Resume
}

// NewCandidate is one input of AddCandidates: the original bytes, or, for a
// document whose original is stored already (a job's input), its sha256 in
// StoredHash and no Original.
type NewCandidate struct {
	File       string
	Original   []byte
	StoredHash string
	Profile    engine.Resume
}

// AddResult is the outcome of one NewCandidate: the stored candidate, and
// whether it was created (false: the same document was already stored).
type AddResult struct {
	Candidate Candidate
	Created   bool
}

// AddCandidate stores a parsed resume and its original bytes, then indexes
// it. A document already stored — the same bytes, or the same normalised
// extracted text (the PDF and the DOCX of one resume) — is not stored again:
// the existing candidate is returned with created=false.
//
// The original and the row are committed to SQLite in one transaction before
// the index is updated; if indexing then fails the error is returned, the
// candidate stays stored and the next Open (or Reindex) indexes it.
func (s *Store) AddCandidate(ctx context.Context, file string, original []byte, profile engine.Resume) (c Candidate, created bool, err error) {
	res, err := s.AddCandidates(ctx, []NewCandidate{{File: file, Original: original, Profile: profile}})
	if err != nil {
		return Candidate{}, false, err
	}
	return res[0].Candidate, res[0].Created, nil
}

// AddCandidates is the batched AddCandidate for imports and jobs: one SQLite
// transaction and one index batch for all of them. Results are in input
// order; duplicates within the batch resolve to the first occurrence. On
// error nothing of the batch is stored, except when only indexing failed (see
// AddCandidate).
func (s *Store) AddCandidates(ctx context.Context, in []NewCandidate) ([]AddResult, error) {
	return s.addCandidates(ctx, in, s.indexHook)
}

// StoreCandidates is AddCandidates without the search index: the same
// results, duplicates and errors, the created candidates committed to SQLite
// but in no index yet. They wait in the Store for IndexPending (the API
// gathers several uploads into one index batch) or Close; should neither
// run (a crash), the next Open indexes them when it reconciles SQLite and
// the index.
func (s *Store) StoreCandidates(ctx context.Context, in []NewCandidate) ([]AddResult, error) {
	return s.addCandidates(ctx, in, nil)
}

// IndexPending adds every candidate StoreCandidates committed and nothing
// has indexed yet (nor deleted) to the search index in one batch, and
// returns how many. With none pending it does nothing and returns 0. On
// error they stay pending, for the next IndexPending, Close or Open. It
// returns once every candidate committed before the call is indexed, also
// those another IndexPending call (a job runner, the API's batcher) took
// first and was still indexing: calls run one at a time.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	s.indexingMu.Lock()
	defer s.indexingMu.Unlock()
	todo := s.takeUnindexed()
	if len(todo) == 0 {
		return 0, nil
	}
	if err := s.indexHook(ctx, todo); err != nil {
		s.markUnindexed(todo)
		return 0, err
	}
	return len(todo), nil
}

// takeUnindexed empties the set of committed, unindexed candidates and
// returns what it held.
func (s *Store) takeUnindexed() []Candidate {
	s.unindexedMu.Lock()
	defer s.unindexedMu.Unlock()
	out := make([]Candidate, 0, len(s.unindexed))
	for _, c := range s.unindexed {
		out = append(out, c)
	}
	clear(s.unindexed)
	return out
}

// dropUnindexed forgets a deleted candidate that was waiting to be indexed.
func (s *Store) dropUnindexed(id string) {
	s.unindexedMu.Lock()
	delete(s.unindexed, id)
	s.unindexedMu.Unlock()
}

// markUnindexed records committed candidates that are not in the index yet.
func (s *Store) markUnindexed(cs []Candidate) {
	s.unindexedMu.Lock()
	defer s.unindexedMu.Unlock()
	if s.unindexed == nil {
		s.unindexed = map[string]Candidate{}
	}
	for _, c := range cs {
		s.unindexed[c.ID] = c
	}
}

// addCandidates commits in and, unless index is nil, indexes the created
// candidates with it.
func (s *Store) addCandidates(ctx context.Context, in []NewCandidate, index func(context.Context, []Candidate) error) ([]AddResult, error) {
	if len(in) == 0 {
		return nil, nil
	}
	prep := make([]preparedCandidate, len(in))
	now := time.Now().UTC().Truncate(time.Millisecond)
	for i, nc := range in {
		if nc.File == "" {
			return nil, fmt.Errorf("candidate %d: empty file name: %w", i, engine.ErrInvalid)
		}
		profile := nc.Profile
		profile.File = nc.File
		pj, err := json.Marshal(profile)
		if err != nil {
			return nil, fmt.Errorf("candidate %d: encode profile: %w", i, err)
		}
		hash, size := nc.StoredHash, int64(len(nc.Original))
		if hash == "" {
			hash = ContentHash(nc.Original)
		} else if !validHash(hash) || nc.Original != nil {
			return nil, fmt.Errorf("candidate %d: stored hash %q with original bytes or malformed: %w", i, hash, engine.ErrInvalid)
		}
		prep[i] = preparedCandidate{
			c: Candidate{
				File:      nc.File,
				Format:    profile.Format,
				Hash:      hash,
				TextHash:  textHash(profile.Text),
				Size:      size,
				CreatedAt: now,
				Profile:   profile,
			},
			profile: pj,
		}
	}

	// Originals are written before the transaction that references them,
	// under the shared file lock (files.go); those that end up unreferenced
	// (a duplicate's text, a failed batch) are removed after it.
	var blobs []blob
	seen := map[string]bool{}
	for i := range in {
		if h := prep[i].c.Hash; in[i].StoredHash == "" && !seen[h] {
			seen[h] = true
			blobs = append(blobs, blob{hash: h, data: in[i].Original})
		}
	}
	s.files.RLock()
	// repair: the same bytes uploaded again replace a damaged copy; a
	// missing file fails the read at once, so new bytes cost no extra.
	written, err := s.writeBlobs(blobs, true)
	var (
		out   []AddResult
		fresh []Candidate
	)
	if err == nil {
		out, fresh, err = s.addCandidatesTx(ctx, in, prep)
	}
	s.files.RUnlock()
	kept := make(map[string]bool, len(fresh)) // fresh is empty after an error
	for _, c := range fresh {
		kept[c.Hash] = true
	}
	var release []string
	for _, h := range written {
		if !kept[h] {
			release = append(release, h)
		}
	}
	if rerr := s.removeUnusedBlobs(ctx, release...); rerr != nil {
		s.log.Warn("could not remove unreferenced original files (the next start does)", "err", rerr)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case len(fresh) == 0:
	case index == nil:
		s.markUnindexed(fresh)
	default:
		if err := index(ctx, fresh); err != nil {
			return out, fmt.Errorf("candidates stored but not yet indexed (the next start reconciles): %w", err)
		}
	}
	return out, nil
}

// preparedCandidate is an AddCandidates input checked and encoded.
type preparedCandidate struct {
	c       Candidate
	profile []byte
}

// addCandidatesTx commits the rows of AddCandidates. The caller has written
// the originals of in and holds s.files shared.
func (s *Store) addCandidatesTx(ctx context.Context, in []NewCandidate, prep []preparedCandidate) ([]AddResult, []Candidate, error) {
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: dedupe and insert see one state
	if err != nil {
		return nil, nil, translate(err, "add candidates")
	}
	defer tx.Rollback()

	// Prepared once for the batch: a job's batch runs them a thousand times.
	dupStmt, err := tx.PrepareContext(ctx, `SELECT `+candidateColumns+` FROM candidates
		WHERE hash = ? OR (text_hash IS NOT NULL AND text_hash = ?) LIMIT 1`)
	if err != nil {
		return nil, nil, translate(err, "add candidates")
	}
	defer dupStmt.Close()
	insStmt, err := tx.PrepareContext(ctx, `INSERT INTO candidates
		(id, file, format, hash, text_hash, size, created_at, total_months, profile, text, taxonomy_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, nil, translate(err, "add candidates")
	}
	defer insStmt.Close()
	out := make([]AddResult, len(in))
	var fresh []Candidate
	seen := map[string]int{} // hash or "t:"+text hash → index in out, within this batch
	for i := range prep {
		c := prep[i].c
		if j, ok := seen[c.Hash]; ok {
			out[i] = AddResult{Candidate: out[j].Candidate}
			continue
		}
		if j, ok := seen["t:"+c.TextHash]; ok && c.TextHash != "" {
			out[i] = AddResult{Candidate: out[j].Candidate}
			continue
		}
		existing, err := scanCandidate(dupStmt.QueryRowContext(ctx, c.Hash, c.TextHash))
		err = translate(err, "candidate with hash "+c.Hash)
		switch {
		case err == nil:
			out[i] = AddResult{Candidate: existing}
		case errors.Is(err, engine.ErrNotFound):
			if in[i].StoredHash != "" {
				if c.Size, err = s.originalSize(c.Hash); err != nil {
					return nil, nil, fmt.Errorf("candidate %s: %w", c.File, err)
				}
			}
			c.ID = newID()
			_, err = insStmt.ExecContext(ctx,
				c.ID, c.File, c.Format, c.Hash, nullable(c.TextHash), c.Size, millis(c.CreatedAt),
				c.Profile.TotalMonths, prep[i].profile, c.Profile.Text, s.opts.TaxonomyVersion)
			if err != nil {
				return nil, nil, translate(err, "add candidate "+c.File)
			}
			out[i] = AddResult{Candidate: c, Created: true}
			fresh = append(fresh, c)
		default:
			return nil, nil, err
		}
		seen[c.Hash] = i
		if c.TextHash != "" {
			seen["t:"+c.TextHash] = i
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, translate(err, "add candidates")
	}
	return out, fresh, nil
}

const candidateColumns = `id, file, format, hash, COALESCE(text_hash, ''), size, created_at, profile, text`

type scanner interface{ Scan(dest ...any) error }

func scanCandidate(row scanner) (Candidate, error) {
	var (
		c       Candidate
		created int64
		profile []byte
		text    string
	)
	if err := row.Scan(&c.ID, &c.File, &c.Format, &c.Hash, &c.TextHash, &c.Size, &created, &profile, &text); err != nil {
		return Candidate{}, err
	}
	if err := json.Unmarshal(profile, &c.Profile); err != nil {
		return Candidate{}, fmt.Errorf("candidate %s: stored profile: %w", c.ID, err)
	}
	c.Profile.Text = text
	c.CreatedAt = fromMillis(created)
	return c, nil
}

// GetCandidate returns the candidate with the given id, or engine.ErrNotFound.
func (s *Store) GetCandidate(ctx context.Context, id string) (Candidate, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+candidateColumns+` FROM candidates WHERE id = ?`, id)
	c, err := scanCandidate(row)
	return c, translate(err, "candidate "+id)
}

// FindByHash returns the candidate whose original has the given sha256
// (lower-case hex), or engine.ErrNotFound.
func (s *Store) FindByHash(ctx context.Context, sha256hex string) (Candidate, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+candidateColumns+` FROM candidates WHERE hash = ?`, strings.ToLower(sha256hex))
	c, err := scanCandidate(row)
	return c, translate(err, "candidate with hash "+sha256hex)
}

// OriginalFile returns the uploaded file name and bytes of a candidate. It
// fails with engine.ErrNotFound when the candidate or its file is gone.
func (s *Store) OriginalFile(ctx context.Context, id string) (name string, data []byte, err error) {
	var hash string
	err = s.db.QueryRowContext(ctx, `SELECT file, hash FROM candidates WHERE id = ?`, id).Scan(&name, &hash)
	if err != nil {
		return "", nil, translate(err, "candidate "+id)
	}
	data, err = s.Blob(ctx, hash)
	if err != nil {
		return "", nil, fmt.Errorf("candidate %s original: %w", id, err)
	}
	return name, data, nil
}

// DeleteCandidate removes a candidate everywhere: its row, its index entry
// and its original (kept only while a pending job item still needs the same
// bytes). It fails with engine.ErrNotFound for an unknown id.
func (s *Store) DeleteCandidate(ctx context.Context, id string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "delete candidate "+id)
	}
	defer tx.Rollback()
	var hash string
	if err := tx.QueryRowContext(ctx, `DELETE FROM candidates WHERE id = ? RETURNING hash`, id).Scan(&hash); err != nil {
		return translate(err, "candidate "+id)
	}
	if err := tx.Commit(); err != nil {
		return translate(err, "delete candidate "+id)
	}
	// Under indexingMu, so that an IndexPending that took the candidate
	// before the delete has indexed it (or put it back, failing) first:
	// the delete then wins either way.
	s.indexingMu.Lock()
	s.dropUnindexed(id) // never to be indexed now
	s.mu.RLock()
	ierr := errors.New("store closed")
	if s.idx != nil {
		b := s.idx.NewBatch()
		b.Delete(id)
		ierr = s.apply(b)
		s.gen.Add(1)
	}
	s.mu.RUnlock()
	s.indexingMu.Unlock()
	if ierr != nil {
		return fmt.Errorf("candidate %s deleted but still indexed (the next start reconciles): %w", id, ierr)
	}
	if err := s.removeUnusedBlobs(ctx, hash); err != nil {
		return fmt.Errorf("candidate %s deleted, its original file not yet (the next start removes it): %w", id, err)
	}
	return nil
}

// ForEachCandidate calls fn with every stored candidate, in id order, and
// stops at the first error fn returns (returned as is). It reads in pages so
// fn may call other Store methods.
func (s *Store) ForEachCandidate(ctx context.Context, fn func(Candidate) error) error {
	const page = 500
	after := ""
	for {
		cs, err := s.candidatePage(ctx, after, page)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(cs) < page {
			return nil
		}
		after = cs[len(cs)-1].ID
	}
}

func (s *Store) candidatePage(ctx context.Context, after string, limit int) ([]Candidate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+candidateColumns+` FROM candidates
		WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, translate(err, "list candidates")
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			return nil, translate(err, "list candidates")
		}
		out = append(out, c)
	}
	return out, translate(rows.Err(), "list candidates")
}

// CountCandidates returns the number of stored candidates.
func (s *Store) CountCandidates(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM candidates`).Scan(&n)
	return n, translate(err, "count candidates")
}

// StaleCandidates returns the number of stored candidates whose profile was
// derived with a taxonomy other than Options.TaxonomyVersion: stored under
// another version, or before versions were recorded (schema 5). Reparse
// brings the count to 0.
func (s *Store) StaleCandidates(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, staleQuery, s.opts.TaxonomyVersion).Scan(&n)
	return n, translate(err, "count stale candidates")
}

// staleQuery counts from the candidates_taxonomy index alone (migration
// 0005), never reading the rows' text.
const staleQuery = `SELECT COUNT(*) FROM candidates WHERE taxonomy_version IS NULL OR taxonomy_version <> ?`

// textHash returns the sha256 of text with case folded and every run of
// whitespace collapsed to one space, so the same resume exported as PDF and
// as DOCX hashes alike. Empty text hashes to "" (never a duplicate). The
// hashes are stored and compared across versions: the normal form must never
// change (TestTextHashStable pins it against textHashRef).
func textHash(text string) string {
	buf := make([]byte, 0, len(text))
	space := false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(buf) > 0
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	if len(buf) == 0 {
		return ""
	}
	return ContentHash(buf)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
