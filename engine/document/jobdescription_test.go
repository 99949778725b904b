package document

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

const jobText = "Senior Python Developer – Café Payments\n\nRequirements:\n- 5+ years of Python\n- Django or Flask\n"

// encodeUTF16 encodes s as UTF-16 with a byte order mark.
func encodeUTF16(s string, bigEndian bool) []byte {
	var out []byte
	for _, u := range append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestJobDescription: every way a job description is saved gives its text;
// UTF-8 text comes back byte for byte.
func TestJobDescription(t *testing.T) {
	pool, err := NewPool(PoolOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	readFixture := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(fixtures, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Documents must give what a resume upload of the same file gives.
	decoded := func(rel string) string {
		doc, err := decodeNamed(readFixture(rel), rel, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		return doc.Text
	}
	for _, tt := range []struct {
		name       string
		data       []byte
		decode     DecodeFunc
		wantFormat string
		wantText   string
	}{
		{"UTF-8 as written", []byte(jobText + "\n\n\n  trailing  \n"), nil, FormatText, jobText + "\n\n\n  trailing  \n"},
		{"UTF-8 Markdown as written", []byte("# Go Developer\n\n- **Go**\n"), nil, FormatText, "# Go Developer\n\n- **Go**\n"},
		{"role file as written", []byte("title: Go Developer\nrequired: [Go]\n"), nil, FormatText, "title: Go Developer\nrequired: [Go]\n"},
		{"text that starts like a bitmap", []byte("BMW Group: Python Developer\n"), nil, FormatText, "BMW Group: Python Developer\n"},
		{"text that starts like an executable", []byte("MZ Labs hires a Go developer\n"), nil, FormatText, "MZ Labs hires a Go developer\n"},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), jobText...), nil, FormatText, jobText},
		{"UTF-16LE with BOM", encodeUTF16(jobText, false), nil, FormatText, jobText},
		{"UTF-16BE with BOM", encodeUTF16(jobText, true), nil, FormatText, jobText},
		{"Windows-1252", []byte(strings.NewReplacer("–", "\x96", "é", "\xe9").Replace(jobText)), nil, FormatText, jobText},
		{"Windows-1252 that starts like a bitmap", []byte("BMW Caf\xe9\n"), nil, FormatText, "BMW Café\n"},
		{"HTML", []byte("<!DOCTYPE html><html><body><h1>Go Developer</h1><p>Go &amp; SQL</p></body></html>"), nil, FormatHTML, "Go Developer\n\nGo & SQL\n"},
		{"PDF by the decoder", readFixture("chromium-1col/java-backend.pdf"), pool.Decode, FormatPDF, decoded("chromium-1col/java-backend.pdf")},
		{"DOCX by the decoder", readFixture("docx-pandoc/java-backend.docx"), pool.Decode, FormatDOCX, decoded("docx-pandoc/java-backend.docx")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JobDescription(context.Background(), tt.data, "job.txt", "", tt.decode)
			wantDocument(t, got, err, tt.wantFormat, tt.wantText)
		})
	}
}

// wantDocument fails the test unless JobDescription gave a document of
// format with text.
func wantDocument(t *testing.T, got Document, err error, format, text string) {
	t.Helper()
	if err != nil {
		t.Fatalf("JobDescription = %v", err)
	}
	if got.Format != format {
		t.Errorf("JobDescription format = %q, want %q", got.Format, format)
	}
	if diff := cmp.Diff(text, got.Text); diff != "" {
		t.Errorf("JobDescription text (-want +got):\n%s", diff)
	}
}

