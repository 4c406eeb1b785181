package customer

import (
	"testing"
)

func TestFindTwins(t *testing.T) {
	for _, c := range []struct {
		ids  []string
		want Twins
	}{
		{[]string{"101", "102", "C1"}, Twins{}},
		{[]string{"000101", "102"}, Twins{}},
		{[]string{"105", "101", "000105", "0105", "７", "7", "000101"}, Twins{IDs: 7, A: "000101", B: "101"}},
		{[]string{"105", "000105", "105"}, Twins{IDs: 2, A: "000105", B: "105"}},
	} {
		seq := func(yield func([]byte) bool) {
			for _, id := range c.ids {
				if !yield([]byte(id)) {
					return
				}
			}
		}
		if got := FindTwins(seq); got != c.want {
			t.Errorf("FindTwins(%q) = %+v, want %+v", c.ids, got, c.want)
		}
	}
	if n := (Twins{}).Note(); n != "" {
		t.Errorf("Note without twins = %q", n)
	}
	want := `2 customer ids are one id after --key-normalize (e.g. "000105" ~ "105"); give --key-normalize if they are the same customers`
	if n := (Twins{IDs: 2, A: "000105", B: "105"}).Note(); n != want {
		t.Errorf("Note = %q\nwant %q", n, want)
	}
}
