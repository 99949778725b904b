package main

import (
	"context"
	"io"
)

// runImport is not built yet; its issue is open.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return notYet("import")
}
