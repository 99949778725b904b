package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/goccy/go-yaml"

	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// runRole prints the canonical role of a role file (YAML or JSON) or a job
// description text: `skillmatch role [--format json|yaml] [--taxonomy FILE] FILE`.
func runRole(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("role", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "json", "output format: json or yaml")
	taxFile := fl.String("taxonomy", os.Getenv("SKILLMATCH_TAXONOMY"), "extra taxonomy `file` (YAML) laid over the embedded one (env SKILLMATCH_TAXONOMY)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch role [--format json|yaml] [--taxonomy FILE] FILE\n\nFILE is a role file (YAML or JSON) or a job description (text).")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return badFlags(err)
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("want exactly one FILE (a role file or a job description): %w", errUsage)
	}
	if *format != "json" && *format != "yaml" {
		return fmt.Errorf("--format %q: want json or yaml: %w", *format, errUsage)
	}
	tax, err := taxonomyFor(*taxFile)
	if err != nil {
		return err
	}
	ro, err := readRole(fl.Arg(0), tax)
	if err != nil {
		return err
	}
	return writeRole(stdout, ro, *format)
}

// readRole parses a role file or job description from disk.
func readRole(file string, tax *taxonomy.Taxonomy) (role.Role, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return role.Role{}, err
	}
	ro, err := role.Parse(data, file, tax)
	if err != nil {
		return role.Role{}, fmt.Errorf("%s: %w", file, err)
	}
	return ro, nil
}

func writeRole(w io.Writer, ro role.Role, format string) error {
	if format == "yaml" {
		b, err := yaml.Marshal(ro)
		if err != nil {
			return err
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
		_, err = w.Write(b)
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ro)
}
