package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

const (
	resumeFixtures = "testdata/resumes"                       // NAME.txt + NAME.skills (hand-labelled ids)
	greenTechSpans = "testdata/taxonomy/green-tech-spans.tsv" // hand-picked technology spans of the Green set
)

// evalExtraction reports skill extraction with the embedded taxonomy:
//
//   - on the team's hand-labelled resumes: micro precision and recall of the
//     distinct skill ids per resume, and the extra and missing ids of every
//     resume below 1.0;
//   - on the job-description sentences of Green et al. (LREC 2022), technology
//     skills only, span level (see evalGreen for what is measured and how).
func evalExtraction(shared string) error {
	tx := taxonomy.Default()
	fmt.Printf("taxonomy %s: %d skills\n", tx.Version, len(tx.Skills()))
	if err := evalFixtures(tx); err != nil {
		return err
	}
	fmt.Println()
	return evalGreen(tx, filepath.Join(shared, "data", "job-descriptions-green", "raw_data", "testset.txt"))
}

func evalFixtures(tx *taxonomy.Taxonomy) error {
	paths, err := filepath.Glob(filepath.Join(resumeFixtures, "*.txt"))
	if err != nil || len(paths) == 0 {
		return fmt.Errorf("no resume fixtures in %s (run from the repository root)", resumeFixtures)
	}
	var tp, fp, fn int
	var below []string
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		labels, err := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".skills")
		if err != nil {
			return err
		}
		want := map[string]bool{}
		for _, l := range strings.Fields(string(labels)) {
			want[l] = true
		}
		got := map[string]bool{}
		for _, m := range tx.Extract(string(text)) {
			got[m.SkillID] = true
		}
		var extra, missing []string
		for id := range got {
			if want[id] {
				tp++
			} else {
				fp++
				extra = append(extra, id)
			}
		}
		for id := range want {
			if !got[id] {
				fn++
				missing = append(missing, id)
			}
		}
		if len(extra)+len(missing) > 0 {
			sort.Strings(extra)
			sort.Strings(missing)
			below = append(below, fmt.Sprintf("  %-28s P %.3f R %.3f  extra %v  missing %v",
				strings.TrimSuffix(filepath.Base(p), ".txt"), frac(len(got)-len(extra), len(got)),
				frac(len(want)-len(missing), len(want)), extra, missing))
		}
	}
	fmt.Printf("resume fixtures (%s, %d resumes, skill ids per resume, micro):\n", resumeFixtures, len(paths))
	fmt.Printf("  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)\n", frac(tp, tp+fp), frac(tp, tp+fn), tp, fp, fn)
	if len(below) > 0 {
		fmt.Println("  below 1.0:")
		for _, b := range below {
			fmt.Println(b)
		}
	}
	return nil
}

// greenSentence is one sentence of the Green et al. test set: its tokens, the
// text we extract from (tokens joined by single spaces) and the byte offset
// of each token in that text.
type greenSentence struct {
	tokens, tags []string
	text         string
	offsets      []int
}

type tokenSpan struct{ sentence, start, end int } // tokens [start, end)

