package record

import (
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func TestValidate(t *testing.T) {
	input := "receipt_id,customer_id,sold_at,quantity,amount\n" +
		"R1,C1,2026-11-22T10:15:00,2,1200\n" +
		"R2,C1, 2026/11/22 , ,\"¥1,200\"\n" +
		"R3,C2,2026-02-29,1,100\n" +
		"R4,C2,2024-02-29,abc,100\n" +
		"R5,C3,2024-02-29,1,\t\n"
	r, err := rows.NewReader(strings.NewReader(input), rows.Options{Name: "sales.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder("sales.csv", b)
	want := []string{
		"",
		"",
		`sales.csv:4: column "sold_at": "2026-02-29" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)`,
		`sales.csv:5: column "quantity": "abc" `,
		"",
	}
	for i, w := range want {
		rec, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if err := d.Validate(rec); err != nil {
			got = err.Error()
		}
		if (w == "") != (got == "") || !strings.HasPrefix(got, w) {
			t.Errorf("line %d: got %q, want %q", i+2, got, w)
		}
	}
}
