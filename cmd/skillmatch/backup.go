package main

import (
	"context"
	"io"
)

// runBackup is not built yet; its issue is open.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("backup")
}