// evalGreen measures technology-skill extraction on the Green et al. test set
// at span level. The set labels Skill spans of every kind, mostly phrases
// ("work with other divisions"), so its Skill labels cannot serve as tech
// gold as they are. What is measured instead:
//
//   - recall on the gold Skill spans that name a technology, picked by hand
//     (green-tech-spans.tsv): a span is found when one of our mentions
//     overlaps it, and found exactly when a mention covers exactly its tokens;
//   - precision of our technology mentions (skills of the technical
//     categories): a mention is right when it overlaps any gold entity span
//     (Skill, Qualification, Domain, Occupation, Experience); the others are
//     listed, since some are annotator misses rather than our errors.
//
// The sentences are rebuilt by joining tokens with spaces as the data gives
// them, so ".Net" arrives as ". Net" and "Salesforce.com" as "SalesForce . com".
func evalGreen(tx *taxonomy.Taxonomy, path string) error {
	sents, err := readGreen(path)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Printf("job-descriptions-green: %s absent, skipped\n", path)
		return nil
	}
	if err != nil {
		return err
	}
	gold, err := readTechSpans(greenTechSpans, sents)
	if err != nil {
		return err
	}
	type mention struct {
		span tokenSpan
		id   string
	}
	var ments []mention
	for si, s := range sents {
		for _, m := range tx.Extract(s.text) {
			sk, _ := tx.Get(m.SkillID)
			if !techCategory[sk.Category] {
				continue
			}
			ments = append(ments, mention{tokenSpan{si, tokenAt(s.offsets, m.Start), tokenAt(s.offsets, m.End-1) + 1}, m.SkillID})
		}
	}
	overlaps := func(a, b tokenSpan) bool { return a.sentence == b.sentence && a.start < b.end && b.start < a.end }
	found, exact := 0, 0
	var missed []string
	for _, g := range gold {
		hit, ex := false, false
		for _, m := range ments {
			if overlaps(m.span, g) {
				hit = true
				ex = ex || m.span.start == g.start && m.span.end == g.end
			}
		}
		if hit {
			found++
		} else {
			missed = append(missed, strings.Join(sents[g.sentence].tokens[g.start:g.end], " "))
		}
		if ex {
			exact++
		}
	}
	right := 0
	var wrong []string
	for _, m := range ments {
		if anyEntity(sents[m.span.sentence], m.span) {
			right++
		} else {
			s := sents[m.span.sentence]
			wrong = append(wrong, fmt.Sprintf("%s (%q)", m.id, strings.Join(s.tokens[m.span.start:m.span.end], " ")))
		}
	}
	fmt.Printf("job-descriptions-green (%d sentences, technology skills, span level):\n", len(sents))
	fmt.Printf("  recall on %d hand-picked technology spans: %.3f overlapping, %.3f exact boundaries\n",
		len(gold), frac(found, len(gold)), frac(exact, len(gold)))
	fmt.Printf("  precision of our %d technology mentions against any gold entity span: %.3f\n", len(ments), frac(right, len(ments)))
	if len(missed) > 0 {
		fmt.Printf("  missed spans: %s\n", strings.Join(missed, " | "))
	}
	if len(wrong) > 0 {
		fmt.Printf("  mentions outside gold spans: %s\n", strings.Join(wrong, ", "))
	}
	return nil
}

// techCategory are the taxonomy categories counted as technology skills.
var techCategory = map[string]bool{"language": true, "framework": true, "library": true, "database": true,
	"cloud": true, "tool": true, "platform": true, "protocol": true, "software": true, "methodology": true, "practice": true}

func readGreen(path string) ([]greenSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []greenSentence
	var cur greenSentence
	flush := func() {
		if len(cur.tokens) > 0 {
			var b strings.Builder
			for i, t := range cur.tokens {
				if i > 0 {
					b.WriteByte(' ')
				}
				cur.offsets = append(cur.offsets, b.Len())
				b.WriteString(t)
			}
			cur.text = b.String()
			out = append(out, cur)
		}
		cur = greenSentence{}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		tag := "O"
		if len(fields) > 1 {
			tag = fields[1]
		}
		cur.tokens = append(cur.tokens, fields[0])
		cur.tags = append(cur.tags, tag)
	}
	flush()
	return out, sc.Err()
}

// readTechSpans reads the hand-picked spans and checks each against the data,
// so that a different copy of the data set fails loudly instead of scoring
// the wrong tokens.
func readTechSpans(path string, sents []greenSentence) ([]tokenSpan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []tokenSpan
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 tab-separated columns", path, n+1)
		}
		var sp tokenSpan
		var errs [3]error
		sp.sentence, errs[0] = strconv.Atoi(f[0])
		sp.start, errs[1] = strconv.Atoi(f[1])
		sp.end, errs[2] = strconv.Atoi(f[2])
		if err := errors.Join(errs[:]...); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n+1, err)
		}
		if sp.sentence >= len(sents) || sp.end > len(sents[sp.sentence].tokens) || sp.start >= sp.end ||
			strings.Join(sents[sp.sentence].tokens[sp.start:sp.end], " ") != f[3] {
			return nil, fmt.Errorf("%s:%d: span %q does not match the data set", path, n+1, f[3])
		}
		out = append(out, sp)
	}
	return out, nil
}

// tokenAt returns the index of the token that holds byte offset off.
func tokenAt(offsets []int, off int) int {
	return sort.Search(len(offsets), func(i int) bool { return offsets[i] > off }) - 1
}

// anyEntity reports whether a token span overlaps any labelled entity.
func anyEntity(s greenSentence, sp tokenSpan) bool {
	for i := sp.start; i < sp.end; i++ {
		if s.tags[i] != "O" {
			return true
		}
	}
	return false
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
