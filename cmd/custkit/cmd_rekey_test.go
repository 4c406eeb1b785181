package main

import (
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
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
