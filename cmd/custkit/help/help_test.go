package help

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/retention"
)

func TestEveryFileExpands(t *testing.T) {
	for _, name := range Names() {
		long, example := Long(name), Example(name)
		if strings.Contains(long+example, "{{") {
			t.Errorf("%s: a {{name}} is left in its text", name)
		}
		if example == "" {
			t.Errorf("%s: no example", name)
		}
	}
}

func TestEveryPartIsUsed(t *testing.T) {
	parts, err := fs.Glob(files, "parts/*.txt")
	if err != nil || len(parts) == 0 {
		t.Fatalf("parts: %v, %v", parts, err)
	}
	var all strings.Builder
	for _, name := range Names() {
		b, _ := files.ReadFile(strings.ReplaceAll(name, " ", "_") + ".txt")
		all.Write(b)
	}
	for _, p := range parts {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "parts/"), ".txt")
		if !strings.Contains(all.String(), "{{"+name+"}}") {
			t.Errorf("%s: no help file uses {{%s}}", p, name)
		}
	}
}

func TestExpand(t *testing.T) {
	for _, tc := range []struct{ text, want, err string }{
		{"plain", "plain", ""},
		{"lock ({{purge-lock}})", "lock (" + retention.LockName + ")", ""},
		{"{{record-exit}}", "EXIT STATUS\n  0  the row was written", ""},
		{"a {{nothing}} b", "", "t.txt: no part or value named {{nothing}}"},
		{"a {{purge-lock", "", "t.txt: {{ without }}"},
	} {
		got, err := expand("t.txt", tc.text, 0)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("expand(%q): error %v, want %q", tc.text, err, tc.err)
			}
			continue
		}
		if err != nil || !strings.HasPrefix(got, tc.want) {
			t.Errorf("expand(%q) = %q, %v; want it to start %q", tc.text, got, err, tc.want)
		}
	}
}

// The recording commands' part names the purge lock by retention's name:
// the lock a row's write shares is the one a purge takes.
func TestPurgeLockIsOne(t *testing.T) {
	if contactlog.PurgeLockName != retention.LockName {
		t.Errorf("contactlog.PurgeLockName %q, retention.LockName %q: the help names one lock", contactlog.PurgeLockName, retention.LockName)
	}
}

func TestMissingFilePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Long of a command without a help file did not panic")
		}
	}()
	Long("no such command")
}
