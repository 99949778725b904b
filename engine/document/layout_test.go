package document

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// word places text on baseline y from x with 10-point glyphs 5 points
// wide, letter-spaced by kern; a " " in text becomes a gap of gap points
// with no glyph drawn, as LaTeX does.
func word(x, y, kern, gap float64, text string) []glyph {
	var gs []glyph
	for _, r := range text {
		if r == ' ' {
			x += gap
			continue
		}
		gs = append(gs, glyph{x: x, y: y, w: 5, size: 10, text: string(r), known: true})
		x += 5 + kern
	}
	return gs
}

func concat(parts ...[]glyph) []glyph {
	var all []glyph
	for _, p := range parts {
		all = append(all, p...)
	}
	return all
}

func TestLayoutPage(t *testing.T) {
	tests := []struct {
		name   string
		glyphs []glyph
		marks  []box
		want   string
	}{
		{"gaps become spaces, kerning does not", word(0, 700, 0.4, 3, "Python Django SQL"), nil, "Python Django SQL"},
		{"explicit space glyph", concat(word(0, 700, 0, 0, "Go"), []glyph{{x: 10, y: 700, w: 3, size: 10, text: " ", space: true, known: true}}, word(10.5, 700, 0, 0, "SQL")), nil, "Go SQL"},
		{"lines top to bottom", concat(word(0, 688, 0, 3, "second"), word(0, 700, 0, 3, "first")), nil, "first\nsecond"},
		{"paragraph gap is a blank line", concat(word(0, 700, 0, 3, "one"), word(0, 660, 0, 3, "two")), nil, "one\n\ntwo"},
		{
			"soft wrap joins, a line that could take the next word does not",
			concat(
				word(0, 700, 0, 3, "aaaa bbbb cccc dddd eeee"), // ends at x=112, the right edge
				word(0, 688, 0, 3, "ffff gggg"),                // "ffff" did not fit: wrapped
				word(0, 676, 0, 3, "hh"),                       // short line: "ii" would fit, so a real break
				word(0, 664, 0, 3, "ii"),
			),
			nil,
			"aaaa bbbb cccc dddd eeee ffff gggg\nhh\nii",
		},
		{
			"hyphen at a soft wrap is kept",
			concat(word(0, 700, 0, 3, "xxxx yyyy zzzz styled-"), word(0, 688, 0, 3, "components used")),
			nil,
			"xxxx yyyy zzzz styled-components used",
		},
		{
			"bullet drawn as a graphic starts an item",
			concat(word(10, 700, 0, 3, "aaaa bbbb cccc dddd"), word(10, 688, 0, 3, "eeee")),
			[]box{{x0: 2, y0: 689, x1: 5, y1: 692}},
			"aaaa bbbb cccc dddd\n- eeee",
		},
		{
			"two columns are read one after the other",
			concat(
				word(0, 700, 0, 3, "Skills"), word(200, 700, 0, 3, "Experience"),
				word(0, 688, 0, 3, "Python"), word(200, 688, 0, 3, "Engineer"),
				word(0, 676, 0, 3, "Django"), word(200, 676, 0, 3, "Acme"),
				word(0, 664, 0, 3, "AWS"), word(200, 664, 0, 3, "Leeds"),
			),
			nil,
			"Skills\nPython\nDjango\nAWS\n\nExperience\nEngineer\nAcme\nLeeds",
		},
		{
			"rotated label comes after the upright text",
			concat(
				[]glyph{{x: 5, y: 600, w: 5, size: 10, text: "S", known: true, turn: true}, {x: 5, y: 605, w: 5, size: 10, text: "Q", known: true, turn: true}, {x: 5, y: 610, w: 5, size: 10, text: "L", known: true, turn: true}},
				word(30, 700, 0, 3, "Main text"),
			),
			nil,
			"Main text\n\nSQL",
		},
		{
			"accent drawn over a letter folds into it",
			concat(word(0, 700, 0, 3, "Wi"), []glyph{{x: 10.5, y: 700, w: 4, size: 10, text: "´", known: true}}, word(10, 700, 0, 3, "sniewska")),
			nil,
			"Wiśniewska",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := layoutPage(tt.glyphs, tt.marks)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("layoutPage mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMaxfMinf checks the inlined maxf and minf against math.Max and
// math.Min bit for bit on the special values.
func TestMaxfMinf(t *testing.T) {
	vals := []float64{math.NaN(), math.Copysign(0, -1), 0, 1, -1, 0.5, math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	for _, x := range vals {
		for _, y := range vals {
			if got, want := maxf(x, y), math.Max(x, y); !same(got, want) {
				t.Errorf("maxf(%v, %v) = %v, want %v", x, y, got, want)
			}
			if got, want := minf(x, y), math.Min(x, y); !same(got, want) {
				t.Errorf("minf(%v, %v) = %v, want %v", x, y, got, want)
			}
		}
	}
}
