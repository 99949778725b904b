package document

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/skillmatch/skillmatch/engine"
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n). The matrices are passed by pointer:
// the call is too big to inline, and arrays are not passed in registers.
func (m *matrix) mul(n *matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// glyph is one shown character in page space (points, y up).
type glyph struct {
	x, y  float64 // origin on the baseline
	w     float64 // advance width
	size  float64 // effective font size
	text  string
	space bool // the glyph is a space character
	known bool // width comes from the font's metrics
	turn  bool // drawn rotated or mirrored, not left to right
}

type gstate struct {
	ctm, tm, tlm        matrix
	tc, tw, th, tl, tfs float64
	rise                float64
	font                *fontInfo
}

// operand is one value on the content-stream operand stack.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, '[' array, 'o' other
	num  float64
	str  []byte // string bytes or name; valid until the lexer's next operator
	arr  []operand
}

// interp interprets one content stream (a page or a form XObject).
type interp struct {
	d        *pdfDecoder
	res      pdf.Value
	g        gstate
	saved    []gstate
	glyphs   []glyph
	ops      int
	fonts    map[string]*fontInfo // by resource name, for the current resources
	fontRefs map[string]string    // resource name → "N G R" of the font object
	path     box                  // bounding box of the path being built
	marks    []box                // small filled shapes: bullets drawn as graphics

	// lastFont is the font the last Tf named, to skip the map lookup when
	// the stream repeats it (as some producers do for every line).
	lastFontName string
	lastFont     *fontInfo
	// scale caches the glyph size and horizontal scale of the last shown
	// string's text rendering matrix.
	scale glyphScale
}

// glyphScale is what show derives from the linear part of a text rendering
// matrix.
type glyphScale struct {
	lin          [4]float64
	size, xscale float64
	turned, ok   bool
}

func (s *glyphScale) set(trm matrix) {
	lin := [4]float64{trm[0], trm[1], trm[2], trm[3]}
	// == on the floats: a NaN never matches, so it is recomputed, and
	// ±0 match, for which Hypot, Abs and <= 0 agree.
	if s.ok && s.lin == lin {
		return
	}
	*s = glyphScale{
		lin:    lin,
		size:   math.Hypot(trm[2], trm[3]),
		xscale: math.Hypot(trm[0], trm[1]),
		turned: trm[0] <= 0 || math.Abs(trm[1]) > 0.2*math.Abs(trm[0]),
		ok:     true,
	}
}

// box is an axis-aligned rectangle in page space; empty when x0 > x1.
type box struct{ x0, y0, x1, y1 float64 }

var emptyBox = box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

func (b *box) add(m matrix, x, y float64) {
	px, py := x*m[0]+y*m[2]+m[4], x*m[1]+y*m[3]+m[5]
	b.x0, b.y0 = minf(b.x0, px), minf(b.y0, py)
	b.x1, b.y1 = maxf(b.x1, px), maxf(b.y1, py)
}

func (in *interp) abort(format string, args ...any) {
	panic(pdfAbort{fmt.Errorf("pdf: "+format+": %w", append(args, engine.ErrUnreadable)...)})
}

// run lexes and executes content. It handles the operators that place
// text; everything else is skipped.
func (in *interp) run(content []byte, depth int) {
	lx := lexer{src: content}
	var stack []operand
	for {
		op := lx.next(&stack)
		if lx.err != "" {
			in.abort("content stream: %s", lx.err)
		}
		if op == opEnd {
			return
		}
		in.ops++
		if in.ops > 5_000_000 {
			in.abort("content stream has too many operators")
		}
		in.exec(op, stack, depth)
		stack = stack[:0]
	}
}

// nums returns the last n (at most 6) operands as numbers; ok is false
// when there are fewer or one is not a number.
func nums(args []operand, n int) (v [6]float64, ok bool) {
	if len(args) < n {
		return v, false
	}
	for i, a := range args[len(args)-n:] {
		if a.kind != 'n' {
			return v, false
		}
		v[i] = a.num
	}
	return v, true
}

