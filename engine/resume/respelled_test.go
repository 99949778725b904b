package resume

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// TestGluedEvidence checks that a skill read from a glued token has the real
// line as its evidence, in the right section.
func TestGluedEvidence(t *testing.T) {
	text := "Jane Doe\n\nSkills\nDatabases: MySQL5.0, Oracle11g\n"
	r := Parse(text, taxonomy.Default(), Options{AsOf: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	got := map[string]string{}
	for _, s := range r.Skills {
		for _, ev := range s.Evidence {
			if ev.Via == "" {
				got[s.ID] = fmt.Sprintf("%s %d %q", ev.Section, ev.Line, ev.Text)
			}
		}
	}
	want := map[string]string{
		"mysql":           `skills 4 "Databases: MySQL5.0, Oracle11g"`,
		"oracle-database": `skills 4 "Databases: MySQL5.0, Oracle11g"`,
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("evidence of %s = %s, want %s", id, got[id], w)
		}
	}
}

// TestSpellingsReplaceShorter checks that a form found so replaces the
// taxonomy's mention it holds in Parse ("PL-SQL" is PL/SQL, not also SQL;
// "Java Script" is no Java).
func TestSpellingsReplaceShorter(t *testing.T) {
	for text, want := range map[string][]string{
		"Jane Doe\n\nSkills\nPL-SQL\n":            {"plsql"},
		"Jane Doe\n\nSkills\nHTML, Java Script\n": {"html", "javascript"},
	} {
		if diff := cmp.Diff(want, skillIDs(t, text)); diff != "" {
			t.Errorf("skills of %q (-want +got):\n%s", text, diff)
		}
	}
}
