package engine

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorCode(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x: %w", ErrInvalid), "invalid"},
		{fmt.Errorf("candidate 1: %w", ErrNotFound), "not_found"},
		{fmt.Errorf("x: %w", ErrConflict), "conflict"},
		{fmt.Errorf("zip entry: %w", ErrTooLarge), "too_large"},
		{fmt.Errorf("x: %w", ErrUnsupportedFormat), "unsupported_format"},
		{fmt.Errorf("a: %w", fmt.Errorf("b: %w", ErrUnreadable)), "unreadable"},
		{errors.New("disk on fire"), ""},
		{nil, ""},
	}
	for _, c := range cases {
		got := ErrorCode(c.err)
		if got != c.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", c.err, got, c.want)
		}
		if c.want == "" {
			continue
		}
		if back := CodeError(got); !errors.Is(c.err, back) {
			t.Errorf("CodeError(%q) = %v, want the category %v wraps", got, back, c.err)
		}
	}
	if err := CodeError("internal"); err != nil {
		t.Errorf("CodeError(internal) = %v, want nil", err)
	}
}
