package index

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// bleveEN is bleve's own "en" analyser, the reference for textAnalyzer.
var bleveEN = func() analysis.Analyzer {
	a := buildMapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		panic("no en analyzer")
	}
	return a
}()

// tokensDiffer compares the two analysers' tokens of text (each gets its own
// copy: analysers may lower-case in place) and describes the first
// difference, or returns "".
func tokensDiffer(text []byte) string {
	want := bleveEN.Analyze(append([]byte(nil), text...))
	got := newFastEN().Analyze(append([]byte(nil), text...))
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) {
			return fmt.Sprintf("token counts differ: en %d, ours %d", len(want), len(got))
		}
		w, g := want[i], got[i]
		if string(w.Term) != string(g.Term) || w.Start != g.Start || w.End != g.End || w.Position != g.Position || w.Type != g.Type {
			return fmt.Sprintf("token %d: en %v, ours %v", i, w, g)
		}
	}
	return ""
}

var analyzerCases = []string{
	"",
	"Python, Django and AWS since 2019.",
	"Led the team's migration; node.js e.g. C++ C# .NET ASP.NET",
	"3,000 users; 99.9% uptime; v1.2.3; 10:30; 2019-2021; 1990's",
	"don't O'Neil rock'n'roll a:b a.b a'b 1.5 1,5 1;5 1'5 1:5 a.1 1.a",
	"snake_case __init__ _x x_ a_1 1_a _ __",
	"Jane's JANE'S jane’s résumé naïve Ünïcödé MÜNCHEN straße",
	"bullet • item\u00a0nbsp\u2003em-space tab\there\r\nnew line\u000bvt\u000cff",
	"combining: e\u0301 a \u0301b zwj:\u200d x \ufe0f emoji 👩\u200d💻 kana カタカナ 漢字 hangul 한국어",
	"quotes \"quoted\" 'single' «guillemets» (parens) [brackets] {braces} <angle>",
	"URLs https://example.com/path?q=1 email jane.doe@example.com +1 (555) 010-0000",
	"ALLCAPS MixedCase camelCase PascalCase SQL/NoSQL CI/CD TCP/IP R&D",
	"... ,,, ;;; ::: ''' a.. ..a a:: ::a 1,, ,,1",
	"invalid utf8 \xff\xfe bytes \xc3 end",
}

func TestTextAnalyzerMatchesEN(t *testing.T) {
	for _, text := range analyzerCases {
		if d := tokensDiffer([]byte(text)); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
	paths, texts := testResumes(t)
	if len(paths) == 0 {
		t.Fatal("no ../testdata/resumes/*.txt")
	}
	for i, text := range texts {
		if d := tokensDiffer(text); d != "" {
			t.Errorf("%s: %s", filepath.Base(paths[i]), d)
		}
	}
}

// testResumes reads the repository's sample resume texts,
// ../testdata/resumes/*.txt, and returns their paths and contents.
func testResumes(tb testing.TB) (paths []string, texts [][]byte) {
	tb.Helper()
	paths, _ = filepath.Glob("../testdata/resumes/*.txt")
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, text)
	}
	return paths, texts
}

// The real resumes of the public Kaggle set (166 unique texts).
func TestTextAnalyzerMatchesENKaggle(t *testing.T) {
	for i, row := range kaggleRows(t) {
		if d := tokensDiffer([]byte(row[1])); d != "" {
			t.Errorf("kaggle row %d: %s", i, d)
		}
	}
}

func FuzzTextAnalyzerMatchesEN(f *testing.F) {
	for _, text := range analyzerCases {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if d := tokensDiffer([]byte(text)); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	})
}

func BenchmarkTextAnalyzer(b *testing.B) {
	_, texts := testResumes(b)
	for _, tc := range []struct {
		name string
		a    analysis.Analyzer
	}{{"en", bleveEN}, {"skillmatch_en", newFastEN()}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, text := range texts {
					tc.a.Analyze(append([]byte(nil), text...))
				}
			}
		})
	}
}

// BenchmarkTextAnalyzerParallel analyses on every core at once, as the
// index's analysis goroutines do (the stem cache is shared).
func BenchmarkTextAnalyzerParallel(b *testing.B) {
	_, texts := testResumes(b)
	a := newFastEN()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			a.Analyze(append([]byte(nil), texts[i%len(texts)]...))
			i++
		}
	})
}
