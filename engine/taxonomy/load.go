package taxonomy

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/skillmatch/skillmatch/engine"
)

//go:embed skills.json
var defaultData []byte

// File is the serialised form of a taxonomy: the embedded data file and a
// user's overlay file share it.
type File struct {
	Version string `json:"version" yaml:"version"`
	// Merged maps a retired id to the id of the skill that now holds its
	// names (a duplicate folded into another skill): Get and Lookup resolve
	// a retired id to that skill, so roles, stored profiles and labels that
	// name it keep working. Only the generated file carries it.
	Merged map[string]string `json:"merged,omitempty" yaml:"-"`
	Skills []Skill           `json:"skills" yaml:"skills"`
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
		if f, defaultErr = decodeFile(defaultData); defaultErr == nil {
			defaultTax, defaultErr = New(f)
		}
	})
	if defaultErr != nil {
		panic(fmt.Sprintf("embedded taxonomy: %v", defaultErr))
	}
	return defaultTax
}

// decodeFile decodes a taxonomy file in JSON (the embedded skills.json, for
// Default), its skills slice made at about its final size.
func decodeFile(data []byte) (File, error) {
	f := File{Skills: make([]Skill, 0, bytes.Count(data, []byte(`"id":`)))}
	err := json.Unmarshal(data, &f)
	return f, err
}

// contextRules names the context rules a skill may have (see Skill.Context),
// for error messages.
const contextRules = "tech, verb or list"

// knownContext reports whether c is no context rule or one of contextRules.
func knownContext(c string) bool {
	return c == "" || c == "tech" || c == "verb" || c == "list"
}

// techCategories are the categories whose mentions give technical context to
// an ambiguous name on the same line.
var techCategories = map[string]bool{
	"language": true, "framework": true, "library": true, "database": true, "cloud": true,
	"tool": true, "platform": true, "protocol": true, "practice": true, "methodology": true, "software": true,
}

