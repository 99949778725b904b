package role

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// population draws synthetic candidates from a taxonomy: skills picked
// with a Zipf-like popularity, months and last use often known, sometimes
// not (a skills-list-only mention), as parsed resumes have them.
type population struct {
	tax  *taxonomy.Taxonomy
	ids  []string // skills in popularity order
	pool []engine.Skill
	// positions holds one position per title, shared by sharedResume.
	positions []engine.Position
	rng       *rand.Rand
	zipf      *rand.Zipf
	dates     []string
}

func newPopulation(tax *taxonomy.Taxonomy, seed uint64) *population {
	p := &population{tax: tax, rng: rand.New(rand.NewPCG(seed, 99))}
	for _, s := range tax.Skills() {
		p.ids = append(p.ids, s.ID)
	}
	p.rng.Shuffle(len(p.ids), func(i, j int) { p.ids[i], p.ids[j] = p.ids[j], p.ids[i] })
	p.zipf = rand.NewZipf(p.rng, 1.1, 8, uint64(len(p.ids)-1))
	for y := 2012; y <= 2026; y++ {
		for m := 1; m <= 12; m += 3 {
			p.dates = append(p.dates, fmt.Sprintf("%04d-%02d", y, m))
		}
	}
	return p
}

func (p *population) skill() engine.Skill {
	id := p.ids[p.zipf.Uint64()]
	s := engine.Skill{ID: id, Name: id, Evidence: []engine.Evidence{{Section: "experience", Line: 1 + p.rng.IntN(60), Text: "worked with " + id}}}
	if p.rng.IntN(10) < 7 {
		s.Months = intp(1 + p.rng.IntN(120))
		s.LastUsed = strp(p.dates[p.rng.IntN(len(p.dates))])
		s.Current = p.rng.IntN(4) == 0
	}
	return s
}

// titles are a few job titles, so title words take part in rankings.
var titles = []string{"Backend Engineer", "Senior Data Scientist", "Accountant", "Software Developer", "Teacher", "Platform Engineer", "Sales Manager"}

func (p *population) resume() engine.Resume {
	r := engine.Resume{AsOf: "2026-06-01", TotalMonths: p.rng.IntN(240)}
	for i := p.rng.IntN(3); i > 0; i-- {
		r.Positions = append(r.Positions, engine.Position{Title: titles[p.rng.IntN(len(titles))]})
	}
	n := 5 + p.rng.IntN(30)
	r.Skills = make([]engine.Skill, n)
	for i := range r.Skills {
		r.Skills[i] = p.skill()
	}
	if lvl := p.rng.IntN(6); lvl > 0 {
		r.Education = []engine.Education{{Level: educationLevels[lvl-1]}}
	}
	return r
}

// sharedResume is like resume but its skills are a window of a shared pool,
// so a million profiles fit in memory.
func (p *population) sharedResume() engine.Resume {
	if p.pool == nil {
		for _, t := range titles {
			p.positions = append(p.positions, engine.Position{Title: t})
		}
		// no skill twice within 40 entries: a window is a resume, and a
		// parsed resume lists each skill once
		p.pool = make([]engine.Skill, 1<<18)
		for i := range p.pool {
		draw:
			p.pool[i] = p.skill()
			for j := max(0, i-40); j < i; j++ {
				if p.pool[j].ID == p.pool[i].ID {
					goto draw
				}
			}
		}
	}
	r := engine.Resume{AsOf: "2026-06-01", TotalMonths: p.rng.IntN(240)}
	if i := p.rng.IntN(len(titles) + 1); i < len(titles) {
		r.Positions = p.positions[i : i+1 : i+1]
	}
	n := 5 + p.rng.IntN(30)
	off := p.rng.IntN(len(p.pool) - n)
	r.Skills = p.pool[off : off+n : off+n]
	if lvl := p.rng.IntN(6); lvl > 0 {
		r.Education = []engine.Education{{Level: educationLevels[lvl-1]}}
	}
	return r
}

