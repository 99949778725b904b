package document

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lexed renders what the lexer reads: one line per operator with its
// operands, then the error if any.
func lexed(src string) string {
	lx := lexer{src: []byte(src)}
	var b strings.Builder
	var stack []operand
	for {
		op := lx.next(&stack)
		if op == opEnd {
			break
		}
		for _, v := range stack {
			b.WriteString(operandString(v) + " ")
		}
		b.WriteString(opName(op) + "\n")
		stack = stack[:0]
	}
	if lx.err != "" {
		b.WriteString("error: " + lx.err + "\n")
	}
	return b.String()
}

// opName names op for test output.
func opName(op opcode) string {
	for _, name := range []string{"Td", "Tj", "TJ", "Tf", "\"", "BT"} {
		if lookupOp([]byte(name)) == op {
			return name
		}
	}
	if op == opOther {
		return "other"
	}
	return fmt.Sprintf("op%d", op)
}

func operandString(v operand) string {
	switch v.kind {
	case 'n':
		return fmt.Sprint(v.num)
	case 's':
		return fmt.Sprintf("(%q)", v.str)
	case '/':
		return "/" + string(v.str)
	case '[':
		var parts []string
		for _, e := range v.arr {
			parts = append(parts, operandString(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "o"
}

func TestLexer(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"numbers and operator", "1 -2.5 +.5 3. Td", "1 -2.5 0.5 3 Td\n"},
		{"hex and literal strings", "<48 65 6c6C6f> Tj (a\\(b\\)\\n\\101(c)) Tj", fmt.Sprintf("(%q) Tj\n(%q) Tj\n", "Hello", "a(b)\nA(c)")},
		{"odd hex digit", "<414> Tj", fmt.Sprintf("(%q) Tj\n", "A@")},
		// Each operator's strings live in the arena until the next
		// operator: the second string must not overwrite the first.
		{"strings kept until the operator", "(one) (two) (three) \" (four) Tj", fmt.Sprintf("(%q) (%q) (%q) \"\n(%q) Tj\n", "one", "two", "three", "four")},
		{"names", "/F1 12 Tf /A#42 /C", "/F1 12 Tf\n"},
		{"escaped name kept", "/A#42c 1 Tf", "/ABc 1 Tf\n"},
		{"TJ array with operator inside dropped", "[(a) -120 [1 2] BT (b)] TJ", fmt.Sprintf("[(%q) -120 [1 2] (%q)] TJ\n", "a", "b")},
		{"comments and keywords", "% c\n1 true null 2 Td %x", "1 o o 2 Td\n"},
		{"dictionary skipped", "/P <</MCID 0 /S (x)>> BDC (a) Tj", fmt.Sprintf("/P o other\n(%q) Tj\n", "a")},
		{"inline image skipped", "BI /W 1 ID \x00\xff EI (a) Tj", fmt.Sprintf("(%q) Tj\n", "a")},
		{"unknown operator", "1 2 3 rg", "1 2 3 other\n"},
		{"unterminated string", "(abc", "error: unterminated string\n"},
		{"unterminated hex", "<41", "error: unterminated hex string\n"},
		{"malformed hex", "<4x> Tj", "error: malformed hex string\n"},
		{"unterminated array", "[1 2", "error: unterminated array\n"},
		{"deep arrays", strings.Repeat("[", 40) + strings.Repeat("]", 40), "error: arrays nested too deep\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, lexed(tt.src)); diff != "" {
				t.Errorf("lexed(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestLexerCaps checks that operands past the stack cap and array
// elements past the array cap are read and dropped.
func TestLexerCaps(t *testing.T) {
	src := strings.Repeat("(s) [1 2] ", 6000) + "Tj"
	lx := lexer{src: []byte(src)}
	var stack []operand
	op := lx.next(&stack)
	if op != opTj || len(stack) != 10000 {
		t.Fatalf("next = %s with %d operands, want Tj with 10000", opName(op), len(stack))
	}
	if last := stack[len(stack)-1]; last.kind != '[' || len(last.arr) != 2 {
		t.Errorf("last kept operand = %s, want [1 2]", operandString(last))
	}
	big := "[" + strings.Repeat("1 ", 100005) + "(end)] TJ"
	lx = lexer{src: []byte(big)}
	stack = stack[:0]
	if op := lx.next(&stack); op != opTJ || len(stack) != 1 || len(stack[0].arr) != 100000 {
		t.Fatalf("big array: %s, %d operands", opName(op), len(stack))
	}
}

// TestScanNumber checks the one-pass number reader against parseNumber,
// which the lexer used alone before: where scanNumber answers, it must give
// the same bits and end where the word ends.
func TestScanNumber(t *testing.T) {
	words := []string{"0", "-0", "+0", "1", "-2.5", "+.5", "3.", ".", "-", "+", "--1", "1.2.3", "1e5", "12x",
		"0.000001", "123456789012345678901234567890123456789012345", "-.75", "007", "65535.99999", "1-2"}
	for i := 0; i < 2000; i++ {
		words = append(words, fmt.Sprintf("%.*f", i%7, float64(i*7919%100003)/float64(1+i%13)-400))
	}
	for _, w := range words {
		for _, after := range []string{"", " ", "]", "/F1", "\n"} {
			src := []byte(w + after)
			n, end, ok := scanNumber(src, 0)
			if !ok {
				continue
			}
			want := parseNumber([]byte(w))
			if end != len(w) || math.Float64bits(n) != math.Float64bits(want) {
				t.Errorf("scanNumber(%q) = %v ending at %d, want %v ending at %d", src, n, end, want, len(w))
			}
		}
	}
}
