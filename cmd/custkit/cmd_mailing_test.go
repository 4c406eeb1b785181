package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/mailing"
)

// TestNewCmdMailing maps argv to mailingOptions.
func TestNewCmdMailing(t *testing.T) {
	newCmdTest[mailingOptions]{
		newCmd: newMailingCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *mailingOptions {
			return &mailingOptions{Base: cmdutil.Base{Streams: s, Global: g}, in: defaultIn(), out: defaultOut()}
		},
	}.run(t, []newCmdCase[mailingOptions]{
		{name: "post", args: []string{"--channel", "post"}, want: func(o *mailingOptions) { o.channel = "post" }},
		{name: "every flag", args: []string{"--channel", "email", "--customers", "c.csv", "--consent-column", "DM",
			"--suppress", "a.csv,b.csv", "--suppress", "c.csv", "--dedupe-by", "email,phone", "--household", "--person", "--no-dedupe",
			"--dedupe-report", "g.csv", "--rejects", "r.csv", "--layout", "post", "--email-case-sensitive", "-o", "list.csv", "--purpose", "DM"},
			want: func(o *mailingOptions) {
				o.channel, o.in.Customers, o.customersGiven, o.consentColumn = "email", "c.csv", true, "DM"
				o.suppress, o.dedupe = []string{"a.csv", "b.csv", "c.csv"}, mailing.Dedupe{By: []string{"email", "phone"}, Household: true, Person: true, Off: true}
				o.dedupeReport, o.rejects = "g.csv", "r.csv"
				o.layout, o.emailCaseSensitive, o.out.Path, o.out.Purpose = "post", true, "list.csv", "DM"
			}},
		{name: "unknown channel", args: []string{"--channel", "fax"}, err: `invalid argument "fax" for "--channel" flag: "fax" is not one of email, post`},
	})
}

// TestRunMailing: the customers who take post, one per household, with
// the post layout; masked on a terminal.
func TestRunMailing(t *testing.T) {
	customers, _ := shopFiles(t)
	opts := func(s *cmdutil.Streams) *mailingOptions {
		o := &mailingOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, in: defaultIn(), out: defaultOut(), channel: "post", customersGiven: true}
		o.in.Customers = customers
		return o
	}
	testRun(t, filepath.Dir(customers), runMailing, opts, []runCase[mailingOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌──────────┬────────────────┬───────┬────────┬──────┬──────┬────────┬──────┐",
			"│ 郵便番号 │ 住所1          │ 住所2 │ 会社名 │ 部署 │ 役職 │ 氏名   │ 敬称 │",
			"├──────────┼────────────────┼───────┼────────┼──────┼──────┼────────┼──────┤",
			"│ 920-**** │ 石川県******** │       │        │      │      │ 山**** │ 様   │",
			"│ 920-**** │ 石川県******** │       │        │      │      │ 佐**** │ 様   │",
			"└──────────┴────────────────┴───────┴────────┴──────┴──────┴────────┴──────┘"), stderr: lines(
			"custkit: mailing: 3 rows: 0 suppressed, 1 without consent (1 refused, 0 no answer), 0 rejected, 0 merged as duplicates into 0 groups; 2 rows written")},
		{name: "pipe", stdout: lines(
			"郵便番号,住所1,住所2,会社名,部署,役職,氏名,敬称",
			"920-0831,石川県金沢市東山1-13-7,,,,,山田 花子,様",
			"920-0981,石川県金沢市片町2-21-5,,,,,佐藤 健一,様"), stderr: lines(
			"custkit: mailing: 3 rows: 0 suppressed, 1 without consent (1 refused, 0 no answer), 0 rejected, 0 merged as duplicates into 0 groups; 2 rows written")},
		{name: "email, quiet", set: func(o *mailingOptions) { o.channel, o.Global.Quiet = "email", true }, stdout: lines(
			"customer_id,name,name_kana,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in,post_opt_in",
			"C1,山田 花子,ヤマダ ハナコ,1978-04-12,090-1234-5678,hanako@example.jp,920-0831,石川県金沢市東山1-13-7,S1,2019-04-01,2004-12-10,1,1",
			"C2,佐藤 健一,サトウ ケンイチ,1965-12-05,076-252-3141,k-sato@example.jp,920-0981,石川県金沢市片町2-21-5,S1,2026-10-01,,1,1")},
		{name: "no channel", set: func(o *mailingOptions) { o.channel = "" }, err: "--channel is required: email or post"},
	})
}

// A vCard in another encoding is a contradiction in the flags: a usage
// error (exit 2), and no output file is left.
func TestVCardEncodingIsUsageError(t *testing.T) {
	s, _, errb := cmdutil.BufferStreams("")
	withStateHome(t, s)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "c.csv"), filepath.Join(dir, "x.vcf")
	if err := os.WriteFile(in, []byte("customer_id,name,email,mail_opt_in\n1,山田,a@example.jp,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code := run([]string{"mailing", "--customers", in, "--channel", "email", "--format", "vcard", "--output-encoding", "shift_jis", "-o", out}, s)
	if code != cmdutil.ExitUsage {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, cmdutil.ExitUsage, errb)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output file was created")
	}
}