func randomResume(rng *rand.Rand, tax *taxonomy.Taxonomy) engine.Resume {
	return newPopulation(tax, rng.Uint64()).resume()
}

// benchRole is a 12-requirement role over popular skills of the population:
// 8 required (some any-of, some with minimums and recency), 4 plus.
func (p *population) benchRole() Role {
	name := func(i int) string { s, _ := p.tax.Get(p.ids[i%len(p.ids)]); return s.Name }
	r := Role{Title: "Senior Backend Software Engineer", Education: "bachelor", MinTotalMonths: 36}
	for i := 0; i < 8; i++ {
		q := Requirement{Skills: []string{name(i * 3)}, Weight: 1}
		if i%3 == 1 {
			q.Skills = append(q.Skills, name(i*3+1))
		}
		if i%2 == 0 {
			q.MinMonths = 24
		}
		if i == 3 {
			q.MaxMonthsAgo = 36
		}
		r.Required = append(r.Required, q)
	}
	for i := 0; i < 4; i++ {
		r.Plus = append(r.Plus, Requirement{Skills: []string{name(30 + i*5)}, Weight: 1})
	}
	return r
}

// TestRankerScoreEqualsScore is the ranker's reference comparison: for
// every candidate of a synthetic population, Rank's unrounded score is
// bit-for-bit the one Score computes (so rounding and the order of equal
// scores agree too), and MissingRequired is Score's count of missing
// requirements. The wide role's requirements have dozens of alternatives
// (every skill that implies Python), which the population favours, so
// candidates meet one requirement through several skills.
func TestRankerScoreEqualsScore(t *testing.T) {
	def := taxonomy.Default()
	for _, tc := range []struct {
		name string
		tax  *taxonomy.Taxonomy
		wide bool
	}{{"test taxonomy", testTax(t), false}, {"default taxonomy", def, false}, {"default taxonomy, wide role", def, true}} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPopulation(tc.tax, 3)
			ro := p.benchRole()
			if tc.wide {
				ro = wideRole(t, tc.tax)
				p.favor(ro)
			}
			k := NewRanker(tc.tax)
			byID := map[string]engine.Resume{}
			for i := 0; i < 2000; i++ {
				id := fmt.Sprintf("c%05d", i)
				r := p.resume()
				byID[id] = r
				k.Add(id, r)
			}
			for _, opts := range []RankOptions{{Explain: 2000}, {Explain: 2000, Strict: true}} {
				got := k.Rank(ro, opts)
				if !opts.Strict && len(got) != 2000 {
					t.Fatalf("Rank returned %d results, want 2000", len(got))
				}
				for i, g := range got {
					want := Score(byID[g.ID], ro, tc.tax)
					if g.Score != want.Score || g.Match.Score != want.Score || g.raw != want.raw {
						t.Fatalf("%s: ranker score %v (raw %v), explained %v, Score %v (raw %v)", g.ID, g.Score, g.raw, g.Match.Score, want.Score, want.raw)
					}
					if g.MissingRequired != len(want.Missing) {
						t.Fatalf("%s: MissingRequired %d, Score's Missing %v", g.ID, g.MissingRequired, want.Missing)
					}
					if g.Rank != i+1 {
						t.Fatalf("result %d has Rank %d", i, g.Rank)
					}
					if i > 0 && better(g.Score, g.MissingRequired, g.raw, g.ID, &got[i-1]) {
						t.Fatalf("results %d and %d out of order: %+v before %+v", i-1, i, got[i-1], g)
					}
				}
			}
		})
	}
}

// wideRole is the load script's role (cmd/skillmatch-load): requirements
// whose skills many others imply, so each has dozens of alternatives.
func wideRole(t testing.TB, tax *taxonomy.Taxonomy) Role {
	t.Helper()
	ro, err := Parse([]byte(`title: Python Backend Developer
required:
  - Python
  - any: [Django, Flask]
  - skill: Docker
    min_years: 2
plus: [AWS, PostgreSQL, Kubernetes, JavaScript, Git]
`), "wide.yaml", tax)
	if err != nil {
		t.Fatal(err)
	}
	return ro
}

