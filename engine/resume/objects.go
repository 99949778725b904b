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
//   - isRecruiterProfile: when the resume's headline or at least half of its
//     position titles are recruiting titles, an engineering skill counts only
//     when one of its mentions lies in a position that is not a recruiting
//     one, or in education or certifications (a recruiter who was a
//     developer keeps Java; the keyword dump and the recruiting positions do
//     not give it). Tools and databases a recruiter uses herself (Photoshop,
//     Access in an Office list) count unless they sit in recruiting work or
//     beside a hard technology ("Java, Kubernetes").
//
// Job descriptions are not resumes: role parsing calls the taxonomy directly,
// where "hiring Java developers" is exactly the skill wanted.

// recruitedFor are the categories whose skills are recruited or sold for.
var recruitedFor = map[string]bool{
	"language": true, "framework": true, "library": true, "database": true, "cloud": true,
	"platform": true, "protocol": true, "tool": true, "practice": true,
}

// hardTech are the categories a recruiter names only as what she recruits
// for: programming languages, frameworks, libraries, cloud services and
// protocols (platforms such as Windows she may well use herself).
var hardTech = map[string]bool{
	"language": true, "framework": true, "library": true, "cloud": true, "protocol": true,
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

// clauseWindow bounds how far back from a mention its clause is read, so
// that a long line costs linear time.
const clauseWindow = 160

// clauseStart returns where the clause holding line[at] starts: after the
// last sentence end or semicolon before it, at most clauseWindow bytes back.
func clauseStart(line string, at int) int {
	lo := max(0, at-clauseWindow)
	for i := min(at, len(line)) - 1; i >= lo; i-- {
		switch line[i] {
		case ';':
			return i + 1
		case '.', '!', '?':
			// a full stop ends a sentence when a space follows ("done. Then"),
			// not inside ".NET" or "Node.js" or "e.g."
			if i+1 < len(line) && line[i+1] == ' ' && i > 0 && line[i-1] != ' ' && !(i >= 2 && line[i-2] == '.') {
				return i + 1
			}
		}
	}
	return lo
}

// cueStarts and titleStarts are the first three letters of every word that
// starts an objectCue or a recruitingTitle.
var (
	cueStarts   = []string{"rec", "req", "res", "sou", "sta", "sol", "sel", "sal", "hir", "hea", "pla"}
	titleStarts = []string{"rec", "tal", "sou", "sta", "hea", "emp", "pla"}
)

// mayStart reports whether a word of s starts with one of starts (three
// lower-case letters each), ignoring case: a cheap test that spares most
// lines a regular expression.
func mayStart(s string, starts []string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		a, b, c := s[i]|0x20, s[i+1]|0x20, s[i+2]|0x20
		for _, w := range starts {
			if a == w[0] && b == w[1] && c == w[2] {
				return true
			}
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// objectOfCue reports whether the mention at byte col of line follows a
// recruiting or selling cue in the same clause. cues are the line's
// objectCue matches (FindAllStringIndex), found once per line.
func objectOfCue(line string, col int, cues [][]int) bool {
	if col > len(line) {
		return false
	}
	lo := clauseStart(line, col)
	for _, c := range cues {
		if c[0] >= lo && c[1] <= col && !listItemWord(line, c[0], c[1]) && !closedAside(line[lo:col], c[0]-lo, c[1]-lo) {
			return true
		}
	}
	return false
}

// closedAside reports whether the cue at s[start:end] sits in brackets
// closed before the end of s: "(company sold) Developed the UX".
func closedAside(s string, start, end int) bool {
	open := strings.LastIndexByte(s[:start], '(')
	return open > strings.LastIndexByte(s[:start], ')') && strings.IndexByte(s[end:], ')') >= 0
}

// listItemWord reports whether line[start:end] is a whole item of a comma
// list ("rendering, selling, SolidWorks"): a keyword, not a verb.
func listItemWord(line string, start, end int) bool {
	before := strings.TrimRight(line[:start], " ")
	after := strings.TrimLeft(line[end:], " ")
	return (before == "" || strings.HasSuffix(before, ",")) && (after == "" || strings.HasPrefix(after, ","))
}

// isRecruiterProfile reports whether the resume is a recruiter's: its
// headline (the header section's lines) names a recruiting title and no
// position contradicts it, or most of its position titles do.
func isRecruiterProfile(lines []string, secs []engine.Section, pos []position) bool {
	n := 0
	for _, p := range pos {
		if isRecruitingTitle(p.Title) {
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
			if isRecruitingTitle(lines[l-1][:min(len(lines[l-1]), 80)]) {
				return n > 0 || len(pos) == 0
			}
		}
	}
	return false
}

// isRecruitingTitle reports whether s names a recruiting job.
func isRecruitingTitle(s string) bool {
	return mayStart(s, titleStarts) && recruitingTitle.MatchString(s)
}

// objectMentions returns the mentions of ms that are the object of
// recruiting or selling (see the rules above), by index.
func objectMentions(ms []taxonomy.Mention, lines []string, secs []engine.Section, pos []position, secOf []string, posOf []*position, tax *taxonomy.Taxonomy) map[int]bool {
	drop := map[int]bool{}
	recruiter := isRecruiterProfile(lines, secs, pos)
	// in a recruiter's resume: the engineering skills that have a mention
	// outside recruiting work, the lines of recruiting positions, and the
	// number of hard technologies on each line (keyword dumps, "technologies
	// such as C/C++, .NET, Java")
	own := map[string]bool{}
	recruitingLine := map[int]bool{}
	hardOn := map[int]int{}
	if recruiter {
		recruiting := map[*position]bool{}
		for k := range pos {
			recruiting[&pos[k]] = isRecruitingTitle(pos[k].Title)
		}
		for _, m := range ms {
			if m.Line < 1 || m.Line >= len(posOf) {
				continue
			}
			if p := posOf[m.Line]; p != nil {
				if recruiting[p] {
					recruitingLine[m.Line] = true
				} else {
					own[m.SkillID] = true
				}
			}
			if sec := secOf[m.Line]; sec == kindEducation || sec == kindCertifications {
				own[m.SkillID] = true
			}
			if s, ok := tax.Get(m.SkillID); ok && hardTech[s.Category] {
				hardOn[m.Line]++
			}
		}
	}
	// byte offset of each line in text, so that a mention's column costs
	// nothing on a long line
	starts := make([]int, len(lines)+1)
	for l, line := range lines {
		starts[l+1] = starts[l] + len(line) + 1
	}
	cueLine, cues := 0, [][]int(nil) // the cues of the last line looked at
	for i, m := range ms {
		s, ok := tax.Get(m.SkillID)
		if !ok || !objectCategory(s) || m.Line < 1 || m.Line > len(lines) {
			continue
		}
		// a recruiter's hard technologies are what she recruited for; her
		// tools (Photoshop, Access beside Word) count unless they sit in her
		// recruiting work or in a list of technologies
		if recruiter && !own[m.SkillID] && (hardTech[s.Category] || recruitingLine[m.Line] || hardOn[m.Line] > 0) {
			drop[i] = true
			continue
		}
		if m.Line != cueLine {
			cueLine, cues = m.Line, nil
			if mayStart(lines[m.Line-1], cueStarts) {
				cues = objectCue.FindAllStringIndex(lines[m.Line-1], -1)
			}
		}
		if objectOfCue(lines[m.Line-1], m.Start-starts[m.Line-1], cues) {
			drop[i] = true
		}
	}
	return drop
}
