package document

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// magic is one binary signature of a format skillmatch does not read.
type magic struct {
	prefix string
	name   string
	// short marks a signature of two letters that text can start with
	// ("BMW Group…", "MZ Labs…"): it names the format only when the data is
	// not text (real bitmaps and executables have NUL bytes near the start).
	short bool
}

var unsupportedMagic = []magic{
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "legacy Word .doc (OLE2)", false},
	{"{\\rtf", "RTF", false},
	{"\x89PNG\r\n\x1a\n", "PNG image", false},
	{"\xFF\xD8\xFF", "JPEG image", false},
	{"GIF87a", "GIF image", false},
	{"GIF89a", "GIF image", false},
	{"II*\x00", "TIFF image", false},
	{"MM\x00*", "TIFF image", false},
	{"BM", "BMP image", true},
	{"\x1F\x8B", "gzip archive", false},
	{"7z\xBC\xAF\x27\x1C", "7-Zip archive", false},
	{"Rar!\x1A\x07", "RAR archive", false},
	{"%!PS", "PostScript", false},
	{"\x7FELF", "executable", false},
	{"MZ", "executable", true},
}

// Sniff returns the format of data: "pdf", "docx", "html", "markdown" or
// "text". It decides from the bytes; filename (may be empty) only breaks the
// tie between text and markdown. Recognised but unsupported formats (legacy
// .doc, RTF, images, archives, other Office files) and binary data give an
// error wrapping engine.ErrUnsupportedFormat that names the format.
func Sniff(data []byte, filename string) (string, error) {
	if len(data) == 0 {
		return "", fmt.Errorf("empty file: %w", engine.ErrUnreadable)
	}
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF, nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return sniffZip(data)
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return "", unsupported("WebP image")
	}
	text, ok := sniffText(data)
	for _, m := range unsupportedMagic {
		if bytes.HasPrefix(data, []byte(m.prefix)) && !(m.short && ok) {
			return "", unsupported(m.name)
		}
	}
	if !ok {
		return "", unsupported("binary data")
	}
	if looksHTML(text) {
		return FormatHTML, nil
	}
	switch strings.ToLower(path.Ext(filename)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown, nil
	case ".txt", ".text":
		return FormatText, nil
	}
	if looksMarkdown(text) {
		return FormatMarkdown, nil
	}
	return FormatText, nil
}

func unsupported(name string) error {
	return fmt.Errorf("%s: not a supported resume format; send PDF, DOCX, HTML, Markdown or text: %w", name, engine.ErrUnsupportedFormat)
}

// sniffZip tells a DOCX from other zip-based files by its entries.
func sniffZip(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("zip archive is corrupt or truncated: %w", engine.ErrUnreadable)
	}
	var names []string
	for i, f := range zr.File {
		if i > 4096 {
			break
		}
		names = append(names, f.Name)
		if f.Name == "word/document.xml" {
			return FormatDOCX, nil
		}
	}
	for _, n := range names {
		switch {
		case strings.HasPrefix(n, "xl/"):
			return "", unsupported("Excel workbook (XLSX)")
		case strings.HasPrefix(n, "ppt/"):
			return "", unsupported("PowerPoint presentation (PPTX)")
		case n == "mimetype" || n == "content.xml":
			return "", unsupported("OpenDocument file")
		}
	}
	return "", unsupported("zip archive that is not a DOCX")
}

// sniffText reports whether data reads as text (UTF-8, UTF-16 with a BOM or
// Latin-1 without control bytes) and returns a decoded prefix.
func sniffText(data []byte) (string, bool) {
	head := data[:min(len(data), 8192)]
	if hasUTF16BOM(head) {
		return decodeUTF16(head), true
	}
	controls := 0
	for _, b := range head {
		if b == 0 {
			return "", false
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			controls++
		}
	}
	if controls*100 > len(head) {
		return "", false
	}
	return string(head), true
}

var htmlStart = regexp.MustCompile(`(?i)^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|h1|table)\b`)

func looksHTML(s string) bool {
	s = strings.TrimPrefix(s, "\uFEFF")
	return htmlStart.MatchString(s)
}

var mdSignals = regexp.MustCompile(`(?m)^(#{1,6} \S|\s*[-*+] \S.*|\s*\d+\. \S.*|.*\*\*\S.*\*\*.*|.*\[[^\]]+\]\([^)]+\).*|` + "```" + `.*)$`)

var mdHeading = regexp.MustCompile(`(?m)^#{1,6} \S`)

// looksMarkdown wants headings written with # and at least one more
// Markdown construct, so a plain resume with dashes stays text.
func looksMarkdown(s string) bool {
	if !mdHeading.MatchString(s) {
		return false
	}
	return len(mdSignals.FindAllStringIndex(s, 3)) >= 2
}
