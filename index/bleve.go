package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	zapx "github.com/blevesearch/zapx/v17"
)

// MappingVersion identifies the index layout built by buildMapping and
// docFor. Bump it whenever either changes: Open then rebuilds every index
// built with an older version from SQLite.
const MappingVersion = "2"

const metaMappingVersion = "mapping_version"

// Index fields.
//
// Per-skill months are the one design choice worth explaining: a query like
// `python months>=36` must match candidates whose *python* experience is at
// least 36 months. Rather than one numeric field per skill (a field per
// taxonomy entry, thousands of them in every segment), each known
// (skill, months) pair is one keyword term "python=0036" in a single
// skill_months field — months zero-padded to four digits so that the terms
// of one skill sort numerically. `python months>=36` is then a term range
// ["python=0036", "python=9999"], which bleve answers from the term
// dictionary alone. A skill with unknown months (seen only in a skills list)
// has no skill_months term and so never satisfies a months condition.
//
// A term range costs one term searcher per distinct months value in it (≈6 ms
// for two of them over 10,000 candidates here), so the common "at least N
// years" thresholds are also indexed as single terms in skill_min:
// "python>=36" for every threshold in monthsThresholds the candidate's python
// months reach. `python months>=36` is then one term lookup; other bounds
// fall back to the range.
const (
	fieldText        = "text"         // analysed resume text (en, see textAnalyzerName), not stored
	fieldSkill       = "skill"        // skill ids, keyword, stored (hits, facets)
	fieldCategory    = "category"     // skill categories, keyword (facets)
	fieldSkillMonths = "skill_months" // "<id>=<months, 4 digits>", keyword
	fieldSkillMin    = "skill_min"    // "<id>>=<threshold>" for each threshold reached, keyword
	fieldTotalMonths = "total_months" // numeric, stored
	fieldFile        = "file"         // stored only

	maxMonthsTerm = 9999
)

// monthsThresholds are the lower bounds indexed in skill_min: the ones
// recruiters ask for (half years, then whole years up to ten).
var monthsThresholds = []int{1, 3, 6, 12, 18, 24, 30, 36, 48, 60, 72, 84, 96, 108, 120}

func buildMapping() mapping.IndexMapping {
	text := mapping.NewTextFieldMapping()
	text.Analyzer = textAnalyzerName // "en", faster (textanalysis.go)
	text.Store = false
	text.DocValues = false
	text.IncludeInAll = false

	kw := func(store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	months := kw(false)
	months.DocValues = false

	total := mapping.NewNumericFieldMapping()
	total.IncludeInAll = false

	file := mapping.NewKeywordFieldMapping()
	file.Index = false
	file.DocValues = false
	file.IncludeTermVectors = false
	file.IncludeInAll = false

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldSkill, kw(true))
	doc.AddFieldMappingsAt(fieldCategory, kw(false))
	doc.AddFieldMappingsAt(fieldSkillMonths, months)
	doc.AddFieldMappingsAt(fieldSkillMin, months)
	doc.AddFieldMappingsAt(fieldTotalMonths, total)
	doc.AddFieldMappingsAt(fieldFile, file)

	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.DefaultField = fieldText
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m
}

// docFor is the index document of a candidate.
func docFor(c Candidate) map[string]any {
	skills := make([]string, 0, len(c.Profile.Skills))
	var cats, months, mins []string
	for _, sk := range c.Profile.Skills {
		if sk.ID == "" {
			continue
		}
		skills = append(skills, sk.ID)
		if sk.Category != "" && !slices.Contains(cats, sk.Category) {
			cats = append(cats, sk.Category)
		}
		if sk.Months != nil && !strings.Contains(sk.ID, "=") { // "=" would break the term ranges
			months = append(months, monthsTerm(sk.ID, *sk.Months))
			for _, t := range monthsThresholds {
				if *sk.Months >= t {
					mins = append(mins, minTerm(sk.ID, t))
				}
			}
		}
	}
	return map[string]any{
		fieldText:        c.Profile.Text,
		fieldSkill:       skills,
		fieldCategory:    cats,
		fieldSkillMonths: months,
		fieldSkillMin:    mins,
		fieldTotalMonths: float64(c.Profile.TotalMonths),
		fieldFile:        c.File,
	}
}

