package document

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
	text            string
	chars           int
}

// layoutPage returns a page's text in reading order.
func layoutPage(glyphs []glyph) string {
	if len(glyphs) == 0 {
		return ""
	}
	segs := buildSegments(glyphs)
	var blocks [][]segment
	orderColumns(segs, 0, &blocks)
	var out strings.Builder
	for _, b := range blocks {
		writeBlock(&out, b)
	}
	return out.String()
}

// buildSegments groups glyphs into baseline lines and cuts lines into
// segments.
func buildSegments(glyphs []glyph) []segment {
	sort.SliceStable(glyphs, func(i, j int) bool {
		if glyphs[i].y != glyphs[j].y {
			return glyphs[i].y > glyphs[j].y
		}
		return glyphs[i].x < glyphs[j].x
	})
	var segs []segment
	start := 0
	for i := 1; i <= len(glyphs); i++ {
		if i < len(glyphs) {
			tol := 0.3 * math.Min(glyphs[start].size, glyphs[i].size)
			if math.Abs(glyphs[i].y-glyphs[start].y) <= tol {
				continue
			}
		}
		segs = appendLineSegments(segs, glyphs[start:i])
		start = i
	}
	return segs
}

// appendLineSegments splits one baseline line into segments of words.
func appendLineSegments(segs []segment, line []glyph) []segment {
	sort.SliceStable(line, func(i, j int) bool { return line[i].x < line[j].x })
	var b strings.Builder
	var cur segment
	open := false
	spaceSeen := false
	var prev *glyph
	flush := func() {
		if open {
			cur.text = b.String()
			segs = append(segs, cur)
		}
		b.Reset()
		open = false
	}
	for i := range line {
		g := &line[i]
		if g.space || strings.TrimSpace(g.text) == "" {
			spaceSeen = true
			continue
		}
		if prev != nil {
			size := math.Max(prev.size, g.size)
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
				b.WriteByte(' ')
			}
		}
		spaceSeen = false
		if !open {
			cur = segment{x0: g.x, y: g.y, size: g.size}
			open = true
		}
		b.WriteString(g.text)
		cur.x1 = g.x + g.w
		cur.size = math.Max(cur.size, g.size)
		cur.chars += utf8.RuneCountInString(g.text)
		prev = g
	}
	flush()
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
	sort.SliceStable(segs, func(i, j int) bool {
		if math.Abs(segs[i].y-segs[j].y) > 0.3*math.Min(segs[i].size, segs[j].size) {
			return segs[i].y > segs[j].y
		}
		return segs[i].x0 < segs[j].x0
	})
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
		minX = math.Min(minX, s.x0)
		maxX = math.Max(maxX, s.x1)
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
		if width >= math.Max(em, 6) {
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
// joined, a wide vertical gap becomes a blank line, and a word hyphenated
// at the end of a line is joined again.
func writeBlock(out *strings.Builder, segs []segment) {
	type line struct {
		y, size float64
		text    string
	}
	var lines []line
	for i := 0; i < len(segs); {
		j := i + 1
		text := segs[i].text
		size := segs[i].size
		for j < len(segs) && math.Abs(segs[j].y-segs[i].y) <= 0.3*math.Min(segs[i].size, segs[j].size) {
			text += " " + segs[j].text
			size = math.Max(size, segs[j].size)
			j++
		}
		lines = append(lines, line{segs[i].y, size, text})
		i = j
	}
	if out.Len() > 0 {
		out.WriteString("\n\n")
	}
	for i, l := range lines {
		text := l.text
		if i > 0 {
			prev := lines[i-1]
			switch {
			case joinHyphenated(out, text):
				out.WriteString(text)
				continue
			case prev.y-l.y > 1.9*math.Max(prev.size, l.size):
				out.WriteString("\n\n")
			default:
				out.WriteByte('\n')
			}
		}
		out.WriteString(text)
	}
}

// joinHyphenated removes a trailing hyphen from out when the next line
// starts in lower case, so "develop-" + "ment" reads "development".
func joinHyphenated(out *strings.Builder, next string) bool {
	s := out.String()
	if len(s) < 3 || s[len(s)-1] != '-' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(before) || !unicode.IsLower(first) {
		return false
	}
	trimmed := s[:len(s)-1]
	out.Reset()
	out.WriteString(trimmed)
	return true
}
