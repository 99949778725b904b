package main

import (
	"context"
	"io"
)

// runParse is not built yet; its issue is open.
func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("parse")
}
