package document

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
)

// DecodeFunc decodes the bytes of one document; filename only breaks the
// text/markdown tie. (*Pool).Decode is one.
type DecodeFunc func(ctx context.Context, data []byte, filename string) (Document, error)

// JobDescription returns the text of a job description as it was saved, for
// role parsing; every way into skillmatch (the API's text/plain body, the
// role and rank commands) reads a job description through it:
//
//   - UTF-8 text without a byte order mark comes back byte for byte (Format
//     "text"), so a role file that is not named .json or .yaml still parses
//     as written. Text is text whatever its first letters: "BMW Group is
//     hiring" is not a bitmap (see Sniff).
//   - Text with a byte order mark (UTF-8, UTF-16) or in Windows-1252 is
//     decoded to UTF-8 as Decode decodes text (Format "text").
//   - HTML, which cannot hang the decoder, is decoded in this process.
//   - PDF and DOCX are decoded by decode, normally a Pool's Decode so a
//     hostile file is read in a worker process. With decode nil they are
//     refused: the caller takes text only.
//
// filename may be empty; it is handed to decode and to Sniff.
//
// Errors wrap engine.ErrTooLarge (data over DefaultLimits' MaxBytes, or
// text over its MaxText), engine.ErrUnsupportedFormat (binary data, a format
// Sniff refuses such as RTF or an image, PDF or DOCX with decode nil, each
// named in the message), engine.ErrUnreadable (empty data, a document that
// cannot be read), or are decode's own.
func JobDescription(ctx context.Context, data []byte, filename string, decode DecodeFunc) (Document, error) {
	lim := DefaultLimits()
	if int64(len(data)) > lim.MaxBytes {
		return Document{}, fmt.Errorf("job description is %s, over the %s limit: %w", sizeString(int64(len(data))), sizeString(lim.MaxBytes), engine.ErrTooLarge)
	}
	format, err := Sniff(data, filename)
	if err != nil {
		return Document{}, fmt.Errorf("job description: %w", err)
	}
	var doc Document
	switch format {
	case FormatPDF, FormatDOCX:
		if decode == nil {
			return Document{}, fmt.Errorf("job description is a %s document: send its text: %w", format, engine.ErrUnsupportedFormat)
		}
		doc, err = decode(ctx, data, filename)
	case FormatHTML:
		doc, err = decodeNamed(data, filename, lim)
	default:
		if !hasUTF8BOM(data) && !hasUTF16BOM(data) && utf8.Valid(data) {
			if err := capText(len(data), lim); err != nil {
				return Document{}, fmt.Errorf("job description: %w", err)
			}
			return Document{Format: FormatText, Text: string(data)}, nil
		}
		doc, err = decodeText(data, lim)
		doc.Format = FormatText
	}
	if err != nil {
		return Document{}, fmt.Errorf("job description: %w", err)
	}
	return doc, nil
}
