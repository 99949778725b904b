package document

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
)

// fuzzLimits keeps each fuzz input cheap.
func fuzzLimits() Limits {
	lim := DefaultLimits()
	lim.MaxDecompressed = 4 << 20
	lim.MaxText = 256 << 10
	lim.MaxPages = 10
	return lim
}

// addSeeds adds the small fixtures matching patterns as seeds. Files the
// PDF reader itself cannot survive in process (they need the pool) are
// left out.
func addSeeds(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join(fixtures, p))
		for _, file := range files {
			if strings.Contains(file, "objstm-extends-loop") || strings.Contains(file, "predictor-columns") {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil || len(data) > 64<<10 {
				continue
			}
			f.Add(data)
		}
	}
}

// checkDecoded is what every decoder promises for any input: a categorised
// error, or valid UTF-8 text within the text cap.
func checkDecoded(t *testing.T, doc Document, err error, lim Limits) {
	if err != nil {
		if !errors.Is(err, engine.ErrUnreadable) && !errors.Is(err, engine.ErrTooLarge) && !errors.Is(err, engine.ErrUnsupportedFormat) {
			t.Fatalf("uncategorised error: %v", err)
		}
		return
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("text is not UTF-8")
	}
	if len(doc.Text) > lim.MaxText+lim.MaxText/2 {
		t.Fatalf("text is %d bytes, over the cap %d", len(doc.Text), lim.MaxText)
	}
}

func FuzzDecodePDF(f *testing.F) {
	addSeeds(f, "malformed/*.pdf", "libreoffice/*.pdf")
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits()
		doc, err := decodePDFSafe(data, lim)
		checkDecoded(t, doc, err, lim)
	})
}

// decodePDFSafe decodes as Decode does, but as a PDF whatever the bytes.
func decodePDFSafe(data []byte, lim Limits) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, engine.ErrUnreadable
		}
	}()
	return decodePDF(data, lim)
}

func FuzzDecodeDOCX(f *testing.F) {
	addSeeds(f, "docx-pandoc/*.docx", "docx-libreoffice/*.docx", "malformed/*.docx")
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits()
		doc, err := decodeDOCX(data, lim)
		checkDecoded(t, doc, err, lim)
	})
}

func FuzzDecodeHTML(f *testing.F) {
	addSeeds(f, "html-1col/*.html", "html-2col/*.html")
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits()
		doc, err := decodeHTML(data, lim)
		checkDecoded(t, doc, err, lim)
	})
}

func FuzzDecodeMarkdown(f *testing.F) {
	addSeeds(f, "markdown/*.md")
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits()
		doc, err := decodeMarkdown(data, lim)
		checkDecoded(t, doc, err, lim)
	})
}

func FuzzDecode(f *testing.F) {
	addSeeds(f, "markdown/*.md", "malformed/*.doc", "malformed/*.zip", "malformed/valid.pdf")
	f.Add([]byte("\xff\xfeJ\x00a\x00n\x00e\x00"))
	f.Add([]byte("Jos\xe9 M\xfcller \x96 \x80"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits()
		doc, err := Decode(data, lim)
		checkDecoded(t, doc, err, lim)
	})
}
