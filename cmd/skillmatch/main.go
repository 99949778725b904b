// Command skillmatch is the single skillmatch binary: the CLI subcommands,
// the HTTP server and the document worker it re-executes itself as. All
// wiring is done here by hand; configuration comes from flags with
// SKILLMATCH_* environment fallbacks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// errUsage marks a command-line mistake: run prints the message and where
// the command's flags are explained, and the exit status is 2. Errors of
// FlagSet.Parse are wrapped with badFlags instead.
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
		{"reindex", "rebuild the search index from the store (--reparse: re-derive every profile with the current taxonomy)", runReindex},
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
		if len(args) == 0 {
			usage(stderr)
			return 2
		}
		if args[0] == "help" && len(args) > 1 {
			return help(ctx, args[1], stdout, stderr)
		}
		usage(stdout) // asked for: print where `| less` finds it
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var fe flagError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0 // -h: the flag set printed the command's usage
		case errors.As(err, &fe):
			return 2 // the flag set printed the mistake and the usage
		case errors.Is(err, errFailed):
			return 1
		case ctx.Err() != nil && errors.Is(err, ctx.Err()):
			fmt.Fprintf(stderr, "skillmatch %s: interrupted\n", c.name)
			return 130 // as a shell reports a command stopped by SIGINT
		case errors.Is(err, errUsage):
			msg := strings.TrimSuffix(err.Error(), ": "+errUsage.Error())
			fmt.Fprintf(stderr, "skillmatch %s: %s\n(skillmatch help %s shows the flags)\n", c.name, msg, c.name)
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

// help prints the usage and flags of one command on stdout: `skillmatch help rank`.
func help(ctx context.Context, name string, stdout, stderr io.Writer) int {
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		args := []string{"-h"}
		if name == "apikey" {
			args = []string{"create", "-h"}
		}
		if err := c.run(ctx, args, stdout, stdout); errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fmt.Fprintf(stderr, "skillmatch help: unknown command %q\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: skillmatch COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nskillmatch help COMMAND (or COMMAND -h) shows a command's flags.")
}

// flagError is an error of a command's flag.FlagSet.Parse, which has already
// printed the mistake and the command's usage on stderr; run adds only the
// exit status (0 for -h, 2 otherwise). It matches errUsage and the flag
// package's error (flag.ErrHelp for -h).
type flagError struct{ err error }

func (e flagError) Error() string   { return e.err.Error() }
func (e flagError) Unwrap() []error { return []error{e.err, errUsage} }

// badFlags wraps the error of a FlagSet.Parse for run (see flagError).
func badFlags(err error) error { return flagError{err} }
