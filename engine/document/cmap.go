package document

import (
	"unicode/utf16"
)

// parseToUnicode reads the bfchar and bfrange entries of a ToUnicode CMap
// into code → text. Codes are the big-endian value of their bytes. It
// returns the lexer's complaint for a malformed stream.
func parseToUnicode(data []byte) (map[int]string, string) {
	m := map[int]string{}
	lx := lexer{src: data}
	var stack []operand
	for {
		op := lx.next(&stack)
		if lx.err != "" {
			return nil, lx.err
		}
		if op == opEnd {
			return m, ""
		}
		switch op {
		case opEndbfchar:
			for i := 0; i+1 < len(stack); i += 2 {
				if stack[i].kind == 's' && stack[i+1].kind == 's' {
					m[codeOf(stack[i].str)] = utf16BE(stack[i+1].str)
				}
			}
		case opEndbfrange:
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != 's' || hi.kind != 's' {
					continue
				}
				start, end := codeOf(lo.str), codeOf(hi.str)
				if end < start || end-start > 0xFFFF {
					continue
				}
				switch dst.kind {
				case 's':
					base := []rune(utf16BE(dst.str))
					if len(base) == 0 {
						continue
					}
					for c := start; c <= end; c++ {
						r := append([]rune(nil), base...)
						r[len(r)-1] += rune(c - start)
						m[c] = string(r)
					}
				case '[':
					for j, e := range dst.arr {
						if e.kind == 's' && start+j <= end {
							m[start+j] = utf16BE(e.str)
						}
					}
				}
			}
		}
		stack = stack[:0]
	}
}

func codeOf(s []byte) int {
	c := 0
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

// utf16BE decodes the UTF-16BE text of a CMap destination.
func utf16BE(s []byte) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
