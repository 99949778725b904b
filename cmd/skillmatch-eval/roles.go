package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// evalRoles prints two reports: how exactly the job descriptions of
// testdata/jobs parse into their expected roles, and precision@10 of the
// testdata/roles/livecareer-*.yaml roles over every livecareer resume.
func evalRoles(shared string) error {
	tax := taxonomy.Default()
	if err := evalJobDescriptions(tax); err != nil {
		return err
	}
	fmt.Println()
	if err := evalGreenCues(shared, tax); err != nil {
		return err
	}
	fmt.Println()
	return evalLivecareerRanking(shared, tax)
}

// evalJobDescriptions compares each testdata/jobs/NAME.txt with
// NAME.role.yaml: a requirement is parsed exactly when the same set of
// alternatives, in the same tier (required or plus), with the same minimum
// months comes out.
func evalJobDescriptions(tax *taxonomy.Taxonomy) error {
	files, _ := filepath.Glob("testdata/jobs/*.txt")
	if len(files) == 0 {
		fmt.Println("job descriptions: testdata/jobs is empty; skipped")
		return nil
	}
	fmt.Println("job descriptions → roles (testdata/jobs): requirements parsed exactly")
	fmt.Printf("  %-28s %7s %7s %7s  %s\n", "job", "exact", "want", "extra", "education/total experience")
	exact, wantN, extraN, otherOK := 0, 0, 0, 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		text, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		wantData, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".role.yaml")
		if err != nil {
			fmt.Printf("  %-28s no expected role: %v\n", name, err)
			continue
		}
		want, err := role.Parse(wantData, name+".role.yaml", tax)
		if err != nil {
			return fmt.Errorf("%s.role.yaml: %w", name, err)
		}
		got := role.FromJobDescription(string(text), tax)
		e, w, x := requirementAgreement(want, got)
		other := "ok"
		if want.Education != got.Education || want.MinTotalMonths != got.MinTotalMonths {
			other = fmt.Sprintf("got %q/%d, want %q/%d", got.Education, got.MinTotalMonths, want.Education, want.MinTotalMonths)
		} else {
			otherOK++
		}
		exact, wantN, extraN = exact+e, wantN+w, extraN+x
		fmt.Printf("  %-28s %7d %7d %7d  %s\n", name, e, w, x, other)
	}
	fmt.Printf("  %-28s %7d %7d %7d  %d/%d right\n", "total", exact, wantN, extraN, otherOK, len(files))
	if wantN > 0 {
		fmt.Printf("  %d of %d requirements parsed exactly (%.0f%%), %d extra\n", exact, wantN, 100*float64(exact)/float64(wantN), extraN)
	}
	return nil
}

// requirementAgreement counts the requirements of want found exactly in
// got, the requirements wanted, and the requirements got has beyond want.
func requirementAgreement(want, got role.Role) (exact, wanted, extra int) {
	key := func(tier string, q role.Requirement) string {
		s := append([]string(nil), q.Skills...)
		sort.Strings(s)
		return fmt.Sprintf("%s|%s|%d|%d", tier, strings.Join(s, ","), q.MinMonths, q.MaxMonthsAgo)
	}
	have := map[string]int{}
	for _, q := range got.Required {
		have[key("r", q)]++
	}
	for _, q := range got.Plus {
		have[key("p", q)]++
	}
	total := len(got.Required) + len(got.Plus)
	check := func(tier string, qs []role.Requirement) {
		for _, q := range qs {
			wanted++
			if k := key(tier, q); have[k] > 0 {
				have[k]--
				exact++
			}
		}
	}
	check("r", want.Required)
	check("p", want.Plus)
	return exact, wanted, total - exact
}

