package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/skillmatch/skillmatch/index"
)

// runBackup writes a consistent online copy of the store's database to FILE:
// `backup --data DIR FILE`. It works while the server runs and refuses to
// overwrite FILE. The database holds the original files too (a folder
// written before they moved there keeps some under DIR/files: content-
// addressed and never changed, so copying that folder alongside, any way,
// any time, completes the backup); the search index is rebuilt from the
// database when missing.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("SKILLMATCH_DATA", "./data"), "data `folder` (env SKILLMATCH_DATA)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch backup --data DIR FILE\n\nWrites a consistent copy of the store (with the original files) to FILE, also while the server runs; FILE must not exist.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want one FILE to write the copy to: %w", errUsage)
	}
	if err := index.BackupFolder(ctx, *data, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up the database of %s to %s (with the original files; copy %s/files alongside if it exists)\n", *data, fs.Arg(0), *data)
	return nil
}
