package role

import (
	"container/heap"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Ranker holds many candidate profiles in memory in a compact form and ranks
// them against a role fast. Rank may run concurrently; Add and Remove are
// serialised against it (a sync.RWMutex).
//
// Each candidate's skills become postings — (candidate slot, months, months
// since last use) — in a list per taxonomy skill. Ranking a role touches only
// the posting lists of the skills that can satisfy it, accumulates each
// requirement's credit with the same credit function Score uses, in the
// same order, so the number equals Score's; then one pass over every
// candidate adds education and experience and keeps the best. Full
// explanations (Score) are computed only for the top RankOptions.Explain.
// A role is compiled once per id and version. RankSince brings an earlier
// answer up to date by scoring only the candidates added since.
//
// The postings count months and recency to one month, the ranker's as-of
// month (at first each profile's own, see RankOptions.AsOf). A ranking for
// another month first moves every posting to it, under the write lock: one
// pass over the postings (a current skill's months and any other skill's
// months since last use shift by the same number of months), so rankings
// that share a clock pay it once a month, and the scoring loops stay as
// they are.
type Ranker struct {
	tax   *taxonomy.Taxonomy
	skill map[string]int32 // taxonomy skill id → posting list index

	mu       sync.RWMutex
	slot     map[string]uint32 // candidate id → slot
	ids      []string
	alive    []bool
	resumes  []engine.Resume
	edu      []uint8
	total    []int32
	postings [][]posting
	titles   map[string][]uint32 // title word → slots whose titles have it
	// dup marks posting lists where some candidate appears more than once
	// (a resume listing a skill twice); those take the general path.
	dup  []bool
	seen map[int32]bool // scratch for Add
	dead int
	// changes counts Add and Remove calls that changed something, removals
	// the candidates removed or replaced (see RankerState).
	changes  uint64
	removals int
	// maxMonths and maxAgo are the largest months and months since last
	// use in any posting: Rank tabulates its factors up to them.
	maxMonths, maxAgo int16
	// month is the month index the postings and total count to, -1 for
	// each profile's own as-of month (see countedMonth).
	month int

	scratch sync.Pool

	cmu           sync.Mutex
	compiledRoles map[string]*compiled // see compiledFor
}

// posting is one candidate's facts about one skill, counted to the
// ranker's month; -1 means unknown. ago is agoCurrent for a skill of a
// current job (used this month, and its months grow with the month).
type posting struct {
	cand   uint32
	months int16
	ago    int16
}

// agoCurrent is posting.ago for a skill of a current job: recency 0.
const agoCurrent = -2

// RankOptions tunes Rank. Limit is the most results (0: all); MinScore
// drops results below it; Strict drops candidates missing any required
// requirement; Explain is how many of the top results get a full Match.
//
// AsOf is the date months and recency are counted to, "YYYY-MM-DD" or
// "YYYY-MM": each profile is scored as CountTo(profile, AsOf) (a current
// job keeps counting; a profile dated later keeps its own date). Empty, or
// not a date: each profile's own as-of date. Only its month matters.
type RankOptions struct {
	Limit    int
	MinScore float64
	Strict   bool
	Explain  int
	AsOf     string
}

// Ranked is one result of Rank. Match is set for the top RankOptions.Explain
// results; its Score equals Score.
type Ranked struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Rank  int     `json:"rank"`
	// MissingRequired counts required requirements with no credit at all.
	MissingRequired int    `json:"missing_required"`
	Match           *Match `json:"match,omitempty"`

	raw float64
}

// NewRanker returns an empty ranker over the skills of tax.
func NewRanker(tax *taxonomy.Taxonomy) *Ranker {
	k := &Ranker{tax: tax, skill: map[string]int32{}, slot: map[string]uint32{}, titles: map[string][]uint32{}, compiledRoles: map[string]*compiled{}, month: -1}
	for i, s := range tax.Skills() {
		k.skill[s.ID] = int32(i)
	}
	k.postings = make([][]posting, len(tax.Skills()))
	k.dup = make([]bool, len(tax.Skills()))
	k.seen = map[int32]bool{}
	return k
}

