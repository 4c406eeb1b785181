package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
)

// The keys of the rekey crash test: the shop's files are encrypted to
// murata and tanaka; tanaka leaves and a newcomer joins.
const (
	murataKey   = "AGE-SECRET-KEY-1RQ67WYUM0HJPV4FNSFSHWE63H5YJDES0FYGCCXL2056SCVENADSSYTZWDD"
	tanakaKey   = "AGE-SECRET-KEY-15RZ03A3L0RT8AHHY3WVJ6WGL9M8DP28J0YLPW2Q4A9EGJ93EQPEQNESH8T"
	newcomerKey = "AGE-SECRET-KEY-14TL3M0EKKMPYLU63EHS0WHPXE309QWXGUAUNH30W2SXJC49SHGASW77Z64"
)

var rekeyFiles = []string{"customers.csv.age", "sales.csv.age", "contacts.csv.age", "complaints.csv.age"}

func ageIdentity(t *testing.T, key string) *age.X25519Identity {
	t.Helper()
	id, err := age.ParseX25519Identity(key)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// rekeyShop writes the shop's four files encrypted to murata and tanaka,
// and a config whose recipients are murata and the newcomer; it returns
// the plain text of each file.
func rekeyShop(t *testing.T, dir string) map[string]string {
	t.Helper()
	murata, tanaka, newcomer := ageIdentity(t, murataKey), ageIdentity(t, tanakaKey), ageIdentity(t, newcomerKey)
	config := fmt.Sprintf("customers: customers.csv.age\nsales: sales.csv.age\ncontacts: contacts.csv.age\ncomplaints: complaints.csv.age\naccess:\n  identity: murata.key\n  recipients: [%s, %s]\n",
		murata.Recipient(), newcomer.Recipient())
	if err := os.WriteFile(filepath.Join(dir, "custkit.yaml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "murata.key"), []byte(murataKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	plain := map[string]string{}
	for i, name := range rekeyFiles {
		var b strings.Builder
		b.WriteString("customer_id,name,note\n")
		for r := 0; r < 3000*(i+1); r++ {
			fmt.Fprintf(&b, "C%05d,顧客 %d,%s\n", r%200, r, name)
		}
		plain[name] = b.String()
		if err := agefile.WriteEncrypted(filepath.Join(dir, name), strings.NewReader(b.String()), []age.Recipient{murata.Recipient(), tanaka.Recipient()}); err != nil {
			t.Fatal(err)
		}
	}
	return plain
}

// rekeyIn runs one of the test binary's commands in dir and returns its
// exit status and standard error.
func rekeyIn(t *testing.T, dir string, command ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(command[0], append(command[1:], "rekey", "--config", "custkit.yaml")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, ".state"), "CUSTKIT_IDENTITY=", noRaceExitSleep)
	return exitStatus(t, cmd)
}

// checkRekeyed checks that each file opens with exactly murata's and the
// newcomer's keys to its plain text, and that nothing is left beside them.
func checkRekeyed(t *testing.T, dir string, plain map[string]string, what string) {
	t.Helper()
	for _, name := range rekeyFiles {
		data := mustRead(t, filepath.Join(dir, name))
		for _, k := range []struct {
			key  string
			want bool
		}{{murataKey, true}, {newcomerKey, true}, {tanakaKey, false}} {
			r, err := age.Decrypt(bytes.NewReader(data), ageIdentity(t, k.key))
			if !k.want {
				if err == nil {
					t.Errorf("%s: %s still opens with the leaver's key", what, name)
				}
				continue
			}
			var got []byte
			if err == nil {
				got, err = io.ReadAll(r)
			}
			if err != nil || string(got) != plain[name] {
				t.Errorf("%s: %s does not open to its text (%v)", what, name, err)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".") && n != ".state" && n != purgeLockName {
			t.Errorf("%s: %s left behind", what, n)
		}
	}
}

// TestRekeyCrashAtEveryStep runs the real rekey as a separate process,
// stops it dead after each of its file steps in turn, runs rekey again,
// and checks that every file opens with exactly the new recipients.
func TestRekeyCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs rekey some sixty times")
	}
	steps := 0
	for n := 1; ; n++ {
		dir := t.TempDir()
		plain := rekeyShop(t, dir)
		code, stderr := rekeyIn(t, dir, "custkit-crash-after", fmt.Sprint(n))
		if code == 0 {
			checkRekeyed(t, dir, plain, "uninterrupted run")
			break // the run has fewer than n steps
		}
		if code != crashedStatus {
			t.Fatalf("crash after step %d: exit %d: %s", n, code, stderr)
		}
		steps++
		what := fmt.Sprintf("crash after step %d (%s), then a rerun", n, strings.TrimSpace(stderr))
		if code, stderr := rekeyIn(t, dir, "custkit"); code != 0 {
			t.Fatalf("%s: exit %d: %s", what, code, stderr)
		}
		checkRekeyed(t, dir, plain, what)
		if n%6 == 0 {
			verifyLog(t, dir, what)
		}
	}
	t.Logf("stopped and reran rekey at each of its %d steps", steps)
	if steps < 25 {
		t.Errorf("rekey has only %d steps to stop at", steps)
	}
}
