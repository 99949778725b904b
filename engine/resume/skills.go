package resume

import (
	"sort"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

type evKey struct {
	line int
	via  string
}

// skillAcc gathers what the resume says about one skill.
type skillAcc struct {
	evidence []engine.Evidence
	seen     map[evKey]bool // to list a line once per written skill
	ivs      []interval
	current  bool
	dated    bool
}

// findSkills builds the skills of a resume from the taxonomy's mentions in
// its text (tax.ExtractIn, with the skills-list lines). A mention counts for its skill and for every skill it implies
// (the evidence then names the written skill in Via); a mention that names
// what the candidate recruited or sold for is left out (see objectMentions). A skill's months are
// the union of the intervals of the dated positions whose lines mention it;
// last_used is the latest month of those intervals, current whether one of
// them is current. A skill mentioned only outside dated positions (a skills
// list, the summary) gets no months and no last_used. It also returns the
// mentions it read, for findOtherSkills.
func findSkills(text string, lines []string, secs []engine.Section, pos []position, tax *taxonomy.Taxonomy) ([]engine.Skill, []taxonomy.Mention) {
	acc := map[string]*skillAcc{}
	get := func(id string) *skillAcc {
		a := acc[id]
		if a == nil {
			a = &skillAcc{seen: map[evKey]bool{}}
			acc[id] = a
		}
		return a
	}
	// the position and section of every line, and each skill's implied
	// skills, computed once: a long text has many mentions
	posOf := make([]*position, len(lines)+2)
	for i := range pos {
		for l := max(pos[i].StartLine, 1); l <= pos[i].EndLine && l < len(posOf); l++ {
			posOf[l] = &pos[i]
		}
	}
	secOf := make([]string, len(lines)+2)
	for l := range secOf {
		secOf[l] = kindOther
	}
	for _, s := range secs {
		for l := max(s.StartLine, 1); l <= s.EndLine && l < len(secOf); l++ {
			secOf[l] = s.Kind
		}
	}
	// the lines of skills-like sections, where a generic word that stands as
	// a list item ("Budget", "Scheduling") is a skill (taxonomy.ExtractIn)
	listSec := make([]bool, len(lines)+2)
	for _, s := range secs {
		if !skillsLike(s) {
			continue
		}
		for l := max(s.StartLine, 1); l <= s.EndLine && l < len(listSec); l++ {
			listSec[l] = true
		}
	}
	impliedOf := map[string][]string{}
	inList := func(l int) bool { return l >= 0 && l < len(listSec) && listSec[l] }
	ms := tax.ExtractIn(text, inList)
	objects := objectMentions(ms, lines, secs, pos, secOf, posOf, tax)
	for i, m := range ms {
		written, ok := tax.Get(m.SkillID)
		if !ok || objects[i] {
			continue
		}
		lineText := ""
		if m.Line >= 1 && m.Line <= len(lines) {
			lineText = strings.TrimSpace(lines[m.Line-1])
		}
		if m.Line < 1 || m.Line >= len(posOf) {
			continue
		}
		sec, p := secOf[m.Line], posOf[m.Line]
		imp, ok := impliedOf[m.SkillID]
		if !ok {
			imp = tax.Implied(m.SkillID)
			impliedOf[m.SkillID] = imp
		}
		ids := append([]string{m.SkillID}, imp...)
		for k, id := range ids {
			a := get(id)
			via := ""
			if k > 0 {
				via = written.Name
			}
			key := evKey{m.Line, via}
			if !a.seen[key] {
				a.seen[key] = true
				a.evidence = append(a.evidence, engine.Evidence{Section: sec, Line: m.Line, Text: lineText, Via: via})
			}
			if p != nil && p.dated {
				a.ivs = append(a.ivs, p.iv)
				a.dated = true
				a.current = a.current || p.Current
			}
		}
	}
	out := make([]engine.Skill, 0, len(acc))
	for id, a := range acc {
		s, _ := tax.Get(id)
		sk := engine.Skill{ID: id, Name: s.Name, Category: s.Category, Evidence: a.evidence}
		// a direct mention on a line comes before the same line's implied one
		sort.SliceStable(sk.Evidence, func(i, j int) bool {
			if sk.Evidence[i].Line != sk.Evidence[j].Line {
				return sk.Evidence[i].Line < sk.Evidence[j].Line
			}
			return sk.Evidence[i].Via < sk.Evidence[j].Via
		})
		if a.dated {
			n := unionMonths(a.ivs)
			last := month(-1)
			for _, iv := range a.ivs {
				if iv.months() > 0 && iv.end > last {
					last = iv.end
				}
			}
			sk.Months = &n
			if last >= 0 {
				ls := last.String()
				sk.LastUsed = &ls
			}
			sk.Current = a.current
		}
		out = append(out, sk)
	}
	sortSkills(out)
	return out, ms
}

// sortSkills orders skills by months, most first (skills without months
// last), then by name and id.
func sortSkills(s []engine.Skill) {
	sort.Slice(s, func(i, j int) bool {
		a, b := s[i], s[j]
		switch {
		case a.Months != nil && b.Months == nil:
			return true
		case a.Months == nil && b.Months != nil:
			return false
		case a.Months != nil && *a.Months != *b.Months:
			return *a.Months > *b.Months
		}
		if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
			return la < lb
		}
		return a.ID < b.ID
	})
}

// skillsLike reports whether a section lists skills: a skills section, or
// one whose heading says it lists qualifications or strengths ("Highlights",
// "Core Qualifications", "Areas of Expertise"), whatever kind it was given.
func skillsLike(s engine.Section) bool {
	if s.Kind == kindSkills {
		return true
	}
	h := strings.ToLower(s.Heading)
	for _, w := range []string{"highlights", "core qualifications", "competenc", "expertise", "strengths", "skill"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}
