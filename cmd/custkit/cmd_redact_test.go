package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/redact"
)

// TestNewCmdRedact maps argv to redactOptions: the file argument or
// standard input, and each rule flag.
func TestNewCmdRedact(t *testing.T) {
	newCmdTest[redactOptions]{
		newCmd: newRedactCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *redactOptions {
			return &redactOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut(), file: "-"}
		},
	}.run(t, []newCmdCase[redactOptions]{
		{name: "standard input", args: []string{"--drop", "phone,email", "--drop", "birthday"},
			want: func(o *redactOptions) { o.drop = []string{"phone", "email", "birthday"} }},
		{name: "a file", args: []string{"c.csv", "--mask", "name:first=1,char=●", "--mask", "phone"},
			want: func(o *redactOptions) { o.file, o.mask = "c.csv", []string{"name:first=1,char=●", "phone"} }},
		{name: "every flag", args: []string{"c.csv", "--policy", "printer", "--key-file", "k", "--hash", "customer_id",
			"--generalise", "address:prefecture-city", "--replace", "memo:a,b", "--as-of", "2026-11-22", "--new-key", "n", "--encoding", "cp932"},
			want: func(o *redactOptions) {
				o.file, o.policy, o.keyFile, o.newKey, o.hash = "c.csv", "printer", "k", "n", []string{"customer_id"}
				o.generalise, o.replace = []string{"address:prefecture-city"}, []string{"memo:a,b"}
				o.when.AsOf, o.in.Encoding = "2026-11-22", "cp932"
			}},
		{name: "two files", args: []string{"a.csv", "b.csv", "--drop", "x"}, err: `redact takes at most one input file, but was given 2: "a.csv", "b.csv"`},
	})
}

// TestRunRedact: the rules applied to every row; on a terminal the table
// masks what is still personal.
func TestRunRedact(t *testing.T) {
	customers, _ := shopFiles(t)
	opts := func(s *cmdutil.Streams) *redactOptions {
		o := &redactOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), file: customers,
			drop: []string{"name_kana", "birthday", "email", "postal_code", "registered_at", "anniversary", "mail_opt_in", "post_opt_in"}}
		return o
	}
	testRun(t, filepath.Dir(customers), runRedact, opts, []runCase[redactOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌─────────────┬────────┬───────────────┬────────────────┬──────────┐",
			"│ customer_id │ name   │ phone         │ address        │ store_id │",
			"├─────────────┼────────┼───────────────┼────────────────┼──────────┤",
			"│ C1          │ 山**** │ ***-****-5678 │ 石川県******** │ S1       │",
			"│ C2          │ 佐**** │ ***-***-3141  │ 石川県******** │ S1       │",
			"│ C3          │ 鈴**** │               │                │ S2       │",
			"└─────────────┴────────┴───────────────┴────────────────┴──────────┘"), stderr: lines(
			"custkit: redact: 3 rows written",
			"custkit: redact: personal data passed through unchanged: name, phone, address")},
		{name: "pipe", stdout: lines(
			"customer_id,name,phone,address,store_id",
			"C1,山田 花子,090-1234-5678,石川県金沢市東山1-13-7,S1",
			"C2,佐藤 健一,076-252-3141,石川県金沢市片町2-21-5,S1",
			"C3,鈴木 一郎,,,S2"), stderr: lines(
			"custkit: redact: 3 rows written",
			"custkit: redact: personal data passed through unchanged: name, phone, address")},
		{name: "mask and generalise, quiet", set: func(o *redactOptions) {
			o.mask, o.generalise, o.Global.Quiet = []string{"name:first=1,char=●", "phone"}, []string{"address:prefecture"}, true
		}, stdout: lines(
			"customer_id,name,phone,address,store_id",
			"C1,山●●●●,*********5678,石川県,S1",
			"C2,佐●●●●,********3141,石川県,S1",
			"C3,鈴●●●●,,,S2")},
		{name: "no rules", set: func(o *redactOptions) { o.drop = nil }, err: "nothing to redact: give --policy <name> or rules (--drop, --hash, --mask, --generalise, --replace)"},
	})
}

func TestRedactKey(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.key")
	os.WriteFile(good, []byte("0123456789abcdef0123\n"), 0o600)
	s, _, _ := cmdutil.BufferStreams("")
	if k, err := cmdutil.HashKey(context.Background(), s, good, redact.ErrNoKey); err != nil || string(k) != "0123456789abcdef0123" {
		t.Errorf("key file: %q, %v", k, err)
	}
	s.Getenv = func(k string) string {
		if k == "CUSTKIT_HASH_KEY" {
			return "short"
		}
		return ""
	}
	if _, err := cmdutil.HashKey(context.Background(), s, "", redact.ErrNoKey); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("short key: %v", err)
	}
	s.Getenv = func(string) string { return "" }
	if _, err := cmdutil.HashKey(context.Background(), s, "", redact.ErrNoKey); !errors.Is(err, redact.ErrNoKey) || !strings.Contains(cmdutil.HintFor(err), "--new-key") {
		t.Errorf("no key: %v", err)
	}
}
