package document

import (
	"context"
	"fmt"
	"strings"
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
// filename may be empty; it is handed to decode and to Sniff. charset is the
// charset the sender declared (an HTTP Content-Type parameter), "" when none
// is: UTF-16, UTF-16LE and UTF-16BE decode UTF-16 text that has no byte order
// mark (UTF-16 alone is big-endian, RFC 2781); a byte order mark in data wins
// over it. UTF-8, ASCII, Windows-1252 and Latin-1 change nothing (the bytes
// tell); any other charset is refused.
//
// Errors wrap engine.ErrTooLarge (data over DefaultLimits' MaxBytes, or
// text over its MaxText), engine.ErrUnsupportedFormat (a charset it does not
// read, binary data, a format Sniff refuses such as RTF or an image, PDF or
// DOCX with decode nil, each named in the message), engine.ErrUnreadable
// (empty data, a document that cannot be read), or are decode's own.
func JobDescription(ctx context.Context, data []byte, filename, charset string, decode DecodeFunc) (Document, error) {
	lim := DefaultLimits()
	if int64(len(data)) > lim.MaxBytes {
		return Document{}, fmt.Errorf("job description is %s, over the %s limit: %w", sizeString(int64(len(data))), sizeString(lim.MaxBytes), engine.ErrTooLarge)
	}
	isUTF16, bigEndian, err := declaredUTF16(charset)
	if err != nil {
		return Document{}, err
	}
	// decoded text is read as text is, never "as written"
	decoded := isUTF16 && !hasUTF8BOM(data) && !hasUTF16BOM(data)
	if decoded {
		data = []byte(utf16Text(data, bigEndian))
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
		if !decoded && !hasUTF8BOM(data) && !hasUTF16BOM(data) && utf8.Valid(data) {
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

// declaredUTF16 reads a declared charset (case does not matter): whether it
// is UTF-16 and in which byte order text without a byte order mark is.
// Charsets other than UTF-16 and those the bytes tell apart (UTF-8, ASCII,
// Windows-1252, Latin-1) wrap engine.ErrUnsupportedFormat.
func declaredUTF16(charset string) (isUTF16, bigEndian bool, err error) {
	switch strings.ToLower(charset) {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "windows-1252", "cp1252", "iso-8859-1", "latin1":
		return false, false, nil
	case "utf-16", "utf-16be":
		return true, true, nil
	case "utf-16le":
		return true, false, nil
	}
	return false, false, fmt.Errorf("job description in charset %q: send UTF-8, UTF-16 or Windows-1252 text: %w", charset, engine.ErrUnsupportedFormat)
}
