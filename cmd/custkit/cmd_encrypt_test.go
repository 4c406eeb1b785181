package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/config"
)

// TestNewCmdEncrypt maps argv to encryptOptions: the files are the
// arguments, the recipients --to (repeated) and --to-file.
func TestNewCmdEncrypt(t *testing.T) {
	const r1, r2 = "age1fd8dta2k6t3w7fez37f3h06h3clky4jmw6scquqcnz5644nak3sscdgp2w", "age1vqcexky948kn07crann6vfq8twf8mzn0hgsx762x4w3svveegppstcez75"
	newCmdTest[encryptOptions]{
		newCmd: newEncryptCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *encryptOptions {
			return &encryptOptions{Base: cmdutil.Base{Streams: s, Global: g}}
		},
	}.run(t, []newCmdCase[encryptOptions]{
		{name: "to the config's recipients", args: []string{"customers.csv"},
			want: func(o *encryptOptions) { o.files = []string{"customers.csv"} }},
		{name: "several files, --to repeated", args: []string{"--to", r1, "c.csv", "--to", r2, "s.csv"},
			want: func(o *encryptOptions) { o.files, o.to = []string{"c.csv", "s.csv"}, []string{r1, r2} }},
		{name: "--to-file", args: []string{"--to-file", "staff.txt", "c.csv"},
			want: func(o *encryptOptions) { o.files, o.toFile = []string{"c.csv"}, "staff.txt" }},
		{name: "no file", args: []string{"--to", r1}, err: "encrypt needs at least one file to encrypt"},
	})
}

// TestRunEncrypt: each file is replaced by its .age version, which only
// the recipients open, to the same bytes, and which is the owner's alone;
// the plain file is shredded. A file already encrypted, or one that
// cannot be read, is named on standard error and the others are still
// encrypted; a recipient that is not one stops the run before any file is
// touched. Standard output is the same on a terminal and in a pipe.
func TestRunEncrypt(t *testing.T) {
	dir := t.TempDir()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	recipient := id.Recipient().String()
	writeFiles(t, dir, map[string]string{"staff.txt": "# the shop's keys\n" + recipient + "\n"})
	old := filepath.Join(dir, "old.csv.age")
	sealFile(t, old, shopSales, id.Recipient())
	plain := map[string]string{"customers.csv": shopCustomers, "sales.csv": shopSales}
	path := func(name string) string { return filepath.Join(dir, name) }

	opts := func(s *cmdutil.Streams) *encryptOptions {
		for name := range plain {
			os.Remove(path(name) + ".age")
		}
		writeFiles(t, dir, plain)
		// -q: the caveats of the file system the test runs on are not the test's
		g := &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: true}
		return &encryptOptions{Base: cmdutil.Base{Streams: s, Global: g}, files: []string{path("customers.csv"), path("sales.csv")}, to: []string{recipient}}
	}
	// After each run, a plain file with an .age version is gone, and the
	// .age file is 0600 and opens with the recipient's key, not another,
	// to the plain bytes; a plain file without one is as it was.
	run := func(ctx context.Context, o *encryptOptions) error {
		err := runEncrypt(ctx, o)
		for name, want := range plain {
			sealed := path(name) + ".age"
			if _, err := os.Stat(sealed); err != nil {
				if got, err := os.ReadFile(path(name)); err != nil || string(got) != want {
					t.Errorf("%s not encrypted, and not left as it was: %v", name, err)
				}
				continue
			}
			if _, err := os.Stat(path(name)); !os.IsNotExist(err) {
				t.Errorf("%s encrypted, and the plain file is still there (%v)", name, err)
			}
			if m := fileMode(sealed); m != 0o600 {
				t.Errorf("%s.age has mode %#o, want 0600", name, m)
			}
			if got, err := openSealed(sealed, id); err != nil || got != want {
				t.Errorf("%s.age does not open to the plain bytes: %v\n%s", name, err, got)
			}
			if _, err := openSealed(sealed, other); err == nil {
				t.Errorf("%s.age opens with a key that is not a recipient", name)
			}
		}
		return err
	}
	encrypted := lines(
		"encrypted $DIR/customers.csv to $DIR/customers.csv.age",
		"encrypted $DIR/sales.csv to $DIR/sales.csv.age",
		"shredded $DIR/customers.csv",
		"shredded $DIR/sales.csv")
	testRun(t, dir, run, opts, []runCase[encryptOptions]{
		{name: "terminal", tty: true, stdout: encrypted},
		{name: "pipe", stdout: encrypted},
		{name: "--to-file", set: func(o *encryptOptions) { o.to, o.toFile = nil, path("staff.txt") }, stdout: encrypted},
		{name: "the config's recipients", set: func(o *encryptOptions) {
			o.to, o.Global.Cfg = nil, &cmdutil.Settings{Config: config.Config{Access: config.Access{Recipients: []string{recipient}}}}
		}, stdout: encrypted},
		{name: "a file encrypted already", set: func(o *encryptOptions) { o.files = []string{path("customers.csv"), old} },
			stdout: lines(
				"encrypted $DIR/customers.csv to $DIR/customers.csv.age",
				"shredded $DIR/customers.csv"), stderr: lines(
				"custkit: encrypt: $DIR/old.csv.age is encrypted already"), err: "1 of 2 files could not be encrypted"},
		{name: "a missing file", set: func(o *encryptOptions) { o.files = []string{path("gone.csv"), path("sales.csv")} },
			stdout: lines(
				"encrypted $DIR/sales.csv to $DIR/sales.csv.age",
				"shredded $DIR/sales.csv"), stderr: lines(
				"custkit: encrypt: open $DIR/gone.csv: no such file or directory"), err: "1 of 2 files could not be encrypted"},
		{name: "a bad recipient", set: func(o *encryptOptions) { o.to = []string{recipient, "age1nothing"} },
			err: `--to: "age1nothing" is not an age recipient (a public key such as age1...; age-keygen -y <identity file> prints one)`},
		// the secret key is not printed whole
		{name: "a secret key for a recipient", set: func(o *encryptOptions) { o.to = []string{id.String()} },
			err: `--to: "AGE-SECRET-KEY-…" is not an age recipient (a public key such as age1...; age-keygen -y <identity file> prints one)`},
		{name: "no recipient", set: func(o *encryptOptions) { o.to = nil },
			err: "encrypt needs a recipient: give --to age1... or --to-file <file>, or set access: {recipients: [age1...]} in the config file"},
	})
	if got, err := openSealed(old, id); err != nil || got != shopSales {
		t.Errorf("the file encrypted already was changed: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
