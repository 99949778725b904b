package taxonomy

import "strings"

// fieldOnly holds generic words that name a skill only as the field of an
// experience phrase (see fieldOfExperience), whatever the context rule of
// the skill whose ambiguous name they are: "experience in sales", "skilled
// in sales", "10 years of sales". Elsewhere the word is a department, a
// figure or a job title ("increased sales 20%", "Sales Associate", "sales
// tax") — and as a bare item of a keyword list it is no evidence either:
// of 52 corpus resumes with "Sales" alone in a short skills list or line,
// 31 show selling; of 30 with it in a long keyword list, 15.
var fieldOnly = wordSetOf("sales")

// fieldOnlyWord reports whether the name text[start:end] is one of fieldOnly.
func fieldOnlyWord(text string, start, end int) bool {
	return end-start <= 8 && inFold(fieldOnly, text[start:end])
}

// fieldCues, before "in", "of" or "with", make the generic word after them
// the field someone works in: "experience in", "expertise in", "skilled
// in", "background in", "knowledge of", "years in", "career in".
var fieldCues = wordSetOf("experience experienced expertise expert skilled skills skill background knowledge " +
	"knowledgeable proficient proficiency years year career success specializing specialized")

// fieldModifiers may stand between the preposition and the generic word
// ("background in technical sales").
var fieldModifiers = wordSetOf("technical")

// fieldEnds may follow the generic word of an experience phrase: the phrase
// ends there ("experience in sales and marketing", "10 years in sales with
// ..."). Any other word makes the generic word a modifier of a noun ("skills
// in sales forecasting").
var fieldEnds = wordSetOf("and or with for at in since while as")

// fieldOfExperience reports whether text[start:end], a generic word, is the
// field of an experience phrase: a fieldCues word, "in", "of" or "with",
// maybe a fieldModifiers word, then the word, ending there (line end,
// punctuation or a fieldEnds word, but not "and" between two gerunds that
// share an object). It is the only way a fieldOnly word counts, and a second
// way for a name with the "list" rule ("experience in human resources",
// "proficient in scheduling", "specializing in logistics").
func fieldOfExperience(text string, start, end int) bool {
	w, i := nextWord(text, end)
	switch {
	case w == "" && i < len(text) && (wordByte[text[i]] || text[i] == '-'):
		return false // "sales-closer", "sales2"
	case w != "" && !inFold(fieldEnds, w):
		return false
	case (strings.EqualFold(w, "and") || strings.EqualFold(w, "or")) && hasSuffixFold(text[start:end], "ing"):
		// two gerunds sharing an object: "experience in interpreting and
		// applying banking rules"
		if v, _ := nextWord(text, i+len(w)); hasSuffixFold(v, "ing") {
			return false
		}
	}
	w, k := prevWord(text, start)
	if inFold(fieldModifiers, w) {
		w, k = prevWord(text, k)
	}
	if cue, _ := prevWord(text, k); isPreposition(w) && inFold(fieldCues, cue) {
		return true
	}
	return laterItem(text, start)
}

// maxClause bounds how far back laterItem looks for the experience phrase.
const maxClause = 300

// laterItem reports whether the word at text[start] ends a later item of a
// list that an experience phrase opens, in the same clause: "expertise in
// aircraft certification, regulatory compliance, aircraft sales",
// "responsible for receiving, merchandising, operations, & sales". Each item
// before it has at most four words, there are at most six, and the word's
// own item has at most two words before it.
func laterItem(text string, start int) bool {
	lo := start
	for lo > 0 && start-lo < maxClause && strings.IndexByte(".;:!?()\n", text[lo-1]) < 0 {
		lo--
	}
	// the end of the clause's last experience phrase: a cue and its
	// preposition, or "responsible for"
	at, prev := -1, ""
	for k := lo; k < start; {
		w, e := itemWord(text, k, start)
		if w == "" {
			k = e + 1 // past a comma or "&"
			continue
		}
		w = strings.Trim(w, "*-•\"'(")
		if isPreposition(w) && inFold(fieldCues, prev) && !strings.EqualFold(prev, "career") ||
			strings.EqualFold(w, "for") && strings.EqualFold(prev, "responsible") {
			// "career in television, broadcasting" names a wish, not a
			// field worked in
			at = e
		}
		prev, k = w, e
	}
	if at < 0 {
		return false
	}
	// the list items from there to the word, split at commas, "&" and
	// "and": each earlier item has at most four words; the word's own item
	// at most two before it, which qualify it ("aircraft sales", "safety
	// compliance"), and no gerund or preposition, which would make it an
	// object or a place ("increasing sales", "point of sales")
	items, words, plain := 1, 0, true
	for k := at; k < start; {
		if b := text[k]; b == ',' || b == '&' {
			if words > 4 {
				return false
			}
			items, words, plain = items+1, 0, true
			k++
			continue
		}
		w, e := itemWord(text, k, start)
		if w == "" {
			if e >= start {
				break
			}
			k = e // a comma or "&"
			continue
		}
		switch {
		case strings.EqualFold(w, "and"):
			if words > 4 {
				return false
			}
			items, words, plain = items+1, 0, true
		case hasSuffixFold(w, "ing") || inFold(ownStops, w):
			words, plain = words+1, false
		default:
			words++
		}
		k = e
	}
	return items >= 2 && items <= 7 && words <= 2 && plain
}

