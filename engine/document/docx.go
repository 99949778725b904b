package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/skillmatch/skillmatch/engine"
)

// docxBudget counts the bytes actually inflated from the archive, across
// entries, so a zip whose headers lie about sizes still stops at the cap.
type docxBudget struct {
	left int64
	lim  Limits
}

// read inflates one entry within the remaining budget.
func (b *docxBudget) read(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: entry %s: %v: %w", f.Name, err, engine.ErrUnreadable)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, b.left+1))
	b.left -= int64(len(data))
	if b.left < 0 {
		return nil, fmt.Errorf("docx: decompressed content exceeds the %s limit: %w", sizeString(b.lim.MaxDecompressed), engine.ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("docx: entry %s is corrupt: %v: %w", f.Name, err, engine.ErrUnreadable)
	}
	return data, nil
}

// decodeDOCX reads the main document, then headers and footers, of a
// WordprocessingML package: paragraphs, numbered and bulleted lists, tables
// (cells separated by tabs), text boxes (once, not their VML fallback
// copies) and hyperlinks. Deleted revisions and field codes are skipped.
func decodeDOCX(data []byte, lim Limits) (Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("docx: zip archive is corrupt or truncated: %w", engine.ErrUnreadable)
	}
	if len(zr.File) > lim.MaxZipEntries {
		return Document{}, fmt.Errorf("docx: archive has %d entries, over the %d limit: %w", len(zr.File), lim.MaxZipEntries, engine.ErrTooLarge)
	}
	budget := &docxBudget{left: lim.MaxDecompressed, lim: lim}
	var main *zip.File
	var extra []*zip.File
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			main = f
		case strings.HasPrefix(f.Name, "word/header") && strings.HasSuffix(f.Name, ".xml"),
			strings.HasPrefix(f.Name, "word/footer") && strings.HasSuffix(f.Name, ".xml"):
			extra = append(extra, f)
		}
	}
	if main == nil {
		return Document{}, fmt.Errorf("docx: word/document.xml is missing: %w", engine.ErrUnreadable)
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Name < extra[j].Name })
	var out strings.Builder
	for _, f := range append([]*zip.File{main}, extra...) {
		xmlData, err := budget.read(f)
		if err != nil {
			return Document{}, err
		}
		if err := wordText(&out, xmlData, lim); err != nil {
			return Document{}, err
		}
		out.WriteString("\n\n")
	}
	return Document{Text: normalizeText(out.String())}, nil
}

// wordText appends the text of one WordprocessingML part.
func wordText(out *strings.Builder, data []byte, lim Limits) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	depth := 0
	inText := false // inside w:t
	skip := 0       // depth inside skipped subtrees (fallbacks, deleted text, field codes)
	listItem := false
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("docx: malformed XML: %v: %w", err, engine.ErrUnreadable)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > lim.MaxXMLDepth {
				return fmt.Errorf("docx: XML nested deeper than %d: %w", lim.MaxXMLDepth, engine.ErrUnreadable)
			}
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "delText", "instrText", "del":
				skip = 1
			case "t":
				inText = t.Name.Space == "w" || t.Name.Space == ""
			case "tab", "ptab":
				if t.Name.Space == "w" {
					out.WriteByte('\t')
				}
			case "br", "cr":
				out.WriteByte('\n')
			case "p":
				listItem = false
			case "numPr":
				if !listItem {
					listItem = true
					out.WriteString("- ")
				}
			case "tc":
				out.WriteByte('\t')
			case "noBreakHyphen":
				out.WriteByte('-')
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				out.WriteByte('\n')
				listItem = false
			case "tr", "tbl":
				// a row's cells already ended their paragraphs
				if str := out.String(); str != "" && str[len(str)-1] != '\n' {
					out.WriteByte('\n')
				}
			}
		case xml.CharData:
			if inText && skip == 0 {
				out.Write(t)
				if out.Len() > lim.MaxText {
					return capText(out.Len(), lim)
				}
			}
		}
	}
}
