package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/config"
)

// TestNewCmdRekey maps argv to rekeyOptions: the files to re-encrypt,
// the recipients and the identity.
func TestNewCmdRekey(t *testing.T) {
	const r1 = "age1fd8dta2k6t3w7fez37f3h06h3clky4jmw6scquqcnz5644nak3sscdgp2w"
	newCmdTest[rekeyOptions]{
		newCmd: newRekeyCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *rekeyOptions {
			return &rekeyOptions{Base: cmdutil.Base{Streams: s, Global: g}}
		},
	}.run(t, []newCmdCase[rekeyOptions]{
		{name: "from the config", args: nil, want: func(o *rekeyOptions) {}},
		{name: "files and recipients", args: []string{"--customers", "c.csv.age", "--sales", "s1.age,s2.age", "--to", r1, "--to-file", "staff.txt", "--identity", "me.key"},
			want: func(o *rekeyOptions) {
				o.in.Customers, o.in.Sales, o.to, o.toFile, o.identity = "c.csv.age", "s1.age,s2.age", []string{r1}, "staff.txt", "me.key"
			}},
		{name: "force", args: []string{"--to", r1, "--force"},
			want: func(o *rekeyOptions) { o.to, o.force = []string{r1}, true }},
		{name: "an argument", args: []string{"c.csv.age"}, err: `rekey takes no arguments, but was given "c.csv.age"`},
	})
}

// TestRunRekey: the files are encrypted to murata and tanaka, and tanaka
// leaves: rekey to the config's recipients, murata alone, leaves files
// that tanaka's key no longer opens and murata's opens to the same bytes,
// and nothing beside them. A run that would lock its own identity out, a
// recipient that is not one, or an identity that opens none of the files
// changes nothing. Standard output is the same on a terminal and in a
// pipe.
func TestRunRekey(t *testing.T) {
	dir := t.TempDir()
	ids := map[string]*age.X25519Identity{"murata": ageIdentity(t, murataKey), "tanaka": ageIdentity(t, tanakaKey), "newcomer": ageIdentity(t, newcomerKey)}
	recipient := func(name string) string { return ids[name].Recipient().String() }
	murataFile, tanakaFile := keyFile(t, dir, "murata.key", murataKey), keyFile(t, dir, "tanaka.key", tanakaKey)
	newcomerFile := keyFile(t, dir, "newcomer.key", newcomerKey)
	customers, sales := filepath.Join(dir, "customers.csv.age"), filepath.Join(dir, "sales.csv.age")
	plain := map[string]string{customers: shopCustomers, sales: shopSales}
	writeFiles(t, dir, map[string]string{"customers.csv": shopCustomers})
	// The config once tanaka has left: the shop's files, murata's key,
	// and murata alone among the staff and the recipients.
	after := func() *cmdutil.Settings {
		return &cmdutil.Settings{Config: config.Config{Access: config.Access{
			Identity:   murataFile,
			Recipients: []string{recipient("murata")},
			Staff:      map[string]config.Staff{"murata": {Recipient: recipient("murata"), May: []string{config.MayExport, config.MayPurge}}},
		}}}
	}

	opts := func(s *cmdutil.Streams) *rekeyOptions {
		for p, data := range plain {
			sealFile(t, p, data, ids["murata"].Recipient(), ids["tanaka"].Recipient())
		}
		// -q: the caveats of the file system the test runs on are not the test's
		o := &rekeyOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: after(), Quiet: true}}}
		o.in.Customers, o.in.Sales = customers, sales
		return o
	}
	// After each run, a file rekey names as re-encrypted opens with the
	// keys of the new recipients alone, to its plain bytes; any other is
	// as it was, open to murata and tanaka.
	run := func(ctx context.Context, o *rekeyOptions) error {
		err := runRekey(ctx, o)
		out := stdoutOf(o.Streams)
		for p, data := range plain {
			to := []string{"murata", "tanaka"}
			if strings.Contains(out, "re-encrypted "+p+" to ") {
				to = []string{"murata"}
				if len(o.to) > 0 || o.toFile != "" {
					given := strings.Join(o.to, "\n") + "\n" + string(readOrNil(o.toFile))
					to = nil
					for name := range ids {
						if strings.Contains(given, recipient(name)) {
							to = append(to, name)
						}
					}
				}
			}
			for name, id := range ids {
				got, err := openSealed(p, id)
				if want := slices.Contains(to, name); want && (err != nil || got != data) {
					t.Errorf("%s does not open with %s's key to its plain bytes: %v", p, name, err)
				} else if !want && err == nil {
					t.Errorf("%s opens with %s's key", p, name)
				}
			}
			if m := fileMode(p); m != 0o600 {
				t.Errorf("%s has mode %#o, want 0600", p, m)
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, ".") && n != purgeLockName {
				t.Errorf("%s left behind", n)
			}
		}
		return err
	}
	rekeyed := func(n string) string {
		return lines("re-encrypted $DIR/customers.csv.age to "+n, "re-encrypted $DIR/sales.csv.age to "+n)
	}
	testRun(t, dir, run, opts, []runCase[rekeyOptions]{
		{name: "terminal", tty: true, stdout: rekeyed("1 recipient")},
		{name: "pipe", stdout: rekeyed("1 recipient")},
		{name: "--to, a newcomer", set: func(o *rekeyOptions) { o.to = []string{recipient("murata"), recipient("newcomer")} },
			stdout: rekeyed("2 recipients")},
		{name: "--to-file", set: func(o *rekeyOptions) {
			writeFiles(t, dir, map[string]string{"staff.txt": recipient("newcomer") + "\n"})
			o.to, o.toFile = []string{recipient("murata")}, filepath.Join(dir, "staff.txt")
		}, stdout: rekeyed("2 recipients")},
		{name: "the leaver's identity would be locked out", set: func(o *rekeyOptions) { o.identity = tanakaFile },
			err: "the identity in $DIR/tanaka.key is not among the new recipients: it would not open the files after this run; nothing was changed"},
		{name: "--force", set: func(o *rekeyOptions) { o.identity, o.force = tanakaFile, true }, stdout: rekeyed("1 recipient")},
		{name: "an identity that opens none of the files", set: func(o *rekeyOptions) {
			o.identity, o.to = newcomerFile, []string{recipient("newcomer")}
		}, err: "$DIR/customers.csv.age is not encrypted to the identity in $DIR/newcomer.key; ask whoever encrypted it to add your recipient (custkit rekey)"},
		{name: "a bad recipient", set: func(o *rekeyOptions) { o.to = []string{"age1nothing"} },
			err: `--to: "age1nothing" is not an age recipient (a public key such as age1...; age-keygen -y <identity file> prints one)`},
		{name: "no recipient", set: func(o *rekeyOptions) { o.Global.Cfg.Access.Recipients = nil },
			err: "rekey needs a recipient: give --to age1... or --to-file <file>, or set access: {recipients: [age1...]} in the config file"},
		{name: "no encrypted file", set: func(o *rekeyOptions) { o.in.Customers, o.in.Sales = filepath.Join(dir, "customers.csv"), "" },
			err: "no encrypted file to re-encrypt among --customers, --sales, --contacts and --complaints (or the config's lists); encrypt them first with custkit encrypt"},
		{name: "standard input", set: func(o *rekeyOptions) { o.in.Sales = "-" },
			err: `--sales: rekey replaces files in place; standard input ("-") cannot be re-encrypted`},
	})
	if got := string(mustRead(t, filepath.Join(dir, "customers.csv"))); got != shopCustomers {
		t.Errorf("a plain customers file was changed: %q", got)
	}
}
