package resume

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/skillmatch/skillmatch/engine"
)

// Section kinds.
const (
	kindHeader         = "header"
	kindSummary        = "summary"
	kindExperience     = "experience"
	kindEducation      = "education"
	kindSkills         = "skills"
	kindProjects       = "projects"
	kindCertifications = "certifications"
	kindLanguages      = "languages"
	kindOther          = "other"
)

// headings maps a normalised heading (lower case, "&" as "and", no
// punctuation) to its section kind.
var headings = map[string]string{}

func init() {
	add := func(kind string, names ...string) {
		for _, n := range names {
			headings[n] = kind
		}
	}
	add(kindSummary, "summary", "professional summary", "career summary", "profile", "professional profile",
		"profile summary", "personal profile", "about", "about me", "objective", "career objective",
		"objectives", "professional objective", "highlights", "career highlights", "summary of qualifications",
		"qualifications summary", "executive summary", "overview", "personal statement", "introduction",
		"career profile", "summary of experience", "key highlights")
	add(kindExperience, "experience", "work experience", "professional experience", "work history",
		"employment history", "employment", "career history", "relevant experience", "experience details",
		"company details", "professional background", "positions held", "internships", "internship",
		"internship experience", "work", "industry experience", "relevant work experience",
		"professional work experience", "employment experience", "job history", "career",
		"experience summary", "work experience details", "professional history", "working experience",
		"experiences", "technical experience", "freelance", "freelance experience")
	add(kindEducation, "education", "education details", "academic background", "academic qualifications",
		"educational qualifications", "educational qualification", "education and training", "academics",
		"academic details", "academic profile", "qualifications", "educational background",
		"education and qualifications", "academic qualification", "studies", "formation", "formación",
		"educación", "ausbildung", "academic history", "education history")
	add(kindSkills, "skills", "technical skills", "technologies", "skill details", "core competencies",
		"competencies", "key skills", "tech stack", "technical stack", "areas of expertise", "expertise",
		"skills and tools", "skills and technologies", "technical proficiencies", "technical proficiency",
		"it skills", "software skills", "tools and technologies", "technical expertise", "skill set",
		"skillset", "computer skills", "professional skills", "core skills", "technical summary",
		"technical competencies", "skills summary", "tools", "technical knowledge", "competences",
		"skills and expertise", "skills and abilities", "key competencies", "technical skill set",
		"programming skills", "software", "technical skills and tools", "core technologies")
	add(kindProjects, "projects", "personal projects", "key projects", "selected projects", "side projects",
		"open source", "open source contributions", "project details", "academic projects", "project",
		"projects undertaken", "notable projects", "project experience", "major projects", "project work")
	add(kindCertifications, "certifications", "certification", "certificates", "licenses", "licences",
		"licenses and certifications", "licences and certifications", "certifications and licenses",
		"certifications and training", "courses", "training", "trainings", "courses and certifications",
		"professional development", "training and certifications", "certifications and courses",
		"training and courses", "accreditations")
	add(kindLanguages, "languages", "spoken languages", "language skills", "language", "languages known",
		"language proficiency", "idiomas", "langues", "sprachen")
	add(kindOther, "interests", "hobbies", "hobbies and interests", "interests and hobbies", "awards",
		"honors", "honours", "awards and honors", "awards and honours", "achievements", "accomplishments",
		"publications", "volunteer", "volunteering", "volunteer experience", "references", "personal details",
		"personal information", "additional information", "activities", "extracurricular activities",
		"extra curricular activities", "leadership", "memberships", "affiliations", "personal",
		"declaration", "strengths", "extracurricular", "personal data", "other", "miscellaneous",
		"contact", "contact information", "contact details", "links")
}

