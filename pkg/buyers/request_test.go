package buyers

import (
	"errors"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

// TestRequestOptions turns the request into the selection and thresholds
// of the scan.
func TestRequestOptions(t *testing.T) {
	q := Request{Products: []string{"P1", " P2", "P0*"}, Categories: []string{"皿, 鉢"}, Names: []string{"ｸﾀﾆ"},
		Stores: []string{"S1", " S2"}, Exclude: []string{"P9"}, All: true, MinCount: 2, CountBy: "lines", MinAmount: "¥1,000", KeyNormalize: true}
	bo, err := q.Options()
	if err != nil {
		t.Fatal(err)
	}
	if bo.Match.Terms() != 5 || !bo.All || bo.Exclude.Terms() != 1 || !reflect.DeepEqual(bo.Stores, []string{"S1", "S2"}) {
		t.Errorf("selection: %d terms, all %v, stores %q", bo.Match.Terms(), bo.All, bo.Stores)
	}
	if bo.MinCount != 2 || bo.CountBy != ByLines || !bo.HasMinAmount || bo.MinAmount.String() != "1000" || !bo.KeyNormalize {
		t.Errorf("thresholds %+v", bo)
	}
}

// TestRequestOptionsErrors: what cannot be asked together is a usage error.
func TestRequestOptionsErrors(t *testing.T) {
	for _, tt := range []struct {
		q    Request
		want string
	}{
		{Request{All: true, Any: true}, "--all and --any contradict each other; use one"},
		{Request{All: true}, "--all needs products to buy: give --product, --category or --name-contains"},
		{Request{MinCount: -1}, "--min-count must not be negative"},
		{Request{MinAmount: "lots"}, `--min-amount "lots" is not a number`},
		{Request{Unmatched: true}, "--unmatched lists lines whose customer is not in --customers; give --customers too"},
		{Request{Unmatched: true, HasCustomers: true, SalesStdin: true}, "--unmatched reads the sales file a second time; --sales cannot be standard input with it"},
	} {
		_, err := tt.q.Options()
		var u *usererr.UsageError
		if !errors.As(err, &u) || err.Error() != tt.want {
			t.Errorf("%+v: got %v, want usage error %q", tt.q, err, tt.want)
		}
	}
}
