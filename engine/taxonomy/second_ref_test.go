package taxonomy

import (
	"math/bits"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The second readings as they were before one pass found the tokens both
// read (secondTokens): each looked for its own next token, a byte at a time
// with eight-byte skips. They are the reference the fast pass must agree
// with (FuzzSecondTokens).

// stop marks the bytes the reference readings stop at when they look for
// the next token to read: one table lookup a byte.
var stop [256]uint8

const (
	stopDigit uint8 = 1 << iota
	stopUpper
	stopSeparator
	stopNewline
)

func init() {
	for c := 'A'; c <= 'Z'; c++ {
		stop[c] = stopUpper
	}
	for c := '0'; c <= '9'; c++ {
		stop[c] = stopDigit
	}
	stop['-'], stop['.'], stop['/'], stop['\n'] = stopSeparator, stopSeparator, stopSeparator, stopNewline
}

func withGluedRef(text string, ms []Mention, tax *Taxonomy, listLine func(line int) bool) []Mention {
	toks := gluedTokensRef(text, ms, tax)
	if len(toks) == 0 {
		return ms
	}
	var added []Mention
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].line == toks[i].line {
			j++
		}
		added = append(added, readGluedLine(text, toks[i:j], tax, listLine)...)
		i = j
	}
	if len(added) == 0 {
		return ms
	}
	return merged(ms, added)
}

func gluedTokensRef(text string, ms []Mention, tax *Taxonomy) []gluedToken {
	var toks []gluedToken
	line := 1
	for i := 0; i < len(text); {
		at, lines := nextGluedRef(text, i)
		line += lines
		if i = at; i == len(text) {
			break
		}
		c := text[i]
		if charClass[c] == 0 {
			i++
			continue
		}
		// a cheap test first, for a superset of cutAt: most tokens are
		// words in one case or capitalised, with no transition at all
		j, inner := i+1, false
		prev2, prev := uint8(0), charClass[c]
		for j < len(text) {
			k := charClass[text[j]]
			if k == 0 {
				break
			}
			if k != prev && (prev != clUpper || k != clLower || prev2 == clUpper) {
				inner = true
			}
			prev2, prev = prev, k
			j++
		}
		if inner && (i == 0 || text[i-1] < 0x80) && (j == len(text) || text[j] < 0x80) {
			if cuts, bounds := gluedCuts(text[i:j], tax); len(cuts) > 0 && !covered(text, ms, i, j, tax) && !inAddress(text, i, j) {
				for k := range cuts {
					cuts[k] += i
				}
				for k := range bounds {
					bounds[k] += i
				}
				toks = append(toks, gluedToken{start: i, end: j, line: line, cuts: cuts, bounds: bounds})
			}
		}
		i = j
	}
	return toks
}

func nextGluedRef(text string, i int) (at, lines int) {
	from := i
	for i < len(text) {
		end := len(text)
		if i+8 <= len(text) {
			plain, n := plainChunkRef(load64(text, i))
			if plain {
				lines += n
				i += 8
				continue
			}
			end = i + 8
		}
		for ; i < end; i++ {
			switch stop[text[i]] {
			case 0, stopSeparator:
				continue
			case stopNewline:
				lines++
				continue
			case stopUpper:
				if i == 0 || charClass[text[i-1]] == 0 {
					continue
				}
			}
			return tokenStartRef(text, from, i), lines
		}
	}
	return len(text), lines
}

func plainChunkRef(x uint64) (plain bool, newlines int) {
	x7 := x &^ highs
	sep := (x7 + (0x80-'-')*ones) &^ (x7 + (0x80-'9'-1)*ones) // '-', '.', '/' and digits
	upper := (x7 + (0x80-'A')*ones) &^ (x7 + (0x80-'Z'-1)*ones)
	if (sep|upper)&^x&highs != 0 {
		return false, 0
	}
	return true, bits.OnesCount64(^((x7 ^ '\n'*ones) + 0x7f*ones) &^ x & highs)
}

func tokenStartRef(text string, from, i int) int {
	for i > from && charClass[text[i-1]] != 0 {
		i--
	}
	return i
}

