// Package taxonomy owns the skill vocabulary — skills with ids, names,
// categories, aliases, implies and related edges, and context rules for
// ambiguous names — and extraction of skill mentions from text.
//
// The default taxonomy is a generated data file (skills.json, built by
// cmd/gentaxonomy from public data and curated.yaml) embedded in the binary;
// users extend or override it with their own YAML file (LoadOverlay).
//
// Extraction finds names and aliases with one trie pass over the text, and
// skills named by an action and its object ("contract negotiation") where a
// resume states the verb and the object ("negotiated vendor contracts"):
// verbs.go derives those from the skills' names at load time. The same scan
// collects the tokens a second reading needs: names glued to a version or to
// the next word ("MySQL5.0", glued.go) and written in another spelling
// ("PL-SQL", spellings.go; second.go finds their tokens). Context rules for
// ambiguous names live in context.go, and by kind in generic.go (one-word
// skills), products.go (product words in company names and keyword lists),
// domainword.go (a department or a degree's field), vendor.go (a vendor's
// short forms, "Lambda" beside AWS) and paraphrase.go (shared heads).
//
// It imports only the standard library, engine (for its sentinel errors) and
// a pure-Go YAML decoder; never gin, bleve, database/sql or net/http.
package taxonomy

import "sync"

//go:generate go run ../../cmd/gentaxonomy -shared ../../../shared -out skills.json

// Skill is one entry of the taxonomy.
type Skill struct {
	ID       string   `json:"id" yaml:"id"`
	Name     string   `json:"name" yaml:"name"`
	Category string   `json:"category" yaml:"category"`
	Aliases  []string `json:"aliases,omitempty" yaml:"aliases"`
	Implies  []string `json:"implies,omitempty" yaml:"implies"` // skill ids
	Related  []string `json:"related,omitempty" yaml:"related"` // skill ids, partial credit
	// Context names the rule an ambiguous name must pass to count: "tech"
	// (Go, R, Swift…: only with technical context on the same line) or
	// "verb" (Excel: everywhere but where it is used as a verb, see Veto) or
	// "list" (generic words such as Budget or Scheduling: only as a whole
	// item of a list of skills, never in prose; see ExtractIn).
	// Empty means every whole-word match counts.
	Context string `json:"context,omitempty" yaml:"context"`
	// Ambiguous lists which of Name and Aliases need the Context rule
	// ("Go" does, "Golang" does not). Empty with a Context means all do.
	Ambiguous []string `json:"ambiguous,omitempty" yaml:"ambiguous"`
	// Veto lists phrases that rule out a mention of an ambiguous name, "*"
	// standing for the name: "* turnaround", "grade *", "*-to", "*&".
	// Compared ignoring case; the words must end where the phrase ends.
	// The phrase "* Name" vetoes the name when it starts a proper noun: a
	// capitalised word that is no skill follows ("Julia Roberts", "Access
	// Hollywood"; months and product nouns such as "Database" do not count).
	Veto []string `json:"veto,omitempty" yaml:"veto"`
	// CaseSensitive lists names and aliases that match only as written:
	// acronyms that are also words ("CAN" bus, "ARM", "SAFe"). Names of one
	// or two characters with a capital ("AP", "JS") always do.
	CaseSensitive []string `json:"case_sensitive,omitempty" yaml:"case_sensitive"`
}

// Mention is one occurrence of a skill in a text. Start and End are byte
// offsets into the text given to Extract; Line is 1-based. A skill stated by
// a verb and its object ("Negotiated 40+ vendor contracts", see verbs.go)
// spans the verb to the object, on one line, and may contain mentions of
// other skills; all other mentions spell a name or alias and never overlap.
type Mention struct {
	SkillID string
	Start   int
	End     int
	Line    int
}

// Taxonomy is an immutable, ready-to-match set of skills. It is safe for
// concurrent use.
type Taxonomy struct {
	Version string
	skills  []Skill
	byID    map[string]int
	merged  map[string]int      // retired id → index of the skill that holds it (File.Merged)
	byName  map[string]int      // normalised name or alias → index
	related map[string][]string // symmetric related edges, sorted
	tech    []bool              // by index: counts as technical context
	// database maps a vendor skill to its database, named by the vendor's
	// name in a list of databases (see inDatabaseContext)
	database map[int32]int32
	vetoes   [][]veto // by index: Veto without the proper-noun veto, parsed
	nameVeto []bool   // by index: Veto has the proper-noun veto
	m        *matcher
	verbs    *verbTable // skills stated by a verb and its object (see verbs.go)
	// shortKeys maps a vendor short form ("lambda", "sd") to its index in
	// shorts, the products it may name (see vendor.go)
	shortKeys map[string]int32
	shorts    [][]shortForm
	shortText []string // by index of shorts: the form as the first product writes it
	spell     struct { // other spellings of names (see spellings.go), built on first use
		once  sync.Once
		table *spellingTable
	}
}

// Skills returns every skill, in id order. The slice is shared: do not modify it.
func (t *Taxonomy) Skills() []Skill { return t.skills }

