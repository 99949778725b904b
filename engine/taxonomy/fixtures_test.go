package taxonomy

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixture is a hand-labelled resume: its text and the skill ids a careful
// recruiter would list for it.
type fixture struct {
	name   string
	text   string
	labels []string
}

func readFixtures(t testing.TB) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "resumes", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/resumes: %v", err)
	}
	var out []fixture
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lab, err := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".skills")
		if err != nil {
			t.Fatalf("%s has no .skills file: %v", p, err)
		}
		var labels []string
		for _, l := range strings.Split(string(lab), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				labels = append(labels, l)
			}
		}
		out = append(out, fixture{strings.TrimSuffix(filepath.Base(p), ".txt"), string(text), labels})
	}
	return out
}

// extractedIDs returns the distinct skill ids Extract finds, sorted.
func extractedIDs(tx *Taxonomy, text string) []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range tx.Extract(text) {
		if !seen[m.SkillID] {
			seen[m.SkillID] = true
			ids = append(ids, m.SkillID)
		}
	}
	sort.Strings(ids)
	return ids
}

// mentionIDs returns the skill ids of the mentions Extract finds, in text
// order, repeats kept.
func mentionIDs(tx *Taxonomy, text string) []string {
	var ids []string
	for _, m := range tx.Extract(text) {
		ids = append(ids, m.SkillID)
	}
	return ids
}

// TestFixtures measures precision and recall of Extract against the
// hand-labelled resumes and holds them at 0.97 or better.
func TestFixtures(t *testing.T) {
	tx := Default()
	var tp, fp, fn int
	for _, f := range readFixtures(t) {
		want := map[string]bool{}
		for _, l := range f.labels {
			if _, ok := tx.Get(l); !ok {
				t.Errorf("%s.skills: %q is not a skill id", f.name, l)
			}
			want[l] = true
		}
		got := extractedIDs(tx, f.text)
		var extra, missing []string
		for _, id := range got {
			if want[id] {
				tp++
				delete(want, id)
			} else {
				fp++
				extra = append(extra, id)
				if s, _ := tx.Get(id); s.Context != "" {
					t.Errorf("%s: false positive %q from an ambiguous name", f.name, id)
				}
			}
		}
		for id := range want {
			fn++
			missing = append(missing, id)
		}
		sort.Strings(missing)
		if len(extra)+len(missing) > 0 {
			t.Logf("%s: extra %v, missing %v", f.name, extra, missing)
		}
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	t.Logf("fixtures: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", p, r, tp, fp, fn)
	if p < 0.97 || r < 0.97 {
		t.Errorf("precision %.3f, recall %.3f: want both ≥ 0.97", p, r)
	}
}
