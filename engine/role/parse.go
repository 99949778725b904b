package role

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Education levels, lowest first. A role's Education is one of them or "".
var educationLevels = []string{"high_school", "associate", "bachelor", "master", "doctorate"}

// educationAliases maps the ways people write a degree level to its canonical name.
var educationAliases = map[string]string{
	"high school": "high_school", "highschool": "high_school", "ged": "high_school", "diploma": "high_school",
	"associate": "associate", "associates": "associate", "associate's": "associate", "associate degree": "associate",
	"bachelor": "bachelor", "bachelors": "bachelor", "bachelor's": "bachelor", "ba": "bachelor", "bs": "bachelor",
	"bsc": "bachelor", "b.s.": "bachelor", "b.a.": "bachelor", "bachelor's degree": "bachelor", "bachelor degree": "bachelor",
	"master": "master", "masters": "master", "master's": "master", "ms": "master", "msc": "master", "ma": "master",
	"mba": "master", "master's degree": "master",
	"doctorate": "doctorate", "phd": "doctorate", "ph.d.": "doctorate", "doctoral": "doctorate", "doctor": "doctorate",
}

// EducationRank returns the position of a canonical education level
// (high_school=1 … doctorate=5), or 0 for "" or an unknown level.
func EducationRank(level string) int {
	for i, l := range educationLevels {
		if l == level {
			return i + 1
		}
	}
	return 0
}

// normalizeEducation returns the canonical level for s, or false.
func normalizeEducation(s string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" || k == "none" {
		return "", true
	}
	k = strings.ReplaceAll(k, "_", " ")
	if EducationRank(strings.ReplaceAll(k, " ", "_")) > 0 {
		return strings.ReplaceAll(k, " ", "_"), true
	}
	l, ok := educationAliases[k]
	return l, ok
}

// Parse reads a role from data: a YAML or JSON role file in the authoring
// format of DESIGN.md, or, when data is not such a file (or filename ends in
// .txt or .md), a job-description text (see FromJobDescription). filename is
// only used to choose the format and may be empty; a name ending in .json,
// .yaml or .yml is always read as a role file, so a syntax error there is
// reported as one rather than as a job description without skills.
//
// The authoring format names skills by any name or alias; a requirement is a
// string, {any: [...]}, {skill: X} or the canonical {skills: [...]}, with
// optional min_years or min_months, max_months_ago or recent_years, and
// weight. The result is canonical (see Canonical), with Version set.
//
// Errors wrap engine.ErrInvalid and name the field, e.g.
// `required[2]: unknown skill "Postgress": did you mean PostgreSQL?`.
func Parse(data []byte, filename string, tax *taxonomy.Taxonomy) (Role, error) {
	ext := strings.ToLower(filepath.Ext(filename))
	roleExt := ext == ".json" || ext == ".yaml" || ext == ".yml"
	if ext == ".txt" || ext == ".md" || !roleExt && !looksLikeRoleFile(data) {
		if len(bytes.TrimSpace(data)) == 0 {
			return Role{}, fmt.Errorf("role %s: empty: %w", filename, engine.ErrInvalid)
		}
		r := FromJobDescription(string(data), tax)
		if len(r.Required) == 0 && len(r.Plus) == 0 {
			return Role{}, fmt.Errorf("job description %s: no known skill found: %w", filename, engine.ErrInvalid)
		}
		return r, nil
	}
	r, err := decodeRoleFile(data, tax)
	if err != nil {
		return Role{}, err
	}
	return Canonical(r, tax)
}

