package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/audit"
)

// TestNewCmdAuditShow maps argv to auditShowOptions.
func TestNewCmdAuditShow(t *testing.T) {
	newCmdTest[auditShowOptions]{
		newCmd: newAuditShowCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *auditShowOptions {
			return &auditShowOptions{Base: cmdutil.Base{Streams: s, Global: g}, out: defaultOut()}
		},
	}.run(t, []newCmdCase[auditShowOptions]{
		{name: "defaults", args: nil},
		{name: "every flag", args: []string{"--since", "2026-11-01", "--command", "exports shred", "--format", "jsonl", "-o", "log.jsonl"},
			want: func(o *auditShowOptions) {
				o.since, o.command, o.out.Format, o.out.Path = "2026-11-01", "exports shred", "jsonl", "log.jsonl"
			}},
		{name: "arguments", args: []string{"history"}, err: `show takes no arguments, but was given "history"`},
	})
}

// TestNewCmdAuditVerify: verify takes no flags of its own and no
// arguments.
func TestNewCmdAuditVerify(t *testing.T) {
	newCmdTest[auditVerifyOptions]{
		newCmd: newAuditVerifyCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *auditVerifyOptions {
			return &auditVerifyOptions{Base: cmdutil.Base{Streams: s, Global: g}}
		},
	}.run(t, []newCmdCase[auditVerifyOptions]{
		{name: "no flags", args: nil},
		{name: "arguments", args: []string{"log.jsonl"}, err: `verify takes no arguments, but was given "log.jsonl"`},
	})
}

// auditState writes the access log of the state directory state: two
// runs, a history on 2026-11-20 and a failed exports shred on 2026-11-21.
// It returns state.
func auditState(t *testing.T, state string) string {
	log := filepath.Join(state, "custkit", "audit.jsonl")
	for _, e := range []*audit.Entry{
		{Time: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), User: "hanako", Host: "shop1", Command: "history", Args: []string{"C1"},
			Inputs:  []audit.Input{{Path: "/data/c.csv", SHA256: "c0ffee"}},
			Outputs: []audit.Output{{Path: "-", Rows: 3, Columns: []string{"customer_id", "event"}}}, Purpose: "call", OK: true},
		{Time: time.Date(2026, 11, 21, 18, 30, 0, 0, time.UTC), User: "kenichi", Host: "shop1", Command: "exports shred",
			Args: []string{"--expired"}, Shredded: []string{"/data/dm.csv"}},
	} {
		if err := audit.Append(log, e); err != nil {
			t.Fatal(err)
		}
	}
	return state
}

// TestRunAuditShow: one row per run; the essentials in a table on a
// terminal, every field in a pipe.
func TestRunAuditShow(t *testing.T) {
	state := auditState(t, t.TempDir())
	opts := func(s *cmdutil.Streams) *auditShowOptions {
		inState(s, state)
		return &auditShowOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, out: defaultOut()}
	}
	testRun(t, state, runAuditShow, opts, []runCase[auditShowOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"┌──────────────────────┬─────────┬───────────────┬─────────────┬───────────────────────┬──────┬─────────┬────────┬─────┐",
			"│ time                 │ user    │ command       │ inputs      │ outputs               │ rows │ purpose │ reveal │ ok  │",
			"├──────────────────────┼─────────┼───────────────┼─────────────┼───────────────────────┼──────┼─────────┼────────┼─────┤",
			"│ 2026-11-20T09:00:00Z │ hanako  │ history       │ /data/c.csv │ -                     │ 3    │ call    │ no     │ yes │",
			"│ 2026-11-21T18:30:00Z │ kenichi │ exports shred │             │ shredded /data/dm.csv │ 0    │         │ no     │ no  │",
			"└──────────────────────┴─────────┴───────────────┴─────────────┴───────────────────────┴──────┴─────────┴────────┴─────┘")},
		{name: "pipe", stdout: lines(
			"seq,time,user,host,command,args,inputs,input_sha256,outputs,rows,columns,shredded,purpose,reveal,ok,hash,config,settings",
			"1,2026-11-20T09:00:00Z,hanako,shop1,history,C1,/data/c.csv,c0ffee,-,3,customer_id event,,call,no,yes,1064f7813a6341ddb4a5618aa7cf879fad3efc5991324a3de34d5291f2dd0174,,",
			"2,2026-11-21T18:30:00Z,kenichi,shop1,exports shred,--expired,,,,0,,/data/dm.csv,,no,no,da4b6be9166768f7ceda931a2dd93d0edf918f5f764d91ecee902fa06b995fec,,")},
		{name: "one command since a day", set: func(o *auditShowOptions) { o.since, o.command = "2026-11-21", "exports" }, stdout: lines(
			"seq,time,user,host,command,args,inputs,input_sha256,outputs,rows,columns,shredded,purpose,reveal,ok,hash,config,settings",
			"2,2026-11-21T18:30:00Z,kenichi,shop1,exports shred,--expired,,,,0,,/data/dm.csv,,no,no,da4b6be9166768f7ceda931a2dd93d0edf918f5f764d91ecee902fa06b995fec,,")},
		{name: "no log yet", set: func(o *auditShowOptions) { inState(o.Streams, filepath.Join(state, "elsewhere")) }, stdout: lines(
			"seq,time,user,host,command,args,inputs,input_sha256,outputs,rows,columns,shredded,purpose,reveal,ok,hash,config,settings"), stderr: lines(
			"custkit: audit: no access log at $DIR/elsewhere/custkit/audit.jsonl yet")},
		{name: "bad date", set: func(o *auditShowOptions) { o.since = "last week" }, err: "--since \"last week\" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)"},
	})
}

// TestRunAuditVerify: the number of entries and the head, the same on a
// terminal and in a pipe; an edited line is named, with what is intact.
func TestRunAuditVerify(t *testing.T) {
	state := auditState(t, t.TempDir())
	edited := auditState(t, filepath.Join(state, "edited"))
	log := filepath.Join(edited, "custkit", "audit.jsonl")
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(log, []byte(strings.Replace(string(data), "kenichi", "someone", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := func(s *cmdutil.Streams) *auditVerifyOptions {
		inState(s, state)
		return &auditVerifyOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}}
	}
	const head = "ok: 2 entries, chain intact; head da4b6be9166768f7ceda931a2dd93d0edf918f5f764d91ecee902fa06b995fec (entry 2)\n"
	testRun(t, state, runAuditVerify, opts, []runCase[auditVerifyOptions]{
		{name: "terminal", tty: true, stdout: head},
		{name: "pipe", stdout: head},
		{name: "edited", set: func(o *auditVerifyOptions) { inState(o.Streams, edited) }, err: "$DIR/edited/custkit/audit.jsonl:2: the entry was edited: its hash does not match its contents"},
	})
}
