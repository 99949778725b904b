package resume

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRedact checks blind mode on every structure fixture, the team's
// resume fixtures and a resume full of personal data: no name (or part of
// it), email, phone or link survives anywhere in the redacted profile JSON or
// text, while the skills and months are unchanged.
func TestRedact(t *testing.T) {
	tax := fixtureTaxonomy(t)
	texts := map[string]string{"personal": `Maria Fernanda Souza
Date of Birth: 14/03/1990
Address: Rua das Flores 123, 01000-000 São Paulo
Nationality: Brazilian
Photo: maria-souza.jpg
maria.souza@example.com | +55 11 91234-5678 | https://mariasouza.dev | linkedin.com/in/msouza-example

EXPERIENCE
Backend Developer, Pagar Rapido Ltda, São Paulo
Jan 2019 – Present
- Python and Django services; Maria Fernanda led the Docker migration.
Skills: Menu costing, Escrow analysis (taught by Maria Souza)
`}
	for _, f := range loadFixtures(t) {
		texts[f.name] = f.text
	}
	more, _ := filepath.Glob("../../testdata/resumes/*.txt")
	for _, p := range more {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(p)] = string(b)
	}
	asOf := time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC)
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			r := Parse(text, tax, Options{AsOf: asOf})
			c := r.Contact
			if name == "personal" && (c.Name == "" || c.Email == "" || c.Phone == "" || len(c.Links) != 2) {
				t.Fatalf("contact not found, so redaction is not tested: %+v", c)
			}
			red := Redact(r)
			js, err := json.Marshal(red)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.ToLower(string(js) + "\n" + red.Text)
			var secrets []string
			if c.Email != "" {
				secrets = append(secrets, c.Email)
			}
			if c.Phone != "" {
				secrets = append(secrets, c.Phone)
			}
			secrets = append(secrets, c.Links...)
			for _, w := range strings.Fields(c.Name) {
				if len(w) >= 3 {
					secrets = append(secrets, w)
				}
			}
			if name == "personal" {
				secrets = append(secrets, "14/03/1990", "rua das flores", "maria-souza.jpg", "brazilian")
			}
			for _, s := range secrets {
				if strings.Contains(all, strings.ToLower(s)) {
					t.Errorf("redacted profile still holds %q", s)
				}
			}
			if d := digitsOf(c.Phone); d != "" && strings.Contains(digitsOf(red.Text), d) {
				t.Errorf("redacted text still holds the phone digits %s", d)
			}
			if red.Contact.Name != "" || red.Contact.Email != "" || red.Contact.Phone != "" || red.Contact.Location != "" || len(red.Contact.Links) > 0 {
				t.Errorf("redacted contact = %+v, want empty", red.Contact)
			}
			if strings.Count(red.Text, "\n") != strings.Count(r.Text, "\n") {
				t.Errorf("redaction changed the number of lines")
			}
			if len(red.Skills) != len(r.Skills) || red.TotalMonths != r.TotalMonths {
				t.Errorf("redaction changed skills or months")
			}
			if len(red.OtherSkills) != len(r.OtherSkills) {
				t.Errorf("redaction changed other skills")
			}
			if name == "personal" && len(r.OtherSkills) != 2 {
				t.Errorf("other skills = %+v, want Menu costing and Escrow analysis, so that their evidence is tested", r.OtherSkills)
			}
			// the original is untouched
			if r.Contact.Name != c.Name || r.Contact.Email != c.Email || len(r.Skills) > 0 && r.Skills[0].Evidence[0].Text != red.Skills[0].Evidence[0].Text && strings.Contains(r.Skills[0].Evidence[0].Text, "[") {
				t.Errorf("Redact modified its argument")
			}
		})
	}
}
