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
// r.Text, in every evidence text, in other skills' names and in position
// titles and employers. Line
// numbers stay valid: no line is
// added or removed. Skills, positions, education and dates are kept.
func Redact(r engine.Resume) engine.Resume {
	out := r
	c := r.Contact
	red := newRedactor(c)
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
	if r.OtherSkills != nil {
		out.OtherSkills = make([]engine.OtherSkill, len(r.OtherSkills))
	}
	for i, o := range r.OtherSkills {
		o.Name = red.line(o.Name)
		o.Evidence = append([]engine.Evidence(nil), o.Evidence...)
		for j := range o.Evidence {
			o.Evidence[j].Text = red.line(o.Evidence[j].Text)
		}
		out.OtherSkills[i] = o
	}
	out.Sections = append([]engine.Section(nil), r.Sections...)
	for i := range out.Sections {
		out.Sections[i].Heading = red.line(out.Sections[i].Heading)
	}
	// a business of one's own carries one's name ("Nguyen Bookkeeping")
	out.Positions = append([]engine.Position(nil), r.Positions...)
	for i := range out.Positions {
		p := &out.Positions[i]
		p.Title, p.Employer, p.Location = red.line(p.Title), red.line(p.Employer), red.line(p.Location)
	}
	out.Education = append([]engine.Education(nil), r.Education...)
	return out
}

// redactor holds the patterns of one person's identity.
type redactor struct {
	phone string
	exact []*regexp.Regexp // the full name, the location: anywhere
	words []*regexp.Regexp // each part of the name: whole words
}

func newRedactor(c engine.Contact) redactor {
	x := redactor{phone: c.Phone}
	for _, s := range []string{c.Location, c.Name} {
		if strings.TrimSpace(s) != "" {
			x.exact = append(x.exact, regexp.MustCompile(`(?i)`+regexp.QuoteMeta(s)))
		}
	}
	for _, part := range strings.Fields(c.Name) {
		part = strings.Trim(part, ".,")
		if len([]rune(part)) >= 2 {
			x.words = append(x.words, regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])`+regexp.QuoteMeta(part)+`($|[^\p{L}\p{N}])`))
		}
	}
	return x
}

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
	l = bareLinkRe.ReplaceAllStringFunc(l, func(m string) string {
		u := bareLinkRe.FindStringSubmatch(m)[1]
		return strings.Replace(m, u, "[link]", 1)
	})
	l = birthRe.ReplaceAllStringFunc(l, func(s string) string { return "[personal data]" })
	l = addressRe.ReplaceAllString(l, "[address]")
	l = loosePhoneRe.ReplaceAllStringFunc(l, func(s string) string {
		if isPhone(s) || x.phone != "" && digitsOf(s) == digitsOf(x.phone) {
			return "[phone]"
		}
		return s
	})
	for i, re := range x.exact {
		repl := "[location]"
		if i == len(x.exact)-1 && len(x.words) > 0 {
			repl = "[name]"
		}
		l = re.ReplaceAllLiteralString(l, repl)
	}
	for _, re := range x.words {
		// twice: a match consumes the separator, so "Ann Ann" needs two passes
		for range 2 {
			l = re.ReplaceAllString(l, "${1}[name]${2}")
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
