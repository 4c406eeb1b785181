package main

// The helpers every command test shares. Each cmd_<verb>_test.go has the
// same two tests: TestNewCmd<Verb> (argv in, the options struct out, through
// a runF that only captures it: no file is opened) and TestRun<Verb> (an
// options struct in, both streams out, with standard output a terminal and
// not). They test the commands through newXCmd and runX alone, so that the
// code behind them can move without the tests changing.

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/spf13/cobra"
)

const (
	testCustomers = "customer_id,name,phone,store_id\n" +
		"C1,山田太郎,090-1111-2222,S1\n" +
		"C2,\"Sato, Hanako\",03-1234-5678,S2\n" +
		"C3,鈴木一郎,,S1\n"
	testSales = "顧客番号,receipt_id,store_id,amount\n" +
		"C1,R1,S1,1200\n" +
		",R2,S1,500\n" +
		"C9,R3,S2,300\n" +
		"C2,R4,S2,800\n"
)

// The shop of the TestRun tests, as of 2026-11-22: C1 came twice in
// November (receipts R1 and R5), C2 once, C3 once, in September of the year before, a walk-in
// bought chopsticks, and C9 is not in the customers file. C1's anniversary
// and C2's birthday fall in the month after the as-of date; C3 takes no
// mail and has no address.
const (
	shopAsOf      = "2026-11-22"
	shopCustomers = "customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in\n" +
		"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1\n" +
		"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1\n" +
		"C3,鈴木 一郎,スズキ イチロウ,1990-01-20,,ichiro@example.jp,,,S2,2020-02-02,,0,0\n"
	shopSales = "receipt_id,customer_id,sold_at,store_id,product_id,product_name,category,quantity,amount\n" +
		"R1,C1,2026-11-01 10:00:00,S1,P1,湯呑み,器,2,6600\n" +
		"R1,C1,2026-11-01 10:00:00,S1,P2,急須,器,1,5500\n" +
		"R2,C2,2026-11-02 11:00:00,S1,P1,湯呑み,器,1,3300\n" +
		"R3,,2026-11-03 12:00:00,S2,P3,箸,雑貨,1,800\n" +
		"R4,C3,2025-09-15 15:00:00,S2,P2,急須,器,1,5500\n" +
		"R4,C3,2025-09-15 15:00:00,S2,P3,箸,雑貨,2,1600\n" +
		"R5,C1,2026-11-20 16:00:00,S2,P3,箸,雑貨,1,800\n" +
		"R6,C9,2026-11-21 17:00:00,S2,P1,湯呑み,器,1,3300\n"
)

// writeFiles writes name → content into dir and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// shopFiles writes the shop's customers.csv and sales.csv into a new
// temporary directory and returns their paths.
func shopFiles(t *testing.T) (customers, sales string) {
	t.Helper()
	dir := writeFiles(t, t.TempDir(), map[string]string{"customers.csv": shopCustomers, "sales.csv": shopSales})
	return filepath.Join(dir, "customers.csv"), filepath.Join(dir, "sales.csv")
}

// withStateHome points a test run's state directory (the access log and the
// export manifest) at a temporary directory, keeping s's other variables:
// a test that runs a command reading customer data through run() needs it,
// as the real command fails rather than read without leaving a record.
func withStateHome(t *testing.T, s *cmdutil.Streams) string {
	t.Helper()
	dir := t.TempDir()
	inState(s, dir)
	return dir
}

// inState makes dir the state directory of the runs on s.
func inState(s *cmdutil.Streams, dir string) {
	base := s.Getenv
	s.Getenv = func(k string) string {
		if k == "XDG_STATE_HOME" {
			return dir
		}
		return base(k)
	}
}

// cmdConstructor is the shape of every command's constructor: the streams,
// the global options, and a runF that is called with the parsed options
// instead of the command's runX when it is not nil.
type cmdConstructor[O any] func(*cmdutil.Streams, *cmdutil.Global, func(context.Context, *O) error) *cobra.Command

// newCmdCase is one row of a TestNewCmd<Verb> table: the arguments, and
// either the options they give (want edits the defaults) or the error
// they fail with.
type newCmdCase[O any] struct {
	name string
	args []string
	want func(*O)
	err  string
}

// newCmdTest is what a TestNewCmd<Verb> needs besides its cases: the
// constructor and the options of a command given no flags.
type newCmdTest[O any] struct {
	newCmd   cmdConstructor[O]
	defaults func(s *cmdutil.Streams, g *cmdutil.Global) *O
}