func (in *interp) exec(op opcode, args []operand, depth int) {
	g := &in.g
	switch op {
	case opq:
		if len(in.saved) < 1000 {
			in.saved = append(in.saved, *g)
		}
	case opQ:
		if n := len(in.saved); n > 0 {
			*g = in.saved[n-1]
			in.saved = in.saved[:n-1]
		}
	case opcm:
		if v, ok := nums(args, 6); ok {
			g.ctm = (&matrix{v[0], v[1], v[2], v[3], v[4], v[5]}).mul(&g.ctm)
		}
	case opBT:
		g.tm, g.tlm = identity, identity
	case opTc:
		if v, ok := nums(args, 1); ok {
			g.tc = v[0]
		}
	case opTw:
		if v, ok := nums(args, 1); ok {
			g.tw = v[0]
		}
	case opTz:
		if v, ok := nums(args, 1); ok {
			g.th = v[0] / 100
		}
	case opTL:
		if v, ok := nums(args, 1); ok {
			g.tl = v[0]
		}
	case opTs:
		if v, ok := nums(args, 1); ok {
			g.rise = v[0]
		}
	case opTf:
		if len(args) >= 2 && args[len(args)-2].kind == '/' && args[len(args)-1].kind == 'n' {
			g.font = in.font(args[len(args)-2].str)
			g.tfs = args[len(args)-1].num
		}
	case opTd, opTD:
		if v, ok := nums(args, 2); ok {
			if op == opTD {
				g.tl = -v[1]
			}
			g.tlm = (&matrix{1, 0, 0, 1, v[0], v[1]}).mul(&g.tlm)
			g.tm = g.tlm
		}
	case opTm:
		if v, ok := nums(args, 6); ok {
			g.tm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
			g.tlm = g.tm
		}
	case opTstar:
		in.nextLine()
	case opTj:
		if len(args) > 0 && args[len(args)-1].kind == 's' {
			in.show(args[len(args)-1].str)
		}
	case opQuote:
		in.nextLine()
		if len(args) > 0 && args[len(args)-1].kind == 's' {
			in.show(args[len(args)-1].str)
		}
	case opDoubleQuote:
		if len(args) == 3 && args[2].kind == 's' {
			g.tw, g.tc = args[0].num, args[1].num
			in.nextLine()
			in.show(args[2].str)
		}
	case opTJ:
		if len(args) == 0 || args[len(args)-1].kind != '[' {
			return
		}
		for _, a := range args[len(args)-1].arr {
			switch a.kind {
			case 's':
				in.show(a.str)
			case 'n':
				tx := -a.num / 1000 * g.tfs * g.th
				g.tm = (&matrix{1, 0, 0, 1, tx, 0}).mul(&g.tm)
			}
		}
	case opm, opl:
		if v, ok := nums(args, 2); ok {
			in.path.add(g.ctm, v[0], v[1])
		}
	case opc:
		if v, ok := nums(args, 6); ok {
			in.path.add(g.ctm, v[0], v[1])
			in.path.add(g.ctm, v[2], v[3])
			in.path.add(g.ctm, v[4], v[5])
		}
	case opv, opy:
		if v, ok := nums(args, 4); ok {
			in.path.add(g.ctm, v[0], v[1])
			in.path.add(g.ctm, v[2], v[3])
		}
	case opre:
		if v, ok := nums(args, 4); ok {
			in.path.add(g.ctm, v[0], v[1])
			in.path.add(g.ctm, v[0]+v[2], v[1]+v[3])
		}
	case opf, opF, opfstar, opB, opBstar, opb, opbstar:
		w, h := in.path.x1-in.path.x0, in.path.y1-in.path.y0
		if w > 0.8 && h > 0.8 && w < 9 && h < 9 && w < 2*h && h < 2*w && len(in.marks) < 10000 {
			in.marks = append(in.marks, in.path)
		}
		in.path = emptyBox
	case opn, opS, ops:
		in.path = emptyBox
	case opDo:
		if len(args) > 0 && args[len(args)-1].kind == '/' {
			in.form(string(args[len(args)-1].str), depth)
		}
	}
}

