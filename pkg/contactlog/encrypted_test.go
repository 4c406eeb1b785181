package contactlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// testCrypt is a Crypt with a new identity, and a function that decrypts
// a file to its plain text.
func testCrypt(t *testing.T) (*Crypt, func(path string) string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	c := &Crypt{
		Decrypt: func(name string, r io.Reader) (io.ReadCloser, error) {
			plain, err := age.Decrypt(r, id)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			return io.NopCloser(plain), nil
		},
		Seal: func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, []age.Recipient{id.Recipient()}) },
	}
	open := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte(agefile.Header)) {
			t.Fatalf("%s is not an age file:\n%s", path, data)
		}
		plain, err := age.Decrypt(bytes.NewReader(data), id)
		if err != nil {
			t.Fatal(err)
		}
		text, err := io.ReadAll(plain)
		if err != nil {
			t.Fatal(err)
		}
		return string(text)
	}
	return c, open
}

// noPlain fails when a file of dir holds a plain-text mark of the test rows.
func noPlain(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []string{"customer_id", "村田", "C00"} {
			if bytes.Contains(data, []byte(m)) {
				t.Errorf("%s holds plain text (%s)", e.Name(), m)
			}
		}
	}
}

// TestEncryptedWrites appends to and rewrites an encrypted contacts file:
// the file stays encrypted, keeps every other byte of its plain text, and
// no file of the directory ever holds plain text.
func TestEncryptedWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.csv.age")
	c, open := testCrypt(t)
	opts := contactOpts(dir, path)
	opts.Crypt = c

	// The first write makes the file, encrypted, mode 0600.
	if _, err := Append(ctx, opts, contactRow("C001", "first")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("new file: %v, %v", st, err)
	}
	want := "customer_id,contacted_at,staff,channel,summary\nC001,2026-11-22 10:15,村田,電話,first\n"
	if got := open(path); got != want {
		t.Fatalf("made:\n%s\nwant:\n%s", got, want)
	}
	noPlain(t, dir)

	// An existing file of CRLF lines without a last line end keeps them.
	plain := "contacted_at,customer_id,channel,staff,summary\r\n2026-01-01 09:00,C002,電話,村田,\"a, b\"\r\n2026-01-02 09:00,C003,店頭,村田,x"
	sealed := &bytes.Buffer{}
	w, _ := c.Seal(sealed)
	io.WriteString(w, plain)
	w.Close()
	if err := os.WriteFile(path, sealed.Bytes(), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := Append(ctx, opts, contactRow("C004", "second")); err != nil {
		t.Fatal(err)
	}
	want = plain + "\r\n2026-11-22 10:15,C004,電話,村田,second\r\n"
	if got := open(path); got != want {
		t.Fatalf("appended:\n%q\nwant:\n%q", got, want)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own 0640", st.Mode().Perm())
	}
	noPlain(t, dir)

	// A rewrite changes one row and keeps the rest.
	match := func(l *Layout, rec *rows.Record) bool {
		return string(rec.Field(l.Binding.Col(schema.CustomerID))) == "C003"
	}
	_, _, err := Rewrite(ctx, opts, match, func(l *Layout, old []string) ([]string, error) {
		row := append([]string(nil), old...)
		l.Set(row, schema.Summary, "changed")
		return row, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want = strings.Replace(want, "村田,x\r\n", "村田,changed\r\n", 1)
	if got := open(path); got != want {
		t.Fatalf("rewritten:\n%q\nwant:\n%q", got, want)
	}
	noPlain(t, dir)

	// Tills writing at once: every row goes in, none twice.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Append(ctx, opts, contactRow(fmt.Sprintf("T%d", i), "till"))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := open(path)
	for i := range 8 {
		if n := strings.Count(got, fmt.Sprintf(",T%d,", i)); n != 1 {
			t.Errorf("row T%d %d times:\n%s", i, n, got)
		}
	}
	if !strings.HasPrefix(got, want) {
		t.Errorf("the rows before changed:\n%s", got)
	}
	noPlain(t, dir)
}

// TestEncryptedRefused: an encrypted file without the means to decrypt or
// encrypt it, or a damaged one, is refused and left as it was.
func TestEncryptedRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.csv.age")
	c, _ := testCrypt(t)
	opts := contactOpts(dir, path)
	opts.Crypt = c
	if _, err := Append(ctx, opts, contactRow("C001", "first")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	for _, tt := range []struct {
		name  string
		crypt *Crypt
		data  []byte
		want  string
	}{
		{"no crypt", nil, before, "contacts.csv.age is encrypted (age), and this write cannot decrypt it; give --identity <file>"},
		{"no recipient", &Crypt{Decrypt: c.Decrypt}, before, "contacts.csv.age is encrypted, and there is no recipient to encrypt it to again; nothing was written"},
		{"cut off", c, before[:len(before)-10], "contacts.csv.age: "},
	} {
		if err := os.WriteFile(path, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		o := opts
		o.Crypt = tt.crypt
		_, err := Append(ctx, o, contactRow("C009", "refused"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, tt.data) {
			t.Errorf("%s: the file changed", tt.name)
		}
	}

	// A new .age file and nothing to encrypt it with: no file at all.
	o := contactOpts(dir, filepath.Join(dir, "new.csv.age"))
	if _, err := Append(ctx, o, contactRow("C001", "x")); err == nil || !strings.Contains(err.Error(), "no recipient") {
		t.Errorf("new file without a recipient: %v", err)
	}
	if _, err := os.Stat(o.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("new file: %v", err)
	}
	noPlain(t, dir)
}
