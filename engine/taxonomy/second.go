package taxonomy

import (
	"math/bits"
	"sync"
)

// The tokens of the second readings. Both readings (glued.go, spellings.go)
// look at a few tokens of a text — runs of ASCII letters and digits — and
// skip the rest: the words in lower case or capitalised that stand alone.
// secondTokens finds, in one pass, every token either may read, with what
// each needs to know of it, so that neither scans the text byte by byte.
//
// A token T = text[s:e] may be read when a trigger byte lies in it or just
// after it:
//
//   - a digit in T;
//   - a capital after a letter or digit of T ("MySQL", "ABc");
//   - a separator ('-', '.', '/') right after T ("PL-SQL", "Node.js");
//   - a capital or a digit after T and one space ("Java Script", "AS 400")
//     where T may start such a pair (pairStart).
//
// Of these, withSpellings reads only the tokens of four or more capitals
// and digits and those a separator and a letter or digit or a pair follow
// (tokSpelled): it would look at the others too, as it read every word
// after a trigger, but find nothing there ("word." ends a sentence,
// "McDonald" or "Java8" spells no other form, the second word of a pair has
// no pair of its own). The matcher's scan classifies the words as it passes them
// (see matcher.scan); secondTokens is the same on its own: it reads eight
// bytes at a time and skips a chunk with no trigger byte whole, counting
// its newlines, and around a trigger it classifies the tokens one by one.

// secondToken is a token of text that a second reading may read:
// text[start:end], on line; flags say which reading and how; hash is the
// token's wordHash, which the matcher's scan has at hand (withSpellings
// rules most tokens out by it, see spellingTable.prefixes).
type secondToken struct {
	start, end, line int32
	hash             uint32
	flags            uint8
}

const (
	// tokGlued: gluedTokens reads it (a transition inside, the cheap test
	// there, and ASCII on both sides)
	tokGlued uint8 = 1 << iota
	// tokSpelled: withSpellings reads it: four or more capitals and
	// digits ("HPUX", "2015"), or what follows makes a run or a pair
	// (spelledAfter)
	tokSpelled
	// tokCaps: no lower-case letter
	tokCaps
)

// tokenBuffers holds the token slices of extractions in progress (a
// glued line is read again by a nested extraction, so each takes its own).
var tokenBuffers = sync.Pool{New: func() any { return new([]secondToken) }}

// secondTokens appends the tokens of text the second readings may read to
// out, in text order, and returns it.
func secondTokens(text string, out []secondToken) []secondToken {
	n := len(text)
	line := 1
	i := 0    // text[:i] is passed; its newlines are counted in line
	done := 0 // the tokens of text[:done] are classified; a token boundary
	for i < n {
		at := n // classify the tokens from the one that holds text[at-2]
		if i+8 <= n {
			trig, newlines := triggers(text, i)
			if trig == 0 {
				line += newlines
				i += 8
				continue
			}
			at = i + bits.TrailingZeros64(trig)>>3 // the first trigger byte
		}
		// back to the start of the token that ends two bytes before the
		// trigger or holds that byte, but not into the tokens done
		p := max(at-2, done)
		if at == n {
			p = max(i-2, done) // the rest, from the token a trigger in it may follow
		}
		for p > done && charClass[text[p-1]] != 0 {
			p--
		}
		for k := p; k < i; k++ { // back inside a chunk passed
			if text[k] == '\n' {
				line--
			}
		}
		for k := i; k < p; k++ { // on to the token
			if text[k] == '\n' {
				line++
			}
		}
		done, line = classifyTokens(text, p, at, line, &out)
		i = done
	}
	return out
}

// classifyTokens classifies the tokens of text from p on, through the
// first that ends after b (or up to b when none starts by then), appending
// those a second reading may read to *out. line is the line of text[p]; it
// returns where it stopped, a token boundary, and the line there.
func classifyTokens(text string, p, b, line int, out *[]secondToken) (int, int) {
	n := len(text)
	for {
		for p < n && charClass[text[p]] == 0 {
			if text[p] == '\n' {
				line++
			}
			p++
		}
		if p >= n || p > b {
			return p, line
		}
		s := p
		var h uint32
		p, h, _ = wordEnd(text, s)
		if f := wordToken(text, s, p); f != 0 {
			*out = append(*out, secondToken{start: int32(s), end: int32(p), line: int32(line), hash: h, flags: f})
		}
	}
}

// classifyToken classifies the token that starts at text[s], on line: it
// returns the token's end and the token, whose flags are 0 when no second
// reading reads it.
func classifyToken(text string, s, line int) (int, secondToken) {
	if e, t, ok := classifyFast(text, s, line); ok {
		return e, t
	}
	return classifyLong(text, s, line)
}

