package main

import (
	"context"
	"io"
)

// runReindex is not built yet; its issue is open.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("reindex")
}