func minTerm(id string, threshold int) string {
	return id + ">=" + strconv.Itoa(threshold)
}

func monthsTerm(id string, months int) string {
	months = max(0, min(months, maxMonthsTerm))
	return fmt.Sprintf("%s=%04d", id, months)
}

// scorchConfig is the index runtime configuration. unsafe_batch makes a
// batch return once it is searchable instead of after it is fsynced: the
// index is derived data, SQLite commits first, and Open re-indexes whatever
// a crash kept from reaching the disk. Measured here under load: a single
// AddCandidate took 3–15 ms instead of 25–39 ms; batches of 100 were no faster.
//
// A new index is built with safe batches (buildConfig): bulk batches lose
// little to the fsync, and its mapping, stored at creation, is then surely on
// disk before it is closed and reopened with scorchConfig.
func scorchConfig() map[string]any {
	tuneSegments.Do(sizeSegmentBuffers)
	return map[string]any{
		"unsafe_batch": true,
		// A persister that naps lets the small segments of single uploads
		// pile up in memory and persists them merged, instead of writing
		// each as a file the merger then rewrites (bleve's own advice for
		// unsafe_batch users). Writes stay searchable at once; only their
		// fsync waits up to the nap.
		"scorchPersisterOptions": map[string]any{"PersisterNapTimeMSec": persisterNap},
		// Twice bleve's segments per tier before a merge: fewer rewrites of
		// the same documents under a stream of small batches, for a few
		// more segments per search. Measured with skillmatch-load (500
		// livecareer PDFs over HTTP): server CPU per resume 20.2 ms with
		// bleve's defaults, 16.7 with the nap, 15.2 with both.
		// FloorSegmentSize stays 2000 (segments under 2000 documents count
		// as 2000 when merges are planned, so upload-sized segments merge
		// early). Lower floors were tried, load 3-5, skillmatch-load -runs
		// uploads -ingest-limit 800: server CPU per resume 7.5-8.9 ms at
		// 2000 (6 runs), 6.3-7.0 at 500 (4 runs), 6.8-7.4 at 200 (3 runs);
		// but after 5,000 candidates in 5-document batches the index holds
		// 3 segments at 2000, 5-10 at 500, 19 at 200, and cold searches
		// (BenchmarkSearchAfterUploads, BenchmarkSearch/cold) were 10-30%
		// slower at 500 and ~25% at 200. Neither floor reaches the ingest
		// goal, and searches outnumber uploads, so search speed wins.
		"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": 20, "SegmentsPerMergeTask": 10, "FloorSegmentSize": 2000},
	}
}

// persisterNap is the persister's pause, in milliseconds (see scorchConfig).
var persisterNap = 200

func buildConfig() map[string]any {
	tuneSegments.Do(sizeSegmentBuffers)
	return map[string]any{"unsafe_batch": false}
}

// tuneSegments runs sizeSegmentBuffers once, before the first index is
// opened or created.
var tuneSegments sync.Once

// sizeSegmentBuffers sets the zap segment writer's process-wide buffer
// sizing. A new segment pre-allocates room for (documents + a bump) times
// the average document; bleve's bump of 100 is ~100x too much for the 1-30
// candidate batches of uploads, and clearing that buffer cost ~1.4 CPU-ms
// per uploaded resume here (skillmatch-load ingest run, server 7.8 -> 6.4
// ms). It only sizes a buffer: the segments written are the same.
func sizeSegmentBuffers() { zapx.NewSegmentBufferNumResultsBump = 0 }

// openBleve opens an existing index, turning a panic on a damaged index into
// an error.
func openBleve(path string) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("open index: panic: %v", r)
		}
	}()
	return bleve.OpenUsing(path, scorchConfig())
}

// openIndex opens dir/index.bleve, or rebuilds it from SQLite when it is
// missing, unreadable or of another mapping version, then reconciles it.
func (s *Store) openIndex(ctx context.Context) error {
	path := filepath.Join(s.dir, indexName)
	version, err := s.getMeta(ctx, metaMappingVersion)
	if err != nil {
		return fmt.Errorf("read mapping version: %w", err)
	}
	var reason string
	idx, err := openBleve(path)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		reason = "missing"
	case err != nil:
		reason = "unreadable: " + err.Error()
	case version != MappingVersion:
		reason = fmt.Sprintf("mapping version %q, want %q", version, MappingVersion)
		idx.Close()
	}
	if reason == "" {
		s.idx = idx
		err := s.reconcile(ctx)
		if err == nil {
			return nil
		}
		// An index that opens but cannot be read through (a damaged
		// segment) is rebuilt like one that does not open.
		reason = "unreadable: " + err.Error()
		s.idx.Close()
		s.idx = nil
	}
	s.log.Info("rebuilding search index", "reason", reason)
	idx, err = s.rebuild(ctx, path)
	if err != nil {
		return err
	}
	s.idx = idx
	return nil
}

