package agefile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"
)

// keyFile writes a new identity to dir with mode, returning its path and
// the identity.
func keyFile(t testing.TB, dir, name string, mode os.FileMode) (string, *age.X25519Identity) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("# test\n"+id.String()+"\n"), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p, id
}

// plainData is more than one 64 KiB chunk of age's payload.
func plainData() []byte {
	var b bytes.Buffer
	b.WriteString("customer_id,name\n")
	for i := 0; b.Len() < 300<<10; i++ {
		b.WriteString("C" + strings.Repeat("x", i%17) + ",山田 花子\n")
	}
	return b.Bytes()
}

// TestWriteEncryptedOpensWithAge: a file WriteEncrypted makes decrypts
// with the age library to the original bytes, and has mode 0600.
func TestWriteEncryptedOpensWithAge(t *testing.T) {
	dir := t.TempDir()
	_, id := keyFile(t, dir, "k", 0o600)
	data := plainData()
	dst := filepath.Join(dir, "c.csv.age")
	if err := WriteEncrypted(dst, bytes.NewReader(data), []age.Recipient{id.Recipient()}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(dst)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", st.Mode().Perm())
	}
	f, _ := os.Open(dst)
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("decrypted %d bytes (%v), want the %d written", len(got), err, len(data))
	}
	if err := WriteEncrypted(dst, bytes.NewReader(data), []age.Recipient{id.Recipient()}); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("over an existing file: %v", err)
	}
}

// TestDecrypt: the identity that opened a file is named; another key, a
// cut-off file and a flipped byte are errors, the last two only once the
// damaged chunk is reached.
func TestDecrypt(t *testing.T) {
	dir := t.TempDir()
	kp, id := keyFile(t, dir, "k", 0o600)
	op, _ := keyFile(t, dir, "other", 0o600)
	var buf bytes.Buffer
	w, _ := Encrypt(&buf, []age.Recipient{id.Recipient()})
	data := plainData()
	w.Write(data)
	w.Close()
	ring, err := LoadIdentities(kp, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, who, err := ring.Decrypt("c.age", bytes.NewReader(buf.Bytes()))
	if err != nil || who != id.Recipient().String() {
		t.Fatalf("Decrypt: %q, %v", who, err)
	}
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, %v", len(got), err)
	}
	other, _ := LoadIdentities(op, nil)
	if _, _, err := other.Decrypt("c.age", bytes.NewReader(buf.Bytes())); err == nil || !strings.Contains(err.Error(), "is not encrypted to the identity in "+op) {
		t.Errorf("other key: %v", err)
	}
	for name, bad := range map[string][]byte{
		"cut":            buf.Bytes()[:buf.Len()-100],
		"cut at a chunk": buf.Bytes()[:buf.Len()-(len(data)-2*64<<10)-16],
		"flipped":        flip(buf.Bytes(), buf.Len()-500),
	} {
		r, _, err := ring.Decrypt("c.age", bytes.NewReader(bad))
		if err != nil {
			t.Fatalf("%s: header refused: %v", name, err)
		}
		if _, err := io.ReadAll(r); err == nil || !strings.Contains(err.Error(), "damaged or was cut off") {
			t.Errorf("%s: read to the end: %v", name, err)
		}
	}
	var none *Keyring
	if _, _, err := none.Decrypt("c.age", bytes.NewReader(buf.Bytes())); err == nil || !strings.Contains(err.Error(), "no identity was given") {
		t.Errorf("no identity: %v", err)
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// TestLoadIdentities: loose permissions, a file without a key and a
// passphrase-protected file without a terminal are refused; with the
// passphrase, the protected file opens.
func TestLoadIdentities(t *testing.T) {
	dir := t.TempDir()
	loose, _ := keyFile(t, dir, "loose", 0o640)
	if _, err := LoadIdentities(loose, nil); err == nil || !strings.Contains(err.Error(), "can be read by others (mode 0640)") {
		t.Errorf("loose: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nothing\n"), 0o600)
	if _, err := LoadIdentities(empty, nil); err == nil || !strings.Contains(err.Error(), "holds no age identity") {
		t.Errorf("empty: %v", err)
	}
	id, _ := age.GenerateX25519Identity()
	sr, _ := age.NewScryptRecipient("correct horse")
	sr.SetWorkFactor(10)
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, sr)
	io.WriteString(w, id.String()+"\n")
	w.Close()
	locked := filepath.Join(dir, "locked")
	os.WriteFile(locked, buf.Bytes(), 0o600)
	if _, err := LoadIdentities(locked, nil); err == nil || !strings.Contains(err.Error(), "no terminal to ask for it on") {
		t.Errorf("no terminal: %v", err)
	}
	ask := func(pass string) func(string) ([]byte, error) {
		return func(string) ([]byte, error) { return []byte(pass), nil }
	}
	if _, err := LoadIdentities(locked, ask("wrong")); err == nil || !strings.Contains(err.Error(), "wrong passphrase") {
		t.Errorf("wrong passphrase: %v", err)
	}
	k, err := LoadIdentities(locked, ask("correct horse"))
	if err != nil || len(k.Recipients()) != 1 || k.Recipients()[0] != id.Recipient().String() {
		t.Errorf("passphrase: %v, %v", k, err)
	}
}

// TestParseRecipients: a bad recipient is named; a secret key is never
// repeated in the error.
func TestParseRecipients(t *testing.T) {
	if _, err := ParseRecipients([]string{"age1nothing"}, "--to"); err == nil || !strings.Contains(err.Error(), `--to: "age1nothing" is not an age recipient`) {
		t.Errorf("bad: %v", err)
	}
	id, _ := age.GenerateX25519Identity()
	if _, err := ParseRecipients([]string{id.String()}, "--to"); err == nil || strings.Contains(err.Error(), id.String()) {
		t.Errorf("a secret key given as recipient: %v", err)
	}
}

// FuzzDecrypt: any bytes given as an age file are refused or decrypted,
// never a panic or a hang.
func FuzzDecrypt(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, id.Recipient())
	io.WriteString(w, "customer_id\nC1\n")
	w.Close()
	f.Add(buf.Bytes())
	f.Add([]byte(Header + "\n"))
	f.Add([]byte("customer_id\n"))
	ring := &Keyring{Path: "k", identities: []age.Identity{id}, recipients: []string{id.Recipient().String()}}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, _, err := ring.Decrypt("f.age", bytes.NewReader(b))
		if err == nil {
			io.Copy(io.Discard, r)
			r.Close()
		}
	})
}

// slowReader counts the reads made of it, each after a pause.
type slowReader struct{ reads atomic.Int64 }

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(time.Millisecond)
	s.reads.Add(1)
	return len(p), nil
}

// Once Close has returned, nothing reads the source any more: the access
// log hashes what was read of it right after the run's inputs are closed.
func TestAheadCloseWaits(t *testing.T) {
	src := &slowReader{}
	r := ahead(src)
	if _, err := io.ReadFull(r, make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	n := src.reads.Load()
	time.Sleep(20 * time.Millisecond)
	if m := src.reads.Load(); m != n {
		t.Fatalf("the source was read %d more times after Close returned", m-n)
	}
}
