package taxonomy

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/skillmatch/skillmatch/engine"
)

//go:embed skills.json
var defaultData []byte

// File is the serialised form of a taxonomy: the embedded data file and a
// user's overlay file share it.
type File struct {
	Version string  `json:"version"`
	Skills  []Skill `json:"skills"`
}

var (
	defaultOnce sync.Once
	defaultTax  *Taxonomy
	defaultErr  error
)

// Default returns the taxonomy embedded in the binary. It is built once and
// shared. It panics if the embedded data is corrupt, which a test prevents.
func Default() *Taxonomy {
	defaultOnce.Do(func() {
		var f File
		if defaultErr = json.Unmarshal(defaultData, &f); defaultErr == nil {
			defaultTax, defaultErr = New(f)
		}
	})
	if defaultErr != nil {
		panic(fmt.Sprintf("embedded taxonomy: %v", defaultErr))
	}
	return defaultTax
}

// New builds a taxonomy from a file's skills. It fails with engine.ErrInvalid
// when an id repeats, a skill lacks an id or name, or an edge names an unknown id.
func New(f File) (*Taxonomy, error) {
	t := &Taxonomy{Version: f.Version, byID: map[string]int{}, byName: map[string]int{}}
	t.skills = append([]Skill(nil), f.Skills...)
	sort.Slice(t.skills, func(i, j int) bool { return t.skills[i].ID < t.skills[j].ID })
	for i, s := range t.skills {
		if s.ID == "" || s.Name == "" {
			return nil, fmt.Errorf("skill %d (%q): id and name are required: %w", i, s.Name, engine.ErrInvalid)
		}
		if _, dup := t.byID[s.ID]; dup {
			return nil, fmt.Errorf("skill id %q repeats: %w", s.ID, engine.ErrInvalid)
		}
		t.byID[s.ID] = i
	}
	for i, s := range t.skills {
		for _, e := range append(append([]string(nil), s.Implies...), s.Related...) {
			if _, ok := t.byID[e]; !ok {
				return nil, fmt.Errorf("skill %q: edge to unknown skill id %q: %w", s.ID, e, engine.ErrInvalid)
			}
		}
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			k := normalize(n)
			if _, taken := t.byName[k]; !taken && k != "" {
				t.byName[k] = i
			}
		}
	}
	t.buildMatcher()
	return t, nil
}

// normalize folds case and spacing so that names and aliases compare equal.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
