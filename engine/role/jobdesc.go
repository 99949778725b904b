package role

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Section kinds of a job description.
const (
	secIntro    = iota // before any heading: only cued sentences count
	secDuties          // responsibilities: only explicit "must have"/"required" count
	secRequired        // requirements, qualifications, skills, must have
	secPlus            // nice to have, preferred, bonus
	secIgnore          // benefits, about the company
	secStop            // FAQ and marketing tail: nothing after counts
)

// headings maps words of a heading to its kind; the first rule that matches
// wins, so "preferred qualifications" is plus, not required.
var headings = []struct {
	kind  int
	words []string
}{
	{secStop, []string{"frequently asked", "faq", "start free trial", "free trial", "similar jobs", "related jobs", "how to apply", "apply now", "share this job", "post a job"}},
	{secPlus, []string{"nice to have", "nice-to-have", "preferred", "bonus", "plus", "desirable", "desired", "advantage", "good to have", "extra credit"}},
	{secIgnore, []string{"benefit", "perks", "we offer", "what we offer", "about us", "about the company", "about the team", "company", "compensation", "salary", "why join", "why you'll love", "equal opportunity", "location", "schedule", "job type", "pay range", "pay rate"}},
	{secDuties, []string{"responsibilit", "duties", "what you'll do", "what you will do", "the role", "your role", "day to day", "day-to-day", "job description", "summary", "overview", "tasks", "your mission", "key accountabilities", "what you do"}},
	{secRequired, []string{"requirement", "qualification", "skills", "must have", "must-have", "what you'll bring", "what you will bring", "what we're looking for", "what we are looking for", "who you are", "about you", "you have", "you should have", "you'll need", "you will need", "what you need", "we need", "you bring", "experience", "competenc", "knowledge", "education", "essential", "required", "profile", "certification", "licens"}},
}

// Sentence cues that override the section.
var (
	plusCue = regexp.MustCompile(`(?i)\b(is|are|would be|will be)? ?an? (big |huge |strong )?(plus|bonus|advantage|asset)\b|nice[ -]to[ -]have|\bbonus\b|\bpreferred\b|\bpreferably\b|\bdesirable\b|\bideally\b|\bis a plus\b|\bbeneficial\b|\bnot required\b|\boptional\b|would be (great|nice|good)|\bgreat if\b|\bnice if\b|\badvantageous\b|\bpreferable\b|\bdesired\b`)
	mustCue = regexp.MustCompile(`(?i)must[ -]have|\bmust\b|\brequired\b|\brequirement|\bstrong (experience|background|knowledge|skills)\b|\bproficien|\bexpert\b|\bexpertise\b|\bsolid\b|\bmandatory\b|\bessential\b`)
	// softCue marks an intro sentence that states what the candidate brings.
	softCue = regexp.MustCompile(`(?i)\bexperience (with|in|using|of)\b|\bknowledge of\b|\bfamiliar(ity)? with\b|\bskilled (in|with)\b|\bcertifi|\blicen[cs]e|\byou (have|know|bring)\b|\bhands-on\b|\byears\b|\bability to use\b|\bworking knowledge\b|\bunderstanding of\b|\bexposure to\b|\bbackground in\b|\btrack record\b`)
	// anyCue before a list makes it a set of alternatives.
	anyCue     = regexp.MustCompile(`(?i)(such as|like|e\.g\.?|for example|for instance|including|one of|one or more of|any of|either|at least one)[\s:,(]*$`)
	yearsRe    = regexp.MustCompile(`(?i)(\d+)\s*(?:\+|-\s*\d+)?\s*(?:\+\s*)?(?:years?|yrs?)\b`)
	degreeRe   = regexp.MustCompile(`(?i)\b(bachelor|bachelor's|bachelors|b\.?s\.?c?|b\.?a\.?|master|master's|masters|m\.?s\.?c?|mba|ph\.?d|doctorate|associate's|associate degree|associates|high school|ged|diploma|degree)\b`)
	titleNoise = regexp.MustCompile(`(?i)\s*[-–—:|]?\s*(job description( template)?|job posting|job ad(vert)?|job opening|position description|template|hiring now|we're hiring|now hiring)\s*$`)
)

