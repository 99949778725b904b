package index

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

func TestParseQuery(t *testing.T) {
	py := TextNode{Text: "python", SkillID: "python"}
	tests := []struct {
		in   string
		want Node
	}{
		{"", nil},
		{"   \t\n", nil},
		{"python", py},
		{"developer", TextNode{Text: "developer"}},
		{"python django", AndNode{[]Node{py, TextNode{Text: "django", SkillID: "django"}}}},
		{"python AND aws", AndNode{[]Node{py, TextNode{Text: "aws", SkillID: "aws"}}}},
		{"python or java", OrNode{[]Node{py, TextNode{Text: "java", SkillID: "java"}}}},
		{"a b OR c", OrNode{[]Node{AndNode{[]Node{TextNode{Text: "a"}, TextNode{Text: "b"}}}, TextNode{Text: "c"}}}},
		{"a (b OR c)", AndNode{[]Node{TextNode{Text: "a"}, OrNode{[]Node{TextNode{Text: "b"}, TextNode{Text: "c"}}}}}},
		{"-java", NotNode{TextNode{Text: "java", SkillID: "java"}}},
		{"NOT NOT a", NotNode{NotNode{TextNode{Text: "a"}}}},
		{"-(a b)", NotNode{AndNode{[]Node{TextNode{Text: "a"}, TextNode{Text: "b"}}}}},
		{`-"x y"`, NotNode{TextNode{Text: "x y", Phrase: true}}},
		{"front-end", TextNode{Text: "front-end"}},
		{"c++ c#", AndNode{[]Node{TextNode{Text: "c++"}, TextNode{Text: "c#"}}}},
		{`"machine learning"`, TextNode{Text: "machine learning", Phrase: true}},
		{"skill:python", SkillNode{ID: "python"}},
		{"skill:K8s", SkillNode{ID: "kubernetes"}},
		{`skill:"JS"`, SkillNode{ID: "javascript"}},
		{"python months>=36", SkillNode{ID: "python", Op: ">=", Months: 36}},
		{"python months >= 36", SkillNode{ID: "python", Op: ">=", Months: 36}},
		{"Python MONTHS<12", SkillNode{ID: "python", Op: "<", Months: 12}},
		{"skill:python months=0", SkillNode{ID: "python", Op: "=", Months: 0}},
		{"-python months>12", NotNode{SkillNode{ID: "python", Op: ">", Months: 12}}},
		{"total_months>=60", TotalNode{Op: ">=", Months: 60}},
		{"total_months <= 9999", TotalNode{Op: "<=", Months: 9999}},
		{"6 months", AndNode{[]Node{TextNode{Text: "6"}, TextNode{Text: "months"}}}},
		{"monthsx", TextNode{Text: "monthsx"}},
		// A recruiter's "with N+ years" after a skill is a months minimum.
		{"python with 3+ years", SkillNode{ID: "python", Op: ">=", Months: 36}},
		{"Python 3 years", SkillNode{ID: "python", Op: ">=", Months: 36}},
		{"python of 2+ Yrs", SkillNode{ID: "python", Op: ">=", Months: 24}},
		{"python 5+years", SkillNode{ID: "python", Op: ">=", Months: 60}},
		{"skill:sql with 1 year", SkillNode{ID: "sql", Op: ">=", Months: 12}},
		{"python with 3+ years aws", AndNode{[]Node{SkillNode{ID: "python", Op: ">=", Months: 36}, TextNode{Text: "aws", SkillID: "aws"}}}},
		{"-python 4 years", NotNode{SkillNode{ID: "python", Op: ">=", Months: 48}}},
		// Anywhere else those are words.
		{"python with django", AndNode{[]Node{py, TextNode{Text: "with"}, TextNode{Text: "django", SkillID: "django"}}}},
		{"python 3", AndNode{[]Node{py, TextNode{Text: "3"}}}},
		{"python years", AndNode{[]Node{py, TextNode{Text: "years"}}}},
		{"10 years", AndNode{[]Node{TextNode{Text: "10"}, TextNode{Text: "years"}}}},
		{"manager with 3+ years", AndNode{[]Node{TextNode{Text: "manager"}, TextNode{Text: "with"}, TextNode{Text: "3+"}, TextNode{Text: "years"}}}},
		{"python 3 months", AndNode{[]Node{py, TextNode{Text: "3"}, TextNode{Text: "months"}}}},
		{"python (3 years)", AndNode{[]Node{py, AndNode{[]Node{TextNode{Text: "3"}, TextNode{Text: "years"}}}}}},
		{"django AND (aws OR gcp) -java", AndNode{[]Node{
			TextNode{Text: "django", SkillID: "django"},
			OrNode{[]Node{TextNode{Text: "aws", SkillID: "aws"}, TextNode{Text: "gcp", SkillID: "gcp"}}},
			NotNode{TextNode{Text: "java", SkillID: "java"}},
		}}},
		{"Ünïcödé 日本語 ‮", AndNode{[]Node{TextNode{Text: "Ünïcödé"}, TextNode{Text: "日本語"}, TextNode{Text: "‮"}}}},
		{"a\u00a0b", AndNode{[]Node{TextNode{Text: "a"}, TextNode{Text: "b"}}}}, // no-break space separates
		{"a\x00b", AndNode{[]Node{TextNode{Text: "a"}, TextNode{Text: "b"}}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in, resolveTest)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in      string
		message string // a part of the error message
	}{
		{"(python", "'(' is never closed at position 1"},
		{"python)", "unmatched ')' at position 7"},
		{"()", "empty parentheses at position 1"},
		{"a AND", "AND needs a term after it, found end of query at position 6"},
		{"AND a", "AND needs a term before it at position 1"},
		{"a OR", "expected a term, found end of query at position 5"},
		{"OR a", "expected a term, found OR at position 1"},
		{"a AND OR b", "AND needs a term after it, found OR at position 7"},
		{"NOT", "NOT needs a term after it at position 1"},
		{"a -", "'-' must be followed by a term at position 3"},
		{"a - b", "'-' must be followed by a term at position 3"},
		{`"unterminated`, "unterminated phrase at position 1"},
		{`a ""`, "empty phrase at position 3"},
		{"skill:", "skill: needs a skill name at position 1"},
		{"skill:cobol", `unknown skill "cobol" at position 1`},
		{"months>=36", "months>=36 must follow a skill"},
		{"developer months>=36", `must follow a known skill; "developer" is not one at position 11`},
		{"(python OR java) months>=3", "months>=3 must follow a skill"},
		{"python months>=", ">= needs a whole number of months at position 16"},
		{"python months>=3x", `unexpected 'x' after a number of months at position 17`},
		{"python months=>3", `unknown comparison "=>"`},
		{"python months>=10000", "months must be at most 9999"},
		{"python months>=99999999999999999999", "months must be at most 9999"},
		{"python with 900+ years", "900 years is more than 9999 months at position 13"},
		{"total_months>-1", "needs a whole number of months"},
		{"a \xff b", "invalid UTF-8 at position 3"},
		{strings.Repeat("(", 25) + "a" + strings.Repeat(")", 25), "nested more than 20 levels deep"},
		{strings.Repeat("NOT ", 50) + "a", "nested more than 20 levels deep"},
		{strings.Repeat("-", 30) + "a", "nested more than 20 levels deep"},
		{strings.Repeat("a ", 101), "more than 100 terms"},
		{strings.Repeat("(", 100000), "100000 bytes, at most 2000"},
		{strings.Repeat("x", 3000), "3000 bytes, at most 2000"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in, resolveTest)
		if !errors.Is(err, engine.ErrInvalid) {
			t.Errorf("ParseQuery(%.40q): err = %v, want ErrInvalid", tt.in, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.message) {
			t.Errorf("ParseQuery(%.40q): err = %q, want it to contain %q", tt.in, err, tt.message)
		}
	}
}

// FuzzParseQuery checks that no input panics, that every error is
// ErrInvalid, and that every parsed query builds into a bleve query.
func FuzzParseQuery(f *testing.F) {
	seeds, err := os.ReadFile(filepath.Join("testdata", "queries.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(seeds), "\n") {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := ParseQuery(q, resolveTest)
		if err != nil {
			if !errors.Is(err, engine.ErrInvalid) {
				t.Fatalf("ParseQuery(%q): err = %v, not ErrInvalid", q, err)
			}
			return
		}
		if q := buildQuery(n); q != nil {
			if v, ok := q.(interface{ Validate() error }); ok {
				if err := v.Validate(); err != nil {
					t.Fatalf("built query of %q does not validate: %v", q, err)
				}
			}
		}
	})
}
