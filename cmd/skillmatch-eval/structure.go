package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// structureDir holds the structure fixtures: NAME.txt, NAME.expect.json (the
// numbers computed by hand) and taxonomy.json (the small taxonomy they are
// checked with, so that the default taxonomy growing does not move them).
const structureDir = "testdata/structure"

// evalStructure reports how well resume.Parse reads structure:
//
//   - on the team's fixtures: positions whose start, end and current flag are
//     exactly right, total months exactly right, and months per skill within
//     ±10% of the hand-computed numbers (a null expected and got counts as
//     right);
//   - on the Kaggle resume dataset (deduplicated by text): how far our months
//     per skill are from the "Skill Details … Experience - N months" lines the
//     resumes state.
func evalStructure(shared string) error {
	if err := evalStructureFixtures(); err != nil {
		return err
	}
	fmt.Println()
	if err := evalStructureLiveCareer(filepath.Join(shared, "data/resumes/livecareer/data")); err != nil {
		return err
	}
	fmt.Println()
	return evalStructureKaggle(filepath.Join(shared, kaggleCSV))
}

// evalStructureLiveCareer compares Parse with careful-reader labels of real
// resumes nobody on the team wrote (testdata/structure/livecareer.labels.json):
// positions with exact dates, and total months.
func evalStructureLiveCareer(dir string) error {
	b, err := os.ReadFile(filepath.Join(structureDir, "livecareer.labels.json"))
	if err != nil {
		return err
	}
	var labels struct {
		AsOf    string `json:"as_of"`
		Resumes []struct {
			File      string `json:"file"`
			Set       string `json:"set"`
			Positions []struct {
				Start, End string
				Current    bool
			} `json:"positions"`
			TotalMonths int `json:"total_months"`
		} `json:"resumes"`
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		return err
	}
	if _, err := os.Stat(dir); err != nil {
		fmt.Printf("livecareer: %s absent, skipped\n", dir)
		return nil
	}
	asOf, err := time.Parse("2006-01-02", labels.AsOf)
	if err != nil {
		return err
	}
	tax := taxonomy.Default()
	for _, set := range []string{"tuned", "held-out"} {
		var posWant, posExact, extra, totExact, totNear, n int
		var totAbs float64
		var lines []string
		for _, l := range labels.Resumes {
			if l.Set != set {
				continue
			}
			text, err := texts.text(filepath.Join(dir, l.File))
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				return err // the file could not be read: the labels are wrong
			}
			if err != nil {
				lines = append(lines, fmt.Sprintf("  %s: %v", l.File, err))
				continue
			}
			n++
			r := resume.Parse(text, tax, resume.Options{AsOf: asOf})
			used := make([]bool, len(r.Positions))
			for _, w := range l.Positions {
				posWant++
				for i, g := range r.Positions {
					if !used[i] && g.Start == w.Start && g.End == w.End && g.Current == w.Current {
						used[i] = true
						posExact++
						break
					}
				}
			}
			for _, u := range used {
				if !u {
					extra++
				}
			}
			d := r.TotalMonths - l.TotalMonths
			totAbs += math.Abs(float64(d))
			if d == 0 {
				totExact++
			}
			if d >= -3 && d <= 3 {
				totNear++
			}
			lines = append(lines, fmt.Sprintf("  %-32s total %3d, careful reader %3d; positions %d found, %d labelled", l.File, r.TotalMonths, l.TotalMonths, len(r.Positions), len(l.Positions)))
		}
		fmt.Printf("livecareer, %s set (%d real resumes, careful-reader labels, PDF text by engine/document, as of %s):\n", set, n, labels.AsOf)
		fmt.Printf("  positions with exact dates   %s (%d found positions not in the labels)\n", ratio(posExact, posWant), extra)
		fmt.Printf("  total months exact           %s; within ±3 months %s; MAE %.1f months\n", ratio(totExact, n), ratio(totNear, n), totAbs/math.Max(1, float64(n)))
		for _, l := range lines {
			fmt.Println(l)
		}
	}
	return nil
}

type structureExpect struct {
	AsOf        string `json:"as_of"`
	TotalMonths int    `json:"total_months"`
	Positions   []struct {
		Start, End string
		Current    bool
	} `json:"positions"`
	Skills map[string]*int `json:"skills"`
}

