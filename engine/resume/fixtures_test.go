package resume

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

var update = flag.Bool("update", false, "rewrite testdata/structure/*.golden.json")

const fixtureDir = "../../testdata/structure"

// Expectation is what a careful reader computes by hand for a structure
// fixture (NAME.expect.json). Skill months of null mean "no months".
type Expectation struct {
	AsOf        string         `json:"as_of"`
	TotalMonths int            `json:"total_months"`
	Contact     engine.Contact `json:"contact"`
	Positions   []struct {
		Title, Employer, Start, End string
		Current                     bool
		Months                      int
	} `json:"positions"`
	Education []struct {
		Level, Field, Institution string
		Year                      int
	} `json:"education"`
	Skills map[string]*int `json:"skills"`
}

// fixtureTaxonomy is the small hand-written taxonomy the fixtures are
// checked with, so that growing the default taxonomy does not move them.
func fixtureTaxonomy(t testing.TB) *taxonomy.Taxonomy {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, "taxonomy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f taxonomy.File
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	tax, err := taxonomy.New(f)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

type fixture struct {
	name, text string
	want       Expectation
	asOf       time.Time
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "*.expect.json"))
	if err != nil || len(paths) < 12 {
		t.Fatalf("want at least 12 structure fixtures, found %d (%v)", len(paths), err)
	}
	var out []fixture
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".expect.json")
		var f fixture
		f.name = name
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &f.want); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		txt, err := os.ReadFile(filepath.Join(fixtureDir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		f.text = string(txt)
		if f.asOf, err = time.Parse("2006-01-02", f.want.AsOf); err != nil {
			t.Fatalf("%s: as_of: %v", p, err)
		}
		out = append(out, f)
	}
	return out
}

// TestFixturesGolden compares the full profile of every structure fixture
// with its golden file (go test ./engine/resume -update rewrites them).
func TestFixturesGolden(t *testing.T) {
	tax := fixtureTaxonomy(t)
	for _, f := range loadFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			r := Parse(f.text, tax, Options{AsOf: f.asOf, Format: "text", File: f.name + ".txt"})
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(fixtureDir, f.name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./engine/resume -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("profile differs from %s (-want +got):\n%s", golden, cmp.Diff(string(want), string(got)))
			}
		})
	}
}

// TestFixturesExpected checks each fixture against the numbers computed by
// hand: every position's title, employer and dates, total months, months per
// listed skill, contact and education.
func TestFixturesExpected(t *testing.T) {
	tax := fixtureTaxonomy(t)
	for _, f := range loadFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			r := Parse(f.text, tax, Options{AsOf: f.asOf})
			if r.TotalMonths != f.want.TotalMonths {
				t.Errorf("total_months = %d, want %d", r.TotalMonths, f.want.TotalMonths)
			}
			type pos struct {
				Title, Employer, Start, End string
				Current                     bool
				Months                      int
			}
			var gotP, wantP []pos
			for _, p := range r.Positions {
				gotP = append(gotP, pos{p.Title, p.Employer, p.Start, p.End, p.Current, p.Months})
			}
			for _, p := range f.want.Positions {
				wantP = append(wantP, pos(p))
			}
			if d := cmp.Diff(wantP, gotP); d != "" {
				t.Errorf("positions (-want +got):\n%s", d)
			}
			type edu struct {
				Level, Field, Institution string
				Year                      int
			}
			var gotE, wantE []edu
			for _, e := range r.Education {
				gotE = append(gotE, edu{e.Level, e.Field, e.Institution, e.Year})
			}
			for _, e := range f.want.Education {
				wantE = append(wantE, edu(e))
			}
			if d := cmp.Diff(wantE, gotE); d != "" {
				t.Errorf("education (-want +got):\n%s", d)
			}
			c := r.Contact
			c.Links = nil
			if d := cmp.Diff(f.want.Contact, c); d != "" {
				t.Errorf("contact (-want +got):\n%s", d)
			}
			got := map[string]*int{}
			for _, s := range r.Skills {
				got[s.ID] = s.Months
			}
			for id, want := range f.want.Skills {
				g, found := got[id]
				switch {
				case !found:
					t.Errorf("skill %s not found", id)
				case want == nil && g != nil:
					t.Errorf("skill %s months = %d, want null", id, *g)
				case want != nil && g == nil:
					t.Errorf("skill %s months = null, want %d", id, *want)
				case want != nil && *g != *want:
					t.Errorf("skill %s months = %d, want %d", id, *g, *want)
				}
			}
		})
	}
}

// "Present" is the as-of date, not the day the resume is parsed: the same
// text read at two dates gives the current job, the total and the skills of
// that job different months, and the closed job the same.
func TestAsOfMovesPresent(t *testing.T) {
	tax := fixtureTaxonomy(t)
	text, err := os.ReadFile(filepath.Join(fixtureDir, "classic-onecol.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		asOf                       time.Time
		current, closed, total     int
		django, python             int
		djangoLastUsed, flaskLastU string
	}{
		{time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC), 40, 42, 82, 40, 82, "2024-06", "2021-02"},
		{time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), 16, 42, 58, 16, 58, "2022-06", "2021-02"},
		// before the current job started: it has no months yet
		{time.Date(2021, 1, 31, 0, 0, 0, 0, time.UTC), 0, 41, 41, 0, 41, "", "2021-01"},
	}
	for _, tt := range tests {
		r := Parse(string(text), tax, Options{AsOf: tt.asOf})
		months := map[string]engine.Skill{}
		for _, s := range r.Skills {
			months[s.ID] = s
		}
		lastUsed := func(id string) string {
			if s := months[id]; s.LastUsed != nil {
				return *s.LastUsed
			}
			return ""
		}
		got := []any{r.Positions[0].Months, r.Positions[1].Months, r.TotalMonths, *months["django"].Months, *months["python"].Months, lastUsed("django"), lastUsed("flask")}
		want := []any{tt.current, tt.closed, tt.total, tt.django, tt.python, tt.djangoLastUsed, tt.flaskLastU}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("as of %s: [current, closed, total, django, python, django last used, flask last used] (-want +got):\n%s", tt.asOf.Format("2006-01-02"), d)
		}
	}
}
