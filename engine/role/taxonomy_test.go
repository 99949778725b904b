package role

import (
	"testing"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// testTax is a small fixed taxonomy, so these tests do not move when the
// embedded one grows.
func testTax(t testing.TB) *taxonomy.Taxonomy {
	t.Helper()
	tax, err := taxonomy.New(taxonomy.File{Version: "test-1", Skills: []taxonomy.Skill{
		{ID: "python", Name: "Python", Category: "language"},
		{ID: "django", Name: "Django", Category: "framework", Implies: []string{"python"}, Related: []string{"flask"}},
		{ID: "flask", Name: "Flask", Category: "framework", Implies: []string{"python"}},
		{ID: "sql", Name: "SQL", Category: "database"},
		{ID: "postgresql", Name: "PostgreSQL", Category: "database", Aliases: []string{"Postgres"}, Implies: []string{"sql"}},
		{ID: "docker", Name: "Docker", Category: "tool"},
		{ID: "aws", Name: "AWS", Category: "cloud", Aliases: []string{"Amazon Web Services"}},
		{ID: "gcp", Name: "GCP", Category: "cloud", Aliases: []string{"Google Cloud"}},
		{ID: "azure", Name: "Azure", Category: "cloud"},
		{ID: "go", Name: "Go", Category: "language", Aliases: []string{"Golang"}},
		{ID: "git", Name: "Git", Category: "tool"},
		{ID: "java", Name: "Java", Category: "language"},
		{ID: "html", Name: "HTML", Category: "language"},
		{ID: "css", Name: "CSS", Category: "language"},
		{ID: "javascript", Name: "JavaScript", Category: "language", Aliases: []string{"JS"}},
		{ID: "linux", Name: "Linux", Category: "tool"},
		{ID: "kubernetes", Name: "Kubernetes", Category: "tool", Aliases: []string{"k8s"}},
		{ID: "eks", Name: "EKS", Category: "cloud", Implies: []string{"aws", "kubernetes"}},
		{ID: "communication", Name: "Communication", Category: "soft"},
		{ID: "quickbooks", Name: "QuickBooks", Category: "tool"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return tax
}
