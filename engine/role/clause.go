package role

import (
	"regexp"
	"sort"
	"strings"
)

// A job-description sentence often mixes tiers: "Python and SQL, and Docker
// is a plus" asks for Python and SQL and welcomes Docker. The functions here
// decide the tier of each thing a sentence names — a skill, a degree, a
// "3+ years" phrase — from the cue that governs it, not from the sentence
// as a whole:
//
//   - a cue after what it qualifies ("Docker is a plus", "Kubernetes
//     preferred", "Go is required") governs the units before it, back to a
//     clause boundary or an earlier cue;
//   - a cue before ("Preferably AWS", "Bonus: Kafka", "Must have Python",
//     "Strong experience with Go") governs the units after it, up to a
//     clause boundary or the next cue; when both apply, the one after wins
//     ("Strong knowledge of Rust is a plus" is a plus);
//   - a cue in parentheses right after a skill ("Docker (preferred)")
//     governs that skill and the alternatives joined to it by "or";
//   - a negation ("no SQL experience required", "Java not required") takes
//     the skills it names out of the role, unless it goes on "but a plus";
//   - anything else takes the tier of its section (Requirements: required;
//     Nice to have: plus; responsibilities: none; the introduction: required
//     when its clause says "experience with", "knowledge of" and the like).
//
// A clause boundary is a semicolon, a dash, "but", "while", "whereas",
// "although", ", with", ", plus", or a comma that starts a new list after
// a list closed by "and"/"or" ("Python and SQL, AWS is a plus": the comma
// after "and SQL" starts a new clause; "HTML, CSS, and JS are a plus" stays
// one list).

// cue directions.
const (
	cueAuto   = iota // decided by position: after a unit of its clause, it follows
	cuePrefix        // governs what follows
	cueParen         // "(preferred)" right after a skill
	cueSpan          // "no … required": governs the units inside it
	cueSame          // "as is": the tier of the cue before it, forward
	cueOffer         // "we offer", "sign-on bonus": its clause asks for nothing
)

// sentCue is one tier cue found in a sentence.
type sentCue struct {
	start, end int
	tier       int
	dir        int
}

var (
	// butPlusCue: "not required, but a plus" is a plus, not a negation.
	butPlusCue = regexp.MustCompile(`(?i)\bnot (required|necessary|mandatory|essential)\b,? but (it's |it is |is |would be |will be )?(an? )?(big |huge |real )?(plus|bonus|advantage|asset|nice|helpful|welcome|preferred|beneficial|desirable)\b`)
	// negSpanCue: "no prior SQL experience required".
	negSpanCue = regexp.MustCompile(`(?i)\bno\s+(?:[\w'’+#./-]+\s+){0,6}?(?:is |are )?(?:required|necessary|needed|expected)\b`)
	// negCue: "Java not required", "a degree is not necessary".
	negCue = regexp.MustCompile(`(?i)\bnot (?:required|necessary|needed|mandatory|essential|expected)\b`)
	// sameCue: "ACLS is a plus, as is wound care".
	sameCue = regexp.MustCompile(`(?i)\bas (?:is|are|would be|will be)\b`)
	// prefixOnly are cues that always govern what follows.
	prefixOnly = regexp.MustCompile(`(?i)^(ideally|preferably|great if|nice if|must[ -]have|must|strong (experience|background|knowledge|skills)|proficien|expertise|solid|bonus if|plus if|a plus if|it's a plus if)`)
	// boundaryGap marks a clause boundary inside the text between two units.
	boundaryGap = regexp.MustCompile(`(?i)[;—]|\s[–-]\s|,\s*(and|but|while|whereas|although|though|with|plus|as well as|also|especially)\b|\b(but|while|whereas|although|though)\b`)
)

