package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/charset"
	"github.com/spf13/cobra"
)

// TestNewCmdJoin checks argv → joinOptions through the runF hook: no file is
// opened.
func TestNewCmdJoin(t *testing.T) {
	defaults := func(o *joinOptions) {
		o.in.Customers, o.in.Sales, o.in.Encoding = "c.csv", "s.csv", "auto"
		o.out.OutputEncoding, o.out.FormulaGuard = "utf-8", "auto"
		o.joinType = "inner"
	}
	tests := []struct {
		name string
		args []string
		want func(*joinOptions)
	}{
		{"defaults", []string{"--customers", "c.csv", "--sales", "s.csv"}, defaults},
		{"every flag", []string{"--customers", "c.csv", "--sales", "s.csv", "--type", "anti", "--unmatched", "u.csv",
			"--key-normalize", "-o", "out.tsv", "--format", "tsv", "--encoding", "cp932", "--output-encoding", "shift_jis",
			"--formula-guard", "off", "--reveal"},
			func(o *joinOptions) {
				defaults(o)
				o.joinType, o.unmatched, o.keyNormalize = "anti", "u.csv", true
				o.out.Path, o.out.Format, o.out.Reveal = "out.tsv", "tsv", true
				o.in.Encoding, o.out.OutputEncoding, o.out.FormulaGuard = "cp932", "shift_jis", "off"
			}},
		{"without sales", []string{"--customers=c.csv", "--sales=s.csv", "--customers-without-sales"},
			func(o *joinOptions) { defaults(o); o.withoutSales = true }},
		{"stdin", []string{"--customers", "c.csv", "--sales", "-", "--type=left"},
			func(o *joinOptions) { defaults(o); o.in.Sales, o.joinType = "-", "left" }},
	}
	for _, tt := range tests {
		s, _, _ := cmdutil.BufferStreams("")
		g := &cmdutil.Global{}
		var got *joinOptions
		cmd := newJoinCmd(s, g, func(_ context.Context, o *joinOptions) error {
			got = o
			return nil
		})
		cmd.SetArgs(tt.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		if err := cmd.Execute(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		want := &joinOptions{Base: cmdutil.Base{Streams: s, Global: g}}
		tt.want(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, *got, *want)
		}
	}
}

// Bad arguments are usage errors: exit status 2 and one line, before any
// file is read (the files named here do not exist).
func TestJoinUsageErrors(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--type", "outer"},
			"custkit: --type: \"outer\" is not one of inner, left, anti, semi\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--format", "xml"},
			"custkit: --format: \"xml\" is not one of csv, tsv, json, jsonl, table, markdown, vcard, xlsx\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--output-encoding", "euc-jp"},
			"custkit: --output-encoding: \"euc-jp\" is not one of utf-8, utf-8-bom, shift_jis\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--no-such-flag"},
			"custkit: join has no flag --no-such-flag\ncustkit: hint: run custkit join --help for its flags\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "extra"},
			"custkit: join takes no arguments, but was given \"extra\"\ncustkit: hint: run custkit join --help for its flags\n"},
		{[]string{"join", "--sales", "s.csv"},
			"custkit: --customers is required (or set customers: in the config file)\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--customers-without-sales", "--type", "left"},
			"custkit: --customers-without-sales lists customers; it cannot be combined with --type\n"},
		{[]string{"join", "--customers", "-", "--sales", "-"},
			"custkit: only one input can be standard input (\"-\")\n"},
		{[]string{"join", "--customers", "c.csv", "--sales", "s.csv", "--encoding", "latin-1"},
			"custkit: --encoding: unknown encoding \"latin-1\" (known: auto, utf-8, utf-8-bom, shift_jis, cp932, euc-jp, utf-16le, utf-16be)\n"},
	}
	for _, tt := range tests {
		s, out, errb := cmdutil.BufferStreams("customer_id\nC1\n")
		withStateHome(t, s)
		if code := run(tt.args, s); code != cmdutil.ExitUsage {
			t.Errorf("%q: exit status %d, want 2 (stderr %q)", tt.args, code, errb)
		}
		if errb.String() != tt.stderr || out.Len() != 0 {
			t.Errorf("%q:\n got stderr %q stdout %q\nwant stderr %q", tt.args, errb, out, tt.stderr)
		}
	}
}

