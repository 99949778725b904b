package resume

import (
	"regexp"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

var (
	// birthRe finds birth dates and similar personal data written with a
	// label; the whole rest of the line goes.
	birthRe = regexp.MustCompile(`(?i)(?:\b(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s*date|born(?:\s+on)?|birthday|fecha\s+de\s+nacimiento|date\s+de\s+naissance|geburtsdatum)\s*[:\-–]?\s*\S.*$|\b(?:age|marital\s+status|nationality|gender|sex|religion|passport(?:\s+no\.?)?|father'?s\s+name|mother'?s\s+name)\s*[:\-–]\s*\S.*$)`)
	// addressRe finds labelled addresses; photoRe photo references.
	addressRe = regexp.MustCompile(`(?i)\b(?:address|addr\.?|permanent\s+address|current\s+address|residence|location|adresse|dirección)\s*[:\-–]\s*\S.*$`)
	photoRe   = regexp.MustCompile(`(?i)(?:\[(?:photo|image|picture|headshot)[^\]]*\]|!\[[^\]]*\]\([^)]*\)|\b(?:photo|photograph|headshot|picture)\s*:\s*\S.*$|\S+\.(?:jpe?g|png|gif|webp|heic)\b)`)
	// a loose phone number: after redacting emails and links, any run of 7+
	// digits with separators goes too.
	loosePhoneRe = regexp.MustCompile(`\+?\(?\d[\d\s().\-–]{5,}\d`)
)

// Redact returns a copy of r for blind screening: the name, email, phone,
// location and links are removed from the contact, and the name (and each
// part of it), emails, phone numbers, links, labelled addresses and birth
// dates, and photo references are replaced by "[redacted]" markers in
// r.Text and in every evidence text. Line numbers stay valid: no line is
// added or removed. Skills, positions, education and dates are kept.
func Redact(r engine.Resume) engine.Resume {
	out := r
	c := r.Contact
	red := redactor{name: c.Name, location: c.Location, phone: c.Phone}
	out.Contact = engine.Contact{}
	out.Text = red.text(r.Text)
	out.Skills = make([]engine.Skill, len(r.Skills))
	for i, s := range r.Skills {
		s.Evidence = append([]engine.Evidence(nil), s.Evidence...)
		for j := range s.Evidence {
			s.Evidence[j].Text = red.line(s.Evidence[j].Text)
		}
		out.Skills[i] = s
	}
	out.Sections = append([]engine.Section(nil), r.Sections...)
	for i := range out.Sections {
		out.Sections[i].Heading = red.line(out.Sections[i].Heading)
	}
	out.Positions = append([]engine.Position(nil), r.Positions...)
	out.Education = append([]engine.Education(nil), r.Education...)
	return out
}

type redactor struct{ name, location, phone string }

func (x redactor) text(t string) string {
	lines := strings.Split(t, "\n")
	for i, l := range lines {
		lines[i] = x.line(l)
	}
	return strings.Join(lines, "\n")
}

// line redacts one line. Order matters: emails and links first (they may
// hold the name and digits), then labelled personal data, phone numbers and
// the name.
func (x redactor) line(l string) string {
	l = emailRe.ReplaceAllString(l, "[email]")
	l = photoRe.ReplaceAllString(l, "[photo]")
	l = linkRe.ReplaceAllString(l, "[link]")
	l = birthRe.ReplaceAllStringFunc(l, func(s string) string { return "[personal data]" })
	l = addressRe.ReplaceAllString(l, "[address]")
	l = loosePhoneRe.ReplaceAllStringFunc(l, func(s string) string {
		if isPhone(s) || x.phone != "" && digitsOf(s) == digitsOf(x.phone) {
			return "[phone]"
		}
		return s
	})
	if x.location != "" {
		l = replaceFold(l, x.location, "[location]")
	}
	if x.name != "" {
		l = replaceFold(l, x.name, "[name]")
		for _, part := range strings.Fields(x.name) {
			part = strings.Trim(part, ".,")
			if len([]rune(part)) >= 2 {
				l = replaceWordFold(l, part, "[name]")
			}
		}
	}
	return l
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// replaceFold replaces every case-insensitive occurrence of old in s.
func replaceFold(s, old, repl string) string {
	if old == "" {
		return s
	}
	re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(old))
	return re.ReplaceAllLiteralString(s, repl)
}

// replaceWordFold replaces whole-word, case-insensitive occurrences of w.
func replaceWordFold(s, w, repl string) string {
	re := regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(w) + `($|[^\p{L}\p{N}])`)
	// twice: a match consumes the separator, so "Ann Ann" needs a second pass
	for range 2 {
		s = re.ReplaceAllString(s, "${1}"+repl+"${2}")
	}
	return s
}
