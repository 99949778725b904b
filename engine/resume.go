package engine

// Resume is the structured profile of one resume document. It is what the
// `parse` command prints (one object per file), what the index stores and
// what roles are scored against. Dates are "YYYY-MM" strings.
type Resume struct {
	File        string      `json:"file,omitempty"`
	Format      string      `json:"format"` // pdf, docx, html, markdown, text
	AsOf        string      `json:"as_of"`  // the date "Present" means, YYYY-MM-DD
	Contact     Contact     `json:"contact"`
	Sections    []Section   `json:"sections"`
	Positions   []Position  `json:"positions"`
	Education   []Education `json:"education"`
	TotalMonths int         `json:"total_months"`
	Skills      []Skill     `json:"skills"`
	// OtherSkills are the items of the resume's own skills lists that no
	// taxonomy skill covers ("Protein purification", "Kepware"); see
	// OtherSkill. Scoring does not use them: role requirements are taxonomy
	// ids.
	OtherSkills []OtherSkill `json:"other_skills,omitempty"`

	// Text is the extracted document text every line number refers to. It is
	// not part of the JSON profile; callers that need it keep it alongside.
	Text string `json:"-"`
}

// Contact is the identity part of a resume. Blind screening redacts it.
type Contact struct {
	Name     string   `json:"name,omitempty"`
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Location string   `json:"location,omitempty"`
	Links    []string `json:"links,omitempty"`
}

// Section is a run of lines under one heading. Kind is canonical (summary,
// experience, education, skills, projects, certifications, languages, other;
// "header" for the lines before the first heading); Heading is as written.
// Lines are 1-based and inclusive.
type Section struct {
	Kind      string `json:"kind"`
	Heading   string `json:"heading,omitempty"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Position is one job. End is empty when Current is true. Months counts the
// whole months from Start to End (or to the as-of date when current).
type Position struct {
	Title     string `json:"title,omitempty"`
	Employer  string `json:"employer,omitempty"`
	Location  string `json:"location,omitempty"`
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
	Current   bool   `json:"current"`
	Months    int    `json:"months"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Education is one degree or school. Level is one of high_school, associate,
// bachelor, master, doctorate, or "" when not recognised.
type Education struct {
	Level       string `json:"level,omitempty"`
	Degree      string `json:"degree,omitempty"`
	Field       string `json:"field,omitempty"`
	Institution string `json:"institution,omitempty"`
	Year        int    `json:"year,omitempty"`
}

// Skill is one skill found in a resume. Months is nil when no dated position
// mentions the skill (e.g. it appears only in a skills list): skillmatch never
// invents a number. LastUsed is nil for the same reason.
type Skill struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Category string     `json:"category"`
	Months   *int       `json:"months"`
	LastUsed *string    `json:"last_used"`
	Current  bool       `json:"current"`
	Evidence []Evidence `json:"evidence"`
}

// OtherSkill is one item of a skills list in the resume (a skills-like
// section, or a "Skills: a, b, c" line elsewhere) that is shaped like a skill
// and that no taxonomy mention covers. Name is the item as written, without
// qualifiers such as "Proficient in" or "(5 years)"; Evidence lists the lines
// that name it (items that differ only in case are one other skill).
type OtherSkill struct {
	Name     string     `json:"name"`
	Evidence []Evidence `json:"evidence"`
}

// Evidence is a line of the resume that supports a skill. Via names the skill
// actually written on the line when this skill was implied by it (Django ⇒
// Python); it is empty for a direct mention.
type Evidence struct {
	Section string `json:"section"`
	Line    int    `json:"line"`
	Text    string `json:"text"`
	Via     string `json:"via,omitempty"`
}
