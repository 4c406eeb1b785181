package recommend

import (
	"errors"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

// TestRequestCheck: one of a product and a customer, numbers from 0.
func TestRequestCheck(t *testing.T) {
	for _, tt := range []struct {
		q       Request
		product string
		want    string
	}{
		{Request{}, "P1", ""},
		{Request{Customer: "C1", MinShared: 1}, "", ""},
		{Request{}, "", "give one of --product and --customer"},
		{Request{Customer: "C1"}, "P1", "give one of --product and --customer"},
		{Request{Top: -1}, "P1", "--top, --min-customers and --min-shared take numbers from 0"},
		{Request{Customer: "C1", MinShared: -2}, "", "--top, --min-customers and --min-shared take numbers from 0"},
	} {
		err := tt.q.Check(tt.product)
		var u *usererr.UsageError
		if tt.want == "" && err != nil || tt.want != "" && (!errors.As(err, &u) || err.Error() != tt.want) {
			t.Errorf("%+v, product %q: got %v, want %q", tt.q, tt.product, err, tt.want)
		}
	}
}