// favor makes the skills that can satisfy ro the most popular ones, so
// most candidates meet its requirements, often through several skills.
func (p *population) favor(ro Role) {
	c := compile(ro, p.tax)
	first := map[string]bool{}
	var front []string
	for _, q := range append(append([]compiledReq(nil), c.req...), c.plus...) {
		for _, a := range q.alts {
			if !first[a.id] {
				first[a.id] = true
				front = append(front, a.id)
			}
		}
	}
	rest := front
	for _, id := range p.ids {
		if !first[id] {
			rest = append(rest, id)
		}
	}
	p.ids = rest
	p.pool = nil
}

func TestRankerTopKMatchesFullSort(t *testing.T) {
	tax := testTax(t)
	p := newPopulation(tax, 5)
	ro := Role{Title: "T", Required: []Requirement{req(24, "Python"), req(0, "SQL"), req(0, "AWS", "GCP")}, Plus: []Requirement{req(0, "Docker")}}
	k := NewRanker(tax)
	for i := 0; i < 3000; i++ {
		k.Add(fmt.Sprintf("c%04d", i), p.resume())
	}
	all := k.Rank(ro, RankOptions{})
	top := k.Rank(ro, RankOptions{Limit: 25, Explain: 3})
	if diff := cmp.Diff(strip(all[:25]), strip(top)); diff != "" {
		t.Errorf("top 25 differ from the full sort (-full +top):\n%s", diff)
	}
	for i, r := range top {
		if (r.Match != nil) != (i < 3) {
			t.Errorf("result %d: Match set = %v, want explanations for the top 3 only", i, r.Match != nil)
		}
	}
	for _, r := range k.Rank(ro, RankOptions{MinScore: 50}) {
		if r.Score < 50 {
			t.Fatalf("MinScore 50 kept %+v", r)
		}
	}
	for _, r := range k.Rank(ro, RankOptions{Strict: true}) {
		if r.MissingRequired != 0 {
			t.Fatalf("Strict kept %+v", r)
		}
	}
	if again := k.Rank(ro, RankOptions{}); cmp.Diff(strip(all), strip(again)) != "" {
		t.Error("two Rank calls on the same data differ")
	}
}

func strip(rs []Ranked) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%d %s %.1f %d", r.Rank, r.ID, r.Score, r.MissingRequired)
	}
	return out
}

func TestRankerAddReplaceRemove(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "T", Required: []Requirement{req(0, "Go")}}
	k := NewRanker(tax)
	k.Add("a", resumeWith(sk("go", 10, "")))
	k.Add("b", resumeWith(sk("java", 10, "")))
	if got := ids(k.Rank(ro, RankOptions{})); cmp.Diff([]string{"a", "b"}, got) != "" {
		t.Fatalf("Rank = %v, want [a b]", got)
	}
	k.Add("a", resumeWith(sk("java", 10, ""))) // replaced: no Go any more
	k.Add("b", resumeWith(sk("go", 10, "")))
	if got := ids(k.Rank(ro, RankOptions{})); cmp.Diff([]string{"b", "a"}, got) != "" {
		t.Fatalf("after replacing, Rank = %v, want [b a]", got)
	}
	k.Remove("b")
	k.Remove("nobody")
	if got := ids(k.Rank(ro, RankOptions{})); cmp.Diff([]string{"a"}, got) != "" || k.Len() != 1 {
		t.Fatalf("after Remove(b), Rank = %v, Len = %d; want [a], 1", got, k.Len())
	}
	// enough churn to compact the slots, then the same answers
	for i := 0; i < 3000; i++ {
		k.Add(fmt.Sprintf("x%d", i%500), resumeWith(sk("go", i%50, "")))
	}
	for i := 0; i < 500; i += 2 {
		k.Remove(fmt.Sprintf("x%d", i))
	}
	got := k.Rank(ro, RankOptions{Limit: 3, Explain: 3})
	if k.Len() != 251 || got[0].Match == nil || got[0].Match.Requirements[0].Status != StatusMet {
		t.Fatalf("after churn Len = %d, top = %+v", k.Len(), got[0])
	}
}

