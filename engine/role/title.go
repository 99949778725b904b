package role

import (
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// titleStop are words of a job title that say nothing about the job:
// seniority, numbering, glue and posting words ("role", "opening").
var titleStop = map[string]bool{
	"senior": true, "sr": true, "junior": true, "jr": true, "lead": true, "staff": true, "principal": true,
	"head": true, "chief": true, "i": true, "ii": true, "iii": true, "iv": true, "the": true, "of": true,
	"and": true, "for": true, "to": true, "in": true, "at": true, "a": true, "an": true, "with": true,
	"&": true, "-": true, "/": true, "grade": true, "level": true, "entry": true, "remote": true,
	"role": true, "position": true, "job": true, "opening": true, "vacancy": true, "hiring": true, "new": true,
}

// titleWords splits a job title into its lower-case words, plurals folded
// ("Teachers" → "teacher"), stop words and numbers dropped, each word once.
func titleWords(title string) []string {
	var out []string
	f := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '#' || r >= 0x80)
	})
	for _, w := range f {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		if len(w) < 2 || titleStop[w] || w[0] >= '0' && w[0] <= '9' || contains(out, w) {
			continue
		}
		out = append(out, w)
		if len(out) == 20 {
			break // a title, not a paragraph
		}
	}
	return out
}

// resumeTitles are the job titles a resume states: its positions' titles
// and the first lines of its header (where "Senior Backend Engineer" or a
// target title usually sits under the name).
func resumeTitles(r *engine.Resume) []string {
	var out []string
	for _, p := range r.Positions {
		if p.Title != "" {
			out = append(out, p.Title)
		}
	}
	for _, s := range r.Sections {
		if s.Kind != "header" {
			continue
		}
		// the header's first three lines, without splitting the whole text
		text, line := r.Text, 1
		for line <= s.EndLine && line <= s.StartLine+2 && text != "" {
			l, rest, _ := strings.Cut(text, "\n")
			if line >= s.StartLine && !strings.ContainsAny(l, "@|") {
				out = append(out, l)
			}
			text, line = rest, line+1
		}
		break
	}
	return out
}

// resumeTitleWords is the set of title words of a resume, in first-seen order.
func resumeTitleWords(r *engine.Resume) []string {
	var out []string
	for _, t := range resumeTitles(r) {
		for _, w := range titleWords(t) {
			if !contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// titleCredit is the share of the role title's words found in the resume's titles.
func titleCredit(found, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(found) / float64(of)
}

// titleCheck explains the title part of a match: which title words of the
// role the candidate's titles share, citing the closest title.
// It also returns how many words were found.
func titleCheck(r *engine.Resume, want []string) (Check, int) {
	if len(want) == 0 {
		return Check{Status: StatusNotRequired, Reason: "The role title has no words to compare."}, 0
	}
	have := resumeTitleWords(r)
	found := 0
	for _, w := range want {
		if contains(have, w) {
			found++
		}
	}
	c := Check{Want: strings.Join(want, " "), Credit: titleCredit(found, len(want))}
	best, bestN := "", 0
	for _, t := range resumeTitles(r) {
		n := 0
		for _, w := range titleWords(t) {
			if contains(want, w) {
				n++
			}
		}
		if n > bestN {
			best, bestN = strings.TrimSpace(t), n
		}
	}
	c.Have = best
	switch {
	case found == len(want):
		c.Status, c.Reason = StatusMet, "Has held or targets this title: "+best+"."
	case found > 0:
		c.Status, c.Reason = StatusPartlyMet, "Closest title: "+best+"."
	default:
		c.Status, c.Reason = StatusMissing, "No similar job title."
	}
	return c, found
}

// headerPrefix is the part of a resume's text that titleCheck reads: up to
// the third line of the header section. The Ranker keeps only this much of
// each resume's text.
func headerPrefix(r *engine.Resume) string {
	for _, s := range r.Sections {
		if s.Kind != "header" {
			continue
		}
		last := min(s.EndLine, s.StartLine+2)
		end := 0
		for line := 1; line <= last; line++ {
			i := strings.IndexByte(r.Text[end:], '\n')
			if i < 0 {
				return r.Text
			}
			end += i + 1
		}
		return r.Text[:end]
	}
	return ""
}