// requirement tiers while parsing.
const (
	tierNone = iota
	tierRequired
	tierPlus
)

// jdItem is one parsed requirement with the tier and order it was found in.
type jdItem struct {
	tier   int
	skills []string // display names
	min    int
}

// FromJobDescription turns a job-description text into a canonical role.
//
// The title is the first line (without "Job Description Template" and the
// like). Sections under headings such as "Requirements", "Qualifications",
// "Skills" or "Must have" give REQUIRED skills; "Nice to have", "Preferred",
// "Bonus" give PLUS skills; a sentence saying "is a plus", "nice to have",
// "bonus" or "preferred" is PLUS wherever it is, one saying "must have",
// "required" or "strong experience" is REQUIRED. Responsibilities count only
// when so cued, so a tool mentioned in passing is not required. Alternatives
// come from "such as Django or Flask", "X, Y or Z", "(AWS, Azure, GCP)" and
// "at least one of"; "5+ years of Go" sets a minimum on Go and "3+ years of
// professional experience" the total experience. Soft skills are left out:
// every description asks for them and no resume proves them. Nothing after
// an FAQ or a "Start Free Trial" line is read.
//
// The result has canonical skill names and a Version; it may have no
// requirements at all when the text names no known skill.
func FromJobDescription(text string, tax *taxonomy.Taxonomy) Role {
	r := Role{Title: jdTitle(text)}
	var items []jdItem
	eduBest := 0
	section := secIntro
	lines := joinWrapped(strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), tax)
	jd := newJDContext(lines, tax)
	first := true
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if first {
			first = false // the title line
			continue
		}
		lineSection := section
		if kind, rest, ok := heading(line, tax); ok {
			if kind == secStop {
				break
			}
			if rest == "" {
				section = kind
				continue
			}
			// "Preferred Skills: Airflow, Spark" labels this line only
			lineSection, line = kind, rest
		}
		if lineSection == secIgnore {
			continue
		}
		line = stripBullet(line)
		for _, sent := range sentences(line) {
			all := collapseSame(sent, jd.mentions(sent))
			ms := dropLabels(sent, all)
			degrees := degreeRe.FindAllStringIndex(sent, -1)
			years := yearsRe.FindAllStringIndex(sent, -1)
			plan := planTiers(sent, sentenceUnits(ms, degrees, years), func(clause string) int { return sectionTier(clause, lineSection) })
			if len(degrees) > 0 {
				if lvl := degreeLevel(sent, degrees, plan); lvl > 0 && (eduBest == 0 || lvl < eduBest) {
					eduBest = lvl
				}
				// "degree in Computer Science" names a field, not a skill;
				// "… and 3+ years of Python" after it still asks for Python
				ms = outsideFields(sent, degrees, ms)
			}
			r.MinTotalMonths = max(r.MinTotalMonths, requiredTotal(sent, ms, plan))
			items = append(items, sentenceItems(sent, all, ms, plan)...)
		}
	}
	if eduBest > 0 {
		r.Education = educationLevels[eduBest-1]
	}
	r.Required, r.Plus = mergeItems(items)
	if r.Title == "" {
		r.Title = "Untitled role"
	}
	r.Version = version(r)
	return r
}

// joinWrapped joins a line that starts in lower case to the line before it:
// a sentence wrapped over lines ("the ability\nto run the kitchen") is read
// as one, with the section of its first line. A heading is never joined to.
func joinWrapped(lines []string, tax *taxonomy.Taxonomy) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if n := len(out); n > 0 && t != "" && startsLower(t) {
			prev := strings.TrimSpace(out[n-1])
			if _, rest, isHeading := heading(prev, tax); prev != "" && (!isHeading || rest != "") {
				out[n-1] = strings.TrimRight(out[n-1], " \t") + " " + t
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func startsLower(s string) bool {
	r := []rune(s)
	return unicode.IsLower(r[0])
}

func jdTitle(text string) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		l = strings.TrimPrefix(strings.TrimPrefix(l, "Job Title:"), "Title:")
		if i := strings.Index(l, " | "); i > 0 {
			l = l[:i] // "Machine Learning Engineer | Remote (EU)"
		}
		for {
			t := titleNoise.ReplaceAllString(l, "")
			if t == l {
				break
			}
			l = t
		}
		return strings.TrimSpace(strings.Trim(l, "#*: "))
	}
	return ""
}

