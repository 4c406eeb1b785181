package input

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/hashcache"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// chdir makes dir the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

// long is a sales file longer than headSize whose last line is last.
func long(last string) string {
	return "customer_id,amount\n" + strings.Repeat("C1,100\n", headSize/7+10) + last + "\n"
}

func TestDuplicates(t *testing.T) {
	const nov = "customer_id,amount\nC1,100\nC2,200\n"
	chdir(t, write(t,
		"11.csv", nov,
		"11 (1).csv", nov,
		"10.csv", "customer_id,amount\nC3,300\nC4,400\n", // the size of 11.csv
		"12.csv", "customer_id,amount\nC5,500\n",
		"h1.csv", "customer_id,amount\r\n", // months without sales
		"h2.csv", "customer_id,amount\r\n",
		"l1.csv", long("C9,999"),
		"l2.csv", long("C9,999"),
		"l3.csv", long("C9,998"), // the same first bytes and size, another end
		"e1.csv", "",
		"e2.csv", "",
	))
	symlink := os.Symlink("11.csv", "link.csv") == nil
	for _, c := range []struct {
		files []string
		want  []Duplicate
	}{
		{[]string{"10.csv", "11.csv", "12.csv"}, nil},
		{[]string{"11.csv", "11 (1).csv"}, []Duplicate{{File: "11 (1).csv", First: "11.csv", How: SameContents, At: 1}}},
		// a glob sorts the copy first; it is still the copy
		{[]string{"10.csv", "11 (1).csv", "11.csv", "12.csv"}, []Duplicate{{File: "11 (1).csv", First: "11.csv", How: SameContents, At: 1}}},
		{[]string{"11.csv", "11.csv"}, []Duplicate{{File: "11.csv", First: "11.csv", How: SamePath, At: 1}}},
		{[]string{"11.csv", "12.csv", "./11.csv"}, []Duplicate{{File: "./11.csv", First: "11.csv", How: SamePath, At: 2}}},
		{[]string{"10.csv", "11.csv"}, nil}, // one size, other bytes
		{[]string{"h1.csv", "h2.csv"}, nil}, // a header only: nothing counts twice
		{[]string{"e1.csv", "e2.csv"}, nil}, // empty: the reading says so
		{[]string{"l1.csv", "l2.csv", "l3.csv"}, []Duplicate{{File: "l2.csv", First: "l1.csv", How: SameContents, At: 1}}},
		{[]string{"l1.csv", "l3.csv"}, nil},
		{[]string{"11.csv", "missing.csv", "missing.csv"}, []Duplicate{{File: "missing.csv", First: "missing.csv", How: SamePath, At: 2}}},
		{[]string{"11.csv", "11 (1).csv", "12.csv", "12.csv"}, []Duplicate{
			{File: "11 (1).csv", First: "11.csv", How: SameContents, At: 1},
			{File: "12.csv", First: "12.csv", How: SamePath, At: 3}}},
	} {
		got, err := New(Options{}).Duplicates(c.files)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Duplicates(%q) = %+v, %v; want %+v", c.files, got, err, c.want)
		}
	}
	if symlink {
		got, _ := New(Options{}).Duplicates([]string{"11.csv", "link.csv"})
		if want := []Duplicate{{File: "link.csv", First: "11.csv", How: SameFile, At: 1}}; !reflect.DeepEqual(got, want) {
			t.Errorf("a link: %+v, want %+v", got, want)
		}
	}

	// Standard input is the file it was redirected from; twice is an error.
	f, err := os.Open("11.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := New(Options{Stdin: f}).Duplicates([]string{"11.csv", "-"})
	if want := []Duplicate{{File: "-", First: "11.csv", How: SameFile, At: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("standard input: %+v, want %+v", got, want)
	}
	got, _ = New(Options{Stdin: strings.NewReader(nov)}).Duplicates([]string{"11.csv", "-"})
	if len(got) != 0 {
		t.Errorf("a pipe: %+v", got)
	}
	var ue *usererr.UsageError
	if _, err := New(Options{Stdin: strings.NewReader(nov)}).Duplicates([]string{"-", "11.csv", "-"}); !errors.As(err, &ue) {
		t.Errorf("standard input twice: %v", err)
	}
}

// Two copies of one encrypted file are the same bytes, found without
// decrypting either.
func TestDuplicatesEncrypted(t *testing.T) {
	const sealed = "age-encryption.org/v1\n-> X25519 abc\nxyz\n--- def\n\x01\x02\x03"
	chdir(t, write(t, "s.csv.age", sealed, "s (1).csv.age", sealed))
	o := New(Options{
		Decrypt:   func(string, io.Reader) (io.ReadCloser, error) { t.Fatal("decrypted"); return nil, nil },
		Encrypted: func(string, []byte) bool { return true },
	})
	got, _ := o.Duplicates([]string{"s (1).csv.age", "s.csv.age"})
	if want := []Duplicate{{File: "s (1).csv.age", First: "s.csv.age", How: SameContents, At: 0}}; !reflect.DeepEqual(got, want) {
		t.Errorf("%+v, want %+v", got, want)
	}
}

func TestDuplicateMessages(t *testing.T) {
	for _, c := range []struct {
		e    DuplicateError
		want string
	}{
		{DuplicateError{What: "--sales", Kind: "sales", Duplicate: Duplicate{File: "dup/sales-2026-11 (1).csv", First: "dup/sales-2026-11.csv", How: SameContents}},
			`--sales: "dup/sales-2026-11 (1).csv" has the same contents as "dup/sales-2026-11.csv": its sales would count twice; leave one of them out`},
		{DuplicateError{What: "--sales", Kind: "sales", Duplicate: Duplicate{File: "a.csv", First: "a.csv"}},
			`--sales: "a.csv" is given twice: its sales would count twice; give it once`},
		{DuplicateError{What: "--customers", Kind: "customers", Duplicate: Duplicate{File: "link.csv", First: "c.csv", How: SameFile}, More: 2},
			`--customers: "link.csv" is the same file as "c.csv": its customers would be read twice; leave one of them out (and 2 more like it; custkit check lists them)`},
		{DuplicateError{What: "--contacts", Kind: "contacts", Duplicate: Duplicate{File: "-", First: "k.csv", How: SameFile}},
			`--contacts: "-" is the same file as "k.csv": its contacts would count twice; leave one of them out`},
		{DuplicateError{What: "the file argument", Duplicate: Duplicate{File: "b.csv", First: "-", How: SameFile}},
			`the file argument: "b.csv" is the same file as standard input ("-"): its rows would be read twice; leave one of them out`},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// Open refuses a list that names a file twice before it reads any of
// them: the run has no input to log.
func TestOpenRefusesDuplicates(t *testing.T) {
	const nov = "customer_id,amount\nC1,100\n"
	chdir(t, write(t, "10.csv", "customer_id,amount\nC2,200\n", "11.csv", nov, "11 (1).csv", nov))
	rec := access.New(access.Options{})
	o := New(Options{Access: rec})
	_, err := o.Open(context.Background(), "*.csv", schema.Sales)
	var de *DuplicateError
	if !errors.As(err, &de) || de.File != "11 (1).csv" || de.First != "11.csv" {
		t.Fatalf("Open: %v", err)
	}
	if rec.Touched() {
		t.Error("an input was read")
	}
	if _, err := o.OpenRows(context.Background(), "11.csv,11.csv", "the file argument"); err == nil || err.Error() != `the file argument: "11.csv" is given twice: its rows would be read twice; give it once` {
		t.Errorf("OpenRows: %v", err)
	}
	// A suppression list read twice changes nothing: not refused.
	suppress := schema.Kind{Name: "suppress", Fields: []schema.Field{schema.CustomerID}}
	in, err := o.Open(context.Background(), "11.csv,11 (1).csv", suppress)
	if err != nil {
		t.Fatalf("suppress: %v", err)
	}
	in.Close()
	in, err = New(Options{}).Open(context.Background(), "10.csv,11.csv", schema.Sales)
	if err != nil {
		t.Fatalf("files of one size: %v", err)
	}
	in.Close()
}

// The hash that tells two files of one size apart is the one the access
// log records: the read that follows takes it from the cache.
func TestDuplicatesHashOnce(t *testing.T) {
	dir := write(t, "l1.csv", long("C9,999"), "l3.csv", long("C9,998"))
	chdir(t, dir)
	fi, _ := os.Stat("l1.csv")
	if _, err := hashcache.IdentityOf(fi); err != nil {
		t.Skip("no file identity on this system")
	}
	cache := hashcache.Open(filepath.Join(dir, "hashes.json"))
	later := time.Now().Add(time.Minute) // the files settled long before
	rec := access.New(access.Options{Now: func() time.Time { return later }, Hashes: cache})
	in, err := New(Options{Access: rec}).Open(context.Background(), "l1.csv,l3.csv", schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := in.Next(); err != nil {
			break
		}
	}
	in.Close()
	e := rec.Entry(true)
	for _, name := range []string{"l1.csv", "l3.csv"} {
		abs := access.AbsPath(name)
		fi, _ := os.Stat(name)
		id, _ := hashcache.IdentityOf(fi)
		sum, ok := cache.Lookup(abs, id, later)
		if !ok {
			t.Errorf("%s: not in the cache", name)
		}
		for _, got := range e.Inputs {
			if got.Path == abs && got.SHA256 != sum {
				t.Errorf("%s: logged %s, cached %s", name, got.SHA256, sum)
			}
		}
	}
}
