package role

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// TestCountToMatchesParsingLater is CountTo's reference comparison: every
// team resume parsed on an earlier date and counted forward has the
// months, current flags, last use and total experience of the same resume
// parsed on the later date.
func TestCountToMatchesParsingLater(t *testing.T) {
	tax := taxonomy.Default()
	files, err := filepath.Glob("../../testdata/resumes/*.txt")
	if err != nil || len(files) < 20 {
		t.Fatalf("resume fixtures: %v, %d files", err, len(files))
	}
	early, late := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	type facts struct {
		Total  int
		Skills map[string]string
	}
	factsOf := func(r engine.Resume) facts {
		f := facts{Total: r.TotalMonths, Skills: map[string]string{}}
		for _, s := range r.Skills {
			v := fmt.Sprintf("current=%v", s.Current)
			if s.Months != nil {
				v += fmt.Sprintf(" months=%d", *s.Months)
			}
			if s.LastUsed != nil {
				v += " last=" + *s.LastUsed
			}
			f.Skills[s.ID] = v
		}
		return f
	}
	grew := 0
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		then := resume.Parse(string(text), tax, resume.Options{AsOf: early})
		now := resume.Parse(string(text), tax, resume.Options{AsOf: late})
		got := CountTo(then, "2026-11-02")
		if diff := cmp.Diff(factsOf(now), factsOf(got)); diff != "" {
			t.Errorf("%s: counted from %s to %s (-parsed later +counted):\n%s", filepath.Base(f), then.AsOf, got.AsOf, diff)
		}
		if got.AsOf != "2026-11-02" {
			t.Errorf("%s: AsOf = %q, want 2026-11-02", filepath.Base(f), got.AsOf)
		}
		if got.TotalMonths > then.TotalMonths {
			grew++
		}
		if diff := cmp.Diff(factsOf(resume.Parse(string(text), tax, resume.Options{AsOf: early})), factsOf(then)); diff != "" {
			t.Errorf("%s: CountTo modified its argument:\n%s", filepath.Base(f), diff)
		}
	}
	if grew < len(files)/3 {
		t.Errorf("only %d of %d resumes have a current job that grew: fixtures changed?", grew, len(files))
	}
}

func TestCountToLeavesEarlierDates(t *testing.T) {
	r := engine.Resume{AsOf: "2026-06-15", TotalMonths: 30, Positions: []engine.Position{{Current: true, Months: 30}},
		Skills: []engine.Skill{{ID: "go", Months: intp(30), LastUsed: strp("2026-06"), Current: true}}}
	for _, asOf := range []string{"2026-06-30", "2026-06", "2025-01-01", "", "not a date"} {
		got := CountTo(r, asOf)
		if diff := cmp.Diff(r, got); diff != "" {
			t.Errorf("CountTo(r, %q) changed r (-want +got):\n%s", asOf, diff)
		}
	}
	got := CountTo(r, "2027-01")
	if *got.Skills[0].Months != 37 || *got.Skills[0].LastUsed != "2027-01" || got.TotalMonths != 37 || got.Positions[0].Months != 37 || got.AsOf != "2027-01" {
		t.Errorf("CountTo(r, 2027-01) = %+v, skill months %d last %s; want 37 months, last used 2027-01", got, *got.Skills[0].Months, *got.Skills[0].LastUsed)
	}
	if *r.Skills[0].Months != 30 || r.Positions[0].Months != 30 {
		t.Error("CountTo modified its argument")
	}
}

