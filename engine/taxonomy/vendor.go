package taxonomy

import (
	"slices"
	"strings"
)

// Vendor short forms. A product of a vendor family is named "VENDOR REST"
// ("AWS Lambda", "Azure Functions", "SAP SD"), and a resume that has named
// the vendor writes the rest alone: "AWS: EC2, RDS, Lambda", "Azure (VMs,
// Functions, Blob Storage)", "SAP modules like MM, FI, SD". The rest alone is
// often a word or an acronym of something else ("Functions", "SD", "MM"),
// so it counts only where the vendor stands beside it: the vendor, or
// another of its products named in full, among the names next to it on its
// line (besideNames) — or, for a list item (the short form first on a
// short line), on the line just above or below, or above a run of such
// items.
//
// The short forms are made at load from the names, so an overlay's products
// get them too: for each skill with no context rule whose name or alias is
// a vendor's prefix (namePrefixes), a space, and a rest, where the vendor is a skill
// the product implies and the vendor is a family (vendorFamily). The rest is
// a short form unless it is a name, alias or name variant of any skill, a
// cue word, or a short word in lower case ("Run"): one word needs four
// letters or capitals only ("SD", "ASA"); nor when its first words are a
// name ("SQL Database"), which a form that fails its rule would hide. An
// acronym of up to three letters that an alias leaves is weak: it is often
// the everyday acronym ("SAP HR" for SAP HCM; "HR" beside SAP in an HR
// keyword list is human resources), so it counts only next to another of
// the vendor's short forms that counts ("SAP modules like … QM and HR"). When two vendors' products leave the same rest ("Azure
// Functions", "Google Cloud Functions"), the form names the product of the
// vendor found beside it.

// shortForm is one reading of a short form: a product and its vendor.
type shortForm struct {
	skill, vendor int32
	// weak is an alias's acronym ("HR" of SAP HR): it counts only next to
	// another short form of the vendor that counts (see shortFormAt)
	weak bool
}

// vendorFamily reports whether the skill s is a vendor whose products resumes
// name by their rest alone: a cloud platform (AWS, Azure, GCP) or an
// enterprise suite with modules (vendorSuites).
func vendorFamily(s Skill) bool {
	return s.Category == "cloud" || vendorSuites[s.ID]
}

// vendorSuites are the suites, not cloud platforms, whose modules are named
// by their short form after the suite is named ("SAP modules: SD, MM").
var vendorSuites = map[string]bool{"sap": true}

// addShortForms fills t.shortKeys and t.shorts from the skills' names (see
// above). It runs after the names and variants are in t.byName.
func addShortForms(t *Taxonomy) {
	prefixes := map[int32][]string{} // vendor → its normalised names
	for i, s := range t.skills {
		if s.Context != "" || len(s.CaseSensitive) > 0 {
			continue
		}
		for _, v := range s.Implies {
			vi := int32(t.byID[v])
			vs := t.skills[vi]
			if !vendorFamily(vs) {
				continue
			}
			if _, ok := prefixes[vi]; !ok {
				prefixes[vi] = namePrefixes(vs)
			}
			for a, n := range append([]string{s.Name}, s.Aliases...) {
				k := normalize(n)
				for _, p := range prefixes[vi] {
					if !strings.HasPrefix(k, p) {
						continue
					}
					// the rest as written: the name's words after the
					// prefix's
					rest := strings.Join(strings.Fields(n)[strings.Count(p, " "):], " ")
					weak := a > 0 && len(rest) <= 3 // an alias's acronym: see above
					t.addShortForm(rest, shortForm{int32(i), vi, weak})
				}
			}
		}
	}
}

