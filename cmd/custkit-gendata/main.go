// Command custkit-gendata writes a synthetic shop for benchmarks: a
// customers.csv and a sales.csv with the columns of a Japanese shop's
// exports. The data is invented from word lists; it is never real data.
//
//	custkit-gendata -customers 100000 -sales 1000000 -seed 1 -out /tmp/shop
//
// The same flags always give byte-identical files, on every platform: the
// generator uses only integer arithmetic and a seeded PCG. What the data
// looks like:
//   - customer ids C0000001..C<N>; Japanese names, kana and addresses in
//     UTF-8; about a fifth of the addresses hold a comma (a quoted field);
//   - receipts of 1 to 5 lines, sorted by sold_at over 2023-01-01 ..
//     2025-12-31, shop hours 10:00-20:00;
//   - about 5 % of the lines are walk-in sales (empty customer id) and about
//     1 % name a customer id that is not in customers.csv;
//   - 5,000 products with Zipf-like popularity, some names holding commas and
//     double quotes; later lines of a receipt often come from the first
//     line's category;
//   - skewed customer activity: a few regulars buy most, many customers buy
//     once or never.
//
// Sizes from 10k customers / 100k lines (about 10 MB of sales) to 1M / 10M
// (about 1 GB) are the ones the benchmarks use.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/custkit/custkit/pkg/atomicfile"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// maxCustomers keeps every id, including the unknown ones past the last
// customer, within seven digits.
const maxCustomers = 9_000_000

type config struct {
	customers, sales int
	seed             uint64
	out              string
	quiet            bool
}

// run parses args and writes the files; it returns the exit status.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("custkit-gendata", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.customers, "customers", 10_000, "number of customers (1.."+fmt.Sprint(maxCustomers)+")")
	fs.IntVar(&c.sales, "sales", 100_000, "number of sales lines")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed; the same flags give the same files")
	fs.StringVar(&c.out, "out", "", "output `directory` (created if missing)")
	fs.BoolVar(&c.quiet, "q", false, "print no summary")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: custkit-gendata -customers N -sales M [-seed S] -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if c.out == "" || c.customers < 1 || c.customers > maxCustomers || c.sales < 1 || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	sum, err := generate(c)
	if err != nil {
		fmt.Fprintln(stderr, "custkit-gendata:", err)
		return 1
	}
	if !c.quiet {
		fmt.Fprintln(stderr, sum)
	}
	return 0
}

// generate writes customers.csv, then sales.csv, into c.out.
func generate(c config) (summary, error) {
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return summary{}, err
	}
	s := newShop(c.seed, c.customers)
	if err := writeFile(filepath.Join(c.out, "customers.csv"), s.writeCustomers); err != nil {
		return summary{}, err
	}
	var sum summary
	err := writeFile(filepath.Join(c.out, "sales.csv"), func(w *bufio.Writer) error {
		var err error
		sum, err = s.writeSales(w, c.sales)
		return err
	})
	sum.customers = c.customers
	return sum, err
}

// writeFile writes path atomically: a run that is stopped half-way leaves no
// truncated file behind for a benchmark script to mistake for data.
func writeFile(path string, body func(*bufio.Writer) error) error {
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return err
	}
	defer f.Abort()
	w := bufio.NewWriterSize(f, 1<<20)
	if err := body(w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return errors.Join(w.Flush(), f.Commit())
}

// summary is what a run reports on standard error.
type summary struct {
	customers, lines, receipts, walkIn, unknown int
}

func (s summary) String() string {
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(s.lines, 1)) }
	return fmt.Sprintf("%d customers; %d sales lines in %d receipts: %d walk-in (%.1f%%), %d with an unknown customer id (%.1f%%)",
		s.customers, s.lines, s.receipts, s.walkIn, pct(s.walkIn), s.unknown, pct(s.unknown))
}