// heading reports whether line is a section heading, its kind, and any text
// after a colon ("Requirements: Python, SQL").
func heading(line string, tax *taxonomy.Taxonomy) (kind int, rest string, ok bool) {
	if strings.HasPrefix(line, "•") || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || numberedItem.MatchString(line) {
		return 0, "", false
	}
	head := line
	if i := strings.IndexByte(line, ':'); i > 0 {
		head, rest = line[:i], strings.TrimSpace(line[i+1:])
	} else if strings.HasSuffix(line, ".") || strings.HasSuffix(line, ",") {
		return 0, "", false
	}
	head = strings.Trim(head, "#*_ ")
	if n := len(strings.Fields(head)); n > 7 || n > 5 && rest == "" && !strings.HasSuffix(line, ":") {
		return 0, "", false
	}
	if len(skillMentions(head, tax)) > 0 {
		return 0, "", false // "Strong classroom management skills" is a requirement
	}
	low := strings.ToLower(head)
	if strings.HasPrefix(low, "about ") && low != "about you" && low != "about the role" {
		return secIgnore, rest, true
	}
	for _, h := range headings {
		for _, w := range h.words {
			if strings.Contains(low, w) {
				return h.kind, rest, true
			}
		}
	}
	if rest == "" && (strings.HasSuffix(line, ":") || isTitleCase(head) && len(skillMentions(head, tax)) == 0) {
		return secIntro, "", true
	}
	return 0, "", false
}

// isTitleCase reports whether every word of s starts with a capital, as
// headings such as "About Acme" do (one-word lines excluded: those are
// usually list items).
func isTitleCase(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 5 {
		return false
	}
	for _, w := range f {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) && w != "&" && w != "and" && w != "of" && w != "the" && w != "to" {
			return false
		}
	}
	return true
}

var numberedItem = regexp.MustCompile(`^\(?[0-9a-z]{1,2}[.)]\s+`)

func stripBullet(line string) string {
	line = strings.TrimSpace(strings.TrimLeft(line, "•·▪◦‣–—-*+>● \t"))
	return numberedItem.ReplaceAllString(line, "")
}

// sentences splits a line at sentence ends, keeping "e.g." and "etc." inside.
func sentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line)-1; i++ {
		c := line[i]
		if (c == '.' || c == '!' || c == '?' || c == ';') && line[i+1] == ' ' {
			word := line[strings.LastIndexAny(line[:i], " (")+1 : i]
			lw := strings.ToLower(word)
			if lw == "e.g" || lw == "i.e" || lw == "etc" || lw == "vs" || len(word) == 1 {
				continue
			}
			out = append(out, line[start:i+1])
			start = i + 2
		}
	}
	return append(out, line[start:])
}

// offerCue marks a sentence about what the employer offers, not what it asks.
var offerCue = regexp.MustCompile(`(?i)\bwe offer\b|\b(sign-on|signing|joining|performance) bonus|\bbenefits package\b|\b401\(k\)|\bpaid time off\b|\bsalary\b|\bhealth insurance\b`)

// sectionTier is the tier of an uncued clause in a section: required in
// requirements, plus in nice-to-have, required in the introduction when the
// clause says what the candidate brings ("experience with"), else none.
func sectionTier(clause string, section int) int {
	switch section {
	case secRequired:
		return tierRequired
	case secPlus:
		return tierPlus
	case secIntro:
		if softCue.MatchString(clause) {
			return tierRequired
		}
	}
	return tierNone
}

