package api

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanFileName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"resume.pdf", "resume.pdf"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\ana\CV ana.docx`, "CV ana.docx"},
		{"a/b/", "b"},
		{"", "upload"},
		{"/", "upload"},
		{"..", "upload"},
		{"bad\x00name\n.txt", "badname.txt"},
		{strings.Repeat("x", 300), strings.Repeat("x", 200)},
		{strings.Repeat("é", 150), strings.Repeat("é", 100)},
		{"x" + strings.Repeat("é", 150), "x" + strings.Repeat("é", 99)},
	}
	for _, c := range cases {
		if got := cleanFileName(c.in); got != c.want {
			t.Errorf("cleanFileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzCleanFileName: whatever a client sends as a file name, what we keep
// for display has no path separator, no control character, no "..", and
// is short.
func FuzzCleanFileName(f *testing.F) {
	for _, s := range []string{"resume.pdf", "../../x", `a\b`, "\x00", "..", strings.Repeat("é", 150)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := cleanFileName(name)
		if got == "" || len(got) > 200 || strings.ContainsAny(got, "/\\") || got == ".." || got == "." {
			t.Fatalf("cleanFileName(%q) = %q", name, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("cleanFileName(%q) = %q keeps a control character", name, got)
			}
		}
		if utf8.ValidString(name) && !utf8.ValidString(got) {
			t.Fatalf("cleanFileName(%q) = %q cuts a character in half", name, got)
		}
	})
}