// font returns the font a Tf names. Some producers (pdf-lib) give every
// drawn string its own resource name for one font object, so fonts are
// shared by object reference across names.
func (in *interp) font(nameBytes []byte) *fontInfo {
	if in.lastFont != nil && string(nameBytes) == in.lastFontName {
		return in.lastFont
	}
	if f, ok := in.fonts[string(nameBytes)]; ok {
		in.lastFontName, in.lastFont = string(nameBytes), f
		return f
	}
	name := string(nameBytes)
	if in.fontRefs == nil {
		in.fontRefs = map[string]string{}
		// The printed dictionary shows references unresolved: "/F1 12 0 R".
		f := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(in.res.Key("Font").String(), "<<"), ">>"))
		for i := 0; i+3 < len(f); i++ {
			if strings.HasPrefix(f[i], "/") && f[i+3] == "R" {
				in.fontRefs[f[i][1:]] = f[i+1] + " " + f[i+2]
				i += 3
			}
		}
	}
	ref, shared := in.fontRefs[name]
	f, ok := in.d.fontsByRef[ref]
	if !shared || !ok {
		f = in.d.font(in.res, name)
		if shared {
			in.d.fontsByRef[ref] = f
		}
	}
	in.fonts[name] = f
	in.lastFontName, in.lastFont = name, f
	return f
}

func (in *interp) nextLine() {
	in.g.tlm = (&matrix{1, 0, 0, 1, 0, -in.g.tl}).mul(&in.g.tlm)
	in.g.tm = in.g.tlm
}

// form runs a form XObject's content with its own resources and matrix.
func (in *interp) form(name string, depth int) {
	if depth >= maxFormDepth {
		return
	}
	x := in.res.Key("XObject").Key(name)
	if x.Key("Subtype").Name() != "Form" {
		return
	}
	content, err := in.d.readStream(x)
	if err != nil {
		panic(pdfAbort{err})
	}
	saved, savedRes, savedFonts, savedRefs := in.g, in.res, in.fonts, in.fontRefs
	in.lastFont = nil // names may mean other fonts in the form's resources
	defer func() { in.lastFont = nil }()
	if m := x.Key("Matrix"); m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		in.g.ctm = fm.mul(&in.g.ctm)
	}
	if r := x.Key("Resources"); !r.IsNull() {
		in.res = r
		in.fonts, in.fontRefs = map[string]*fontInfo{}, nil
	}
	in.run(content, depth+1)
	in.g, in.res, in.fonts, in.fontRefs = saved, savedRes, savedFonts, savedRefs
}

// show places the glyphs of one string in page space.
func (in *interp) show(s []byte) {
	g := &in.g
	f := g.font
	if f == nil {
		return
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	// The text rendering matrix of each glyph is trm = [tfs·th 0 0 tfs 0 rise]
	// × tm × ctm; only tm's translation moves between glyphs, so compute
	// tm × ctm once and move the origin along its x axis.
	m := g.tm.mul(&g.ctm)
	trm := (&matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.rise}).mul(&m)
	in.scale.set(trm)
	size, xscale, turned := in.scale.size, in.scale.xscale, in.scale.turned
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		w0 := f.width(code)
		text := f.decode(code)
		isSpace := text == " " || text == "\u00a0"
		adv := w0*g.tfs + g.tc
		if step == 1 && code == ' ' {
			adv += g.tw
		}
		adv *= g.th
		if text != "" && size > 0.5 && size < 500 {
			in.glyphs = append(in.glyphs, glyph{x: trm[4], y: trm[5], w: w0 * xscale, size: size, text: text, space: isSpace, known: f.known, turn: turned})
			in.d.glyphs++
			if in.d.glyphs > in.d.lim.MaxText {
				panic(pdfAbort{capText(in.d.glyphs, in.d.lim)})
			}
			if len(in.glyphs) > maxPageGlyphs {
				panic(pdfAbort{fmt.Errorf("pdf: a page shows more than %d characters: %w", maxPageGlyphs, engine.ErrTooLarge)})
			}
		}
		trm[4] += adv * m[0]
		trm[5] += adv * m[1]
		g.tm[4] += adv * g.tm[0]
		g.tm[5] += adv * g.tm[1]
	}
}

// lexer tokenizes a content stream. It never reads past the end and
// reports an unterminated string or over-deep array instead of looping.
type lexer struct {
	src []byte
	pos int
	err string
	// arena holds the bytes of the strings and names read since the last
	// operator, so reading them allocates nothing.
	arena []byte
}

// Byte classes of the PDF syntax, looked up in pdfClass.
const (
	classSpace = 1 << iota
	classDelim
)

var pdfClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f\x00") {
		t[c] |= classSpace
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] |= classDelim
	}
	return t
}()

func isPDFSpace(c byte) bool { return pdfClass[c]&classSpace != 0 }

// isRegular reports whether c is part of a word: neither space nor
// delimiter.
func isRegular(c byte) bool { return pdfClass[c] == 0 }

// next pushes operands onto stack until it reads an operator, which it
// returns; it returns opEnd at the end of the stream or on an error.
// Called with an empty stack, it first reuses the memory of the strings of
// the operands it returned before: the caller must be done with them.
func (lx *lexer) next(stack *[]operand) opcode {
	st := *stack
	if len(st) == 0 {
		lx.arena = lx.arena[:0]
	}
	var spare operand // operands past the stack cap are read and dropped
	for {
		var v *operand
		if len(st) < 10000 {
			st = append(st, operand{})
			v = &st[len(st)-1]
		} else {
			spare = operand{}
			v = &spare
		}
		op, more := lx.token(v, 0)
		if op != opNone || !more || lx.err != "" {
			if v != &spare {
				st = st[:len(st)-1]
			}
			if !more || lx.err != "" {
				*stack = st
				return opEnd
			}
			if op == opBI {
				lx.skipInlineImage()
				continue
			}
			*stack = st
			return op
		}
	}
}

// wordEnd returns the index of the first byte from i on that is a space
// or a delimiter, or len(src).
func wordEnd(src []byte, i int) int {
	for i < len(src) && isRegular(src[i]) {
		i++
	}
	return i
}

// token reads one operand into v, which must be zero, or an operator (op
// is not opNone, v unchanged).
func (lx *lexer) token(v *operand, depth int) (op opcode, more bool) {
	src := lx.src
	pos := lx.pos
	for pos < len(src) {
		c := src[pos]
		if isPDFSpace(c) {
			pos++
			continue
		}
		if c == '%' {
			for pos < len(src) && src[pos] != '\n' && src[pos] != '\r' {
				pos++
			}
			continue
		}
		break
	}
	lx.pos = pos
	if pos >= len(src) {
		return opNone, false
	}
	c := src[pos]
	if isRegular(c) {
		return lx.word(v)
	}
	switch {
	case c == '(':
		v.kind, v.str = 's', lx.literal()
		return opNone, lx.err == ""
	case c == '<' && lx.pos+1 < len(src) && src[lx.pos+1] == '<':
		lx.skipDict()
		v.kind = 'o'
		return opNone, lx.err == ""
	case c == '<':
		v.kind, v.str = 's', lx.hex()
		return opNone, lx.err == ""
	case c == '[':
		if depth > 32 {
			lx.err = "arrays nested too deep"
			return opNone, false
		}
		lx.pos++
		v.kind = '['
		var spare operand // elements past the cap are read and dropped
		for {
			for lx.pos < len(src) && isPDFSpace(src[lx.pos]) {
				lx.pos++
			}
			if lx.pos >= len(src) {
				lx.err = "unterminated array"
				return opNone, false
			}
			if src[lx.pos] == ']' {
				lx.pos++
				return opNone, true
			}
			e := &spare
			if len(v.arr) < 100000 {
				v.arr = append(v.arr, operand{})
				e = &v.arr[len(v.arr)-1]
			} else {
				spare = operand{}
			}
			op, more := lx.token(e, depth+1)
			if !more || lx.err != "" {
				if lx.err == "" {
					lx.err = "unterminated array"
				}
				return opNone, false
			}
			if op != opNone && e != &spare {
				v.arr = v.arr[:len(v.arr)-1]
			}
		}
	case c == '/':
		start := lx.pos + 1
		lx.pos = wordEnd(src, start)
		v.kind, v.str = '/', lx.name(src[start:lx.pos])
		return opNone, true
	case c == ']' || c == ')' || c == '>' || c == '{' || c == '}':
		lx.pos++
		v.kind = 'o'
		return opNone, true
	}
	return lx.word(v)
}

