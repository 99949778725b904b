package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBindEnv: a flag takes its SKILLMATCH_* variable's value, parsed as
// the command line parses it (booleans strictly, not just "true"); the
// command line wins; a value the flag cannot take is a usage error naming
// the variable; -h shows the built-in default, never the variable's value.
func TestBindEnv(t *testing.T) {
	type values struct {
		Data   string
		Batch  int
		Allow  bool
		Secret string
	}
	parse := func(env map[string]string, args ...string) (values, string, error) {
		for _, name := range []string{"SKILLMATCH_DATA", "SKILLMATCH_JOB_BATCH", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS", "SKILLMATCH_CALLBACK_SECRET"} {
			t.Setenv(name, env[name])
		}
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var v values
		fs.StringVar(&v.Data, "data", "./data", "data `folder`")
		fs.IntVar(&v.Batch, "job-batch", 1024, "items per commit")
		fs.BoolVar(&v.Allow, "allow-private-callbacks", false, "private callbacks")
		fs.StringVar(&v.Secret, "callback-secret", "", "HMAC `key`")
		if err := bindEnv(fs, "data", "job-batch", "allow-private-callbacks", "callback-secret"); err != nil {
			return values{}, "", err
		}
		var help strings.Builder
		fs.SetOutput(&help)
		fs.PrintDefaults()
		return v, help.String(), fs.Parse(args)
	}
	for _, tt := range []struct {
		name string
		env  map[string]string
		args []string
		want values
	}{
		{"defaults", nil, nil, values{"./data", 1024, false, ""}},
		{"from the environment", map[string]string{"SKILLMATCH_DATA": " /srv/data ", "SKILLMATCH_JOB_BATCH": "50", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS": "true", "SKILLMATCH_CALLBACK_SECRET": "s3cret"}, nil, values{"/srv/data", 50, true, "s3cret"}},
		{"boolean 1", map[string]string{"SKILLMATCH_ALLOW_PRIVATE_CALLBACKS": "1"}, nil, values{"./data", 1024, true, ""}},
		{"boolean TRUE", map[string]string{"SKILLMATCH_ALLOW_PRIVATE_CALLBACKS": "TRUE"}, nil, values{"./data", 1024, true, ""}},
		{"boolean false", map[string]string{"SKILLMATCH_ALLOW_PRIVATE_CALLBACKS": "false"}, nil, values{"./data", 1024, false, ""}},
		{"blank is unset", map[string]string{"SKILLMATCH_DATA": "  ", "SKILLMATCH_JOB_BATCH": " "}, nil, values{"./data", 1024, false, ""}},
		{"the command line wins", map[string]string{"SKILLMATCH_DATA": "/srv/data", "SKILLMATCH_JOB_BATCH": "50", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS": "true"},
			[]string{"--data", "here", "--job-batch", "7", "--allow-private-callbacks=false"}, values{"here", 7, false, ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, help, err := parse(tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
			for _, name := range []string{"SKILLMATCH_DATA", "SKILLMATCH_JOB_BATCH", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS", "SKILLMATCH_CALLBACK_SECRET"} {
				if !strings.Contains(help, "(env "+name+")") {
					t.Errorf("help does not name %s:\n%s", name, help)
				}
			}
			if strings.Contains(help, "s3cret") || strings.Contains(help, "/srv/data") {
				t.Errorf("help shows the environment's values:\n%s", help)
			}
		})
	}
	for _, tt := range []struct {
		name, env, value, want string
	}{
		{"boolean yes", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS", "yes", `SKILLMATCH_ALLOW_PRIVATE_CALLBACKS="yes" is not a valid --allow-private-callbacks (want true or false)`},
		{"boolean on", "SKILLMATCH_ALLOW_PRIVATE_CALLBACKS", "on", `SKILLMATCH_ALLOW_PRIVATE_CALLBACKS="on" is not a valid --allow-private-callbacks (want true or false)`},
		{"number", "SKILLMATCH_JOB_BATCH", "many", `SKILLMATCH_JOB_BATCH="many" is not a valid --job-batch (parse error)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parse(map[string]string{tt.env: tt.value})
			if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("bindEnv with %s=%q: error %v, want a usage error saying %q", tt.env, tt.value, err, tt.want)
			}
		})
	}
}