// sentenceUnits lists the skills, degrees and years phrases of a sentence
// in order; a degree or years phrase overlapping a skill is left out.
func sentenceUnits(ms []mention, degrees, years [][]int) []unit {
	var out []unit
	for _, m := range ms {
		out = append(out, unit{start: m.start, end: m.end, skill: true})
	}
	for _, d := range append(append([][]int(nil), degrees...), years...) {
		overlap := false
		for _, u := range out {
			if d[0] < u.end && u.start < d[1] {
				overlap = true
				break
			}
		}
		if !overlap {
			out = append(out, unit{start: d[0], end: d[1]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// fieldEnd ends the field of study after a degree: the end of its clause,
// or an "and" that goes on to something else ("… in Education and a valid
// teaching license", "… and 3+ years of Python").
var fieldEnd = regexp.MustCompile(`(?i)[;.]\s|[;.]$|,\s*and\b|\s(with|plus|coupled|along|as well as)\b|\sand\s+(\d|an?\s|the\s|experience|knowledge|proficien|familiar|strong|solid|hands-on|excellent|good|at least|minimum)`)

// fieldStart opens a degree's field of study: "in" or "of" right after
// the degree ("Bachelor's degree in …", "Bachelor of …"), or a
// parenthesis. A degree without one names no field: "Bachelor's degree,
// Docker preferred" asks for Docker.
var fieldStart = regexp.MustCompile(`(?i)^(?:\s*(?:'s|’s|degree|diploma))*\s*(?:(?:in|of)\b|\()`)

// outsideFields drops the mentions that name a degree's field of study:
// everything from each degree that opens a field to the end of it.
func outsideFields(s string, degrees [][]int, ms []mention) []mention {
	var fields [][2]int // from each degree that opens a field to the field's end
	for _, d := range degrees {
		if !fieldStart.MatchString(s[d[1]:]) {
			continue
		}
		end := len(s)
		if e := fieldEnd.FindStringIndex(s[d[1]:]); e != nil {
			end = d[1] + e[0]
		}
		fields = append(fields, [2]int{d[0], end})
	}
	return slices.DeleteFunc(slices.Clone(ms), func(m mention) bool {
		return slices.ContainsFunc(fields, func(f [2]int) bool { return m.start >= f[0] && m.start < f[1] })
	})
}

// requiredTotal is the total experience a sentence requires ("3+ years of
// professional experience"), 0 when none or only as a plus.
func requiredTotal(s string, ms []mention, plan tierPlan) int {
	total, _ := yearsOf(s, ms, func(at int) bool { return plan.tierAt(at) == tierRequired })
	return total
}

// degreeLevel is the lowest degree level a sentence requires ("Bachelor's
// or Master's" → bachelor; "Master's preferred" → none), or 0.
func degreeLevel(s string, degrees [][]int, plan tierPlan) int {
	best := 0
	for _, d := range degrees {
		if plan.tierAt(d[0]) != tierRequired {
			continue
		}
		l, ok := normalizeEducation(strings.ToLower(s[d[0]:d[1]]))
		if !ok {
			continue
		}
		if r := EducationRank(l); r > 0 && (best == 0 || r < best) {
			best = r
		}
	}
	return best
}

// mention is a skill found in a sentence, with its byte span.
type mention struct {
	name       string
	category   string
	start, end int
}

// skillMentions returns the non-soft skills named in s, in order.
func skillMentions(s string, tax *taxonomy.Taxonomy) []mention {
	var out []mention
	for _, m := range tax.Extract(s) {
		sk, ok := tax.Get(m.SkillID)
		if !ok || sk.Category == "soft" || m.End > len(s) {
			continue
		}
		out = append(out, mention{name: sk.Name, category: sk.Category, start: m.Start, end: m.End})
	}
	return out
}

// jdContext is what a sentence is read with: the taxonomy, and whether the
// description as a whole is technical.
type jdContext struct {
	tax  *taxonomy.Taxonomy
	tech bool
}

// techCategories are the categories that make a description technical.
var techCategories = map[string]bool{"language": true, "framework": true, "library": true, "database": true, "cloud": true, "platform": true, "protocol": true}

func newJDContext(lines []string, tax *taxonomy.Taxonomy) *jdContext {
	n := 0
	for _, l := range lines {
		for _, m := range skillMentions(l, tax) {
			if techCategories[m.category] {
				n++
			}
		}
	}
	return &jdContext{tax: tax, tech: n >= 2}
}

// mentions returns the skills of a sentence. In a technical description an
// ambiguous name on a line of its own ("5+ years of Go") counts: the
// description is its context, as the line would be in a resume.
//
// Elsewhere an ambiguous name counts when it is capitalised inside a
// sentence, as product names are ("charting in Epic", "ADP or Workday").
func (jd *jdContext) mentions(s string) []mention {
	cued := skillMentions(s+" ; technologies", jd.tax)
	if jd.tech {
		return cued
	}
	plain := skillMentions(s, jd.tax)
	var out []mention
	i := 0
	for _, m := range cued {
		for i < len(plain) && plain[i].start < m.start {
			out = append(out, plain[i])
			i++
		}
		if i < len(plain) && plain[i].start == m.start {
			out = append(out, plain[i])
			i++
			continue
		}
		if properName(s, m) {
			out = append(out, m)
		}
	}
	return append(out, plain[i:]...)
}

// properName reports whether a mention is written capitalised and not at
// the start of its sentence.
func properName(s string, m mention) bool {
	if m.start == 0 || !unicode.IsUpper([]rune(s[m.start:m.end])[0]) {
		return false
	}
	before := strings.TrimRight(s[:m.start], " \t(\"'")
	return before != "" && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, ":")
}

// sentenceItems groups a sentence's skills into requirements, each in the
// tier the plan gives it. A list of one tier joined by "or" or "/" is one
// set of alternatives ("Django or Flask"; "Python and Django or Flask" is
// Python and one of the two), and so is a whole list after "such as" or "at
// least one of", or in parentheses after a label ("Cloud platforms (AWS,
// Azure, GCP)"); other skills stand alone. In PLUS every skill stands
// alone: each one is a bonus.
func sentenceItems(s string, all, ms []mention, plan tierPlan) []jdItem {
	if len(ms) == 0 {
		return nil
	}
	_, years := yearsOf(s, ms, func(int) bool { return false })
	tiers := make([]int, len(ms))
	for k, m := range ms {
		tiers[k] = plan.tierAt(m.start)
	}
	var out []jdItem
	for i := 0; i < len(ms); {
		// the list starting at i: skills of one tier joined by separators
		j := i
		var seps []string // seps[k-i] joins ms[k] and ms[k+1]
		for j+1 < len(ms) && tiers[j+1] == tiers[i] {
			gap := s[ms[j].end:ms[j+1].start]
			sep, ok := listSeparator(gap)
			if !ok {
				break
			}
			prev := ""
			if j > i {
				prev = strings.ToLower(strings.TrimSpace(s[ms[j-1].end:ms[j].start]))
			}
			if listBreak(prev, gap) {
				break
			}
			seps = append(seps, sep)
			if isConj(strings.ToLower(strings.TrimSpace(gap))) && sep == "and" {
				seps[len(seps)-1] = "and!" // an explicit "and": splits alternatives
			}
			j++
		}
		tier := tiers[i]
		switch {
		case tier == tierNone:
		case tier == tierPlus:
			for k := i; k <= j; k++ {
				out = append(out, jdItem{tier: tier, skills: []string{ms[k].name}, min: years[k]})
			}
		default:
			whole := false
			if j > i {
				before := s[:ms[i].start]
				// "(AWS, Azure, GCP)" after words that are not a skill; after a
				// skill ("Excel (pivot tables, VLOOKUP)") the list only details it.
				whole = anyCue.MatchString(before) ||
					strings.HasSuffix(strings.TrimSpace(before), "(") && !skillEndsAt(all, strings.LastIndexByte(before, '('))
			}
			// segments split at an explicit "and" unless the whole list is one set
			for a := i; a <= j; {
				b := a
				anyOf := whole
				for b < j && (whole || seps[b-i] != "and!") {
					if seps[b-i] == "or" {
						anyOf = true
					}
					b++
				}
				if anyOf {
					it := jdItem{tier: tier}
					for k := a; k <= b; k++ {
						if !contains(it.skills, ms[k].name) {
							it.skills = append(it.skills, ms[k].name)
						}
						it.min = max(it.min, years[k])
					}
					out = append(out, it)
				} else {
					for k := a; k <= b; k++ {
						out = append(out, jdItem{tier: tier, skills: []string{ms[k].name}, min: years[k]})
					}
				}
				a = b + 1
			}
		}
		i = j + 1
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// skillEndsAt reports whether a mention ends just before byte at (spaces
// between allowed).
func skillEndsAt(ms []mention, at int) bool {
	for _, m := range ms {
		if m.end <= at && m.end >= at-1 {
			return true
		}
	}
	return false
}

// collapseSame merges neighbouring mentions of one skill ("HACCP or
// ServSafe" are both Food safety) into one.
func collapseSame(s string, ms []mention) []mention {
	var out []mention
	for _, m := range ms {
		if n := len(out); n > 0 && out[n-1].name == m.name {
			if _, ok := listSeparator(s[out[n-1].end:m.start]); ok {
				out[n-1].end = m.end
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// general reports whether a skill is a practice or field rather than a
// concrete tool: such a skill followed by concrete ones only labels them.
func (m mention) general() bool {
	return m.category == "practice" || m.category == "domain" || m.category == "methodology"
}

var labelGap = regexp.MustCompile(`(?i)^(\w+\s+)?(\(|:|with|using|in|via|on|such as|like|e\.g\.?,?|including)$`)

// dropLabels removes a skill that only labels the ones after it: "Version
// control (Git)" and "Infrastructure as code with Terraform" ask for Git and
// Terraform; "a CRM (Salesforce or HubSpot)" and "relational databases such
// as PostgreSQL or MySQL" for one of the two.
func dropLabels(s string, ms []mention) []mention {
	out := ms[:0:0]
	for i, m := range ms {
		if i+1 < len(ms) {
			gap := strings.TrimSpace(s[m.end:ms[i+1].start])
			if m.general() && !ms[i+1].general() && labelGap.MatchString(gap) {
				continue
			}
			if gap == "(" && i+2 < len(ms) {
				if sep, ok := listSeparator(s[ms[i+1].end:ms[i+2].start]); ok && sep == "or" {
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// listSeparator reports whether gap (the text between two skills) joins
// them in a list, and whether it is an "or" list.
func listSeparator(gap string) (string, bool) {
	g := strings.ToLower(strings.TrimSpace(gap))
	g = strings.Trim(g, " ")
	switch g {
	case ",", "/", "|", "&", "and", ", and", "+", ";":
		return "and", true
	case "or", ", or", "and/or", ", and/or", "or/and", "/ ", " /":
		return "or", true
	}
	if g == "" {
		return "and", true
	}
	if strings.Trim(g, ",/ ") == "or" {
		return "or", true
	}
	if strings.Trim(g, "/") == "" {
		return "or", true
	}
	return "", false
}

var (
	expWord   = regexp.MustCompile(`(?i)\bexperience\b`)
	qualifier = regexp.MustCompile(`(?i)\b(professional|relevant|related|industry|work|overall|total|hands-on|prior|proven|progressive|commercial|full-time)\b`)
)

// yearsOf reads the "N+ years" phrases of a sentence: a minimum for the
// skills they are about ("5+ years of Go", "4+ years building iOS apps in
// Swift", "3 years of experience in SEO", "Python (3+ years)"), or total
// experience ("3+ years of professional experience", "2 years of acute care
// experience", "3+ years in a professional kitchen"). perSkill is parallel
// to ms. A total counts only when countTotal accepts the start of its
// phrase.
func yearsOf(s string, ms []mention, countTotal func(at int) bool) (total int, perSkill []int) {
	perSkill = make([]int, len(ms))
	for _, m := range yearsRe.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		if n <= 0 || n >= 40 {
			continue
		}
		months := n * 12
		// "Python (3+ years)", "Python: 3 years"
		if k := mentionBefore(s, ms, m[0]); k >= 0 {
			perSkill[k] = max(perSkill[k], months)
			continue
		}
		end := m[1] + strings.IndexAny(s[m[1]:]+".", ",;.(")
		end = min(end, m[1]+80)
		var in []int // mentions inside the clause
		for k, mm := range ms {
			if mm.start >= m[1] && mm.end <= end {
				in = append(in, k)
			}
		}
		clause := s[m[1]:end]
		if e := expWord.FindStringIndex(clause); e != nil {
			var before, after []int
			for _, k := range in {
				if ms[k].start < m[1]+e[0] {
					before = append(before, k)
				} else {
					after = append(after, k)
				}
			}
			switch {
			case len(before) > 0: // "5+ years of Java experience"
				in = before
			case qualifier.MatchString(clause[:e[0]]) || len(after) == 0:
				if countTotal(m[0]) {
					total = max(total, months)
				}
				continue
			default: // "3 years of experience in SEO"
				in = after
			}
		}
		if len(in) == 0 {
			if countTotal(m[0]) {
				total = max(total, months)
			}
			continue
		}
		for _, k := range in {
			perSkill[k] = max(perSkill[k], months)
		}
	}
	return total, perSkill
}

// mentionBefore returns the mention that the years phrase at i directly
// follows ("Python (3+ years)"), or -1.
func mentionBefore(s string, ms []mention, i int) int {
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].end <= i {
			if gap := s[ms[k].end:i]; strings.Trim(gap, " (:-–") == "" && strings.ContainsAny(gap, "(:-–") {
				return k
			}
			return -1
		}
	}
	return -1
}

// mergeItems turns parsed items into requirements: the first mention of a
// skill decides its tier (required wins over plus), a skill in a set of
// alternatives is not repeated alone, and minimums are kept at their largest.
func mergeItems(items []jdItem) (required, plus []Requirement) {
	inGroup := map[int]map[string]bool{tierRequired: {}, tierPlus: {}}
	for _, it := range items {
		if len(it.skills) > 1 {
			for _, s := range it.skills {
				inGroup[it.tier][s] = true
			}
		}
	}
	requiredSkill := map[string]bool{}
	for _, it := range items {
		if it.tier == tierRequired {
			for _, s := range it.skills {
				requiredSkill[s] = true
			}
		}
	}
	seen := map[string]int{} // key → index in its list
	add := func(list *[]Requirement, it jdItem) {
		key := strings.Join(sortedCopy(it.skills), "\x00")
		if i, ok := seen[key]; ok {
			(*list)[i].MinMonths = max((*list)[i].MinMonths, it.min)
			return
		}
		seen[key] = len(*list)
		*list = append(*list, Requirement{Skills: it.skills, MinMonths: it.min, Weight: 1})
	}
	for _, it := range items {
		switch it.tier {
		case tierRequired:
			if len(it.skills) == 1 && inGroup[tierRequired][it.skills[0]] {
				// "Django" listed alone after "such as Django or Flask"; a
				// minimum on it still applies to the set.
				continue
			}
			add(&required, it)
		case tierPlus:
			if len(it.skills) == 1 && (requiredSkill[it.skills[0]] || inGroup[tierRequired][it.skills[0]]) {
				continue
			}
			seenKey := "+" + strings.Join(sortedCopy(it.skills), "\x00")
			if _, ok := seen[seenKey]; ok {
				continue
			}
			seen[seenKey] = len(plus)
			plus = append(plus, Requirement{Skills: it.skills, MinMonths: it.min, Weight: 1})
		}
	}
	// a description naming hundreds of skills keeps the first ones
	required, plus = required[:min(len(required), MaxRequirements)], plus[:min(len(plus), MaxRequirements)]
	if required == nil {
		required = []Requirement{}
	}
	if plus == nil {
		plus = []Requirement{}
	}
	return required, plus
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}
