package engine

import "testing"

func TestParseMonth(t *testing.T) {
	cases := []struct {
		in     string
		want   Month
		wantOK bool
	}{
		{"2026-05", 2026*12 + 4, true},
		{"2026-05-31", 2026*12 + 4, true},
		{"0999-01", 999 * 12, true},
		{"2026-12", 2026*12 + 11, true},
		{"2026-13", 0, false},
		{"2026-00", 0, false},
		{"2026-5", 0, false},
		{"26-05-01", 0, false},
		{"2026/05", 0, false},
		{"20a6-05", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseMonth(c.in)
		if got != c.want || ok != c.wantOK {
			t.Errorf("ParseMonth(%q) = %d, %v, want %d, %v", c.in, got, ok, c.want, c.wantOK)
		}
		if ok {
			if s := got.String(); s != c.in[:7] {
				t.Errorf("ParseMonth(%q).String() = %q, want %q", c.in, s, c.in[:7])
			}
		}
	}
}
