package role

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Requirement and check statuses.
const (
	StatusMet         = "met"
	StatusPartlyMet   = "partly_met"
	StatusUnknown     = "unknown"
	StatusMissing     = "missing"
	StatusNotRequired = "not_required" // education or experience the role does not ask for
)

// Credit factors of the scoring formula (see the package documentation).
const (
	shareRequired   = 0.70
	sharePlus       = 0.15
	shareEducation  = 0.075
	shareExperience = 0.075
	shareTitle      = 0.20

	creditRelated       = 0.5 // a related skill (Flask for Django)
	unknownMonthsFactor = 0.6 // skill present, months unknown, a minimum asked
	unknownRecentFactor = 0.8 // skill present, last use unknown, recency asked
	shortMonthsFloor    = 0.4 // credit factor at 0 months of a minimum
	staleFloor          = 0.3 // least factor for a skill used long ago
	depthMonths         = 48  // no minimum asked: months for full credit
	depthShare          = 0.2 // no minimum asked: credit that depends on months
	unknownEducation    = 0.25
	oneLevelBelow       = 0.5
	// coreWeight multiplies the weight of a required requirement whose
	// skill the role title names: the skill that defines the job.
	coreWeight = 2
)

// Match is a candidate's explained score against a role.
type Match struct {
	// Score is 0–100, rounded to 0.1.
	Score        float64             `json:"score"`
	Requirements []RequirementResult `json:"requirements"`
	Plus         []RequirementResult `json:"plus"`
	// Missing lists the required requirements the candidate has no credit
	// for, as "Python" or "Django or Flask".
	Missing         []string `json:"missing"`
	Education       Check    `json:"education"`
	Experience      Check    `json:"experience"`
	Title           Check    `json:"title"`
	Summary         string   `json:"summary"`
	RoleVersion     string   `json:"role_version"`
	TaxonomyVersion string   `json:"taxonomy_version"`

	// raw is the unrounded score in [0,1]; it breaks ties between equal
	// rounded scores so that more credit always ranks first.
	raw float64
}

// RequirementResult explains one requirement of a match.
type RequirementResult struct {
	Skills []string `json:"skills"` // the alternatives the role asks for
	Status string   `json:"status"` // met, partly_met, unknown, missing
	// Skill is the alternative that was satisfied; Via the skill the candidate
	// actually has when it was implied (Django ⇒ Python) or related (Flask
	// for Django).
	Skill     string            `json:"skill,omitempty"`
	Via       string            `json:"via,omitempty"`
	Credit    float64           `json:"credit"` // 0–1
	MinMonths int               `json:"min_months,omitempty"`
	Months    *int              `json:"months"`
	LastUsed  *string           `json:"last_used"`
	Evidence  []engine.Evidence `json:"evidence"`
	Reason    string            `json:"reason"`
}

// Check explains the education or total-experience part of a match.
type Check struct {
	Status string  `json:"status"` // met, partly_met, unknown, missing, not_required
	Want   string  `json:"want,omitempty"`
	Have   string  `json:"have,omitempty"`
	Credit float64 `json:"credit"`
	Reason string  `json:"reason"`
}

// Alternative kinds: how a candidate skill satisfies a role skill.
const (
	kindDirect  = iota // the skill itself
	kindImplied        // a skill that implies it (Django ⇒ Python)
	kindRelated        // a related skill, partial credit
)

// alt is one way to satisfy a requirement: having skill id.
type alt struct {
	id     string  // candidate skill id that counts
	target string  // the role's skill (display name) it stands for
	kind   int     // kindDirect, kindImplied, kindRelated
	base   float64 // credit before months and recency
}

// compiledReq is a requirement ready for scoring.
type compiledReq struct {
	src    Requirement
	alts   []alt
	min    int
	maxAgo int
	k      float64 // share of the whole score, weight included
	core   bool    // names a skill of the role title: weighs coreWeight times
}