// headingKind reports the kind of a heading line ("WORK HISTORY",
// "Technical skills:", "## Experience", "— Education —"), or "" when the line
// is not a heading. A heading is short, stands on its own line, and names a
// known section, possibly with a qualifier in front ("Relevant Professional
// Experience").
func headingKind(line string) string {
	s := strings.TrimSpace(line)
	if s == "" || len([]rune(s)) > 48 {
		return ""
	}
	n := normHeading(s)
	if n == "" {
		return ""
	}
	if k, ok := headings[n]; ok {
		return k
	}
	words := strings.Fields(n)
	if len(words) > 5 {
		return ""
	}
	// "Relevant Professional Experience", "My Skills": a known heading with
	// one or two words in front, written as a heading (caps, title case or a
	// trailing colon).
	if !looksLikeHeading(s) && !(len(words) <= 3 && unicode.IsUpper([]rune(s)[0])) {
		return "" // "Teaching experience" is a heading; "python experience" is not
	}
	for i := 1; i < len(words) && i <= 2; i++ {
		if k, ok := headings[strings.Join(words[i:], " ")]; ok {
			return k
		}
	}
	return ""
}

// normHeading lower-cases a heading and drops decoration and punctuation.
func normHeading(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(r)
		case unicode.IsDigit(r):
			return "" // headings carry no numbers
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func looksLikeHeading(s string) bool {
	if strings.HasSuffix(s, ":") {
		return true
	}
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters > 0 && upper == letters {
		return true
	}
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if unicode.IsLetter(r[0]) && !unicode.IsUpper(r[0]) && len(r) > 3 {
			return false
		}
	}
	return true
}

// inlineHeadingRe finds "Skills: Python, Go" and "Education Details" glued
// to the end of a previous line, both common in text exported from job
// portals.
var inlineHeadingRe = regexp.MustCompile(`^\s*([\p{L}][\p{L} &/]{2,40}?)\s*[:\-–]\s+\S`)

// inlineHeading reports the kind of a "Label: content" line whose label is a
// section heading, or "".
func inlineHeading(line string) string {
	m := inlineHeadingRe.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	k, ok := headings[normHeading(m[1])]
	if !ok {
		return ""
	}
	return k
}

// findSections splits lines into sections. Lines before the first heading
// form a "header" section. A "Label: content" line opens a section only
// outside experience, projects and skills, where such labels are usually
// part of the content ("Technologies: Go, Kafka" under a job).
func findSections(lines []string) []engine.Section {
	var out []engine.Section
	cur := engine.Section{Kind: kindHeader, StartLine: 1}
	open := func(kind, heading string, line int) {
		cur.EndLine = line - 1
		if cur.Kind != kindHeader || cur.EndLine >= cur.StartLine {
			out = append(out, cur)
		}
		cur = engine.Section{Kind: kind, Heading: heading, StartLine: line}
	}
	for i, l := range lines {
		n := i + 1
		if k := headingKind(l); k != "" {
			open(k, strings.TrimSpace(l), n)
			continue
		}
		switch cur.Kind {
		case kindExperience, kindProjects, kindSkills:
			continue
		}
		if k := inlineHeading(l); k != "" && k != cur.Kind {
			m := inlineHeadingRe.FindStringSubmatch(l)
			open(k, strings.TrimSpace(m[1]), n)
		}
	}
	cur.EndLine = len(lines)
	if cur.EndLine >= cur.StartLine {
		out = append(out, cur)
	}
	return out
}

// gluedHeadingRe finds a section heading glued to the end of a line by a
// lost line break ("24 monthsCompany Details"), as in text exported from some
// job portals.
// trailingHeadingRe finds up to four capitalised words after the end of a
// sentence at the end of a line; normalizeText splits them off when they
// are a section heading.
var trailingHeadingRe = regexp.MustCompile(`^(.*[.!?])\s+(\p{Lu}[\p{L}&]*(?:\s+[\p{L}&]+){0,3})\s*$`)

var gluedHeadingRe = regexp.MustCompile(`(\S)((?:Education|Skill|Company|Project|Experience|Personal|Academic) Details)\s*$`)