// namePrefixes returns the normalised prefixes that name vendor v before
// a product, each ending in a space: its names and aliases, and the first
// word of a name of several ("amazon " of Amazon Web Services, for "Amazon
// ECS"; "google " of Google Cloud, for "Google Cloud Storage"). Only the
// products that imply v are read with them.
func namePrefixes(v Skill) []string {
	var out []string
	for _, n := range append([]string{v.Name}, v.Aliases...) {
		k := normalize(n)
		if k == "" {
			continue
		}
		out = append(out, k+" ")
		if sp := strings.IndexByte(k, ' '); sp > 0 && !slices.Contains(out, k[:sp+1]) {
			out = append(out, k[:sp+1])
		}
	}
	return out
}

// addShortForm records rest as a short form of f.skill, unless it is taken
// or too short a word (see above).
func (t *Taxonomy) addShortForm(rest string, f shortForm) {
	k := normalize(rest)
	if k == "" || cueSet[k] {
		return
	}
	if _, taken := t.byName[k]; taken {
		return
	}
	if !strings.Contains(k, " ") && len(k) < 4 && strings.ToUpper(rest) != rest {
		return
	}
	// a form that fails must hide no shorter name it starts with ("SQL
	// Database" with no Azure beside it is still SQL)
	for sp := strings.IndexByte(k, ' '); sp > 0; sp = nextSpace(k, sp) {
		if _, taken := t.byName[k[:sp]]; taken || cueSet[k[:sp]] {
			return
		}
	}
	if t.shortKeys == nil {
		t.shortKeys = map[string]int32{}
	}
	x, ok := t.shortKeys[k]
	if !ok {
		x = int32(len(t.shorts))
		t.shortKeys[k] = x
		t.shorts = append(t.shorts, nil)
		t.shortText = append(t.shortText, rest)
	}
	if !slices.ContainsFunc(t.shorts[x], func(g shortForm) bool { return g.skill == f.skill }) {
		t.shorts[x] = append(t.shorts[x], f)
	}
}

// nextSpace returns the index of the first space in k after index sp, or -1.
func nextSpace(k string, sp int) int {
	if n := strings.IndexByte(k[sp+1:], ' '); n >= 0 {
		return sp + 1 + n
	}
	return -1
}

// shortFormAt returns the skill that the short form cands[i] names, or -1
// when no vendor of it stands beside it (see above).
func (t *Taxonomy) shortFormAt(text string, cands []candidate, i int) int32 {
	forms := t.shorts[t.m.patterns[cands[i].pat].short-1]
	for _, f := range forms {
		if f.weak {
			if t.besideStrongForm(text, cands, i, f.vendor) {
				return f.skill
			}
			continue
		}
		if t.vendorBeside(text, cands, i, f.vendor) {
			return f.skill
		}
		beside := func(k int) bool { return t.namesVendor(text, cands, k, f.vendor) }
		if listItem(text, cands[i].start()) && (nearby(cands, i, 1, beside) || t.vendorAbove(text, cands, i, f.vendor)) {
			return f.skill
		}
	}
	return -1
}

// besideStrongForm reports whether the candidate just before or after
// cands[i] on its line is a short form that names a product of vendor v by
// a form that is not weak: "QM and HR" in "SAP modules like MM, FI, …, QM
// and HR", never "HR" beside SAP in an HR keyword list.
func (t *Taxonomy) besideStrongForm(text string, cands []candidate, i int, v int32) bool {
	for _, k := range []int{i - 1, i + 1} {
		if k < 0 || k >= len(cands) || cands[k].line() != cands[i].line() {
			continue
		}
		x := t.m.patterns[cands[k].pat].short
		if x == 0 {
			continue
		}
		for _, f := range t.shorts[x-1] {
			if !f.weak && f.vendor == v && t.vendorBeside(text, cands, k, v) {
				return true
			}
		}
	}
	return false
}

