package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Thresholds that keep noisy public entries out; see SOURCES.md.
const (
	minTagCount       = 2500 // a Stack Overflow tag needs this many questions to become a skill
	minLanguageTag    = 500  // a linguist language needs a tag with this many questions
	minONETOccupation = 1    // an O*NET tool must be used by this many occupations (or be "hot")
	// An O*NET tool used by fewer occupations than this and not "hot" is in
	// the long tail, read with stricter rules (see addONET).
	tailONETOccupation = 2
)

// tailGroups are the SOC major groups whose long-tail O*NET tools are all
// imported: management (11), business and financial operations (13),
// computer and mathematical (15) and office and administrative support (43),
// the professions most resumes come from (they held 99 of the 147 corpus
// mentions of long-tail tools). The tail of the other groups (6,123 tools in
// all would double the taxonomy and its load time; 795 science tools gave 2
// mentions) comes in only by name, picked by hand in curated.yaml's
// onet_tail after reading its mentions in the resume corpus.
var tailGroups = map[string]bool{"11": true, "13": true, "15": true, "43": true}

const (
	minConfirmTag = 100 // a one-word O*NET name needs a tag this popular to prove it is software
)

// builder accumulates skills; the first source to claim a name keeps it, so the
// curated overlay (added first) always wins.
type builder struct {
	skills  map[string]*curatedSkill // by id
	curated map[string]bool          // ids from curated.yaml: their aliases are final
	byName  map[string]string        // normalised name or alias → id
	words   map[string]bool
	exclude map[string]bool
	counts  map[string]int // skills added per source
	merged  map[string]string
	// products are (id, word) pairs: a product's own word to add as an
	// alias after every source (see productWord)
	products [][2]string
	stems    map[string]int // O*NET example stems (without a trailing acronym) → how many examples share them
}

func newBuilder(words map[string]bool, exclude []string) *builder {
	b := &builder{skills: map[string]*curatedSkill{}, curated: map[string]bool{}, byName: map[string]string{},
		words: words, exclude: map[string]bool{}, counts: map[string]int{}}
	for _, e := range exclude {
		b.exclude[norm(e)] = true
	}
	return b
}

func norm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// common reports whether a name is a single common English word (or a
// one-letter name), which must not become a skill or alias without a curated
// context rule.
func (b *builder) common(name string) bool {
	n := norm(name)
	if len(n) <= 1 {
		return true
	}
	return !strings.ContainsAny(n, " -") && (b.words[n] || b.compound(n))
}

// compound reports whether a lower-case word is English words run together
// ("arraylist", "onchange", "bufferedreader"), optionally after a short API
// prefix ("jtextfield", "uibutton", "nstimer"): API names, not skills.
func (b *builder) compound(w string) bool {
	for _, p := range []string{"", "j", "ui", "ns", "ca", "q", "wx", "g"} {
		if strings.HasPrefix(w, p) && b.split(w[len(p):], 0) {
			return true
		}
	}
	return false
}

func (b *builder) split(w string, parts int) bool {
	if w == "" {
		return parts >= 2
	}
	for i := len(w); i >= 2; i-- {
		if b.words[w[:i]] && b.split(w[i:], parts+1) {
			return true
		}
	}
	return false
}

// camel reports whether a one-word name is spelled like a product — a
// capital or digit after its first letter, lower-case letters too, and not
// itself an English word in lower case: "MicroStation", "OneNote", "LabVIEW"
// are English words run together but names, unlike "arraylist".
func (b *builder) camel(name string) bool {
	if strings.ContainsAny(name, " -") || len(name) < 2 || b.words[strings.ToLower(name)] {
		return false
	}
	inner := strings.ContainsFunc(name[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) })
	return inner && strings.ContainsFunc(name, unicode.IsLower)
}