func ids(rs []Ranked) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestRankerConcurrent(t *testing.T) {
	tax := testTax(t)
	p := newPopulation(tax, 9)
	k := NewRanker(tax)
	ro := Role{Title: "T", Required: []Requirement{req(12, "Python"), req(0, "SQL")}}
	done := make(chan bool)
	go func() {
		for i := 0; i < 2000; i++ {
			k.Add(fmt.Sprintf("c%d", i%300), p.resume())
			if i%7 == 0 {
				k.Remove(fmt.Sprintf("c%d", i%300))
			}
		}
		close(done)
	}()
	for {
		select {
		case <-done:
			return
		default:
			k.Rank(ro, RankOptions{Limit: 10, Explain: 2})
		}
	}
}

// benchRank ranks n synthetic profiles against the 12-requirement role,
// explaining the top 50. With asOfs, iteration i ranks as of asOfs[i%len]
// (alternating months make every ranking move the postings first).
func benchRank(b *testing.B, n int, asOfs ...string) {
	tax := benchTax(b)
	p := newPopulation(tax, 1)
	k := NewRanker(tax)
	for i := 0; i < n; i++ {
		k.Add(fmt.Sprintf("cand-%07d", i), p.sharedResume())
	}
	ro := p.benchRole()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opts := RankOptions{Limit: 50, Explain: 50}
		if len(asOfs) > 0 {
			opts.AsOf = asOfs[i%len(asOfs)]
		}
		if got := k.Rank(ro, opts); len(got) != 50 {
			b.Fatalf("got %d results", len(got))
		}
	}
}

func BenchmarkRank10k(b *testing.B) { benchRank(b, 10_000) }

// BenchmarkRankWide10k ranks 10k candidates against the load script's role
// (wideRole) as GET /roles/{id}/matches does by default: the top 20,
// explained.
func BenchmarkRankWide10k(b *testing.B) {
	k, _, ro := wideRanker10k(b)
	for _, explain := range []int{20, 0} {
		b.Run(fmt.Sprintf("explain=%d", explain), func(b *testing.B) {
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if got := k.Rank(ro, RankOptions{Limit: 20, Explain: explain}); len(got) != 20 {
					b.Fatalf("got %d results", len(got))
				}
			}
		})
	}
}

// wideRanker10k is the ranker of the wide benchmarks: 10k candidates of a
// population favouring wideRole, the population and the role.
func wideRanker10k(b *testing.B) (*Ranker, *population, Role) {
	tax := benchTax(b)
	p := newPopulation(tax, 1)
	ro := wideRole(b, tax)
	p.favor(ro)
	k := NewRanker(tax)
	for i := 0; i < 10_000; i++ {
		k.Add(fmt.Sprintf("cand-%07d", i), p.sharedResume())
	}
	return k, p, ro
}

func BenchmarkRank100k(b *testing.B) { benchRank(b, 100_000) }
func BenchmarkRank1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M profiles take ~1 GB; run without -short")
	}
	benchRank(b, 1_000_000)
}

