package main

import (
	"context"
	"fmt"
	"io"
)

// Commands whose issues are still open. Each moves to its own file when built.

func notYet(name string) error { return fmt.Errorf("%s: not built yet", name) }

func runRole(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("role")
}
func runRank(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("rank")
}
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("serve")
}
func runAPIKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("apikey")
}
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("import")
}
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("reindex")
}
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("backup")
}
func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("parse")
}
func isWorkerProcess() bool { return false }
func runWorker() int        { return 0 }
