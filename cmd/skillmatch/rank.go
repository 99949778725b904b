package main

import (
	"context"
	"io"
)

// runRank is not built yet; its issue is open.
func runRank(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("rank")
}