// TestRankGrowth prints how rank time and ranker memory grow from 10k to 1M
// profiles: wall time and this thread's CPU time per Rank (the machine is
// shared, so CPU time is the steadier number), p50 and max of 21 runs. It
// is a report, not an assertion: run it with
// SKILLMATCH_RANK_GROWTH=1 go test -run RankGrowth -v ./engine/role.
func TestRankGrowth(t *testing.T) {
	if testing.Short() || !envSet("SKILLMATCH_RANK_GROWTH") {
		t.Skip("set SKILLMATCH_RANK_GROWTH=1 to print the growth report")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tax := benchTax(t)
	p := newPopulation(tax, 1)
	ro := p.benchRole()
	k := NewRanker(tax)
	added := 0
	t.Logf("%10s %10s %10s %10s %10s %10s", "profiles", "wall p50", "wall max", "cpu p50", "cpu max", "heap MB")
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		for ; added < n; added++ {
			k.Add(fmt.Sprintf("cand-%07d", added), p.sharedResume())
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		var wall, cpu []time.Duration
		for i := 0; i < 21; i++ {
			c0, w0 := threadCPU(), time.Now()
			k.Rank(ro, RankOptions{Limit: 50, Explain: 50})
			wall = append(wall, time.Since(w0))
			cpu = append(cpu, threadCPU()-c0)
		}
		sortDurations(wall)
		sortDurations(cpu)
		t.Logf("%10d %10s %10s %10s %10s %10.0f", n, wall[10].Round(time.Microsecond), wall[20].Round(time.Microsecond),
			cpu[10].Round(time.Microsecond), cpu[20].Round(time.Microsecond), float64(ms.HeapAlloc)/1e6)
	}
}

// benchTax is the embedded taxonomy, or, while it is still small, a
// generated one of 3,000 skills with implies and related edges, so the
// benchmarks measure a realistic vocabulary size.
func benchTax(t testing.TB) *taxonomy.Taxonomy {
	if tax := taxonomy.Default(); len(tax.Skills()) >= 1000 {
		return tax
	}
	f := taxonomy.File{Version: "bench"}
	for i := 0; i < 3000; i++ {
		s := taxonomy.Skill{ID: fmt.Sprintf("s%04d", i), Name: fmt.Sprintf("Skill %d", i), Category: "tool"}
		if i%10 == 5 {
			s.Implies = []string{fmt.Sprintf("s%04d", i-5)}
		}
		if i%10 == 6 {
			s.Related = []string{fmt.Sprintf("s%04d", i-1)}
		}
		f.Skills = append(f.Skills, s)
	}
	tax, err := taxonomy.New(f)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func TestRankerOddValues(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "T", Required: []Requirement{req(24, "Python"), {Skills: []string{"Go"}, MaxMonthsAgo: 12, Weight: 1}}, MinTotalMonths: 12}
	r := resumeWith(sk("python", -7, "2027-13"), sk("go", 100000, "2030-01"))
	r.TotalMonths = -3
	r.AsOf = "not a date"
	k := NewRanker(tax)
	k.Add("odd", r)
	got := k.Rank(ro, RankOptions{Explain: 1})
	if want := Score(r, ro, tax); len(got) != 1 || got[0].Score != want.Score {
		t.Fatalf("Rank = %+v, Score = %v", got, want.Score)
	}
}

// TestRankSinceEqualsRank: after candidates are added, RankSince merges
// just the new ones into the earlier answer and gives exactly what a fresh
// Rank gives — order, scores, ranks and explanations — for several
// options; after a removal or a replacement it ranks everything again,
// with the same guarantee.
func TestRankSinceEqualsRank(t *testing.T) {
	tax := taxonomy.Default()
	p := newPopulation(tax, 11)
	ro := wideRole(t, tax)
	p.favor(ro)
	k := NewRanker(tax)
	for i := 0; i < 1500; i++ {
		k.Add(fmt.Sprintf("c%05d", i), p.resume())
	}
	optsList := []RankOptions{
		{Limit: 20, Explain: 20},
		{Limit: 5, Explain: 2},
		{Explain: 10},
		{Limit: 30, Strict: true, Explain: 30},
		{Limit: 25, MinScore: 60, Explain: 5},
	}
	type cached struct {
		out   []Ranked
		state RankerState
	}
	prev := make([]cached, len(optsList))
	for i, opts := range optsList {
		prev[i].out, prev[i].state = k.RankState(ro, opts)
	}
	next := 1500
	for step, change := range []string{"add 1", "add 300", "add 1", "remove", "add 50", "replace", "add 2"} {
		switch change {
		case "remove":
			k.Remove("c00007")
		case "replace":
			k.Add("c00100", p.resume())
		default:
			var n int
			fmt.Sscanf(change, "add %d", &n)
			for j := 0; j < n; j++ {
				k.Add(fmt.Sprintf("c%05d", next), p.resume())
				next++
			}
		}
		for i, opts := range optsList {
			old := append([]Ranked(nil), prev[i].out...)
			got, state, merged := k.RankSince(ro, opts, prev[i].out, prev[i].state)
			if wantMerged := strings.HasPrefix(change, "add"); merged != wantMerged {
				t.Errorf("step %d (%s), %+v: merged = %v, want %v", step, change, opts, merged, wantMerged)
			}
			if diff := cmp.Diff(old, prev[i].out, cmp.AllowUnexported(Ranked{}, Match{})); diff != "" {
				t.Fatalf("step %d: RankSince modified prev:\n%s", step, diff)
			}
			want := k.Rank(ro, opts)
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(Ranked{}, Match{})); diff != "" {
				t.Fatalf("step %d (%s), %+v: RankSince differs from Rank (-rank +since):\n%s", step, change, opts, diff)
			}
			if state != k.State() {
				t.Errorf("step %d: state %+v, ranker now %+v", step, state, k.State())
			}
			prev[i] = cached{got, state}
		}
	}
	// Nothing changed: the same answer.
	got, _, merged := k.RankSince(ro, optsList[0], prev[0].out, prev[0].state)
	if !merged || cmp.Diff(prev[0].out, got, cmp.AllowUnexported(Ranked{}, Match{})) != "" {
		t.Errorf("RankSince with no change: merged %v, differs from prev %v", merged, cmp.Diff(prev[0].out, got, cmp.AllowUnexported(Ranked{}, Match{})) != "")
	}
}