// compiled is a role ready for scoring: alternatives resolved through the
// taxonomy and each part's share of the score fixed.
type compiled struct {
	role       Role
	req, plus  []compiledReq
	eduWant    int
	eduShare   float64
	expShare   float64
	titleShare float64
	titleWords []string // of the role title
	taxVersion string
	// byID lists, for each candidate skill id that counts anywhere, the
	// requirements and alternatives it can satisfy.
	byID map[string][]altRef
}

// altRef points at one alternative: plus false for c.req, true for c.plus.
type altRef struct {
	plus     bool
	req, alt int
}

// graph is the taxonomy's reverse implies and symmetric related edges, built
// once per taxonomy.
type graph struct {
	impliedBy map[string][]string // id → ids that imply it, transitively
	related   map[string][]string // id → related ids, both directions
}

var graphs sync.Map // *taxonomy.Taxonomy → *graph

func graphOf(tax *taxonomy.Taxonomy) *graph {
	if g, ok := graphs.Load(tax); ok {
		return g.(*graph)
	}
	g := &graph{impliedBy: map[string][]string{}, related: map[string][]string{}}
	direct := map[string][]string{}
	for _, s := range tax.Skills() {
		for _, t := range s.Implies {
			direct[t] = append(direct[t], s.ID)
		}
		for _, r := range s.Related {
			g.related[s.ID] = appendNew(g.related[s.ID], r)
			g.related[r] = appendNew(g.related[r], s.ID)
		}
	}
	for t := range direct {
		seen := map[string]bool{t: true}
		queue := append([]string(nil), direct[t]...)
		var all []string
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			if seen[x] {
				continue
			}
			seen[x] = true
			all = append(all, x)
			queue = append(queue, direct[x]...)
		}
		sort.Strings(all)
		g.impliedBy[t] = all
	}
	for k := range g.related {
		sort.Strings(g.related[k])
	}
	actual, _ := graphs.LoadOrStore(tax, g)
	return actual.(*graph)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// compile resolves a role against a taxonomy. Skill names the taxonomy does
// not know never match.
func compile(ro Role, tax *taxonomy.Taxonomy) *compiled {
	g := graphOf(tax)
	c := &compiled{role: ro, eduWant: EducationRank(ro.Education), taxVersion: tax.Version}
	c.titleWords = titleWords(ro.Title)
	shareR, shareP, shareE, shareX, shareT := 0.0, 0.0, 0.0, 0.0, 0.0
	if len(c.titleWords) > 0 && (len(ro.Required) > 0 || len(ro.Plus) > 0) {
		shareT = shareTitle
	}
	if len(ro.Required) > 0 {
		shareR = shareRequired
	}
	if len(ro.Plus) > 0 {
		shareP = sharePlus
	}
	if c.eduWant > 0 {
		shareE = shareEducation
	}
	if ro.MinTotalMonths > 0 {
		shareX = shareExperience
	}
	total := shareR + shareP + shareE + shareX + shareT
	if total == 0 {
		return c
	}
	c.req = compileReqs(ro.Required, shareR/total, titleSkills(ro.Title, tax), tax, g)
	c.plus = compileReqs(ro.Plus, shareP/total, nil, tax, g)
	c.eduShare = shareE / total
	c.expShare = shareX / total
	c.titleShare = shareT / total
	c.byID = map[string][]altRef{}
	for i, q := range c.req {
		for ai, a := range q.alts {
			c.byID[a.id] = append(c.byID[a.id], altRef{false, i, ai})
		}
	}
	for i, q := range c.plus {
		for ai, a := range q.alts {
			c.byID[a.id] = append(c.byID[a.id], altRef{true, i, ai})
		}
	}
	return c
}

