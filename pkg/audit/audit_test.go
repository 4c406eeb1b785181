package audit

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func writeLog(t *testing.T, n int) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "audit.jsonl")
	for i := 0; i < n; i++ {
		e := &Entry{Time: time.Date(2026, 11, 22, 10, 0, i, 0, time.UTC), User: "clerk", Host: "shop",
			Command: "join", Args: []string{fmt.Sprintf("--customers=c%d.csv", i)}, OK: true}
		if err := Append(path, e); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.SplitAfter(string(data), "\n")[:n]
}

func TestAppendChainsAndVerifies(t *testing.T) {
	path, lines := writeLog(t, 3)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("log mode %04o, want 0600", st.Mode().Perm())
	}
	rep, err := Verify(strings.NewReader(strings.Join(lines, "")))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Entries != 3 || rep.HeadSeq != 3 || len(rep.Head) != 64 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(lines[1], `"seq":2,`) {
		t.Errorf("second line has no seq 2: %s", lines[1])
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	_, lines := writeLog(t, 4)
	edited := strings.Replace(lines[1], "c1.csv", "c7.csv", 1)
	cases := []struct {
		name  string
		lines []string
		line  int
		want  error
		text  string
	}{
		{"edited byte", []string{lines[0], edited, lines[2], lines[3]}, 2, ErrEdited, ""},
		{"removed line", []string{lines[0], lines[2], lines[3]}, 2, ErrBadChain, "entry 3 follows entry 1"},
		{"removed first line", []string{lines[1], lines[2], lines[3]}, 1, ErrBadChain, "starts with entry 2"},
		{"swapped lines", []string{lines[0], lines[2], lines[1], lines[3]}, 2, ErrBadChain, "entry 3 follows entry 1"},
		{"inserted line", []string{lines[0], lines[1], lines[1], lines[2], lines[3]}, 3, ErrBadChain, "entry 2 follows entry 2"},
		{"not an entry", []string{lines[0], "hello\n", lines[1]}, 2, ErrNoHash, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Verify(strings.NewReader(strings.Join(c.lines, "")))
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LineError", err)
			}
			if le.Line != c.line || !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
				t.Errorf("err = %v, want line %d, %v, %q", err, c.line, c.want, c.text)
			}
		})
	}
}

func TestReplacedEntryBreaksTheNextLink(t *testing.T) {
	_, lines := writeLog(t, 3)
	// A careful forger re-hashes the line it edits; the next line's link
	// still points at the original.
	e, err := decode(bytes.TrimSuffix([]byte(lines[1]), []byte{'\n'}))
	if err != nil {
		t.Fatal(err)
	}
	e.User = "someone else"
	forged, err := encode(&e)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Verify(strings.NewReader(lines[0] + string(forged) + lines[2]))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(err.Error(), "does not link") {
		t.Errorf("err = %v, want line 3 not linking", err)
	}
}

func TestAppendAfterCutOffLine(t *testing.T) {
	path, lines := writeLog(t, 2)
	if err := os.WriteFile(path, []byte(lines[0]+lines[1][:30]), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Append(path, &Entry{Command: "ledger"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	got := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(got) != 3 || !strings.Contains(got[2], `"seq":2,`) {
		t.Fatalf("log after append:\n%s", data)
	}
	rep, err := Verify(bytes.NewReader(data))
	if err != nil || rep.Entries != 2 || rep.HeadSeq != 2 || !reflect.DeepEqual(rep.Torn, []int{2}) {
		t.Errorf("verify: %+v, %v; want 2 entries past torn line 2", rep, err)
	}
}

func TestVerifyReportsACutOffLastLine(t *testing.T) {
	_, lines := writeLog(t, 3)
	rep, err := Verify(strings.NewReader(lines[0] + lines[1] + lines[2][:40]))
	if err != nil || rep.Entries != 2 || !reflect.DeepEqual(rep.Torn, []int{3}) {
		t.Errorf("verify: %+v, %v; want 2 entries and line 3 torn", rep, err)
	}
}

// appendTo appends n entries to the log at path.
func appendTo(t *testing.T, path string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if err := Append(path, &Entry{Command: "ledger", Args: []string{fmt.Sprint(i)}}); err != nil {
			t.Fatal(err)
		}
	}
}

// A full disk twice in a row, then a crash that left zeros: each costs its
// own line, the chain goes on from the last whole entry, and an edit made
// after the tears is still found.
func TestTornLinesCostOneEntryEach(t *testing.T) {
	path, lines := writeLog(t, 2)
	for _, tail := range []string{lines[1][:25], `{"seq":3,"time":"2026-11-22T10:00:0`, "\x00\x00\x00\x00"} {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(tail)
		f.Close()
		appendTo(t, path, 1)
	}
	appendTo(t, path, 1)
	data, _ := os.ReadFile(path)
	rep, err := Verify(bytes.NewReader(data))
	if err != nil || rep.Entries != 6 || rep.HeadSeq != 6 || !reflect.DeepEqual(rep.Torn, []int{3, 5, 7}) {
		t.Fatalf("verify: %+v, %v; want 6 entries, torn lines 3, 5, 7\n%s", rep, err, data)
	}
	got := strings.SplitAfter(string(data), "\n")
	got[7] = strings.Replace(got[7], `"ledger"`, `"ledgex"`, 1)
	_, err = Verify(strings.NewReader(strings.Join(got, "")))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 8 || !errors.Is(err, ErrEdited) {
		t.Errorf("edited after the tears: err = %v, want line 8 edited", err)
	}
}

// A line cut short in the middle of the log, whose successor still links
// to it, is an entry removed, not a torn write.
func TestCuttingAnEntryShortBreaksTheNextLink(t *testing.T) {
	_, lines := writeLog(t, 3)
	_, err := Verify(strings.NewReader(lines[0] + lines[1][:50] + "\n" + lines[2]))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 || !errors.Is(err, ErrBadChain) {
		t.Errorf("err = %v, want line 3 not linking", err)
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Open(directory) = %v, want %v", err, ErrNotRegular)
	}
	if err := Append(os.DevNull, &Entry{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Append(%s) = %v, want %v", os.DevNull, err, ErrNotRegular)
	}
}

func TestAppendKeepsAnUnterminatedIntactEntry(t *testing.T) {
	path, lines := writeLog(t, 2)
	if err := os.WriteFile(path, []byte(lines[0]+strings.TrimSuffix(lines[1], "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Append(path, &Entry{Command: "ledger"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if rep, err := Verify(bytes.NewReader(data)); err != nil || rep.Entries != 3 {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}

func TestConcurrentAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := Append(path, &Entry{Command: "join", Args: []string{strings.Repeat("x", 5000)}}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Verify(f)
	if err != nil || rep.Entries != 20 {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}

func TestLongLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	for i := 0; i < 3; i++ {
		if err := Append(path, &Entry{Command: "join", Args: []string{strings.Repeat("y", 200<<10)}}); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	if rep, err := Verify(bytes.NewReader(data)); err != nil || rep.Entries != 3 {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}
