package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"
)

// runReindex rebuilds the search index from the store: `reindex --data DIR`.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("SKILLMATCH_DATA", "./data"), "data `folder` (env SKILLMATCH_DATA)")
	taxFile := fs.String("taxonomy", envOr("SKILLMATCH_TAXONOMY", ""), "extra taxonomy `file` (env SKILLMATCH_TAXONOMY)")
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
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