// TestRankerAsOf checks that a ranking counted to another month scores
// every candidate exactly as Score does on the profile counted to that
// month — bit for bit, explanations included — whichever months the
// rankings before it asked for (the ranker moves its postings in place),
// with profiles parsed on different dates and candidates added between
// rankings.
func TestRankerAsOf(t *testing.T) {
	tax := taxonomy.Default()
	p := newPopulation(tax, 11)
	ro := p.benchRole()
	ro.Required[1].MaxMonthsAgo = 30
	k := NewRanker(tax)
	byID := map[string]engine.Resume{}
	own := []string{"2024-02-10", "2025-09-01", "2026-06-01", "2026-11-30"}
	add := func(n int) {
		for i := len(byID); n > 0; i, n = i+1, n-1 {
			id := fmt.Sprintf("c%05d", i)
			r := p.resume()
			r.AsOf = own[i%len(own)]
			if i%3 == 0 {
				r.Positions = append(r.Positions, engine.Position{Title: "Engineer", Current: true})
			}
			byID[id] = r
			k.Add(id, r)
		}
	}
	add(800)
	for _, asOf := range []string{"2027-03-15", "", "2026-01", "2026-01-31", "2030-12-01", "2027-03"} {
		got := k.Rank(ro, RankOptions{AsOf: asOf, Explain: len(byID)})
		if len(got) != len(byID) {
			t.Fatalf("AsOf %q: %d results, want %d", asOf, len(got), len(byID))
		}
		for _, g := range got {
			want := Score(CountTo(byID[g.ID], asOf), ro, tax)
			if g.raw != want.raw || g.Score != want.Score || g.MissingRequired != len(want.Missing) {
				t.Fatalf("AsOf %q, %s: ranker %v (raw %v, %d missing), Score of the counted profile %v (raw %v, %v)", asOf, g.ID, g.Score, g.raw, g.MissingRequired, want.Score, want.raw, want.Missing)
			}
			if diff := cmp.Diff(want, *g.Match, cmpopts.IgnoreUnexported(Match{})); diff != "" {
				t.Fatalf("AsOf %q, %s: explanation differs from Score (-Score +ranker):\n%s", asOf, g.ID, diff)
			}
		}
		add(100) // added at the ranker's current month, ranked at the next
	}
}

// TestRankerCountsCurrentJobToRankingDate is the product rule: a profile
// stored months ago ranks with the months its current job has on the
// ranking's date, as the same resume parsed that day does.
func TestRankerCountsCurrentJobToRankingDate(t *testing.T) {
	tax := taxonomy.Default()
	text := "Dana Example\nBackend Engineer\n\nEXPERIENCE\nBackend Engineer, Acme Corp, January 2024 – Present\n- Build services in Go and PostgreSQL\n\nJunior Developer, Beta Ltd, March 2019 – December 2019\n- Maintained Perl scripts\n"
	uploaded := resume.Parse(text, tax, resume.Options{AsOf: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)})
	today := resume.Parse(text, tax, resume.Options{AsOf: time.Date(2026, 9, 5, 0, 0, 0, 0, time.UTC)})
	ro := Role{Title: "Backend Engineer", Required: []Requirement{
		{Skills: []string{"Go"}, MinMonths: 30, Weight: 1},
		{Skills: []string{"Perl"}, MaxMonthsAgo: 72, Weight: 1},
	}, MinTotalMonths: 36}
	k := NewRanker(tax)
	k.Add("stored", uploaded)
	got := k.Rank(ro, RankOptions{AsOf: "2026-09-05", Explain: 1})[0]
	want := Score(today, ro, tax)
	if got.Score != want.Score {
		t.Errorf("stored profile ranked on 2026-09-05 scores %v, the resume parsed that day %v", got.Score, want.Score)
	}
	goReq := got.Match.Requirements[0]
	if goReq.Months == nil || *goReq.Months != 33 || goReq.Status != StatusMet {
		t.Errorf("Go requirement = %+v, want 33 months (Jan 2024 – Sep 2026), met", goReq)
	}
	perl := got.Match.Requirements[1]
	if perl.Status != StatusPartlyMet { // last used Dec 2019: 81 months before Sep 2026
		t.Errorf("Perl requirement = %+v, want partly met (used 81 months ago, 72 wanted)", perl)
	}
	if got.Match.Experience.Have != "3.6 years" {
		t.Errorf("experience = %+v, want 3.6 years (10 + 33 months)", got.Match.Experience)
	}
	if then := Score(uploaded, ro, tax); then.Score >= got.Score || *then.Requirements[0].Months != 25 {
		t.Errorf("as of upload day: score %v, Go %d months; want less than today's %v and 25 months", then.Score, *then.Requirements[0].Months, got.Score)
	}
}

