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
//   - a capital or a digit after T and one space ("Java Script", "AS 400"),
//     which is a trigger of T and of the word after the space.
//
// The pass reads eight bytes at a time and skips a chunk with no trigger
// byte whole, counting its newlines; around a trigger it classifies the
// tokens one by one.

// secondToken is a token of text that a second reading may read:
// text[start:end], on line; flags say which reading and how.
type secondToken struct {
	start, end, line int32
	flags            uint8
}

const (
	// tokGlued: gluedTokens reads it (a transition inside, the cheap test
	// there, and ASCII on both sides)
	tokGlued uint8 = 1 << iota
	// tokSpelled: withSpellings reads it (a trigger byte above)
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
			p = max(i, done)
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
		first := charClass[text[s]]
		// the cheap test of gluedTokens: a transition other than a capital
		// starting a word in lower case
		inner, caps, upperIn, digit := false, first != clLower, false, first == clDigit
		prev2, prev := uint8(0), first
		for p++; p < n; p++ {
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
		if digit || upperIn ||
			e < n && separator(text[e]) ||
			e+1 < n && text[e] == ' ' && charClass[text[e+1]]&^clLower != 0 ||
			first == clUpper && s >= 2 && text[s-1] == ' ' && charClass[text[s-2]] != 0 {
			f |= tokSpelled
		}
		if f != 0 {
			if caps {
				f |= tokCaps
			}
			*out = append(*out, secondToken{start: int32(s), end: int32(e), line: int32(line), flags: f})
		}
	}
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
