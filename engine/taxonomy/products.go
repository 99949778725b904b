package taxonomy

import "strings"

// Rules for the ambiguous names of products (the "tech" context rule) beyond
// another technical name on the line: a product word heading a company's
// name, or in a list of clients, is no product; in a long keyword list a framework's, practice's or
// cloud's name needs an engineering name close by; a platform's name takes
// its context from a line about operating systems, and any name from the
// other part of a sentence wrapped over two lines.

// companyWords, capitalised after a product's ambiguous name, make the name
// the head of a company's name ("Checkpoint Technologies", "Sorg Opera
// Company", "Oracle Corporation"): an employer or a client, not the product.
var companyWords = wordSetOf("technologies inc llc corp corporation ltd limited group company co " +
	"consulting partners holdings industries enterprises associates international labs laboratories")

// companyName reports whether the word after text[:end] on the line, one
// space away, is a capitalised company word (see companyWords), full stop
// aside ("Inc.", "Co.").
func companyName(text string, end int) bool {
	if end+2 >= len(text) || text[end] != ' ' || text[end+1] < 'A' || text[end+1] > 'Z' {
		return false
	}
	k := end + 1
	for k < len(text) && (text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z') {
		k++
	}
	if k < len(text) && wordByte[text[k]] {
		return false
	}
	return companyWords[strings.ToLower(text[end+1:k])]
}

// clientWords, right before a colon, announce a list of organisations
// ("these clients: Codank Software, Checkpoint Technologies, Security Guard
// Exchange"; "CLIENTS: Spitfire Spark Plugs"): a product's ambiguous name
// among them is part of a company's name.
var clientWords = wordSetOf("clients customers partners sponsors")

// clientList reports whether text[start] stands after a colon on its line
// that a client word precedes (see clientWords).
func clientList(text string, start int) bool {
	// the last colon before start on its line, in one pass back that ends
	// at the line's start (most lines have none)
	k := start - 1
	for ; k >= 0 && text[k] != ':'; k-- {
		if text[k] == '\n' {
			return false
		}
	}
	if k < 0 {
		return false
	}
	e := k
	for k > 0 && (text[k-1] >= 'a' && text[k-1] <= 'z' || text[k-1] >= 'A' && text[k-1] <= 'Z') {
		k-- // stops at the line's start: '\n' is no letter
	}
	return clientWords[strings.ToLower(text[k:e])]
}

// crowdedCategories are the categories whose ambiguous names need close
// engineering company in a long keyword list (see crowded): frameworks and
// libraries ("Express"), practices ("networking" among negotiating,
// marketing and Excel is the soft skill) and cloud platforms ("GCP" among
// clinical-research words is good clinical practice). Not tools: "Oracle"
// and "Illustrator" in an accountant's or a designer's keyword list are the
// products (58 and 10 of the 83 corpus mentions a rule for tools too would
// drop).
var crowdedCategories = map[string]bool{"framework": true, "library": true, "practice": true, "cloud": true}

// crowdedItems is how many comma-separated items make a line a long keyword
// list: LiveCareer resumes close with one of twenty to sixty title-case
// words, where a stray "Express" sits among Prime, proposals and billing,
// with Excel or QuickBooks somewhere on the line as technical context.
const crowdedItems = 12

// crowded reports whether text[at] stands on a long keyword list (see
// crowdedItems): there, the ambiguous name of a skill of crowdedCategories
// counts only with an unambiguous engineering name within three names of
// it.
func crowded(text string, at int) bool {
	line := lineAt(text, at)
	return strings.Count(line, ",") >= crowdedItems-1 && listLike(line)
}

// lineAt returns the line of text that holds text[at], without its newline.
func lineAt(text string, at int) string {
	lo, hi := lineBounds(text, at, at)
	return text[lo:hi]
}

// lineBounds returns the start of the line holding text[i] and the end
// (the newline's offset, or len(text)) of the line holding text[j], i <= j.
func lineBounds(text string, i, j int) (lo, hi int) {
	lo = lineStart(text, i)
	if hi = strings.IndexByte(text[j:], '\n'); hi < 0 {
		return lo, len(text)
	}
	return lo, hi + j
}

// osLine reports whether the line of text[at] speaks of operating systems
// ("Operating System: Windows", "Windows based operating systems"): the
// context of a platform's ambiguous name, though no cue word for the rest
// (a "C" or an "Express" in a keyword list that names operating systems is
// not code).
func osLine(text string, at int) bool {
	return containsFold(lineAt(text, at), "operating system")
}

// lineStart returns the offset of the line holding text[at].
func lineStart(text string, at int) int {
	return strings.LastIndexByte(text[:at], '\n') + 1
}

// continues reports whether the line starting at lo continues the sentence
// of the line before it: it opens, after blanks, with a lower-case letter,
// and the line before ends with no full stop, colon or semicolon ("tested
// Restful API\nusing Postman.").
func continues(text string, lo int) bool {
	if lo == 0 {
		return false
	}
	k := skipBlanks(text, lo)
	if k >= len(text) || text[k] < 'a' || text[k] > 'z' {
		return false
	}
	prev := strings.TrimRight(text[lineStart(text, lo-1):lo-1], " \t\r")
	return prev != "" && strings.IndexByte(".:;", prev[len(prev)-1]) < 0
}

// wrappedSupport reports whether ok holds for a candidate on the line
// before cands[i]'s, when its line continues that one, or on the line after
// it, when that line continues its line: PDF and Kaggle text wraps
// sentences, and the technical word of one may stand on the other part.
func (t *Taxonomy) wrappedSupport(text string, cands []candidate, i int, ok func(k int) bool) bool {
	c := cands[i]
	lo := lineStart(text, c.start())
	line := c.line()
	if continues(text, lo) {
		for k := i - 1; k >= 0 && cands[k].line() >= line-1; k-- {
			if cands[k].line() == line-1 && ok(k) {
				return true
			}
		}
	}
	if nl := strings.IndexByte(text[c.end():], '\n'); nl >= 0 && continues(text, c.end()+nl+1) {
		for k := i + 1; k < len(cands) && cands[k].line() <= line+1; k++ {
			if cands[k].line() == line+1 && ok(k) {
				return true
			}
		}
	}
	return false
}