// word reads a number, a keyword operand or an operator from lx.pos.
func (lx *lexer) word(v *operand) (op opcode, more bool) {
	start := lx.pos
	if c := lx.src[start]; c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		if n, end, ok := scanNumber(lx.src, start); ok {
			lx.pos = end
			v.kind, v.num = 'n', n
			return opNone, true
		}
		lx.pos = wordEnd(lx.src, start)
		v.kind, v.num = 'n', parseNumber(lx.src[start:lx.pos])
		return opNone, true
	}
	lx.pos = wordEnd(lx.src, start)
	word := lx.src[start:lx.pos]
	switch string(word) {
	case "true", "false", "null":
		v.kind = 'o'
		return opNone, true
	}
	return lookupOp(word), true
}

// scanNumber reads a plain number, [+-]digits[.digits], at src[i:] in one
// pass with parseNumber's arithmetic, returning it and where it ends. ok is
// false for any other word starting there (an exponent, junk, no digits,
// over 40 digits): parseNumber reads those.
func scanNumber(src []byte, i int) (n float64, end int, ok bool) {
	n, end, digits := plainNumber(src, i)
	if digits == 0 || digits > 40 || end < len(src) && isRegular(src[end]) {
		return 0, 0, false
	}
	return n, end, true
}

// parseNumber reads a PDF number; malformed numbers read as 0, as viewers
// do.
func parseNumber(word []byte) float64 {
	n, end, digits := plainNumber(word, 0)
	if end != len(word) || digits == 0 || digits > 40 {
		v, err := strconv.ParseFloat(string(word), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0
		}
		return v
	}
	return n
}

// plainNumber reads [+-]digits[.digits] at src[i:] as far as it goes: the
// number, where it stops and how many digits it read. It is the arithmetic
// that scanNumber and parseNumber share.
func plainNumber(src []byte, i int) (n float64, end, digits int) {
	neg := false
	if i < len(src) && (src[i] == '+' || src[i] == '-') {
		neg = src[i] == '-'
		i++
	}
	for ; i < len(src) && src[i] >= '0' && src[i] <= '9'; i++ {
		n = n*10 + float64(src[i]-'0')
		digits++
	}
	if i < len(src) && src[i] == '.' {
		scale := 0.1
		for i++; i < len(src) && src[i] >= '0' && src[i] <= '9'; i++ {
			n += float64(src[i]-'0') * scale
			scale /= 10
			digits++
		}
	}
	if neg {
		n = -n
	}
	return n, i, digits
}

// name returns the bytes of a /Name (without the slash) with its #xx
// escapes resolved, stored in the arena when it has any.
func (lx *lexer) name(raw []byte) []byte {
	if bytes.IndexByte(raw, '#') < 0 {
		return raw
	}
	start := len(lx.arena)
	lx.arena = append(lx.arena, unescapeName(string(raw))...)
	return lx.arena[start:len(lx.arena):len(lx.arena)]
}

func unescapeName(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '#' {
			if b, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				s = s[:i] + string(rune(b)) + s[i+3:]
			}
		}
	}
	return s
}

