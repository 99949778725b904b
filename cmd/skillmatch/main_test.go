package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRunUsage checks how the binary answers a newcomer: help asked for goes
// to stdout with status 0, a mistake gets one message on stderr and status
// 2, and nothing is said twice.
func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring wanted on stdout ("" wants it empty)
		stderr     string // substring wanted on stderr ("" wants it empty)
		stderrOnce string // substring wanted exactly once on stderr
	}{
		{name: "no command", args: nil, code: 2, stderr: "commands:"},
		{name: "help", args: []string{"help"}, code: 0, stdout: "skillmatch help COMMAND"},
		{name: "--help", args: []string{"--help"}, code: 0, stdout: "commands:"},
		{name: "help rank", args: []string{"help", "rank"}, code: 0, stdout: "usage: skillmatch rank --role FILE"},
		{name: "help apikey", args: []string{"help", "apikey"}, code: 0, stdout: "usage: skillmatch apikey create --data DIR --role admin|recruiter"},
		{name: "help serve", args: []string{"help", "serve"}, code: 0, stdout: "usage: skillmatch serve [--addr"},
		{name: "help backup", args: []string{"help", "backup"}, code: 0, stdout: "usage: skillmatch backup --data DIR FILE"},
		{name: "help reindex", args: []string{"help", "reindex"}, code: 0, stdout: "usage: skillmatch reindex --data DIR"},
		{name: "help unknown", args: []string{"help", "frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "rank -h", args: []string{"rank", "-h"}, code: 0, stderr: "usage: skillmatch rank"},
		{name: "serve --help", args: []string{"serve", "--help"}, code: 0, stderr: "-addr"},
		{name: "unknown flag", args: []string{"parse", "--frobnicate", "x.txt"}, code: 2, stderrOnce: "flag provided but not defined: -frobnicate"},
		{name: "unknown flag of reindex", args: []string{"reindex", "--frobnicate"}, code: 2, stderrOnce: "flag provided but not defined: -frobnicate"},
		{name: "missing files", args: []string{"parse"}, code: 2, stderrOnce: "skillmatch parse: no files given\n(skillmatch help parse shows the flags)"},
		{name: "bad format", args: []string{"role", "--format", "xml", "x.yaml"}, code: 2, stderrOnce: `skillmatch role: --format "xml": want json or yaml` + "\n"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderrOnce: `skillmatch: unknown command "frobnicate"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tc.args, code, tc.code, stderr.String())
			}
			check := func(stream, got, want string) {
				if want == "" && got != "" {
					t.Errorf("run(%q) %s = %q, want nothing", tc.args, stream, got)
				}
				if !strings.Contains(got, want) {
					t.Errorf("run(%q) %s = %q, want it to contain %q", tc.args, stream, got, want)
				}
			}
			check("stdout", stdout.String(), tc.stdout)
			if tc.stderrOnce != "" {
				if n := strings.Count(stderr.String(), tc.stderrOnce); n != 1 {
					t.Errorf("run(%q) stderr has %q %d times, want once:\n%s", tc.args, tc.stderrOnce, n, stderr.String())
				}
				if strings.Contains(stderr.String(), ": usage") {
					t.Errorf("run(%q) stderr shows the internal marker \": usage\":\n%s", tc.args, stderr.String())
				}
			} else {
				check("stderr", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestRunInterrupted: a command stopped by SIGINT/SIGTERM (its context
// cancelled) says "interrupted" and exits 130, not "context canceled" and 1.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"rank", "--role", "../../testdata/roles/python-backend.yaml", "../../testdata/resumes"}, &stdout, &stderr)
	if code != 130 || stderr.String() != "skillmatch rank: interrupted\n" {
		t.Errorf("rank with a cancelled context = exit %d, stderr %q; want 130 and \"skillmatch rank: interrupted\"", code, stderr.String())
	}
}
