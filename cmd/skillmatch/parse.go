package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/skillmatch/skillmatch/engine/resume"
)

// parseError is the "error" member of a file that could not be parsed.
type parseError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// runParse implements
//
//	skillmatch parse [--format json|text|jsonresume] [--as-of YYYY-MM-DD] [--taxonomy FILE] [--blind] FILE_OR_DIR...
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
	asOfFlag := fl.String("as-of", "", "`date` \"Present\" means, YYYY-MM-DD or YYYY-MM (default today, UTC)")
	taxFile := fl.String("taxonomy", "", "extra taxonomy `file` laid over the embedded one")
	blind := fl.Bool("blind", false, "redact name, contact, links and birth dates (blind screening)")
	if err := bindEnv(fl, "as-of", "taxonomy"); err != nil {
		return err
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch parse [--format json|text|jsonresume] [--as-of YYYY-MM-DD] [--taxonomy FILE] [--blind] FILE_OR_DIR...")
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
	asOf, err := parseAsOf(*asOfFlag)
	if err != nil {
		return err
	}
	tax, err := loadTaxonomy(*taxFile)
	if err != nil {
		return err
	}

	// a path that does not exist is reported in its place, not fatal
	var files []string
	missing := map[int]error{}
	var order []int // for each output entry: index into files, or -1-k for missing path k
	for k, p := range paths {
		expanded, err := expandPaths([]string{p})
		if err != nil {
			missing[k] = err
			order = append(order, -1-k)
			continue
		}
		for _, f := range expanded {
			order = append(order, len(files))
			files = append(files, f)
		}
	}
	if len(order) == 0 {
		return errNoResumes(paths)
	}
	var profiles []fileProfile
	if len(files) > 0 {
		if profiles, err = loadProfiles(ctx, files, asOf, tax); err != nil {
			return err
		}
	}

	failed := false
	var out []any
	for _, i := range order {
		var fp fileProfile
		if i < 0 {
			fp = fileProfile{File: paths[-1-i], Err: missing[-1-i]}
		} else {
			fp = profiles[i]
		}
		if fp.Err != nil {
			failed = true
			if *format == "text" {
				fmt.Fprintf(stderr, "skillmatch parse: %s: %v\n", fp.File, fp.Err)
				continue
			}
			out = append(out, map[string]any{"file": fp.File, "error": parseError{Code: errorCode(fp.Err), Message: fp.Err.Error()}})
			continue
		}
		r := fp.Resume
		r.File = fp.File
		if *blind {
			r = resume.Redact(r)
		}
		switch *format {
		case "text":
			if len(order) > 1 {
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
	if *format != "text" {
		if out == nil {
			out = []any{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if failed {
		return errFailed
	}
	return nil
}
