package taxonomy

import "strings"

// Rules for the ambiguous names of products (the "tech" context rule) that
// look past the line's technical context: a product word heading a company
// name, and a framework's or practice's name that is also a word in a long
// keyword list.

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

// crowdedCategories are the categories whose ambiguous names need close
// engineering company in a long keyword list (see crowded): frameworks and
// libraries ("Express") and practices ("networking" among negotiating,
// marketing and Excel is the soft skill). Not tools: "Oracle" and
// "Illustrator" in an accountant's or a designer's keyword list are the
// products (58 and 10 of the 83 corpus mentions a rule for tools too would
// drop).
var crowdedCategories = map[string]bool{"framework": true, "library": true, "practice": true}

// crowdedItems is how many comma-separated items make a line a long keyword
// list: LiveCareer resumes close with one of twenty to sixty title-case
// words, where a stray "Express" sits among Prime, proposals and billing,
// with Excel or QuickBooks somewhere on the line as technical context.
const crowdedItems = 12

// crowded reports whether text[start] stands on a long keyword list (see
// crowdedItems): there, the ambiguous name of a framework, library or
// practice counts only with an unambiguous engineering name within three
// names of it.
func crowded(text string, start int) bool {
	lo := strings.LastIndexByte(text[:start], '\n') + 1
	hi := strings.IndexByte(text[start:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += start
	}
	return strings.Count(text[lo:hi], ",") >= crowdedItems-1 && listLike(text[lo:hi])
}