// compileReqs resolves requirements and fixes their shares of the score:
// share split by weight, a requirement naming a skill of core (the skills
// the role title names) weighing coreWeight times its own weight.
func compileReqs(reqs []Requirement, share float64, core map[string]bool, tax *taxonomy.Taxonomy, g *graph) []compiledReq {
	weights := make([]float64, len(reqs))
	isCore := make([]bool, len(reqs))
	sumW := 0.0
	for i, q := range reqs {
		weights[i] = weightOf(q)
		for _, name := range q.Skills {
			if s, ok := tax.Lookup(name); ok && core[s.ID] {
				weights[i] *= coreWeight
				isCore[i] = true
				break
			}
		}
		sumW += weights[i]
	}
	out := make([]compiledReq, len(reqs))
	for i, q := range reqs {
		cq := compiledReq{src: q, min: q.MinMonths, maxAgo: q.MaxMonthsAgo, k: share * weights[i] / sumW, core: isCore[i]}
		seen := map[string]bool{}
		add := func(id, target string, kind int, base float64) {
			if !seen[id] {
				seen[id] = true
				cq.alts = append(cq.alts, alt{id: id, target: target, kind: kind, base: base})
			}
		}
		var ids []string
		for _, name := range q.Skills {
			if s, ok := tax.Lookup(name); ok {
				ids = append(ids, s.ID)
				add(s.ID, s.Name, kindDirect, 1)
			}
		}
		for _, id := range ids {
			s, _ := tax.Get(id)
			for _, x := range g.impliedBy[id] {
				add(x, s.Name, kindImplied, 1)
			}
		}
		for _, id := range ids {
			s, _ := tax.Get(id)
			for _, x := range g.related[id] {
				add(x, s.Name, kindRelated, creditRelated)
			}
		}
		out[i] = cq
	}
	return out
}

// titleSkills are the ids of the skills a role title names: "Python" in
// "Python Backend Developer", "Go" in "Go Platform Engineer". A title is
// read as technical text (Taxonomy.ExtractTechnical): it names what the
// job is about, so an ambiguous name in it ("Go", "C") needs no technical
// word beside it; only the required skills among these count double, so a
// name that is no skill of the role ("Chef" the tool in a cook's title)
// changes nothing.
func titleSkills(title string, tax *taxonomy.Taxonomy) map[string]bool {
	out := map[string]bool{}
	for _, m := range tax.ExtractTechnical(title) {
		out[m.SkillID] = true
	}
	return out
}

func weightOf(q Requirement) float64 {
	if q.Weight <= 0 {
		return 1
	}
	return q.Weight
}

// credit is the credit one candidate skill earns for a requirement. months
// and ago are -1 when unknown. It is the single formula both Score and the
// Ranker use, so their numbers are equal.
func credit(base float64, months, ago int, q *compiledReq) float64 {
	return base * monthsFactor(months, q.min) * recencyFactor(ago, q.maxAgo)
}

// monthsFactor scales credit by experience. With a minimum asked, it is
// the minimum that counts; without one, depth still does a little: full
// credit from depthMonths on, 1-depthShare for a skill only listed.
func monthsFactor(months, min int) float64 {
	if min <= 0 {
		switch {
		case months >= depthMonths:
			return 1
		case months < 0:
			return 1 - depthShare
		}
		return 1 - depthShare + depthShare*float64(months)/depthMonths
	}
	switch {
	case months >= min:
		return 1
	case months < 0:
		return unknownMonthsFactor
	}
	return shortMonthsFloor + (1-shortMonthsFloor)*float64(months)/float64(min)
}

// recencyFactor scales credit by months since last use against a window (0: none asked).
func recencyFactor(ago, maxAgo int) float64 {
	switch {
	case maxAgo <= 0 || ago >= 0 && ago <= maxAgo:
		return 1
	case ago < 0:
		return unknownRecentFactor
	}
	return max(staleFloor, float64(maxAgo)/float64(ago))
}

// educationCredit is the credit for a candidate's highest education level
// (0 unknown) against the level wanted.
func educationCredit(have, want int) float64 {
	switch {
	case want == 0 || have >= want:
		return 1
	case have == 0:
		return unknownEducation
	case have == want-1:
		return oneLevelBelow
	}
	return 0
}

// experienceCredit is the credit for total months of experience against a minimum.
func experienceCredit(have, want int) float64 {
	if want <= 0 || have >= want {
		return 1
	}
	if have <= 0 {
		return 0
	}
	return float64(have) / float64(want)
}

