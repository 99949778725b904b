// Package taxonomy owns the skill vocabulary — skills with ids, names,
// categories, aliases, implies and related edges, and context rules for
// ambiguous names — and extraction of skill mentions from text.
//
// The default taxonomy is a generated data file embedded in the binary; users
// extend or override it with their own YAML file. Standard library and small
// pure helpers only.
package taxonomy

// Skill is one entry of the taxonomy.
type Skill struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Aliases  []string `json:"aliases,omitempty"`
	Implies  []string `json:"implies,omitempty"` // skill ids
	Related  []string `json:"related,omitempty"` // skill ids, partial credit
	// Context names the rule an ambiguous name must pass to count ("tech" for
	// Go, R, C, Swift…); empty means every whole-word match counts.
	Context string `json:"context,omitempty"`
}

// Mention is one occurrence of a skill in a text. Start and End are byte
// offsets into the text given to Extract; Line is 1-based.
type Mention struct {
	SkillID string
	Start   int
	End     int
	Line    int
}

// Taxonomy is an immutable, ready-to-match set of skills. It is safe for
// concurrent use.
type Taxonomy struct {
	Version  string
	skills   []Skill
	byID     map[string]int
	byName   map[string]int // normalised name or alias → index
	maxWords int
}

// Skills returns every skill, in id order.
func (t *Taxonomy) Skills() []Skill { return t.skills }

// Get returns the skill with the given id.
func (t *Taxonomy) Get(id string) (Skill, bool) {
	i, ok := t.byID[id]
	if !ok {
		return Skill{}, false
	}
	return t.skills[i], true
}

// Lookup finds a skill by id, display name or alias, ignoring case.
func (t *Taxonomy) Lookup(name string) (Skill, bool) {
	if s, ok := t.Get(name); ok {
		return s, true
	}
	i, ok := t.byName[normalize(name)]
	if !ok {
		return Skill{}, false
	}
	return t.skills[i], true
}
