package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// runReindex rebuilds the search index from the store: `reindex --data DIR`.
// DIR must hold a store already; the server must not be running on it.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "./data", "data `folder`")
	taxFile := fs.String("taxonomy", "", "extra taxonomy `file` laid over the embedded one")
	if err := bindEnv(fs, "data", "taxonomy"); err != nil {
		return err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch reindex --data DIR [--taxonomy FILE]\n\nRebuilds the search index from the store (stop the server first).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	// a mistyped folder must not become a new, empty store
	if _, err := os.Stat(filepath.Join(*data, "skillmatch.db")); errors.Is(err, os.ErrNotExist) {
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