// TestRunJoin checks joinOptions → output, comparing both streams exactly.
func TestRunJoin(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales,
		"dup.csv": "customer_id,name\nC1,a\nC2,b\nC1,c\n", "nokey.csv": "receipt_id,amount\nR1,100\n"})
	c, s := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	const summary = "custkit: join: 4 sales lines: 2 matched, 1 walk-in (no customer id), 1 with an unknown customer id; "
	tests := []struct {
		name           string
		set            func(*joinOptions)
		tty, quiet     bool
		stdout, stderr string
		err            string
	}{
		{name: "inner", set: func(o *joinOptions) {},
			stdout: "顧客番号,receipt_id,store_id,amount,name,phone,customer_store_id\n" +
				"C1,R1,S1,1200,山田太郎,090-1111-2222,S1\n" +
				"C2,R4,S2,800,\"Sato, Hanako\",03-1234-5678,S2\n",
			stderr: summary + "2 rows written\n"},
		{name: "left, quiet", set: func(o *joinOptions) { o.joinType = "left" }, quiet: true,
			stdout: "顧客番号,receipt_id,store_id,amount,name,phone,customer_store_id\n" +
				"C1,R1,S1,1200,山田太郎,090-1111-2222,S1\n" +
				",R2,S1,500,,,\n" +
				"C9,R3,S2,300,,,\n" +
				"C2,R4,S2,800,\"Sato, Hanako\",03-1234-5678,S2\n"},
		{name: "anti", set: func(o *joinOptions) { o.joinType = "anti" },
			stdout: "顧客番号,receipt_id,store_id,amount\nC9,R3,S2,300\n",
			stderr: summary + "1 row written\n"},
		{name: "semi as json", set: func(o *joinOptions) { o.joinType, o.out.Format = "semi", "json" },
			stdout: "[\n{\"顧客番号\":\"C1\",\"receipt_id\":\"R1\",\"store_id\":\"S1\",\"amount\":1200},\n" +
				"{\"顧客番号\":\"C2\",\"receipt_id\":\"R4\",\"store_id\":\"S2\",\"amount\":800}\n]\n",
			stderr: summary + "2 rows written\n"},
		{name: "customers without sales", set: func(o *joinOptions) { o.withoutSales = true },
			stdout: "customer_id,name,phone,store_id\nC3,鈴木一郎,,S1\n",
			stderr: summary + "1 row written\n"},
		{name: "terminal: a masked table", set: func(o *joinOptions) {}, tty: true,
			stdout: "┌──────────┬────────────┬──────────┬────────┬───────────┬───────────────┬───────────────────┐\n" +
				"│ 顧客番号 │ receipt_id │ store_id │ amount │ name      │ phone         │ customer_store_id │\n" +
				"├──────────┼────────────┼──────────┼────────┼───────────┼───────────────┼───────────────────┤\n" +
				"│ C1       │ R1         │ S1       │ 1200   │ 山***     │ ***-****-2222 │ S1                │\n" +
				"│ C2       │ R4         │ S2       │ 800    │ S******** │ **-****-5678  │ S2                │\n" +
				"└──────────┴────────────┴──────────┴────────┴───────────┴───────────────┴───────────────────┘\n",
			stderr: summary + "2 rows written\n"},
		{name: "key normalize", set: func(o *joinOptions) { o.joinType, o.keyNormalize = "semi", true },
			stdout: "顧客番号,receipt_id,store_id,amount\nC1,R1,S1,1200\nC2,R4,S2,800\n",
			stderr: summary + "2 rows written\n" +
				"custkit: join: --key-normalize changed 0 customer ids and 0 sales ids\n"},
		{name: "duplicate customer", set: func(o *joinOptions) { o.in.Customers = filepath.Join(dir, "dup.csv") },
			err: filepath.Join(dir, "dup.csv") + `:4: column "customer_id": "C1" appears again (first on line 2); customer ids must be unique`},
		{name: "no customer id column", set: func(o *joinOptions) { o.in.Sales = filepath.Join(dir, "nokey.csv") },
			err: filepath.Join(dir, "nokey.csv") + ":1: no column maps to customer_id (tried customer_id, customer_no, "},
	}
	for _, tt := range tests {
		st, out, errb := cmdutil.BufferStreams("")
		st.StdoutTTY = tt.tty
		o := &joinOptions{Base: cmdutil.Base{Streams: st, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: tt.quiet}}, joinType: "inner"}
		o.in.Customers, o.in.Sales, o.in.Encoding = c, s, "auto"
		o.out.OutputEncoding, o.out.FormulaGuard = "utf-8", "auto"
		tt.set(o)
		err := runJoin(context.Background(), o)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) || out.Len() != 0 {
				t.Errorf("%s: got %v (stdout %q), want %s", tt.name, err, out, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if out.String() != tt.stdout || errb.String() != tt.stderr {
			t.Errorf("%s:\n got stdout %q\n    stderr %q\nwant stdout %q\n    stderr %q", tt.name, out, errb, tt.stdout, tt.stderr)
		}
	}
}