// TestRankCompiledRoleCache: a role is compiled once per id and version,
// but a role whose content changed under the same version (a caller
// editing a parsed role) is scored by its content, as Score does.
func TestRankCompiledRoleCache(t *testing.T) {
	tax := testTax(t)
	p := newPopulation(tax, 4)
	k := NewRanker(tax)
	byID := map[string]engine.Resume{}
	for i := 0; i < 300; i++ {
		id := fmt.Sprintf("c%03d", i)
		byID[id] = p.resume()
		k.Add(id, byID[id])
	}
	ro := Role{ID: "r1", Version: "v1", Title: "Backend Engineer", Required: []Requirement{req(24, "Python"), req(0, "SQL")}}
	first := k.Rank(ro, RankOptions{Limit: 3, Explain: 3})
	ro.Required[0].MinMonths = 0 // same version, different content
	ro.Required[1].Skills[0] = "Go"
	second := k.Rank(ro, RankOptions{Limit: 3, Explain: 3})
	for _, r := range second {
		if want := Score(byID[r.ID], ro, tax); r.Score != want.Score || r.raw != want.raw {
			t.Fatalf("%s: ranked %v, Score of the edited role %v", r.ID, r.Score, want.Score)
		}
	}
	if cmp.Diff(strip(first), strip(second)) == "" {
		t.Errorf("editing the role changed nothing: %v", strip(second))
	}
}

// BenchmarkRankSinceOneAdded is the cost of bringing a cached top-20 of 10k
// candidates up to date after one upload (RankSince), to compare with
// BenchmarkRankWide10k/explain=20, a ranking from scratch.
func BenchmarkRankSinceOneAdded(b *testing.B) {
	k, p, ro := wideRanker10k(b)
	opts := RankOptions{Limit: 20, Explain: 20}
	prev, state := k.RankState(ro, opts)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		k.Add(fmt.Sprintf("new-%07d", i), p.sharedResume())
		b.StartTimer()
		var merged bool
		prev, state, merged = k.RankSince(ro, opts, prev, state)
		if !merged || len(prev) != 20 {
			b.Fatalf("merged %v, %d results", merged, len(prev))
		}
	}
}