func (b *builder) addCurated(skills []curatedSkill) error {
	var errs []string
	for _, s := range skills {
		s := s
		if s.ID == "" || s.Name == "" || s.Category == "" {
			return fmt.Errorf("curated skill %q: id, name and category are required", s.ID)
		}
		if _, dup := b.skills[s.ID]; dup {
			return fmt.Errorf("curated skill %q: id repeats", s.ID)
		}
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if other, taken := b.byName[norm(n)]; taken && other != s.ID {
				errs = append(errs, fmt.Sprintf("curated skill %q: name %q already belongs to %q", s.ID, n, other))
			}
			b.byName[norm(n)] = s.ID
		}
		b.skills[s.ID] = &s
		b.curated[s.ID] = true
		b.counts["curated"]++
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	for _, s := range skills {
		for _, e := range append(append([]string(nil), s.Implies...), s.Related...) {
			if _, ok := b.skills[e]; !ok {
				return fmt.Errorf("curated skill %q: edge to unknown id %q", s.ID, e)
			}
		}
	}
	return nil
}

// add merges a public entry: if any of its names is known it adds the others
// as aliases of that skill, otherwise it creates a skill. It returns the id.
func (b *builder) add(source, name, category string, aliases []string) string {
	name = strings.TrimSpace(name)
	if name == "" || b.exclude[norm(name)] || b.common(name) {
		return ""
	}
	names := append([]string{name}, aliases...)
	id := ""
	for k, n := range names {
		if k > 0 && isAcronym(n) {
			continue // "PMS" names many products: an acronym alias alone does not make two entries one skill
		}
		if got, ok := b.byName[norm(n)]; ok {
			id = got
			break
		}
	}
	if id == "" {
		id = slug(name)
		if id == "" {
			return ""
		}
		for base, i := id, 2; b.skills[id] != nil; i++ {
			id = fmt.Sprintf("%s-%d", base, i)
		}
		b.skills[id] = &curatedSkill{ID: id, Name: name, Category: category}
		b.byName[norm(name)] = id
		b.counts[source]++
	}
	if b.curated[id] {
		return id
	}
	s := b.skills[id]
	for _, a := range aliases {
		b.alias(s, a)
	}
	return id
}

func (b *builder) alias(s *curatedSkill, a string) {
	a = strings.TrimSpace(a)
	k := norm(a)
	if k == "" || b.exclude[k] || b.common(a) && !b.camel(a) || len(k) < 3 || b.byName[k] != "" || !strings.ContainsFunc(k, unicode.IsLetter) {
		return
	}
	// Short lower-case aliases are file extensions and abbreviations
	// ("inc", "rb") more often than names; short capitals are acronyms and
	// match in capitals only.
	if len(k) < 4 && a == k && !strings.ContainsAny(k, "+#.") {
		return
	}
	b.byName[k] = s.ID
	s.Aliases = append(s.Aliases, a)
}

func slug(name string) string {
	r := strings.NewReplacer("c++", "cpp", "c#", "c-sharp", "f#", "f-sharp", "+", "-plus", "#", "-sharp", ".net", "dotnet", "&", "-and-")
	s := r.Replace(strings.ToLower(name))
	var out []rune
	dash := false
	for _, c := range s {
		if c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			out = append(out, c)
			dash = false
		} else if !dash && len(out) > 0 {
			out = append(out, '-')
			dash = true
		}
	}
	return strings.Trim(string(out), "-")
}

// tagName turns a Stack Overflow tag into words a resume would use.
func tagName(tag string) string {
	if strings.ContainsAny(tag, ".#+") {
		return tag
	}
	return strings.ReplaceAll(tag, "-", " ")
}

func (b *builder) addLinguist(langs []language, tags map[string]int) {
	for _, l := range langs {
		if l.Type != "programming" {
			continue
		}
		best := tags[strings.ToLower(strings.ReplaceAll(l.Name, " ", "-"))]
		for _, a := range l.Aliases {
			best = max(best, tags[a])
		}
		if best < minLanguageTag {
			continue
		}
		// linguist aliases are mostly short names and file types ("cask",
		// "flex", "inc"); only punctuated ones ("objective-c") are names
		// people write.
		var aliases []string
		for _, a := range l.Aliases {
			if strings.ContainsAny(a, "+#-.") {
				aliases = append(aliases, a)
			}
		}
		b.add("linguist", l.Name, "language", aliases)
	}
}

