// Package role owns roles — a title with REQUIRED and PLUS requirements —
// their authoring formats (YAML, JSON, job-description text), and the
// deterministic, explained scoring of resumes against them.
//
// Standard library and small pure helpers only: no gin, bleve, SQL or net/http.
package role

// Role is the canonical form of a role. Skill names are the taxonomy's
// canonical display names. Version identifies this exact content (a hash of
// the canonical JSON without Version and ID), so a match can cite the role
// version it used.
type Role struct {
	ID             string        `json:"id,omitempty"`
	Title          string        `json:"title"`
	Required       []Requirement `json:"required"`
	Plus           []Requirement `json:"plus"`
	Education      string        `json:"education,omitempty"` // high_school, associate, bachelor, master, doctorate
	MinTotalMonths int           `json:"min_total_months"`
	Version        string        `json:"version"`
}

// Requirement is a set of alternatives: any one of Skills satisfies it.
// MinMonths is the least experience wanted with the skill; MaxMonthsAgo, when
// non-zero, how recently it must have been used; Weight its relative
// importance (default 1).
type Requirement struct {
	Skills       []string `json:"skills"`
	MinMonths    int      `json:"min_months"`
	MaxMonthsAgo int      `json:"max_months_ago,omitempty"`
	Weight       float64  `json:"weight"`
}