// roundScore turns a raw score in [0,1] into 0–100 rounded to 0.1.
func roundScore(raw float64) float64 { return math.Round(raw*1000) / 10 }

// monthIndex is the month of "YYYY-MM" or "YYYY-MM-DD" (engine.ParseMonth)
// as a month count, or -1.
func monthIndex(s string) int {
	if m, ok := engine.ParseMonth(s); ok {
		return int(m)
	}
	return -1
}

// skillFacts returns a resume skill's months and months since last use
// (each -1 when unknown), relative to the resume's as-of date.
func skillFacts(s *engine.Skill, asOf int) (months, ago int) {
	months, ago = -1, -1
	if s.Months != nil {
		months = *s.Months
	}
	switch {
	case s.Current:
		ago = 0
	case s.LastUsed != nil && asOf >= 0:
		if l := monthIndex(*s.LastUsed); l >= 0 {
			ago = max(0, asOf-l)
		}
	}
	return months, ago
}

// highestEducation is the rank of the resume's highest education level.
func highestEducation(r *engine.Resume) int {
	best := 0
	for _, e := range r.Education {
		best = max(best, EducationRank(e.Level))
	}
	return best
}

// Score rates resume r against role ro, deterministically, and explains it.
// The formula is in the package documentation. Skills are compared by
// taxonomy id; Django satisfies a Python requirement through the taxonomy's
// implies edges, Flask half-satisfies Django through its related edges.
func Score(r engine.Resume, ro Role, tax *taxonomy.Taxonomy) Match {
	r = currentIDs(r, tax)
	return scoreCompiled(&r, compile(ro, tax))
}

// currentIDs is where a profile enters scoring (Score, Ranker.Add): a
// profile stored before a skill was merged into another still names the
// retired id, and counts as the skill that holds it now
// (taxonomy.Canonical). It returns r with those ids replaced, in a new
// Skills slice when any is; r's own slices are never modified.
func currentIDs(r engine.Resume, tax *taxonomy.Taxonomy) engine.Resume {
	copied := false
	for i := range r.Skills {
		id := tax.Canonical(r.Skills[i].ID)
		if id == r.Skills[i].ID {
			continue
		}
		if !copied {
			r.Skills, copied = slices.Clone(r.Skills), true
		}
		r.Skills[i].ID = id
	}
	return r
}

func scoreCompiled(r *engine.Resume, c *compiled) Match {
	asOf := monthIndex(r.AsOf)
	reqBest := make([]best, len(c.req))
	plusBest := make([]best, len(c.plus))
	for si := range r.Skills {
		refs := c.byID[r.Skills[si].ID]
		if len(refs) == 0 {
			continue
		}
		months, ago := skillFacts(&r.Skills[si], asOf)
		for _, ref := range refs {
			var q *compiledReq
			var b *best
			if ref.plus {
				q, b = &c.plus[ref.req], &plusBest[ref.req]
			} else {
				q, b = &c.req[ref.req], &reqBest[ref.req]
			}
			cr := credit(q.alts[ref.alt].base, months, ago, q)
			if cr > b.credit || cr == b.credit && b.skill >= 0 && ref.alt < b.alt {
				*b = best{credit: cr, skill: si, alt: ref.alt, set: true}
			}
		}
	}
	m := Match{RoleVersion: c.role.Version, TaxonomyVersion: c.taxVersion, Requirements: make([]RequirementResult, 0, len(c.req)), Plus: make([]RequirementResult, 0, len(c.plus)), Missing: []string{}}
	raw := 0.0
	for i := range c.req {
		res := explain(r, &c.req[i], reqBest[i], asOf)
		raw += c.req[i].k * reqBest[i].credit
		if res.Status == StatusMissing {
			m.Missing = append(m.Missing, strings.Join(res.Skills, " or "))
		}
		m.Requirements = append(m.Requirements, res)
	}
	for i := range c.plus {
		res := explain(r, &c.plus[i], plusBest[i], asOf)
		raw += c.plus[i].k * plusBest[i].credit
		m.Plus = append(m.Plus, res)
	}
	have := highestEducation(r)
	m.Education = educationCheck(have, c.eduWant)
	raw += c.eduShare * educationCredit(have, c.eduWant)
	m.Experience = experienceCheck(r.TotalMonths, c.role.MinTotalMonths)
	raw += c.expShare * experienceCredit(r.TotalMonths, c.role.MinTotalMonths)
	var titleFound int
	m.Title, titleFound = titleCheck(r, c.titleWords)
	raw += c.titleShare * titleCredit(titleFound, len(c.titleWords))
	for _, ch := range []*Check{&m.Education, &m.Experience, &m.Title} {
		ch.Credit = math.Round(ch.Credit*1000) / 1000 // for reading
	}
	m.raw = raw
	m.Score = roundScore(raw)
	m.Summary = summary(&m)
	return m
}

