package document

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skippedHTML are elements whose content is never resume text.
var skippedHTML = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true,
}

// blockHTML are elements that start and end a line.
var blockHTML = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Tr: true, atom.Ul: true, atom.Body: true, atom.Html: true, atom.Caption: true,
	atom.Summary: true, atom.Details: true, atom.Title: true,
}

// decodeHTML keeps the visible text of an HTML page: scripts, styles and
// the head are dropped, block elements become lines, list items get a
// bullet, table cells are separated by tabs and <pre> keeps its spacing.
func decodeHTML(data []byte, lim Limits) (Document, error) {
	src := bytesToString(data)
	z := html.NewTokenizer(strings.NewReader(src))
	var out bytes.Buffer
	skip := 0 // depth inside skipped elements
	pre := 0
	pendingSpace := false
	newline := func() {
		pendingSpace = false
		if out.Len() > 0 && out.Bytes()[out.Len()-1] != '\n' {
			out.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := capText(out.Len(), lim); err != nil {
				return Document{}, err
			}
			return Document{Text: normalizeText(out.String())}, nil
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skippedHTML[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case a == atom.Br:
				out.WriteByte('\n')
				pendingSpace = false
			case a == atom.Td || a == atom.Th:
				if tt == html.StartTagToken {
					if b := out.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
						out.WriteByte('\t')
					}
					pendingSpace = false
				}
			case a == atom.Pre:
				newline()
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			case a == atom.Li && tt == html.StartTagToken:
				newline()
				out.WriteString("- ")
			case blockHTML[a]:
				newline()
				if tt == html.EndTagToken && (a == atom.P || a == atom.Ul || a == atom.Ol || a == atom.Table || a == atom.Section || a >= atom.H1 && a <= atom.H6) {
					out.WriteByte('\n')
				}
			case a == atom.Img && tt != html.EndTagToken:
				for {
					k, v, more := z.TagAttr()
					if string(k) == "alt" && len(bytes.TrimSpace(v)) > 0 {
						out.Write(bytes.TrimSpace(v))
						pendingSpace = true
					}
					if !more {
						break
					}
				}
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := z.Text()
			if pre > 0 {
				out.Write(text)
				continue
			}
			writeCollapsed(&out, text, &pendingSpace)
			if out.Len() > lim.MaxText {
				return Document{}, capText(out.Len(), lim)
			}
		}
	}
}

// writeCollapsed appends text with HTML whitespace collapsing; pendingSpace
// carries a space seen at the end of the previous text node.
func writeCollapsed(out *bytes.Buffer, text []byte, pendingSpace *bool) {
	if len(text) == 0 {
		return
	}
	leading := isHTMLSpace(rune(text[0]))
	fields := bytes.FieldsFunc(text, isHTMLSpace)
	for i, f := range fields {
		if i > 0 || leading || *pendingSpace {
			if b := out.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' && b[len(b)-1] != ' ' && b[len(b)-1] != '\t' {
				out.WriteByte(' ')
			}
		}
		out.Write(f)
	}
	trailing := isHTMLSpace(rune(text[len(text)-1]))
	*pendingSpace = trailing || len(fields) == 0 && (leading || *pendingSpace)
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
