package keys

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/usererr"
)

// identity writes a new age identity to a file of dir and returns the
// file and the identity's recipient.
func identity(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, id.Recipient().String()
}

func TestPathAndRing(t *testing.T) {
	dir := t.TempDir()
	file, _ := identity(t, dir, "murata.key")
	c := Config{Access: config.Access{Identity: file}}
	var k Keys
	if got := k.Path(Config{}); got != "" {
		t.Errorf("Path without identity = %q", got)
	}
	if got := k.Path(c); got != file {
		t.Errorf("Path = %q, want the config's %q", got, file)
	}
	k.Flag = "flag.key"
	if got := k.Path(c); got != "flag.key" {
		t.Errorf("Path = %q, want --identity's", got)
	}
	var none Keys
	if ring, err := none.Ring(Config{}, nil); ring != nil || err != nil {
		t.Errorf("Ring without identity = %v, %v; want nil, nil", ring, err)
	}
	var once Keys
	ring, err := once.Ring(c, nil)
	if err != nil || ring == nil {
		t.Fatalf("Ring = %v, %v", ring, err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if again, err := once.Ring(c, nil); again != ring || err != nil {
		t.Errorf("second Ring = %v, %v; want the identity loaded the first time", again, err)
	}
	var missing Keys
	if _, err := missing.Ring(c, nil); err == nil {
		t.Error("Ring of a missing identity file: no error")
	}
}

func TestMay(t *testing.T) {
	dir := t.TempDir()
	murata, murataR := identity(t, dir, "murata.key")
	tanaka, tanakaR := identity(t, dir, "tanaka.key")
	stranger, _ := identity(t, dir, "stranger.key")
	staff := config.Access{Staff: map[string]config.Staff{
		"murata": {Recipient: murataR, May: []string{config.MayReveal, config.MayPurge}},
		"tanaka": {Recipient: tanakaR},
	}}
	for _, tc := range []struct {
		name   string
		access config.Access
		file   string
		perm   string
		want   string
	}{
		{"no staff, nothing checked", config.Access{}, stranger, config.MayPurge, ""},
		{"no identity, nothing checked", staff, "", config.MayPurge, ""},
		{"allowed", staff, murata, config.MayPurge, ""},
		{"not given", staff, tanaka, config.MayPurge, "purge needs the purge permission, which access.staff.tanaka.may does not give tanaka"},
		{"not named", staff, stranger, config.MayReveal, "purge needs the reveal permission, and the identity in " + stranger + " is not named in access.staff of the config file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := Keys{Flag: tc.file}
			err := k.May(Config{Access: tc.access}, nil, tc.perm, "purge")
			if got := errText(err); got != tc.want {
				t.Errorf("May = %q, want %q", got, tc.want)
			}
		})
	}
	// The member whose key opened an input is the one checked, whatever
	// identity file is named.
	k := Keys{Flag: murata}
	k.Opened(Config{Access: staff}, nil, tanakaR)
	k.Opened(Config{Access: staff}, nil, murataR) // only the first counts
	if err := k.May(Config{Access: staff}, nil, config.MayReveal, "--reveal"); err == nil {
		t.Error("May after tanaka's key opened an input: allowed, want tanaka's permissions")
	}
}

func TestDecrypt(t *testing.T) {
	dir := t.TempDir()
	file, rcpt := identity(t, dir, "murata.key")
	r, err := age.ParseX25519Recipient(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	var sealed bytes.Buffer
	w, err := age.Encrypt(&sealed, r)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "customer_id\n000101\n")
	w.Close()
	k := Keys{Flag: file}
	if k.Unread(0) || !k.Unread(1) {
		t.Errorf("before any input: Unread(0) = %v, Unread(1) = %v, want false, true", k.Unread(0), k.Unread(1))
	}
	plain, err := k.Decrypt(Config{}, nil, nil)("customers.csv.age", &sealed)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 4)
	if _, err := io.ReadFull(plain, head); err != nil {
		t.Fatal(err)
	}
	if !k.Unread(0) {
		t.Error("Unread(0) = false with the input opened and read in part")
	}
	rest, _ := io.ReadAll(plain)
	plain.Close()
	if b := string(head) + string(rest); b != "customer_id\n000101\n" {
		t.Errorf("Decrypt = %q", b)
	}
	if k.Unread(1) {
		t.Error("Unread(1) = true with the one named input read to its end")
	}
	if !k.Unread(2) {
		t.Error("Unread(2) = false with one of two named inputs read")
	}
	staff := config.Access{Staff: map[string]config.Staff{"murata": {Recipient: rcpt}}}
	if err := k.May(Config{Access: staff}, nil, config.MayExport, "-o"); err == nil || !strings.Contains(err.Error(), "access.staff.murata.may") {
		t.Errorf("May after murata's key opened an input = %v", err)
	}
}