// evalLivecareerRanking ranks all livecareer resumes against each
// testdata/roles/livecareer-CATEGORY.yaml role and prints precision@10:
// the share of the top ten that come from CATEGORY.
func evalLivecareerRanking(shared string, tax *taxonomy.Taxonomy) error {
	roleFiles, _ := filepath.Glob("testdata/roles/livecareer-*.yaml")
	pdfs, _ := filepath.Glob(filepath.Join(shared, "data/resumes/livecareer/data/*/*.pdf"))
	if len(roleFiles) == 0 || len(pdfs) == 0 {
		fmt.Println("livecareer ranking: roles or ../shared/data/resumes/livecareer absent; skipped")
		return nil
	}
	sort.Strings(pdfs)
	start := time.Now()
	profiles, failed := livecareerProfiles(pdfs, tax)
	fmt.Printf("livecareer ranking: %d resumes read (%d unreadable) in %s\n", len(profiles), failed, time.Since(start).Round(time.Millisecond))
	k := role.NewRanker(tax)
	for id, r := range profiles {
		k.Add(id, r)
	}
	fmt.Printf("  %-26s %6s  %s\n", "category", "P@10", "top 10 categories (✗ = other, with required requirements met/asked)")
	sum, n := 0.0, 0
	for _, rf := range roleFiles {
		cat := strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(rf), "livecareer-"), ".yaml"))
		data, err := os.ReadFile(rf)
		if err != nil {
			return err
		}
		ro, err := role.Parse(data, rf, tax)
		if err != nil {
			fmt.Printf("  %-26s %6s  %v\n", cat, "-", err)
			continue
		}
		explain := os.Getenv("SKILLMATCH_EVAL_EXPLAIN") == cat
		top := k.Rank(ro, role.RankOptions{Limit: 10, Explain: 10})
		hits := 0
		var marks []string
		for _, r := range top {
			c := strings.SplitN(r.ID, "/", 2)[0]
			if c == cat {
				hits++
				marks = append(marks, "✓")
			} else {
				marks = append(marks, "✗"+c+requiredMet(r.Match))
			}
		}
		if explain {
			printExplained(top)
		}
		p := float64(hits) / 10
		sum += p
		n++
		fmt.Printf("  %-26s %6.1f  %s\n", cat, p, strings.Join(marks, " "))
	}
	fmt.Printf("  %-26s %6.2f  (%d roles, goal ≥ 0.9)\n", "mean", sum/float64(max(n, 1)), n)
	return nil
}

// livecareerProfiles parses every PDF (two at a time) into a profile keyed
// "CATEGORY/id". Text comes through the text cache, so a rerun only parses.
func livecareerProfiles(pdfs []string, tax *taxonomy.Taxonomy) (map[string]engine.Resume, int) {
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make(map[string]engine.Resume, len(pdfs))
	var mu sync.Mutex
	failed := 0
	next := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range next {
				text, err := texts.text(path)
				mu.Lock()
				if err != nil {
					failed++
					mu.Unlock()
					continue
				}
				mu.Unlock()
				r := resume.Parse(text, tax, resume.Options{AsOf: asOf, Format: "pdf"})
				id := filepath.Base(filepath.Dir(path)) + "/" + strings.TrimSuffix(filepath.Base(path), ".pdf")
				mu.Lock()
				out[id] = r
				mu.Unlock()
			}
		}()
	}
	for _, p := range pdfs {
		next <- p
	}
	close(next)
	wg.Wait()
	return out, failed
}

// printExplained prints why each of the top results scored: the credit of
// each requirement, the skill that met it and the sections of its evidence.
// Set SKILLMATCH_EVAL_EXPLAIN=CATEGORY to see it; no resume text is printed.
func printExplained(top []role.Ranked) {
	for _, r := range top {
		if r.Match == nil {
			continue
		}
		fmt.Printf("    %-36s %5.1f title %.2f edu %s\n", r.ID, r.Score, r.Match.Title.Credit, r.Match.Education.Status)
		for _, list := range [][]role.RequirementResult{r.Match.Requirements, r.Match.Plus} {
			for _, q := range list {
				var secs []string
				for _, e := range q.Evidence {
					secs = append(secs, e.Section)
				}
				m := "?"
				if q.Months != nil {
					m = fmt.Sprint(*q.Months)
				}
				fmt.Printf("      %-28s %-10s %.2f via=%q months=%s sections=%v\n", strings.Join(q.Skills, "|"), q.Status, q.Credit, q.Via, m, secs)
			}
		}
	}
}

// greenCueLabels holds hand tier labels for skill spans of the Green et al.
// sentences that contain a cue word (see the file's header).
const greenCueLabels = "testdata/jobs/green-cue-labels.tsv"