// best is the best alternative found for a requirement: the highest
// credit, ties to the earliest alternative (direct before implied before
// related), then to the earliest skill of the resume.
type best struct {
	credit     float64
	skill, alt int
	set        bool
}

// explain writes up the best alternative found for a requirement.
func explain(r *engine.Resume, q *compiledReq, b best, asOf int) RequirementResult {
	res := RequirementResult{Skills: q.src.Skills, MinMonths: q.min, Status: StatusMissing, Evidence: []engine.Evidence{}}
	bestSkill, bestAlt := -1, b.alt
	if b.set {
		bestSkill = b.skill
	}
	best := b.credit
	if bestSkill < 0 {
		res.Reason = "No " + orList(q.src.Skills) + " found."
		if q.core {
			res.Reason = "No " + orList(q.src.Skills) + " found; the role title names it, so it counts double."
		}
		return res
	}
	a := q.alts[bestAlt]
	s := &r.Skills[bestSkill]
	res.Credit = best
	res.Skill = a.target
	if a.kind != kindDirect {
		res.Via = s.Name
	} else if via := impliedBy(s); via != "" {
		res.Via = via // the resume names Django; extraction implied Python from it
	}
	res.Months, res.LastUsed = s.Months, s.LastUsed
	if n := len(s.Evidence); n > 3 {
		res.Evidence = s.Evidence[:3]
	} else if n > 0 {
		res.Evidence = s.Evidence
	}
	months, ago := skillFacts(s, asOf)
	var why []string
	switch a.kind {
	case kindDirect:
		if res.Via != "" {
			why = append(why, "Has "+a.target+" through "+res.Via)
		} else {
			why = append(why, "Has "+a.target)
		}
	case kindImplied:
		why = append(why, "Has "+a.target+" through "+s.Name+" ("+s.Name+" implies it)")
	case kindRelated:
		why = append(why, "No "+a.target+", but related "+s.Name+" counts for "+strconv.Itoa(int(creditRelated*100))+"%")
	}
	if months >= 0 {
		why[0] += ", " + duration(months) + " of experience"
	}
	if s.Current {
		why[0] += ", in the current job"
	} else if s.LastUsed != nil {
		why[0] += ", last used " + *s.LastUsed
	}
	status := StatusMet
	if a.kind == kindRelated {
		status = StatusPartlyMet
	}
	if q.min > 0 {
		switch {
		case months < 0:
			status = StatusUnknown
			why = append(why, "how long is not stated ("+duration(q.min)+" wanted)")
		case months < q.min:
			status = StatusPartlyMet
			why = append(why, "less than the "+duration(q.min)+" wanted")
		}
	}
	if q.maxAgo > 0 {
		switch {
		case ago < 0:
			if status == StatusMet {
				status = StatusUnknown
			}
			why = append(why, "when it was last used is not stated (within "+duration(q.maxAgo)+" wanted)")
		case ago > q.maxAgo:
			status = StatusPartlyMet
			why = append(why, "not used within the last "+duration(q.maxAgo))
		}
	}
	if status == StatusMet && q.min <= 0 && months < depthMonths && a.kind != kindRelated {
		why = append(why, strconv.Itoa(int(math.Round(best*100)))+"% credit (full from "+duration(depthMonths)+")")
	}
	res.Status = status
	if q.core {
		why = append(why, "counts double: the role title names it")
	}
	res.Reason = strings.Join(why, "; ") + "."
	res.Credit = math.Round(best*1000) / 1000 // for reading; the score uses the exact value
	return res
}

