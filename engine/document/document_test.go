package document

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/documents/golden")

const fixtures = "../../testdata/documents"

// TestMain lets the test binary serve as the pool's worker process. With
// SKILLMATCH_TEST_WORKER_CPUPROFILE=FILE a worker writes its CPU profile
// there when its pool closes (for BenchmarkPoolLivecareer).
func TestMain(m *testing.M) {
	if IsWorker() {
		if path := os.Getenv("SKILLMATCH_TEST_WORKER_CPUPROFILE"); path != "" {
			if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
				code := ServeWorker()
				pprof.StopCPUProfile()
				f.Close()
				os.Exit(code)
			}
		}
		os.Exit(ServeWorker())
	}
	os.Exit(m.Run())
}

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, path))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		filename string
		want     string
		wantErr  error
	}{
		{"pdf", "%PDF-1.7\n...", "", FormatPDF, nil},
		{"pdf after junk", "\r\n  %PDF-1.4\n", "", FormatPDF, nil},
		{"pdf named .txt", "%PDF-1.4\n", "cv.txt", FormatPDF, nil},
		{"html doctype", "<!DOCTYPE html><html><body>x</body></html>", "", FormatHTML, nil},
		{"html fragment", "\n<div><p>Go developer</p></div>", "cv.txt", FormatHTML, nil},
		{"text", "Jane Doe\nPython developer\n", "", FormatText, nil},
		{"markdown by content", "# Jane Doe\n\n- **Python** developer\n- [site](https://x)\n", "", FormatMarkdown, nil},
		{"markdown by name", "Jane Doe\n\nPython\n", "cv.md", FormatMarkdown, nil},
		{"markdown-looking .txt stays text", "# Jane Doe\n\n- **Python**\n- [a](b)\n", "cv.txt", FormatText, nil},
		{"utf-16 text", "\xff\xfeJ\x00a\x00n\x00e\x00", "", FormatText, nil},
		{"legacy doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "cv.doc", "", engine.ErrUnsupportedFormat},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", "cv.pdf", "", engine.ErrUnsupportedFormat},
		{"jpeg", "\xFF\xD8\xFF\xE0\x00\x10JFIF", "", "", engine.ErrUnsupportedFormat},
		{"rtf", "{\\rtf1\\ansi Jane}", "", "", engine.ErrUnsupportedFormat},
		{"binary", "\x01\x02\x00\x03\x04", "", "", engine.ErrUnsupportedFormat},
		{"text starting like a bitmap", "BMW Group\nMechanical engineer\n", "cv.txt", FormatText, nil},
		{"text starting like an executable", "MZ Labs, Berlin\nGo developer\n", "", FormatText, nil},
		{"bitmap", "BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "cv.txt", "", engine.ErrUnsupportedFormat},
		{"executable", "MZ\x90\x00\x03\x00\x00\x00\x04\x00", "", "", engine.ErrUnsupportedFormat},
		{"empty", "", "", "", engine.ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.data), tt.filename)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Sniff(%q) error = %v, want %v", tt.data, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Sniff(%q) = %q, want %q", tt.data, got, tt.want)
			}
		})
	}
}