var genericTail = map[string]bool{"software": true, "systems": true, "system": true, "suite": true}

// onetNames cleans an O*NET example ("Amazon Elastic Compute Cloud EC2",
// "Intuit QuickBooks", "Spreadsheet software") into a display name and
// aliases; ok is false for generic categories of software.
func (b *builder) onetNames(ex string, tail bool) (name string, aliases []string, ok bool) {
	w := strings.Fields(ex)
	acronym := ""
	// In the long tail a trailing acronym stays in the name when what is
	// left would be a vendor alone: one word ("QUALCOMM QTRACS", "FEMA
	// EMMIE") or a stem that other products share ("Scientific Software
	// Group AQUA3D").
	stem := w[:max(len(w)-1, 0)]
	for len(stem) > 1 && genericTail[strings.ToLower(stem[len(stem)-1])] {
		stem = stem[:len(stem)-1] // "ESI Software ESILAW": the vendor is "ESI"
	}
	// In the long tail a trailing acronym stays in the name unless what is
	// left is a phrase of three words or more ("Search engine marketing
	// SEM"): "Tyler Technologies MUNIS", "QUALCOMM QTRACS" and "Scientific
	// Software Group AQUA3D" are not their vendor.
	keepAcronym := tail && len(w) > 1 && (len(stem) < 3 || b.stems[norm(strings.Join(w[:len(w)-1], " "))] > 1)
	if n := len(w); n > 1 && !keepAcronym && isAcronym(w[n-1]) && len(strings.Join(w[:n-1], " ")) > 3 {
		// "Amazon Simple Storage Service S3" → name without, alias "S3";
		// but "PCC EHR" stays whole: "PCC" alone is something else.
		acronym, w = w[n-1], w[:n-1]
	}
	for len(w) > 1 && genericTail[strings.ToLower(w[len(w)-1])] {
		w = w[:len(w)-1]
	}
	// "File transfer protocol FTP software": the acronym before the generic
	// tail stays in the name (ids are stable), but the words without it
	// ("File transfer protocol") and a long acronym ("RFID") are aliases too.
	var inner []string
	if n := len(w); acronym == "" && !keepAcronym && n > 2 && isAcronym(w[n-1]) && len(strings.Join(w[:n-1], " ")) > 3 {
		inner = append(inner, strings.Join(w[:n-1], " "))
		if len(w[n-1]) >= 4 {
			inner = append(inner, w[n-1])
		}
	}
	generic := true
	for _, t := range w[1:] {
		if t != strings.ToLower(t) {
			generic = false
		}
	}
	if generic && (len(w) > 1 || b.common(w[0])) {
		return "", nil, false
	}
	// "Defense Travel System DTS": the name without its acronym is the
	// product's when it ends in "System" or "Software", not a vendor's,
	// and names more than that word ("Application Software SHEAR" does not).
	if keepAcronym && len(stem) > 1 && isAcronym(w[len(w)-1]) && genericTail[strings.ToLower(w[len(w)-2])] {
		inner = append(inner, strings.Join(w[:len(w)-1], " "))
	}
	// A kept acronym of four letters or more is the product's own name
	// ("MUNIS", "QTRACS"), as for an acronym taken off the name.
	if keepAcronym && len(w) > 1 && isAcronym(w[len(w)-1]) && len(w[len(w)-1]) >= 4 {
		inner = append(inner, w[len(w)-1])
	}
	aliases = append([]string{ex}, inner...)
	if len(acronym) >= 4 {
		aliases = append(aliases, acronym) // "CMP", "CSI", "CLE": three capitals are too often something else
	}
	name = strings.Join(w, " ")
	vendors := map[string]bool{"Microsoft": true, "Intuit": true, "Oracle": true, "Adobe": true, "Autodesk": true, "Apache": true,
		"IBM": true, "Google": true, "Atlassian": true, "The": true, "Apple": true, "Amazon": true, "SAP": true, "Dassault": true, "Trimble": true}
	if len(w) > 1 && vendors[w[0]] {
		rest := strings.Join(w[1:], " ")
		if w[0] == "The" && len(w) > 2 {
			rest = strings.Join(w[2:], " ")
		}
		// Keep the product name without its vendor only when it is spelled
		// like one ("QuickBooks", "PowerPoint"): "Audition" or "Dynamics"
		// alone are words. In the long tail it must be one such word
		// ("Learning Management" of Oracle's is a phrase, not a name).
		if (!b.common(rest) || b.camel(rest)) && strings.ContainsAny(rest[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") &&
			(!tail || !strings.Contains(rest, " ") && b.productWord("X "+rest) != "") {
			aliases = append(aliases, rest)
		}
	}
	return name, aliases, true
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 || !strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/') {
			return false
		}
	}
	return true
}