// vendorAbove reports whether the list item cands[i] follows, one item per
// line, other short-form items up to a line that names vendor v:
// "SAP modules:" above "- SD" and "- MM".
func (t *Taxonomy) vendorAbove(text string, cands []candidate, i int, v int32) bool {
	line := cands[i].line()
	for k := i - 1; k >= 0 && cands[k].line() >= line-1; k-- {
		c := cands[k]
		switch {
		case c.line() == line:
			continue
		case t.namesVendor(text, cands, k, v):
			return true
		case t.m.patterns[c.pat].short != 0 && listItem(text, c.start()):
			line = c.line() // an item above: go on up
		}
	}
	return false
}

// besideNames is how many names, short forms not counted, may stand between
// a short form and its vendor on a line: "SAP modules like MM, FI, CO, SD"
// and "AWS EC2, RDS, CloudFormation, Lambda" pass, a long keyword list
// ("BI, Business Intelligence, Cognos, … SAP") does not.
const besideNames = 3

// vendorBeside reports whether one of the besideNames candidates nearest
// to cands[i] on each side, on its line and not counting short forms,
// names vendor v.
func (t *Taxonomy) vendorBeside(text string, cands []candidate, i int, v int32) bool {
	line := cands[i].line()
	for _, step := range []int{-1, 1} {
		seen := 0
		for k := i + step; k >= 0 && k < len(cands) && cands[k].line() == line && seen < besideNames; k += step {
			if t.m.patterns[cands[k].pat].short != 0 {
				continue
			}
			if t.namesVendor(text, cands, k, v) {
				return true
			}
			seen++
		}
	}
	return false
}

// namesVendor reports whether candidate cands[k] names vendor v: v itself
// or a product that implies it, never by a short form, and by an ambiguous
// name ("AWS", "Glue") only when no veto rules it out (the short form beside
// it is the context it needs).
func (t *Taxonomy) namesVendor(text string, cands []candidate, k int, v int32) bool {
	q := t.m.patterns[cands[k].pat]
	if q.skill < 0 || q.short != 0 || q.ambiguous && t.isVetoed(text, cands, k) {
		return false
	}
	return q.skill == v || slices.Contains(t.skills[q.skill].Implies, t.skills[v].ID)
}

// shortFormOf returns the ids of the products that name, written alone, may
// stand for as a vendor short form ("Lambda": aws-lambda), or nil.
func (t *Taxonomy) shortFormOf(name string) []string {
	x, ok := t.shortKeys[normalize(name)]
	if !ok {
		return nil
	}
	var ids []string
	for _, f := range t.shorts[x] {
		ids = append(ids, t.skills[f.skill].ID)
	}
	return ids
}

// shortProduct returns the index of the first product that the normalised
// key k names as a short form that is not weak, for Lookup.
func (t *Taxonomy) shortProduct(k string) (int, bool) {
	x, ok := t.shortKeys[k]
	if !ok {
		return 0, false
	}
	i := t.strongShort(x)
	return i, i >= 0
}

// strongShort returns the skill index of the first product that short
// form x names and is not weak, or -1.
func (t *Taxonomy) strongShort(x int32) int {
	for _, f := range t.shorts[x] {
		if !f.weak {
			return int(f.skill)
		}
	}
	return -1
}

// isShortForm reports whether the normalised key k is a vendor short form.
func (t *Taxonomy) isShortForm(k string) bool {
	_, ok := t.shortKeys[k]
	return ok
}

// shortPattern returns the pattern of short form x: ambiguous (its
// rule is the vendor beside it) and rare (special picks the product), its
// first letter in capitals as written ("Lambda", not "lambda"), and an
// acronym of up to three letters exactly as written ("SD", "MM").
func (t *Taxonomy) shortPattern(x int32) pattern {
	f := t.shorts[x][0]
	p := pattern{skill: f.skill, id: t.skills[f.skill].ID, ambiguous: true, rare: true, short: x + 1}
	w := t.shortText[x]
	if len(w) <= 3 && strings.ToUpper(w) == w {
		p.exact = w
	} else if w[0] >= 'A' && w[0] <= 'Z' {
		p.capital = true
	}
	return p
}