// Add puts a candidate profile in the ranker, replacing any with the same id.
// Skills the taxonomy does not know are kept for explanations but never
// match a role; a retired id counts as the skill that holds it now (see
// currentIDs). The ranker keeps r's slices: do not modify them afterwards.
func (k *Ranker) Add(id string, r engine.Resume) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.changes++
	if s, ok := k.slot[id]; ok {
		k.kill(s)
	}
	s := uint32(len(k.ids))
	k.slot[id] = s
	k.ids = append(k.ids, id)
	k.alive = append(k.alive, true)
	r = currentIDs(r, k.tax)
	r.Text = strings.Clone(headerPrefix(&r)) // all that scoring reads of the text
	k.resumes = append(k.resumes, r)
	k.edu = append(k.edu, uint8(highestEducation(&r)))
	k.total = append(k.total, k.totalOf(&r))
	k.index(s, &r)
	k.compactIfSparse()
}

func (k *Ranker) index(s uint32, r *engine.Resume) {
	for _, w := range resumeTitleWords(r) {
		k.titles[w] = append(k.titles[w], s)
	}
	own := monthIndex(r.AsOf)
	at := countedMonth(k.month, own)
	clear(k.seen)
	for i := range r.Skills {
		idx, ok := k.skill[r.Skills[i].ID]
		if !ok {
			continue
		}
		if k.seen[idx] {
			k.dup[idx] = true
		}
		k.seen[idx] = true
		p := postingAt(s, &r.Skills[i], own, at)
		k.maxMonths, k.maxAgo = max(k.maxMonths, p.months), max(k.maxAgo, p.ago)
		k.postings[idx] = append(k.postings[idx], p)
	}
}

// clamp16 keeps -1 (unknown) and caps large values; minimums and recency
// windows are far below the cap, so credit is unchanged.
func clamp16(v int) int16 {
	switch {
	case v > 32000:
		return 32000
	case v < 0:
		return -1 // credit treats every negative value as unknown
	}
	return int16(v)
}

// Remove drops a candidate; unknown ids are ignored.
func (k *Ranker) Remove(id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s, ok := k.slot[id]; ok {
		k.changes++
		k.kill(s)
		k.compactIfSparse()
	}
}

func (k *Ranker) kill(s uint32) {
	delete(k.slot, k.ids[s])
	k.alive[s] = false
	k.resumes[s] = engine.Resume{}
	k.dead++
	k.removals++
}

// compactIfSparse rebuilds the slots and postings once a quarter of the
// slots are dead, so removal stays cheap on average.
func (k *Ranker) compactIfSparse() {
	if k.dead < 1024 || k.dead*4 < len(k.ids) {
		return
	}
	ids, resumes := k.ids, k.resumes
	alive := k.alive
	n := len(ids) - k.dead
	k.ids, k.alive, k.resumes = make([]string, 0, n), make([]bool, 0, n), make([]engine.Resume, 0, n)
	k.edu, k.total = make([]uint8, 0, n), make([]int32, 0, n)
	for i := range k.postings {
		k.postings[i] = nil
		k.dup[i] = false
	}
	k.titles = map[string][]uint32{}
	k.dead = 0
	for i, id := range ids {
		if !alive[i] {
			continue
		}
		s := uint32(len(k.ids))
		k.slot[id] = s
		k.ids = append(k.ids, id)
		k.alive = append(k.alive, true)
		k.resumes = append(k.resumes, resumes[i])
		k.edu = append(k.edu, uint8(highestEducation(&resumes[i])))
		k.total = append(k.total, k.totalOf(&resumes[i]))
		k.index(s, &resumes[i])
	}
}

// Len is the number of candidates held.
func (k *Ranker) Len() int {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return len(k.ids) - k.dead
}

