package input

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// write writes files (name, contents) into a new directory and returns it.
func write(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < len(files); i += 2 {
		if err := os.WriteFile(filepath.Join(dir, files[i]), []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readAll reads every record of in as "file:line:field0=fieldN".
func readAll(t *testing.T, in *Input, cols ...int) []string {
	t.Helper()
	var got []string
	for {
		rec, err := in.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		var fs []string
		for _, c := range cols {
			fs = append(fs, rec.Field(c))
		}
		got = append(got, filepath.Base(rec.File)+":"+strings.Join(fs, "="))
	}
}

func TestEncodingOf(t *testing.T) {
	for _, c := range []struct {
		spec, kind string
		want       charset.Encoding
		err        string
	}{
		{"", "sales", "", ""},
		{"auto", "sales", "", ""},
		{"sjis", "sales", charset.CP932, ""},
		{"sjis", "", charset.CP932, ""},
		{"customers=shift_jis,sales=utf-8", "sales", charset.UTF8, ""},
		{"customers=shift_jis,sales=utf-8", "customers", charset.CP932, ""},
		{"customers=shift_jis,sales=utf-8", "contacts", "", ""},
		{"customers=shift_jis,sales=utf-8", "", "", ""},
		{"euc-jp, sales = utf-8", "sales", charset.UTF8, ""},
		{"euc-jp, sales = utf-8", "customers", charset.EUCJP, ""},
		{"sales=utf-8,euc-jp", "sales", charset.EUCJP, ""},
		{"orders=utf-8", "sales", "", `--encoding: "orders" is not a kind of file; use customers, sales, contacts or complaints (customers=shift_jis)`},
		{"sales=latin1", "customers", "", `--encoding: unknown encoding "latin1" (known: auto, utf-8, utf-8-bom, shift_jis, cp932, euc-jp, utf-16le, utf-16be)`},
	} {
		got, err := EncodingOf(c.spec, c.kind)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("EncodingOf(%q, %q) = %q, %q; want %q, %q", c.spec, c.kind, got, msg, c.want, c.err)
		}
	}
}

func TestHeaderRowOf(t *testing.T) {
	for _, c := range []struct {
		spec, kind string
		want       int
		err        string
	}{
		{"", "sales", 0, ""},
		{"3", "sales", 3, ""},
		{"3", "", 3, ""},
		{"customers=3,sales=1", "sales", 1, ""},
		{"customers=3,sales=1", "customers", 3, ""},
		{"customers=3,sales=1", "", 0, ""},
		{"2,sales=4", "contacts", 2, ""},
		{"orders=2", "sales", 0, `--header-row: "orders" is not a kind of file; use customers, sales, contacts or complaints (customers=3)`},
		{"sales=0", "sales", 0, `--header-row: "0" is not a line number; give the header's line, 1 or more, as N or kind=N (customers=3)`},
		{"x", "sales", 0, `--header-row: "x" is not a line number; give the header's line, 1 or more, as N or kind=N (customers=3)`},
	} {
		got, err := HeaderRowOf(c.spec, c.kind)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("HeaderRowOf(%q, %q) = %d, %q; want %d, %q", c.spec, c.kind, got, msg, c.want, c.err)
		}
	}
}

func TestExpandFiles(t *testing.T) {
	dir := write(t, "s-2.csv", "", "s-1.csv", "", "odd[1].csv", "")
	got, err := ExpandFiles(" "+filepath.Join(dir, "s-*.csv")+", -,,"+filepath.Join(dir, "odd[1].csv"), "sales")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "s-1.csv"), filepath.Join(dir, "s-2.csv"), "-", filepath.Join(dir, "odd[1].csv")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	pat := filepath.Join(dir, "x-*.csv")
	if _, err := ExpandFiles(pat, "sales"); err == nil || err.Error() != `--sales: no file matches "`+pat+`"` {
		t.Errorf("no match: %v", err)
	}
}