// findCues returns the tier cues of s in order, without overlaps.
func findCues(s string) []sentCue {
	var out []sentCue
	taken := func(a, b int) bool {
		for _, c := range out {
			if a < c.end && c.start < b {
				return true
			}
		}
		return false
	}
	add := func(re *regexp.Regexp, tier, dir int) {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if tier == tierRequired && notACue(s, m[0], m[1]) {
				continue
			}
			if !taken(m[0], m[1]) {
				out = append(out, sentCue{start: m[0], end: m[1], tier: tier, dir: dir})
			}
		}
	}
	add(offerCue, tierNone, cueOffer)
	add(butPlusCue, tierPlus, cueAuto)
	add(negSpanCue, tierNone, cueSpan)
	add(negCue, tierNone, cueAuto)
	add(sameCue, tierNone, cueSame)
	add(plusCue, tierPlus, cueAuto)
	add(mustCue, tierRequired, cueAuto)
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	for i := range out {
		c := &out[i]
		text := s[c.start:c.end]
		before := strings.TrimRight(s[:c.start], " ")
		after := strings.TrimLeft(s[c.end:], " ")
		switch {
		case c.dir == cueSpan || c.dir == cueOffer:
		case c.dir == cueSame:
			c.dir = cuePrefix
			c.tier = tierNone
			if i > 0 {
				c.tier = out[i-1].tier
			}
		case strings.HasSuffix(before, "(") && strings.HasPrefix(after, ")"):
			c.dir = cueParen
		case strings.HasPrefix(after, ":") || labelColon.MatchString(s[c.end:]):
			c.dir = cuePrefix
		case prefixOnly.MatchString(text) && !endsWithWord(before, "a") && !endsWithWord(before, "is"):
			c.dir = cuePrefix
		}
	}
	return out
}

// dutyRequired matches "required" used of a duty or an occasion, not of a
// qualification: "you will be required to support", "as and when required".
var (
	dutyRequiredAfter  = regexp.MustCompile(`(?i)^\s*to\b`)
	dutyRequiredBefore = regexp.MustCompile(`(?i)\b(as|when|where|if|whenever|wherever)\s*$`)
)

// notACue reports whether a must-cue match s[a:b] is "required to …" or
// "as required" and so says nothing about a skill.
func notACue(s string, a, b int) bool {
	if !strings.EqualFold(s[a:b], "required") {
		return false
	}
	return dutyRequiredAfter.MatchString(s[b:]) || dutyRequiredBefore.MatchString(s[:a])
}

// labelColon: a cue a few words before a colon labels what follows
// ("Essential skills for this role are: …").
var labelColon = regexp.MustCompile(`^[\w\s'’/-]{0,40}:`)

func endsWithWord(s, w string) bool {
	s = strings.ToLower(s)
	return s == w || strings.HasSuffix(s, " "+w)
}

// unit is a thing a sentence names whose tier is decided: a skill mention,
// a degree, a years phrase.
type unit struct {
	start, end int
	skill      bool // a skill mention (lists are made of these)
}

// tierPlan holds the tier of every unit of a sentence.
type tierPlan struct {
	s     string
	units []unit
	cues  []sentCue
	tiers []int
}

// planTiers decides the tier of each unit of sentence s (units in order of
// start) in a section whose default tier is given by sectionTier for a
// clause's text.
func planTiers(s string, units []unit, sectionTier func(clause string) int) tierPlan {
	p := tierPlan{s: s, units: units, cues: findCues(s), tiers: make([]int, len(units))}
	// a cue that sits inside a unit ("Nice-to-have" taken for a skill) is no cue
	cues := p.cues[:0]
	for _, c := range p.cues {
		inside := false
		for _, u := range units {
			if c.dir == cueSpan || c.dir == cueOffer {
				break
			}
			if c.start < u.end && u.start < c.end {
				inside = true
				break
			}
		}
		if !inside {
			cues = append(cues, c)
		}
	}
	p.cues = cues
	// auto cues: after a unit of their scope they follow it, else they lead
	for ci := range p.cues {
		c := &p.cues[ci]
		if c.dir != cueAuto {
			continue
		}
		c.dir = cuePrefix
		from := 0
		if ci > 0 {
			from = p.cues[ci-1].end
		}
		for ui := len(units) - 1; ui >= 0; ui-- {
			u := units[ui]
			if u.end <= c.start && u.start >= from && !p.boundaryBetween(u.end, c.start) {
				c.dir = -1 // postfix
				break
			}
		}
	}
	for ui := range units {
		p.tiers[ui] = p.unitTier(ui, sectionTier)
	}
	p.parenGroups()
	return p
}

