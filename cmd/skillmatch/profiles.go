package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// fileProfile is one resume file read for a command: its profile, or the
// error that kept it from being read.
type fileProfile struct {
	File   string
	Resume engine.Resume
	Err    error
}

// resumeExts are the file names a directory walk picks up.
var resumeExts = map[string]bool{".pdf": true, ".docx": true, ".txt": true, ".md": true, ".markdown": true, ".html": true, ".htm": true}

// errNoResumes is the error of parse and rank when paths hold no resume
// files: it names the paths and the extensions a directory walk looks for.
func errNoResumes(paths []string) error {
	exts := slices.Sorted(maps.Keys(resumeExts))
	return fmt.Errorf("no resumes in %s (directories are searched for %s files)", strings.Join(paths, " "), strings.Join(exts, ", "))
}

// expandPaths lists the files named by paths: files as given, directories
// walked (sorted, hidden entries skipped, only resume extensions). A path
// that does not exist is an error.
func expandPaths(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && resumeExts[strings.ToLower(filepath.Ext(path))] {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// loadProfiles reads the resume files (as listed by expandPaths) into
// profiles, in order: documents decoded in a worker pool (as many at a
// time as it has workers, document.DefaultWorkers), then resume.Parse with asOf and tax. A file that cannot be read gets Err
// and the others still load; the error return is only for a pool that
// cannot start or ctx ending.
func loadProfiles(ctx context.Context, files []string, asOf time.Time, tax *taxonomy.Taxonomy) ([]fileProfile, error) {
	pool, err := document.NewPool(document.PoolOptions{})
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	out := make([]fileProfile, len(files))
	var g errgroup.Group
	g.SetLimit(pool.Workers())
	for i, file := range files {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			out[i] = loadProfile(ctx, pool, file, asOf, tax)
			return nil
		})
	}
	g.Wait() // loadProfile reports each file's error in its fileProfile
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func loadProfile(ctx context.Context, pool *document.Pool, file string, asOf time.Time, tax *taxonomy.Taxonomy) fileProfile {
	data, err := os.ReadFile(file)
	if err != nil {
		return fileProfile{File: file, Err: err}
	}
	doc, err := pool.Decode(ctx, data, filepath.Base(file))
	if err != nil {
		return fileProfile{File: file, Err: err}
	}
	r := resume.Parse(doc.Text, tax, resume.Options{AsOf: asOf, Format: doc.Format, File: file})
	return fileProfile{File: file, Resume: r}
}

// resumeFlags are the flags of the commands that parse resumes (parse, rank,
// import): the date experience counts to and the user's taxonomy file.
type resumeFlags struct {
	asOf, taxonomy string
}

// addResumeFlags defines --as-of (with asOfUsage, which says what the date
// means to the command) and --taxonomy on fs, with their SKILLMATCH_*
// fallbacks (bindEnv).
func addResumeFlags(fs *flag.FlagSet, asOfUsage string) (*resumeFlags, error) {
	f := &resumeFlags{}
	fs.StringVar(&f.asOf, "as-of", "", asOfUsage+", YYYY-MM-DD or YYYY-MM (default today, UTC)")
	fs.StringVar(&f.taxonomy, "taxonomy", "", "extra taxonomy `file` (YAML) laid over the embedded one")
	return f, bindEnv(fs, "as-of", "taxonomy")
}

// load reads the flags once parsed: the as-of date (parseAsOf) and the
// taxonomy (loadTaxonomy).
func (f *resumeFlags) load() (time.Time, *taxonomy.Taxonomy, error) {
	asOf, err := parseAsOf(f.asOf)
	if err != nil {
		return time.Time{}, nil, err
	}
	tax, err := loadTaxonomy(f.taxonomy)
	return asOf, tax, err
}

// loadTaxonomy is the embedded taxonomy, with the user's file (--taxonomy)
// laid over it when one is given. Errors name the flag and the file.
func loadTaxonomy(file string) (*taxonomy.Taxonomy, error) {
	if file == "" {
		return taxonomy.Default(), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("--taxonomy: %w", err)
	}
	defer f.Close()
	tax, err := taxonomy.LoadOverlay(taxonomy.Default(), f, file)
	if err != nil {
		return nil, fmt.Errorf("--taxonomy %s: %w", file, err)
	}
	return tax, nil
}

// parseAsOf reads an --as-of date (YYYY-MM-DD or YYYY-MM); "" is today.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC(), nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--as-of %q: want YYYY-MM-DD or YYYY-MM: %w", s, errUsage)
}

// asOfClock is the one "now" of a server — uploads, batch jobs and
// matches — as parseAsOf is for parse and rank: the --as-of date when one
// is given, else the current date in UTC, read at each call.
func asOfClock(s string) (func() time.Time, error) {
	if s == "" {
		return func() time.Time { return time.Now().UTC() }, nil
	}
	t, err := parseAsOf(s)
	if err != nil {
		return nil, err
	}
	return func() time.Time { return t }, nil
}

// errorCode names an error's category: the "code" of parse's and rank's
// JSON errors and the failure reasons of import's summary. It is
// engine.ErrorCode's code, "not_found" for a missing file, else "error".
func errorCode(err error) string {
	if code := engine.ErrorCode(err); code != "" {
		return code
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "not_found"
	}
	return "error"
}

// parseInterleaved parses flags that may stand before, between or after the
// file arguments ("parse a.pdf --format text b.pdf") and returns the files in
// order. A flag mistake wraps errUsage.
func parseInterleaved(fl *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, badFlags(err)
		}
		if args = fl.Args(); len(args) == 0 {
			return paths, nil
		}
		paths, args = append(paths, args[0]), args[1:]
	}
}
