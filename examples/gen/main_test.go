package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/pkg/mailing"
	"github.com/custkit/custkit/pkg/schema"
	"golang.org/x/text/encoding/japanese"
)

// TestExamplesUpToDate checks that the committed example files are exactly
// what gen writes, so that they can always be regenerated.
func TestExamplesUpToDate(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join("..", f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.data) {
			t.Errorf("examples/%s differs from what gen writes; run go run ./examples/gen", f.name)
		}
	}
}

// TestHeadersBind checks that every column of every example file, the
// register's Japanese headers included, maps to a logical field.
func TestHeadersBind(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]schema.Kind{
		"customers.csv": schema.Customers, "sales.csv": schema.Sales, "sales_sjis.csv": schema.Sales,
		"contacts.csv": schema.Contacts, "complaints.csv": schema.Complaints,
		"unsubscribed.csv": mailing.SuppressKind,
	}
	// Fields that real files have and the examples leave out: a second
	// address line, a department, and the last purchase that buyers and
	// ledger write.
	notInExamples := map[schema.Field]bool{schema.Address2: true, schema.Department: true, schema.LastPurchase: true,
		// split addresses, separate time columns, tax-excluded amounts and
		// void, return and transaction class marks are the real layouts' (examples/layouts)
		schema.Prefecture: true, schema.City: true, schema.Street: true,
		schema.SoldTime: true, schema.AmountExcl: true, schema.Void: true, schema.SaleKind: true,
		schema.TxClass: true, schema.Cancelling: true}
	// the category of a complaint's product: the example file leaves it
	// to the sales file, as custkit complaints does
	notInComplaints := map[schema.Field]bool{schema.Category: true}
	for _, f := range files {
		data := f.data
		if f.name == "sales_sjis.csv" {
			if data, err = japanese.ShiftJIS.NewDecoder().Bytes(data); err != nil {
				t.Fatal(err)
			}
		}
		header, err := csv.NewReader(bytes.NewReader(data)).Read()
		if err != nil {
			t.Fatal(err)
		}
		kind := kinds[f.name]
		b, err := kind.Bind(header, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		for _, i := range b.Unknown {
			t.Errorf("%s: column %q maps to no field", f.name, header[i])
		}
		for _, fd := range kind.Fields {
			if _, ok := b.Index[fd]; !ok && !notInExamples[fd] && !(kind.Name == "complaints" && notInComplaints[fd]) {
				t.Errorf("%s: no column maps to %s", f.name, fd)
			}
		}
	}
}
