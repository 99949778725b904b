package resume

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// Degree levels, lowest first.
const (
	LevelHighSchool = "high_school"
	LevelAssociate  = "associate"
	LevelBachelor   = "bachelor"
	LevelMaster     = "master"
	LevelDoctorate  = "doctorate"
)

// degreePatterns recognise a degree as written and give its level. They are
// tried in order, highest level first; the first match on a line wins, except
// that high school comes before associate ("High School Diploma").
var degreePatterns = []struct {
	level string
	re    *regexp.Regexp
}{
	{LevelDoctorate, regexp.MustCompile(`(?i)\b(?:ph\.?\s?d\.?|d\.?phil\.?|doctor(?:ate)?\s+(?:of|in|en)\b[^,|—–:]*|doctorat|doctorado|doktor\w*|ed\.?d\.?)(?:\s|$|[,.:;)|—–-])`)},
	{LevelMaster, regexp.MustCompile(`(?i)\b(?:master'?s?(?:\s+(?:degree\s+)?(?:of|in)\b[^,|—–:]*)?|máster|maestr[ií]a|mast[eè]re?|m\.?\s?sc\.?|m\.?\s?tech\.?|m\.?\s?eng\.?|m\.?\s?phil\.?|mba|m\.?c\.?a\.?|m\.?\s?com\.?|ll\.?m\.?|m\.?s\.?|m\.?a\.?|m\.e\.?|diplom(?:-ingenieur)?|ingénieur|dipl\.-ing\.?)(?:\s|$|[,.:;)(|—–-])`)},
	{LevelBachelor, regexp.MustCompile(`(?i)\b(?:bachelor'?s?(?:\s+(?:degree\s+)?(?:of|in)\b[^,|—–:]*)?|b\.?\s?sc\.?|b\.?\s?tech\.?|b\.?\s?eng\.?|b\.?c\.?a\.?|b\.?\s?com\.?|b\.?b\.?a\.?|b\.?s\.?|b\.?a\.?|b\.e\.?|licen[cs]e|laurea(?:\s+triennale)?|licenciatura|licenciado|ingenier[ií]a|ingeniero|grado\s+en|undergraduate\s+degree|graduat(?:e|ion)\s+in)(?:\s|$|[,.:;)(|—–-])`)},
	{LevelHighSchool, regexp.MustCompile(`(?i)\b(?:high\s+school|secondary\s+school|higher\s+secondary|senior\s+secondary|hsc|ssc|h\.s\.c\.?|s\.s\.c\.?|12th|10th|xii|a[\s-]levels?|gcses?|ged|baccalaur[ée]at|bachillerato|matriculation|abitur|intermediate)(?:\s|$|[,.:;)(|—–-])`)},
	{LevelAssociate, regexp.MustCompile(`(?i)\b(?:associate'?s?\s+(?:degree|of|in)\b[^,|—–:]*|a\.a\.s\.?|a\.a\.|a\.s\.|hnd|higher\s+national\s+diploma|(?:polytechnic\s+)?diploma(?:\s+in)?|foundation\s+degree)(?:\s|$|[,.:;)(|—–-])`)},
}

// caseSensitiveShort are degree abbreviations that are common words or
// product names in other cases ("MS Office", "BA" the airline, "As").
var caseSensitiveShort = regexp.MustCompile(`^(?i:m\.?s\.?|m\.?a\.?|b\.?s\.?|b\.?a\.?|a\.s\.|a\.a\.|m\.e\.?|b\.e\.?)$`)

