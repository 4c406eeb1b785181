package benchdata_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"

	"github.com/custkit/custkit/internal/benchdata"
	"github.com/custkit/custkit/pkg/rows"
)

// files are small instances of every generator, with the digest of their
// bytes: a generator that writes other bytes changes the benchmarks'
// inputs, and the figures measured on them are no longer comparable.
func files() []struct {
	name, sum string
	data      []byte
	rows      int
} {
	shopC, shopS := benchdata.Shop(500, 3000)
	var repeated bytes.Buffer
	if err := benchdata.WriteRepeatedCustomers(&repeated, 2000); err != nil {
		panic(err)
	}
	return []struct {
		name, sum string
		data      []byte
		rows      int
	}{
		{"Sales", "32f0558631ad5fbf243e9b53b19d294cca67bb1435fae92a3e51c19f9b66fae3", benchdata.Sales(3000, 500, 300), 3000},
		{"Shop/customers", "3229efadf24154dd7407834e10d0d3ecb49955b7060e29fdaacf177d9593579a", shopC, 500},
		{"Shop/sales", "809a08344eb060539557db5602b7efef78fe0a855f83b70b9d4396d7a5d3c42b", shopS, 3000},
		{"ShopSales", "e6bfdba4f308e7915fca85c7e7b3d91fbf32affd080b20b28f6c5b8e1bda9fd9", benchdata.ShopSales(3000), 3000},
		{"ProductSales", "efa6992d17ead32bd62d30dade5b74c50844380cc1857c19952787fe75ff4dd5", benchdata.ProductSales(3000), 3000},
		{"Customers", "09355fdca2ec703e2daa73692ac820ec90e216e77df9cae69b772f7031b7fc3c", benchdata.Customers(2000), 2000},
		{"RegisteredCustomers", "1dfddbe474f1b7dbeed6d8fcf29d492f12c389feacdeb88da2e344fac970b5c5", benchdata.RegisteredCustomers(2000), 2000},
		{"WriteRepeatedCustomers", "f31d2ceba601f8db5d1bd827222d1189f2119c01cd473c55a4f6835dc971612b", repeated.Bytes(), 2000},
	}
}

// TestFiles checks that every generator gives the same bytes each time and
// the digest pinned for them, and that its file reads as CSV with the rows
// asked for, each with the header's number of fields.
func TestFiles(t *testing.T) {
	again := files()
	for i, f := range files() {
		if !bytes.Equal(f.data, again[i].data) {
			t.Errorf("%s: two calls gave different bytes", f.name)
		}
		sum := sha256.Sum256(f.data)
		if got := hex.EncodeToString(sum[:]); got != f.sum {
			t.Errorf("%s: sha256 %s, want %s", f.name, got, f.sum)
		}
		r, err := rows.NewReader(bytes.NewReader(f.data), rows.Options{Name: f.name})
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		n := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.name, err)
			}
			if len(rec.Fields) != len(r.Header()) {
				t.Fatalf("%s: line %d has %d fields, the header %d", f.name, rec.Line, len(rec.Fields), len(r.Header()))
			}
			n++
		}
		if n != f.rows {
			t.Errorf("%s: %d rows, want %d", f.name, n, f.rows)
		}
	}
}
