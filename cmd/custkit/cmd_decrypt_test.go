package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/config"
)

// TestNewCmdDecrypt maps argv to decryptOptions: the files are the
// arguments, -o the plain file, --identity the key.
func TestNewCmdDecrypt(t *testing.T) {
	newCmdTest[decryptOptions]{
		newCmd: newDecryptCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *decryptOptions {
			return &decryptOptions{Base: cmdutil.Base{Streams: s, Global: g}}
		},
	}.run(t, []newCmdCase[decryptOptions]{
		{name: "beside, with the config's identity", args: []string{"c.csv.age", "s.csv.age"},
			want: func(o *decryptOptions) { o.files = []string{"c.csv.age", "s.csv.age"} }},
		{name: "-o and --identity", args: []string{"--identity", "me.key", "c.csv.age", "-o", "back.csv"},
			want: func(o *decryptOptions) { o.files, o.identity, o.output = []string{"c.csv.age"}, "me.key", "back.csv" }},
		{name: "--output", args: []string{"--output=back.csv", "c.csv.age"},
			want: func(o *decryptOptions) { o.files, o.output = []string{"c.csv.age"}, "back.csv" }},
		{name: "no file", args: []string{"--identity", "me.key"}, err: "decrypt needs at least one file to decrypt"},
	})
}