func (b *builder) addONET(tools []onetTool, tags map[string]int, picked []string) {
	pick := map[string]bool{}
	for _, p := range picked {
		pick[p] = true
	}
	// An acronym that ends several examples ("… Practice management software
	// PMS", "Property management system PMS") names none of them.
	acronyms := map[string]int{}
	for _, t := range tools {
		w := strings.Fields(t.Example)
		for len(w) > 2 && genericTail[strings.ToLower(w[len(w)-1])] {
			w = w[:len(w)-1]
		}
		if len(w) > 1 && isAcronym(w[len(w)-1]) {
			acronyms[w[len(w)-1]]++
		}
	}
	// Stems: what is left of an example without its trailing acronym; a
	// stem that several examples share is a vendor ("Scientific Software
	// Group AQUA3D", "… MODRET").
	b.stems = map[string]int{}
	for _, t := range tools {
		if w := strings.Fields(t.Example); len(w) > 1 && isAcronym(w[len(w)-1]) {
			b.stems[norm(strings.Join(w[:len(w)-1], " "))]++
		}
	}
	var tailProducts [][2]string
	for _, t := range tools {
		if t.Occupations < minONETOccupation && !t.Hot {
			continue
		}
		tail := t.Occupations < tailONETOccupation && !t.Hot
		if tail && !tailGroups[t.Group] && !pick[t.Example] {
			continue
		}
		name, aliases, ok := b.onetNames(t.Example, tail)
		if !ok {
			continue
		}
		kept := aliases[:1]
		for _, a := range aliases[1:] {
			if !isAcronym(a) || acronyms[a] <= 1 {
				kept = append(kept, a)
			}
		}
		aliases = kept
		// A plain capitalised word ("Squeegee", "Guardian", "Traverse") is
		// often an everyday word; keep it only when it is a hot technology or
		// Stack Overflow confirms it is software ("Docker", "Splunk").
		// In the long tail (one occupation, not hot) such a word is never
		// imported: "Square", "Recipe", "Bing" are everyday words or
		// employers in resumes more often than the product.
		if !strings.Contains(name, " ") && name[1:] == strings.ToLower(name[1:]) && !t.Hot &&
			(tail || tags[strings.ToLower(name)] < minConfirmTag) {
			continue
		}
		cat := "software"
		if tags[strings.ToLower(strings.ReplaceAll(name, " ", "-"))] >= minTagCount {
			cat = "tool"
		}
		_, known := b.byName[norm(name)]
		id := b.add("onet", name, cat, aliases)
		if id == "" || b.curated[id] {
			continue
		}
		// A long-tail name of one or two everyday words ("Private
		// Practice", "Value Analysis", "Bed Management") counts only as
		// an item of a skills list; its acronym and full O*NET name still
		// count anywhere.
		if tail && !known && len(strings.Fields(name)) <= 2 && b.everyday(name) {
			b.skills[id].Context = "list"
			b.skills[id].Ambiguous = []string{name}
		}
		if p := b.productWord(name); p != "" {
			if tail {
				tailProducts = append(tailProducts, [2]string{id, p})
			} else {
				b.products = append(b.products, [2]string{id, p})
			}
		}
	}
	// A tail product's own word comes after every other product's, so that
	// "PSpice" stays with Cadence PSpice rather than Cadence OrCAD PSpice.
	b.products = append(b.products, tailProducts...)
}

