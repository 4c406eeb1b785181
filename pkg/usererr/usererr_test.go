package usererr

import (
	"errors"
	"io/fs"
	"testing"
)

func TestKindsSurviveWrapping(t *testing.T) {
	err := WithHint(Usagef("--x %d: %w", 3, fs.ErrNotExist), "give %s", "y")
	if err.Error() != "--x 3: file does not exist" {
		t.Errorf("message %q", err)
	}
	var h *HintError
	if !errors.As(err, &h) || h.Hint != "give y" {
		t.Errorf("hint %+v", h)
	}
	var u *UsageError
	if !errors.As(err, &u) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("usage %v, cause lost", u)
	}
}

func TestUsageKeepsTheError(t *testing.T) {
	cause := errors.New("--x: bad")
	err := Usage(cause)
	var u *UsageError
	if !errors.As(err, &u) || err.Error() != "--x: bad" || !errors.Is(err, cause) {
		t.Errorf("Usage(%q) = %#v", cause, err)
	}
}