// literal reads a (string) with nesting and escapes into the arena.
func (lx *lexer) literal() []byte {
	src := lx.src
	lx.pos++ // (
	depth := 1
	start := len(lx.arena)
	out := lx.arena
	for lx.pos < len(src) {
		c := src[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				lx.arena = out
				return out[start:len(out):len(out)]
			}
		case '\\':
			if lx.pos >= len(src) {
				break
			}
			e := src[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(src) && src[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					n := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(src) && src[lx.pos] >= '0' && src[lx.pos] <= '7'; k++ {
						n = n*8 + int(src[lx.pos]-'0')
						lx.pos++
					}
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	lx.arena = out[:start]
	lx.err = "unterminated string"
	return nil
}

// hex reads a <hex string> into the arena.
func (lx *lexer) hex() []byte {
	src := lx.src
	pos := lx.pos + 1 // after <
	start := len(lx.arena)
	out := lx.arena
	hi := -1
	for pos < len(src) {
		c := src[pos]
		pos++
		if c == '>' {
			if hi >= 0 {
				out = append(out, byte(hi<<4))
			}
			lx.pos, lx.arena = pos, out
			return out[start:len(out):len(out)]
		}
		n := int(hexValue[c])
		if n > 15 {
			if isPDFSpace(c) {
				continue
			}
			lx.pos, lx.arena = pos, out[:start]
			lx.err = "malformed hex string"
			return nil
		}
		if hi < 0 {
			hi = n
		} else {
			out = append(out, byte(hi<<4|n))
			hi = -1
		}
	}
	lx.pos, lx.arena = pos, out[:start]
	lx.err = "unterminated hex string"
	return nil
}

// hexValue is each byte's value as a hex digit, or 0xFF.
var hexValue = func() (t [256]uint8) {
	for c := range t {
		t[c] = 0xFF
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = uint8(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = uint8(c-'a') + 10
		t[c-'a'+'A'] = uint8(c-'a') + 10
	}
	return t
}()

// skipDict skips a << … >> dictionary (marked-content properties).
func (lx *lexer) skipDict() {
	src := lx.src
	depth := 0
	for lx.pos < len(src) {
		switch {
		case src[lx.pos] == '<' && lx.pos+1 < len(src) && src[lx.pos+1] == '<':
			depth++
			lx.pos += 2
			if depth > 32 {
				lx.err = "dictionaries nested too deep"
				return
			}
		case src[lx.pos] == '>' && lx.pos+1 < len(src) && src[lx.pos+1] == '>':
			depth--
			lx.pos += 2
			if depth == 0 {
				return
			}
		case src[lx.pos] == '(':
			lx.literal()
			if lx.err != "" {
				return
			}
		default:
			lx.pos++
		}
	}
	lx.err = "unterminated dictionary"
}

// skipInlineImage skips from BI past the image data to EI.
func (lx *lexer) skipInlineImage() {
	src := lx.src
	for lx.pos+1 < len(src) {
		if src[lx.pos] == 'I' && src[lx.pos+1] == 'D' && lx.pos > 0 && isPDFSpace(src[lx.pos-1]) {
			lx.pos += 2
			break
		}
		lx.pos++
	}
	for lx.pos+2 < len(src) {
		if isPDFSpace(src[lx.pos]) && src[lx.pos+1] == 'E' && src[lx.pos+2] == 'I' && (lx.pos+3 == len(src) || isPDFSpace(src[lx.pos+3])) {
			lx.pos += 3
			return
		}
		lx.pos++
	}
	lx.pos = len(src)
}

// opcode is a content-stream operator the interpreter or the CMap reader
// acts on; every other operator reads as opOther.
type opcode uint8

const (
	opNone opcode = iota // not an operator: an operand
	opEnd                // end of the stream (or a lexer error)
	opOther
	opq
	opQ
	opcm
	opBT
	opTc
	opTw
	opTz
	opTL
	opTs
	opTf
	opTd
	opTD
	opTm
	opTstar
	opTj
	opQuote
	opDoubleQuote
	opTJ
	opDo
	opm
	opl
	opc
	opv
	opy
	opre
	opf
	opF
	opfstar
	opB
	opBstar
	opb
	opbstar
	opn
	opS
	ops
	opBI
	opEndbfchar
	opEndbfrange
)

// lookupOp names the operator word; it allocates nothing.
func lookupOp(word []byte) opcode {
	switch string(word) {
	case "q":
		return opq
	case "Q":
		return opQ
	case "cm":
		return opcm
	case "BT":
		return opBT
	case "Tc":
		return opTc
	case "Tw":
		return opTw
	case "Tz":
		return opTz
	case "TL":
		return opTL
	case "Ts":
		return opTs
	case "Tf":
		return opTf
	case "Td":
		return opTd
	case "TD":
		return opTD
	case "Tm":
		return opTm
	case "T*":
		return opTstar
	case "Tj":
		return opTj
	case "'":
		return opQuote
	case "\"":
		return opDoubleQuote
	case "TJ":
		return opTJ
	case "Do":
		return opDo
	case "m":
		return opm
	case "l":
		return opl
	case "c":
		return opc
	case "v":
		return opv
	case "y":
		return opy
	case "re":
		return opre
	case "f":
		return opf
	case "F":
		return opF
	case "f*":
		return opfstar
	case "B":
		return opB
	case "B*":
		return opBstar
	case "b":
		return opb
	case "b*":
		return opbstar
	case "n":
		return opn
	case "S":
		return opS
	case "s":
		return ops
	case "BI":
		return opBI
	case "endbfchar":
		return opEndbfchar
	case "endbfrange":
		return opEndbfrange
	}
	return opOther
}
