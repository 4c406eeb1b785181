package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func gen(t *testing.T, args ...string) (dir string, customers, sales []byte) {
	t.Helper()
	dir = t.TempDir()
	var stderr bytes.Buffer
	if code := run(append(args, "-q", "-out", dir), &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return dir, read("customers.csv"), read("sales.csv")
}

func TestDeterministic(t *testing.T) {
	_, c1, s1 := gen(t, "-customers", "500", "-sales", "3000", "-seed", "7")
	_, c2, s2 := gen(t, "-customers", "500", "-sales", "3000", "-seed", "7")
	if !bytes.Equal(c1, c2) || !bytes.Equal(s1, s2) {
		t.Fatal("the same flags gave different files")
	}
	_, c3, s3 := gen(t, "-customers", "500", "-sales", "3000", "-seed", "8")
	if bytes.Equal(c1, c3) || bytes.Equal(s1, s3) {
		t.Fatal("another seed gave the same files")
	}
}

func parse(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestShape(t *testing.T) {
	const nc, ns = 2000, 40000
	_, cdata, sdata := gen(t, "-customers", "2000", "-sales", "40000")
	cust, sales := parse(t, cdata), parse(t, sdata)
	if !reflect.DeepEqual(cust[0], customerHeader) || !reflect.DeepEqual(sales[0], salesHeader) {
		t.Fatalf("headers: %q %q", cust[0], sales[0])
	}
	if len(cust) != nc+1 || len(sales) != ns+1 {
		t.Fatalf("got %d customers and %d sales lines", len(cust)-1, len(sales)-1)
	}
	ids := map[string]bool{}
	commas := 0
	for _, c := range cust[1:] {
		if ids[c[0]] {
			t.Fatalf("customer id %s twice", c[0])
		}
		ids[c[0]] = true
		if strings.Contains(c[8], ",") {
			commas++
		}
	}
	if commas < nc/10 || commas > nc*3/10 {
		t.Errorf("%d of %d addresses hold a comma, want about a fifth", commas, nc)
	}
	var walkIn, unknown, quoted int
	last := ""
	bought := map[string]int{}
	for _, s := range sales[1:] {
		switch id := s[2]; {
		case id == "":
			walkIn++
		case !ids[id]:
			unknown++
		default:
			bought[id]++
		}
		if s[3] < last {
			t.Fatalf("sold_at %s after %s: not in time order", s[3], last)
		}
		last = s[3]
		if strings.ContainsAny(s[6], `,"`) {
			quoted++
		}
	}
	within := func(name string, got, lo, hi int) {
		if got < lo || got > hi {
			t.Errorf("%s: %d of %d lines, want %d..%d", name, got, ns, lo, hi)
		}
	}
	within("walk-in", walkIn, ns*3/100, ns*7/100)
	within("unknown customer", unknown, ns/200, ns*2/100)
	within("quoted product names", quoted, 1, ns/5)
	if len(bought) > nc*9/10 {
		t.Errorf("%d of %d customers bought something; some should never buy", len(bought), nc)
	}
	if first, end := sales[1][3], sales[len(sales)-1][3]; first < "2023-01-01" || end >= "2026" {
		t.Errorf("sales from %s to %s, want 2023..2025", first, end)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-sales", "10"},
		{"-customers", "0", "-out", "x"},
		{"-customers", "9000001", "-out", "x"},
		{"-nosuchflag"},
	} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

func TestSampler(t *testing.T) {
	s := newSampler([]uint64{0, 1, 3, 0, 4})
	r := newShop(1, 1).rng
	counts := make([]int, 5)
	for i := 0; i < 80000; i++ {
		counts[s.draw(r)]++
	}
	if counts[0] != 0 || counts[3] != 0 {
		t.Fatalf("zero weights drawn: %v", counts)
	}
	for i, w := range []int{0, 1, 3, 0, 4} {
		if want := w * 10000; counts[i] < want*9/10 || counts[i] > want*11/10 {
			t.Errorf("index %d drawn %d times, want about %d", i, counts[i], want)
		}
	}
}

func TestAppendPad(t *testing.T) {
	for _, tt := range []struct {
		n, w int
		want string
	}{{0, 1, "0"}, {7, 3, "007"}, {1234, 2, "1234"}, {0, 4, "0000"}} {
		if got := string(appendPad(nil, tt.n, tt.w)); got != tt.want {
			t.Errorf("appendPad(%d, %d) = %q, want %q", tt.n, tt.w, got, tt.want)
		}
	}
}
