package english

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Count(0, "row"), "0 rows"},
		{Count(1, "row"), "1 row"},
		{Count(12, "sales line"), "12 sales lines"},
		{CountAs(1, "match", "matches"), "1 match"},
		{CountAs(3, "match", "matches"), "3 matches"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
