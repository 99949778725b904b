package main

import (
	"context"
	"io"
)

// runServe is not built yet; its issue is open.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("serve")
}