// -o and --unmatched are written atomically: complete files with the right
// modes on success, nothing at all on failure.
func TestRunJoinOutputFiles(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales,
		"bad.csv": testSales + "C1,R5,S1,abc\n"})
	st, out, errb := cmdutil.BufferStreams("")
	o := &joinOptions{Base: cmdutil.Base{Streams: st, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: true}}, joinType: "inner"}
	o.in.Customers, o.in.Sales, o.in.Encoding = filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv"), "auto"
	o.out.OutputEncoding, o.out.FormulaGuard = "utf-8", "auto"
	o.out.Path, o.unmatched = filepath.Join(dir, "out.csv"), filepath.Join(dir, "unknown.csv")
	if err := runJoin(context.Background(), o); err != nil || out.Len() != 0 || errb.Len() != 0 {
		t.Fatalf("%v %q %q", err, out, errb)
	}
	for name, want := range map[string]struct {
		data string
		mode os.FileMode
	}{
		"out.csv": {"顧客番号,receipt_id,store_id,amount,name,phone,customer_store_id\n" +
			"C1,R1,S1,1200,山田太郎,090-1111-2222,S1\nC2,R4,S2,800,\"Sato, Hanako\",03-1234-5678,S2\n", 0o600},
		"unknown.csv": {"顧客番号,receipt_id,store_id,amount\nC9,R3,S2,300\n", 0o644},
	} {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		fi, _ := os.Stat(p)
		if err != nil || string(data) != want.data || fi.Mode().Perm() != want.mode {
			t.Errorf("%s: %q %v, want %q with mode %v", name, data, err, want.data, want.mode)
		}
	}

	// With --customers-without-sales the unknown sales lines still go to
	// --unmatched.
	o.withoutSales = true
	o.out.Path, o.unmatched = filepath.Join(dir, "nosales.csv"), filepath.Join(dir, "unknown.csv")
	if err := runJoin(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"nosales.csv": "customer_id,name,phone,store_id\nC3,鈴木一郎,,S1\n",
		"unknown.csv": "顧客番号,receipt_id,store_id,amount\nC9,R3,S2,300\n",
	} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(data) != want {
			t.Errorf("without sales, %s: %q %v, want %q", name, data, err, want)
		}
	}
	o.withoutSales = false

	// A bad amount on the last line fails the join: no -o file, no
	// --unmatched file, not even the rows before it.
	o.in.Sales = filepath.Join(dir, "bad.csv")
	o.out.Path, o.unmatched = filepath.Join(dir, "out2.csv"), filepath.Join(dir, "unknown2.csv")
	err := runJoin(context.Background(), o)
	if err == nil || err.Error() != filepath.Join(dir, "bad.csv")+`:6: column "amount": "abc" is not a number` {
		t.Errorf("got %v", err)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{"bad.csv", "c.csv", "nosales.csv", "out.csv", "s.csv", "unknown.csv"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files after a failed join: %q, want %q", names, want)
	}
}

