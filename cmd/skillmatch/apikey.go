package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/skillmatch/skillmatch/engine"
)

// runAPIKey creates an API key: `apikey create --data DIR --role
// admin|recruiter [--name N] [--blind]`. The key is the last word of
// stdout and is shown only once; the store keeps its hash.
func runAPIKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("want: apikey create --data DIR --role admin|recruiter [--name N] [--blind]: %w", errUsage)
	}
	fs := flag.NewFlagSet("apikey create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "./data", "data `folder`")
	role := fs.String("role", "", "admin (everything) or recruiter (everything but keys, deletes and the audit log)")
	name := fs.String("name", "", "a `name` to tell the key by")
	blind := fs.Bool("blind", false, "the key only ever sees candidates with identities redacted")
	if err := bindEnv(fs, "data"); err != nil {
		return err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch apikey create --data DIR --role admin|recruiter [--name N] [--blind]\n\nPrints the new key as the last word; only its hash is stored. While the server runs, use POST /api/v1/keys.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		return badFlags(err)
	}
	if *role != "admin" && *role != "recruiter" {
		return fmt.Errorf("--role %q: want admin or recruiter: %w", *role, errUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	tax, err := loadTaxonomy("")
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *data, tax, slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if errors.Is(err, engine.ErrConflict) {
		return fmt.Errorf("%w\nWhile the server runs, create keys through it: POST /api/v1/keys with an admin key", err)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	key, k, err := store.CreateAPIKey(ctx, *role, *name, *blind)
	if err != nil {
		return err
	}
	mode := ""
	if k.Blind {
		mode = " (blind)"
	}
	fmt.Fprintf(stdout, "created %s key %q%s, id %s; it is shown only this once:\n%s\n", k.Role, k.Name, mode, k.ID, key)
	return nil
}
