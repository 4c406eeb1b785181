package rows

import (
	"errors"
	"io"
	"testing"
)

func TestAppendRecord(t *testing.T) {
	for _, c := range []struct {
		fields []string
		width  int
		want   string
		breaks int
	}{
		{[]string{"a", "b"}, 0, "a,b\n", 0},
		{[]string{"a"}, 3, "a,,\n", 0},
		{[]string{`say "hi"`, "x,y"}, 0, "\"say \"\"hi\"\"\",\"x,y\"\n", 0},
		{[]string{"two\nlines", "cr\r"}, 1, "\"two\nlines\",\"cr\r\"\n", 1},
		{nil, 0, "\n", 0},
	} {
		got, breaks := AppendRecord([]byte("x|"), c.fields, c.width)
		if string(got) != "x|"+c.want || breaks != c.breaks {
			t.Errorf("%q width %d: %q %d, want %q %d", c.fields, c.width, got, breaks, c.want, c.breaks)
		}
	}
}

// TestText reads all the records made before an error, then the error.
func TestText(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	var txt *Text
	txt = &Text{Fill: func() (bool, error) {
		n++
		txt.Buf, _ = AppendRecord(txt.Buf, []string{"r", string(rune('0' + n))}, 0)
		if n == 3 {
			return false, boom
		}
		return true, nil
	}}
	got, err := io.ReadAll(txt)
	if string(got) != "r,1\nr,2\nr,3\n" || !errors.Is(err, boom) {
		t.Errorf("%q %v", got, err)
	}
	txt = &Text{Fill: func() (bool, error) { return false, nil }}
	if got, err := io.ReadAll(txt); len(got) != 0 || err != nil {
		t.Errorf("empty: %q %v", got, err)
	}
}