// BenchmarkRankNewMonth100k is the cost of the first ranking of a month:
// every posting moved to it (Ranker.countAllTo), then the ranking; the
// months alternate so each iteration moves them.
func BenchmarkRankNewMonth100k(b *testing.B) { benchRank(b, 100_000, "2026-07", "2026-08") }

func BenchmarkRankNewMonth1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M profiles take ~1 GB; run without -short")
	}
	benchRank(b, 1_000_000, "2026-07", "2026-08")
}

// TestRankerAsOfConcurrent ranks for two months at once while candidates
// are added: each answer is the one its month gives (checked against Score
// of the counted profile), whichever month the ranker held before. Run
// with -race.
func TestRankerAsOfConcurrent(t *testing.T) {
	tax := testTax(t)
	p := newPopulation(tax, 13)
	ro := Role{Title: "T", Required: []Requirement{req(30, "Python"), {Skills: []string{"SQL"}, MaxMonthsAgo: 6, Weight: 1}}, MinTotalMonths: 60}
	k := NewRanker(tax)
	var mu sync.Mutex
	byID := map[string]engine.Resume{}
	add := func(i int) {
		id := fmt.Sprintf("c%04d", i)
		r := p.resume()
		r.Positions = append(r.Positions, engine.Position{Current: true})
		mu.Lock()
		byID[id] = r
		mu.Unlock()
		k.Add(id, r)
	}
	for i := 0; i < 200; i++ {
		add(i)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 200; i < 600; i++ {
			add(i)
		}
	}()
	for _, asOf := range []string{"2026-09", "2027-02"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 40; n++ {
				for _, g := range k.Rank(ro, RankOptions{AsOf: asOf, Limit: 5, Explain: 5}) {
					mu.Lock()
					r := byID[g.ID]
					mu.Unlock()
					if want := Score(CountTo(r, asOf), ro, tax); g.Score != want.Score || g.Match.Score != want.Score {
						t.Errorf("AsOf %s, %s: ranked %v (explained %v), Score of the counted profile %v", asOf, g.ID, g.Score, g.Match.Score, want.Score)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestRankerTotalMonths: the ranker counts a candidate's total experience
// to a date as CountTo does, whatever month its postings are counted to.
func TestRankerTotalMonths(t *testing.T) {
	current := engine.Resume{AsOf: "2026-06-15", TotalMonths: 30, Positions: []engine.Position{{Current: true, Months: 30}}}
	ended := engine.Resume{AsOf: "2026-06-15", TotalMonths: 24, Positions: []engine.Position{{Months: 24}}}
	k := NewRanker(taxonomy.Default())
	k.Add("current", current)
	k.Add("ended", ended)
	k.Rank(Role{Title: "x", Required: []Requirement{{Skills: []string{"Go"}}}}, RankOptions{AsOf: "2027-03"}) // postings moved to another month
	for _, asOf := range []string{"2026-06-30", "2026-09", "2027-01-02", "2025-01", "", "not a date"} {
		for id, r := range map[string]engine.Resume{"current": current, "ended": ended} {
			got, ok := k.TotalMonths(id, asOf)
			if want := CountTo(r, asOf).TotalMonths; !ok || got != want {
				t.Errorf("TotalMonths(%s, %q) = %d, %v, want %d as CountTo", id, asOf, got, ok, want)
			}
		}
	}
	if got, _ := k.TotalMonths("current", "2026-09"); got != 33 {
		t.Errorf("TotalMonths(current, 2026-09) = %d, want 33", got)
	}
	if _, ok := k.TotalMonths("nobody", "2026-09"); ok {
		t.Error("TotalMonths of an unknown id: ok")
	}
}
