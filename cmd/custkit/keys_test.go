package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/internal/cmdutil"
)

// encryptedSales writes the examples' customers and a sales file of
// several hundred KiB (many age chunks), both encrypted to a new identity,
// and the identity file; it returns their paths.
func encryptedSales(t testing.TB, dir string) (customers, sales, key string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	key = filepath.Join(dir, "k.key")
	if err := os.WriteFile(key, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	seal := func(name string, data []byte) string {
		var buf bytes.Buffer
		w, _ := age.Encrypt(&buf, id.Recipient())
		w.Write(data)
		w.Close()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cust, _ := os.ReadFile("../../examples/customers.csv")
	raw, _ := os.ReadFile("../../examples/sales.csv")
	header, body, _ := bytes.Cut(raw, []byte("\n"))
	big := append(append([]byte{}, header...), '\n')
	for len(big) < 8<<20 {
		big = append(big, body...)
	}
	return seal("c.csv.age", cust), seal("s.csv.age", big), key
}

// TestTruncatedInputPrintsNothing: join streams its rows, and age finds a
// cut-off file only at its end, after chunks that decrypt well: a run
// that reads an encrypted input holds standard output until it ends, so
// a cut-off sales file prints no row, and -o leaves no file.
func TestTruncatedInputPrintsNothing(t *testing.T) {
	dir := t.TempDir()
	customers, sales, key := encryptedSales(t, dir)
	data, _ := os.ReadFile(sales)
	cut := filepath.Join(dir, "cut.csv.age")
	os.WriteFile(cut, data[:len(data)-1000], 0o600)

	s, out, errb := cmdutil.BufferStreams("")
	inState(s, filepath.Join(dir, "state"))
	if code := run([]string{"join", "--identity", key, "--customers", customers, "--sales", sales}, s); code != 0 || out.Len() < 8<<20 {
		t.Fatalf("whole file: exit %d, %d bytes out, %s", code, out.Len(), errb)
	}
	s, out, errb = cmdutil.BufferStreams("")
	inState(s, filepath.Join(dir, "state"))
	if code := run([]string{"join", "--identity", key, "--customers", customers, "--sales", cut}, s); code != 1 {
		t.Errorf("cut-off file: exit %d, want 1", code)
	}
	if out.Len() != 0 {
		t.Errorf("cut-off file: %d bytes printed", out.Len())
	}
	if got := strings.TrimSpace(errb.String()); strings.Count(got, "\n") != 0 || !strings.Contains(got, "cut.csv.age") || !strings.Contains(got, "damaged or was cut off") {
		t.Errorf("stderr %q, want one line naming the file", got)
	}
	for _, o := range []string{"out.csv", "out.csv.age"} {
		s, _, _ = cmdutil.BufferStreams("")
		inState(s, filepath.Join(dir, "state"))
		dst := filepath.Join(dir, o)
		run([]string{"redact", "--identity", key, "--drop", "phone", "-o", dst, cut}, s)
		if _, err := os.Stat(dst); err == nil {
			t.Errorf("-o %s exists after a cut-off input", o)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// BenchmarkLedgerEncrypted reads the same sales file, plain and
// encrypted, through ledger.
func BenchmarkLedgerEncrypted(b *testing.B) {
	dir := b.TempDir()
	_, sales, key := encryptedSales(b, dir)
	plainSales := filepath.Join(dir, "s.csv")
	raw, _ := os.ReadFile("../../examples/sales.csv")
	header, body, _ := bytes.Cut(raw, []byte("\n"))
	big := append(append([]byte{}, header...), '\n')
	for len(big) < 8<<20 {
		big = append(big, body...)
	}
	os.WriteFile(plainSales, big, 0o600)
	for _, c := range []struct{ name, sales string }{{"plain", plainSales}, {"age", sales}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(big)))
			for i := 0; i < b.N; i++ {
				s, _, errb := cmdutil.BufferStreams("")
				inState(s, filepath.Join(dir, "state"))
				if code := run([]string{"ledger", "-q", "--identity", key, "--customers", "../../examples/customers.csv", "--sales", c.sales}, s); code != 0 {
					b.Fatalf("exit %d: %s", code, errb)
				}
			}
		})
	}
}