func evalStructureFixtures() error {
	b, err := os.ReadFile(filepath.Join(structureDir, "taxonomy.json"))
	if err != nil {
		return err
	}
	var tf taxonomy.File
	if err := json.Unmarshal(b, &tf); err != nil {
		return err
	}
	tax, err := taxonomy.New(tf)
	if err != nil {
		return err
	}
	paths, err := filepath.Glob(filepath.Join(structureDir, "*.expect.json"))
	if err != nil {
		return err
	}
	var posWant, posExact, totWant, totExact, skWant, skWithin, skNullWant, skNullOK int
	var misses []string
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".expect.json")
		var e structureExpect
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &e); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		text, err := os.ReadFile(filepath.Join(structureDir, name+".txt"))
		if err != nil {
			return err
		}
		asOf, err := time.Parse("2006-01-02", e.AsOf)
		if err != nil {
			return fmt.Errorf("%s: as_of: %w", p, err)
		}
		r := resume.Parse(string(text), tax, resume.Options{AsOf: asOf})
		for _, w := range e.Positions {
			posWant++
			found := false
			for _, g := range r.Positions {
				if g.Start == w.Start && g.End == w.End && g.Current == w.Current {
					found = true
					break
				}
			}
			if found {
				posExact++
			} else {
				misses = append(misses, fmt.Sprintf("%s: position %s – %s not found", name, w.Start, w.End))
			}
		}
		totWant++
		if r.TotalMonths == e.TotalMonths {
			totExact++
		} else {
			misses = append(misses, fmt.Sprintf("%s: total_months %d, want %d", name, r.TotalMonths, e.TotalMonths))
		}
		got := map[string]*int{}
		for _, s := range r.Skills {
			got[s.ID] = s.Months
		}
		ids := make([]string, 0, len(e.Skills))
		for id := range e.Skills {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			w, g := e.Skills[id], got[id]
			if w == nil {
				skNullWant++
				if g == nil {
					skNullOK++
				} else {
					misses = append(misses, fmt.Sprintf("%s: %s months %d, want null", name, id, *g))
				}
				continue
			}
			skWant++
			if g != nil && math.Abs(float64(*g-*w)) <= 0.1*float64(*w) {
				skWithin++
			} else {
				gs := "null"
				if g != nil {
					gs = strconv.Itoa(*g)
				}
				misses = append(misses, fmt.Sprintf("%s: %s months %s, want %d", name, id, gs, *w))
			}
		}
	}
	fmt.Printf("fixtures (%s, %d resumes, hand-computed expectations, fixture taxonomy):\n", structureDir, len(paths))
	fmt.Printf("  positions with exact dates   %s\n", ratio(posExact, posWant))
	fmt.Printf("  total months exact           %s\n", ratio(totExact, totWant))
	fmt.Printf("  months per skill within ±10%% %s\n", ratio(skWithin, skWant))
	fmt.Printf("  skills-list-only kept null   %s\n", ratio(skNullOK, skNullWant))
	for _, m := range misses {
		fmt.Println("  miss:", m)
	}
	return nil
}

func ratio(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d = %.1f%%", n, d, 100*float64(n)/float64(d))
}

// statedRe reads the job portal's "Skill Details" lines: "Python- Experience
// - 24 months", "AWS- Experience - Less than 1 year months".
var statedRe = regexp.MustCompile(`(?im)^\s*(.{1,60}?)\s*-\s*Experience\s*-\s*(\d+|Less than 1 year)\s*months`)

type stated struct {
	skill  string // taxonomy id
	months int    // -1 for "Less than 1 year"
}