// TestRunDecrypt: the identity opens the file to its plain bytes, written
// beside it or to -o, readable by its owner alone. An identity the file
// is not encrypted to, a member of staff without the export permission
// and a plain file already there are each refused in one line, and leave
// no file behind nor change one. Standard output is the same on a
// terminal and in a pipe.
func TestRunDecrypt(t *testing.T) {
	dir := t.TempDir()
	murata, tanaka := ageIdentity(t, murataKey), ageIdentity(t, tanakaKey)
	murataFile, tanakaFile := keyFile(t, dir, "murata.key", murataKey), keyFile(t, dir, "tanaka.key", tanakaKey)
	outsider := keyFile(t, dir, "outsider.key", newcomerKey)
	sealed := filepath.Join(dir, "customers.csv.age")
	sealFile(t, sealed, shopCustomers, murata.Recipient(), tanaka.Recipient())
	sales := filepath.Join(dir, "sales.csv.age")
	sealFile(t, sales, shopSales, murata.Recipient())
	plain := map[string]string{sealed: shopCustomers, sales: shopSales}
	staff := &cmdutil.Settings{Config: config.Config{Access: config.Access{Staff: map[string]config.Staff{
		"murata": {Recipient: murata.Recipient().String(), May: []string{config.MayExport}},
		"tanaka": {Recipient: tanaka.Recipient().String()},
	}}}}

	opts := func(s *cmdutil.Streams) *decryptOptions {
		for _, p := range []string{"customers.csv", "sales.csv", "back.csv"} {
			os.Remove(filepath.Join(dir, p))
		}
		g := &cmdutil.Global{Cfg: &cmdutil.Settings{}}
		return &decryptOptions{Base: cmdutil.Base{Streams: s, Global: g}, files: []string{sealed}, identity: murataFile}
	}
	// After each run, each output that was written holds the plain bytes
	// and is 0600; one that was refused is as it was before the run,
	// missing if it was.
	run := func(ctx context.Context, o *decryptOptions) error {
		dst := func(src string) string {
			if o.output != "" {
				return o.output
			}
			return strings.TrimSuffix(src, ".age")
		}
		before := map[string][]byte{}
		for _, src := range o.files {
			before[src] = readOrNil(dst(src))
		}
		err := runDecrypt(ctx, o)
		out := stdoutOf(o.Streams)
		for _, src := range o.files {
			got := readOrNil(dst(src))
			if strings.Contains(out, "decrypted "+src+" to "+dst(src)+"\n") {
				if string(got) != plain[src] || fileMode(dst(src)) != 0o600 {
					t.Errorf("%s: mode %#o, holds %q; want 0600 and the plain bytes", dst(src), fileMode(dst(src)), got)
				}
			} else if string(got) != string(before[src]) || (got == nil) != (before[src] == nil) {
				t.Errorf("%s was changed by a run that did not decrypt to it: %q", dst(src), got)
			}
		}
		return err
	}
	testRun(t, dir, run, opts, []runCase[decryptOptions]{
		{name: "terminal, beside", tty: true, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/customers.csv")},
		{name: "pipe, beside", stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/customers.csv")},
		{name: "-o", set: func(o *decryptOptions) { o.output = filepath.Join(dir, "back.csv") }, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/back.csv")},
		{name: "-o replaces the file it names", set: func(o *decryptOptions) {
			o.output = filepath.Join(dir, "back.csv")
			writeFiles(t, dir, map[string]string{"back.csv": "old\n"})
		}, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/back.csv")},
		{name: "two files", set: func(o *decryptOptions) { o.files = []string{sealed, sales} }, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/customers.csv",
			"decrypted $DIR/sales.csv.age to $DIR/sales.csv")},
		{name: "the identity of the config", set: func(o *decryptOptions) {
			o.identity, o.Global.Cfg = "", &cmdutil.Settings{Config: config.Config{Access: config.Access{Identity: murataFile}}}
		}, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/customers.csv")},
		{name: "a member of staff who may export", set: func(o *decryptOptions) { o.Global.Cfg = staff }, stdout: lines(
			"decrypted $DIR/customers.csv.age to $DIR/customers.csv")},
		{name: "a member of staff who may not", set: func(o *decryptOptions) { o.identity, o.Global.Cfg = tanakaFile, staff },
			stderr: lines(
				"custkit: decrypt: decrypt needs the export permission, which access.staff.tanaka.may does not give tanaka"),
			err: "1 of 1 files could not be decrypted"},
		{name: "a wrong identity", set: func(o *decryptOptions) { o.identity = outsider }, stderr: lines(
			"custkit: decrypt: $DIR/customers.csv.age is not encrypted to the identity in $DIR/outsider.key; ask whoever encrypted it to add your recipient (custkit rekey)"),
			err: "1 of 1 files could not be decrypted"},
		{name: "a wrong identity, -o", set: func(o *decryptOptions) { o.identity, o.output = outsider, filepath.Join(dir, "back.csv") }, stderr: lines(
			"custkit: decrypt: $DIR/customers.csv.age is not encrypted to the identity in $DIR/outsider.key; ask whoever encrypted it to add your recipient (custkit rekey)"),
			err: "1 of 1 files could not be decrypted"},
		{name: "one of two files not for the identity", set: func(o *decryptOptions) { o.files, o.identity = []string{sales, sealed}, tanakaFile },
			stdout: lines(
				"decrypted $DIR/customers.csv.age to $DIR/customers.csv"), stderr: lines(
				"custkit: decrypt: $DIR/sales.csv.age is not encrypted to the identity in $DIR/tanaka.key; ask whoever encrypted it to add your recipient (custkit rekey)"),
			err: "1 of 2 files could not be decrypted"},
		{name: "the plain file is there already", set: func(o *decryptOptions) {
			writeFiles(t, dir, map[string]string{"customers.csv": "customer_id\nC1\n"})
		}, stderr: lines(
			"custkit: decrypt: $DIR/customers.csv exists already; move it away, or name the output with -o"),
			err: "1 of 1 files could not be decrypted"},
		{name: "no identity", set: func(o *decryptOptions) { o.identity = "" },
			err: "$DIR/customers.csv.age is encrypted (age) and no identity was given; give --identity <file>, CUSTKIT_IDENTITY, or access: {identity: <file>} in the config file"},
		{name: "-o with two files", set: func(o *decryptOptions) { o.files, o.output = []string{sealed, sales}, filepath.Join(dir, "back.csv") },
			err: "-o names one file, and 2 were given; leave -o out to write each beside its .age file"},
		{name: "not an .age name", set: func(o *decryptOptions) { o.files = []string{filepath.Join(dir, "customers.csv")} },
			err: "$DIR/customers.csv does not end in .age; give -o <file> for its plain contents"},
	})
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// readOrNil is the file at path, nil if it cannot be read.
func readOrNil(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return data
}
