package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// parseError is the "error" member of a file that could not be parsed.
type parseError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// runParse implements
//
//	skillmatch parse [--format json|text|jsonresume] [--as-of DATE] [--taxonomy FILE] [--blind] FILE_OR_DIR...
//
// It prints one JSON array with one object per file, in the order given
// (directories walked in name order): the profile ({"file", "format", ...}),
// or {"file", "error": {"code", "message"}} for a file that cannot be read
// (codes: not_found, unsupported_format, unreadable, too_large). The other
// files still print; the exit status is 1 when any file failed. --format text
// prints each file's extracted text instead, jsonresume a JSON Resume 1.0
// document per file (the file named in meta.source). --blind redacts
// identity (name, contact, links, birth dates) from the output.
func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "json", "output: json (profiles), text (extracted text) or jsonresume (JSON Resume 1.0)")
	blind := fl.Bool("blind", false, "redact name, contact, links and birth dates (blind screening)")
	inputs, err := addResumeFlags(fl, "`date` \"Present\" means")
	if err != nil {
		return err
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch parse [--format json|text|jsonresume] [--as-of DATE] [--taxonomy FILE] [--blind] FILE_OR_DIR...")
		fl.PrintDefaults()
	}
	// flags may come after the files too: parse them wherever they are
	paths, err := parseInterleaved(fl, args)
	if err != nil {
		return err
	}
	switch *format {
	case "json", "text", "jsonresume":
	default:
		return fmt.Errorf("--format %q: want json, text or jsonresume: %w", *format, errUsage)
	}
	if len(paths) == 0 {
		return fmt.Errorf("no files given: %w", errUsage)
	}
	asOf, tax, err := inputs.load()
	if err != nil {
		return err
	}

	profiles, err := parseProfiles(ctx, paths, asOf, tax)
	if err != nil {
		return err
	}
	failed, err := writeParsed(stdout, stderr, profiles, *format, *blind)
	if err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// parseProfiles reads the resumes named by paths, in order (directories
// walked): one fileProfile per file, and in the place of a path that does
// not exist one with its error (not fatal: the other files still parse).
// Paths that name no file at all are errNoResumes.
func parseProfiles(ctx context.Context, paths []string, asOf time.Time, tax *taxonomy.Taxonomy) ([]fileProfile, error) {
	var out []fileProfile
	var files []string
	var at []int // where each file's profile goes in out
	for _, p := range paths {
		expanded, err := expandPaths([]string{p})
		if err != nil {
			out = append(out, fileProfile{File: p, Err: err})
			continue
		}
		for _, f := range expanded {
			at = append(at, len(out))
			out = append(out, fileProfile{File: f})
			files = append(files, f)
		}
	}
	if len(out) == 0 {
		return nil, errNoResumes(paths)
	}
	if len(files) > 0 {
		loaded, err := loadProfiles(ctx, files, asOf, tax)
		if err != nil {
			return nil, err
		}
		for i, fp := range loaded {
			out[at[i]] = fp
		}
	}
	return out, nil
}

// writeParsed prints profiles in format (json, text or jsonresume),
// redacted when blind, and reports whether any file failed: its JSON entry
// is {"file", "error": {"code", "message"}}, in text a line on stderr.
func writeParsed(stdout, stderr io.Writer, profiles []fileProfile, format string, blind bool) (failed bool, err error) {
	var out []any
	for _, fp := range profiles {
		if fp.Err != nil {
			failed = true
			if format == "text" {
				fmt.Fprintf(stderr, "skillmatch parse: %s: %v\n", fp.File, fp.Err)
				continue
			}
			out = append(out, map[string]any{"file": fp.File, "error": parseError{Code: errorCode(fp.Err), Message: fp.Err.Error()}})
			continue
		}
		r := fp.Resume
		r.File = fp.File
		if blind {
			r = resume.Redact(r)
		}
		switch format {
		case "text":
			if len(profiles) > 1 {
				fmt.Fprintf(stdout, "==> %s <==\n", fp.File)
			}
			fmt.Fprintln(stdout, r.Text)
		case "jsonresume":
			doc := resume.ToJSONResume(r)
			doc["meta"].(map[string]any)["source"] = fp.File
			out = append(out, doc)
		default:
			out = append(out, r)
		}
	}
	if format == "text" {
		return failed, nil
	}
	if out == nil {
		out = []any{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return failed, enc.Encode(out)
}