func TestSniffNamesTheFormat(t *testing.T) {
	for file, name := range map[string]string{
		"malformed/legacy.doc":   "legacy Word .doc",
		"malformed/not-docx.zip": "zip archive that is not a DOCX",
	} {
		_, err := Sniff(readFixture(t, file), file)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("Sniff(%s) error = %v, want it to name %q", file, err, name)
		}
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"utf-8 with bom and crlf", "\xef\xbb\xbfJane Doe\r\nGo developer\r\n", "Jane Doe\nGo developer\n"},
		{"utf-16le", "\xff\xfeG\x00o\x00 \x00\xe9\x00", "Go é\n"},
		{"utf-16be", "\xfe\xff\x00G\x00o", "Go\n"},
		{"latin-1 fallback", "Jos\xe9 M\xfcller \x96 \x80 5", "José Müller – € 5\n"},
		{"bullets normalised", "\u2022 Python\n\u25aa Django\n* SQL\n-5% cost\n", "- Python\n- Django\n- SQL\n-5% cost\n"},
		{"ligatures and odd spaces", "\ufb01nance\u00a0of\ufb02ow", "finance offlow\n"},
		{"blank lines collapse", "a\n\n\n\nb\n", "a\n\nb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode([]byte(tt.data), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc.Text); diff != "" {
				t.Errorf("Decode(%q) text mismatch (-want +got):\n%s", tt.data, diff)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	src := `<!doctype html><html><head><title>CV</title><style>p{color:red}</style>
<script>var secret = "not text";</script></head><body>
<h1>Jane   Doe</h1><p>Senior <b>Go</b> developer,<br>London</p>
<ul><li>Python &amp; Django</li><li>AWS</li></ul>
<table><tr><td>Docker</td><td>5 years</td></tr></table>
<pre>  keep   spacing</pre></body></html>`
	doc, err := Decode([]byte(src), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "Jane Doe\n\nSenior Go developer,\nLondon\n\n- Python & Django\n- AWS\n\nDocker\t5 years\n\nkeep   spacing\n"
	if diff := cmp.Diff(want, doc.Text); diff != "" {
		t.Errorf("HTML text mismatch (-want +got):\n%s", diff)
	}
	if doc.Format != FormatHTML {
		t.Errorf("Format = %q, want html", doc.Format)
	}
}

func TestDecodeMarkdown(t *testing.T) {
	src := "# Jane Doe\n\n**Senior** _Go_ developer, see [my site](https://example.com)\n\n" +
		"## Skills\n\n- `Python`, Django\n- C\\# and C++\n\n| Skill | Years |\n|---|---|\n| Docker | 5 |\n\n---\n> quoted\n"
	doc, err := decodeNamed([]byte(src), "cv.md", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "Jane Doe\n\nSenior Go developer, see my site\n\nSkills\n\n- Python, Django\n- C# and C++\n\nSkill\tYears\nDocker\t5\n\nquoted\n"
	if diff := cmp.Diff(want, doc.Text); diff != "" {
		t.Errorf("Markdown text mismatch (-want +got):\n%s", diff)
	}
}

// TestGolden decodes every fixture produced by make.sh and compares the
// text with a reviewed golden file (go test -update rewrites them).
func TestGolden(t *testing.T) {
	var files []string
	for _, dir := range []string{"chromium-1col", "chromium-2col", "libreoffice", "pdflatex", "pdflib-glyphs", "docx-pandoc", "docx-libreoffice", "html-1col", "html-2col", "markdown"} {
		m, _ := filepath.Glob(filepath.Join(fixtures, dir, "*"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures; run testdata/documents/make.sh")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(fixtures, f)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := decodeNamed(data, f, DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(fixtures, "golden", strings.ReplaceAll(rel, "/", "--")+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(doc.Text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), doc.Text); diff != "" {
				t.Errorf("%s text differs from %s (-want +got):\n%s", rel, golden, diff)
			}
		})
	}
}

// TestPDFLayout checks the properties the layout exists for on real
// producers' output.
func TestPDFLayout(t *testing.T) {
	decode := func(path string) string {
		doc, err := Decode(readFixture(t, path), DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return doc.Text
	}
	t.Run("LaTeX words are not glued", func(t *testing.T) {
		text := decode("pdflatex/java-backend.pdf")
		for _, want := range []string{"Design and build microservices in Java 17 and Spring Boot", "Apache Kafka, PostgreSQL,"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdflatex text lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("sidebar is read as its own column", func(t *testing.T) {
		text := decode("chromium-2col/python-django-aws-senior.pdf")
		for _, want := range []string{
			"\nLanguages: Python, SQL, JavaScript, Bash\nFrameworks: Django, Django REST Framework, Celery\n",
			"\nSenior backend engineer with 9 years of experience building Python web services.\n",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("two-column text lacks the line %q (columns interleaved?):\n%s", want, text)
			}
		}
	})
	t.Run("bullets drawn as graphics", func(t *testing.T) {
		text := decode("chromium-1col/python-django-aws-senior.pdf")
		for _, want := range []string{
			"\n- Lead a team of five building the shipment tracking platform in Python 3 and Django, serving 40 million API requests a day.\n- Designed RESTful APIs",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("text lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("page count", func(t *testing.T) {
		doc, err := Decode(readFixture(t, "libreoffice/python-django-aws-senior.pdf"), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if doc.Pages < 1 || doc.Format != FormatPDF {
			t.Errorf("Pages = %d, Format = %q; want ≥1, pdf", doc.Pages, doc.Format)
		}
	})
}

func TestPDFDamagedEnd(t *testing.T) {
	valid := readFixture(t, "malformed/valid.pdf")
	end := bytes.LastIndex(valid, []byte("%%EOF"))
	tests := map[string][]byte{
		"junk after %%EOF": append(append([]byte(nil), valid...), bytes.Repeat([]byte("\x00junk"), 100)...),
		"no %%EOF":         valid[:end],
	}
	for name, data := range tests {
		doc, err := Decode(data, DefaultLimits())
		if err != nil || !strings.Contains(doc.Text, "Python and Django developer") {
			t.Errorf("%s: Decode = %q, %v; want the page text", name, doc.Text, err)
		}
	}
}

func TestDecodeDOCX(t *testing.T) {
	doc, err := Decode(readFixture(t, "docx-pandoc/java-backend.docx"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- Design and build microservices in Java 17", "Skills\n"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("DOCX text lacks %q:\n%s", want, doc.Text)
		}
	}
	if doc.Format != FormatDOCX {
		t.Errorf("Format = %q, want docx", doc.Format)
	}
}

func TestLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxBytes = 10
	if _, err := Decode([]byte("more than ten bytes"), lim); !errors.Is(err, engine.ErrTooLarge) {
		t.Errorf("over MaxBytes: err = %v, want ErrTooLarge", err)
	}
	lim = DefaultLimits()
	lim.MaxText = 5
	if _, err := Decode([]byte("more than five bytes of text"), lim); !errors.Is(err, engine.ErrTooLarge) {
		t.Errorf("over MaxText: err = %v, want ErrTooLarge", err)
	}
	lim = DefaultLimits()
	lim.MaxPages = 1
	data := readFixture(t, "pdflatex/python-django-aws-senior.pdf")
	if doc, err := Decode(data, DefaultLimits()); err != nil || doc.Pages < 2 {
		t.Skipf("fixture has %d pages (%v); need 2", doc.Pages, err)
	}
	if _, err := Decode(data, lim); !errors.Is(err, engine.ErrTooLarge) || !strings.Contains(err.Error(), "pages") {
		t.Errorf("over MaxPages: err = %v, want ErrTooLarge naming pages", err)
	}
}