// impliedBy names the skill a resume skill was implied from when every line
// of its evidence says so, or "".
func impliedBy(s *engine.Skill) string {
	via := ""
	for _, e := range s.Evidence {
		if e.Via == "" || via != "" && e.Via != via {
			return ""
		}
		via = e.Via
	}
	return via
}

func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// duration renders months as a person says it: "8 months", "2 years", "2.5 years".
func duration(months int) string {
	switch {
	case months == 1:
		return "1 month"
	case months < 12:
		return strconv.Itoa(months) + " months"
	case months == 12:
		return "1 year"
	case months%12 == 0:
		return strconv.Itoa(months/12) + " years"
	}
	return strconv.FormatFloat(float64(months)/12, 'f', 1, 64) + " years"
}

func educationCheck(have, want int) Check {
	c := Check{Credit: educationCredit(have, want)}
	if have > 0 {
		c.Have = educationLevels[have-1]
	}
	if want == 0 {
		c.Status, c.Reason = StatusNotRequired, "No education level asked."
		return c
	}
	c.Want = educationLevels[want-1]
	switch {
	case have >= want:
		c.Status = StatusMet
		c.Reason = fmt.Sprintf("Has a %s degree or higher (%s).", strings.ReplaceAll(c.Want, "_", " "), strings.ReplaceAll(c.Have, "_", " "))
	case have == 0:
		c.Status = StatusUnknown
		c.Reason = fmt.Sprintf("No education level found; %s wanted.", strings.ReplaceAll(c.Want, "_", " "))
	case have == want-1:
		c.Status = StatusPartlyMet
		c.Reason = fmt.Sprintf("Highest level %s, one below the %s wanted.", strings.ReplaceAll(c.Have, "_", " "), strings.ReplaceAll(c.Want, "_", " "))
	default:
		c.Status = StatusMissing
		c.Reason = fmt.Sprintf("Highest level %s; %s wanted.", strings.ReplaceAll(c.Have, "_", " "), strings.ReplaceAll(c.Want, "_", " "))
	}
	return c
}

func experienceCheck(have, want int) Check {
	c := Check{Credit: experienceCredit(have, want)}
	if have > 0 {
		c.Have = duration(have)
	}
	if want <= 0 {
		c.Status, c.Reason = StatusNotRequired, "No minimum total experience asked."
		return c
	}
	c.Want = duration(want)
	switch {
	case have >= want:
		c.Status = StatusMet
		c.Reason = duration(have) + " of experience, " + c.Want + " wanted."
	case have <= 0:
		c.Status = StatusUnknown
		c.Reason = "No dated experience found; " + c.Want + " wanted."
	default:
		c.Status = StatusPartlyMet
		c.Reason = duration(have) + " of experience, less than the " + c.Want + " wanted."
	}
	return c
}

// summary is one sentence for a person: how many required are met and what is missing.
func summary(m *Match) string {
	met := 0
	for _, r := range m.Requirements {
		if r.Status == StatusMet {
			met++
		}
	}
	plus := 0
	for _, r := range m.Plus {
		if r.Status != StatusMissing {
			plus++
		}
	}
	s := "Meets " + strconv.Itoa(met) + " of " + strconv.Itoa(len(m.Requirements)) + " required"
	if len(m.Plus) > 0 {
		s += " and " + strconv.Itoa(plus) + " of " + strconv.Itoa(len(m.Plus)) + " plus"
	}
	if len(m.Missing) > 0 {
		s += "; missing " + strings.Join(m.Missing, ", ")
	}
	return s + "."
}
