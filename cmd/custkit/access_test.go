package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/audit"
)

func TestLogAccessOnlyWhenDataWasRead(t *testing.T) {
	s, _, errb := cmdutil.BufferStreams("")
	dir := withStateHome(t, s)
	g := &cmdutil.Global{Cfg: &cmdutil.Settings{}, Access: access.New(access.Options{Getenv: s.Getenv})}
	cmd := newShredCmd(s, g, nil)
	log := filepath.Join(dir, "custkit", "audit.jsonl")
	cmdutil.BeginAccess(g, cmd, nil)
	if err := cmdutil.LogAccess(s, g, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Errorf("a run that read nothing was logged (%v)", err)
	}
	g.Access.AddShredded("/tmp/x.csv")
	cmdutil.BeginAccess(g, cmd, []string{"x.csv"})
	runErr := errors.New("boom")
	if err := cmdutil.LogAccess(s, g, runErr); err != runErr {
		t.Errorf("logAccess returned %v, want the command's error", err)
	}
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []audit.Entry
	audit.Read(f, func(_ int, e audit.Entry, err error) error { got = append(got, e); return err })
	if len(got) != 1 || got[0].OK || got[0].Command != "shred" || got[0].Shredded[0] != "/tmp/x.csv" || got[0].Args[0] != "x.csv" {
		t.Errorf("entries %+v", got)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q", errb)
	}
}
