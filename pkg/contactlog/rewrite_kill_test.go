package contactlog

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// killFile is a complaints file of 20,000 rows, CP932 with CRLF, with
// the complaint K10000 in status st: large enough that a rewrite takes a
// few milliseconds, so that kills land inside it.
func killFile(t *testing.T, st string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString("受付番号,顧客番号,受付日,状態,内容\r\n")
	for i := 0; i < 20000; i++ {
		status := "完了"
		if i == 10000 {
			status = st
		}
		fmt.Fprintf(&b, "K%05d,%06d,2026-11-%02d,%s,\"湯呑みの欠け, 交換の相談 %d\"\r\n", i, i%977, 1+i%28, status, i)
	}
	data, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestHelperRewrite changes the status of K10000 back and forth until it
// is killed: the writer of TestKilledRewriteLeavesOldOrNew.
func TestHelperRewrite(t *testing.T) {
	path := os.Getenv("CONTACTLOG_REWRITE")
	if path == "" {
		t.Skip("helper process")
	}
	opts := Options{Path: path, Kind: schema.Complaints, Required: []schema.Field{schema.ComplaintID, schema.Status},
		PurgeDir: filepath.Dir(path), Wait: time.Minute}
	match := func(l *Layout, rec *rows.Record) bool {
		return rec.Field(l.Binding.Col(schema.ComplaintID)) == "K10000"
	}
	for {
		_, _, err := Rewrite(context.Background(), opts, match, func(l *Layout, old []string) ([]string, error) {
			row := append([]string(nil), old...)
			st := "対応中"
			if old[l.Binding.Col(schema.Status)] == st {
				st = "未対応"
			}
			l.Set(row, schema.Status, st)
			return row, nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// TestKilledRewriteLeavesOldOrNew kills a writer that rewrites a
// complaint (as complaint update does) at random moments: the file at the
// path is always, byte for byte, one of its two versions, and keeps its
// mode.
func TestKilledRewriteLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "complaints.csv")
	open, busy := killFile(t, "未対応"), killFile(t, "対応中")
	if err := os.WriteFile(path, open, 0o600); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	versions := map[string]int{}
	for i := 0; i < 12; i++ {
		c := exec.Command(os.Args[0], "-test.run=^TestHelperRewrite$")
		c.Env = append(os.Environ(), "CONTACTLOG_REWRITE="+path)
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(30+rng.Intn(120)) * time.Millisecond)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("after kill %d: %v", i, err)
		}
		switch {
		case bytes.Equal(got, open):
			versions["未対応"]++
		case bytes.Equal(got, busy):
			versions["対応中"]++
		default:
			t.Fatalf("after kill %d the file is neither version: %d bytes (versions are %d and %d)", i, len(got), len(open), len(busy))
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("after kill %d: mode %v, %v; want 0600", i, st.Mode().Perm(), err)
		}
	}
	t.Logf("versions found after the kills: %v", versions)
}
