package main

import (
	"context"
	"io"
)

// runAPIKey is not built yet; its issue is open.
func runAPIKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("apikey")
}