// everyday reports whether every word of a name is a common English word
// written in lower case or capitalised ("Value Analysis"), with no capital
// inside a word nor digit ("OnBase", "Sage50") that would mark a name.
func (b *builder) everyday(name string) bool {
	for _, w := range strings.Fields(name) {
		lw := strings.ToLower(w)
		if len(w) > 1 && w[1:] != lw[1:] || strings.ContainsAny(w, "0123456789") {
			return false
		}
		if !b.words[strings.Trim(lw, ",.&()")] && !stopWords[lw] {
			return false
		}
	}
	return true
}

var stopWords = map[string]bool{"and": true, "of": true, "for": true, "the": true, "in": true, "on": true, "to": true, "&": true}

// addProductWords adds the product words found by addONET as aliases, last
// of all sources, so that a source naming the product alone ("Nessus")
// keeps its skill.
func (b *builder) addProductWords() {
	for _, p := range b.products {
		if s := b.skills[p[0]]; s != nil {
			b.alias(s, p[1])
		}
	}
}

// productWord returns the last word of a product named by several words
// when that word is a name of its own — five letters or more, capitalised,
// no English word nor English words run together, no acronym, with a capital
// or digit inside: "OnBase" of "Hyland Software OnBase", "EpicCare" of "Epic
// Systems EpicCare" (resumes name the product alone), but not "Server",
// "GoldMine" ("a goldmine of") or "Medisoft". It is added as an alias only, after the
// entry found its skill and after every other source (addProductWords), so
// it never joins two entries into one nor takes a name another source gives.
func (b *builder) productWord(name string) string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return ""
	}
	last := w[len(w)-1]
	// English words run together are no obstacle here: spelled with a
	// capital inside they are the product's name ("LabVIEW", "MicroStation",
	// "OneNote"), unlike lower-case API names ("arraylist").
	if len(last) < 5 || last[0] < 'A' || last[0] > 'Z' || isAcronym(last) || b.words[strings.ToLower(last)] ||
		strings.EqualFold(last, w[0]) || !strings.ContainsFunc(last[1:], unicode.IsLower) {
		return ""
	}
	// Spelled like a name: a capital or a digit inside ("OnBase", "Pix4D").
	// A plain capitalised word may still be English ("Arena", "Jersey",
	// "Cocoa", "Canvas"): the words list does not know every word.
	if !strings.ContainsFunc(last[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
		return ""
	}
	for _, c := range last {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return ""
		}
	}
	return last
}

// addTags adds popular Stack Overflow tags shaped like product names
// ("d3.js", "notepad++", "json.net"). Plain one-word tags are not added on
// their own: too many are programming vocabulary ("footer", "submit",
// "uibutton") to tell apart from products, so those come from the other
// sources and the curated file, and the tags only add aliases and synonyms.
// Version tags ("python-3.x", "c++11") and sub-topic tags ("django-models")
// are skipped.
//
// Plain tags that name products ("virtualbox", "kibana", "talend") cannot be
// told from that vocabulary by rule; curated.yaml's tags map lists the ones
// reviewed by hand with their display names, imported when the tag has at
// least minConfirmTag questions.
func (b *builder) addTags(tags map[string]int, picked map[string]string) {
	for _, t := range slices.Sorted(maps.Keys(picked)) {
		if tags[t] >= minConfirmTag {
			b.add("stackoverflow", picked[t], "tool", []string{tagName(t)})
		}
	}
	var names []string
	for t, n := range tags {
		if n >= minTagCount {
			names = append(names, t)
		}
	}
	sort.Strings(names)
	for _, t := range names {
		known := b.byName[norm(tagName(t))] != ""
		product := strings.ContainsAny(t, ".+#") && strings.Count(t, ".") <= 1 && !strings.ContainsAny(t, "-0123456789") &&
			!strings.HasPrefix(t, "java.") && !strings.HasPrefix(t, "system.") && !strings.HasSuffix(t, ".xml")
		if known || product {
			b.add("stackoverflow", displayTag(t), "tool", nil)
		}
	}
}