func TestSeal(t *testing.T) {
	dir := t.TempDir()
	_, rcpt := identity(t, dir, "murata.key")
	with := Config{Access: config.Access{Recipients: []string{rcpt}}, File: "custkit.yaml"}
	for _, path := range []string{"", "-", "list.csv"} {
		if seal, err := with.Seal(path); seal != nil || err != nil {
			t.Errorf("Seal(%q) = %v, %v; want none", path, seal != nil, err)
		}
	}
	if seal, err := with.Seal("list.csv.age"); seal == nil || err != nil {
		t.Errorf("Seal(.age) = %v, %v", seal != nil, err)
	}
	all := with
	all.Access.EncryptOutputs = true
	if seal, err := all.Seal("list.csv"); seal == nil || err != nil {
		t.Errorf("Seal with encrypt_outputs = %v, %v", seal != nil, err)
	}
	_, err := Config{}.Seal("list.csv.age")
	var hint *usererr.HintError
	if got := errText(err); got != "-o list.csv.age is to be encrypted, and the config names no recipient" || !errors.As(err, &hint) {
		t.Errorf("Seal without recipients = %q, want it with a hint", got)
	}
	bad := Config{Access: config.Access{Recipients: []string{"age1nope"}}, File: "custkit.yaml"}
	if _, err := bad.Seal("list.csv.age"); err == nil || !strings.HasPrefix(err.Error(), "custkit.yaml: ") {
		t.Errorf("Seal with a bad recipient = %v, want it to name the config file", err)
	}
	if seal, err := (Config{}).PurgeSeal(); seal != nil || err != nil {
		t.Errorf("PurgeSeal without recipients = %v, %v; want none", seal != nil, err)
	}
	if _, err := (Config{}).Reseal(io.Discard); err == nil {
		t.Error("Reseal without recipients: no error")
	}
	var out bytes.Buffer
	wc, err := with.Reseal(&out)
	if err != nil {
		t.Fatal(err)
	}
	wc.Close()
	if !bytes.HasPrefix(out.Bytes(), []byte("age-encryption.org/")) {
		t.Errorf("Reseal wrote %q", out.Bytes())
	}
}

func TestRecipients(t *testing.T) {
	dir := t.TempDir()
	_, a := identity(t, dir, "a.key")
	_, b := identity(t, dir, "b.key")
	list := filepath.Join(dir, "staff.txt")
	os.WriteFile(list, []byte(b+"\n"), 0o600)
	cfg := Config{Access: config.Access{Recipients: []string{a}}}
	if rs, err := cfg.Recipients("encrypt", nil, ""); err != nil || len(rs) != 1 {
		t.Errorf("the config's = %d, %v", len(rs), err)
	}
	if rs, err := cfg.Recipients("encrypt", []string{b}, list); err != nil || len(rs) != 2 {
		t.Errorf("--to and --to-file = %d, %v", len(rs), err)
	}
	_, err := Config{}.Recipients("rekey", nil, "")
	var usage *usererr.UsageError
	if !errors.As(err, &usage) || !strings.HasPrefix(err.Error(), "rekey needs a recipient") {
		t.Errorf("none = %v, want a usage error", err)
	}
	if _, err := cfg.Recipients("encrypt", []string{"age1nope"}, ""); err == nil {
		t.Error("a bad --to: no error")
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
