package main

import (
	"context"
	"io"
)

// runRole is not built yet; its issue is open.
func runRole(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("role")
}
