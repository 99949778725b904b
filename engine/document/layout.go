package document

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text layout on positioned glyphs. Glyphs are grouped into lines by
// baseline; a line is cut into segments at gaps wider than a word space
// could be; segments are ordered by columns found from vertical gutters
// (so a sidebar is read after or before the main column, not interleaved
// with it); words are separated where the gap between glyphs is wider than
// kerning, which recovers spaces in LaTeX output that draws none.

const (
	wordGapEm    = 0.13 // a gap wider than this (in font sizes) is a word space
	segmentGapEm = 1.0  // a gap wider than this ends a segment
	maxColumnRec = 2    // column splits inside columns
)

// segment is a run of words on one baseline.
type segment struct {
	x0, x1, y, size float64
	first           float64 // right edge of the first word
	text            string
	chars           int
}

// layoutPage returns a page's text in reading order.
func layoutPage(glyphs []glyph, marks []box) string {
	if len(glyphs) == 0 {
		return ""
	}
	upright := glyphs
	var turned []glyph
	for i, g := range glyphs {
		if g.turn {
			// Rare: split into two new slices, keeping the drawing order.
			upright = make([]glyph, i, len(glyphs))
			copy(upright, glyphs[:i])
			for _, g := range glyphs[i:] {
				if g.turn {
					turned = append(turned, g)
				} else {
					upright = append(upright, g)
				}
			}
			break
		}
	}
	var out strings.Builder
	if len(upright) > 0 {
		segs := buildSegments(upright)
		var blocks [][]segment
		orderColumns(segs, 0, &blocks)
		for _, b := range blocks {
			writeBlock(&out, b, marks)
		}
	}
	writeTurned(&out, turned)
	return out.String()
}

// writeTurned writes rotated text (a vertical sidebar label, a stamp) after
// the page's upright text, one line per run of glyphs drawn one after the
// other in the order they were drawn.
func writeTurned(out *strings.Builder, glyphs []glyph) {
	if len(glyphs) == 0 {
		return
	}
	if out.Len() > 0 {
		out.WriteString("\n\n")
	}
	for i, g := range glyphs {
		if i > 0 {
			prev := glyphs[i-1]
			dist := math.Hypot(g.x-prev.x, g.y-prev.y)
			switch {
			case dist > prev.w+1.5*prev.size:
				out.WriteByte('\n')
			case dist > prev.w+wordGapEm*prev.size && !g.space && !prev.space:
				out.WriteByte(' ')
			}
		}
		out.WriteString(g.text)
	}
}

// buildSegments groups glyphs into baseline lines and cuts lines into
// segments.
func buildSegments(glyphs []glyph) []segment {
	if !inOrder(glyphs, byBaseline) {
		slices.SortStableFunc(glyphs, lessToCmp(func(a, b glyph) bool { return byBaseline(&a, &b) }))
	}
	var segs []segment
	var buf []byte
	start := 0
	for i := 1; i <= len(glyphs); i++ {
		if i < len(glyphs) {
			tol := 0.3 * minf(glyphs[start].size, glyphs[i].size)
			if math.Abs(glyphs[i].y-glyphs[start].y) <= tol {
				continue
			}
		}
		segs = appendLineSegments(segs, glyphs[start:i], &buf)
		start = i
	}
	return segs
}

// appendLineSegments splits one baseline line into segments of words.
// buf is scratch space for the segments' text, reused from line to line.
func appendLineSegments(segs []segment, line []glyph, buf *[]byte) []segment {
	if !inOrder(line, byX) {
		slices.SortStableFunc(line, lessToCmp(func(a, b glyph) bool { return byX(&a, &b) }))
	}
	line = combineAccents(line)
	b := (*buf)[:0]
	var cur segment
	open := false
	spaceSeen := false
	var prev *glyph
	flush := func() {
		if open {
			cur.text = string(b)
			segs = append(segs, cur)
		}
		b = b[:0]
		open = false
	}
	for i := range line {
		g := &line[i]
		if g.space || strings.TrimSpace(g.text) == "" {
			spaceSeen = true
			continue
		}
		if prev != nil {
			size := maxf(prev.size, g.size)
			gap := g.x - (prev.x + prev.w)
			// A repeated glyph at the same place is fake bold or a shadow.
			if g.text == prev.text && math.Abs(g.x-prev.x) < 0.1*size {
				continue
			}
			segGap := segmentGapEm * size
			if !g.known || !prev.known {
				segGap = 2.5 * size
			}
			switch {
			case gap > segGap:
				flush()
			case spaceSeen || gap > wordGapEm*size:
				b = append(b, ' ')
				if cur.first == 0 {
					cur.first = prev.x + prev.w
				}
			}
		}
		spaceSeen = false
		if !open {
			cur = segment{x0: g.x, y: g.y, size: g.size}
			open = true
		}
		b = append(b, g.text...)
		cur.x1 = g.x + g.w
		cur.size = maxf(cur.size, g.size)
		cur.chars += utf8.RuneCountInString(g.text)
		prev = g
	}
	flush()
	*buf = b
	for i := range segs {
		if segs[i].first == 0 {
			segs[i].first = segs[i].x1
		}
	}
	return segs
}

