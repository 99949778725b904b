package document

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

func skillSet(text string) []string {
	seen := map[string]bool{}
	for _, m := range taxonomy.Default().Extract(text) {
		seen[m.SkillID] = true
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TestSameSkillsAcrossFormats: one resume as text, Markdown, HTML, DOCX and
// PDF from every producer gives the same skills.
func TestSameSkillsAcrossFormats(t *testing.T) {
	for _, name := range []string{"python-django-aws-senior", "java-backend", "frontend-react", "data-scientist"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../../testdata/resumes", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := skillSet(string(src))
			if len(want) < 5 {
				t.Fatalf("only %d skills in the text version", len(want))
			}
			for _, f := range []string{"markdown/%s.md", "html-1col/%s.html", "html-2col/%s.html", "docx-pandoc/%s.docx", "docx-libreoffice/%s.docx",
				"chromium-1col/%s.pdf", "chromium-2col/%s.pdf", "libreoffice/%s.pdf", "pdflatex/%s.pdf", "pdflib-glyphs/%s.pdf"} {
				f = strings.ReplaceAll(f, "%s", name)
				doc, err := decodeNamed(readFixture(t, f), f, DefaultLimits())
				if err != nil {
					t.Errorf("%s: %v", f, err)
					continue
				}
				if diff := cmp.Diff(want, skillSet(doc.Text)); diff != "" {
					t.Errorf("%s skills differ from the text version (-text +%s):\n%s", f, filepath.Dir(f), diff)
				}
			}
		})
	}
}

// TestSameSkillsPDFDOCXPairs runs the same check on third-party resumes
// published as both PDF and DOCX (../shared/data/resumes/pdf-docx-pairs).
func TestSameSkillsPDFDOCXPairs(t *testing.T) {
	pdfs, _ := filepath.Glob("../../../shared/data/resumes/pdf-docx-pairs/*.pdf")
	if len(pdfs) == 0 {
		t.Skip("../shared/data/resumes/pdf-docx-pairs is absent")
	}
	for _, p := range pdfs {
		t.Run(filepath.Base(p), func(t *testing.T) {
			d := strings.TrimSuffix(p, ".pdf") + ".docx"
			pdfData, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			docxData, err := os.ReadFile(d)
			if err != nil {
				t.Skipf("no DOCX twin: %v", err)
			}
			pdfDoc, err := Decode(pdfData, DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			docxDoc, err := Decode(docxData, DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(skillSet(docxDoc.Text), skillSet(pdfDoc.Text)); diff != "" {
				t.Errorf("skills differ (-docx +pdf):\n%s", diff)
			}
		})
	}
}