// institutionRe finds a word that names a school. (RE2's \b is ASCII-only,
// so the boundaries are spelled out to handle "Università", "École".)
var institutionRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:universi\p{L}+|college|institute|instituto|institut|school|academy|polytechnic|politecnico|escuela|escola|scuola|école|ecole|polit[eé]cnic\p{L}*|iit|nit|faculty|facultad|hochschule|conservatory|seminary|campus|insead)(?:$|[^\p{L}])`)

// degreeLevel returns the level of the first degree written on a line and
// where it is, or "" when there is none.
func degreeLevel(l string) (level, degree string, at int) {
	for _, p := range degreePatterns {
		for _, loc := range p.re.FindAllStringIndex(l, -1) {
			d := strings.TrimRight(strings.TrimSpace(l[loc[0]:loc[1]]), ",|—–-(")
			d = strings.TrimSpace(d)
			if caseSensitiveShort.MatchString(d) {
				// "MS", "B.S.", "BA": only in capitals, and not "MS Office"
				if strings.ToUpper(d) != d || strings.HasPrefix(strings.ToLower(strings.TrimSpace(l[loc[1]-1:])), " office") ||
					strings.Contains(strings.ToLower(l[loc[0]:min(len(l), loc[1]+8)]), "office") {
					continue
				}
			}
			if p.level == LevelHighSchool && strings.EqualFold(d, "intermediate") && !strings.Contains(strings.ToLower(l), "board") && !strings.Contains(strings.ToLower(l), "college") {
				continue // "Intermediate" is also a skill level
			}
			return p.level, d, loc[0]
		}
	}
	return "", "", -1
}

// fieldAfter reads the field of study written right after a degree: "BSc
// Physics", "Licence en Informatique", "M.Tech in CS". A comma or a wide gap
// after the degree means no field ("MBA, INSEAD"); high school and associate
// degrees take a field only after "in".
func fieldAfter(level, rest string) string {
	lead := fieldInRe.FindString(rest)
	switch {
	case lead != "":
	case level == LevelHighSchool || level == LevelAssociate:
		return ""
	case strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, "  ") && !strings.HasPrefix(rest, " -") && !strings.HasPrefix(rest, " –") && !strings.HasPrefix(rest, " —") && !strings.HasPrefix(rest, " |"):
		lead = " "
	default:
		return ""
	}
	f := fieldCutRe.Split(rest[len(lead):], 2)[0]
	if loc := institutionRe.FindStringIndex(f); loc != nil && loc[0] > 0 {
		f = f[:loc[0]] // "Information Technology University of Phoenix"
	}
	f = strings.TrimSpace(strings.Trim(strings.TrimSpace(f), ".,;:"))
	if f == "" || institutionRe.MatchString(f) || len(findDateRanges(f)) > 0 || len(strings.Fields(f)) > 8 {
		return ""
	}
	return f
}

// institutionFallback names the school of a degree line with no school word
// ("MBA, INSEAD, 2018"): the first part that is not the degree, the field or
// a date.
func institutionFallback(l string, e engine.Education) string {
	for _, p := range partSplitRe.Split(strings.TrimSpace(l), -1) {
		p = strings.Trim(strings.TrimSpace(p), ".;:()")
		if p == "" || strings.Contains(p, e.Degree) || e.Field != "" && strings.Contains(p, e.Field) || len(findDateRanges(p)) > 0 {
			continue
		}
		if lv, _, _ := degreeLevel(p); lv != "" || len(strings.Fields(p)) > 6 {
			continue
		}
		return p
	}
	return ""
}

var (
	fieldInRe   = regexp.MustCompile(`(?i)^\s*(?:(?:in|of|en|de|di|em)\s+|[:：]\s*)+`)
	honsRe      = regexp.MustCompile(`(?i)^\s*(?:\(hons?\.?\)|\(honou?rs\)|hons\.?|honou?rs)`)
	partSplitRe = regexp.MustCompile(`\s+[—–|]\s+|\s+-\s+|\s{2,}|,\s*|\s*(?:－|ï¼\x{8d}?)\s*|\s+GPA\b`)
	fieldCutRe  = regexp.MustCompile(`\s+(?:[—–|]|-|from|at|,)\s+|,\s*|\s{2,}|\s+\(`)
)

// findEducation reads degrees from the education sections: each line with a
// degree starts an entry; the institution is the part of the entry (or of an
// adjacent line) that names a university, college, school or institute; the
// year is the latest year written in the entry's lines.
func findEducation(lines []string, secs []engine.Section, asOf month) []engine.Education {
	var out []engine.Education
	for _, s := range sectionsOfKind(secs, kindEducation) {
		type entry struct {
			e    engine.Education
			line int
		}
		var es []entry
		for i := s.StartLine; i <= s.EndLine && i <= len(lines); i++ {
			l := lines[i-1]
			if i == s.StartLine && headingKind(l) != "" {
				continue
			}
			level, degree, at := degreeLevel(l)
			if level == "" {
				continue
			}
			rest := l[at+len(degree):]
			if m := honsRe.FindString(rest); m != "" {
				degree += m // "BSc (Hons)"
				rest = rest[len(m):]
			}
			if loc := institutionRe.FindStringIndex(degree); loc != nil && loc[0] > 0 && level != LevelHighSchool {
				// "Bachelor of Science in Physics Ohio State University"
				rest = degree[loc[0]:] + rest
				degree = strings.TrimSpace(degree[:loc[0]])
			}
			degree = strings.TrimRight(degree, " :")
			e := engine.Education{Level: level, Degree: degree}
			// "Bachelor of Science in Physics": the field follows " in "
			if idx := strings.Index(strings.ToLower(degree), " in "); idx > 0 {
				e.Degree, e.Field = strings.TrimSpace(degree[:idx]), strings.TrimSpace(degree[idx+4:])
			} else if e.Field = fieldAfter(level, rest); e.Field == "" && (strings.HasPrefix(strings.ToLower(degree), "master of ") || strings.HasPrefix(strings.ToLower(degree), "bachelor of ")) {
				// "Master of Computer Science": the field is in the name
				e.Field = strings.TrimSpace(degree[strings.Index(strings.ToLower(degree), " of ")+4:])
			}
			if e.Institution = institutionOf(l, e); e.Institution == "" {
				e.Institution = institutionFallback(l, e)
			}
			es = append(es, entry{e, i})
		}
		for k := range es {
			from, to := es[k].line, es[k].line
			// lines of the entry: up to the next entry, blank line or 2 lines
			for j := es[k].line + 1; j <= s.EndLine && j-es[k].line <= 2; j++ {
				if (k+1 < len(es) && j >= es[k+1].line) || strings.TrimSpace(lines[j-1]) == "" {
					break
				}
				to = j
			}
			// an institution line just above, not claimed by an earlier entry
			if j := es[k].line - 1; j > s.StartLine && (k == 0 || es[k-1].line < j-1 || k > 0 && es[k-1].line < j && to == es[k].line) && institutionRe.MatchString(lines[j-1]) {
				if lv, _, _ := degreeLevel(lines[j-1]); lv == "" {
					from = j
				}
			}
			e := &es[k].e
			for j := from; j <= to; j++ {
				l := lines[j-1]
				if e.Institution == "" && j != es[k].line {
					e.Institution = institutionIn(l)
				}
				for _, y := range yearRe.FindAllString(l, -1) {
					n, _ := strconv.Atoi(y)
					if n > e.Year && n <= asOf.year()+6 {
						e.Year = n
					}
				}
			}
			out = append(out, *e)
		}
	}
	return out
}

// institutionIn returns the part of a line that names a school.
func institutionIn(l string) string {
	for _, p := range partSplitRe.Split(l, -1) {
		p = strings.TrimSpace(p)
		if institutionRe.MatchString(p) {
			if lv, _, at := degreeLevel(p); lv != "" && at == 0 {
				continue // "High School Diploma"
			}
			return strings.Trim(p, " .;:()")
		}
	}
	return ""
}

// institutionOf is institutionIn on a degree's own line, with the degree
// and the field taken out of the part it returns.
func institutionOf(l string, e engine.Education) string {
	for _, cut := range []string{e.Degree, e.Field} {
		if cut != "" {
			l = strings.Replace(l, cut, "  ", 1)
		}
	}
	return strings.Trim(institutionIn(l), " ,:;—–-|")
}