func endsInVersion(t string) bool {
	return len(t) > 0 && (t[len(t)-1] >= '0' && t[len(t)-1] <= '9' || strings.HasSuffix(t, ".x"))
}

func displayTag(t string) string {
	n := tagName(t)
	if strings.ContainsAny(n, ".#+0123456789") {
		return n
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// addESCO adds ESCO knowledge items whose label is a proper name (a capital
// letter, at most three words: "Haskell", "ABAP", "Drupal"); lower-case
// concept labels rarely appear verbatim in resumes.
func (b *builder) addESCO(skills []escoSkill) {
	for _, s := range skills {
		if s.Type != "knowledge" || len(strings.Fields(s.Label)) > 3 || s.Label == strings.ToLower(s.Label) {
			continue
		}
		var alts []string
		for _, a := range s.AltLabels {
			if len(strings.Fields(a)) <= 3 && a != strings.ToLower(a) {
				alts = append(alts, a)
			}
		}
		b.add("esco", s.Label, "tool", alts)
	}
}

// addSynonyms adds Stack Overflow tag synonyms ("golang" → "go") as aliases of
// skills that exist, when the synonym is used (a tag the site renamed).
func (b *builder) addSynonyms(syn []synonym, tags map[string]int) {
	for _, s := range syn {
		id := b.byName[norm(tagName(s.to))]
		if id == "" || b.curated[id] || endsInVersion(s.from) {
			continue
		}
		// Short plain-word synonyms ("flex", "ember", "msie") are too
		// often other words; keep "golang"-length ones and punctuated ones.
		if len(s.from) < 6 && !strings.ContainsAny(s.from, "-.+#0123456789") {
			continue
		}
		b.alias(b.skills[id], tagName(s.from))
	}
}

// markCase lists in CaseSensitive the names in capitals that are words or
// abbreviations in lower case: short ones that are common words ("CAN",
// "ARM", "REST", "SAFe") and, for generated skills, every name in capitals
// ("CALM", "SIP", "XPSWMM"), which O*NET uses for acronyms. Widely known acronyms that are
// not words ("SQL", "CSS", "AWS") still match in any case.
func (b *builder) markCase() {
	for id, s := range b.skills {
		seen := map[string]bool{}
		for _, c := range s.Case {
			seen[c] = true
		}
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if seen[n] || n == strings.ToLower(n) || len(n) <= 2 {
				continue
			}
			capitals := 0
			for _, c := range n {
				if c >= 'A' && c <= 'Z' {
					capitals++
				}
			}
			word := capitals >= 2 && len(n) <= 4 && b.words[strings.ToLower(n)]
			acronym := !b.curated[id] && isAcronym(n)
			if word || acronym {
				s.Case = append(s.Case, n)
				seen[n] = true
			}
		}
		sort.Strings(s.Case)
	}
}

// encode writes one skill per line, sorted by id, with sorted aliases, so
// that diffs of the generated file are readable.
func (b *builder) encode(version string) ([]byte, string) {
	ids := make([]string, 0, len(b.skills))
	for id := range b.skills {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\"version\": %q,\n", version)
	if len(b.merged) > 0 {
		m, _ := json.Marshal(b.merged) // keys sorted
		fmt.Fprintf(&buf, "\"merged\": %s,\n", m)
	}
	buf.WriteString("\"skills\": [\n")
	for i, id := range ids {
		s := *b.skills[id]
		if !b.curated[id] {
			sort.Strings(s.Aliases)
		}
		line, _ := json.Marshal(s)
		buf.Write(line)
		if i < len(ids)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	var parts []string
	for _, src := range []string{"curated", "linguist", "onet", "stackoverflow", "esco", "merged"} {
		parts = append(parts, fmt.Sprintf("%s %d", src, b.counts[src]))
	}
	return buf.Bytes(), fmt.Sprintf("%d skills (%s)", len(ids), strings.Join(parts, ", "))
}
