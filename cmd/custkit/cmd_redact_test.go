package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/redact"
)

func TestNewCmdRedact(t *testing.T) {
	cases := []struct {
		argv []string
		want func(*redactOptions) bool
	}{
		{[]string{"--drop", "phone,email", "--drop", "birthday"}, func(o *redactOptions) bool {
			return o.file == "-" && reflect.DeepEqual(o.drop, []string{"phone", "email", "birthday"})
		}},
		{[]string{"c.csv", "--mask", "name:first=1,char=●", "--mask", "phone"}, func(o *redactOptions) bool {
			return o.file == "c.csv" && reflect.DeepEqual(o.mask, []string{"name:first=1,char=●", "phone"})
		}},
		{[]string{"--policy", "printer", "--key-file", "k", "--generalise", "address:prefecture-city", "--replace", "memo:a,b"}, func(o *redactOptions) bool {
			return o.policy == "printer" && o.keyFile == "k" && o.generalise[0] == "address:prefecture-city" && o.replace[0] == "memo:a,b"
		}},
	}
	for _, c := range cases {
		s, _, _ := testStreams("")
		var got *redactOptions
		cmd := newRedactCmd(s, &globalOptions{}, func(_ context.Context, o *redactOptions) error { got = o; return nil })
		cmd.SetArgs(c.argv)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", c.argv, err)
		}
		if !c.want(got) {
			t.Errorf("%v: options %+v", c.argv, got)
		}
	}
}

func TestRedactRules(t *testing.T) {
	g := &globalOptions{cfg: &settings{file: "custkit.yaml", Config: config.Config{Redact: config.Redact{Policies: map[string]redact.Spec{
		"printer": {Drop: []string{"phone"}, Mask: map[string]string{"name": ""}},
	}}}}}
	opts := &redactOptions{global: g, policy: "printer", drop: []string{"name"}}
	p, err := opts.rules()
	if err != nil {
		t.Fatal(err)
	}
	// The policy's rules come first, so the flag's drop of name wins.
	if len(p) != 3 || p[2].Column != "name" || p[2].Op != redact.Drop {
		t.Errorf("rules = %+v", p)
	}

	opts = &redactOptions{global: g, drop: []string{"name"}, hash: []string{"name"}}
	var u *usageError
	if _, err := opts.rules(); !errors.As(err, &u) || !strings.Contains(err.Error(), `--drop and --hash both name column "name"`) {
		t.Errorf("conflicting flags: %v", err)
	}
	opts = &redactOptions{global: g}
	if _, err := opts.rules(); !errors.As(err, &u) {
		t.Errorf("no rules: %v, want a usage error", err)
	}
	opts = &redactOptions{global: g, policy: "post"}
	if _, err := opts.rules(); err == nil || err.Error() != `custkit.yaml: no redaction policy "post" (policies: printer)` {
		t.Errorf("unknown policy: %v", err)
	}
}

func TestRedactKey(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.key")
	os.WriteFile(good, []byte("0123456789abcdef0123\n"), 0o600)
	s, _, _ := testStreams("")
	opts := &redactOptions{streams: s, keyFile: good}
	if k, err := opts.key(); err != nil || string(k) != "0123456789abcdef0123" {
		t.Errorf("key file: %q, %v", k, err)
	}
	s.getenv = func(k string) string {
		if k == "CUSTKIT_HASH_KEY" {
			return "short"
		}
		return ""
	}
	opts = &redactOptions{streams: s}
	if _, err := opts.key(); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("short key: %v", err)
	}
	s.getenv = func(string) string { return "" }
	var h *hintError
	if _, err := opts.key(); !errors.Is(err, redact.ErrNoKey) || !errors.As(err, &h) || !strings.Contains(h.hint, "--new-key") {
		t.Errorf("no key: %v", err)
	}
}