// normalizeText prepares a document's text for reading: Windows and old Mac
// line ends become "\n", tabs become spaces, a heading glued to the end of a
// line gets its own line, and two-column text (a sidebar beside the main
// column, as pdftotext -layout prints it) is laid out one column after the
// other. Every line number in a parsed resume refers to this text.
func normalizeText(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\u00a0", " ")
	text = strings.ReplaceAll(text, "\f", "\n")
	// zero-width spaces, and the fullwidth hyphen "－" read as Latin-1
	// ("ï¼"), which some resume builders put between dates and places
	text = strings.NewReplacer("\u200b", "", "\ufeff", "", "ï¼\u008d", "－", "ï¼", "－").Replace(text)
	text = replaceStrayNBSP(text)
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		l = expandTabs(strings.TrimRight(l, " \t"))
		// the glued headings all end in "Details"; a heading joined to a
		// paragraph follows the end of a sentence
		if strings.Contains(l, " Details") {
			if m := gluedHeadingRe.FindStringSubmatchIndex(l); m != nil {
				out = append(out, l[:m[3]], l[m[4]:m[5]])
				continue
			}
		}
		if strings.ContainsAny(l, ".!?") {
			if m := trailingHeadingRe.FindStringSubmatch(l); m != nil && headingKind(m[2]) != "" {
				// "… driven nature. Experience": a decoder joined the heading
				// to the paragraph above it
				out = append(out, m[1], m[2])
				continue
			}
		}
		out = append(out, l)
	}
	out = splitColumns(out)
	out = joinSplitDates(out)
	return strings.Join(out, "\n")
}

// replaceStrayNBSP turns into a space the "Â" that a no-break space read as
// Latin-1 leaves glued to the word before it ("Collaborates with
// ColleaguesÂ", "Campaigns.Â", "growthÂ and"), which would otherwise make one
// word of both and hide the skill. An "Â" after a capital or at the start of a
// word is left alone: it may be a real letter ("CÂMARA").
func replaceStrayNBSP(text string) string {
	const stray = "\u00c2"
	if !strings.Contains(text, stray) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for {
		i := strings.Index(text, stray)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		if i > 0 && (text[i-1] >= 'a' && text[i-1] <= 'z' || text[i-1] >= '0' && text[i-1] <= '9' ||
			strings.IndexByte(".,;:)!?%", text[i-1]) >= 0) {
			b.WriteByte(' ')
		} else {
			b.WriteString(stray)
		}
		text = text[i+len(stray):]
	}
}

var (
	lonePointRe     = regexp.MustCompile(`(?i)^\s*` + rePoint + `\s*$`)
	loneSepRe       = regexp.MustCompile(`(?i)^\s*(?:-{1,2}|–|—|to|till|until)\s*$`)
	loneEndRe       = regexp.MustCompile(`(?i)^\s*(?:` + rePoint + `|` + rePresent + `)\s*$`)
	trailingPointRe = regexp.MustCompile(`(?i)^(.*?\S)\s+(` + rePoint + `)\s*$`)
	pointAndSepRe   = regexp.MustCompile(`(?i)^\s*` + rePoint + `\s*(?:-{1,2}|–|—|to|till|until)\s*$`)
)

