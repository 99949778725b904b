// Command skillmatch-eval prints skillmatch's accuracy reports (`make eval`):
// skill extraction, document text, resume structure, role parsing and
// ranking, on the project's fixtures in testdata/ and on the public data in
// ../shared/data (each report skips cleanly when its data is absent).
package main

import (
	"flag"
	"fmt"
	"os"
)

type report struct {
	name string
	run  func(shared string) error
}

func main() {
	shared := flag.String("shared", "../shared", "path of the shared folder with public data")
	only := flag.String("only", "", "run only the report with this name")
	flag.Parse()
	texts = newTextCache()
	reports := []report{
		{"extraction", evalExtraction},
		{"documents", evalDocuments},
		{"structure", evalStructure},
		{"roles", evalRoles},
	}
	failed := false
	for _, r := range reports {
		if *only != "" && r.name != *only {
			continue
		}
		fmt.Printf("== %s ==\n", r.name)
		if err := r.run(*shared); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", r.name, err)
			failed = true
		}
		fmt.Println()
	}
	if failed {
		os.Exit(1)
	}
}