const cuePostfix = -1

// boundaryBetween reports whether the text s[a:b] between two units or a
// unit and a cue holds a clause boundary.
func (p *tierPlan) boundaryBetween(a, b int) bool {
	if a >= b {
		return false
	}
	return boundaryGap.MatchString(p.s[a:b])
}

// listBreak reports whether two neighbouring skills joined by a list
// separator (gap) belong to different lists: a comma after a list closed by
// "and"/"or" (prev, the separator before the first of them, "" when it
// starts its list) starts a new one, and so does ", and" after a single
// skill.
func listBreak(prev, gap string) bool {
	gap = strings.ToLower(strings.TrimSpace(gap))
	if !strings.HasPrefix(gap, ",") {
		return false
	}
	if prev == "" {
		return gap == ", and" || gap == ",and"
	}
	return isConj(prev)
}

// listBreak is listBreak for units ui and ui+1.
func (p *tierPlan) listBreak(ui int) bool {
	prev := ""
	if ui > 0 && p.units[ui-1].skill {
		if g := p.s[p.units[ui-1].end:p.units[ui].start]; isSeparator(g) {
			prev = strings.ToLower(strings.TrimSpace(g))
		}
	}
	return listBreak(prev, p.s[p.units[ui].end:p.units[ui+1].start])
}

func isSeparator(gap string) bool {
	_, ok := listSeparator(gap)
	return ok
}

func isConj(sep string) bool {
	switch strings.Trim(sep, ", ") {
	case "and", "or", "and/or", "or/and", "&":
		return true
	}
	return false
}

// clauseBounds returns the start and end of the clause around unit ui.
func (p *tierPlan) clauseBounds(ui int) (int, int) {
	start, end := 0, len(p.s)
	for k := ui; k > 0; k-- {
		if p.separated(k - 1) {
			start = p.units[k-1].end
			break
		}
	}
	for k := ui; k+1 < len(p.units); k++ {
		if p.separated(k) {
			end = p.units[k+1].start
			break
		}
	}
	// a boundary with no unit beyond it ("…, and in return a bonus")
	u := p.units[ui]
	if ms := boundaryGap.FindAllStringIndex(p.s[start:u.start], -1); len(ms) > 0 {
		start += ms[len(ms)-1][1]
	}
	if m := boundaryGap.FindStringIndex(p.s[u.end:end]); m != nil {
		end = u.end + m[0]
	}
	return start, end
}

// separated reports whether units k and k+1 are in different clauses.
func (p *tierPlan) separated(k int) bool {
	a, b := p.units[k], p.units[k+1]
	gap := p.s[a.end:b.start]
	if a.skill && b.skill && isSeparator(gap) {
		return p.listBreak(k)
	}
	// units not joined in a list: a comma ends a clause ("Bachelor's in
	// CS, Master's preferred")
	return strings.Contains(gap, ",") || p.boundaryBetween(a.end, b.start)
}

// separatedStrong is separated without the comma rule: what a cue before
// a list governs runs on over commas ("ideally Selenium and experience of
// web testing, HTML and JavaScript") up to a real clause boundary.
func (p *tierPlan) separatedStrong(k int) bool {
	a, b := p.units[k], p.units[k+1]
	if a.skill && b.skill && isSeparator(p.s[a.end:b.start]) {
		return p.listBreak(k)
	}
	return p.boundaryBetween(a.end, b.start)
}