// ownStops, before a generic word in its list item, make the item no
// qualified name of the skill (see laterItem).
var ownStops = wordSetOf("of for in to with at on by from per")

// itemWord returns the word (a run of bytes other than
// blanks, commas and "&": "24/7", "$35M") that starts in text[k:end] after
// blanks, and the offset after it; "" and the offset of the comma or "&", or
// end, when one of them comes first.
func itemWord(text string, k, end int) (string, int) {
	for k < end && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	e := k
	for e < end && text[e] != ' ' && text[e] != '\t' && text[e] != ',' && text[e] != '&' {
		e++
	}
	if e == k {
		return "", k
	}
	return text[k:e], e
}

// prevWord returns the word of letters that ends before
// text[:end] after spaces on the same line, and its offset; "" when
// punctuation or the line's start comes first.
func prevWord(text string, end int) (string, int) {
	j := end
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	i := j
	for i > 0 && (text[i-1] >= 'a' && text[i-1] <= 'z' || text[i-1] >= 'A' && text[i-1] <= 'Z') {
		i--
	}
	return text[i:j], i
}

// regulationNouns, in the clause after "compliance with", name laws or a
// regulator: the compliance is regulatory ("ensured compliance with all
// state and federal regulations", "compliance with OSHA and EPA
// requirements"), unlike compliance with a company's policies, a customer's
// specifications or a standard procedure.
var regulationNouns = wordSetOf("law laws regulation regulations regulatory statute statutes statutory legislation " +
	"federal osha hipaa fda epa flsa sox sarbanes-oxley sarbanes dot faa fmcsa cms jcaho erisa eeo eeoc " +
	"ferpa gdpr finra sec fcra fdcpa respa tila")

// complianceWith reports whether the word at text[start:end] ("Compliance")
// is followed by "with" and, in the rest of its clause (up to a full stop,
// semicolon, colon or the line's end, and at most 12 words), by one of
// regulationNouns.
func complianceWith(text string, start, end int) bool {
	if !strings.EqualFold(text[start:end], "compliance") {
		return false
	}
	w, i := nextWord(text, end)
	if !strings.EqualFold(w, "with") {
		return false
	}
	// "in compliance with" says how a task was done ("disposed of waste in
	// compliance with federal regulations"), not that compliance was the
	// work, unless a verb of keeping or seeing to it stands just before
	// ("ensured the facility is in compliance with", "kept staff in
	// compliance with").
	if p, k := prevWord(text, start); strings.EqualFold(p, "in") && !keptInCompliance(text, k) {
		return false
	}
	rest := text[i+len(w):]
	if k := strings.IndexAny(rest, ".;:\n"); k >= 0 {
		rest = rest[:k]
	}
	for n, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '(' || r == ')' || r == '&' }) {
		if n >= 12 {
			break
		}
		if inFold(regulationNouns, f) {
			return true
		}
	}
	return false
}

// keepingVerbs, up to four words before "in compliance with", make
// compliance the work: the writer kept or saw to it.
var keepingVerbs = wordSetOf("ensure ensures ensured ensuring insure insured insuring assure assured assuring " +
	"sure maintain maintains maintained maintaining keep keeps kept keeping stay stays stayed remain remains " +
	"remained monitor monitored monitoring enforce enforced enforcing verify verified verifying is are was were be")

// keptInCompliance reports whether one of keepingVerbs stands among the four
// words before text[at:] on its line.
func keptInCompliance(text string, at int) bool {
	for range 4 {
		w, k := prevWord(text, at)
		if w == "" {
			return false
		}
		if inFold(keepingVerbs, w) {
			return true
		}
		at = k
	}
	return false
}

// isPreposition reports whether w is "in", "of" or "with", in any case: the
// prepositions of an experience phrase.
func isPreposition(w string) bool {
	return strings.EqualFold(w, "in") || strings.EqualFold(w, "of") || strings.EqualFold(w, "with")
}

// inFold reports whether set, of lower-case words, holds w in any case,
// without allocating.
func inFold(set map[string]bool, w string) bool {
	var buf [24]byte
	if len(w) > len(buf) {
		return false
	}
	for i := range len(w) {
		buf[i] = lower[w[i]]
	}
	return set[string(buf[:len(w)])]
}

// hasSuffixFold reports whether w ends in the lower-case suffix, in any case.
func hasSuffixFold(w, suffix string) bool {
	return len(w) >= len(suffix) && strings.EqualFold(w[len(w)-len(suffix):], suffix)
}
