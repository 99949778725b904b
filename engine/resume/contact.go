package resume

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/skillmatch/skillmatch/engine"
)

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// phoneRe: 7 to 15 digits with the separators people use; dates and
	// year ranges are rejected by isPhone.
	phoneRe = regexp.MustCompile(`(?:\+|\b00)?\(?\d[\d\s().\-–]{5,20}\d\b`)
	// linkRe: URLs with a scheme or www., and bare links to well-known
	// profile hosts.
	linkRe = regexp.MustCompile(`(?i)\b(?:https?://[^\s|,;<>()]+|www\.[^\s|,;<>()]+|(?:[a-z0-9\-]+\.)*(?:github\.com|gitlab\.com|linkedin\.com|bitbucket\.org|stackoverflow\.com|behance\.net|dribbble\.com|medium\.com|kaggle\.com)/[^\s|,;<>()]*|[a-z0-9\-]+\.github\.io\b(?:/[^\s|,;<>()]*)?)`)
	// bareLinkRe: a lower-case bare domain with a TLD people use for a
	// portfolio ("hanakobayashi.design", "jdoe.dev"); counted as a contact
	// link only in the header, where it is not a library name.
	bareLinkRe = regexp.MustCompile(`(?:^|[\s|,;(·•])((?:[a-z0-9\-]+\.)+(?:com|net|org|dev|me|io|design|page|site|app|studio|portfolio|xyz|info|online|website|blog|codes|co|co\.uk)(?:/[^\s|,;<>()]*)?)(?:$|[\s|,;)·•])`)
	labelRe    = regexp.MustCompile(`(?i)^\s*(name|full name|location|address|city|current location|residence|based in)\s*[:\-]\s*(.+)$`)
)

// findContact reads the identity part of a resume: name, email, phone,
// links and location. It looks at the header (the lines before the first
// section heading) first, then at the whole text for what is still missing.
func findContact(lines []string, secs []engine.Section) engine.Contact {
	var c engine.Contact
	headerEnd := min(len(lines), 12)
	if len(secs) > 0 && secs[0].Kind == kindHeader {
		headerEnd = max(secs[0].EndLine, min(len(lines), 3))
	}
	// a "Contact" section (a sidebar, usually) counts as header too
	inContact := func(line int) bool {
		for _, s := range secs {
			if line >= s.StartLine && line <= s.EndLine && strings.HasPrefix(normHeading(s.Heading), "contact") {
				return true
			}
		}
		return false
	}
	for i, l := range lines {
		hasAt := strings.IndexByte(l, '@') >= 0
		if c.Email == "" && hasAt {
			c.Email = emailRe.FindString(l)
		}
		if c.Phone == "" && countDigits(l) >= 7 {
			for _, p := range phoneRe.FindAllString(l, -1) {
				if isPhone(p) {
					c.Phone = strings.TrimSpace(p)
					break
				}
			}
		}
		lineEmail := ""
		if hasAt {
			lineEmail = emailRe.FindString(l)
		}
		var links []string
		if strings.Contains(l, "/") || strings.Contains(l, "www.") || strings.Contains(l, "github.io") {
			links = linkRe.FindAllString(l, -1)
		}
		for _, u := range links {
			if strings.Contains(u, "@") || lineEmail != "" && strings.Contains(lineEmail, u) {
				continue
			}
			u = strings.TrimRight(u, ".")
			if !contains(c.Links, u) {
				c.Links = append(c.Links, u)
			}
		}
		if i < headerEnd || inContact(i+1) {
			for _, m := range bareLinkRe.FindAllStringSubmatch(l, -1) {
				if u := m[1]; !strings.Contains(lineEmail, u) && !contains(c.Links, u) && !linkRe.MatchString(u) {
					c.Links = append(c.Links, u)
				}
			}
		}
		if m := labelRe.FindStringSubmatch(l); m != nil {
			switch strings.ToLower(m[1]) {
			case "name", "full name":
				if c.Name == "" {
					c.Name = strings.TrimSpace(m[2])
				}
			default:
				if c.Location == "" {
					c.Location = strings.TrimSpace(m[2])
				}
			}
		}
		if (i < headerEnd || inContact(i+1)) && len(l) <= maxContactLine {
			if c.Name == "" && looksLikeName(l) {
				c.Name = cleanName(l)
			}
			if c.Location == "" && (c.Name == "" || !strings.Contains(l, c.Name)) {
				c.Location = findLocation(l)
			}
		}
	}
	return c
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

// isPhone accepts a candidate phone number: 7 to 15 digits, not a date range
// or a year.
func isPhone(p string) bool {
	digits := 0
	for _, r := range p {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits < 7 || digits > 15 {
		return false
	}
	if len(findDateRanges(p)) > 0 {
		// "2019 - 2021", "03/2018 - 05/2019"; a real number with a year-like
		// run keeps a leading + or enough digits outside the dates.
		if !strings.HasPrefix(strings.TrimSpace(p), "+") && digits < 10 {
			return false
		}
		ys := yearRe.FindAllString(p, -1)
		if len(ys)*4 >= digits-1 {
			return false
		}
	}
	return true
}

// maxContactLine is the longest line read for a name or a location; header
// lines are short.
const maxContactLine = 200

// titleWords mark a line as a job title or a heading rather than a name.
var titleWords = map[string]bool{
	"engineer": true, "developer": true, "manager": true, "analyst": true, "designer": true,
	"consultant": true, "scientist": true, "architect": true, "resume": true, "curriculum": true,
	"vitae": true, "cv": true, "intern": true, "lead": true, "senior": true, "junior": true,
	"administrator": true, "specialist": true, "officer": true, "director": true, "programmer": true,
	"professional": true, "summary": true, "profile": true, "contact": true, "objective": true,
	"experience": true, "technologies": true, "skills": true, "education": true, "tester": true,
	"accountant": true, "teacher": true, "assistant": true, "executive": true, "associate": true,
	"devops": true, "software": true, "data": true, "web": true, "full": true, "stack": true,
	"backend": true, "frontend": true, "university": true, "college": true, "institute": true,
	"school": true, "details": true, "email": true, "phone": true, "mobile": true, "address": true,
}

// looksLikeName accepts a line of two to four capitalised words of letters
// (with . ' - allowed) that is not a title or a heading: "Daniel Okafor",
// "MARÍA JOSÉ GARCÍA", "J. R. Smith".
func looksLikeName(l string) bool {
	l = cleanName(l)
	words := strings.Fields(l)
	if len(words) < 2 || len(words) > 4 || headingKind(l) != "" {
		return false
	}
	for _, w := range words {
		if titleWords[strings.ToLower(strings.Trim(w, ".,"))] {
			return false
		}
		r := []rune(strings.TrimLeft(w, "("))
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".'-’()", c) {
				return false
			}
		}
	}
	return true
}

