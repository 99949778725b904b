package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// Benchmarks over synthetic candidates: ~3 KB of resume-like text and 8–20
// skills each, most with months. Run with
//
//	CGO_ENABLED=1 go test -run XXX -bench . -benchtime 3x ./index/

var benchSkills = []string{
	"python", "django", "flask", "aws", "gcp", "azure", "java", "javascript", "css", "sql",
	"kubernetes", "postgresql", "docker", "go", "git", "linux", "html", "rest-api", "unit-testing",
	"react", "typescript", "node", "spark", "kafka", "redis", "mongodb", "terraform", "ansible",
	"scala", "rust", "c", "cpp", "csharp", "dotnet", "php", "ruby", "rails", "swift", "kotlin",
	"excel", "tableau", "pandas", "numpy", "tensorflow", "pytorch", "airflow", "graphql", "jenkins",
}

var benchWords = strings.Fields(`led designed built maintained migrated services platform team
customers data pipeline reporting latency reliability scaled reduced costs improved onboarding mentored
engineers product roadmap stakeholders analytics dashboards infrastructure deployment automation testing
release security compliance integration billing payments search recommendations mobile web backend
frontend api microservices monitoring incidents on-call performance database queries caching storage
requirements delivered quarterly revenue growth customer satisfaction agile scrum sprint planning`)

func benchCandidate(r *rand.Rand, i int) NewCandidate {
	var b strings.Builder
	fmt.Fprintf(&b, "Candidate %d\nExperience\n", i)
	n := 8 + r.IntN(13)
	perm := r.Perm(len(benchSkills))[:n]
	p := engine.Resume{Format: "pdf", TotalMonths: 12 + r.IntN(180)}
	for _, k := range perm {
		id := benchSkills[k]
		sk := engine.Skill{ID: id, Name: id, Category: []string{"language", "framework", "cloud", "database", "tool"}[k%5]}
		if r.IntN(4) > 0 {
			m := 1 + r.IntN(120)
			sk.Months = &m
		}
		p.Skills = append(p.Skills, sk)
	}
	for b.Len() < 3000 {
		for range 12 {
			b.WriteString(benchWords[r.IntN(len(benchWords))])
			b.WriteByte(' ')
		}
		b.WriteString(p.Skills[r.IntN(len(p.Skills))].ID)
		b.WriteString(".\n")
	}
	p.Text = b.String()
	return NewCandidate{File: fmt.Sprintf("c%06d.pdf", i), Original: []byte(p.Text + "%PDF"), Profile: p}
}

func fill(tb testing.TB, s *Store, from, n int) {
	r := rand.New(rand.NewPCG(1, uint64(from)))
	const batch = 500
	for i := from; i < from+n; i += batch {
		var in []NewCandidate
		for j := i; j < min(i+batch, from+n); j++ {
			in = append(in, benchCandidate(r, j))
		}
		if _, err := s.AddCandidates(context.Background(), in); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkAddCandidates measures stored-and-indexed candidates per second
// in batches of 100 (one transaction, one index batch each).
func BenchmarkAddCandidates(b *testing.B) {
	s := openTest(b, b.TempDir())
	r := rand.New(rand.NewPCG(7, 7))
	const batch = 100
	total := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		var in []NewCandidate
		for j := range batch {
			in = append(in, benchCandidate(r, total+j))
		}
		b.StartTimer()
		if _, err := s.AddCandidates(context.Background(), in); err != nil {
			b.Fatal(err)
		}
		total += batch
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "candidates/s")
}

// BenchmarkJobCommit measures the SQLite side of a job's commit, per item:
// a 256-item batch's candidates stored by their inputs' hashes
// (StoreCandidates: no search index) and the items finished, as the job
// runner commits them. The job and its input files are made outside the
// timer.
func BenchmarkJobCommit(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, b.TempDir())
	s.indexHook = func(context.Context, []Candidate) error { return nil } // nothing to index at Close
	r := rand.New(rand.NewPCG(3, 3))
	const batch = 256
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		inputs := make([]JobInput, batch)
		cands := make([]NewCandidate, batch)
		for j := range batch {
			cands[j] = benchCandidate(r, i*batch+j)
			inputs[j] = JobInput{File: cands[j].File, Data: cands[j].Original}
		}
		job, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, inputs)
		if err != nil {
			b.Fatal(err)
		}
		items, err := s.PendingItems(ctx, job.ID, 0)
		if err != nil {
			b.Fatal(err)
		}
		done := make([]JobItem, batch)
		for j, it := range items {
			cands[j] = NewCandidate{File: it.File, StoredHash: it.Hash, Profile: cands[j].Profile}
			done[j] = JobItem{JobID: job.ID, Seq: it.Seq, Status: ItemDone, Result: []byte(`{"score":50}`), Score: 50}
		}
		b.StartTimer()
		res, err := s.StoreCandidates(ctx, cands)
		if err != nil {
			b.Fatal(err)
		}
		for j := range done {
			done[j].CandidateID = res[j].Candidate.ID
		}
		if err := s.FinishItems(ctx, done); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batch), "µs/item")
}

var (
	bench10kOnce  sync.Once
	bench10kStore *Store
	bench10kDir   string
)

