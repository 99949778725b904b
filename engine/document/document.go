// Package document owns turning the bytes of an uploaded resume into the
// plain text the engine reads: format sniffing, one decoder per format (PDF,
// DOCX, HTML, Markdown, plain text), the caps that keep a hostile document
// from exhausting the machine, and the worker pool that runs the risky
// decoders (PDF, DOCX) in a child process with a deadline and a memory limit.
//
// Decoders are pure functions of their input bytes. The package uses the
// standard library, github.com/ledongthuc/pdf (as a PDF object and stream
// reader only; the text layout is ours) and golang.org/x/net/html. It must not
// import gin, bleve, database/sql, net/http nor any index, api or cmd package.
package document

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
)

// Formats returned by Sniff and stored in Document.Format.
const (
	FormatPDF      = "pdf"
	FormatDOCX     = "docx"
	FormatHTML     = "html"
	FormatMarkdown = "markdown"
	FormatText     = "text"
)

// Document is the text of one decoded document.
type Document struct {
	Format string // pdf, docx, html, markdown or text
	Text   string // lines separated by "\n", paragraphs by a blank line
	Pages  int    // PDF pages read; 0 for formats without pages
}

// Limits caps what one document may cost. A zero field means "no cap" only
// where stated; use DefaultLimits and override what you need.
type Limits struct {
	MaxBytes        int64 // size of the uploaded file
	MaxPages        int   // PDF pages
	MaxDecompressed int64 // bytes inflated from PDF streams or DOCX zip entries
	MaxText         int   // bytes of extracted text
	MaxZipEntries   int   // entries in a DOCX archive
	MaxXMLDepth     int   // element nesting in DOCX XML
}

// DefaultLimits returns the caps used when nothing else is configured:
// 20 MiB uploads, 50 pages, 100 MiB decompressed, 2 MiB of text, 1,000 zip
// entries and XML nested 256 deep.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:        20 << 20,
		MaxPages:        50,
		MaxDecompressed: 100 << 20,
		MaxText:         2 << 20,
		MaxZipEntries:   1000,
		MaxXMLDepth:     256,
	}
}

// withDefaults fills zero fields from DefaultLimits, so a partly filled
// Limits never means "unlimited" by accident.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.MaxDecompressed <= 0 {
		l.MaxDecompressed = d.MaxDecompressed
	}
	if l.MaxText <= 0 {
		l.MaxText = d.MaxText
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = d.MaxZipEntries
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = d.MaxXMLDepth
	}
	return l
}

// ErrNoTextLayer is returned (wrapped, and wrapping engine.ErrUnreadable) for
// a PDF whose pages carry no text, typically a scan.
var ErrNoTextLayer = fmt.Errorf("no text layer; scanned PDFs are not supported: %w", engine.ErrUnreadable)

// ErrGarbage is returned (wrapping engine.ErrUnreadable) when the extracted
// text is mostly not words: fonts without a usable Unicode mapping.
var ErrGarbage = fmt.Errorf("text decodes to garbage (fonts without a Unicode mapping): %w", engine.ErrUnreadable)

// Decode sniffs the format of data and decodes it in this process.
//
// Errors wrap engine.ErrUnsupportedFormat (a format skillmatch does not
// read, named in the message), engine.ErrTooLarge (a cap in lim was hit,
// named in the message) or engine.ErrUnreadable (corrupt or truncated data,
// no text layer, garbage text, a decoder panic). Decode recovers panics, but
// some malformed PDFs can still hang or exhaust memory: servers decode PDF and
// DOCX through a Pool instead.
func Decode(data []byte, lim Limits) (Document, error) {
	return decodeNamed(data, "", lim)
}

func decodeNamed(data []byte, filename string, lim Limits) (doc Document, err error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return Document{}, fmt.Errorf("file is %s, over the %s limit: %w", sizeString(int64(len(data))), sizeString(lim.MaxBytes), engine.ErrTooLarge)
	}
	format, err := Sniff(data, filename)
	if err != nil {
		return Document{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			doc = Document{}
			err = fmt.Errorf("%s: decoder failed on malformed input: %w", format, engine.ErrUnreadable)
		}
	}()
	switch format {
	case FormatPDF:
		doc, err = decodePDF(data, lim)
	case FormatDOCX:
		doc, err = decodeDOCX(data, lim)
	case FormatHTML:
		doc, err = decodeHTML(data, lim)
	case FormatMarkdown:
		doc, err = decodeMarkdown(data, lim)
	default:
		doc, err = decodeText(data, lim)
	}
	if err != nil {
		return Document{}, err
	}
	doc.Format = format
	if strings.TrimSpace(doc.Text) == "" && format != FormatPDF {
		return Document{}, fmt.Errorf("%s: document has no text: %w", format, engine.ErrUnreadable)
	}
	return doc, nil
}

// capText returns an error once text exceeds the text cap.
func capText(n int, lim Limits) error {
	if n > lim.MaxText {
		return fmt.Errorf("extracted text exceeds the %s limit: %w", sizeString(int64(lim.MaxText)), engine.ErrTooLarge)
	}
	return nil
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// errorKind names the sentinel an error wraps, for the worker protocol.
func errorKind(err error) string {
	switch {
	case errors.Is(err, engine.ErrUnsupportedFormat):
		return "unsupported"
	case errors.Is(err, engine.ErrTooLarge):
		return "too_large"
	default:
		return "unreadable"
	}
}

func kindSentinel(kind string) error {
	switch kind {
	case "unsupported":
		return engine.ErrUnsupportedFormat
	case "too_large":
		return engine.ErrTooLarge
	}
	return engine.ErrUnreadable
}

// validUTF8 replaces invalid sequences so every Document.Text is UTF-8.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
