package index

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// textAnalyzerName is the analyser of the text field: bleve's "en" (unicode
// word tokenizer, English possessives, lower case, English stop words,
// Porter stemmer) computed faster. Indexing a resume spent most of its CPU
// here — splitting words with the full Unicode word-boundary machine and
// stemming every occurrence of every word again. Its tokens are exactly
// "en"'s (same terms, positions, offsets and types; TestTextAnalyzerMatchesEN
// and FuzzTextAnalyzerMatchesEN compare them), so an index built with either
// answers every query alike (MappingVersion did not change: folders indexed
// with "en" are not rebuilt), and queries analysed with "en" match it:
//
//   - words made only of ASCII are split by asciiWords, the word-boundary
//     rules of Unicode (UAX #29) restricted to ASCII; a run of text between
//     ASCII white space that holds any other byte goes to bleve's tokenizer
//     (white space always separates words, so the runs are independent);
//   - possessives, lower case and stop words are bleve's own filters;
//   - stems are remembered (stemCache): resumes repeat their words.
const textAnalyzerName = "skillmatch_en"

func init() {
	registry.RegisterAnalyzer(textAnalyzerName, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return newFastEN(), nil
	})
}

type fastEN struct {
	unicode    *unicode.UnicodeTokenizer
	possessive *en.PossessiveFilter
	lower      *lowercase.LowerCaseFilter
	stop       *stop.StopTokensFilter
}

func newFastEN() *fastEN {
	stopWords := analysis.NewTokenMap()
	if err := stopWords.LoadBytes(en.EnglishStopWords); err != nil {
		panic("index: English stop words: " + err.Error())
	}
	return &fastEN{
		unicode:    unicode.NewUnicodeTokenizer(),
		possessive: en.NewPossessiveFilter(),
		lower:      lowercase.NewLowerCaseFilter(),
		stop:       stop.NewStopTokensFilter(stopWords),
	}
}

// Analyze returns the tokens of input. Like bleve's analysers it may
// overwrite input (lower-casing in place); the terms it returns must be
// treated as read-only, stems being shared between tokens.
func (a *fastEN) Analyze(input []byte) analysis.TokenStream {
	tokens := a.tokenize(input)
	tokens = a.possessive.Filter(tokens)
	tokens = a.lower.Filter(tokens)
	tokens = a.stop.Filter(tokens)
	for _, t := range tokens {
		t.Term = stems.stem(t.Term)
	}
	return tokens
}

// asciiSpace holds the ASCII white space: bytes that always end a word.
var asciiSpace = [128]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

func isASCIISpace(b byte) bool { return b < 128 && asciiSpace[b] }

// tokenize is what bleve's unicode tokenizer returns for input.
func (a *fastEN) tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		// bleve's tokenizer stops at the first invalid byte; so it does.
		return a.unicode.Tokenize(input)
	}
	guess := len(input)/6 + 1
	out := make(analysis.TokenStream, 0, guess)
	slab := make([]analysis.Token, guess)
	pos := 1
	for i := 0; i < len(input); {
		if isASCIISpace(input[i]) {
			i++
			continue
		}
		j, ascii := i, true
		for ; j < len(input) && !isASCIISpace(input[j]); j++ {
			if input[j] >= 128 {
				ascii = false
			}
		}
		if ascii {
			out, slab, pos = asciiWords(out, slab, input, i, j, pos)
		} else {
			for _, t := range a.unicode.Tokenize(input[i:j]) {
				t.Start += i
				t.End += i
				t.Position = pos
				pos++
				out = append(out, t)
			}
		}
		i = j
	}
	return out
}

// Word-boundary classes of the ASCII characters (UAX #29).
const (
	wbOther        = iota
	wbLetter       // ALetter
	wbDigit        // Numeric
	wbMidLetter    // ':'
	wbMidNumLet    // full stop, and apostrophe (Single_Quote)
	wbMidNum       // ',' ';'
	wbExtendNumLet // '_'
)

var wordClass = func() (c [128]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = wbLetter, wbLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = wbDigit
	}
	c[':'] = wbMidLetter
	c['.'], c['\''] = wbMidNumLet, wbMidNumLet
	c[','], c[';'] = wbMidNum, wbMidNum
	c['_'] = wbExtendNumLet
	return c
}()

// asciiWords appends the words of input[from:to] — ASCII without white
// space — numbering them from pos, and returns the stream, what is left of
// the token slab and the next position. A word is a run of letters, digits
// and underscores (WB5, WB8–WB10, WB13a/b) that may hold a colon, a full
// stop or an apostrophe between two letters (WB6/7) and a comma, semicolon,
// full stop or apostrophe between two digits (WB11/12); every other
// character stands alone and is not a word.
func asciiWords(out analysis.TokenStream, slab []analysis.Token, input []byte, from, to, pos int) (analysis.TokenStream, []analysis.Token, int) {
	for i := from; i < to; {
		c := wordClass[input[i]]
		if c != wbLetter && c != wbDigit && c != wbExtendNumLet {
			i++
			continue
		}
		start, letters, digits := i, c == wbLetter, c == wbDigit
		prev := c
	word:
		for i++; i < to; i++ {
			n := wordClass[input[i]]
			switch {
			case n == wbLetter || n == wbDigit || n == wbExtendNumLet:
			case (n == wbMidLetter || n == wbMidNumLet) && prev == wbLetter && i+1 < to && wordClass[input[i+1]] == wbLetter:
				i, n = i+1, wbLetter
			case (n == wbMidNum || n == wbMidNumLet) && prev == wbDigit && i+1 < to && wordClass[input[i+1]] == wbDigit:
				i, n = i+1, wbDigit
			default:
				break word
			}
			letters = letters || n == wbLetter
			digits = digits || n == wbDigit
			prev = n
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		if len(slab) == 0 {
			slab = make([]analysis.Token, 256)
		}
		t := &slab[0]
		slab = slab[1:]
		*t = analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: typ}
		out = append(out, t)
		pos++
	}
	return out, slab, pos
}

// stemCache remembers Porter stems of lower-cased terms, in shards so that
// the index's analysis goroutines seldom meet on one lock. It stops growing
// at stemCacheMax entries (a vocabulary far larger than resumes use); later
// words are stemmed every time.
type stemCache [stemShards]struct {
	mu sync.RWMutex
	m  map[string][]byte
	_  [40]byte // a shard per cache line
}

const (
	stemShards   = 64
	stemCacheMax = 200_000
)

var stems = func() *stemCache {
	c := new(stemCache)
	for i := range c {
		c[i].m = map[string][]byte{}
	}
	return c
}()

// stem is porter.PorterStemmer's result for term.
func (c *stemCache) stem(term []byte) []byte {
	h := uint32(2166136261) // FNV-1a
	for _, b := range term {
		h = (h ^ uint32(b)) * 16777619
	}
	sh := &c[h%stemShards]
	sh.mu.RLock()
	s, ok := sh.m[string(term)]
	sh.mu.RUnlock()
	if ok {
		return s
	}
	s = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing([]rune(string(term))))
	sh.mu.Lock()
	if len(sh.m) < stemCacheMax/stemShards {
		sh.m[string(term)] = s
	}
	sh.mu.Unlock()
	return s
}