// evalGreenCues measures how well job-description cues are read on text
// nobody on the team wrote: each labelled sentence of the Green et al. set
// is parsed as a one-line job description, in two settings — as an item
// under a "Requirements" heading (an uncued skill is required) and as a
// line with no heading (only cued or "experience with"-style clauses
// count) — and each labelled span gets the tier its skills came out with:
// R when one is in the required list, P when one is a plus, N otherwise.
// Spans in which the taxonomy finds no skill, or only soft skills (which a
// role never lists), are not scored (counted).
func evalGreenCues(shared string, tax *taxonomy.Taxonomy) error {
	path := filepath.Join(shared, "data", "job-descriptions-green", "raw_data", "testset.txt")
	sents, err := readGreen(path)
	if err != nil {
		fmt.Printf("job-description cues (Green et al.): %s unreadable (%v); skipped\n", path, err)
		return nil
	}
	type label struct {
		sentence, start, end int
		tier                 string
	}
	f, err := os.Open(greenCueLabels)
	if err != nil {
		return err
	}
	defer f.Close()
	var labels []label
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 4 {
			return fmt.Errorf("%s: bad line %q", greenCueLabels, line)
		}
		var l label
		var errs [3]error
		l.sentence, errs[0] = strconv.Atoi(c[0])
		l.start, errs[1] = strconv.Atoi(c[1])
		l.end, errs[2] = strconv.Atoi(c[2])
		l.tier = c[3]
		for _, e := range errs {
			if e != nil {
				return fmt.Errorf("%s: %q: %w", greenCueLabels, line, e)
			}
		}
		if l.sentence >= len(sents) || l.end > len(sents[l.sentence].tokens) {
			return fmt.Errorf("%s: %q is outside the data", greenCueLabels, line)
		}
		labels = append(labels, l)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	nSent := map[int]bool{}
	for _, l := range labels {
		nSent[l.sentence] = true
	}
	fmt.Printf("job-description cues on Green et al. sentences nobody on the team wrote (%d sentences with a cue word, %d spans labelled R/P/N before running)\n", len(nSent), len(labels))
	for _, setting := range []struct{ name, prefix string }{
		{"under a Requirements heading", "Job\n\nRequirements\n- "},
		{"with no heading", "Job\n\n"},
	} {
		roles := map[int]role.Role{}
		for si := range nSent {
			roles[si] = role.FromJobDescription(setting.prefix+sents[si].text, tax)
		}
		confusion := map[string]int{} // "label>got"
		scored, right, noSkill := 0, 0, 0
		var wrong []string
		for _, l := range labels {
			s := sents[l.sentence]
			var names []string
			for _, m := range tax.Extract(s.text) {
				if t := tokenAt(s.offsets, m.Start); t >= l.start && t < l.end {
					if sk, ok := tax.Get(m.SkillID); ok && sk.Category != "soft" {
						names = append(names, sk.Name)
					}
				}
			}
			if len(names) == 0 {
				noSkill++
				continue
			}
			got := tierOf(roles[l.sentence], names)
			scored++
			confusion[l.tier+">"+got]++
			if got == l.tier {
				right++
			} else {
				wrong = append(wrong, fmt.Sprintf("%d:%d-%d %s→%s", l.sentence, l.start, l.end, l.tier, got))
			}
		}
		fmt.Printf("  %s: %d of %d scored spans right (%.2f); %d spans without a known non-soft skill not scored\n", setting.name, right, scored, frac(right, scored), noSkill)
		var cells []string
		for _, w := range []string{"R", "P", "N"} {
			for _, g := range []string{"R", "P", "N"} {
				cells = append(cells, fmt.Sprintf("%s→%s %d", w, g, confusion[w+">"+g]))
			}
		}
		fmt.Printf("    label→parsed: %s\n", strings.Join(cells, ", "))
		if len(wrong) > 0 {
			fmt.Printf("    wrong (sentence:tokens): %s\n", strings.Join(wrong, " "))
		}
	}
	return nil
}

// tierOf is "R" when any of names is in a required requirement of ro, "P"
// when any is a plus, else "N".
func tierOf(ro role.Role, names []string) string {
	in := func(qs []role.Requirement) bool {
		for _, q := range qs {
			for _, s := range q.Skills {
				for _, n := range names {
					if s == n {
						return true
					}
				}
			}
		}
		return false
	}
	switch {
	case in(ro.Required):
		return "R"
	case in(ro.Plus):
		return "P"
	}
	return "N"
}

// requiredMet renders how many required requirements a match meets (met or
// partly met) as "(4/5)", or "" without a match.
func requiredMet(m *role.Match) string {
	if m == nil {
		return ""
	}
	n := 0
	for _, q := range m.Requirements {
		if q.Status != role.StatusMissing {
			n++
		}
	}
	return fmt.Sprintf("(%d/%d)", n, len(m.Requirements))
}
