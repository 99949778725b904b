package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// rankResult is one ranked file in `rank --format json`.
type rankResult struct {
	File  string  `json:"file"`
	Score float64 `json:"score"`
	Rank  int     `json:"rank"`
	role.Match
}

// rankError is a file that could not be read.
type rankError struct {
	File  string `json:"file"`
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// runRank parses resumes and ranks them against a role:
// `skillmatch rank --role FILE [--as-of DATE] [--format json|table] [--strict] [--taxonomy FILE] FILE_OR_DIR...`.
// Files that cannot be read are reported (JSON "errors", or on stderr) and
// make the exit status 1; the others are still ranked.
func runRank(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("rank", flag.ContinueOnError)
	fl.SetOutput(stderr)
	roleFile := fl.String("role", "", "role `file` (YAML/JSON) or job description (text, PDF, DOCX or HTML); required")
	format := fl.String("format", "table", "output format: table or json")
	strict := fl.Bool("strict", false, "drop candidates missing any required skill")
	limit := fl.Int("limit", 0, "print at most this many results (0: all)")
	inputs, err := addResumeFlags(fl, "`date` experience is counted to")
	if err != nil {
		return err
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch rank --role FILE [--as-of DATE] [--format table|json] [--strict] [--limit N] [--taxonomy FILE] FILE_OR_DIR...")
		fl.PrintDefaults()
	}
	// flags may come after the files too, as in parse
	paths, err := parseInterleaved(fl, args)
	if err != nil {
		return err
	}
	if *roleFile == "" || len(paths) == 0 {
		return fmt.Errorf("want --role FILE and at least one resume file or directory: %w", errUsage)
	}
	if *format != "json" && *format != "table" {
		return fmt.Errorf("--format %q: want table or json: %w", *format, errUsage)
	}
	asOf, tax, err := inputs.load()
	if err != nil {
		return err
	}
	ro, err := readRole(ctx, *roleFile, tax)
	if err != nil {
		return err
	}
	files, err := expandPaths(paths)
	if err != nil {
		return err
	}
	profiles, err := loadProfiles(ctx, files, asOf, tax)
	if err != nil {
		return err
	}
	if len(profiles) == 0 {
		return errNoResumes(paths)
	}
	results, failed := rankProfiles(ro, profiles, tax, role.RankOptions{Limit: *limit, Strict: *strict, AsOf: asOf.Format("2006-01-02")})
	if *format == "json" {
		out := struct {
			Role    role.Role    `json:"role"`
			Results []rankResult `json:"results"`
			Errors  []rankError  `json:"errors,omitempty"`
		}{ro, results, failed}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		writeRankTable(stdout, ro, results)
		for _, e := range failed {
			fmt.Fprintf(stderr, "skillmatch rank: %s: %s\n", e.File, e.Error.Message)
		}
	}
	if len(failed) > 0 {
		return errFailed
	}
	return nil
}

// rankProfiles ranks the profiles read against ro, best first, every
// result explained (opts.Explain is set to all), and lists the files that
// could not be read.
func rankProfiles(ro role.Role, profiles []fileProfile, tax *taxonomy.Taxonomy, opts role.RankOptions) ([]rankResult, []rankError) {
	k := role.NewRanker(tax)
	var failed []rankError
	for _, p := range profiles {
		if p.Err != nil {
			e := rankError{File: p.File}
			e.Error.Code, e.Error.Message = errorCode(p.Err), p.Err.Error()
			failed = append(failed, e)
			continue
		}
		k.Add(p.File, p.Resume)
	}
	opts.Explain = k.Len()
	ranked := k.Rank(ro, opts)
	results := make([]rankResult, 0, len(ranked))
	for _, r := range ranked {
		results = append(results, rankResult{File: r.ID, Score: r.Score, Rank: r.Rank, Match: *r.Match})
	}
	return results, failed
}

// writeRankTable prints the human view: rank, score, file, what matched
// (~ marks partial or unknown credit) and what is missing.
func writeRankTable(w io.Writer, ro role.Role, results []rankResult) {
	fmt.Fprintf(w, "%s — %d required, %d plus\n\n", ro.Title, len(ro.Required), len(ro.Plus))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tSCORE\tFILE\tMATCHED\tMISSING")
	for _, r := range results {
		var matched []string
		for _, q := range append(append([]role.RequirementResult(nil), r.Requirements...), r.Plus...) {
			switch q.Status {
			case role.StatusMet:
				matched = append(matched, q.Skill)
			case role.StatusPartlyMet, role.StatusUnknown:
				matched = append(matched, "~"+q.Skill)
			}
		}
		missing := strings.Join(r.Missing, ", ")
		if missing == "" {
			missing = "-"
		}
		fmt.Fprintf(tw, "%d\t%.1f\t%s\t%s\t%s\n", r.Rank, r.Score, r.File, strings.Join(matched, ", "), missing)
	}
	tw.Flush()
}