// New builds a taxonomy from a file's skills. When two skills claim the same
// name or alias, the one listed first keeps it. It fails with
// engine.ErrInvalid when an id repeats, a skill lacks an id, name or
// category, a context rule is unknown, or an edge names an unknown id.
func New(f File) (*Taxonomy, error) {
	names := 0
	for _, s := range f.Skills {
		names += 1 + len(s.Aliases)
	}
	// Maps are made at their final size: growing them was a tenth of the
	// time of a load.
	t := &Taxonomy{Version: f.Version, byID: make(map[string]int, len(f.Skills)),
		byName: make(map[string]int, names), related: map[string][]string{}}
	t.skills = append([]Skill(nil), f.Skills...)
	order := make(map[string]int, len(f.Skills)) // id → position in the file, for name priority
	for i, s := range t.skills {
		if s.ID == "" || s.Name == "" || s.Category == "" {
			return nil, fmt.Errorf("skill %d (%q): id, name and category are required: %w", i+1, s.ID+s.Name, engine.ErrInvalid)
		}
		if _, dup := order[s.ID]; dup {
			return nil, fmt.Errorf("skill id %q repeats: %w", s.ID, engine.ErrInvalid)
		}
		if !knownContext(s.Context) {
			return nil, fmt.Errorf("skill %q: unknown context rule %q (want %s): %w", s.ID, s.Context, contextRules, engine.ErrInvalid)
		}
		order[s.ID] = i
	}
	sort.SliceStable(t.skills, func(i, j int) bool { return t.skills[i].ID < t.skills[j].ID })
	for i, s := range t.skills {
		t.byID[s.ID] = i
	}
	t.tech = make([]bool, len(t.skills))
	claim := make(map[string]int, names)   // normalised name → file position of its owner
	orig := make(map[string]string, names) // normalised name → as written, for case rules
	for i, s := range t.skills {
		t.tech[i] = techCategories[s.Category]
		for _, e := range s.Implies {
			if _, ok := t.byID[e]; !ok {
				return nil, fmt.Errorf("skill %q: implies unknown skill id %q: %w", s.ID, e, engine.ErrInvalid)
			}
		}
		for _, e := range s.Related {
			if _, ok := t.byID[e]; !ok {
				return nil, fmt.Errorf("skill %q: related to unknown skill id %q: %w", s.ID, e, engine.ErrInvalid)
			}
			t.related[s.ID] = append(t.related[s.ID], e)
			t.related[e] = append(t.related[e], s.ID)
		}
		for a := -1; a < len(s.Aliases); a++ {
			n := s.Name
			if a >= 0 {
				n = s.Aliases[a]
			}
			k := normalize(n)
			if k == "" {
				continue
			}
			if owner, taken := claim[k]; !taken || order[s.ID] < owner {
				claim[k] = order[s.ID]
				t.byName[k] = i
				orig[k] = n
			}
		}
	}
	addVariants(t, claim, order, orig)
	addShortForms(t)
	for id, r := range t.related {
		sort.Strings(r)
		t.related[id] = dedupe(r)
	}
	// Veto phrases matched around the text, and the proper-noun veto apart.
	t.vetoes = make([][]veto, len(t.skills))
	t.nameVeto = make([]bool, len(t.skills))
	for i, s := range t.skills {
		for _, v := range s.Veto {
			if v == properNounVeto {
				t.nameVeto[i] = true
			} else if pv, ok := parseVeto(v); ok {
				t.vetoes[i] = append(t.vetoes[i], pv)
			}
		}
	}
	// A vendor name with a context rule whose related skill is a database
	// ("Oracle" ~ Oracle Database) names that database among databases.
	for i, s := range t.skills {
		if s.Context != "tech" || s.Category == "database" {
			continue
		}
		for _, r := range t.related[s.ID] {
			if t.skills[t.byID[r]].Category == "database" {
				if t.database == nil {
					t.database = map[int32]int32{}
				}
				t.database[int32(i)] = int32(t.byID[r])
				break
			}
		}
	}
	for from, to := range f.Merged {
		if _, ok := t.byID[to]; !ok {
			return nil, fmt.Errorf("merged id %q names unknown skill id %q: %w", from, to, engine.ErrInvalid)
		}
		if _, live := t.byID[from]; live {
			continue // a skill of that id again (an overlay's): it wins
		}
		if t.merged == nil {
			t.merged = map[string]int{}
		}
		t.merged[from] = t.byID[to]
	}
	t.m = buildMatcher(t, orig)
	return t, nil
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// LoadOverlay returns a taxonomy made of base plus the skills of a user's
// YAML file, read from r; filename is used in errors only. A skill whose id is
// in base replaces it; a new id adds a skill; the file's names and aliases
// take precedence over base's. The result's Version is base's plus the
// file's version ("2026.11.0+acme-1"), or plus a hash of the file's bytes
// when it names none ("2026.11.0+overlay-3fa2c1d09e4b"). The file has the
// shape of File:
//
//	version: acme-1
//	skills:
//	  - id: acme-erp
//	    name: Acme ERP
//	    category: software
//	    aliases: [AcmeERP]
//	    implies: [erp]
//
// Errors wrap engine.ErrInvalid and name the file and line: YAML syntax, an
// unknown field, a skill without id, name or category, a repeated id, an
// unknown context rule or an edge to an unknown id.
func LoadOverlay(base *Taxonomy, r io.Reader, filename string) (*Taxonomy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", filename, err, engine.ErrInvalid)
	}
	doc, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s:%s: %w", filename, yamlErr(err), engine.ErrInvalid)
	}
	var f File
	var lines []int // line of each skill in the file
	if len(doc.Docs) > 0 && doc.Docs[0].Body != nil {
		m, ok := doc.Docs[0].Body.(ast.MapNode)
		if !ok {
			return nil, fmt.Errorf("%s:%d: want a mapping with version and skills: %w", filename, line(doc.Docs[0].Body), engine.ErrInvalid)
		}
		it := m.MapRange()
		for it.Next() {
			key, val := it.Key().String(), it.Value()
			switch key {
			case "version":
				if err := yaml.NodeToValue(val, &f.Version); err != nil {
					return nil, fmt.Errorf("%s:%d: version: %s: %w", filename, line(val), message(err), engine.ErrInvalid)
				}
			case "skills":
				seq, ok := val.(*ast.SequenceNode)
				if !ok {
					return nil, fmt.Errorf("%s:%d: skills must be a list: %w", filename, line(val), engine.ErrInvalid)
				}
				for _, item := range seq.Values {
					var s Skill
					if err := yaml.NodeToValue(item, &s, yaml.Strict()); err != nil {
						return nil, fmt.Errorf("%s:%d: %s: %w", filename, line(item), message(err), engine.ErrInvalid)
					}
					f.Skills = append(f.Skills, s)
					lines = append(lines, line(item))
				}
			default:
				return nil, fmt.Errorf("%s:%d: unknown field %q (want version, skills): %w", filename, line(it.Key()), key, engine.ErrInvalid)
			}
		}
	}
	ids := map[string]int{}
	for i, s := range f.Skills {
		if s.ID == "" || s.Name == "" || s.Category == "" {
			return nil, fmt.Errorf("%s:%d: skill needs id, name and category: %w", filename, lines[i], engine.ErrInvalid)
		}
		if prev, dup := ids[s.ID]; dup {
			return nil, fmt.Errorf("%s:%d: skill id %q repeats (first at line %d): %w", filename, lines[i], s.ID, lines[prev], engine.ErrInvalid)
		}
		ids[s.ID] = i
	}
	merged := File{Version: base.Version, Merged: base.Merged(), Skills: append([]Skill(nil), f.Skills...)}
	if f.Version != "" {
		merged.Version = base.Version + "+" + f.Version
	} else {
		// Without a version of its own the overlay is named by its content,
		// so matches made with and without it never claim the same
		// taxonomy version.
		sum := sha256.Sum256(data)
		merged.Version = base.Version + "+overlay-" + hex.EncodeToString(sum[:6])
	}
	for _, s := range base.skills {
		if _, replaced := ids[s.ID]; !replaced {
			merged.Skills = append(merged.Skills, s)
		}
	}
	for i, s := range f.Skills {
		if !knownContext(s.Context) {
			return nil, fmt.Errorf("%s:%d: skill %q: unknown context rule %q (want %s): %w", filename, lines[i], s.ID, s.Context, contextRules, engine.ErrInvalid)
		}
		for _, e := range append(append([]string(nil), s.Implies...), s.Related...) {
			_, inFile := ids[e]
			_, inBase := base.byID[e]
			if !inFile && !inBase {
				return nil, fmt.Errorf("%s:%d: skill %q: edge to unknown skill id %q: %w", filename, lines[i], s.ID, e, engine.ErrInvalid)
			}
		}
	}
	t, err := New(merged)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filename, err)
	}
	return t, nil
}

