package document

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText reads plain text: UTF-8 (with or without BOM), UTF-16 with a
// BOM, or else Windows-1252/Latin-1.
func decodeText(data []byte, lim Limits) (Document, error) {
	s := bytesToString(data)
	if err := capText(len(s), lim); err != nil {
		return Document{}, err
	}
	return Document{Text: normalizeText(s)}, nil
}

// hasUTF16BOM reports whether data starts with a UTF-16 byte order mark
// (little or big endian).
func hasUTF16BOM(data []byte) bool {
	return len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF)
}

// hasUTF8BOM reports whether data starts with a UTF-8 byte order mark.
func hasUTF8BOM(data []byte) bool {
	return len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF
}

// bytesToString decodes text bytes by BOM, then UTF-8, then Windows-1252.
func bytesToString(data []byte) string {
	switch {
	case hasUTF16BOM(data):
		return decodeUTF16(data)
	case hasUTF8BOM(data):
		return validUTF8(string(data[3:]))
	case utf8.Valid(data):
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		if c >= 0x80 && c < 0xA0 && cp1252[c-0x80] != 0 {
			b.WriteRune(cp1252[c-0x80])
			continue
		}
		b.WriteRune(rune(c))
	}
	return b.String()
}

// cp1252 maps 0x80–0x9F of Windows-1252, which Latin-1 leaves as controls.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// decodeUTF16 decodes UTF-16 text that starts with a byte order mark.
func decodeUTF16(data []byte) string { return utf16Text(data[2:], data[0] == 0xFE) }

// utf16Text decodes UTF-16 text in the given byte order, without a byte
// order mark; a last odd byte is dropped.
func utf16Text(data []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if bigEndian {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}

// bulletRunes are the glyphs resumes use as list bullets. normalizeText
// rewrites them to "- " at the start of a line.
var bulletRunes = map[rune]bool{
	'•': true, '●': true, '◦': true, '▪': true, '▫': true, '■': true, '□': true,
	'◆': true, '◇': true, '►': true, '▶': true, '➢': true, '➤': true, '✓': true,
	'✔': true, '❖': true, '∙': true, '·': true, '‣': true, '⁃': true, '○': true,
	'\uf0b7': true, '\uf0a7': true, '\uf076': true, '\uf0d8': true, '\uf0fc': true,
	'*': true, '–': true, '—': true, '-': true, '+': true,
}

// ligatures expands presentation forms that fonts use for "fi", "fl"…
var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st",
)

// normalizeText is applied to every decoder's output: line endings, odd
// spaces and zero-width characters, ligatures, bullets, trailing spaces,
// runs of blank lines.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\xef\xac") { // the UTF-8 lead of U+FB00–U+FB06
		s = ligatures.Replace(s)
	}
	var out strings.Builder
	out.Grow(len(s))
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		line = cleanLine(line)
		if line == "" {
			blank++
			continue
		}
		if out.Len() > 0 {
			if blank > 0 {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		blank = 0
		out.WriteString(line)
	}
	if out.Len() > 0 {
		out.WriteByte('\n')
	}
	return out.String()
}

// cleanLine maps odd spaces to ' ', drops control and zero-width
// characters, trims, and rewrites a leading bullet glyph to "- ".
func cleanLine(line string) string {
	clean := true
	for _, r := range line {
		if r < ' ' && r != '\t' || r == '\u00A0' || r == '\u200B' || r == '\u00AD' || r == '\uFEFF' || r == '\u200C' || r == '\u200D' || (r >= '\u2000' && r <= '\u200A') || r == '\u202F' || r == '\u3000' || r == utf8.RuneError || r == '\uFFFE' {
			clean = false
			break
		}
	}
	if !clean {
		line = strings.Map(func(r rune) rune {
			switch {
			case r == '\u00A0' || r == '\u202F' || r == '\u3000' || (r >= '\u2000' && r <= '\u200A'):
				return ' '
			case r == '\u200B' || r == '\u00AD' || r == '\uFEFF' || r == '\u200C' || r == '\u200D' || r == '\uFFFE':
				return -1
			case r < ' ' && r != '\t':
				return -1
			}
			return r
		}, line)
	}
	line = strings.TrimRightFunc(line, unicode.IsSpace)
	trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
	if r, size := utf8.DecodeRuneInString(trimmed); bulletRunes[r] {
		rest := trimmed[size:]
		if rest == "" {
			return ""
		}
		// "-" "+" "*" and dashes count as bullets only when a space follows,
		// so "-5%" or "+44 20…" stay as written.
		if rest[0] == ' ' || rest[0] == '\t' || !strings.ContainsRune("*-+–—", r) {
			return "- " + strings.TrimLeftFunc(rest, unicode.IsSpace)
		}
	}
	return trimmed
}