// joinSplitDates puts a date range that a layout broke over lines back on
// one line: "May 2005" / "to" / "November 2011", or "May 2005 –" / "Present".
func joinSplitDates(lines []string) []string {
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		// a split range starts with a date and continues on a short line
		if i+1 < len(lines) && len(lines[i+1]) <= 40 && strings.ContainsAny(l, "0123456789") {
			switch {
			case i+2 < len(lines) && lonePointRe.MatchString(l) && loneSepRe.MatchString(lines[i+1]) && loneEndRe.MatchString(lines[i+2]):
				out = append(out, strings.TrimSpace(l)+" "+strings.TrimSpace(lines[i+1])+" "+strings.TrimSpace(lines[i+2]))
				i += 2
			case i+2 < len(lines) && loneSepRe.MatchString(lines[i+1]) && loneEndRe.MatchString(lines[i+2]) && trailingPointRe.MatchString(l):
				// "… 50 people, January 2016" / "to" / "Current": a wrapped
				// paragraph swallowed the start of the next range
				m := trailingPointRe.FindStringSubmatch(l)
				out = append(out, m[1], strings.TrimSpace(m[2])+" "+strings.TrimSpace(lines[i+1])+" "+strings.TrimSpace(lines[i+2]))
				i += 2
			case i+1 < len(lines) && pointAndSepRe.MatchString(l) && loneEndRe.MatchString(lines[i+1]):
				out = append(out, strings.TrimSpace(l)+" "+strings.TrimSpace(lines[i+1]))
				i++
			default:
				out = append(out, l)
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

func expandTabs(l string) string {
	if !strings.Contains(l, "\t") {
		return l
	}
	var b strings.Builder
	col := 0
	for _, r := range l {
		if r == '\t' {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// splitColumns detects two-column text — many lines with a run of three or
// more spaces before the same column — and returns the left column's lines
// followed by the right column's. Lines whose right-hand part is only a date
// or a place (a right-aligned date in a one-column resume) do not count as
// evidence of a second column.
func splitColumns(lines []string) []string {
	const minGap = 3
	votes := map[int]int{}
	nonBlank := 0
	for _, l := range lines {
		r := []rune(l)
		if strings.TrimSpace(l) == "" {
			continue
		}
		nonBlank++
		if len(r) > maxLayoutWidth {
			continue // a paragraph run together, not a laid-out line
		}
		gaps := gapColumns(r, minGap)
		for k, c := range gaps {
			end := len(r)
			if k+1 < len(gaps) {
				end = gaps[k+1]
			}
			right := strings.TrimSpace(string(r[c:end]))
			if len(findDateRanges(right)) > 0 && len(strings.Fields(right)) <= 6 {
				continue
			}
			votes[c]++
		}
	}
	best, bestVotes := 0, 0
	for c := range votes {
		// allow the column to wobble by a character or two
		v := votes[c-2] + votes[c-1] + votes[c] + votes[c+1] + votes[c+2]
		if v > bestVotes || (v == bestVotes && c < best) {
			best, bestVotes = c, v
		}
	}
	if bestVotes < 5 || bestVotes*10 < nonBlank*3 {
		return lines
	}
	var left, right []string
	for _, l := range lines {
		r := []rune(l)
		if len(r) <= best-2 {
			left = append(left, l)
			right = append(right, "")
			continue
		}
		cut := -1
		for _, c := range gapColumns(r, 2) {
			if c >= best-2 && c <= best+2 {
				cut = c
				break
			}
		}
		lead := len(r) - len(strings.TrimLeft(l, " "))
		switch {
		case lead >= best-2:
			left = append(left, "")
			right = append(right, strings.TrimSpace(l))
		case cut < 0:
			// a line that runs across both columns (a name, a rule)
			left = append(left, l)
			right = append(right, "")
		default:
			left = append(left, strings.TrimRight(string(r[:cut]), " "))
			right = append(right, strings.TrimSpace(string(r[cut:])))
		}
	}
	return append(append(squeezeBlank(left), ""), squeezeBlank(right)...)
}

// maxLayoutWidth is the widest line, in characters, that column detection
// looks at; page layouts are far narrower.
const maxLayoutWidth = 400

// gapColumns returns the columns where text resumes after a run of at least
// minGap spaces inside a line.
func gapColumns(r []rune, minGap int) []int {
	var out []int
	i := 0
	for i < len(r) && r[i] == ' ' {
		i++
	}
	for i < len(r) {
		if r[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(r) && r[j] == ' ' {
			j++
		}
		if j-i >= minGap && j < len(r) {
			out = append(out, j)
		}
		i = j
	}
	return out
}

// squeezeBlank collapses runs of blank lines to one and trims blank lines at
// both ends.
func squeezeBlank(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" && (len(out) == 0 || strings.TrimSpace(out[len(out)-1]) == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return out
}