// TestJobDescriptionCharset: a declared UTF-16 charset reads UTF-16 text
// that has no byte order mark in its byte order (UTF-16 alone big-endian); a
// mark in the text wins over it; the same text without a declared charset is
// no text; a charset JobDescription does not read is refused.
func TestJobDescriptionCharset(t *testing.T) {
	noBOM := func(s string, bigEndian bool) []byte { return encodeUTF16(s, bigEndian)[2:] }
	html := "<html><body><h1>Go Developer</h1><p>Go &amp; SQL</p></body></html>"
	for _, tt := range []struct {
		name, charset string
		data          []byte
		wantFormat    string
		wantText      string
	}{
		{"UTF-16LE without BOM", "UTF-16LE", noBOM(jobText, false), FormatText, jobText},
		{"UTF-16BE without BOM", "utf-16be", noBOM(jobText, true), FormatText, jobText},
		{"UTF-16 without BOM is big-endian", "utf-16", noBOM(jobText, true), FormatText, jobText},
		{"UTF-16LE with BOM", "utf-16le", encodeUTF16(jobText, false), FormatText, jobText},
		{"UTF-16BE with BOM", "UTF-16BE", encodeUTF16(jobText, true), FormatText, jobText},
		{"the BOM wins over the charset", "utf-16be", encodeUTF16(jobText, false), FormatText, jobText},
		{"UTF-8 BOM wins over the charset", "utf-16", append([]byte("\xef\xbb\xbf"), jobText...), FormatText, jobText},
		{"decoded text is normalised", "utf-16le", noBOM("Go Developer\r\n\r\n\r\n• Go\r\n", false), FormatText, "Go Developer\n\n- Go\n"},
		{"HTML in UTF-16 without BOM", "utf-16le", noBOM(html, false), FormatHTML, "Go Developer\n\nGo & SQL\n"},
		{"Windows-1252 declared", "Windows-1252", []byte("BMW Caf\xe9\n"), FormatText, "BMW Café\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JobDescription(context.Background(), tt.data, "job.txt", tt.charset, nil)
			wantDocument(t, got, err, tt.wantFormat, tt.wantText)
		})
	}
	if _, err := JobDescription(context.Background(), noBOM(jobText, false), "job.txt", "", nil); !errors.Is(err, engine.ErrUnsupportedFormat) {
		t.Errorf("UTF-16 without BOM or charset: err = %v, want %v", err, engine.ErrUnsupportedFormat)
	}
	_, err := JobDescription(context.Background(), []byte("Python\n"), "job.txt", "shift_jis", nil)
	if !errors.Is(err, engine.ErrUnsupportedFormat) || !strings.Contains(err.Error(), `charset "shift_jis"`) {
		t.Errorf("Shift_JIS: err = %v, want %v naming the charset", err, engine.ErrUnsupportedFormat)
	}
}

// TestJobDescriptionRefusals: what is no job description text is refused
// with the sentinel a caller maps to its answer, naming what it is.
func TestJobDescriptionRefusals(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join(fixtures, "chromium-1col/java-backend.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	failing := func(context.Context, []byte, string) (Document, error) {
		return Document{}, errors.New("worker crashed")
	}
	for _, tt := range []struct {
		name    string
		data    []byte
		decode  DecodeFunc
		want    error
		message string
	}{
		{"empty", nil, nil, engine.ErrUnreadable, "empty"},
		{"binary junk", []byte("Python\x00\x01\x02\x03\x00\x00\xff\xfe\x00"), nil, engine.ErrUnsupportedFormat, "binary data"},
		{"PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), nil, engine.ErrUnsupportedFormat, "PNG image"},
		{"real bitmap", []byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00"), nil, engine.ErrUnsupportedFormat, "BMP image"},
		{"RTF", []byte("{\\rtf1\\ansi Python Developer}"), nil, engine.ErrUnsupportedFormat, "RTF"},
		{"PDF without a decoder", pdf, nil, engine.ErrUnsupportedFormat, "pdf document: send its text"},
		{"too large", make([]byte, DefaultLimits().MaxBytes+1), nil, engine.ErrTooLarge, "over the 20.0 MiB limit"},
		{"text over the text cap", []byte(strings.Repeat("python ", DefaultLimits().MaxText/7+1)), nil, engine.ErrTooLarge, "extracted text exceeds"},
		{"UTF-16 over the text cap", encodeUTF16(strings.Repeat("python ", DefaultLimits().MaxText/7+1), false), nil, engine.ErrTooLarge, "extracted text exceeds"},
		{"decoder error", pdf, failing, nil, "worker crashed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JobDescription(context.Background(), tt.data, "job.txt", "", tt.decode)
			if err == nil {
				t.Fatalf("JobDescription = %+v, want an error", got)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("JobDescription error = %v, want one wrapping %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("JobDescription error = %v, want it to say %q", err, tt.message)
			}
		})
	}
}

// FuzzJobDescription: any bytes give UTF-8 text of a format the caller
// takes, or an error wrapping one of the documented sentinels; never a
// panic. Seeded from the team's job descriptions in testdata/jobs.
func FuzzJobDescription(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/jobs/*.txt")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(jobText))
	f.Add(encodeUTF16(jobText, true))
	f.Add([]byte("BM<html><p>Go</p>"))
	f.Add([]byte("{\\rtf1 Go}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := JobDescription(context.Background(), data, "job.txt", "", nil)
		if err != nil {
			if !errors.Is(err, engine.ErrUnsupportedFormat) && !errors.Is(err, engine.ErrUnreadable) && !errors.Is(err, engine.ErrTooLarge) {
				t.Fatalf("JobDescription error %v wraps none of the sentinels", err)
			}
			return
		}
		if doc.Format != FormatText && doc.Format != FormatHTML {
			t.Fatalf("JobDescription format %q without a decoder", doc.Format)
		}
		if !utf8.ValidString(doc.Text) {
			t.Fatalf("JobDescription text is not UTF-8: %q", doc.Text)
		}
	})
}
