package contactlog

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

func TestCheckCustomer(t *testing.T) {
	for _, id := range []string{"", "  ", "\t"} {
		var ue *usererr.UsageError
		if err := CheckCustomer(id); !errors.As(err, &ue) {
			t.Errorf("CheckCustomer(%q) = %v, want a usage error", id, err)
		}
	}
	if err := CheckCustomer("C1"); err != nil {
		t.Errorf("CheckCustomer(C1) = %v", err)
	}
}

func TestFindCustomer(t *testing.T) {
	for _, tt := range []struct {
		name, data, id string
		want           NewFile
		err            string
	}{
		{name: "LF", data: "customer_id,name\nC1,A\n000123,B\n", id: "000123", want: NewFile{}},
		{name: "CRLF", data: "customer_id,name\r\nC1,A\r\n", id: "C1", want: NewFile{EOL: "\r\n"}},
		{name: "CR", data: "customer_id,name\rC1,A\r", id: "C1", want: NewFile{EOL: "\r"}},
		{name: "matched as text", data: "customer_id,name\n000123,B\n", id: "123",
			err: `customer "123" is not in c.csv; nothing was written`},
	} {
		r, err := rows.NewReader(strings.NewReader(tt.data), rows.Options{Name: "c.csv"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Customers.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FindCustomer(context.Background(), r, b, "c.csv", tt.id)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		tt.want.Encoding = r.Encoding()
		tt.want.Comma = r.Comma()
		if got.Encoding != tt.want.Encoding || got.Comma != tt.want.Comma || got.EOL != tt.want.EOL || got.Header != nil {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