// run parses each case's arguments through the constructor with a runF
// that captures the options, and compares the whole options struct.
func (nt newCmdTest[O]) run(t *testing.T, cases []newCmdCase[O]) {
	t.Helper()
	for _, tt := range cases {
		s, _, _ := cmdutil.BufferStreams("")
		g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
		var got *O
		cmd := nt.newCmd(s, g, func(_ context.Context, o *O) error {
			got = o
			return nil
		})
		cmd.SetArgs(tt.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.Execute()
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: got error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got == nil {
			t.Errorf("%s: %v (runF called: %v)", tt.name, err, got != nil)
			continue
		}
		want := nt.defaults(s, g)
		if tt.want != nil {
			tt.want(want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, *got, *want)
		}
	}
}

// runCase is one row of a TestRun<Verb> table: set edits the options,
// tty says whether standard output is a terminal, and the two streams and
// the error (its text, "" for none) are compared exactly.
type runCase[O any] struct {
	name           string
	tty            bool
	set            func(*O)
	stdout, stderr string
	err            string
}

// testRun calls run with the options opts builds over test streams, edited
// by each case, and compares standard output, standard error and the
// error exactly, after writing dir (the test's directory, if not "") as
// $DIR in all three.
func testRun[O any](t *testing.T, dir string, run func(context.Context, *O) error, opts func(*cmdutil.Streams) *O, cases []runCase[O]) {
	t.Helper()
	for _, tt := range cases {
		s, out, errb := cmdutil.BufferStreams("")
		s.StdoutTTY = tt.tty
		o := opts(s)
		if tt.set != nil {
			tt.set(o)
		}
		err := run(context.Background(), o)
		got := []string{errText(err), out.String(), errb.String()}
		if dir != "" {
			for i := range got {
				got[i] = strings.ReplaceAll(got[i], dir, "$DIR")
			}
		}
		if got[0] != tt.err || got[1] != tt.stdout || got[2] != tt.stderr {
			t.Errorf("%s (terminal %v):\n got error %q\n    stdout %s\n    stderr %s\nwant error %q\n    stdout %q\n    stderr %q",
				tt.name, tt.tty, got[0], goLines(got[1]), goLines(got[2]), tt.err, tt.stdout, tt.stderr)
		}
	}
}

// goLines writes s as the Go expression that gives it, in lines() when
// s is whole lines, so that a failure shows what to write in the test.
func goLines(s string) string {
	body, ok := strings.CutSuffix(s, "\n")
	if !ok || body == "" {
		return strconv.Quote(s)
	}
	var b strings.Builder
	b.WriteString("lines(\n")
	for _, l := range strings.Split(body, "\n") {
		b.WriteString("\t" + strconv.Quote(l) + ",\n")
	}
	b.WriteString(")")
	return b.String()
}

// lines joins ls with a newline after each, for expected outputs.
func lines(ls ...string) string {
	return strings.Join(ls, "\n") + "\n"
}

// defaultIn and defaultOut are the input and output flags of a command
// given none of them.
func defaultIn() cmdutil.Inputs { return cmdutil.Inputs{Encoding: "auto"} }
func defaultOut() cmdutil.Output {
	return cmdutil.Output{OutputEncoding: "utf-8", FormulaGuard: "auto"}
}

// errText is err's text, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// parseWithin is the period p, as a --within flag reads it.
func parseWithin(t *testing.T, p string) parse.Period {
	t.Helper()
	v, err := parse.ParsePeriod(p)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// keyFile writes the age identity key as dir/name, readable by its owner
// alone as custkit requires, and returns its path.
func keyFile(t *testing.T, dir, name, key string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// sealFile writes data as path, encrypted to rs with age's own library.
func sealFile(t *testing.T, path, data string, rs ...age.Recipient) {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rs...)
	if err == nil {
		_, err = io.WriteString(w, data)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = os.WriteFile(path, buf.Bytes(), 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// openSealed decrypts the file at path with id through age's own library,
// so that a test does not trust custkit's reader to check its writer.
func openSealed(path string, id age.Identity) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		return "", err
	}
	plain, err := io.ReadAll(r)
	return string(plain), err
}

// fileMode is the permission bits of the file at path, 0 if it is missing.
func fileMode(path string) os.FileMode {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Mode().Perm()
}

// stdoutOf is what a run on the test streams s (cmdutil.BufferStreams)
// has printed on standard output so far.
func stdoutOf(s *cmdutil.Streams) string {
	return s.Out.(interface{ String() string }).String()
}
