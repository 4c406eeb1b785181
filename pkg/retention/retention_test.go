package retention

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/rows"
	"golang.org/x/text/encoding/japanese"
)

// The shop of these tests, as of 2030-01-01 under testPolicy: customers
// inactive since before 2025-01-01 go, sales before 2023-01-01, contacts
// before 2027-01-01, complaints before 2025-01-01.
//
//	C1  last bought 2024-06-01: purged; the 2024 line pseudonymised, the 2022 one deleted
//	C2  last bought 2026-01-01: kept; the 2021 line deleted
//	C3  registered 2020, never bought: purged
//	C4  registered 2028, never bought: kept
//	C5  last bought 2024-01-01 but on legal hold: held, and so are their lines
//	C6  no registration date, never bought: kept (undated)
//	000105  bought 2029 as "105": kept
//	000106  bought 2024 as "106": purged; the line gets the pseudonym of "000106"
const (
	testCustomers = "customer_id,name,phone,store_id,registered_at\n" +
		"C1,山田 花子,090-1111-2222,S01,2019-01-01\n" +
		"C2,佐藤 健一,090-3333-4444,S01,2019-02-01\n" +
		"C3,\"Smith, Ann\",,S02,2020-01-01\n" +
		"C4,田中 誠,,S02,2028-01-01\n" +
		"C5,伊藤 由美子,,S03,2019-03-01\n" +
		"C6,渡辺 翔太,,S03,\n" +
		"000105,中村 恵,,S01,2019-04-01\n" +
		"000106,小林 大輔,,S01,2019-05-01\n"
	testSales = "receipt_id,customer_id,sold_at,amount\n" +
		"R1,C1,2022-05-01 10:00,1000\n" +
		"R2,C1,2024-06-01 11:00,2000\n" +
		"R3,C2,2021-01-01,3000\n" +
		"R4,C2,2026-01-01,4000\n" +
		"R5,C5,2022-01-01,5000\n" +
		"R6,C5,2024-01-01,6000\n" +
		"R7,,2022-01-01,7000\n" +
		"R8,,2024-01-01,8000\n" +
		"R9,X9,2024-01-01,9000\n" +
		"R10,105,2029-01-01,10000\n" +
		"R11,106,2024-02-01,11000\n"
	testContacts = "customer_id,contacted_at,summary\n" +
		"C1,2029-01-01,asked about a teapot\n" +
		"C2,2026-01-01,called\n" +
		"C2,2028-01-01,\"visited, bought nothing\"\n" +
		"C5,2020-01-01,complained by phone\n"
	testComplaints = "customer_id,received_at,summary\n" +
		"C3,2024-01-01,broken plate\n" +
		"C2,2026-01-01,late delivery\n"
	testHold = "顧客番号,理由\nC5,裁判中\n"
)

