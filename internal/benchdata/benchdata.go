// Package benchdata makes the synthetic customers and sales files of the
// Go benchmarks, in one place so that the benchmarks share their inputs
// and a figure in docs/benchmarks.md can be measured again on the same
// bytes: every function is deterministic (seeded or computed from the row
// number), so the same arguments give the same file on every machine and
// Go version. Sales is the register-export shape (time-sorted, multi-line
// receipts, walk-ins, skewed activity, Zipf-like products); Shop, ShopSales
// and ProductSales are computed shops in the peer benchmark's columns;
// Customers, RegisteredCustomers and WriteRepeatedCustomers are customers
// files for redact, retention and mailing. It is never real data.
//
// Changing what a function returns changes the benchmarks' figures: add a
// function (or an argument) rather than alter one, and update the pinned
// digests in benchdata_test.go only with the figures that depend on them.
package benchdata

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Sales returns a sales CSV of about lines lines over the given numbers of
// customers and products, with the header
// receipt_id,customer_id,sold_at,store_id,product_id,category,quantity,amount.
func Sales(lines, customers, products int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(products-1))
	b := []byte("receipt_id,customer_id,sold_at,store_id,product_id,category,quantity,amount\n")
	start := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	for n, receipt := 0, 1; n < lines; receipt++ {
		at := start.Add(time.Duration(float64(n) / float64(lines) * float64(3*365*24*time.Hour)))
		cust := ""
		if rng.IntN(100) >= 5 {
			// Skewed: a fifth of the customers make most of the visits.
			c := rng.IntN(customers)
			if rng.IntN(100) < 70 {
				c = rng.IntN(max(customers/5, 1))
			}
			cust = fmt.Sprintf("C%07d", c+1)
		}
		store := 1 + rng.IntN(3)
		for k := 1 + rng.IntN(4); k > 0 && n < lines; k-- {
			p := int(zipf.Uint64())
			q := 1 + rng.IntN(3)
			b = fmt.Appendf(b, "R%09d,%s,%s,S%02d,P%05d,cat%02d,%d,%d\n",
				receipt, cust, at.Format("2006-01-02T15:04:05"), store, p+1, p%40, q, q*(100+p%50*10))
			n++
		}
	}
	return b
}
