// Command skillmatch is the single skillmatch binary: the CLI subcommands,
// the HTTP server and the document worker it re-executes itself as. All
// wiring is done here by hand; configuration comes from flags with
// SKILLMATCH_* environment fallbacks.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errUsage marks a command-line mistake: the message is printed with the
// usage and the exit status is 2.
var errUsage = errors.New("usage")

// errFailed means the command already reported its failures (e.g. some files
// of a parse failed); the exit status is 1 and nothing more is printed.
var errFailed = errors.New("failed")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"parse", "parse resumes into JSON profiles", runParse},
		{"role", "turn a job description or role file into a canonical role", runRole},
		{"rank", "rank resumes against a role", runRank},
		{"serve", "run the HTTP API and web UI", runServe},
		{"apikey", "create API keys", runAPIKey},
		{"import", "bulk-load resumes into a data folder", runImport},
		{"reindex", "rebuild the search index from the store", runReindex},
		{"backup", "make a consistent online copy of the store", runBackup},
	}
}

func main() {
	if isWorkerProcess() {
		os.Exit(runWorker())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errFailed):
			return 1
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "skillmatch %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "skillmatch %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "skillmatch: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: skillmatch COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

// notYet is the error of a command whose issue is still open.
func notYet(name string) error { return fmt.Errorf("%s: not built yet", name) }
