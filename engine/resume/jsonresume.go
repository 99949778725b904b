package resume

import (
	"strconv"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// ToJSONResume exports a profile as a JSON Resume 1.0 document
// (https://jsonresume.org/schema): basics (name, label, email, phone, url,
// summary, location, profiles), work, education and skills. Dates are
// "YYYY-MM" (a current job has no endDate); an education's year becomes its
// endDate "YYYY". Links without a scheme get "https://". Skills carry the
// taxonomy category as a keyword, and "months" and "lastUsed" when known
// (JSON Resume allows extra properties); other skills follow them with their
// name only. Empty values are left out.
func ToJSONResume(r engine.Resume) map[string]any {
	lines := strings.Split(r.Text, "\n")
	basics := map[string]any{}
	put := func(m map[string]any, k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			m[k] = v
		}
	}
	put(basics, "name", r.Contact.Name)
	put(basics, "email", r.Contact.Email)
	put(basics, "phone", r.Contact.Phone)
	if len(r.Positions) > 0 {
		put(basics, "label", r.Positions[0].Title)
	}
	put(basics, "summary", sectionText(lines, r.Sections, kindSummary))
	if r.Contact.Location != "" {
		loc := map[string]any{"address": r.Contact.Location}
		parts := strings.Split(r.Contact.Location, ",")
		put(loc, "city", parts[0])
		if len(parts) > 1 {
			put(loc, "region", strings.Join(parts[1:], ","))
		}
		basics["location"] = loc
	}
	profiles := []any{}
	for _, l := range r.Contact.Links {
		u := withScheme(l)
		network, user := profileOf(u)
		if network == "" {
			if _, ok := basics["url"]; !ok {
				basics["url"] = u
			}
			continue
		}
		p := map[string]any{"network": network, "url": u}
		put(p, "username", user)
		profiles = append(profiles, p)
	}
	if len(profiles) > 0 {
		basics["profiles"] = profiles
	}

	work := []any{}
	for _, p := range r.Positions {
		w := map[string]any{}
		put(w, "name", p.Employer)
		put(w, "position", p.Title)
		put(w, "location", p.Location)
		put(w, "startDate", p.Start)
		if !p.Current {
			put(w, "endDate", p.End)
		}
		var hl []any
		for i := p.StartLine; i <= p.EndLine && i <= len(lines); i++ {
			if i >= 1 && bulletRe.MatchString(lines[i-1]) {
				hl = append(hl, strings.TrimSpace(bulletRe.ReplaceAllString(lines[i-1], "")))
			}
		}
		if len(hl) > 0 {
			w["highlights"] = hl
		}
		work = append(work, w)
	}
	education := []any{}
	for _, e := range r.Education {
		m := map[string]any{}
		put(m, "institution", e.Institution)
		put(m, "area", e.Field)
		put(m, "studyType", e.Degree)
		if e.Year > 0 {
			m["endDate"] = strconv.Itoa(e.Year)
		}
		education = append(education, m)
	}
	skills := []any{}
	for _, s := range r.Skills {
		m := map[string]any{"name": s.Name}
		if s.Category != "" {
			m["keywords"] = []any{s.Category}
		}
		if s.Months != nil {
			m["months"] = *s.Months
		}
		if s.LastUsed != nil {
			m["lastUsed"] = *s.LastUsed
		}
		skills = append(skills, m)
	}
	// other skills, which no taxonomy skill covers, have no category
	for _, o := range r.OtherSkills {
		skills = append(skills, map[string]any{"name": o.Name})
	}
	return map[string]any{
		"basics":    basics,
		"work":      work,
		"education": education,
		"skills":    skills,
		"meta":      map[string]any{"version": "v1.0.0"},
	}
}

// sectionText joins the lines of the first section of a kind, without its
// heading.
func sectionText(lines []string, secs []engine.Section, kind string) string {
	for _, s := range secs {
		if s.Kind != kind {
			continue
		}
		var b []string
		for i := s.StartLine; i <= s.EndLine && i <= len(lines); i++ {
			l := strings.TrimSpace(lines[i-1])
			if i == s.StartLine && headingKind(l) != "" || l == "" {
				continue
			}
			b = append(b, l)
		}
		return strings.Join(b, " ")
	}
	return ""
}

func withScheme(u string) string {
	if strings.HasPrefix(strings.ToLower(u), "http://") || strings.HasPrefix(strings.ToLower(u), "https://") {
		return u
	}
	return "https://" + u
}

// profileOf names the network of a profile link and the user in it.
func profileOf(u string) (network, user string) {
	l := strings.ToLower(u)
	for _, n := range []struct{ host, name string }{
		{"github.com/", "GitHub"}, {"gitlab.com/", "GitLab"}, {"linkedin.com/in/", "LinkedIn"},
		{"linkedin.com/", "LinkedIn"}, {"bitbucket.org/", "Bitbucket"}, {"stackoverflow.com/", "Stack Overflow"},
		{"kaggle.com/", "Kaggle"}, {"behance.net/", "Behance"}, {"dribbble.com/", "Dribbble"}, {"medium.com/", "Medium"},
	} {
		if i := strings.Index(l, n.host); i >= 0 {
			rest := strings.Trim(u[i+len(n.host):], "/")
			if j := strings.IndexByte(rest, '/'); j >= 0 && n.name != "Stack Overflow" {
				rest = rest[:j]
			}
			return n.name, rest
		}
	}
	return "", ""
}