// scratch is per-Rank working memory, pooled.
type scratch struct {
	raw    []float64 // accumulated score per slot
	credit []uint64  // current requirement's best credit per slot, as float64 bits
	hits   []uint16  // required requirements with credit, per slot
	title  []uint16  // role title words in the slot's titles
}

// getScratch returns working memory for slots below n, zeroed from slot
// from on (rankFrom reads no slot below from). Capacity grows with
// headroom, so a ranker growing one upload at a time does not reallocate
// on every ranking.
func (k *Ranker) getScratch(n int, from uint32) *scratch {
	sc, _ := k.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	if cap(sc.raw) < n {
		c := n + n/4 + 64
		sc.raw, sc.credit, sc.hits, sc.title = make([]float64, c), make([]uint64, c), make([]uint16, c), make([]uint16, c)
	}
	sc.raw, sc.credit, sc.hits, sc.title = sc.raw[:n], sc.credit[:n], sc.hits[:n], sc.title[:n]
	clear(sc.raw[from:])
	clear(sc.hits[from:])
	clear(sc.title[from:])
	return sc
}

// Rank scores every candidate against ro and returns the best first. Equal
// scores are ordered by fewer missing required requirements, then by the
// unrounded score, then by id, so the order is deterministic and a
// candidate missing a required skill never precedes an otherwise equal one
// that has it.
func (k *Ranker) Rank(ro Role, opts RankOptions) []Ranked {
	out, _ := k.RankState(ro, opts)
	return out
}

// RankerState identifies the candidates a Ranker held at one moment: how
// many changes it had seen, how many slots were in use and how many
// candidates had been removed or replaced. Two states of one Ranker are
// equal when nothing changed between them.
type RankerState struct {
	changes         uint64
	slots, removals int
}

// After reports whether s is a later state of the same Ranker than t.
func (s RankerState) After(t RankerState) bool { return s.changes > t.changes }

// State is the ranker's current state.
func (k *Ranker) State() RankerState {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.state()
}

func (k *Ranker) state() RankerState {
	return RankerState{changes: k.changes, slots: len(k.ids), removals: k.removals}
}

// RankState is Rank, also returning the state it ranked: RankSince can
// bring the answer up to date later.
func (k *Ranker) RankState(ro Role, opts RankOptions) ([]Ranked, RankerState) {
	c := k.compiledFor(ro)
	k.rlockAt(monthIndex(opts.AsOf))
	defer k.mu.RUnlock()
	out := k.rankFrom(c, ro, opts, 0)
	k.explain(out, c, opts.Explain)
	return out, k.state()
}

// RankSince returns what Rank(ro, opts) returns now, given prev, the
// answer of RankState or RankSince for the same ro and opts at state since.
// When candidates were only added since then (none removed or replaced), it
// scores just the added ones and merges them into prev — exact, because
// every filter is per candidate and the order is total — and reports
// merged; otherwise it ranks every candidate. prev is not modified; the
// results share its explanations.
func (k *Ranker) RankSince(ro Role, opts RankOptions, prev []Ranked, since RankerState) (out []Ranked, now RankerState, merged bool) {
	c := k.compiledFor(ro)
	k.rlockAt(monthIndex(opts.AsOf))
	defer k.mu.RUnlock()
	now = k.state()
	if since.removals != now.removals || since.slots > now.slots {
		out = k.rankFrom(c, ro, opts, 0)
		k.explain(out, c, opts.Explain)
		return out, now, false
	}
	added := k.rankFrom(c, ro, opts, uint32(since.slots))
	out = mergeRanked(prev, added, opts.Limit)
	for i := max(opts.Explain, 0); i < len(out); i++ {
		out[i].Match = nil // pushed down past the explained results
	}
	k.explain(out, c, opts.Explain)
	return out, now, true
}