// rebuild creates a fresh index at path (removing whatever is there) and
// fills it from SQLite. The mapping version is recorded only once the index
// is complete, so an interrupted rebuild is redone on the next start.
func (s *Store) rebuild(ctx context.Context, path string) (bleve.Index, error) {
	if err := s.setMeta(ctx, metaMappingVersion, ""); err != nil {
		return nil, fmt.Errorf("reset mapping version: %w", err)
	}
	built, err := s.buildAt(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := built.Close(); err != nil {
		return nil, fmt.Errorf("rebuild index: %w", err)
	}
	idx, err := bleve.OpenUsing(path, scorchConfig())
	if err != nil {
		return nil, fmt.Errorf("open rebuilt index: %w", err)
	}
	if err := s.setMeta(ctx, metaMappingVersion, MappingVersion); err != nil {
		idx.Close()
		return nil, fmt.Errorf("record mapping version: %w", err)
	}
	n, _ := idx.DocCount()
	s.log.Info("search index rebuilt", "candidates", n)
	return idx, nil
}

func (s *Store) forEachCandidatePage(ctx context.Context, fn func([]Candidate) error) error {
	after := ""
	for {
		cs, err := s.candidatePage(ctx, after, indexBatchSize)
		if err != nil {
			return err
		}
		if len(cs) > 0 {
			if err := fn(cs); err != nil {
				return err
			}
		}
		if len(cs) < indexBatchSize {
			return nil
		}
		after = cs[len(cs)-1].ID
	}
}

const indexBatchSize = 500

func indexInto(idx bleve.Index, cs []Candidate) error {
	b, err := batchOf(idx, cs)
	if err != nil {
		return err
	}
	return idx.Batch(b)
}

func batchOf(idx bleve.Index, cs []Candidate) (*bleve.Batch, error) {
	b := idx.NewBatch()
	for _, c := range cs {
		if err := b.Index(c.ID, docFor(c)); err != nil {
			return nil, fmt.Errorf("index candidate %s: %w", c.ID, err)
		}
	}
	return b, nil
}

// apply runs a batch on the live index, counting it in s.persist until
// scorch reports it on disk: with unsafe_batch, Close would otherwise drop
// the last writes (Open would re-index them, but a restart right after an
// import would then redo it). The caller holds s.mu (either way).
func (s *Store) apply(b *bleve.Batch) error {
	var once sync.Once
	done := func() { once.Do(s.persist.done) }
	s.persist.add()
	b.SetPersistedCallback(func(error) { done() })
	err := s.idx.Batch(b)
	if err != nil {
		done()
	}
	return err
}

// closeIndex waits (a bounded time) for the live index's writes to reach the
// disk, then closes it. The caller holds s.mu for writing.
func (s *Store) closeIndex() error {
	if !s.persist.wait(10 * time.Second) {
		s.log.Warn("closing the search index before its last writes were persisted; the next start re-indexes them")
	}
	err := s.idx.Close()
	s.idx = nil
	return err
}

// indexCandidates adds committed candidates to the index in one batch.
func (s *Store) indexCandidates(ctx context.Context, cs []Candidate) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx == nil {
		return errors.New("store closed")
	}
	defer s.gen.Add(1)
	b, err := batchOf(s.idx, cs)
	if err != nil {
		return err
	}
	return s.apply(b)
}