// looksLikeRoleFile reports whether data is a YAML or JSON mapping with at
// least one of the role keys at the top level.
func looksLikeRoleFile(data []byte) bool {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil || m == nil {
		return false
	}
	for _, k := range []string{"required", "plus", "title"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// roleFile is the authoring format as decoded, before validation.
type roleFile struct {
	ID             string `yaml:"id"`
	Title          string `yaml:"title"`
	Required       []any  `yaml:"required"`
	Plus           []any  `yaml:"plus"`
	Education      string `yaml:"education"`
	MinTotalYears  any    `yaml:"min_total_years"`
	MinTotalMonths any    `yaml:"min_total_months"`
	Version        string `yaml:"version"`
}

func decodeRoleFile(data []byte, tax *taxonomy.Taxonomy) (Role, error) {
	var f roleFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.DisallowUnknownField()); err != nil {
		return Role{}, fmt.Errorf("role file: %s: %w", firstLine(err.Error()), engine.ErrInvalid)
	}
	r := Role{ID: f.ID, Title: strings.TrimSpace(f.Title)}
	var err error
	if r.Required, err = decodeRequirements("required", f.Required, tax); err != nil {
		return Role{}, err
	}
	if r.Plus, err = decodeRequirements("plus", f.Plus, tax); err != nil {
		return Role{}, err
	}
	edu, ok := normalizeEducation(f.Education)
	if !ok {
		return Role{}, fmt.Errorf("education: unknown level %q (want one of %s): %w", f.Education, strings.Join(educationLevels, ", "), engine.ErrInvalid)
	}
	r.Education = edu
	switch {
	case f.MinTotalMonths != nil && f.MinTotalYears != nil:
		return Role{}, fmt.Errorf("min_total_years and min_total_months: give only one: %w", engine.ErrInvalid)
	case f.MinTotalMonths != nil:
		m, err := number("min_total_months", f.MinTotalMonths)
		if err != nil {
			return Role{}, err
		}
		r.MinTotalMonths = int(math.Round(m))
	case f.MinTotalYears != nil:
		y, err := number("min_total_years", f.MinTotalYears)
		if err != nil {
			return Role{}, err
		}
		r.MinTotalMonths = int(math.Round(y * 12))
	}
	return r, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func decodeRequirements(field string, items []any, tax *taxonomy.Taxonomy) ([]Requirement, error) {
	out := make([]Requirement, 0, len(items))
	for i, it := range items {
		at := fmt.Sprintf("%s[%d]", field, i)
		req, err := decodeRequirement(at, it, tax)
		if err != nil {
			return nil, err
		}
		out = append(out, req)
	}
	return out, nil
}

func decodeRequirement(at string, item any, tax *taxonomy.Taxonomy) (Requirement, error) {
	req := Requirement{Weight: 1}
	switch v := item.(type) {
	case string:
		name, err := canonicalSkill(at, v, tax)
		if err != nil {
			return req, err
		}
		req.Skills = []string{name}
		return req, nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var years, months, ago, recent any
		for _, k := range keys {
			val := v[k]
			switch k {
			case "skill":
				s, ok := val.(string)
				if !ok {
					return req, fmt.Errorf("%s.skill: want a skill name: %w", at, engine.ErrInvalid)
				}
				req.Skills = append(req.Skills, s)
			case "any", "skills":
				list, ok := val.([]any)
				if !ok {
					return req, fmt.Errorf("%s.%s: want a list of skill names: %w", at, k, engine.ErrInvalid)
				}
				for j, s := range list {
					str, ok := s.(string)
					if !ok {
						return req, fmt.Errorf("%s.%s[%d]: want a skill name: %w", at, k, j, engine.ErrInvalid)
					}
					req.Skills = append(req.Skills, str)
				}
			case "min_years":
				years = val
			case "min_months":
				months = val
			case "max_months_ago":
				ago = val
			case "recent_years":
				recent = val
			case "weight":
				w, err := number(at+".weight", val)
				if err != nil {
					return req, err
				}
				req.Weight = w
			default:
				return req, fmt.Errorf("%s: unknown key %q (want skill, any, min_years, min_months, max_months_ago, recent_years, weight): %w", at, k, engine.ErrInvalid)
			}
		}
		if len(req.Skills) == 0 {
			return req, fmt.Errorf("%s: no skill given (use skill: NAME or any: [A, B]): %w", at, engine.ErrInvalid)
		}
		for j, s := range req.Skills {
			name, err := canonicalSkill(at, s, tax)
			if err != nil {
				return req, err
			}
			req.Skills[j] = name
		}
		if years != nil && months != nil {
			return req, fmt.Errorf("%s: min_years and min_months: give only one: %w", at, engine.ErrInvalid)
		}
		if years != nil {
			y, err := number(at+".min_years", years)
			if err != nil {
				return req, err
			}
			req.MinMonths = int(math.Round(y * 12))
		}
		if months != nil {
			m, err := number(at+".min_months", months)
			if err != nil {
				return req, err
			}
			req.MinMonths = int(math.Round(m))
		}
		if ago != nil && recent != nil {
			return req, fmt.Errorf("%s: max_months_ago and recent_years: give only one: %w", at, engine.ErrInvalid)
		}
		if ago != nil {
			m, err := number(at+".max_months_ago", ago)
			if err != nil {
				return req, err
			}
			req.MaxMonthsAgo = int(math.Round(m))
		}
		if recent != nil {
			y, err := number(at+".recent_years", recent)
			if err != nil {
				return req, err
			}
			req.MaxMonthsAgo = int(math.Round(y * 12))
		}
		return req, nil
	default:
		return req, fmt.Errorf("%s: want a skill name or a mapping with skill or any: %w", at, engine.ErrInvalid)
	}
}

// number converts a decoded YAML/JSON scalar to a float64.
func number(at string, v any) (float64, error) {
	switch n := v.(type) {
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case uint64:
		return float64(n), nil
	case float64:
		return n, nil
	case json.Number:
		return n.Float64()
	}
	return 0, fmt.Errorf("%s: want a number, got %v: %w", at, v, engine.ErrInvalid)
}

// canonicalSkill returns the taxonomy's display name for name, or an error
// naming the field and suggesting the closest skill.
func canonicalSkill(at, name string, tax *taxonomy.Taxonomy) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", fmt.Errorf("%s: empty skill name: %w", at, engine.ErrInvalid)
	}
	if s, ok := tax.Lookup(name); ok {
		return s.Name, nil
	}
	if sug, ok := tax.Suggest(name); ok {
		return "", fmt.Errorf("%s: unknown skill %q: did you mean %s?: %w", at, name, sug, engine.ErrInvalid)
	}
	return "", fmt.Errorf("%s: unknown skill %q: %w", at, name, engine.ErrInvalid)
}