var contactSplitRe = regexp.MustCompile(`\s*[|•·;]\s*|\s{3,}|\s+[—–/-]\s+`)

var honorificRe = regexp.MustCompile(`(?i)^(?:dr|mr|mrs|ms|miss|prof|sr|sra|herr|frau|mme)\.?\s+`)

var (
	nameCutRe     = regexp.MustCompile(`\s+[—–|·•-]\s+`)
	credentialsRe = regexp.MustCompile(`(?:,\s*(?:[A-Z][A-Za-z.]{0,5}[A-Z.]|Ph\.?D\.?|MBA|MSc|BSc|BSN|CPA|PE|RN))+\s*$`)
)

// cleanName drops markdown marks, an honorific, what follows a separator
// ("Nikolai Petrov — Backend Engineer") and trailing credentials ("Amara
// Mensah, PhD", "Grace Adeyemi, RN, BSN") from a name line.
func cleanName(l string) string {
	l = strings.Trim(strings.TrimSpace(l), "#*_ ")
	l = nameCutRe.Split(l, 2)[0]
	l = credentialsRe.ReplaceAllString(l, "")
	return strings.TrimSpace(honorificRe.ReplaceAllString(l, ""))
}

var placeRe = regexp.MustCompile(`^\p{Lu}[\p{L}.'\- ]{1,40}(?:,\s*\p{Lu}[\p{L}.'\- ]{1,40}){1,2}$`)

// findLocation returns a "City, Country" part of a header line: the line is
// cut at | • · ; and runs of spaces, and the first part shaped like a place
// that is not a name, email, phone or link wins.
func findLocation(l string) string {
	parts := contactSplitRe.Split(strings.TrimSpace(l), -1)
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || emailRe.MatchString(p) || linkRe.MatchString(p) || bareLinkRe.MatchString(p) || strings.ContainsAny(p, "0123456789@") {
			continue
		}
		if !placeRe.MatchString(p) || len(strings.Fields(p)) > 6 {
			continue
		}
		bad := false
		for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(p, ",", " "))) {
			if titleWords[w] || companyWords[w] {
				bad = true
			}
		}
		if !bad {
			return p
		}
	}
	return ""
}
