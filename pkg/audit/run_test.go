package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/usererr"
)

// runLog writes a log of two runs, a history on 2026-11-20 and an
// exports shred on 2026-11-21, and returns its path.
func runLog(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	for _, e := range []*Entry{
		{Time: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), User: "hanako", Command: "history", OK: true},
		{Time: time.Date(2026, 11, 21, 18, 30, 0, 0, time.UTC), User: "kenichi", Command: "exports shred", Shredded: []string{"/data/dm.csv"}},
	} {
		if err := Append(path, e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

type rowsOf [][]string

func (r *rowsOf) WriteHeader(cols []string) error { *r = append(*r, cols); return nil }
func (r *rowsOf) Write(row []string) error        { *r = append(*r, row); return nil }

func TestNewFilter(t *testing.T) {
	f, err := NewFilter("2026-11-21", "exports")
	if err != nil || f.Since != time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) || f.Command != "exports" {
		t.Errorf("filter %+v, %v", f, err)
	}
	var ue *usererr.UsageError
	if _, err := NewFilter("last week", ""); !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), `--since "last week" is not a date`) {
		t.Errorf("bad date: %v", err)
	}
}

func TestShow(t *testing.T) {
	path := runLog(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte("not json\n"), data...), 0o600); err != nil {
		t.Fatal(err)
	}
	var rows rowsOf
	var notes []string
	opts := ShowOptions{Filter: Filter{Command: "exports"}, Note: func(l string) { notes = append(notes, l) }}
	if err := Show(context.Background(), path, &rows, opts); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][2] != "exports shred" || rows[1][4] != "shredded /data/dm.csv" {
		t.Errorf("rows %q", rows)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], path+":1: ") || !strings.HasSuffix(notes[0], "; skipped (run custkit audit verify)") {
		t.Errorf("notes %q", notes)
	}

	rows, notes = nil, nil
	gone := filepath.Join(filepath.Dir(path), "none.jsonl")
	if err := Show(context.Background(), gone, &rows, ShowOptions{Full: true, Note: opts.Note}); err != nil ||
		!reflect.DeepEqual(rows, rowsOf{Header(true)}) || !reflect.DeepEqual(notes, []string{"no access log at " + gone + " yet"}) {
		t.Errorf("no log: %q, %q, %v", rows, notes, err)
	}
	notes = nil
	if err := Show(context.Background(), gone, &rows, ShowOptions{Quiet: true, Note: opts.Note}); err != nil || len(notes) != 0 {
		t.Errorf("no log, quiet: %q, %v", notes, err)
	}
}

func TestVerifyLog(t *testing.T) {
	path := runLog(t)
	var out strings.Builder
	var notes []string
	note := func(l string) { notes = append(notes, l) }
	if err := VerifyLog(path, &out, note); err != nil || !strings.HasPrefix(out.String(), "ok: 2 entries, chain intact; head ") || len(notes) != 0 {
		t.Errorf("intact: %q, %q, %v", out.String(), notes, err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), "kenichi", "someone", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	err = VerifyLog(path, &out, note)
	var he *usererr.HintError
	if err == nil || err.Error() != path+":2: the entry was edited: its hash does not match its contents" ||
		!errors.As(err, &he) || he.Hint != "line 1 is intact; keep a copy of the log as it is before looking further" {
		t.Errorf("edited: %v", err)
	}

	if err := os.WriteFile(path, append(data, `{"seq":3,"ti`...), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := VerifyLog(path, &out, note); err != nil || !reflect.DeepEqual(notes, []string{"warning: " + path + ":3: " + ErrCutOff.Error() + "; verified past it"}) {
		t.Errorf("torn: %q, %v", notes, err)
	}

	empty := filepath.Join(filepath.Dir(path), "empty.jsonl")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := VerifyLog(empty, &out, note); err != nil || out.String() != "ok: the log is empty\n" {
		t.Errorf("empty: %q, %v", out.String(), err)
	}
	if err := VerifyLog(filepath.Join(filepath.Dir(path), "none"), &out, note); err == nil || !strings.HasSuffix(err.Error(), "none does not exist") {
		t.Errorf("no log: %v", err)
	}
}