// orderColumns appends segs to blocks in reading order, splitting at a
// vertical gutter when one runs through most of the text.
func orderColumns(segs []segment, depth int, blocks *[][]segment) {
	sortTopDown(segs)
	gx, ok := findGutter(segs)
	if !ok || depth >= maxColumnRec {
		*blocks = append(*blocks, segs)
		return
	}
	var left, right []segment
	flushZone := func() {
		if len(left) > 0 {
			orderColumns(left, depth+1, blocks)
		}
		if len(right) > 0 {
			orderColumns(right, depth+1, blocks)
		}
		left, right = nil, nil
	}
	for _, s := range segs {
		switch {
		case s.x1 <= gx:
			left = append(left, s)
		case s.x0 >= gx:
			right = append(right, s)
		default: // spans the gutter: ends the zone above it
			flushZone()
			*blocks = append(*blocks, []segment{s})
		}
	}
	flushZone()
}

func sortTopDown(segs []segment) {
	slices.SortStableFunc(segs, lessToCmp(func(a, b segment) bool {
		if math.Abs(a.y-b.y) > 0.3*minf(a.size, b.size) {
			return a.y > b.y
		}
		return a.x0 < b.x0
	}))
}

// byBaseline orders glyphs top down, then left to right.
func byBaseline(a, b *glyph) bool {
	if a.y != b.y {
		return a.y > b.y
	}
	return a.x < b.x
}

// byX orders glyphs left to right.
func byX(a, b *glyph) bool { return a.x < b.x }

// inOrder reports whether gs needs no stable sort by less, a strict weak
// order on finite coordinates. Producers mostly draw in reading order, and
// for a strict weak order, input already in order is the only stable
// answer. A NaN coordinate breaks the order, so such input always goes
// through the sort, giving sort.SliceStable's answer.
func inOrder(gs []glyph, less func(a, b *glyph) bool) bool {
	for i := range gs {
		if math.IsNaN(gs[i].x) || math.IsNaN(gs[i].y) || i > 0 && less(&gs[i], &gs[i-1]) {
			return false
		}
	}
	return true
}

// lessToCmp adapts a less function for slices.SortStableFunc, which runs
// the same algorithm as sort.SliceStable and only asks cmp(a, b) < 0: the
// order is the same as sort.SliceStable's even where less is not a strict
// weak order (NaN coordinates, the baseline tolerance of sortTopDown).
func lessToCmp[T any](less func(a, b T) bool) func(a, b T) int {
	return func(a, b T) int {
		if less(a, b) {
			return -1
		}
		return 1
	}
}

// findGutter looks for an x where few segments cross and enough text lies
// on each side to call both sides columns.
func findGutter(segs []segment) (float64, bool) {
	if len(segs) < 6 {
		return 0, false
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	total := 0
	var sizes []float64
	for _, s := range segs {
		minX = minf(minX, s.x0)
		maxX = maxf(maxX, s.x1)
		total += s.chars
		sizes = append(sizes, s.size)
	}
	sort.Float64s(sizes)
	em := sizes[len(sizes)/2]
	const bin = 2.0
	n := int((maxX-minX)/bin) + 1
	if n < 10 || n > 5000 {
		return 0, false
	}
	cov := make([]int, n)
	for _, s := range segs {
		for b := int((s.x0 - minX) / bin); b <= int((s.x1-minX)/bin) && b < n; b++ {
			if b >= 0 {
				cov[b]++
			}
		}
	}
	limit := len(segs) / 10
	bestX, bestScore := 0.0, -1.0
	lo, hi := n/10, n-n/10
	for b := lo; b < hi; {
		if cov[b] > limit {
			b++
			continue
		}
		e, sum := b, 0
		for e < hi && cov[e] <= limit {
			sum += cov[e]
			e++
		}
		width := float64(e-b) * bin
		if width >= maxf(em, 6) {
			gx := minX + float64(b+e)/2*bin
			l, r, ln, rn := 0, 0, 0, 0
			for _, s := range segs {
				if s.x1 <= gx {
					l += s.chars
					ln++
				} else if s.x0 >= gx {
					r += s.chars
					rn++
				}
			}
			if ln >= 3 && rn >= 3 && l*5 >= total && r*5 >= total {
				score := width / (1 + float64(sum)/float64(e-b))
				if score > bestScore {
					bestX, bestScore = gx, score
				}
			}
		}
		b = e
	}
	return bestX, bestScore >= 0
}

// writeBlock writes one column block: segments on the same baseline are
// joined; a line that ended only because the next word did not fit is
// joined with the next (a soft wrap), keeping a hyphen it broke at; a wide
// vertical gap becomes a blank line.
func writeBlock(out *strings.Builder, segs []segment, marks []box) {
	type line struct {
		y, size, x0, x1, first float64
		text                   string
		bullet                 bool
	}
	var lines []line
	right := math.Inf(-1)
	for i := 0; i < len(segs); {
		j := i + 1
		l := line{y: segs[i].y, size: segs[i].size, x0: segs[i].x0, x1: segs[i].x1, first: segs[i].first, text: segs[i].text}
		for j < len(segs) && math.Abs(segs[j].y-segs[i].y) <= 0.3*minf(segs[i].size, segs[j].size) {
			l.text += " " + segs[j].text
			l.size = maxf(l.size, segs[j].size)
			l.x1 = segs[j].x1
			j++
		}
		right = maxf(right, l.x1)
		if bulletMarkBefore(marks, l.x0, l.y, l.size) {
			l.bullet = true
			l.text = "- " + l.text
		}
		lines = append(lines, l)
		i = j
	}
	if out.Len() > 0 {
		out.WriteString("\n\n")
	}
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			gap := prev.y - l.y
			nextWord := l.first - l.x0
			// A soft wrap: the next line's first word would not have fit on
			// this one, and this one is prose (a list of single words in a
			// narrow column fills its width too).
			softWrap := gap > 0 && gap < 1.6*maxf(prev.size, l.size) &&
				strings.Count(prev.text, " ") >= 2 &&
				math.Abs(prev.size-l.size) < 0.5 &&
				prev.x1+0.25*l.size+nextWord > right-0.5 &&
				!l.bullet && !startsWithBullet(l.text) && !labelStart.MatchString(l.text)
			switch {
			case softWrap && strings.HasSuffix(prev.text, "-"):
				// the line broke at a hyphen: keep it, join the word
			case softWrap:
				out.WriteByte(' ')
			case gap > 1.9*maxf(prev.size, l.size):
				out.WriteString("\n\n")
			default:
				out.WriteByte('\n')
			}
		}
		out.WriteString(l.text)
	}
}