var testAsOf = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func testPolicy(t *testing.T) Policy {
	period := func(s string) parse.Period {
		p, err := parse.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	return Policy{
		Customers:  CustomerRule{InactiveAfter: period("5y"), Action: Delete},
		Sales:      SalesRule{AgeRule: AgeRule{Keep: period("7y"), Set: true}, OnCustomerPurge: Pseudonymize},
		Contacts:   AgeRule{Keep: period("3y"), Set: true},
		Complaints: AgeRule{Keep: period("5y"), Set: true},
		MaxDelete:  DefaultLimit,
	}
}

// shop writes the test files into a new directory and returns the scan
// options for them.
// testScan is what a test scans: the files and the options.
type testScan struct {
	Files Files
	ScanOptions
}

func shop(t *testing.T) testScan {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pol := testPolicy(t)
	pol.LegalHold = write("holds.csv", testHold)
	write("export-1.csv", "name\n山田 花子\n")
	write("export-2.csv", "name\n佐藤 健一\n")
	return testScan{
		Files: Files{
			Customers:  write("customers.csv", testCustomers),
			Sales:      write("sales.csv", testSales),
			Contacts:   write("contacts.csv", testContacts),
			Complaints: write("complaints.csv", testComplaints),
		},
		ScanOptions: ScanOptions{
			Policy:      pol,
			AsOf:        testAsOf,
			IsPseudonym: func(id string) bool { return strings.HasPrefix(id, "tok-") },
			Workers:     2,
		},
	}
}

func pseudonym(key string) string { return "tok-" + strings.ToLower(key) }

func testRunner(dir string) *Runner {
	return &Runner{Dir: dir, Shred: func(p string) error { return os.Remove(p) }}
}

// expired are the shop's expired exports that still exist.
func expired(opts testScan) []string {
	var out []string
	for _, name := range []string{"export-1.csv", "export-2.csv"} {
		p := filepath.Join(filepath.Dir(opts.Files.Customers), name)
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func scan(t *testing.T, opts testScan) *Plan {
	t.Helper()
	p, err := Scan(context.Background(), opts.Files, opts.ScanOptions)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func apply(t *testing.T, opts testScan) *Result {
	t.Helper()
	r := testRunner(filepath.Dir(opts.Files.Customers))
	res, err := r.Apply(context.Background(), scan(t, opts), ApplyOptions{Pseudonym: pseudonym, Exports: expired(opts)})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	return res
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestScanCounts(t *testing.T) {
	p := scan(t, shop(t))
	want := map[string]Counts{
		"customers":  {Rows: 8, Kept: 4, Deleted: 3, Held: 1},
		"sales":      {Rows: 11, Kept: 4, Deleted: 3, Pseudonymised: 2, Held: 2},
		"contacts":   {Rows: 4, Kept: 1, Deleted: 2, Held: 1},
		"complaints": {Rows: 2, Kept: 1, Deleted: 1},
	}
	if len(p.Files) != 4 {
		t.Fatalf("%d files in the plan", len(p.Files))
	}
	for _, f := range p.Files {
		if f.Counts != want[f.Kind.Name] {
			t.Errorf("%s: %+v, want %+v", f.Kind.Name, f.Counts, want[f.Kind.Name])
		}
		if len(f.SHA256) != 64 || f.Size == 0 {
			t.Errorf("%s: hash %q, size %d", f.Kind.Name, f.SHA256, f.Size)
		}
	}
	if p.Customers != 8 || p.Purged != 3 || p.Undated != 1 || p.OnHold != 1 || !p.NeedsKey() || !p.Changed() {
		t.Errorf("plan: %d customers, %d purged, %d undated, %d on hold", p.Customers, p.Purged, p.Undated, p.OnHold)
	}
}

func TestApplyRewrites(t *testing.T) {
	opts := shop(t)
	res := apply(t, opts)
	want := map[string]string{
		opts.Files.Customers: "customer_id,name,phone,store_id,registered_at\n" +
			"C2,佐藤 健一,090-3333-4444,S01,2019-02-01\n" +
			"C4,田中 誠,,S02,2028-01-01\n" +
			"C5,伊藤 由美子,,S03,2019-03-01\n" +
			"C6,渡辺 翔太,,S03,\n" +
			"000105,中村 恵,,S01,2019-04-01\n",
		opts.Files.Sales: "receipt_id,customer_id,sold_at,amount\n" +
			"R2,tok-c1,2024-06-01 11:00,2000\n" +
			"R4,C2,2026-01-01,4000\n" +
			"R5,C5,2022-01-01,5000\n" +
			"R6,C5,2024-01-01,6000\n" +
			"R8,,2024-01-01,8000\n" +
			"R9,X9,2024-01-01,9000\n" +
			"R10,105,2029-01-01,10000\n" +
			"R11,tok-000106,2024-02-01,11000\n",
		opts.Files.Contacts: "customer_id,contacted_at,summary\n" +
			"C2,2028-01-01,\"visited, bought nothing\"\n" +
			"C5,2020-01-01,complained by phone\n",
		opts.Files.Complaints: "customer_id,received_at,summary\n" +
			"C2,2026-01-01,late delivery\n",
	}
	for path, text := range want {
		if got := read(t, path); got != text {
			t.Errorf("%s:\n%s\nwant\n%s", filepath.Base(path), got, text)
		}
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v, %v; want the old file's 0640", path, st.Mode(), err)
		}
	}
	if strings.Join(res.Subjects, " ") != "tok-000106 tok-c1 tok-c3" {
		t.Errorf("subjects %q", res.Subjects)
	}
	assertNoTemps(t, filepath.Dir(opts.Files.Customers))
}

// assertNoTemps fails if dir holds anything but the data files.
func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestSecondRunChangesNothing(t *testing.T) {
	opts := shop(t)
	apply(t, opts)
	p := scan(t, opts)
	if p.Changed() || p.Purged != 0 {
		t.Errorf("second run plans changes: %+v", p.Results())
	}
}

func TestAnonymize(t *testing.T) {
	opts := shop(t)
	opts.Policy.Customers.Action = Anonymize
	apply(t, opts)
	want := "customer_id,name,phone,store_id,registered_at\n" +
		"tok-c1,,,S01,2019-01-01\n" +
		"C2,佐藤 健一,090-3333-4444,S01,2019-02-01\n" +
		"tok-c3,,,S02,2020-01-01\n" +
		"C4,田中 誠,,S02,2028-01-01\n" +
		"C5,伊藤 由美子,,S03,2019-03-01\n" +
		"C6,渡辺 翔太,,S03,\n" +
		"000105,中村 恵,,S01,2019-04-01\n" +
		"tok-000106,,,S01,2019-05-01\n"
	if got := read(t, opts.Files.Customers); got != want {
		t.Errorf("customers:\n%s\nwant\n%s", got, want)
	}
	p := scan(t, opts)
	if p.Changed() {
		t.Errorf("anonymised customers are anonymised again: %+v", p.Results())
	}
}

// TestPseudonymiseOtherIDs: a Smaregi 取引明細 file keys on the shop's
// 会員コード and has the register's own 会員ID beside it. A purged
// customer's pseudonymised line must not keep the 会員ID, which names the
// customer as well; other customers' lines keep theirs.
func TestPseudonymiseOtherIDs(t *testing.T) {
	opts := shop(t)
	const header = "取引ID,取引日時,取消区分,合計,店舗ID,会員ID,会員コード,取引明細ID,商品コード,数量,値引き後計\n"
	if err := os.WriteFile(opts.Files.Sales, []byte(header+
		"6001,2022-05-01 10:00:00,0,1100,1,9001,C1,1,P1,1,1100\n"+
		"6002,2024-06-01 11:00:00,0,2200,1,9001,C1,1,P1,2,2200\n"+
		"6003,2026-01-01 12:00:00,0,3300,1,9002,C2,1,P1,3,3300\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	apply(t, opts)
	want := header +
		"6002,2024-06-01 11:00:00,0,2200,1,,tok-c1,1,P1,2,2200\n" +
		"6003,2026-01-01 12:00:00,0,3300,1,9002,C2,1,P1,3,3300\n"
	if got := read(t, opts.Files.Sales); got != want {
		t.Errorf("sales:\n%s\nwant\n%s", got, want)
	}
}

func TestDeleteSalesOfPurged(t *testing.T) {
	opts := shop(t)
	opts.Policy.Sales.OnCustomerPurge = DeleteSales
	p := scan(t, opts)
	if c := p.Files[1].Counts; c.Deleted != 5 || c.Pseudonymised != 0 {
		t.Errorf("sales: %+v", c)
	}
}

// TestKeepsEncoding rewrites a CP932 file with CRLF line ends and tabs:
// the new version must be CP932, CRLF and tab-separated too.
func TestKeepsEncoding(t *testing.T) {
	opts := shop(t)
	text := strings.ReplaceAll(strings.ReplaceAll(testCustomers, ",", "\t"), "\n", "\r\n")
	text = strings.Replace(text, "\"Smith\t Ann\"", "\"Smith, Ann\"", 1)
	sjis, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(opts.Files.Customers, []byte(sjis), 0o600); err != nil {
		t.Fatal(err)
	}
	apply(t, opts)
	got, err := japanese.ShiftJIS.NewDecoder().String(read(t, opts.Files.Customers))
	if err != nil {
		t.Fatal(err)
	}
	want := "customer_id\tname\tphone\tstore_id\tregistered_at\r\n" +
		"C2\t佐藤 健一\t090-3333-4444\tS01\t2019-02-01\r\n" +
		"C4\t田中 誠\t\tS02\t2028-01-01\r\n" +
		"C5\t伊藤 由美子\t\tS03\t2019-03-01\r\n" +
		"C6\t渡辺 翔太\t\tS03\t\r\n" +
		"000105\t中村 恵\t\tS01\t2019-04-01\r\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestNoKey(t *testing.T) {
	opts := shop(t)
	r := testRunner(filepath.Dir(opts.Files.Customers))
	_, err := r.Apply(context.Background(), scan(t, opts), ApplyOptions{})
	if !errors.Is(err, ErrNoKey) {
		t.Fatalf("got %v, want ErrNoKey", err)
	}
	if got := read(t, opts.Files.Customers); got != testCustomers {
		t.Error("customers changed without a key")
	}
	assertNoTemps(t, filepath.Dir(opts.Files.Customers))
}

// TestChangedBeforeApply changes a file between the scan and the apply:
// nothing is replaced and no temporary file stays.
func TestChangedBeforeApply(t *testing.T) {
	for _, which := range []string{"customers", "sales", "contacts"} {
		opts := shop(t)
		p := scan(t, opts)
		path := map[string]string{"customers": opts.Files.Customers, "sales": opts.Files.Sales, "contacts": opts.Files.Contacts}[which]
		old := read(t, path)
		if err := os.WriteFile(path, []byte(old+strings.SplitAfter(old, "\n")[1]), 0o640); err != nil {
			t.Fatal(err)
		}
		changed := read(t, path)
		_, err := testRunner(filepath.Dir(path)).Apply(context.Background(), p, ApplyOptions{Pseudonym: pseudonym})
		if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: got %v, want ErrChanged naming the file", which, err)
		}
		if read(t, opts.Files.Customers) != map[bool]string{true: changed, false: testCustomers}[which == "customers"] {
			t.Errorf("%s: customers file replaced", which)
		}
		assertNoTemps(t, filepath.Dir(path))
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, file, text, want string
	}{
		{"hold without id", "holds.csv", "name\nC5\n", "legal hold: holds.csv:1: no column maps to customer_id"},
		{"bad sale date", "sales.csv", "receipt_id,customer_id,sold_at\nR1,C1,2024-13-01\n", `sales.csv:2: column "sold_at": "2024-13-01" is not a date`},
		{"no sale date", "sales.csv", "receipt_id,customer_id\nR1,C1\n", "sales.csv:1: no column maps to sold_at, which retention.sales.keep needs"},
		{"bad registration", "customers.csv", "customer_id,registered_at\nC0,someday\n", `customers.csv:2: column "registered_at": "someday" is not a date`},
		{"duplicate id", "customers.csv", "customer_id\n000105\n105\n", `customers.csv:3: column "customer_id": "105" appears again (first on line 2)`},
		{"ragged", "contacts.csv", "customer_id,contacted_at\nC1,2029-01-01,x\n", "contacts.csv:2: row has 3 fields, the header has 2"},
	}
	for _, tt := range cases {
		opts := shop(t)
		dir := filepath.Dir(opts.Files.Customers)
		if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Scan(context.Background(), opts.Files, opts.ScanOptions)
		if err == nil || !strings.Contains(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""), tt.want) {
			t.Errorf("%s: got %v, want %s", tt.name, err, tt.want)
		}
		var re *rows.Error
		if tt.name != "hold without id" && !errors.As(err, &re) {
			t.Errorf("%s: %T is not a *rows.Error", tt.name, err)
		}
	}
}

func TestLimit(t *testing.T) {
	cases := []struct {
		in        string
		n, total  int
		allows    bool
		wantError bool
	}{
		{"10%", 10, 100, true, false},
		{"10%", 11, 100, false, false},
		{"2.5%", 1, 40, true, false},
		{"0%", 1, 1000, false, false},
		{"5", 5, 10, true, false},
		{"5", 6, 1000, false, false},
		{"ten", 0, 0, false, true},
		{"120%", 0, 0, false, true},
		{"-1", 0, 0, false, true},
	}
	for _, tt := range cases {
		l, err := ParseLimit(tt.in)
		if (err != nil) != tt.wantError {
			t.Errorf("ParseLimit(%q): %v", tt.in, err)
			continue
		}
		if err == nil && (l.Allows(tt.n, tt.total) != tt.allows || l.String() != tt.in) {
			t.Errorf("%s: Allows(%d, %d) = %v, String %q", tt.in, tt.n, tt.total, l.Allows(tt.n, tt.total), l.String())
		}
	}
}

// crash stops a run at its nth step, as a kill would: no deferred cleanup
// of the run itself happens.
type crash struct{ n int }

func (c *crash) hook(n int) func(string) {
	count := 0
	return func(string) {
		count++
		if count == n {
			panic(c)
		}
	}
}

// runUntil applies a plan and stops it at step n; it reports whether the
// run stopped (n is within the run).
func runUntil(t *testing.T, opts testScan, n int) (stopped bool) {
	t.Helper()
	c := &crash{n}
	r := testRunner(filepath.Dir(opts.Files.Customers))
	r.AfterOp = c.hook(n)
	defer func() {
		if v := recover(); v != nil {
			if v != c {
				panic(v)
			}
			stopped = true
		}
	}()
	if _, err := r.Apply(context.Background(), scan(t, opts), ApplyOptions{Pseudonym: pseudonym, Exports: expired(opts)}); err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	return false
}

// rerun is the next purge after a crash: it finishes the interrupted run
// (or cleans up after one killed before its journal), then purges anew.
func rerun(t *testing.T, opts testScan) {
	t.Helper()
	r := testRunner(filepath.Dir(opts.Files.Customers))
	j, err := r.Pending()
	if err != nil {
		t.Fatal(err)
	}
	if j == nil {
		if err := r.Clean(opts.Files); err != nil {
			t.Fatal(err)
		}
	} else {
		if _, err := r.Resume(context.Background(), j); err != nil {
			t.Fatal(err)
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	p := scan(t, opts)
	if !p.Changed() && len(expired(opts)) == 0 {
		return
	}
	if _, err := r.Apply(context.Background(), p, ApplyOptions{Pseudonym: pseudonym, Exports: expired(opts)}); err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
}

// TestCrashAtEveryStep kills a purge after each of its steps in turn,
// reruns it, and compares every file with an uninterrupted run.
func TestCrashAtEveryStep(t *testing.T) {
	ref := shop(t)
	apply(t, ref)
	steps := 0
	for n := 1; ; n++ {
		opts := shop(t)
		if !runUntil(t, opts, n) {
			break
		}
		steps++
		rerun(t, opts)
		for _, k := range []struct{ got, want string }{
			{opts.Files.Customers, ref.Files.Customers}, {opts.Files.Sales, ref.Files.Sales},
			{opts.Files.Contacts, ref.Files.Contacts}, {opts.Files.Complaints, ref.Files.Complaints},
		} {
			if read(t, k.got) != read(t, k.want) {
				t.Errorf("crash at step %d: %s differs from an uninterrupted run", n, filepath.Base(k.got))
			}
		}
		assertNoTemps(t, filepath.Dir(opts.Files.Customers))
		if left := expired(opts); len(left) > 0 {
			t.Errorf("crash at step %d: expired exports left: %v", n, left)
		}
	}
	t.Logf("%d steps", steps)
	if steps < 20 {
		t.Errorf("only %d steps to crash at", steps)
	}
}

// TestCrashWhileResuming kills the run that finishes a killed run, at each
// of its steps, and checks that a third run still reaches the same files.
func TestCrashWhileResuming(t *testing.T) {
	ref := shop(t)
	apply(t, ref)
	for _, first := range []int{8, 21} {
		for m := 1; ; m++ {
			opts := shop(t)
			if !runUntil(t, opts, first) {
				t.Fatalf("the run has no step %d", first)
			}
			r := testRunner(filepath.Dir(opts.Files.Customers))
			r.AfterOp = (&crash{m}).hook(m)
			j, err := r.Pending()
			if err != nil || j == nil {
				t.Fatalf("no journal after a crash at step %d: %v", first, err)
			}
			if !resumeUntil(t, r, j) {
				break
			}
			rerun(t, opts)
			for _, k := range [][2]string{{opts.Files.Customers, ref.Files.Customers}, {opts.Files.Sales, ref.Files.Sales}} {
				if read(t, k[0]) != read(t, k[1]) {
					t.Errorf("crashes at %d then %d: %s differs", first, m, filepath.Base(k[0]))
				}
			}
			assertNoTemps(t, filepath.Dir(opts.Files.Customers))
		}
	}
}

// resumeUntil resumes j until the runner's hook stops it; it reports
// whether it stopped.
func resumeUntil(t *testing.T, r *Runner, j *Journal) (stopped bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(*crash); !ok {
				panic(v)
			}
			stopped = true
		}
	}()
	if _, err := r.Resume(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	return false
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n *int64
}

func (c countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// Watch sees every read of a data file, each to its end and each ended
// once, with what it is for: the progress bars of purge hang on it.
func TestWatch(t *testing.T) {
	opts := shop(t)
	type read struct {
		what       string
		size, seen int64
		done       int
	}
	var reads []*read
	opts.Watch = func(doing, path string, size int64, r io.Reader) (io.Reader, func()) {
		rd := &read{what: doing + " " + filepath.Base(path), size: size}
		reads = append(reads, rd)
		return countReader{r, &rd.seen}, func() { rd.done++ }
	}
	apply(t, opts)
	var got []string
	for _, rd := range reads {
		got = append(got, rd.what)
		if rd.seen != rd.size || rd.done != 1 {
			t.Errorf("%s: %d of %d bytes read, ended %d times; want all, once", rd.what, rd.seen, rd.size, rd.done)
		}
	}
	want := "reading holds.csv, reading customers.csv, reading sales.csv, reading contacts.csv, reading complaints.csv, " +
		"rewriting customers.csv, rewriting sales.csv, rewriting contacts.csv, rewriting complaints.csv"
	if strings.Join(got, ", ") != want {
		t.Errorf("reads:\n%s\nwant\n%s", strings.Join(got, ", "), want)
	}
}