func nextSpelledRef(text string, i int) (at, lines int) {
	from := i
	for i < len(text) {
		end := len(text)
		if i+8 <= len(text) {
			plain, n := plainChunkRef(load64(text, i))
			if plain {
				lines += n
				i += 8
				continue
			}
			end = i + 8
		}
		for ; i < end; i++ {
			switch stop[text[i]] {
			case 0:
				continue
			case stopNewline:
				lines++
				continue
			case stopUpper:
				if i == 0 || charClass[text[i-1]] == 0 && !(text[i-1] == ' ' && i > 1 && charClass[text[i-2]] != 0) {
					continue
				}
			}
			if i > from && text[i-1] == ' ' && charClass[text[i]]&^clLower != 0 {
				i-- // the second word of two: start from the first
			}
			return tokenStartRef(text, from, i), lines
		}
	}
	return len(text), lines
}

func withSpellingsRef(text string, ms []Mention, tax *Taxonomy) []Mention {
	var added []Mention
	var table *spellingTable // built when a form needs it
	var key []byte
	line := 1
	for i := 0; i < len(text); {
		at, lines := nextSpelledRef(text, i)
		line += lines
		if i = at; i == len(text) {
			break
		}
		c := text[i]
		if charClass[c] == 0 {
			i++
			continue
		}
		// a cheap test first: a word that is neither joined to the next by a
		// separator nor four capitals or more is skipped
		j, caps := i, true
		for j < len(text) && charClass[text[j]] != 0 {
			caps = caps && charClass[text[j]] != clLower
			j++
		}
		// two words apart by one space, each starting with a capital or a
		// digit ("Java Script", "AS 400")
		if j+1 < len(text) && text[j] == ' ' && charClass[c] != clLower && charClass[text[j+1]]&^clLower != 0 &&
			(i == 0 || !separator(text[i-1]) && text[i-1] < 0x80) {
			k := j + 1
			for k < len(text) && charClass[text[k]] != 0 {
				k++
			}
			if k == len(text) || !separator(text[k]) && text[k] < 0x80 {
				if table == nil {
					table = spellings(tax)
				}
				if table.mayStart(text, i, k) {
					key = key[:0]
					for p := i; p < k; p++ {
						if p != j {
							key = append(key, lower[text[p]])
						}
					}
					if sp := table.names[string(key)]; sp.id != "" && !mentioned(ms, sp.id, i, k) && (!sp.camel || otherOnLine(text, ms, i, k)) {
						added = append(added, Mention{SkillID: sp.id, Start: i, End: k, Line: line})
						i = k
						continue
					}
				}
			}
		}
		if !(j+1 < len(text) && separator(text[j]) && charClass[text[j+1]] != 0) && !(caps && j-i >= 4) ||
			i > 0 && (text[i-1] >= 0x80 || separator(text[i-1]) && i > 1 && alnum(text[i-2])) {
			i = j
			continue
		}
		// the parts of a run "a-b/c": parts[k] is its k-th start, ends[k] its end
		var parts, ends [8]int
		n, joined := 0, false
		j, caps = i, true
		for n < len(parts) {
			parts[n] = j
			for j < len(text) && alnum(text[j]) {
				caps = caps && !isLower(text[j])
				j++
			}
			ends[n] = j
			n++
			if j+1 < len(text) && separator(text[j]) && alnum(text[j+1]) {
				joined = true
				j++
				continue
			}
			break
		}
		next := ends[n-1]
		if next < len(text) && text[next] >= 0x80 || !joined && !(caps && ends[0]-parts[0] >= 4) {
			i = next
			continue
		}
		if table == nil {
			table = spellings(tax)
		}
		// the longest run of parts from each part on that spells a name
		for a := 0; a < n; {
			if !table.mayStart(text, parts[a], ends[n-1]) {
				a++ // no name spelled from this part on
				continue
			}
			b := n - 1
			for ; b >= a; b-- {
				if b == a && !(caps && ends[a]-parts[a] >= 4) {
					continue
				}
				key = key[:0]
				for k := a; k <= b; k++ {
					for p := parts[k]; p < ends[k]; p++ {
						key = append(key, lower[text[p]])
					}
				}
				sp := table.names[string(key)]
				if sp.id == "" || sp.camel && slices.ContainsFunc(parts[a:b+1], func(p int) bool { return !isUpper(text[p]) }) {
					continue
				}
				if !mentioned(ms, sp.id, parts[a], ends[b]) {
					added = append(added, Mention{SkillID: sp.id, Start: parts[a], End: ends[b], Line: line})
				}
				break
			}
			a = max(b+1, a+1)
		}
		i = next
	}
	if len(added) == 0 {
		return ms
	}
	return merged(ms, added)
}