func line(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

// yamlErr flattens the YAML library's multi-line error (which quotes the
// file) to "LINE: message", dropping its "[line:column]" prefix.
func yamlErr(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.TrimSpace(msg)
	if strings.HasPrefix(msg, "[") {
		if end := strings.Index(msg, "] "); end > 0 {
			line, _, _ := strings.Cut(msg[1:end], ":")
			return line + ": " + msg[end+2:]
		}
	}
	return " " + msg
}

// message is the YAML library's error without its position and quoted source.
func message(err error) string {
	msg := yamlErr(err)
	if _, rest, ok := strings.Cut(msg, ": "); ok && !strings.HasPrefix(msg, " ") {
		return rest
	}
	return strings.TrimSpace(msg)
}

// normalize folds ASCII case and runs of white space so that names and
// aliases compare equal. It allocates only when s is not already normal.
func normalize(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if c >= 'A' && c <= 'Z' || space && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean && !prevSpace {
		return s
	}
	// strings.Join(strings.Fields(strings.ToLower(s)), " ") for ASCII
	// white space, in one pass and one allocation
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			if len(b) > 0 && b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
		case c >= 0x80:
			// non-ASCII: case folding and white space by Unicode
			return strings.Join(strings.Fields(strings.ToLower(s)), " ")
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// addVariants gives the multi-word name of each skill without a context
// rule the nearby forms resumes write it in (see variants): "financial
// statement" for Financial statements, "predictive analysis" for Predictive
// analytics (not for a product: "Google analysis" is no Google Analytics).
// Aliases get none: they are often phrases whose other number means
// something else ("call centers" for Call center operations, "retention
// campaign" beside "retention campaigns"). A variant that is a name or alias
// of any skill, or a cue word, stays theirs; when two skills' names make the
// same variant, the one listed first keeps it. Being made at load, an
// overlay's names get them too.
func addVariants(t *Taxonomy, claim map[string]int, order map[string]int, orig map[string]string) {
	made := make(map[string]int, len(t.skills)/2) // variant → file position of the skill that made it
	for i, s := range t.skills {
		if s.Context != "" || len(s.CaseSensitive) > 0 {
			continue
		}
		for _, v := range variants(normalize(s.Name), !productCategories[s.Category]) {
			if _, taken := claim[v]; taken || cueSet[v] {
				continue
			}
			if by, ok := made[v]; ok && by <= order[s.ID] {
				continue
			}
			made[v] = order[s.ID]
			t.byName[v] = i
			orig[v] = v
		}
	}
}

// productCategories are the categories of named products ("Google
// Analytics", "ACL Analytics"): a product's name is its own, so "analytics"
// in it is not swapped for "analysis".
var productCategories = map[string]bool{
	"software": true, "tool": true, "platform": true, "cloud": true, "library": true,
	"framework": true, "database": true, "language": true, "protocol": true,
}

// variants returns the nearby forms of a normalised multi-word name k: its
// last word in the other number ("statements" ↔ "statement", "entries" ↔
// "entry", "visualizations" ↔ "visualization"), and, when swap is true,
// "analysis" ↔ "analytics". A one-word name has none (the plural of a word
// alone is too often another word's: "Sales", "Goods"), nor has a last word
// that is not all letters or shorter than four.
func variants(k string, swap bool) []string {
	sp := strings.LastIndexByte(k, ' ')
	if sp < 0 {
		return nil
	}
	head, last := k[:sp+1], k[sp+1:]
	var out []string
	if o := otherNumber(last); o != "" {
		out = append(out, head+o)
	}
	if !swap || !strings.Contains(k, "analy") {
		return out
	}
	words := strings.Split(k, " ")
	for x, w := range words {
		var o string
		switch w {
		case "analysis":
			o = "analytics"
		case "analytics":
			o = "analysis"
		default:
			continue
		}
		ws := append([]string(nil), words...)
		ws[x] = o
		out = append(out, strings.Join(ws, " "))
	}
	return out
}

// otherNumber returns the plural of an English noun w written singular, or
// its singular when written plural; "" when w is short, not all lower-case
// letters, or of a form whose number is not told by its ending ("analysis",
// "business", "status", "series").
func otherNumber(w string) string {
	if len(w) < 4 {
		return ""
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return ""
		}
	}
	switch {
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") ||
		strings.HasSuffix(w, "ics") || strings.HasSuffix(w, "ies") && len(w) < 5:
		return ""
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"):
		return "" // a gerund or participle has no plural: "project planning", "written"
	}
	return pluralOf(w)
}