// kaggleRecords reads the Kaggle resume CSV at path: every record, header
// first. The error of opening a missing file is returned as is, so that
// callers can skip on fs.ErrNotExist.
func kaggleRecords(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// kaggleTexts reads the Kaggle resume CSV at path (kaggleRecords) and
// returns its number of records after the header and the distinct resume
// texts (second column) in file order.
func kaggleTexts(path string) (records int, texts []string, err error) {
	rows, err := kaggleRecords(path)
	if err != nil {
		return 0, nil, err
	}
	seen := map[string]bool{}
	for i, row := range rows {
		if i == 0 || len(row) < 2 || seen[row[1]] {
			continue
		}
		seen[row[1]] = true
		texts = append(texts, row[1])
	}
	return len(rows) - 1, texts, nil
}

func evalStructureKaggle(csvPath string) error {
	records, texts, err := kaggleTexts(csvPath)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Printf("kaggle: %s absent, skipped\n", csvPath)
		return nil
	}
	if err != nil {
		return err
	}
	tax := taxonomy.Default()
	fixedAsOf := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)

	var (
		withStated, pairs, mapped, lessThanYear     int
		withDated, withPositions                    int
		covered, within6, lessCovered, lessWithin12 int
		absErr                                      float64
		coveredLatest, within6Latest                int
		absErrLatest                                float64
		signed                                      float64
	)
	for _, text := range texts {
		var st []stated
		for _, m := range statedRe.FindAllStringSubmatch(text, -1) {
			pairs++
			id := lookupSkill(tax, m[1])
			if id == "" {
				continue
			}
			mapped++
			n := -1
			if v, err := strconv.Atoi(m[2]); err == nil {
				n = v
			} else {
				lessThanYear++
			}
			st = append(st, stated{id, n})
		}
		if len(st) == 0 {
			continue
		}
		withStated++
		// the dataset was collected around 2018–2019; "Till date" is read
		// at a fixed as-of date, and again at the latest date the resume
		// itself mentions (when it wrote "till date", that is the earliest
		// it can have meant)
		r := resume.Parse(text, tax, resume.Options{AsOf: fixedAsOf})
		rl := resume.Parse(text, tax, resume.Options{AsOf: latestDate(r, fixedAsOf)})
		if len(r.Positions) > 0 {
			withPositions++
		}
		if r.TotalMonths > 0 {
			withDated++
		}
		ours, oursLatest := monthsBySkill(r), monthsBySkill(rl)
		for _, s := range st {
			got, ok := ours[s.skill]
			if s.months < 0 {
				if ok {
					lessCovered++
					if got <= 12 {
						lessWithin12++
					}
				}
				continue
			}
			if ok {
				covered++
				d := float64(got - s.months)
				absErr += math.Abs(d)
				signed += d
				if math.Abs(d) <= 6 {
					within6++
				}
			}
			if g, ok := oursLatest[s.skill]; ok {
				coveredLatest++
				d := math.Abs(float64(g - s.months))
				absErrLatest += d
				if d <= 6 {
					within6Latest++
				}
			}
		}
	}
	numeric := mapped - lessThanYear
	fmt.Printf("kaggle (%s): %d rows, %d unique texts; %d state months per skill\n", filepath.Base(csvPath), records, len(texts), withStated)
	fmt.Printf("  stated (skill, months) pairs      %d, of which %d name a taxonomy skill (%d numeric, %d \"Less than 1 year\")\n", pairs, mapped, numeric, lessThanYear)
	fmt.Printf("  resumes with positions found      %s; with dated positions %s\n", ratio(withPositions, withStated), ratio(withDated, withStated))
	fmt.Printf("  coverage: we give months          %s of numeric pairs (the rest: no dated position mentions the skill)\n", ratio(covered, numeric))
	if covered > 0 {
		fmt.Printf("  as of 2019-01-01: MAE %.1f months, mean signed error %+.1f, within ±6 months %s\n", absErr/float64(covered), signed/float64(covered), ratio(within6, covered))
	}
	if coveredLatest > 0 {
		fmt.Printf("  as of each resume's latest date:  MAE %.1f months, within ±6 months %s (%d pairs)\n", absErrLatest/float64(coveredLatest), ratio(within6Latest, coveredLatest), coveredLatest)
	}
	fmt.Printf("  \"Less than 1 year\": we give ≤12   %s of those we cover (%d)\n", ratio(lessWithin12, lessCovered), lessCovered)
	fmt.Println("  note: the stated months are typed by the candidate into a job portal, not derived from dates in the")
	fmt.Println("  text; many of these resumes give no dates at all, so low coverage is the honest answer, not a bug.")
	return nil
}

// lookupSkill maps a stated skill name to a taxonomy id: by name or alias,
// else the single skill the name mentions.
func lookupSkill(tax *taxonomy.Taxonomy, name string) string {
	name = strings.TrimSpace(name)
	if s, ok := tax.Lookup(name); ok {
		return s.ID
	}
	ms := tax.Extract(name)
	if len(ms) == 1 && ms[0].End-ms[0].Start >= len(name)/2 {
		return ms[0].SkillID
	}
	return ""
}

func monthsBySkill(r engine.Resume) map[string]int {
	out := map[string]int{}
	for _, s := range r.Skills {
		if s.Months != nil {
			out[s.ID] = *s.Months
		}
	}
	return out
}

// latestDate is the latest month a resume's positions name as a start or
// an end, or def when none does.
func latestDate(r engine.Resume, def time.Time) time.Time {
	best := ""
	for _, p := range r.Positions {
		for _, d := range []string{p.Start, p.End} {
			if d > best {
				best = d
			}
		}
	}
	if best == "" {
		return def
	}
	t, err := time.Parse("2006-01", best)
	if err != nil {
		return def
	}
	return t.AddDate(0, 1, -1)
}