// FuzzSecondTokens checks that the glued and respelled readings over the
// tokens of secondTokens give exactly what the reference readings give,
// each looking for its own tokens.
func FuzzSecondTokens(f *testing.F) {
	for _, s := range []string{
		"Databases: MySQL5.0 and Oracle11g; Java8 on Tomcat6\n",
		"WindowsServer2012R2, ApacheTomcatServer\nRestApi SQLServer2008",
		"Oracle/PL-SQL/T-SQL, AS-400, HPUX\nMY-SQL",
		"x-Y/z.W 9a-B\n\nÄbcDef2",
		"managed the daily work\nof eight people here\nand then on\nsome MySQL5.0 and PL-SQL\nplus Java Script",
		"Java Script, Power Center , 2015 - 2018 AS 400 ,  400 x\tAbc Def\nGhi  Jkl- -Mno/ Pqr.Stu",
		"abcdefgh ijklmnop Qrstuvwx yzABCDEF 01234567 a-b c/d e.f\n\n\nxxxxxxxJava Scriptyy",
	} {
		f.Add(s)
	}
	tax := Default()
	f.Fuzz(func(t *testing.T, text string) {
		for s := 0; s < len(text); s++ {
			if charClass[text[s]] == 0 || s > 0 && charClass[text[s-1]] != 0 {
				continue
			}
			if e, tok := classifyLong(text, s, 1); tok.flags != 0 && !mayRead(text, s, e) {
				t.Fatalf("mayRead(%q, %d, %d) is false for a token classified %+v", text, s, e, tok)
			} else if got := wordToken(text, s, e); got != tok.flags {
				t.Fatalf("wordToken(%q, %d, %d) = %b; classifyLong gives %+v", text, s, e, got, tok)
			}
			if e, got, ok := classifyFast(text, s, 1); ok {
				if we, want := classifyLong(text, s, 1); e != we || got != want {
					t.Fatalf("classifyFast(%q, %d) = %d, %+v; classifyLong gives %d, %+v", text, s, e, got, we, want)
				}
			}
		}
		var scanned []secondToken
		tax.m.scan(text, nil, &scanned)
		if diff := cmp.Diff(secondTokens(text, nil), scanned, cmp.AllowUnexported(secondToken{})); diff != "" {
			t.Fatalf("the scan's tokens of %q (-secondTokens +scan):\n%s", text, diff)
		}
		ms := tax.extract(text, nil, false)
		if diff := cmp.Diff(withGluedRef(text, ms, tax, nil), withGlued(text, ms, tax, nil)); diff != "" {
			t.Fatalf("withGlued(%q) (-ref +got):\n%s", text, diff)
		}
		if diff := cmp.Diff(withSpellingsRef(text, ms, tax), withSpellings(text, ms, tax)); diff != "" {
			t.Fatalf("withSpellings(%q) (-ref +got):\n%s", text, diff)
		}
	})
}

// TestKnown checks known against Lookup on every name, alias and id of the
// taxonomy, in capitals, with white space around and inside, and on words
// that name nothing.
func TestKnown(t *testing.T) {
	tax := Default()
	var names []string
	for _, s := range tax.Skills() {
		names = append(names, s.ID, s.Name)
		names = append(names, s.Aliases...)
	}
	var probes []string
	for _, n := range names {
		probes = append(probes, n, strings.ToUpper(n), " "+n, n+" ", strings.ReplaceAll(n, " ", "  "),
			strings.ReplaceAll(n, " ", "\t"), n+"x", "\v"+n)
	}
	probes = append(probes, "", " ", "MySQL5", "Ünïcode", "javascripts", "a\x7fb",
		"Lambda", "iam", "Service Bus", "SD", "HR", "Functions") // vendor short forms, one weak (HR)
	for _, p := range probes {
		_, want := tax.Lookup(p)
		if got := tax.known(p); got != want {
			t.Errorf("known(%q) = %v, Lookup says %v", p, got, want)
		}
	}
}

// TestScanSecondTokens checks that the matcher's scan finds the tokens
// secondTokens finds, on the resume fixtures.
func TestScanSecondTokens(t *testing.T) {
	tax := Default()
	for _, f := range readFixtures(t) {
		var scanned []secondToken
		tax.m.scan(f.text, nil, &scanned)
		if diff := cmp.Diff(secondTokens(f.text, nil), scanned, cmp.AllowUnexported(secondToken{})); diff != "" {
			t.Errorf("%s: the scan's tokens (-secondTokens +scan):\n%s", f.name, diff)
		}
	}
}
