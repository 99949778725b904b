package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// runReindex rebuilds the search index from the store: `reindex --data DIR`.
// With --reparse it first derives every stored candidate's profile again
// from its stored text with the current taxonomy (index.Store.Reparse), so a
// taxonomy upgrade reaches candidates stored before it. DIR must hold a
// store already; the server must not be running on it (the folder lock
// refuses).
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "./data", "data `folder`")
	taxFile := fs.String("taxonomy", "", "extra taxonomy `file` laid over the embedded one")
	reparse := fs.Bool("reparse", false, "first derive every stored profile again from its text with the current taxonomy (same as-of date, format and file)")
	if err := bindEnv(fs, "data", "taxonomy"); err != nil {
		return err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch reindex --data DIR [--reparse] [--taxonomy FILE]\n\nRebuilds the search index from the store (stop the server first). With --reparse, every stored\nprofile is first derived again from its stored text with the current taxonomy (after a taxonomy upgrade).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	// a mistyped folder must not become a new, empty store
	if !index.HasStore(*data) {
		return fmt.Errorf("no skillmatch data in %s (no skillmatch.db): nothing to reindex; name the data folder with --data or SKILLMATCH_DATA", *data)
	}
	tax, err := loadTaxonomy(*taxFile)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *data, tax, slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	if *reparse {
		return reparseStore(ctx, store, tax, start, stdout, stderr)
	}
	if err := store.Reindex(ctx); err != nil {
		return err
	}
	n, err := store.CountCandidates(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindexed %d candidates in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// deriveWith returns the derive of a reparse with tax: a stored candidate's
// text read again on its own as-of date (the day it was read for a profile
// without one), with its format and file.
func deriveWith(tax *taxonomy.Taxonomy) func(index.Candidate) (engine.Resume, error) {
	return func(c index.Candidate) (engine.Resume, error) {
		asOf := c.CreatedAt
		if c.Profile.AsOf != "" {
			var err error
			if asOf, err = time.Parse("2006-01-02", c.Profile.AsOf); err != nil {
				return engine.Resume{}, fmt.Errorf("stored as-of date %q: %w", c.Profile.AsOf, err)
			}
		}
		file := c.Profile.File
		if file == "" {
			file = c.File
		}
		return resume.Parse(c.Profile.Text, tax, resume.Options{AsOf: asOf, Format: c.Profile.Format, File: file}), nil
	}
}

// reparseStore runs `reindex --reparse`: every stored profile derived again
// with tax on its own as-of date, format and file, a progress line on
// stderr at most every two seconds, and a summary on stdout ending with the
// number of candidates still read with another taxonomy (0 after a complete
// run: the count serve warns about at start).
func reparseStore(ctx context.Context, store *index.Store, tax *taxonomy.Taxonomy, start time.Time, stdout, stderr io.Writer) error {
	last := time.Now()
	progress := func(done, total int) {
		if time.Since(last) >= 2*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "reparse: %d/%d candidates\n", done, total)
		}
	}
	st, err := store.Reparse(ctx, deriveWith(tax), progress)
	if err != nil {
		return err
	}
	rebuilt := "search index rebuilt"
	if !st.Rebuilt {
		rebuilt = "search index already up to date"
	}
	stale, err := store.StaleCandidates(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reparsed %d candidates with taxonomy %s in %s: %d profiles changed, %d with different skills (+%d/-%d skill ids); %s; %d read with another taxonomy\n",
		st.Candidates, tax.Version, time.Since(start).Round(time.Millisecond), st.Changed, st.SkillsChanged, st.SkillsAdded, st.SkillsRemoved, rebuilt, stale)
	return nil
}
