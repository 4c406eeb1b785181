package recommend

import (
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/schema"
)

func TestItems(t *testing.T) {
	b, err := schema.Sales.Bind([]string{"customer_id", "product_id", "category"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	it := NewItems(ByProduct, b)
	if got := it.PairHeader(); !reflect.DeepEqual(got, []string{"product_id", "category", "customers", "support", "confidence", "lift"}) {
		t.Errorf("pair header: %q", got)
	}
	if got := it.PairRow(Pair{Item: "P1", Name: "cup", Category: "tea", Customers: 3, Support: 0.5, Confidence: 1, Lift: 1.23456}); !reflect.DeepEqual(got, []string{"P1", "tea", "3", "0.5000", "1.0000", "1.2346"}) {
		t.Errorf("pair row: %q", got)
	}
	cat := NewItems(ByCategory, b)
	row := cat.SuggestionRow(Suggestion{Item: "tea", Score: 0.25, Customers: 1}, Neighbours{Count: 1, Shared: 2}, ByCategory)
	if !reflect.DeepEqual(row, []string{"tea", "0.2500", "1", "bought by 1 of the 1 customer who shares 2+ categories"}) {
		t.Errorf("suggestion row: %q", row)
	}
	if got := NeighboursNote("C1", Neighbours{Count: 2, Shared: 1}, ByProduct); got != "2 customers share 1+ products with C1" {
		t.Errorf("neighbours note: %q", got)
	}
	if got := BuyersNote("P9", 0); got != "no customer bought P9" {
		t.Errorf("buyers note: %q", got)
	}
}