// Get returns the skill with the given id. A retired id (a duplicate merged
// into another skill, see File.Merged) returns the skill that holds it now,
// whose ID differs from id; Canonical gives that id alone.
func (t *Taxonomy) Get(id string) (Skill, bool) {
	i, ok := t.byID[id]
	if !ok {
		if i, ok = t.merged[id]; !ok {
			return Skill{}, false
		}
	}
	return t.skills[i], true
}

// Canonical returns the id under which the taxonomy keeps the skill named by
// id: id itself for a live skill, the keeper's id for a retired one, and id
// unchanged when the taxonomy does not know it.
func (t *Taxonomy) Canonical(id string) string {
	if i, ok := t.merged[id]; ok { // never a live id (New skips those)
		return t.skills[i].ID
	}
	return id
}

// Merged returns the retired ids and the ids that hold them now (see
// File.Merged), in a new map.
func (t *Taxonomy) Merged() map[string]string {
	out := make(map[string]string, len(t.merged))
	for from, i := range t.merged {
		out[from] = t.skills[i].ID
	}
	return out
}

// Lookup finds a skill by id, display name or alias, ignoring case and
// spacing. Context rules do not apply: "Go" finds the language, and a vendor
// short form its product ("Lambda" AWS Lambda, "IAM" AWS IAM; not a weak
// one such as "HR"; see vendor.go).
func (t *Taxonomy) Lookup(name string) (Skill, bool) {
	if s, ok := t.Get(name); ok {
		return s, true
	}
	k := normalize(name)
	i, ok := t.byName[k]
	if !ok {
		if i, ok = t.shortProduct(k); !ok {
			return Skill{}, false
		}
	}
	return t.skills[i], true
}

// known reports whether Lookup finds name, without copying the skill and,
// for a short name of printable ASCII with single inner spaces (what the
// second readings ask about), without allocating.
func (t *Taxonomy) known(name string) bool {
	if _, ok := t.byID[name]; ok {
		return true
	}
	if _, ok := t.merged[name]; ok {
		return true
	}
	var buf [64]byte
	if len(name) > 0 && len(name) <= len(buf) && name[0] != ' ' && name[len(name)-1] != ' ' {
		b := buf[:0]
		for i := 0; i < len(name); i++ {
			c := name[i]
			if c > '~' || c < ' ' || c == ' ' && name[i-1] == ' ' {
				return t.knownKey(normalize(name))
			}
			b = append(b, lower[c])
		}
		if _, ok := t.byName[string(b)]; ok {
			return true
		}
		x, ok := t.shortKeys[string(b)]
		return ok && t.strongShort(x) >= 0
	}
	return t.knownKey(normalize(name))
}

// knownKey reports whether Lookup finds the normalised name k.
func (t *Taxonomy) knownKey(k string) bool {
	if _, ok := t.byName[k]; ok {
		return true
	}
	_, ok := t.shortProduct(k)
	return ok
}

// Name returns the display name of the skill with the given id, or the id
// itself when the taxonomy has no such skill.
func (t *Taxonomy) Name(id string) string {
	if s, ok := t.Get(id); ok {
		return s.Name
	}
	return id
}

// Implied returns the ids of every skill that id implies, directly or
// transitively (Next.js ⇒ React ⇒ JavaScript), excluding id itself, nearest
// first and otherwise in the order the edges are listed. It returns nil for
// an unknown id or a skill that implies nothing.
func (t *Taxonomy) Implied(id string) []string {
	s, ok := t.Get(id)
	if !ok {
		return nil
	}
	seen := map[string]bool{id: true}
	var out []string
	queue := append([]string(nil), s.Implies...)
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		if seen[next] {
			continue
		}
		seen[next] = true
		out = append(out, next)
		if n, ok := t.Get(next); ok {
			queue = append(queue, n.Implies...)
		}
	}
	return out
}

// Related returns the ids of the skills related to id (partial credit:
// Flask ~ Django). The relation is symmetric whichever side listed it; the
// ids are sorted. It returns nil for an unknown id.
func (t *Taxonomy) Related(id string) []string {
	return t.related[id]
}

// Suggest returns the display name of the skill whose name or alias is
// closest to name, for "did you mean" messages ("Postgress" → "PostgreSQL").
// A name that is already known returns its own skill's name. ok is false when
// nothing is close: more than one edit for names of up to five letters, more
// than two edits for longer ones.
func (t *Taxonomy) Suggest(name string) (string, bool) {
	if s, ok := t.Lookup(name); ok {
		return s.Name, true
	}
	q := normalize(name)
	if q == "" {
		return "", false
	}
	limit := 1
	if len(q) > 5 {
		limit = 2
	}
	best, bestDist := -1, limit+1
	bestKey := ""
	for k, i := range t.byName {
		if abs(len(k)-len(q)) > limit {
			continue
		}
		d := editDistance(q, k, bestDist+1) // exact when ≤ bestDist
		if d < bestDist || d == bestDist && best >= 0 && (i < best || i == best && k < bestKey) {
			best, bestDist, bestKey = i, d, k
		}
	}
	if best < 0 {
		return "", false
	}
	return t.skills[best].Name, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions, transpositions) between a and b, or any value
// ≥ bound once it is known to be at least bound.
func editDistance(a, b string, bound int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
