package role_test

import (
	"fmt"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

func Example() {
	tax, _ := taxonomy.New(taxonomy.File{Version: "example", Skills: []taxonomy.Skill{
		{ID: "python", Name: "Python", Category: "language"},
		{ID: "django", Name: "Django", Category: "framework", Implies: []string{"python"}, Related: []string{"flask"}},
		{ID: "flask", Name: "Flask", Category: "framework", Implies: []string{"python"}},
		{ID: "docker", Name: "Docker", Category: "tool"},
	}})
	ro, err := role.Parse([]byte("title: Backend Developer\nrequired:\n  - python\n  - Django\n  - skill: Docker\n    min_years: 2\n"), "role.yaml", tax)
	if err != nil {
		panic(err)
	}
	months := 60
	candidate := engine.Resume{AsOf: "2026-06-01", Skills: []engine.Skill{
		{ID: "flask", Name: "Flask", Months: &months},
		{ID: "docker", Name: "Docker"}, // listed only: months unknown
	}}

	k := role.NewRanker(tax)
	k.Add("cand-1", candidate)
	for _, r := range k.Rank(ro, role.RankOptions{Limit: 10, Explain: 1}) {
		fmt.Println(r.Rank, r.ID, r.Score)
		for _, q := range r.Match.Requirements {
			fmt.Printf("  %s: %s (%s)\n", q.Skills[0], q.Status, q.Reason)
		}
	}
	// Output:
	// 1 cand-1 54.4
	//   Python: met (Has Python through Flask (Flask implies it), 5 years of experience.)
	//   Django: partly_met (No Django, but related Flask counts for 50%, 5 years of experience.)
	//   Docker: unknown (Has Docker; how long is not stated (2 years wanted).)
}
