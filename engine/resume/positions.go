package resume

import (
	"regexp"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// position is a job as found in the text, with its resolved interval.
type position struct {
	engine.Position
	iv    interval
	dated bool // iv is meaningful
}

// roleWords mark a phrase as a job title.
var roleWords = map[string]bool{
	"engineer": true, "developer": true, "manager": true, "analyst": true, "designer": true,
	"consultant": true, "scientist": true, "architect": true, "intern": true, "lead": true,
	"administrator": true, "admin": true, "specialist": true, "officer": true, "director": true,
	"programmer": true, "tester": true, "accountant": true, "teacher": true, "assistant": true,
	"executive": true, "coordinator": true, "technician": true, "head": true, "founder": true,
	"co-founder": true, "cto": true, "ceo": true, "cfo": true, "vp": true, "president": true,
	"trainee": true, "associate": true, "researcher": true, "lecturer": true, "professor": true,
	"owner": true, "supervisor": true, "representative": true, "advisor": true, "sre": true,
	"devops": true, "freelancer": true, "contractor": true, "clerk": true, "nurse": true,
	"operator": true, "instructor": true, "tutor": true, "sales": true, "support": true,
	"ingeniero": true, "desarrollador": true, "développeur": true, "ingénieur": true, "chef": true,
	"entwickler": true, "internship": true, "apprentice": true, "fellow": true, "student": true,
	"writer": true, "editor": true, "marketer": true, "recruiter": true, "agent": true,
	"bookkeeper": true, "cook": true, "server": true, "bartender": true, "host": true, "cashier": true,
	"driver": true, "receptionist": true, "secretary": true, "attorney": true, "advocate": true,
	"lawyer": true, "paralegal": true, "auditor": true, "pharmacist": true, "therapist": true,
	"physician": true, "doctor": true, "electrician": true, "mechanic": true, "welder": true,
	"carpenter": true, "plumber": true, "chief": true, "waiter": true, "waitress": true, "barista": true,
	"counselor": true, "counsellor": true, "planner": true, "buyer": true, "merchandiser": true,
	"photographer": true, "artist": true, "illustrator": true, "animator": true, "strategist": true,
	"principal": true, "dean": true, "librarian": true, "volunteer": true,
}

// companyWords mark a phrase as an employer.
var companyWords = map[string]bool{
	"inc": true, "inc.": true, "ltd": true, "ltd.": true, "llc": true, "llp": true, "gmbh": true,
	"corp": true, "corp.": true, "corporation": true, "company": true, "co.": true, "plc": true,
	"technologies": true, "technology": true, "solutions": true, "systems": true, "labs": true,
	"studio": true, "studios": true, "group": true, "bank": true, "university": true, "services": true,
	"consulting": true, "partners": true, "ag": true, "s.a.": true, "sa": true,
	"pvt": true, "pvt.": true, "limited": true, "media": true, "logistics": true, "health": true,
	"hospital": true, "agency": true, "foundation": true, "institute": true, "college": true,
	"networks": true, "digital": true, "ventures": true, "holdings": true, "industries": true,
	"bv": true, "oy": true, "ab": true, "srl": true, "s.l.": true, "sas": true, "infotech": true,
	"infosys": true, "tcs": true, "wipro": true, "accenture": true, "capgemini": true,
	"insurance": true, "telecom": true, "kk": true, "sl": true, "softworks": true,
}

var (
	bulletRe   = regexp.MustCompile(`^\s*(?:[-*•◦▪►●‣·–—]|\d+[.)])\s+`)
	splitRe    = regexp.MustCompile(`\s+(?:[—–|@•·]|-|at|chez|en|bei)\s+|\s{3,}|\s*\|\s*|\s*,\s+|\s*(?:－|ï¼\x{8d}?)\s*`)
	kaggleCoRe = regexp.MustCompile(`(?i)^\s*company\s*[-:]\s*(.+)$`)
	// labelRe strips labels in front of a position's dates or text.
	posLabelRe = regexp.MustCompile(`(?i)^\s*(?:(?:description|duration|period|dates?|tenure|employment\s+period)\s*[-:]\s*)+`)
	// breakRe marks a dated line that is not a job.
	breakRe    = regexp.MustCompile(`(?i)\b(?:career\s+break|sabbatical|parental\s+leave|maternity\s+leave|paternity\s+leave|travell?ing|gap\s+year)\b`)
	emptyParen = regexp.MustCompile(`\(\s*\)|\[\s*\]`)
)

// findPositions reads the jobs in the experience sections (or, when a resume
// has none, in the lines outside education, skills and certifications). A
// job is anchored on a line that holds a date range; its title, employer and
// location come from the short lines just above the anchor (or just below,
// when the anchor opens the block) and from the anchor line itself; its text
// runs to the line before the next job or the end of the section.
func findPositions(lines []string, secs []engine.Section, asOf month) []position {
	var out []position
	scopes := sectionsOfKind(secs, kindExperience)
	if len(scopes) == 0 {
		for _, s := range secs {
			switch s.Kind {
			case kindHeader, kindOther:
				scopes = append(scopes, s)
			}
		}
	}
	for _, s := range scopes {
		out = append(out, positionsIn(lines, s, asOf)...)
	}
	return out
}

func sectionsOfKind(secs []engine.Section, kind string) []engine.Section {
	var out []engine.Section
	for _, s := range secs {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

type anchor struct {
	line    int // 0-based
	dr      dateRange
	undated bool // a "company - X" block with no date in it
}

// block is a run of lines, 0-based and inclusive.
type block struct{ from, to int }

// companyBlocks reads experience written as job-portal exports do:
// "company - X" lines, each followed by a description in which the first date
// range ("Duration: January 2017 to Till Date") dates the job. It returns
// nothing when the section has no such lines.
func companyBlocks(lines []string, first, last int) ([]anchor, []block) {
	var starts []int
	for i := first; i <= last; i++ {
		if kaggleCoRe.MatchString(lines[i]) {
			starts = append(starts, i)
		}
	}
	var anchors []anchor
	var heads []block
	for k, c := range starts {
		end := last
		if k+1 < len(starts) {
			end = starts[k+1] - 1
		}
		a := anchor{line: c, undated: true}
		for j := c; j <= end; j++ {
			if breakRe.MatchString(lines[j]) {
				continue
			}
			if ds := findDateRanges(lines[j]); len(ds) > 0 && !ds[0].single {
				a = anchor{line: j, dr: ds[0]}
				break
			}
		}
		h := block{c, c}
		if a.line == c+1 {
			h.to = c + 1
		}
		anchors = append(anchors, a)
		heads = append(heads, h)
	}
	return anchors, heads
}

func positionsIn(lines []string, s engine.Section, asOf month) []position {
	first, last := s.StartLine-1, s.EndLine-1 // 0-based, inclusive
	if s.Kind != kindHeader && s.Kind != kindOther || headingKind(lines[first]) != "" {
		first++ // skip the heading line
	}
	var anchors []anchor
	for i := first; i <= last; i++ {
		if dr, ok := anchorDate(lines[i]); ok {
			anchors = append(anchors, anchor{line: i, dr: dr})
		}
	}
	// the header block of each position: lines just above the anchor, or
	// just below it when nothing suitable is above
	heads := make([]block, len(anchors))
	for k, a := range anchors {
		lo := first
		if k > 0 {
			lo = anchors[k-1].line + 1
		}
		from := a.line
		for j := a.line - 1; j >= lo && a.line-j <= 2; j-- {
			if !isHeaderLine(lines[j]) {
				break
			}
			from = j
		}
		if from == a.line && a.line-2 >= lo && strings.TrimSpace(lines[a.line-1]) == "" && isHeaderLine(lines[a.line-2]) &&
			(a.line-3 < lo || !isHeaderLine(lines[a.line-3])) {
			// "Gilmore Financial, New Orleans, Accountant" / "" / "Oct. 2021 –
			// Current": one header line, a blank line, the dates
			from = a.line - 2
		}
		to := a.line
		if from == a.line && !hasRole(stripDate(lines[a.line], a.dr)) {
			hi := last
			if k+1 < len(anchors) {
				hi = anchors[k+1].line - 1
			}
			for j := a.line + 1; j <= hi && j-a.line <= 2; j++ {
				if !isHeaderLine(lines[j]) {
					break
				}
				to = j
			}
		}
		heads[k] = block{from, to}
	}
	if ca, ch := companyBlocks(lines, first, last); len(ca) > 0 {
		anchors, heads = ca, ch
	}
	var out []position
	for k, a := range anchors {
		end := last
		if k+1 < len(anchors) {
			end = heads[k+1].from - 1
		}
		for end > heads[k].to && strings.TrimSpace(lines[end]) == "" {
			end--
		}
		var parts []string
		company := ""
		for j := heads[k].from; j <= heads[k].to; j++ {
			l := lines[j]
			if j == a.line && !a.undated {
				if len(strings.Fields(l[a.dr.endByte:])) > 12 {
					l = l[:a.dr.startByte] // a title, then the description run on
				} else {
					l = stripDate(l, a.dr)
				}
			}
			if m := kaggleCoRe.FindStringSubmatch(l); m != nil {
				company = strings.TrimSpace(m[1])
				continue
			}
			parts = append(parts, posLabelRe.ReplaceAllString(l, ""))
		}
		p := position{}
		p.Title, p.Employer, p.Location = splitHeader(parts)
		if company != "" {
			// "company - X" (job-portal exports): X is the employer
			if p.Employer != "" && p.Title == "" {
				p.Title = p.Employer
			}
			p.Employer = company
			if !hasRole(p.Title) {
				p.Title = ""
			}
		}
		p.StartLine, p.EndLine = heads[k].from+1, end+1
		if iv, cur, ok := a.dr.resolve(asOf); ok && !a.undated {
			p.iv, p.dated = iv, true
			p.Start = iv.start.String()
			p.Current = cur
			if !cur {
				p.End = iv.end.String()
			}
			p.Months = iv.months()
		}
		out = append(out, p)
	}
	return out
}

// maxHeaderBytes is how far into a line a position's dates can start; past
// that the line is a paragraph.
const maxHeaderBytes = 250

// anchorDate reports the date range that makes a line a position's anchor:
// a range ("2019 – 2021", "March 2018 – Present") on a short line, or after
// a short title on a line a decoder ran together with the description
// ("Director, R&D 01/2011 to Current Company Name Responsibilities: …"); or
// a lone date when the line has little besides it ("2018", "Acme Corp,
// 2018").
func anchorDate(l string) (dateRange, bool) {
	if bulletRe.MatchString(l) || breakRe.MatchString(l) {
		return dateRange{}, false
	}
	head, long := l, len(l) > maxHeaderBytes
	if long {
		head = strings.ToValidUTF8(head[:maxHeaderBytes], "")
	}
	for _, d := range findDateRanges(head) {
		if long {
			// only "Title, Employer 01/2011 to Current <description>"
			if !d.single && titleBefore(l[:d.startByte]) {
				return d, true
			}
			continue
		}
		rest := strings.TrimSpace(stripDate(l, d))
		if !d.single {
			if len(strings.Fields(rest)) <= 12 && !strings.HasSuffix(rest, ".") {
				return d, true
			}
			if titleBefore(l[:d.startByte]) {
				return d, true
			}
			continue
		}
		n := len(strings.Fields(rest))
		if (n <= 6 || n <= 10 && hasRoleOrCompany(rest)) && !strings.HasSuffix(rest, ".") && !strings.Contains(strings.ToLower(rest), "experience") {
			return d, true
		}
	}
	return dateRange{}, false
}

// titleBefore reports whether the text before a line's date range is a short
// title, not a sentence: at most 16 words, a role word among them, no "." or
// ";" ("Director, R&D" in "Director, R&D 01/2011 to Current …").
func titleBefore(before string) bool {
	return len(strings.Fields(before)) <= 16 && hasRole(before) && !strings.ContainsAny(before, ".;")
}

// stripDate removes the date range (and the punctuation around it) from a
// line.
func stripDate(l string, d dateRange) string {
	s := l[:d.startByte] + " " + l[d.endByte:]
	s = emptyParen.ReplaceAllString(s, " ")
	s = strings.TrimSpace(s)
	s = strings.Trim(s, " ,|–—-:;·•")
	return strings.TrimSpace(s)
}

// isHeaderLine accepts a line that may be part of a position's header: not
// blank, not a bullet, short and not a sentence.
func isHeaderLine(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || bulletRe.MatchString(l) || len([]rune(t)) > 90 || headingKind(t) != "" {
		return false
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(strings.ToLower(t), "inc.") && !strings.HasSuffix(strings.ToLower(t), "ltd.") {
		return false
	}
	if strings.HasPrefix(strings.ToLower(t), "description") || strings.HasPrefix(strings.ToLower(t), "technologies") || strings.HasPrefix(strings.ToLower(t), "tech stack") || strings.HasPrefix(strings.ToLower(t), "environment") {
		return false
	}
	return len(strings.Fields(t)) <= 12
}

func hasRole(s string) bool { return scoreWords(s, roleWords) > 0 }

func hasRoleOrCompany(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ",;:()")
		if roleWords[w] || companyWords[w] {
			return true
		}
	}
	return false
}

// endsWithCompanyWord is 1 when a phrase ends like a company name ("Acme
// Ltd", "Brightpath Logistics"), else 0.
func endsWithCompanyWord(s string) int {
	ws := strings.Fields(strings.ToLower(s))
	if len(ws) > 0 && companyWords[strings.Trim(ws[len(ws)-1], ",;:()")] {
		return 1
	}
	return 0
}

func scoreWords(s string, words map[string]bool) int {
	n := 0
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if words[strings.Trim(w, ",;:()")] {
			n++
		}
	}
	return n
}

// splitHeader reads title, employer and location from a position's header
// lines. Lines are cut at " — ", " | ", " at ", ", " and runs of spaces;
// the piece with most job-title words is the title, the first other piece
// the employer, and what follows the employer on its line the location.
func splitHeader(lines []string) (title, employer, location string) {
	type piece struct {
		text string
		line int
		idx  int // index within its line
	}
	var pieces []piece
	for li, l := range lines {
		for i, p := range splitRe.Split(strings.TrimSpace(l), -1) {
			p = strings.Trim(strings.TrimSpace(p), ",;:[]–—-|#*_")
			p = strings.TrimSpace(balanceParens(p))
			if p != "" {
				pieces = append(pieces, piece{p, li, i})
			}
		}
	}
	if len(pieces) == 0 {
		return "", "", ""
	}
	ti, best := -1, 0
	for i, p := range pieces {
		if s := scoreWords(p.text, roleWords) - 2*endsWithCompanyWord(p.text); s > best {
			ti, best = i, s
		}
	}
	if ti < 0 {
		// no title words: "Title, Employer" order is the commonest
		ti = 0
		if scoreWords(pieces[0].text, companyWords) > 0 && len(pieces) > 1 {
			ti = 1
		}
	}
	title = pieces[ti].text
	ei := -1
	for i, p := range pieces {
		if i != ti && !looksLikePlace(p.text) {
			ei = i
			break
		}
	}
	if ei < 0 {
		for i := range pieces {
			if i != ti {
				ei = i
				break
			}
		}
	}
	if ei < 0 {
		return title, "", ""
	}
	employer = pieces[ei].text
	// the location follows the employer on its line
	var loc []string
	for i := ei + 1; i < len(pieces); i++ {
		if pieces[i].line != pieces[ei].line || i == ti {
			break
		}
		loc = append(loc, pieces[i].text)
	}
	if len(loc) > 0 && len(loc) <= 2 && looksLikePlace(strings.Join(loc, ", ")) {
		location = strings.Join(loc, ", ")
	} else {
		for i, p := range pieces {
			if i != ti && i != ei && looksLikePlace(p.text) && strings.EqualFold(p.text, "remote") {
				location = p.text
			}
		}
	}
	return title, employer, location
}

// balanceParens closes a parenthesis a split left open ("Parcelly
// (logistics SaaS") and drops one left unopened or wrapping the whole piece.
func balanceParens(p string) string {
	if strings.HasPrefix(p, "(") && strings.HasSuffix(p, ")") && strings.Count(p, "(") == 1 {
		return p[1 : len(p)-1]
	}
	open, closed := strings.Count(p, "("), strings.Count(p, ")")
	switch {
	case open > closed:
		p = strings.TrimRight(p, " (")
		if strings.Count(p, "(") > strings.Count(p, ")") {
			p += ")"
		}
	case closed > open:
		p = strings.TrimLeft(p, ") ")
		p = strings.TrimSuffix(p, ")")
	}
	return p
}

// looksLikePlace accepts "Leeds", "Leeds, UK", "Remote", "San Francisco, CA":
// a few capitalised words, no title or company words, no digits.
func looksLikePlace(s string) bool {
	if strings.EqualFold(s, "remote") || strings.EqualFold(s, "hybrid") {
		return true
	}
	ws := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(ws) == 0 || len(ws) > 4 || strings.ContainsAny(s, "0123456789@/&") {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(w)
		if roleWords[lw] || companyWords[lw] || titleWords[lw] {
			return false
		}
		if r := []rune(w); !(r[0] >= 'A' && r[0] <= 'Z' || r[0] > 0x7f) {
			if lw != "de" && lw != "am" && lw != "upon" && lw != "on" {
				return false
			}
		}
	}
	return true
}