// hasOffer reports whether an offer cue lies in s[start:end].
func (p *tierPlan) hasOffer(start, end int) bool {
	for _, c := range p.cues {
		if c.dir == cueOffer && c.start < end && start < c.end {
			return true
		}
	}
	return false
}

// unitTier is the tier of unit ui: a negation around it, a parenthesised
// cue right after it, a cue after it in its clause, a cue before it in its
// clause, or the section's tier for its clause.
func (p *tierPlan) unitTier(ui int, sectionTier func(string) int) int {
	u := p.units[ui]
	for _, c := range p.cues {
		if c.dir == cueSpan && c.start <= u.start && u.end <= c.end {
			return tierNone
		}
	}
	if start, end := p.clauseBounds(ui); p.hasOffer(start, end) {
		return tierNone
	}
	// after: the first cue following the unit, with only units of the same
	// clause between
	pos, k := u.end, ui
	for _, c := range p.cues {
		if c.start < u.end {
			continue
		}
		for k+1 < len(p.units) && p.units[k+1].start < c.start {
			if p.separated(k) {
				goto before
			}
			k++
			pos = p.units[k].end
		}
		if p.boundaryBetween(pos, c.start) {
			break
		}
		switch {
		case c.dir == cueParen && k == ui:
			return c.tier
		case c.dir == cuePostfix:
			// "Must have Python, SQL, Docker preferred": a list opened by a
			// cue of another tier and closed by this one — the closing
			// cue qualifies its own item only (Docker, with any "or"
			// alternatives), the opening cue the items before it
			if ui < p.lastItem(k) {
				if t, ok := p.prefixTier(ui); ok && t != c.tier {
					return t
				}
			}
			return c.tier
		}
		break
	}
before:
	if t, ok := p.prefixTier(ui); ok {
		return t
	}
	start, end := p.clauseBounds(ui)
	return sectionTier(p.s[start:end])
}

// prefixTier is the tier of the last cue before unit ui that governs what
// follows it, with only units of the same clause between; ok is false when
// there is none.
func (p *tierPlan) prefixTier(ui int) (tier int, ok bool) {
	pos, k := p.units[ui].start, ui
	for ci := len(p.cues) - 1; ci >= 0; ci-- {
		c := p.cues[ci]
		if c.end > p.units[ui].start {
			continue
		}
		for k > 0 && p.units[k-1].end > c.end {
			if p.separatedStrong(k - 1) {
				return 0, false
			}
			k--
			pos = p.units[k].start
		}
		if p.boundaryBetween(c.end, pos) {
			return 0, false
		}
		return c.tier, c.dir == cuePrefix
	}
	return 0, false
}

// lastItem is the first unit of the list item that ends with unit k: k
// and the skills joined to it by "or" ("Django or Flask").
func (p *tierPlan) lastItem(k int) int {
	for ; k > 0 && p.units[k-1].skill && p.units[k].skill; k-- {
		if sep, ok := listSeparator(p.s[p.units[k-1].end:p.units[k].start]); !ok || sep != "or" {
			break
		}
	}
	return k
}

// parenGroups gives a parenthesised cue's tier to the alternatives joined
// by "or" before the skill it follows: "Django or Flask (preferred)".
func (p *tierPlan) parenGroups() {
	for _, c := range p.cues {
		if c.dir != cueParen {
			continue
		}
		ui := -1
		for k, u := range p.units {
			if u.end <= c.start {
				ui = k
			}
		}
		if ui < 0 || !p.units[ui].skill {
			continue
		}
		for k := ui; k > 0 && p.units[k-1].skill; k-- {
			sep, ok := listSeparator(p.s[p.units[k-1].end:p.units[k].start])
			if !ok || sep != "or" {
				break
			}
			p.tiers[k-1] = p.tiers[ui]
		}
	}
}

// tierAt is the tier of the unit starting at start, or tierNone.
func (p *tierPlan) tierAt(start int) int {
	for i, u := range p.units {
		if u.start == start {
			return p.tiers[i]
		}
	}
	return tierNone
}
