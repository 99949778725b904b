package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
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
	fmt.Printf("  %-26s %6s  %s\n", "category", "P@10", "top 10 categories (✗ = other)")
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
				marks = append(marks, "✗"+c)
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
// "CATEGORY/id". Decoded text is cached under the user cache folder, keyed
// by the file's path, size and modification time, so a rerun only parses.
func livecareerProfiles(pdfs []string, tax *taxonomy.Taxonomy) (map[string]engine.Resume, int) {
	cacheDir := ""
	if d, err := os.UserCacheDir(); err == nil {
		cacheDir = filepath.Join(d, "skillmatch-eval", "livecareer-text")
		_ = os.MkdirAll(cacheDir, 0o755)
	}
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
				text, err := livecareerText(path, cacheDir)
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

func livecareerText(path, cacheDir string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	var cached string
	if cacheDir != "" {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d|%d", path, st.Size(), st.ModTime().UnixNano())))
		cached = filepath.Join(cacheDir, hex.EncodeToString(sum[:8])+".txt")
		if b, err := os.ReadFile(cached); err == nil {
			return string(b), nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	doc, err := document.Decode(data, document.DefaultLimits())
	if err != nil {
		return "", err
	}
	if cached != "" {
		_ = os.WriteFile(cached, []byte(doc.Text), 0o644)
	}
	return doc.Text, nil
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
