package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// runRole prints the canonical role of a role file (YAML or JSON) or a job
// description text: `skillmatch role [--format json|yaml] [--taxonomy FILE] FILE`.
func runRole(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("role", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "json", "output format: json or yaml")
	taxFile := fl.String("taxonomy", "", "extra taxonomy `file` (YAML) laid over the embedded one")
	if err := bindEnv(fl, "taxonomy"); err != nil {
		return err
	}
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
	tax, err := loadTaxonomy(*taxFile)
	if err != nil {
		return err
	}
	ro, err := readRole(ctx, fl.Arg(0), tax)
	if err != nil {
		return err
	}
	return writeRole(stdout, ro, *format)
}

// readRole parses a role file or a job description from disk. Files named
// .json, .yaml or .yml are role files. Any other file is read by
// document.JobDescription: text (UTF-8, UTF-16 or Windows-1252) or a PDF,
// DOCX or HTML document, whose text is read the way resumes are (PDF and
// DOCX in a sandboxed worker process); other binary formats are refused as
// unsupported (engine.ErrUnsupportedFormat).
func readRole(ctx context.Context, file string, tax *taxonomy.Taxonomy) (role.Role, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return role.Role{}, err
	}
	name := file
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json", ".yaml", ".yml":
	default:
		doc, err := document.JobDescription(ctx, data, filepath.Base(file), "", decodeInWorker)
		if err != nil {
			return role.Role{}, fmt.Errorf("%s: %w", file, err)
		}
		data = []byte(doc.Text)
		if doc.Format != document.FormatText {
			name = "job-description.txt" // the text of a document is a job description
		}
	}
	ro, err := role.Parse(data, name, tax)
	if err != nil {
		return role.Role{}, fmt.Errorf("%s: %w", file, err)
	}
	return ro, nil
}

// decodeInWorker decodes one document through a one-worker pool started for
// it (a role command reads at most one).
func decodeInWorker(ctx context.Context, data []byte, filename string) (document.Document, error) {
	pool, err := document.NewPool(document.PoolOptions{Workers: 1})
	if err != nil {
		return document.Document{}, err
	}
	defer pool.Close()
	return pool.Decode(ctx, data, filename)
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