// classifyLong is classifyToken a byte at a time, for any token.
func classifyLong(text string, s, line int) (int, secondToken) {
	n := len(text)
	first := charClass[text[s]]
	// the cheap test of gluedTokens: a transition other than a capital
	// starting a word in lower case
	inner, caps, upperIn, digit := false, first != clLower, false, first == clDigit
	prev2, prev := uint8(0), first
	p := s + 1
	for ; p < n; p++ {
		k := charClass[text[p]]
		if k == 0 {
			break
		}
		if k != prev && (prev != clUpper || k != clLower || prev2 == clUpper) {
			inner = true
		}
		caps = caps && k != clLower
		upperIn = upperIn || k == clUpper
		digit = digit || k == clDigit
		prev2, prev = prev, k
	}
	e := p
	var f uint8
	if inner && (s == 0 || text[s-1] < 0x80) && (e == n || text[e] < 0x80) {
		f |= tokGlued
	}
	if caps && e-s >= 4 || spelledAfter(text, s, e) {
		f |= tokSpelled
	}
	if f != 0 && caps {
		f |= tokCaps
	}
	return e, secondToken{start: int32(s), end: int32(e), line: int32(line), flags: f}
}

// spelledAfter reports whether what follows the token text[s:e] makes it
// one withSpellings reads: a separator and a letter or digit ("PL-SQL"),
// or a space and a capital or digit where the token may start a pair.
func spelledAfter(text string, s, e int) bool {
	if e+1 >= len(text) {
		return false
	}
	c, d := text[e], charClass[text[e+1]]
	return separator(c) && d != 0 || c == ' ' && d&^clLower != 0 && pairStart(text, s)
}

// pairStart reports whether the token at text[s] may start a pair of
// words that withSpellings reads as one ("Java Script"): it starts with a
// capital or a digit, after no separator or non-ASCII byte.
func pairStart(text string, s int) bool {
	return charClass[text[s]] != clLower && (s == 0 || !separator(text[s-1]) && text[s-1] < 0x80)
}

// mayRead reports whether classifyToken may give the token text[i:j] flags
// (true for every token it gives flags, and for few others): a digit in
// it, a capital after its first byte, a separator after it, or a capital
// or a digit after it and a space. The matcher's scan asks it of every
// word, so it reads a word of eight bytes or fewer in one load.
func mayRead(text string, i, j int) bool {
	n := len(text)
	if j < n {
		if c := text[j]; separator(c) || c == ' ' && j+1 < n && charClass[text[j+1]]&^clLower != 0 && pairStart(text, i) {
			return true
		}
	}
	if j-i <= 8 && i+8 <= n {
		// in a token, a byte with bit 6 clear is a digit, and one with bit
		// 6 set and bit 5 clear a capital
		x := load64(text, i)
		const b6 = 0x40 * ones
		return (^x&b6|x&^(x<<1)&(b6&^0x40))&byteMasks[j-i] != 0
	}
	for k := i; k < j; k++ {
		if c := charClass[text[k]]; c == clDigit || c == clUpper && k > i {
			return true
		}
	}
	return false
}

// wordToken is classifyToken's flags for the token text[i:j], for the scan,
// which knows the token's end:
// a token of eight bytes or fewer is read in one load, and one with no
// digit, no capital after its first byte and neither a separator nor a
// space and a capital or digit after it — most words — costs a few
// operations.
func wordToken(text string, i, j int) uint8 {
	n := len(text)
	// in a token, a byte with bit 6 clear is a digit, with bit 6 set and
	// bit 5 clear a capital, with both set a lower-case letter
	const b6 = 0x40 * ones
	if j-i > 8 {
		if j-i <= 16 && i+16 <= n {
			// a word of nine to sixteen bytes: two loads for the common
			// case of neither a digit nor an inner capital
			x, y := load64(text, i), load64(text, i+8)
			iny := byteMasks[j-i-8] & b6
			if (^x&b6|x&^(x<<1)&(b6&^0x40)) == 0 && (^y&iny|y&^(y<<1)&iny) == 0 &&
				(j == n || !separator(text[j]) && !(text[j] == ' ' && j+1 < n && charClass[text[j+1]]&^clLower != 0 && pairStart(text, i))) {
				return 0
			}
		} else if !mayRead(text, i, j) {
			return 0
		}
		_, t := classifyToken(text, i, 0)
		return t.flags
	}
	if i+8 > n {
		if !mayRead(text, i, j) {
			return 0
		}
		_, t := classifyToken(text, i, 0)
		return t.flags
	}
	var f uint8
	if j+1 < n { // spelledAfter, written out
		c, d := text[j], charClass[text[j+1]]
		if d != 0 && (separator(c) || c == ' ' && d != clLower && pairStart(text, i)) {
			f = tokSpelled
		}
	}
	x := load64(text, i)
	in := byteMasks[j-i] & b6
	digit := ^x & in
	upper := x & ^(x << 1) & in
	if digit|upper&^0x40 != 0 {
		lower := x & (x << 1) & in
		if lower == 0 && j-i >= 4 {
			f = tokSpelled // "HPUX", "2015"
		}
		// a class change other than a capital that starts a word in lower
		// case (one not after another capital); none without a digit or a
		// capital after the first byte
		changed := (digit ^ digit<<8) | (upper ^ upper<<8)
		capWord := upper << 8 & lower &^ (upper << 16)
		if (changed&^capWord)&in&^0x40 != 0 && (i == 0 || text[i-1] < 0x80) && (j == n || text[j] < 0x80) {
			f |= tokGlued
		}
	}
	if f != 0 && x&(x<<1)&in == 0 {
		f |= tokCaps
	}
	return f
}

