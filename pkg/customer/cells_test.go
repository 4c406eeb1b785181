package customer

import (
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
)

func TestCell(t *testing.T) {
	rec := &rows.Record{Fields: [][]byte{[]byte("C1"), nil, []byte("山田, 太郎")}}
	p := PlainPayload([]int{0, 1, 2})(nil, rec)
	if got := SplitCells(p); !reflect.DeepEqual(got, []string{"C1", "", "山田, 太郎"}) {
		t.Fatalf("SplitCells = %q", got)
	}
	for k, want := range []string{"C1", "", "山田, 太郎"} {
		if got := string(Cell(p, k)); got != want {
			t.Errorf("Cell(%d) = %q, want %q", k, got, want)
		}
	}
	if Cell(p, 3) != nil {
		t.Errorf("Cell past the end is not nil")
	}
}
