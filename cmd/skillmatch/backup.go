package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/skillmatch/skillmatch/index"
)

// runBackup writes a consistent online copy of the store's database to FILE
// and the original files it references to files/ beside FILE:
// `backup --data DIR FILE`. It works while the server runs and refuses to
// overwrite FILE. FILE's folder, with FILE named skillmatch.db, is then a
// complete data folder; the search index is rebuilt from the database when
// missing.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "./data", "data `folder`")
	if err := bindEnv(fs, "data"); err != nil {
		return err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch backup --data DIR FILE\n\nWrites a consistent copy of the store's database to FILE and its original files to files/ beside FILE, also while the server runs; FILE must not exist. To restore, use FILE's folder as the data folder with FILE renamed skillmatch.db (the search index is rebuilt).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want one FILE to write the copy to: %w", errUsage)
	}
	res, err := index.BackupFolder(ctx, *data, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up the database of %s to %s and %d original files to %s\n", *data, fs.Arg(0), res.Files, res.FilesDir)
	if res.Missing > 0 {
		fmt.Fprintf(stdout, "%d original files were not found (deleted while the backup ran, or lost before): their candidates are in the copy without a downloadable original\n", res.Missing)
	}
	return nil
}