// classifyFast is classifyToken eight bytes at a time, with the letters
// and digits of a chunk told apart by bits (in a token, a byte with bit 6
// clear is a digit, with bit 6 set and bit 5 clear a capital, with both set
// a lower-case letter) and the classes of the chunk before carried over.
// ok is false when the token runs into the text's last seven bytes, which
// classifyLong reads.
func classifyFast(text string, s, line int) (int, secondToken, bool) {
	const b6 = 0x40 * ones
	n := len(text)
	var digits, uppers, lowers, inner uint64 // or-ed over the chunks
	var prevDigit, prevUpper uint64          // of the chunk before
	o := s
	for {
		if o+8 > n {
			return 0, secondToken{}, false
		}
		x := load64(text, o)
		_, an := alnumChunk(x)
		l := 8
		if an != highs {
			l = bits.TrailingZeros64(^an&highs) >> 3
		}
		in := byteMasks[l] & b6 // bit 6 of each byte of the token
		digit := ^x & in
		upper := x & ^(x << 1) & in
		lower := x & (x << 1) & in
		// a class change other than a capital that starts a word in
		// lower case (one not after another capital)
		pd, pu := digit<<8|prevDigit>>56, upper<<8|prevUpper>>56
		ch := ((digit ^ pd) | (upper ^ pu)) &^ (pu & lower &^ (upper<<16 | prevUpper>>48)) & in
		if o == s {
			ch &^= 0x40 // no change before the first byte
			uppers |= upper &^ 0x40
		} else {
			uppers |= upper
		}
		inner |= ch
		digits |= digit
		lowers |= lower
		prevDigit, prevUpper = digit, upper
		o += l
		if l < 8 {
			break
		}
	}
	e := o
	var f uint8
	if inner != 0 && (s == 0 || text[s-1] < 0x80) && (e == n || text[e] < 0x80) {
		f |= tokGlued
	}
	if lowers == 0 && e-s >= 4 || spelledAfter(text, s, e) {
		f |= tokSpelled
	}
	if f != 0 && lowers == 0 {
		f |= tokCaps
	}
	return e, secondToken{start: int32(s), end: int32(e), line: int32(line), flags: f}, true
}

// triggers returns a mask with the high bit of each byte of text[i:i+8]
// that is a trigger byte (see above) set, and the chunk's newlines.
func triggers(text string, i int) (trig uint64, newlines int) {
	x := load64(text, i)
	x7 := x &^ highs
	ascii := ^x & highs
	upper := (x7 + (0x80-'A')*ones) &^ (x7 + (0x80-'Z'-1)*ones) & ascii
	digit := (x7 + (0x80-'0')*ones) &^ (x7 + (0x80-'9'-1)*ones) & ascii
	sep := (x7 + (0x80-'-')*ones) &^ (x7 + (0x80-'/'-1)*ones) & ascii
	l7 := (x | lowers) &^ highs
	alnum := (l7+(0x80-'a')*ones)&^(l7+(0x80-'z'-1)*ones)&ascii | digit
	sp := ^((x7 ^ ' '*ones) + 0x7f*ones) & ascii
	// the same masks one and two bytes on: the bytes before each
	var before1, before2, space1 uint64
	if i > 0 {
		c := text[i-1]
		if charClass[c] != 0 {
			before1 = 0x80
		}
		if c == ' ' {
			space1 = 0x80
		}
		if i > 1 && charClass[text[i-2]] != 0 {
			before2 = 0x80
		}
	}
	prevAlnum := alnum<<8 | before1
	prevSpace := sp<<8 | space1
	prevPrevAlnum := alnum<<16 | before1<<8 | before2
	trig = digit | (upper|sep)&prevAlnum | upper&prevSpace&prevPrevAlnum
	if trig != 0 {
		return trig, 0
	}
	return 0, bits.OnesCount64(^((x7 ^ '\n'*ones) + 0x7f*ones) & ascii)
}
