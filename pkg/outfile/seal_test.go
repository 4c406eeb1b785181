package outfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/output"
)

// TestSealedFileNeverPlain: a sealed output's temporary file holds only
// ciphertext while it is written (the directory is looked at after every
// thousand rows), and the committed file decrypts to the rows.
func TestSealedFileNeverPlain(t *testing.T) {
	dir := t.TempDir()
	id, _ := age.GenerateX25519Identity()
	opts := fileOptions(dir, filepath.Join(dir, "list.csv.age"))
	opts.Seal = func(w io.Writer) (io.WriteCloser, error) { return age.Encrypt(w, id.Recipient()) }
	tg, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Abort()
	write(t, tg, []string{"customer_id", "name"})
	seen := 0
	for i := 0; i < 20000; i++ {
		if err := tg.Write([]string{"C1", "山田 花子"}); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 999 {
			seen += noPlain(t, dir)
		}
	}
	if seen == 0 {
		t.Fatal("no temporary file was seen while writing")
	}
	if err := tg.Commit(); err != nil {
		t.Fatal(err)
	}
	noPlain(t, dir)
	f, _ := os.Open(filepath.Join(dir, "list.csv.age"))
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if n := strings.Count(string(got), "山田 花子"); n != 20000 {
		t.Errorf("decrypted file has %d rows of the name, want 20000", n)
	}
}

// noPlain fails if a file in dir holds the plain name; it returns how many
// temporary files it saw.
func noPlain(t *testing.T, dir string) int {
	t.Helper()
	tmp := 0
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		if strings.Contains(e.Name(), ".tmp-") {
			tmp++
		}
		if bytes.Contains(b, []byte("山田")) {
			t.Fatalf("%s holds the plain name", e.Name())
		}
	}
	return tmp
}

// TestHeldStdout: while Hold says so, nothing reaches standard output
// before Commit; Abort prints nothing at all.
func TestHeldStdout(t *testing.T) {
	for _, commit := range []bool{true, false} {
		var out bytes.Buffer
		tg := held(t, &out, func() bool { return true })
		if !commit {
			tg.Abort()
			if out.Len() != 0 {
				t.Errorf("abort printed %d bytes", out.Len())
			}
			continue
		}
		if err := tg.Commit(); err != nil || !strings.HasPrefix(out.String(), "customer_id\nC1\nC2\n") {
			t.Errorf("commit: %v, %q...", err, out.String()[:min(out.Len(), 20)])
		}
	}
}

// held opens standard output (out) with hold and writes a header, C1 and
// 10,000 rows of C2, of which nothing may reach out yet.
func held(t *testing.T, out *bytes.Buffer, hold func() bool) *Target {
	t.Helper()
	tg, err := Open(context.Background(), Options{Stdout: out, Writer: output.Options{Format: output.CSV}, Hold: hold})
	if err != nil {
		t.Fatal(err)
	}
	write(t, tg, []string{"customer_id"}, []string{"C1"})
	for i := 0; i < 10000; i++ {
		tg.Write([]string{"C2"})
	}
	if out.Len() != 0 {
		t.Fatalf("%d bytes printed while held", out.Len())
	}
	return tg
}

// TestHeldUntilRead: once Hold says no more (the encrypted inputs read to
// their end), what was held is printed and what follows passes through;
// Hold is not asked again after that.
func TestHeldUntilRead(t *testing.T) {
	var out bytes.Buffer
	hold, asked := true, 0
	tg := held(t, &out, func() bool { asked++; return hold })
	hold = false
	for i := 0; i < 100000; i++ { // more than the writer's buffer
		tg.Write([]string{"C3"})
	}
	if !strings.HasPrefix(out.String(), "customer_id\nC1\nC2\n") {
		t.Fatalf("after the inputs were read: %q...", out.String()[:min(out.Len(), 20)])
	}
	n := asked
	for i := 0; i < 10000; i++ {
		tg.Write([]string{"C4"})
	}
	if err := tg.Commit(); err != nil {
		t.Fatal(err)
	}
	if asked != n {
		t.Errorf("Hold asked %d more times after it said no", asked-n)
	}
	if got, want := strings.Count(out.String(), "\n"), 1+1+10000+100000+10000; got != want {
		t.Errorf("%d lines, want %d", got, want)
	}
}

// TestAllowRefuses: an output Allow refuses writes no row and leaves no
// file.
func TestAllowRefuses(t *testing.T) {
	dir := t.TempDir()
	opts := fileOptions(dir, filepath.Join(dir, "list.csv"))
	refused := errors.New("-o with personal data needs the export permission")
	opts.Allow = func(personal bool) error {
		if personal {
			return refused
		}
		return nil
	}
	tg, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.WriteHeader([]string{"customer_id", "name"}); !errors.Is(err, refused) {
		t.Fatalf("WriteHeader: %v", err)
	}
	if err := tg.Commit(); !errors.Is(err, refused) {
		t.Fatalf("Commit: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "list.csv")); err == nil {
		t.Error("the refused file exists")
	}
}