// MaxRequirements is the most requirements a role may have in each of
// required and plus.
const MaxRequirements = 200

// Canonical validates r and returns it in canonical form: skill names
// replaced by the taxonomy's display names, duplicate alternatives removed,
// Weight defaulted to 1, nil lists made empty, Version computed. It is what
// the API applies to a role posted as JSON.
//
// Errors wrap engine.ErrInvalid: an empty title, no requirement at all or
// more than MaxRequirements, a requirement without skills, an unknown skill
// (with a suggestion), a negative number, an unknown education level.
func Canonical(r Role, tax *taxonomy.Taxonomy) (Role, error) {
	out := Role{ID: r.ID, Title: strings.TrimSpace(r.Title), MinTotalMonths: r.MinTotalMonths}
	if out.Title == "" {
		return Role{}, fmt.Errorf("title: required: %w", engine.ErrInvalid)
	}
	if r.MinTotalMonths < 0 {
		return Role{}, fmt.Errorf("min_total_months: must not be negative: %w", engine.ErrInvalid)
	}
	if len(r.Required) == 0 && len(r.Plus) == 0 {
		return Role{}, fmt.Errorf("required: a role needs at least one required or plus skill: %w", engine.ErrInvalid)
	}
	if len(r.Required) > MaxRequirements || len(r.Plus) > MaxRequirements {
		return Role{}, fmt.Errorf("required, plus: at most %d requirements each: %w", MaxRequirements, engine.ErrInvalid)
	}
	edu, ok := normalizeEducation(r.Education)
	if !ok {
		return Role{}, fmt.Errorf("education: unknown level %q (want one of %s): %w", r.Education, strings.Join(educationLevels, ", "), engine.ErrInvalid)
	}
	out.Education = edu
	var err error
	if out.Required, err = canonicalRequirements("required", r.Required, tax); err != nil {
		return Role{}, err
	}
	if out.Plus, err = canonicalRequirements("plus", r.Plus, tax); err != nil {
		return Role{}, err
	}
	out.Version = version(out)
	return out, nil
}

func canonicalRequirements(field string, reqs []Requirement, tax *taxonomy.Taxonomy) ([]Requirement, error) {
	out := make([]Requirement, 0, len(reqs))
	for i, q := range reqs {
		at := fmt.Sprintf("%s[%d]", field, i)
		if len(q.Skills) == 0 {
			return nil, fmt.Errorf("%s: no skill given: %w", at, engine.ErrInvalid)
		}
		if q.MinMonths < 0 || q.MaxMonthsAgo < 0 || q.Weight < 0 || math.IsNaN(q.Weight) || math.IsInf(q.Weight, 0) {
			return nil, fmt.Errorf("%s: min_months, max_months_ago and weight must be non-negative numbers: %w", at, engine.ErrInvalid)
		}
		c := Requirement{MinMonths: q.MinMonths, MaxMonthsAgo: q.MaxMonthsAgo, Weight: q.Weight}
		if c.Weight == 0 {
			c.Weight = 1
		}
		seen := map[string]bool{}
		for _, s := range q.Skills {
			name, err := canonicalSkill(at, s, tax)
			if err != nil {
				return nil, err
			}
			if !seen[name] {
				seen[name] = true
				c.Skills = append(c.Skills, name)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// version is a short hash of the role's canonical JSON without ID and Version.
func version(r Role) string {
	r.ID, r.Version = "", ""
	b, _ := json.Marshal(r)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
