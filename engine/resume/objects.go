package resume

import (
	"regexp"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Recruiters and salespeople name the technologies they recruited or sold
// for: "recruited Java developers", "sourced candidates for AWS roles", a
// keyword dump of every skill set placed. Those are the object of their work,
// not their skills. Two rules keep them out of a profile; both concern only
// engineering skills (recruitedFor), never the recruiter's own tools (an ATS,
// Excel, an HRIS are "software") or trades:
//
//   - objectOfCue, in any resume: a mention that follows a recruiting or
//     selling verb in the same clause ("recruiting for … C/C++",
//     "sold Oracle licences", "placement of Java consultants").
//   - recruiterProfile: when the resume's headline or most of its position
//     titles are recruiting titles, an engineering skill counts only when one
//     of its mentions lies in a position that is not a recruiting one, or in
//     education or certifications (a recruiter who was a developer keeps
//     Java; the keyword dump and the recruiting positions do not give it).
//
// Job descriptions are not resumes: role parsing calls the taxonomy directly,
// where "hiring Java developers" is exactly the skill wanted.

// recruitedFor are the categories whose skills are recruited or sold for.
var recruitedFor = map[string]bool{
	"language": true, "framework": true, "library": true, "database": true, "cloud": true,
	"platform": true, "protocol": true, "tool": true, "practice": true,
}

// ownPractices are practices a recruiter or salesperson does themselves.
var ownPractices = map[string]bool{
	"project-management": true, "product-management": true, "change-management": true,
	"requirements-analysis": true, "technical-writing": true, "graphic-design": true, "branding": true,
	"seo": true, "data-analysis": true, "data-collection": true, "data-visualization": true,
	"business-intelligence": true, "forecasting": true, "photography": true, "video-editing": true,
	"print-production": true, "technical-support": true,
}

// objectCategory reports whether a skill can be the object of recruiting or
// selling.
func objectCategory(s taxonomy.Skill) bool {
	return recruitedFor[s.Category] && !ownPractices[s.ID]
}

// recruitingTitle matches a recruiting job title or headline.
var recruitingTitle = regexp.MustCompile(`(?i)\b(recruit(er|ers|ing|ment)|talent acquisition|sourcer|sourcing specialist|staffing|head ?hunter|employment specialist|placement (consultant|specialist))\b`)

// objectCue matches a verb or noun whose object is the skills that follow it
// in the same clause: recruiting, sourcing, hiring for, placing, selling.
var objectCue = regexp.MustCompile(`(?i)\b(recruit(ed|ing|ment|s)?|sourc(ed|ing) (for|candidates|talent|consultants|professionals|engineers|developers)|hir(ed|ing) (and \w+ )?(for|of|[0-9]+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|a team|senior|junior|engineers|developers)|staff(ed|ing) (for|of)|placed (candidates|consultants|contractors|professionals|engineers|developers|technical)|placement of|placements for|requisitions (for|in)|headhunt(ed|ing)|sold|sell(s|ing)|resold|resell(s|ing)|sales of)\b`)

// clauseStart returns where the clause holding text[at] starts on its line:
// after the last sentence end or semicolon before it.
func clauseStart(line string, at int) int {
	start := 0
	for i := 0; i < at && i < len(line); i++ {
		switch line[i] {
		case ';':
			start = i + 1
		case '.', '!', '?':
			// a full stop ends a sentence when a space follows ("done. Then"),
			// not inside ".NET" or "Node.js" or "e.g."
			if i+1 < len(line) && line[i+1] == ' ' && i > 0 && line[i-1] != ' ' && !(i >= 2 && line[i-2] == '.') {
				start = i + 1
			}
		}
	}
	return start
}

// objectOfCue reports whether the mention at byte col of line follows a
// recruiting or selling cue in the same clause.
func objectOfCue(line string, col int) bool {
	if col > len(line) {
		return false
	}
	lo := clauseStart(line, col)
	return objectCue.MatchString(line[lo:col])
}

// isRecruiterProfile reports whether the resume is a recruiter's: its
// headline (the header section's lines) names a recruiting title and no
// position contradicts it, or most of its position titles do.
func isRecruiterProfile(lines []string, secs []engine.Section, pos []position) bool {
	n := 0
	for _, p := range pos {
		if recruitingTitle.MatchString(p.Title) {
			n++
		}
	}
	if n > 0 && 2*n >= len(pos) {
		return true
	}
	for _, s := range secs {
		if s.Kind != kindHeader && s.Kind != kindSummary {
			continue
		}
		for l := max(s.StartLine, 1); l <= s.EndLine && l <= len(lines) && l < s.StartLine+3; l++ {
			if recruitingTitle.MatchString(firstWords(lines[l-1], 8)) {
				return n > 0 || len(pos) == 0
			}
		}
	}
	return false
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// objectMentions returns the mentions of ms that are the object of
// recruiting or selling (see the rules above), by index.
func objectMentions(ms []taxonomy.Mention, text string, lines []string, secs []engine.Section, pos []position, secOf []string, posOf []*position, tax *taxonomy.Taxonomy) map[int]bool {
	drop := map[int]bool{}
	recruiter := isRecruiterProfile(lines, secs, pos)
	// in a recruiter's resume, the engineering skills that have a mention
	// outside recruiting work
	own := map[string]bool{}
	if recruiter {
		for _, m := range ms {
			if m.Line < 1 || m.Line >= len(posOf) {
				continue
			}
			if p := posOf[m.Line]; p != nil && !recruitingTitle.MatchString(p.Title) {
				own[m.SkillID] = true
			}
			if sec := secOf[m.Line]; sec == kindEducation || sec == kindCertifications {
				own[m.SkillID] = true
			}
		}
	}
	for i, m := range ms {
		s, ok := tax.Get(m.SkillID)
		if !ok || !objectCategory(s) || m.Line < 1 || m.Line > len(lines) {
			continue
		}
		lineStart := strings.LastIndexByte(text[:m.Start], '\n') + 1
		switch {
		case recruiter && !own[m.SkillID]:
			drop[i] = true
		case objectOfCue(lines[m.Line-1], m.Start-lineStart):
			drop[i] = true
		}
	}
	return drop
}