// TestPatternOf: the pattern offered for files the shell expanded matches
// them and no other file, as ExpandFiles would expand it.
func TestPatternOf(t *testing.T) {
	t.Chdir(t.TempDir())
	mk := func(files ...string) {
		for _, f := range files {
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	sales := []string{"reg/sales-2026-01.csv", "reg/sales-2026-02.csv", "reg/sales-2026-03.csv"}
	for _, c := range []struct {
		name  string
		more  []string // the other files, made before the case
		files []string
		want  string
	}{
		{"a directory of them", nil, sales, "reg/*.csv"},
		{"other kinds of file beside them", []string{"reg/notes.txt"}, sales, "reg/*.csv"},
		{"other CSV files beside them", []string{"reg/other.csv"}, sales, "reg/sales-2026-0*.csv"},
		{"a hidden file, which the shell leaves out", []string{"reg/.sales-x.csv"}, sales, "reg/sales-2026-0*.csv"},
		{"one name in several directories", []string{"y2025/a.csv", "y2026/a.csv"}, []string{"y2025/a.csv", "y2026/a.csv"}, "*/a.csv"},
		{"names that share part of a character", []string{"売上.csv", "売下.csv", "other.csv"}, []string{"売上.csv", "売下.csv"}, "売*.csv"},
		{"directories of different depths", []string{"a/b.csv", "c.csv"}, []string{"a/b.csv", "c.csv"}, ""},
		{"one file", nil, sales[:1], ""},
		{"a name with a pattern character", []string{"odd[1].csv", "odd2.csv"}, []string{"odd[1].csv", "odd2.csv"}, ""},
	} {
		mk(sales...)
		mk(c.more...)
		got := PatternOf(c.files)
		if got != filepath.FromSlash(c.want) {
			t.Errorf("%s: PatternOf(%q) = %q, want %q", c.name, c.files, got, c.want)
		}
		if got != "" {
			if exp, err := ExpandFiles(got, "sales"); err != nil || !globIs(got, exp) || len(exp) != len(c.files) {
				t.Errorf("%s: ExpandFiles(%q) = %q, %v", c.name, got, exp, err)
			}
		}
		for _, f := range c.more {
			os.Remove(f)
		}
	}
}

func TestFileList(t *testing.T) {
	var s string
	l := FileList{P: &s}
	if err := l.Set("a.csv, b.csv,"); err != nil {
		t.Fatal(err)
	}
	if err := l.Set("c.csv"); err != nil {
		t.Fatal(err)
	}
	if s != "a.csv,b.csv,c.csv" || len(l.GetSlice()) != 3 {
		t.Errorf("after Set: %q %q", s, l.GetSlice())
	}
	if err := l.Replace([]string{"d.csv"}); err != nil || s != "d.csv" {
		t.Errorf("after Replace: %q, %v", s, err)
	}
	if err := l.Replace(nil); err != nil || l.GetSlice() != nil {
		t.Errorf("after Replace(nil): %q", l.GetSlice())
	}
}

// TestOpenChain reads two sales files as one, the second's columns in
// another order and one more column that no operation reads, and checks
// the rows come in the first file's order and the notes name both.
func TestOpenChain(t *testing.T) {
	dir := write(t,
		"s1.csv", "customer_id,receipt_id,amount\nC1,R1,100\n",
		"s2.csv", "memo,amount,customer_id,receipt_id\nx,200,C2,R2\n\nx,300,C3,R3\n")
	rec := access.New(access.Options{})
	o := New(Options{Access: rec})
	in, err := o.Open(context.Background(), filepath.Join(dir, "s*.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	id, amount := in.Binding.Col(schema.CustomerID), in.Binding.Col(schema.Amount)
	got := readAll(t, in, id, amount)
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "s1.csv:C1=100 s2.csv:C2=200 s2.csv:C3=300"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %s", got, want)
	}
	notes := strings.Join(o.Notes(), "\n")
	if !strings.HasPrefix(notes, "read 2 sales files, from "+filepath.Join(dir, "s1.csv")+" on\n"+filepath.Join(dir, "s2.csv")+": ") {
		t.Errorf("notes:\n%s", notes)
	}
	if !rec.Touched() {
		t.Error("the inputs were not recorded for the access log")
	}
}

// TestOpenKeepLines refuses, where the lines are written out, a later
// file with a column the first file has no place for.
func TestOpenKeepLines(t *testing.T) {
	dir := write(t,
		"s1.csv", "customer_id,receipt_id,amount\nC1,R1,100\n",
		"s2.csv", "customer_id,receipt_id,amount,memo\nC2,R2,200,x\n")
	o := New(Options{KeepLines: true})
	in, err := o.Open(context.Background(), filepath.Join(dir, "s1.csv")+","+filepath.Join(dir, "s2.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	for err == nil {
		_, err = in.Next()
	}
	want := `column "memo" has no place in the header of ` + filepath.Join(dir, "s1.csv") + "; the output's header is the first file's"
	if err == io.EOF || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want an error containing %q", err, want)
	}
}

func TestOpenBindError(t *testing.T) {
	dir := write(t, "c.csv", "name,phone\nA,1\n")
	_, err := New(Options{}).Open(context.Background(), filepath.Join(dir, "c.csv"), schema.Customers)
	if err == nil {
		t.Fatal("a header with no customer id was bound")
	}
}

func TestStdin(t *testing.T) {
	o := New(Options{Stdin: strings.NewReader("customer_id,name\nC1,A\n")})
	in, err := o.Open(context.Background(), "-", schema.Customers)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, in, 0, 1); strings.Join(got, " ") != "-:C1=A" {
		t.Errorf("rows %q", got)
	}
	_, err = o.Open(context.Background(), "-", schema.Customers)
	if err == nil || err.Error() != `only one input can be standard input ("-")` {
		t.Errorf("second stdin: %v", err)
	}
	_, err = New(Options{Stdin: strings.NewReader(""), StdinTTY: true}).OpenRows(context.Background(), "-", "the file argument")
	if err == nil || err.Error() != "no input: standard input is a terminal; give a file, or pipe one in" {
		t.Errorf("terminal: %v", err)
	}
}

func TestOpenLogFirst(t *testing.T) {
	logErr := errors.New("cannot open the log")
	dir := write(t, "c.csv", "customer_id\nC1\n")
	_, err := New(Options{OpenLog: func() error { return logErr }}).Open(context.Background(), filepath.Join(dir, "c.csv"), schema.Customers)
	if !errors.Is(err, logErr) {
		t.Errorf("got %v, want the log's error", err)
	}
}

// TestSourceProgress checks which inputs ask for a progress bar: a file,
// and standard input when it is a file whose size is known; not a pipe.
func TestSourceProgress(t *testing.T) {
	dir := write(t, "c.csv", "customer_id\nC1\n")
	path := filepath.Join(dir, "c.csv")
	stdinFile, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer stdinFile.Close()
	for _, tt := range []struct {
		name  string
		path  string
		stdin io.Reader
		want  string
	}{
		{"file", path, nil, "reading " + path + " 15"},
		{"stdin from a file", "-", stdinFile, "reading - 15"},
		{"stdin from a pipe", "-", strings.NewReader("customer_id\nC1\n"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var term bytes.Buffer
			d := progress.NewDisplay(&term)
			var asked []string
			o := New(Options{Stdin: tt.stdin, StartBar: func(label string, size int64) *progress.Bar {
				asked = append(asked, label+" "+itoa(size))
				return d.Start(label, size)
			}})
			src, err := o.Source(context.Background(), tt.path, schema.Customers)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(src.Reader)
			if err != nil || string(b) != "customer_id\nC1\n" {
				t.Fatalf("read %q, %v", b, err)
			}
			src.Close()
			if got := strings.Join(asked, ";"); got != tt.want {
				t.Errorf("bars asked: %q, want %q", got, tt.want)
			}
		})
	}
}

func itoa(n int64) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

func TestOnceValue(t *testing.T) {
	var s string
	v := &OnceValue{Value: FileList{P: &s}, Name: "store"}
	if err := v.Set("S1"); err != nil {
		t.Fatal(err)
	}
	if err := v.Set("S1"); err != nil {
		t.Errorf("the same value again: %v", err)
	}
	err := v.Set("S2")
	var re *RepeatedError
	if !errors.As(err, &re) || err.Error() != `--store given twice ("S1", then "S2"); it takes one value: give it once` {
		t.Errorf("got %v", err)
	}
	if !(OnceBool{v}).IsBoolFlag() {
		t.Error("OnceBool is not a boolean flag")
	}
}

// TestOpenSalesOwnBinding reads sales files of different layouts
// together: each later file's records carry its own binding, laid out as
// they are (a field the first file lacks after the first file's columns),
// and a field the first file has and a later one lacks reads as empty and
// is named in the notes.
func TestOpenSalesOwnBinding(t *testing.T) {
	dir := write(t,
		"s1.csv", "customer_id,sold_at,amount,store_id\nC1,2024-11-01 10:00,100,S1\n",
		"s2.csv", "会計時間,顧客番号,会計日,金額\n11:30,C2,2024/11/02,200\n")
	o := New(Options{})
	in, err := o.Open(context.Background(), filepath.Join(dir, "s1.csv")+","+filepath.Join(dir, "s2.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var got []string
	for {
		b, err := in.NextBlock()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		bind := in.Binding
		if own, ok := b.Meta().(*schema.Binding); ok {
			bind = own
		}
		err = b.Each(func(rec *rows.Record) error {
			f := func(fl schema.Field) string { return rec.Field(bind.Col(fl)) }
			got = append(got, strings.Join([]string{filepath.Base(rec.File), f(schema.CustomerID), f(schema.SoldAt), f(schema.SoldTime), f(schema.Amount), f(schema.StoreID)}, "|"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	want := "s1.csv|C1|2024-11-01 10:00||100|S1 s2.csv|C2|2024/11/02|11:30|200|"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, " "), want)
	}
	notes := strings.Join(o.Notes(), "\n")
	if want := filepath.Join(dir, "s2.csv") + ": no store_id column: empty in its lines"; !strings.Contains(notes, want) {
		t.Errorf("notes:\n%s\nwant a line %q", notes, want)
	}
}

// TestOpenCustomersSameFields keeps the rule for the kinds whose
// operations read every file through the first file's binding: a later
// customers file must map the same fields.
func TestOpenCustomersSameFields(t *testing.T) {
	dir := write(t,
		"c1.csv", "customer_id,name,email\nC1,A,a@example.jp\n",
		"c2.csv", "customer_id,name\nC2,B\n")
	in, err := New(Options{}).Open(context.Background(), filepath.Join(dir, "c1.csv")+","+filepath.Join(dir, "c2.csv"), schema.Customers)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	for err == nil {
		_, err = in.Next()
	}
	if want := "no column maps to email, which " + filepath.Join(dir, "c1.csv") + ` has ("email")`; err == io.EOF || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want an error containing %q", err, want)
	}
}

// TestFileSettings gives one file its own encoding and header line (the
// config's {path: …, encoding: …, header_row: …}), by name or pattern,
// over --encoding and --header-row, which apply to the other files.
func TestFileSettings(t *testing.T) {
	dir := write(t,
		"s1.csv", "customer_id,amount\nC1,100\n",
		"odd-11.csv", "\x94\x84\x8f\xe3\n\n\x8c\xda\x8b\x71\x94\xd4\x8d\x86,\x8b\xe0\x8a\x7a\nC2,200\n") // 売上 / 顧客番号,金額 in CP932
	o := New(Options{Encoding: "sales=utf-8", HeaderRow: "sales=1",
		Files: map[string]FileSettings{filepath.Join(dir, "odd-*.csv"): {Encoding: charset.CP932, HeaderRow: 3}}})
	in, err := o.Open(context.Background(), filepath.Join(dir, "s1.csv")+","+filepath.Join(dir, "odd-11.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	got := readAll(t, in, in.Binding.Col(schema.CustomerID), in.Binding.Col(schema.Amount))
	if want := "s1.csv:C1=100 odd-11.csv:C2=200"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %s", got, want)
	}
	src, err := o.Source(context.Background(), filepath.Join(dir, "odd-11.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.Encoding != charset.CP932 || src.HeaderRow != 3 {
		t.Errorf("source %s, line %d; want cp932, line 3", src.Encoding, src.HeaderRow)
	}
}

// TestOpenKeepsOrdersTogether checks that a sales file whose layout writes
// the void flag on an order's first line only (Shopify's) is read with its
// orders' lines kept together, by its own receipt column, first in a list
// or later; other files are not.
func TestOpenKeepsOrdersTogether(t *testing.T) {
	dir := write(t,
		"s1.csv", "customer_id,receipt_id,sold_at,amount\nC1,R1,2024-11-01 10:00,100\n",
		"shop.csv", "Email,Name,Financial Status,Created at,Lineitem quantity,Lineitem price\n"+
			"a@example.jp,#1,voided,2024-11-03 10:15:00 +0900,1,100\na@example.jp,#1,,2024-11-03 10:15:00 +0900,1,200\n")
	o := New(Options{Aliases: map[string]schema.Aliases{schema.Sales.Name: {schema.CustomerID: {"Email"}}}})
	for _, c := range []struct {
		files         string
		first         int
		later         string
		laterTogether int
	}{
		{"shop.csv", 1, "", 0},
		{"s1.csv,shop.csv", -1, "shop.csv", 1},
	} {
		var list []string
		for _, f := range strings.Split(c.files, ",") {
			list = append(list, filepath.Join(dir, f))
		}
		in, err := o.Open(context.Background(), strings.Join(list, ","), schema.Sales)
		if err != nil {
			t.Fatal(err)
		}
		if got := in.Together(); got != c.first {
			t.Errorf("%s: the first file kept together by column %d, want %d", c.files, got, c.first)
		}
		for {
			b, err := in.NextBlock()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(b.File()) == c.later {
				if got := in.current.Together(); got != c.laterTogether {
					t.Errorf("%s: %s kept together by column %d, want %d", c.files, c.later, got, c.laterTogether)
				}
			}
		}
		in.Close()
	}
}

// TestOpenSkipsTotals skips the totals row of each sales file of a chain
// by that file's own columns (the second file's customer id comes first,
// where its totals row writes 合計), says so per file, with the lines whose
// quantity or amount the sums took a default for; a customers file's
// totals row is left to the customers' rules (an empty id is an error).
func TestOpenSkipsTotals(t *testing.T) {
	dir := write(t,
		"s1.csv", "receipt_id,customer_id,sold_at,amount\nR1,C1,2024-11-01,100\n合計,,,100\n",
		"s2.csv", "顧客番号,売上日,数量,金額\nC2,2024/11/02,1,200\nC3,2024/11/03,,\n合計,,1,200\n",
		"c.csv", "customer_id,name\nC1,A\n合計,\n")
	o := New(Options{})
	in, err := o.Open(context.Background(), filepath.Join(dir, "s1.csv")+","+filepath.Join(dir, "s2.csv"), schema.Sales)
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, in, in.Binding.Col(schema.CustomerID))
	in.Close()
	if want := "s1.csv:C1 s2.csv:C2 s2.csv:C3"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %s", got, want)
	}
	// What the sums of record.Totals tell of s2.csv's line 3.
	later := in.parts[0].binding.Blanks
	later.Quantity.Add(3)
	later.Amount.Add(3)
	want := "read 2 sales files, from " + filepath.Join(dir, "s1.csv") + " on\n" +
		filepath.Join(dir, "s1.csv") + ": 1 totals row skipped (line 3: 合計)\n" +
		filepath.Join(dir, "s2.csv") + ": no receipt_id column: empty in its lines\n" +
		filepath.Join(dir, "s2.csv") + ": 1 totals row skipped (line 4: 合計)"
	if notes := strings.Join(o.Notes(), "\n"); notes != want {
		t.Errorf("notes:\n%s\nwant:\n%s", notes, want)
	}
	// The cells counted as 1 and 0 are warnings, which -q prints too.
	want = filepath.Join(dir, "s2.csv") + ": warning: 1 line has no quantity (line 3): counted as 1\n" +
		filepath.Join(dir, "s2.csv") + ": warning: 1 line has no amount (line 3): counted as 0"
	if warnings := strings.Join(o.Warnings(), "\n"); warnings != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", warnings, want)
	}
	c, err := New(Options{}).Open(context.Background(), filepath.Join(dir, "c.csv"), schema.Customers)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := readAll(t, c, 0); strings.Join(got, " ") != "c.csv:C1 c.csv:合計" {
		t.Errorf("customers: %q", got)
	}
}

// TestOpenOverlap gives the sales files of a list of two or more one set
// of receipts, the first file first, whatever their layouts and whether
// the command keeps their lines (join); the receipts two files both hold
// are warned of once per pair, however often the run reads them. A single
// file, and lists of other kinds, get none.
func TestOpenOverlap(t *testing.T) {
	dir := write(t,
		"s1.csv", "receipt_id,customer_id,sold_at,amount,store_id\nR1,C1,2024-11-01 10:00,100,1\nR2,C2,2024-11-02 10:00,100,1\n",
		"s2.csv", "伝票番号,会計時間,顧客番号,会計日,金額,店舗ID\nR2,10:00,C2,2024/11/02,100,1\nR3,11:30,C2,2024/11/02,200,1\n",
		"s3.csv", "店舗ID,伝票番号,顧客番号,売上日時,金額\n1,R2,C2,2024/11/02 10:00:00,100\n",
		"c1.csv", "customer_id\nC1\n", "c2.csv", "customer_id\nC2\n")
	for _, c := range []struct {
		later string
		keep  bool
	}{{"s2.csv", false}, {"s3.csv", true}} {
		list, keep := filepath.Join(dir, "s1.csv")+","+filepath.Join(dir, c.later), c.keep
		o := New(Options{KeepLines: keep})
		for range 2 { // buyers --unmatched reads the sales again
			in, err := o.Open(context.Background(), list, schema.Sales)
			if err != nil {
				t.Fatal(err)
			}
			if in.Binding.Receipts == nil || in.Binding.Receipts != o.receipts {
				t.Fatalf("keep lines %v: the first file has no set of the run's receipts", keep)
			}
			files, _, err := record.NewPerFile(record.File{Reader: in.Reader, Binding: in.Binding}, func(d *record.Decoder) (*record.SaleScanner, error) {
				return record.NewSaleScanner(d, record.SaleFilter{}, false)
			})
			if err != nil {
				t.Fatal(err)
			}
			for {
				b, err := in.NextBlock()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				s, err := files.Of(b)
				if err != nil {
					t.Fatal(err)
				}
				s = s.Clone()
				if err := b.Each(func(rec *rows.Record) error { _, _, err := s.Scan(rec); return err }); err != nil {
					t.Fatal(err)
				}
			}
			in.Close()
		}
		want := "warning: " + filepath.Join(dir, "s1.csv") + " and " + filepath.Join(dir, c.later) + " both hold receipt R2 of 2024-11-02 10:00 (store 1): the same sales exported twice are counted twice; read one of them, or export periods that do not overlap"
		if got := strings.Join(o.Warnings(), "\n"); got != want {
			t.Errorf("keep lines %v: warnings\n%s\nwant\n%s", keep, got, want)
		}
	}
	o := New(Options{})
	for _, open := range []struct {
		list string
		kind schema.Kind
	}{{filepath.Join(dir, "s1.csv"), schema.Sales}, {filepath.Join(dir, "c1.csv") + "," + filepath.Join(dir, "c2.csv"), schema.Customers}} {
		in, err := o.Open(context.Background(), open.list, open.kind)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, in)
		in.Close()
		if in.Binding.Receipts != nil {
			t.Errorf("%s: a set of receipts", open.list)
		}
	}
	if w := o.Warnings(); w != nil {
		t.Errorf("warnings %q", w)
	}
}

// The sales files of a run sample their receipts when they hold more
// than overlap.SampleAbove bytes together, and look at every one below.
func TestSalesFilesSample(t *testing.T) {
	dir := t.TempDir()
	var big, small []string
	for i, size := range []int64{40 << 20, 40 << 20, 1 << 10, 1 << 10} {
		f := filepath.Join(dir, fmt.Sprintf("sales-%d.csv", i))
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(f, size); err != nil { // sparse: nothing written
			t.Fatal(err)
		}
		if i < 2 {
			big = append(big, f)
		} else {
			small = append(small, f)
		}
	}
	skipped := func(files []string) int {
		set, n := New(Options{}).salesFiles(files), 0
		for i := range 64 {
			if set.Skips(fmt.Appendf(nil, "R%06d", i)) {
				n++
			}
		}
		return n
	}
	if n := skipped(small); n != 0 {
		t.Errorf("2 KiB of sales: %d of 64 receipts skipped, want none", n)
	}
	if n := skipped(append(big, "-")); n == 0 || n == 64 {
		t.Errorf("80 MiB of sales: %d of 64 receipts skipped, want most", n)
	}
}

// A contacts file whose last append was stopped part way (its note is
// beside it) is named in a warning, which -q prints too: its last row may
// be a part of one until the next write cuts it.
func TestUnfinishedAppendWarns(t *testing.T) {
	dir := write(t, "contacts.csv", "customer_id,contacted_at,staff,channel,summary\nC1,2026-11-22 10:00,佐藤,電話,要旨\nC2,2026-11-22 11:00,佐藤,電話,途")
	path := filepath.Join(dir, "contacts.csv")
	for _, stopped := range []bool{false, true} {
		if stopped {
			os.WriteFile(contactlog.PendingPath(path), []byte("custkit append at 98\n"), 0o600)
		}
		o := New(Options{})
		in, err := o.Open(context.Background(), path, schema.Contacts)
		if err != nil {
			t.Fatal(err)
		}
		in.Close()
		got := strings.Join(o.Warnings(), "\n")
		if want := "a write to it was stopped part way"; strings.Contains(got, want) != stopped {
			t.Errorf("stopped %v: warnings %q", stopped, got)
		}
	}
}