// TestJoinConfigPrecedence runs the whole command: a flag beats a CUSTKIT_*
// variable, which beats the config file, which beats the default; paths in
// the config file are relative to the file's own directory.
func TestJoinConfigPrecedence(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"shop/data/c.csv":   testCustomers,
		"shop/data/s.csv":   testSales,
		"shop/custkit.yaml": "customers: data/c.csv\nsales: data/s.csv\ntype: left\nquiet: true\n",
		"other/s.csv":       "customer_id,receipt_id\nC3,R9\n",
	})
	cfg := filepath.Join(dir, "shop", "custkit.yaml")
	const (
		joined = "顧客番号,receipt_id,store_id,amount,name,phone,customer_store_id\n"
		c1     = "C1,R1,S1,1200,山田太郎,090-1111-2222,S1\n"
		c2     = "C2,R4,S2,800,\"Sato, Hanako\",03-1234-5678,S2\n"
	)
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		stdout string
	}{
		{"config file", []string{"join", "--config", cfg}, nil,
			joined + c1 + ",R2,S1,500,,,\nC9,R3,S2,300,,,\n" + c2},
		{"config file from CUSTKIT_CONFIG", []string{"join"}, map[string]string{"CUSTKIT_CONFIG": cfg},
			joined + c1 + ",R2,S1,500,,,\nC9,R3,S2,300,,,\n" + c2},
		{"environment beats the file", []string{"join", "--config", cfg}, map[string]string{"CUSTKIT_TYPE": "anti"},
			"顧客番号,receipt_id,store_id,amount\nC9,R3,S2,300\n"},
		{"flag beats the environment", []string{"join", "--config", cfg, "--type", "semi"}, map[string]string{"CUSTKIT_TYPE": "anti"},
			"顧客番号,receipt_id,store_id,amount\nC1,R1,S1,1200\nC2,R4,S2,800\n"},
		{"environment path", []string{"join", "--config", cfg},
			map[string]string{"CUSTKIT_SALES": filepath.Join(dir, "other", "s.csv"), "CUSTKIT_TYPE": "inner"},
			"customer_id,receipt_id,name,phone,store_id\nC3,R9,鈴木一郎,,S1\n"},
		{"flag path is not resolved against the config", []string{"join", "--config", cfg, "--type", "inner",
			"--customers", filepath.Join(dir, "shop", "data", "c.csv")}, nil, joined + c1 + c2},
		{"defaults without a config", []string{"join", "-q", "--customers", filepath.Join(dir, "shop", "data", "c.csv"),
			"--sales", filepath.Join(dir, "shop", "data", "s.csv")}, nil, joined + c1 + c2},
	}
	for _, tt := range tests {
		s, out, errb := cmdutil.BufferStreams("")
		s.Getenv = func(k string) string { return tt.env[k] }
		withStateHome(t, s)
		if code := run(tt.args, s); code != cmdutil.ExitOK {
			t.Errorf("%s: exit status %d: %s", tt.name, code, errb)
			continue
		}
		if out.String() != tt.stdout || errb.Len() != 0 {
			t.Errorf("%s:\n got %q (stderr %q)\nwant %q", tt.name, out, errb, tt.stdout)
		}
	}

	// A bad value in the file or the environment names where it came from.
	writeFiles(t, dir, map[string]string{"shop/bad.yaml": "type: outer\n"})
	s, _, errb := cmdutil.BufferStreams("")
	code := run([]string{"join", "--config", filepath.Join(dir, "shop", "bad.yaml")}, s)
	if want := "custkit: " + filepath.Join(dir, "shop", "bad.yaml") + ": type: \"outer\" is not one of inner, left, anti, semi\n"; code != cmdutil.ExitUsage || errb.String() != want {
		t.Errorf("bad config value: %d %q, want %q", code, errb, want)
	}
	s, _, errb = cmdutil.BufferStreams("")
	s.Getenv = func(k string) string { return map[string]string{"CUSTKIT_TYPE": "outer"}[k] }
	code = run([]string{"join", "--config", cfg}, s)
	if want := "custkit: CUSTKIT_TYPE: \"outer\" is not one of inner, left, anti, semi\n"; code != cmdutil.ExitUsage || errb.String() != want {
		t.Errorf("bad environment value: %d %q, want %q", code, errb, want)
	}
	s, _, errb = cmdutil.BufferStreams("")
	code = run([]string{"join", "--config", filepath.Join(dir, "missing.yaml")}, s)
	if code != cmdutil.ExitFailure || !strings.Contains(errb.String(), "custkit: hint: check the path given to --config\n") {
		t.Errorf("missing config: %d %q", code, errb)
	}
}