// store10k is one data folder of 10,000 synthetic candidates shared by the
// search benchmarks (built once per test binary run, ~10 s here).
func store10k(b *testing.B) *Store {
	bench10kOnce.Do(func() {
		dir, err := os.MkdirTemp("", "skillmatch-bench-")
		if err != nil {
			b.Fatal(err)
		}
		bench10kDir = dir
		s, err := Open(context.Background(), dir, testOptions())
		if err != nil {
			b.Fatal(err)
		}
		fill(b, s, 0, 10000)
		bench10kStore = s
	})
	if bench10kStore == nil {
		b.Fatal("10k store failed to build")
	}
	return bench10kStore
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench10kStore != nil {
		bench10kStore.Close()
		os.RemoveAll(bench10kDir)
	}
	os.Exit(code)
}

// BenchmarkSearch measures query latency over 10,000 candidates, one query
// of 20 hits per op, and reports p50 and p99. "cold" computes the facets on
// every op (as after any write); "warm" finds them in the facet cache, as
// repeated queries and later pages of an unchanged index do.
func BenchmarkSearch(b *testing.B) {
	queries := []string{
		"python",
		"django AND (aws OR gcp) -java",
		"skill:python months>=36",
		"python months>=24 docker months>=12 total_months>=60",
		`"data pipeline" kafka`,
		"",
	}
	// cold: every search after an index write (no cached page or facets);
	// cold-nofacets: the same without facets (a next page); warm: repeated.
	for _, mode := range []string{"cold", "cold-nofacets", "warm"} {
		for _, q := range queries {
			b.Run(mode+"/"+strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
				s := store10k(b)
				ctx := context.Background()
				lat := make([]time.Duration, 0, b.N)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if mode != "warm" {
						s.gen.Add(1)
					}
					t0 := time.Now()
					if _, err := s.Search(ctx, SearchRequest{Query: q, Limit: 20, NoFacets: mode == "cold-nofacets"}); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(t0))
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}

// BenchmarkIndexSize reports the size on disk per 1,000 candidates of the
// search index and of the database (the originals under files/ are the
// uploads themselves and not counted).
func BenchmarkIndexSize(b *testing.B) {
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		s := openTest(b, dir)
		fill(b, s, 0, 1000)
		s.Close() // persists the index, checkpoints the WAL into the database file
		idxBytes := dirSize(b, filepath.Join(dir, indexName))
		var dbBytes int64
		for _, name := range []string{dbName, dbName + "-wal"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				dbBytes += fi.Size()
			}
		}
		b.ReportMetric(float64(idxBytes), "index-bytes/1k")
		b.ReportMetric(float64(dbBytes), "db-bytes/1k")
	}
}

// BenchmarkIndexSizeKaggle is BenchmarkIndexSize over the 166 unique real
// resumes of the public Kaggle data set (text only, no skills), scaled to
// 1,000 candidates.
func BenchmarkIndexSizeKaggle(b *testing.B) {
	rows := kaggleRows(b)
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		s := openTest(b, dir)
		var in []NewCandidate
		for j, r := range rows {
			in = append(in, NewCandidate{File: fmt.Sprintf("%d.txt", j), Original: []byte(r[1]), Profile: profile(r[1], 0)})
		}
		if _, err := s.AddCandidates(context.Background(), in); err != nil {
			b.Fatal(err)
		}
		docs, _, err := s.IndexStats(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		b.ReportMetric(float64(dirSize(b, filepath.Join(dir, indexName)))/float64(docs)*1000, "index-bytes/1k")
	}
}

func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkSearchPath compares, over the same 10,000 candidates, the two
// ways an uncached first page (with facets) is computed: bleve's collector
// and facet builder (searchBleve, the fallback) and the one-walk search
// (searchOnePass, used on scorch indexes). Their answers are identical
// (TestOnePassMatchesBleve); this measures the cost.
func BenchmarkSearchPath(b *testing.B) {
	queries := []string{
		"python",
		"django AND (aws OR gcp) -java",
		"skill:python months>=36",
		`"data pipeline" kafka`,
		"",
	}
	s := store10k(b)
	ctx := context.Background()
	for _, text := range queries {
		q := parsedQuery(b, s, text)
		fp := fingerprint(SearchRequest{Query: text})
		for _, path := range []string{"bleve", "onepass"} {
			b.Run(path+"/"+strings.ReplaceAll(text, " ", "_"), func(b *testing.B) {
				s.mu.RLock()
				defer s.mu.RUnlock()
				for i := 0; i < b.N; i++ {
					var err error
					if path == "bleve" {
						_, err = s.searchBleve(ctx, q, fp, 20, nil, true)
					} else {
						_, _, err = s.searchOnePass(ctx, q, fp, 20, nil, true)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSearchAfterUploads measures cold searches (facets included) over
// an index written the way HTTP uploads write it: 5,000 candidates in
// batches of 5, so its segment count (reported) depends on the merge
// policy (scorchConfig). Building it takes ~10-15 s.
func BenchmarkSearchAfterUploads(b *testing.B) {
	s := openTest(b, b.TempDir())
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 5000; i += 5 {
		var in []NewCandidate
		for j := i; j < i+5; j++ {
			in = append(in, benchCandidate(r, j))
		}
		if _, err := s.AddCandidates(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	time.Sleep(2 * time.Second) // let the merger catch up, as a server between bursts
	segments := 0.0
	if m, ok := s.idx.StatsMap()["index"].(map[string]any); ok {
		for _, k := range []string{"num_root_memorysegments", "num_root_filesegments"} {
			if n, ok := m[k].(uint64); ok {
				segments += float64(n)
			}
		}
	}
	for _, q := range []string{"python", "skill:python months>=36", "django AND (aws OR gcp) -java"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s.gen.Add(1) // cold: as after a write
				if _, err := s.Search(context.Background(), SearchRequest{Query: q, Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(segments, "segments")
		})
	}
}
