// Package role owns roles — a title with REQUIRED and PLUS requirements —
// their authoring formats (YAML, JSON, job-description text), and the
// deterministic, explained scoring of resumes against them.
//
// # Scoring
//
// Score and Ranker compute the same number, in [0,1] then shown as 0–100
// rounded to 0.1:
//
//	raw = Σ_required k_r·credit_r + Σ_plus k_p·credit_p
//	    + k_e·education + k_x·experience + k_t·title
//
// The shares are 0.70 for REQUIRED, 0.15 for PLUS, 0.075 for education,
// 0.075 for total experience and 0.20 for the title; a part the role does
// not ask for (no plus list, no education, no min_total_months, a title
// without words) is left out and the others are scaled to sum to 1. Within
// REQUIRED and PLUS each requirement's share is proportional to its weight;
// a required requirement naming a skill the role title names ("Python" in
// "Python Backend Developer") weighs double: it is the skill that defines
// the job, so a Java engineer without Python does not outrank a junior
// Python developer on the strength of the other requirements.
// So required requirements dominate: with five required, two plus and a
// title, one required skill is worth about 13 points, all the plus skills
// together 14, the title 19 — a recruiter's first filter, and read more
// reliably than any one skill (extraction misses some skills a resume
// names; a job title it reads from the positions).
//
// A requirement's credit is the best of its alternatives the candidate has:
//
//   - the skill itself, or a skill that implies it (Django ⇒ Python): 1,
//     status met (Via names the implying skill);
//   - a related skill (Flask for Django): 0.5, status partly_met;
//   - nothing: 0, status missing, and the requirement is listed in Missing.
//
// That credit is then scaled. With a minimum (min_months): months unknown
// (a skill only listed) ×0.6, status unknown; fewer months than asked
// ×(0.4 + 0.6·months/min), partly_met. Without a minimum depth still counts
// a little, so a senior outranks a junior with the same skills:
// ×(0.8 + 0.2·min(1, months/48)), months unknown ×0.8, status stays met.
// With recency (max_months_ago): last use unknown ×0.8; used longer ago than
// allowed ×max(0.3, max/ago).
//
// Education: the highest level at or above the one asked 1, one level below
// 0.5, not found 0.25, lower 0. Experience: total months / min_total_months,
// capped at 1. Title: the share of the role title's words (seniority and
// glue words dropped, plurals folded) found in the candidate's position
// titles or the first lines of the resume header ("Senior Backend Engineer"
// under the name).
//
// Ranking orders by rounded score, then fewer missing required
// requirements, then raw score, then id: every credit is monotone, so a
// candidate missing a required skill never outranks an otherwise equal one
// that has it. Same inputs, same score.
//
// Standard library and small pure helpers (a YAML decoder) only: no gin,
// bleve, SQL or net/http.
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