// An input of "-" on a terminal is refused before anything is read: the
// read would wait for typed rows, and Ctrl-C cannot stop it.
func TestStdinTerminal(t *testing.T) {
	for _, args := range [][]string{
		{"join", "--customers", "-", "--sales", "s.csv"},
		{"redact", "--drop", "name"},
		{"check", "--customers", "-"},
	} {
		s, out, errb := cmdutil.BufferStreams("customer_id\nC1\n")
		withStateHome(t, s)
		s.StdinTTY = true
		code := run(args, s)
		if want := "custkit: no input: standard input is a terminal; give a file, or pipe one in\n"; code != cmdutil.ExitUsage || errb.String() != want || out.Len() != 0 {
			t.Errorf("%q: exit status %d, stderr %q, stdout %q; want 2 and %q", args, code, errb, out, want)
		}
	}
}

// salesThenCP932Line returns a sales file of 70 KiB of lines R<n>,<line>,
// in UTF-8, then one line whose memo is 九谷焼 in CP932, CRLF throughout.
func salesThenCP932Line(line string) string {
	var sales strings.Builder
	sales.WriteString("receipt_id,customer_id,amount,memo\r\n")
	for i := 0; sales.Len() < 70<<10; i++ {
		sales.WriteString("R" + strconv.Itoa(i) + "," + line + "\r\n")
	}
	sales.WriteString("R0,C1,100,\x8b\xe3\x92\x4a\x8f\xc4\r\n") // 九谷焼 in CP932
	return sales.String()
}

// TestEncodingHints checks the hints that follow an encoding error in any
// command: a UTF-8 file with a Shift_JIS line appended (two exports pasted
// together) fails at that line, and a character Shift_JIS lacks cannot be
// written.
func TestEncodingHints(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"c.csv": "customer_id,name\nC1,𠮷田\n",
		"s.csv": salesThenCP932Line("C1,100,湯呑"),
	})
	for _, tt := range []struct {
		args []string
		hint string
	}{
		{[]string{"join", "--customers", filepath.Join(dir, "c.csv"), "--sales", filepath.Join(dir, "s.csv")},
			"custkit: hint: the encoding is guessed from the start of each file unless --encoding names it (shift_jis, euc-jp, utf-16le, utf-8), for every input or per kind (customers=shift_jis,sales=utf-8)\n"},
		{[]string{"redact", filepath.Join(dir, "c.csv"), "--drop", "customer_id", "--output-encoding", "shift_jis"},
			"custkit: hint: change the character in the input (𠮷 → 吉), or write --output-encoding utf-8-bom, which has every character\n"},
	} {
		s, _, errb := cmdutil.BufferStreams("")
		withStateHome(t, s)
		if code := run(tt.args, s); code != cmdutil.ExitFailure || !strings.HasSuffix(errb.String(), tt.hint) {
			t.Errorf("%q: exit status %d, stderr %q; want 1 and the hint %q", tt.args, code, errb, tt.hint)
		}
	}
}

