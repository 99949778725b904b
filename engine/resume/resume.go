// Package resume owns reading a resume's text into a structured profile:
// sections, contact, positions with dates, education, total experience and
// skills with months, recency and evidence (Parse); blind screening (Redact);
// and export to JSON Resume 1.0 (ToJSONResume).
//
// Dates are read relative to an as-of date, never the clock, so the same text
// and as-of date give the same profile. Month arithmetic is inclusive: "Jan
// 2020 – Dec 2020" is 12 months (see the month type).
//
// resume uses the standard library, engine and engine/taxonomy only. It must
// not import gin, bleve, database/sql, net/http, nor index, api or cmd.
package resume

import (
	"strings"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Options tune Parse.
type Options struct {
	// AsOf is the date "Present" means and the end of all experience; zero
	// means today.
	AsOf time.Time
	// Format and File are copied into the profile (pdf, docx, text…).
	Format string
	File   string
}

// Parse reads a resume's text into a profile. It never fails: what cannot be
// read is left empty. The returned Resume's Text is the normalised text every
// line number refers to (Windows line ends, tabs and two-column layouts
// undone); see normalizeText.
//
// Positions are read from the experience sections; total_months is the union
// of their intervals (overlaps merged, gaps not counted), clipped at the
// as-of month. Skills come from tax.ExtractIn on the text (which also reads
// names glued to a version or the next word, "MySQL5.0", and other
// spellings, "PL-SQL"), each with the skills it implies; a skill's months come only from the dated positions whose lines
// mention it, and are null otherwise. Other skills are the items of the
// resume's skills lists that no taxonomy mention covers (findOtherSkills).
func Parse(text string, tax *taxonomy.Taxonomy, opts Options) engine.Resume {
	asOfTime := opts.AsOf
	if asOfTime.IsZero() {
		asOfTime = time.Now()
	}
	asOf := monthOfTime(asOfTime)
	norm := normalizeText(text)
	lines := strings.Split(norm, "\n")
	secs := findSections(lines)
	pos := findPositions(lines, secs, asOf)

	r := engine.Resume{
		File:      opts.File,
		Format:    opts.Format,
		AsOf:      asOfTime.Format("2006-01-02"),
		Contact:   findContact(lines, secs),
		Sections:  secs,
		Positions: make([]engine.Position, 0, len(pos)),
		Education: findEducation(lines, secs, asOf),
		Text:      norm,
	}
	if r.Education == nil {
		r.Education = []engine.Education{}
	}
	var ivs []interval
	for _, p := range pos {
		r.Positions = append(r.Positions, p.Position)
		if p.dated {
			ivs = append(ivs, p.iv)
		}
	}
	r.TotalMonths = unionMonths(ivs)
	if tax != nil {
		var ms []taxonomy.Mention
		r.Skills, ms = findSkills(norm, lines, secs, pos, tax)
		r.OtherSkills = findOtherSkills(lines, secs, ms, tax)
	}
	if r.Skills == nil {
		r.Skills = []engine.Skill{}
	}
	return r
}