// mergeRanked merges two rankings, each best first, into one of at most
// limit results (0: all), numbered from 1.
func mergeRanked(a, b []Ranked, limit int) []Ranked {
	n := len(a) + len(b)
	if limit > 0 {
		n = min(n, limit)
	}
	out := make([]Ranked, 0, n)
	for len(out) < n {
		if len(b) == 0 || len(a) > 0 && better(a[0].Score, a[0].MissingRequired, a[0].raw, a[0].ID, &b[0]) {
			out = append(out, a[0])
			a = a[1:]
		} else {
			out = append(out, b[0])
			b = b[1:]
		}
		out[len(out)-1].Rank = len(out)
	}
	return out
}

// explain sets Match on the first n results that have none.
func (k *Ranker) explain(out []Ranked, c *compiled, n int) {
	for i := range out[:min(n, len(out))] {
		if out[i].Match == nil {
			r := k.resumes[k.slot[out[i].ID]]
			if at := countedMonth(k.month, monthIndex(r.AsOf)); at >= 0 {
				r = countTo(r, at)
			}
			m := scoreCompiled(&r, c)
			out[i].Match = &m
		}
	}
}

// rankFrom scores the candidates in slots from on against c and returns
// the best first, numbered from 1, unexplained. The caller holds k.mu.
func (k *Ranker) rankFrom(c *compiled, ro Role, opts RankOptions, from uint32) []Ranked {
	n := len(k.ids)
	sc := k.getScratch(n, from)
	defer k.scratch.Put(sc)

	for i := range c.req {
		k.accumulate(&c.req[i], sc, true, from)
	}
	for i := range c.plus {
		k.accumulate(&c.plus[i], sc, false, from)
	}

	if c.titleShare > 0 {
		for _, w := range c.titleWords {
			list := k.titles[w]
			for _, s := range list[sort.Search(len(list), func(i int) bool { return list[i] >= from }):] {
				sc.title[s]++
			}
		}
	}
	// experience credit by total months, constant from the minimum on
	expCredits := make([]float64, max(ro.MinTotalMonths, 0)+1)
	for m := range expCredits {
		expCredits[m] = c.expShare * experienceCredit(m, ro.MinTotalMonths)
	}
	var titleCredits []float64 // by words found
	for f := 0; f <= len(c.titleWords); f++ {
		titleCredits = append(titleCredits, c.titleShare*titleCredit(f, len(c.titleWords)))
	}
	nreq := len(c.req)
	// Education and experience credit depend on few values: tabulate.
	var eduCredit [6]float64 // one per EducationRank
	for h := range eduCredit {
		eduCredit[h] = c.eduShare * educationCredit(h, c.eduWant)
	}
	top := &resultHeap{}
	limit := opts.Limit
	floor := math.Inf(-1) // raw scores below it cannot enter the kept results
	for s := int(from); s < n; s++ {
		if !k.alive[s] {
			continue
		}
		missing := nreq - int(sc.hits[s])
		if opts.Strict && missing > 0 {
			continue
		}
		raw := sc.raw[s]
		raw += eduCredit[k.edu[s]]
		raw += expCredits[min(int(k.total[s]), len(expCredits)-1)]
		raw += titleCredits[sc.title[s]]
		if raw < floor {
			continue // rounds below the worst kept score
		}
		score := roundScore(raw)
		if score < opts.MinScore {
			continue
		}
		if limit > 0 && top.Len() == limit {
			if !better(score, missing, raw, k.ids[s], &(*top)[0]) {
				continue
			}
			(*top)[0] = Ranked{ID: k.ids[s], Score: score, MissingRequired: missing, raw: raw}
			heap.Fix(top, 0)
			floor = rawFloor((*top)[0].Score)
			continue
		}
		heap.Push(top, Ranked{ID: k.ids[s], Score: score, MissingRequired: missing, raw: raw})
		if limit > 0 && top.Len() == limit {
			floor = rawFloor((*top)[0].Score)
		}
	}
	out := []Ranked(*top)
	sort.Slice(out, func(i, j int) bool {
		b := &out[j]
		return better(out[i].Score, out[i].MissingRequired, out[i].raw, out[i].ID, b)
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// compiledFor is ro compiled, from a small cache keyed by role id and
// version (a hash of the content) and checked against the role itself, so
// a role edited without a new version is compiled afresh.
func (k *Ranker) compiledFor(ro Role) *compiled {
	if ro.Version == "" {
		return compile(ro, k.tax)
	}
	key := ro.ID + "\x00" + ro.Version
	k.cmu.Lock()
	e, ok := k.compiledRoles[key]
	k.cmu.Unlock()
	if ok && reflect.DeepEqual(e.role, ro) {
		return e
	}
	// compiled keeps its role (c.role, never modified), a copy: the caller
	// may change its slices later
	c := compile(cloneRole(ro), k.tax)
	k.cmu.Lock()
	if len(k.compiledRoles) >= maxCompiledRoles {
		clear(k.compiledRoles)
	}
	k.compiledRoles[key] = c
	k.cmu.Unlock()
	return c
}

// maxCompiledRoles bounds the compiled-role cache; past it the cache starts
// over.
const maxCompiledRoles = 256

func cloneRole(ro Role) Role {
	clone := func(qs []Requirement) []Requirement {
		if qs == nil {
			return nil
		}
		out := make([]Requirement, len(qs))
		for i, q := range qs {
			q.Skills = append([]string(nil), q.Skills...)
			out[i] = q
		}
		return out
	}
	ro.Required, ro.Plus = clone(ro.Required), clone(ro.Plus)
	return ro
}

// accumulate adds one requirement's credit to every candidate that has a
// skill satisfying it: the best alternative's credit, as in explain. The
// months and recency factors are tabulated for every value the postings
// hold, so the loops multiply the very same float64 values credit would,
// looked up without clamping.
func (k *Ranker) accumulate(q *compiledReq, sc *scratch, required bool, from uint32) {
	mf := factorTable(int(k.maxMonths), max(q.min, depthMonths), func(v int) float64 { return monthsFactor(v, q.min) })
	var rf factors
	if q.maxAgo > 0 {
		rf = factorTable(int(k.maxAgo), int(float64(q.maxAgo)/staleFloor)+1, func(v int) float64 { return recencyFactor(v, q.maxAgo) })
	}
	if len(q.alts) == 1 {
		if idx, ok := k.skill[q.alts[0].id]; ok && !k.dup[idx] {
			k.accumulateOne(q, idx, mf, rf, sc, required, from)
			return
		}
	}
	// Each alternative keeps, per candidate, the best credit so far in
	// sc.credit (credits are > 0, so 0 means none yet); lo and hi bound the
	// slots written.
	lo, hi, found := uint32(len(sc.credit)), uint32(0), false
	credit := sc.credit
	for ai := range q.alts {
		idx, ok := k.skill[q.alts[ai].id]
		if !ok {
			continue
		}
		list := postingsFrom(k.postings[idx], from)
		if len(list) == 0 {
			continue
		}
		lo, hi, found = min(lo, list[0].cand), max(hi, list[len(list)-1].cand), true
		if q.maxAgo <= 0 {
			// recencyFactor is 1: base·m·1 is base·m, the number credit gives
			keepBest(credit, list, q.alts[ai].base, mf)
		} else {
			keepBestRecent(credit, list, q.alts[ai].base, mf, rf)
		}
	}
	if !found {
		return
	}
	// Adding k·0 leaves a score unchanged (scores are never -0), so the
	// pass over the slots needs no branch on the credit.
	raw, hits := sc.raw[lo:hi+1], sc.hits[lo:hi+1]
	credit = credit[lo : hi+1]
	kq := q.k
	if !required {
		for s, c := range credit {
			raw[s] += kq * math.Float64frombits(c)
			credit[s] = 0
		}
		return
	}
	for s, c := range credit {
		raw[s] += kq * math.Float64frombits(c)
		credit[s] = 0
		var hit uint16
		if c != 0 {
			hit = 1
		}
		hits[s] += hit
	}
}

// keepBest raises credit[p.cand] to base·mf(p.months) for every posting;
// mf covers every months value of list.
// Credits are kept as the bits of positive float64s, which order as the
// numbers do, so the max is an integer max, without branches: candidates
// meet a requirement through several skills in no predictable order. Not
// inlined: on its own the loop keeps everything in registers.
//
//go:noinline
func keepBest(credit []uint64, list []posting, base float64, mf factors) {
	for _, p := range list {
		c := math.Float64bits(base * mf[int(p.months)+factorsOff])
		credit[p.cand] = max(credit[p.cand], c)
	}
}

// keepBestRecent is keepBest with the recency factor: base·mf·rf.
//
//go:noinline
func keepBestRecent(credit []uint64, list []posting, base float64, mf, rf factors) {
	for _, p := range list {
		c := math.Float64bits(base * mf[int(p.months)+factorsOff] * rf[int(p.ago)+factorsOff])
		credit[p.cand] = max(credit[p.cand], c)
	}
}

// accumulateOne is accumulate for a requirement with one alternative whose
// posting list names each candidate once: the credit goes straight into the
// score, with the same products in the same order.
func (k *Ranker) accumulateOne(q *compiledReq, idx int32, mf, rf factors, sc *scratch, required bool, from uint32) {
	base, kq := q.alts[0].base, q.k
	raw, hits := sc.raw, sc.hits
	list := postingsFrom(k.postings[idx], from)
	switch {
	case q.maxAgo > 0:
		for _, p := range list {
			raw[p.cand] += kq * (base * mf[int(p.months)+factorsOff] * rf[int(p.ago)+factorsOff])
		}
	default:
		for _, p := range list {
			raw[p.cand] += kq * (base * mf[int(p.months)+factorsOff])
		}
	}
	if required {
		for _, p := range list {
			hits[p.cand]++
		}
	}
}

// postingsFrom is the part of list (in slot order) for slots from on.
func postingsFrom(list []posting, from uint32) []posting {
	if from == 0 {
		return list
	}
	return list[sort.Search(len(list), func(i int) bool { return list[i].cand >= from }):]
}

// factors holds f(v) at index v+factorsOff for v from agoCurrent on: -1
// is unknown, agoCurrent (a current job's skill) is recency 0.
type factors []float64

const factorsOff = -agoCurrent

// factorTable tabulates f over agoCurrent…hi, with f(agoCurrent) = f(0)
// (months are never agoCurrent). f must be constant from v = until on: it
// is called up to there, and the rest of the table copies f(until).
func factorTable(hi, until int, f func(int) float64) factors {
	t := make(factors, max(hi, 0)+1+factorsOff)
	t[0] = f(0)
	for v := -1; v < len(t)-factorsOff; v++ {
		if v > until {
			t[v+factorsOff] = t[v+factorsOff-1]
			continue
		}
		t[v+factorsOff] = f(v)
	}
	return t
}

// rawFloor is a raw score below which roundScore is surely less than score.
func rawFloor(score float64) float64 { return (score-0.05)/100 - 1e-9 }

// better reports whether the result (score, missing, raw, id) ranks before b.
func better(score float64, missing int, raw float64, id string, b *Ranked) bool {
	if score != b.Score {
		return score > b.Score
	}
	if missing != b.MissingRequired {
		return missing < b.MissingRequired
	}
	if raw != b.raw {
		return raw > b.raw
	}
	return id < b.ID
}

// resultHeap is a min-heap: the worst kept result on top.
type resultHeap []Ranked

func (h resultHeap) Len() int { return len(h) }
func (h resultHeap) Less(i, j int) bool {
	return better(h[j].Score, h[j].MissingRequired, h[j].raw, h[j].ID, &h[i])
}
func (h resultHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *resultHeap) Push(x any)   { *h = append(*h, x.(Ranked)) }
func (h *resultHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