// TestShiftJISAfterASCII: a Shift_JIS export whose first 70 KiB are plain
// ASCII (English headers, codes) is still read as Shift_JIS: detection
// looks on to its first Japanese text.
func TestShiftJISAfterASCII(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"c.csv": "customer_id,name\nC1,山田\n",
		"s.csv": salesThenCP932Line("C2,100,plain"),
	})
	s, out, errb := cmdutil.BufferStreams("")
	withStateHome(t, s)
	args := []string{"join", "-q", "--customers", filepath.Join(dir, "c.csv"), "--sales", filepath.Join(dir, "s.csv")}
	want := "receipt_id,customer_id,amount,memo,name\nR0,C1,100,九谷焼,山田\n"
	if code := run(args, s); code != cmdutil.ExitOK || out.String() != want {
		t.Errorf("exit status %d, stdout %q, stderr %q; want 0 and %q", code, out, errb, want)
	}
}

// TestInputFlagsHelp checks that the input flags say the same thing in
// every command: each file flag takes "-", and --encoding lists every
// name it accepts.
func TestInputFlagsHelp(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			visit(sub)
		}
		for _, name := range []string{"customers", "sales", "contacts", "complaints"} {
			if f := c.Flags().Lookup(name); f != nil && !strings.Contains(f.Usage, `"-" for standard input`) {
				t.Errorf("%s --%s: %q does not say that - is standard input", c.CommandPath(), name, f.Usage)
			}
		}
		if f := c.Flags().Lookup("encoding"); f != nil {
			for _, n := range charset.InputNames {
				if !strings.Contains(f.Usage, n) {
					t.Errorf("%s --encoding: %q does not list %s", c.CommandPath(), f.Usage, n)
				}
			}
		}
	}
	visit(newRootCmd(s, nil))
}

// A side output on standard output beside a main output there would mix
// two CSV files in one stream; beside an -o file it is fine.
func TestSidecarOnStdout(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	c, sales := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	s, out, errb := cmdutil.BufferStreams("")
	withStateHome(t, s)
	code := run([]string{"join", "--customers", c, "--sales", sales, "--unmatched", "-"}, s)
	if want := "custkit: --unmatched - would mix its rows into the main output on standard output; give it a file, or write the main output with -o\n"; code != cmdutil.ExitUsage || out.Len() != 0 || errb.String() != want {
		t.Errorf("--unmatched - with the main output on stdout: exit status %d, stdout %q, stderr %q; want 2, nothing written and %q", code, out, errb, want)
	}
	s, out, errb = cmdutil.BufferStreams("")
	withStateHome(t, s)
	code = run([]string{"join", "--customers", c, "--sales", sales, "--unmatched", "-", "-o", filepath.Join(dir, "j.csv")}, s)
	if want := "顧客番号,receipt_id,store_id,amount\nC9,R3,S2,300\n"; code != cmdutil.ExitOK || out.String() != want {
		t.Errorf("--unmatched - with -o: exit status %d, stdout %q, stderr %q; want 0 and %q", code, out, errb, want)
	}
}

// A side output that names the main output's file or an input is refused,
// by its own flag.
func TestSidecarFileClash(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"c.csv": testCustomers, "s.csv": testSales})
	c, sales, j := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "j.csv")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"join", "--customers", c, "--sales", sales, "-o", j, "--unmatched", j},
			"custkit: --unmatched and -o both name " + j + "; give each its own file\n"},
		{[]string{"buyers", "--customers", c, "--sales", sales, "--unmatched", sales},
			"custkit: --unmatched " + sales + " is also an input; write to another file\n"},
	} {
		s, out, errb := cmdutil.BufferStreams("")
		withStateHome(t, s)
		if code := run(tt.args, s); code != cmdutil.ExitUsage || out.Len() != 0 || errb.String() != tt.want {
			t.Errorf("%q: exit status %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errb, tt.want)
		}
	}
	if _, err := os.Stat(j); !os.IsNotExist(err) {
		t.Errorf("%s was written", j)
	}
}
