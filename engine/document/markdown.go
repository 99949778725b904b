package document

import (
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdRefDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s+\S+`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmph     = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
	mdHeadLine = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdRule     = regexp.MustCompile(`^\s{0,3}([-*_]\s*){3,}$`)
	mdSetext   = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	mdEscape   = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|])`)
	mdTableSep = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
)

// decodeMarkdown strips Markdown syntax and keeps the words: headings,
// emphasis, links (their text), images (their alt text), code, tables (cells
// separated by tabs), block quotes and rules.
func decodeMarkdown(data []byte, lim Limits) (Document, error) {
	s := bytesToString(data)
	if err := capText(len(s), lim); err != nil {
		return Document{}, err
	}
	var out strings.Builder
	out.Grow(len(s))
	inFence := false
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			out.WriteString(line)
			out.WriteByte('\n')
			continue
		}
		switch {
		case mdRule.MatchString(line) && !strings.HasPrefix(trimmed, "- ") || mdSetext.MatchString(line) && trimmed != "-":
			out.WriteByte('\n')
			continue
		case mdRefDef.MatchString(line), mdTableSep.MatchString(line) && strings.Contains(line, "-"):
			continue
		}
		line = mdHeadLine.ReplaceAllString(line, "")
		for strings.HasPrefix(strings.TrimSpace(line), ">") {
			line = strings.TrimPrefix(strings.TrimSpace(line), ">")
		}
		if strings.HasPrefix(trimmed, "|") || strings.Count(line, "|") >= 2 {
			cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			line = strings.Join(cells, "\t")
		}
		line = mdImage.ReplaceAllString(line, "$1")
		line = mdLink.ReplaceAllString(line, "$1")
		line = mdRefLink.ReplaceAllString(line, "$1")
		line = mdCode.ReplaceAllString(line, "$1")
		line = mdStrong.ReplaceAllString(line, "$2")
		line = mdEmph.ReplaceAllString(line, "$1$2$3")
		line = mdEscape.ReplaceAllString(line, "$1")
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return Document{Text: normalizeText(out.String())}, nil
}
