package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/audit"
)

func TestStateDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if d := stateDir(env(map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"})); d != "/s" {
		t.Errorf("XDG_STATE_HOME: %q", d)
	}
	if d := stateDir(env(map[string]string{"HOME": "/h"})); d != filepath.Join("/h", ".local", "state") {
		t.Errorf("HOME: %q", d)
	}
	s, _, _ := testStreams("")
	if _, err := statePath(s, "", "audit.jsonl"); err == nil {
		t.Error("no HOME and no XDG_STATE_HOME: want an error, not a guess")
	}
	if p, err := statePath(s, "/var/log/custkit.jsonl", "audit.jsonl"); err != nil || p != "/var/log/custkit.jsonl" {
		t.Errorf("configured path: %q, %v", p, err)
	}
}

func TestLogAccessOnlyWhenDataWasRead(t *testing.T) {
	s, _, errb := testStreams("")
	dir := withStateHome(t, s)
	g := &globalOptions{cfg: &settings{}, access: &access{now: time.Now}}
	cmd := newShredCmd(s, g, nil)
	log := filepath.Join(dir, "custkit", "audit.jsonl")
	if err := logAccess(s, g, cmd, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Errorf("a run that read nothing was logged (%v)", err)
	}
	g.access.addShredded("/tmp/x.csv")
	runErr := errors.New("boom")
	if err := logAccess(s, g, cmd, []string{"x.csv"}, runErr); err != runErr {
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