// labelStart matches a line that starts a "Label: value" item, such as
// "Cloud & DevOps: AWS", which is never the tail of the line above.
var labelStart = regexp.MustCompile(`^\p{Lu}[^:.;]{0,30}: `)

// bulletMarkBefore reports whether a bullet mark sits just left of a line
// starting at x0 on baseline y.
func bulletMarkBefore(marks []box, x0, y, size float64) bool {
	for _, m := range marks {
		cy := (m.y0 + m.y1) / 2
		if m.x1 <= x0+0.5 && x0-m.x1 < 3*size && cy > y-0.1*size && cy < y+0.8*size {
			return true
		}
	}
	return false
}

// startsWithBullet reports whether a line starts with a bullet glyph and a
// space: a new list item, never the continuation of the line above.
func startsWithBullet(text string) bool {
	r, size := utf8.DecodeRuneInString(text)
	return bulletRunes[r] && len(text) > size && text[size] == ' '
}

// combiningFor maps the spacing accents TeX draws as separate glyphs over a
// letter to their combining marks.
var combiningFor = map[string]string{
	"´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "^": "\u0302", "˜": "\u0303", "~": "\u0303",
	"¨": "\u0308", "ˇ": "\u030C", "˘": "\u0306", "˙": "\u0307", "˚": "\u030A", "¸": "\u0327",
	"˛": "\u0328", "¯": "\u0304",
}

// accentLead marks the first bytes of the keys of combiningFor, to skip the
// map lookup for almost every glyph.
var accentLead = func() (lead [256]bool) {
	for k := range combiningFor {
		lead[k[0]] = true
	}
	return lead
}()

func isSpacingAccent(g glyph) bool {
	if g.text == "" || !accentLead[g.text[0]] {
		return false
	}
	_, ok := combiningFor[g.text]
	return ok
}

// combineAccents folds an accent glyph drawn over a neighbouring letter
// into that letter ("´" over "s" reads "ś").
func combineAccents(line []glyph) []glyph {
	if !slices.ContainsFunc(line, isSpacingAccent) {
		return line
	}
	out := line[:0:0]
	for i := 0; i < len(line); i++ {
		g := line[i]
		mark, ok := combiningFor[g.text]
		if !ok {
			out = append(out, g)
			continue
		}
		center := g.x + g.w/2
		over := func(b glyph) bool {
			return !b.space && b.w > 0 && center >= b.x-0.05*b.size && center <= b.x+b.w+0.05*b.size && utf8.RuneCountInString(b.text) == 1
		}
		switch {
		case i+1 < len(line) && over(line[i+1]):
			line[i+1].text = norm.NFC.String(line[i+1].text + mark)
		case len(out) > 0 && over(out[len(out)-1]):
			out[len(out)-1].text = norm.NFC.String(out[len(out)-1].text + mark)
		default:
			out = append(out, g)
		}
	}
	return out
}

// maxf is math.Max, inlined: the builtin max with math.Max's answer of +Inf
// when one argument is +Inf and the other NaN.
func maxf(x, y float64) float64 {
	if math.IsInf(x, 1) || math.IsInf(y, 1) {
		return math.Inf(1)
	}
	return max(x, y)
}

// minf is math.Min, inlined, like maxf.
func minf(x, y float64) float64 {
	if math.IsInf(x, -1) || math.IsInf(y, -1) {
		return math.Inf(-1)
	}
	return min(x, y)
}
