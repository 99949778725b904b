package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// envName is the environment variable a flag falls back to: SKILLMATCH_
// and the flag's name in upper case, '-' as '_' (--max-upload:
// SKILLMATCH_MAX_UPLOAD).
func envName(flagName string) string {
	return "SKILLMATCH_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// bindEnv gives the named flags of fs their environment fallbacks (envName)
// and names the variable in each flag's help. Call it after defining the
// flags and before parsing: a variable that is set and not blank gives its
// flag a value as the command line would, parsed the same way (numbers, and
// booleans as true/false, 1/0, t/f); the command line, parsed afterwards,
// still wins; the help keeps showing the built-in default, never the
// environment's value (a secret stays out of -h). A value the flag cannot
// take is a usage error naming the variable.
func bindEnv(fs *flag.FlagSet, names ...string) error {
	for _, name := range names {
		f := fs.Lookup(name)
		if f == nil {
			panic("bindEnv: no flag --" + name) // a programming mistake
		}
		env := envName(name)
		f.Usage += " (env " + env + ")"
		v := strings.TrimSpace(os.Getenv(env))
		if v == "" {
			continue
		}
		if err := fs.Set(name, v); err != nil {
			why := err.Error() // the flag package's: "parse error", "value out of range"
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				why = "want true or false"
			}
			return fmt.Errorf("%s=%q is not a valid --%s (%s): %w", env, v, name, why, errUsage)
		}
	}
	return nil
}