// reconcile makes the index hold exactly the candidates in SQLite: rows
// missing from the index are indexed, index entries without a row deleted.
// Candidates are immutable, so an entry present in both is up to date.
func (s *Store) reconcile(ctx context.Context) error {
	indexed, err := indexedIDs(ctx, s.idx)
	if err != nil {
		return fmt.Errorf("reconcile: list index: %w", err)
	}
	stored := map[string]bool{}
	var missing []Candidate
	added := 0
	flush := func() error {
		if len(missing) == 0 {
			return nil
		}
		added += len(missing)
		b, err := batchOf(s.idx, missing)
		if err == nil {
			err = s.apply(b)
		}
		missing = missing[:0]
		return err
	}
	err = s.forEachCandidatePage(ctx, func(cs []Candidate) error {
		for _, c := range cs {
			stored[c.ID] = true
			if !indexed[c.ID] {
				missing = append(missing, c)
			}
		}
		if len(missing) >= indexBatchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	b := s.idx.NewBatch()
	for id := range indexed {
		if !stored[id] {
			b.Delete(id)
		}
	}
	removed := b.Size()
	if removed > 0 {
		if err := s.apply(b); err != nil {
			return fmt.Errorf("reconcile: remove stale entries: %w", err)
		}
	}
	if added > 0 || removed > 0 {
		s.log.Info("search index reconciled", "indexed", added, "removed", removed)
	}
	return nil
}

// indexedIDs lists every document id in idx, paging in id order.
func indexedIDs(ctx context.Context, idx bleve.Index) (map[string]bool, error) {
	ids := map[string]bool{}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 5000, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortDocID{}})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids[h.ID] = true
		}
		if len(res.Hits) < 5000 {
			return ids, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Reindex rebuilds the search index from SQLite. Searches and writes keep
// working on the old index while the new one is built beside it; writes made
// meanwhile are reconciled into the new index before it replaces the old.
func (s *Store) Reindex(ctx context.Context) error {
	path := filepath.Join(s.dir, indexName)
	tmp := path + ".new"
	fresh, err := s.buildAt(ctx, tmp)
	if err != nil {
		return err
	}
	if err := fresh.Close(); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx == nil {
		os.RemoveAll(tmp)
		return errors.New("reindex: store closed")
	}
	if err := s.closeIndex(); err != nil {
		s.log.Warn("closing old index", "err", err)
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("reindex: remove old index: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	idx, err := bleve.OpenUsing(path, scorchConfig())
	if err != nil {
		return fmt.Errorf("reindex: open rebuilt index: %w", err)
	}
	s.idx = idx
	s.gen.Add(1)
	if err := s.reconcile(ctx); err != nil {
		return err
	}
	return s.setMeta(ctx, metaMappingVersion, MappingVersion)
}

// buildAt creates a fresh index at path filled from SQLite, without touching
// the mapping version recorded for the live index.
func (s *Store) buildAt(ctx context.Context, path string) (bleve.Index, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	idx, err := bleve.NewUsing(path, buildMapping(), scorch.Name, scorch.Name, buildConfig())
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	if err := s.forEachCandidatePage(ctx, func(cs []Candidate) error { return indexInto(idx, cs) }); err != nil {
		idx.Close()
		os.RemoveAll(path)
		return nil, fmt.Errorf("build index: %w", err)
	}
	return idx, nil
}

// IndexStats reports the document count of the search index and the bytes
// its folder holds on disk. It first waits (up to 5 s) for the writes made so
// far to be persisted, so it is for reports, not for hot paths.
func (s *Store) IndexStats(ctx context.Context) (docs uint64, bytes int64, err error) {
	s.persist.wait(5 * time.Second) // so the size counts the writes made so far
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx == nil {
		return 0, 0, errors.New("store closed")
	}
	docs, err = s.idx.DocCount()
	if err != nil {
		return 0, 0, err
	}
	err = filepath.Walk(filepath.Join(s.dir, indexName), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			bytes += fi.Size()
		}
		return nil
	})
	return docs, bytes, err
}

// persistTracker counts index batches not yet persisted. Unlike a
// sync.WaitGroup it may be waited on while batches keep being added.
type persistTracker struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed when n drops to 0
}

func (p *persistTracker) add() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n == 0 {
		p.zero = make(chan struct{})
	}
	p.n++
}

func (p *persistTracker) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n--
	if p.n == 0 {
		close(p.zero)
	}
}

// wait reports whether every batch was persisted within timeout.
func (p *persistTracker) wait(timeout time.Duration) bool {
	p.mu.Lock()
	if p.n == 0 {
		p.mu.Unlock()
		return true
	}
	zero := p.zero
	p.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-zero:
		return true
	case <-t.C:
		return false
	}
}
