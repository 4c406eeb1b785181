package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/retention"
	"golang.org/x/text/encoding/japanese"
)

// The crash test runs the real purge as a separate process, stops it dead
// after each of its file steps in turn (custkit-crash-after, a command of
// the test binary only), runs purge again, and compares every file with a
// run that was never interrupted.

const crashAsOf = "2031-06-01"

// crashConfig purges customers inactive for five years, keeps seven years
// of sales (a CP932 file with CRLF, as a register writes it) and three of
// contacts and complaints, with a legal hold.
const crashConfig = `customers: customers.csv
sales: sales_sjis.csv
contacts: contacts.csv
complaints: complaints.csv
retention:
  customers: {inactive_after: 5y, action: delete}
  sales: {keep: 7y, on_customer_purge: pseudonymize}
  contacts: {keep: 3y}
  complaints: {keep: 3y}
  legal_hold: holds.csv
`

// crashShop writes a generated shop into dir, with two tracked exports
// that expired before the purge date.
func crashShop(t *testing.T, dir string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(8, 2026))
	day := func(from, to string) string {
		a, _ := time.Parse("2006-01-02", from)
		b, _ := time.Parse("2006-01-02", to)
		return a.AddDate(0, 0, rng.IntN(int(b.Sub(a).Hours()/24))).Format("2006-01-02")
	}
	var cust, sales, contacts, complaints strings.Builder
	cust.WriteString("customer_id,name,phone,store_id,registered_at\n")
	sales.WriteString("顧客番号,レシート番号,売上日,金額\r\n")
	contacts.WriteString("customer_id,contacted_at,summary\n")
	complaints.WriteString("customer_id,received_at,summary\n")
	const n = 200
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&cust, "C%05d,顧客 %d,090-%04d-%04d,S0%d,%s\n", i, i, i, rng.IntN(10000), 1+rng.IntN(3), day("2018-01-01", "2030-12-31"))
	}
	for r := 1; r <= 2000; r++ {
		id := fmt.Sprintf("C%05d", 1+rng.IntN(n+5)) // a few ids are not customers
		if rng.IntN(10) == 0 {
			id = "" // walk-in
		}
		fmt.Fprintf(&sales, "%s,R%06d,%s,\"\\%d,%03d\"\r\n", id, r, strings.ReplaceAll(day("2020-01-01", "2031-05-31"), "-", "/"), 1+rng.IntN(20), rng.IntN(1000))
	}
	for r := 0; r < 150; r++ {
		fmt.Fprintf(&contacts, "C%05d,%s,\"called, said \"\"later\"\"\nand hung up\"\n", 1+rng.IntN(n), day("2024-01-01", "2031-05-31"))
	}
	for r := 0; r < 60; r++ {
		fmt.Fprintf(&complaints, "C%05d,%s,broken plate %d\n", 1+rng.IntN(n), day("2024-01-01", "2031-05-31"), r)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(sales.String())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"custkit.yaml": crashConfig, "customers.csv": cust.String(), "sales_sjis.csv": sjis,
		"contacts.csv": contacts.String(), "complaints.csv": complaints.String(),
		"holds.csv": "顧客番号\nC00007\nC00011\nC00150\n",
		"hash.key":  "crash-test-key-0123456789abcdef\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The exports belong to this shop: its config file, as the manifest
	// records it.
	shop, err := filepath.EvalSymlinks(filepath.Join(dir, "custkit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"dm-list.csv", "printer.csv"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("name\n顧客 1\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		created := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
		e := manifest.Entry{Path: path, Rows: 1, Columns: manifest.Columns{"name"}, Purpose: "DM", Created: created, Expires: created.AddDate(0, 1, 0), Shop: shop}
		if err := manifest.Add(filepath.Join(dir, ".state", "custkit", "exports.csv"), e); err != nil {
			t.Fatal(err)
		}
	}
}

// purgeIn runs one of the test binary's commands in dir with the shop's
// environment, on a clock that says it is crashAsOf, and returns its exit
// status and standard error.
func purgeIn(t *testing.T, dir string, command string, args ...string) (int, string) {
	t.Helper()
	return purgeFrom(t, dir, dir, ".", command, args...)
}

// purgeFrom runs one of the test binary's commands on the shop in dir,
// from the working directory wd, which names the shop's directory rel
// (the config and key file are rel/custkit.yaml and rel/hash.key), on a
// clock that says it is crashAsOf.
func purgeFrom(t *testing.T, dir, wd, rel string, command string, args ...string) (int, string) {
	t.Helper()
	args = append([]string{crashAsOf, command}, args...)
	args = append(args, "purge", "--config", filepath.Join(rel, "custkit.yaml"), "--key-file", filepath.Join(rel, "hash.key"), "--as-of", crashAsOf, "--max-delete", "90%")
	cmd := exec.Command("custkit-at", args...)
	cmd.Dir = wd
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, ".state"), "CUSTKIT_HASH_KEY=", noRaceExitSleep)
	return exitStatus(t, cmd)
}

// exitStatus runs cmd and returns its exit status and standard error; a
// command that cannot be started fails the test.
func exitStatus(t *testing.T, cmd *exec.Cmd) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	return 0, stderr.String()
}

// noRaceExitSleep stops a binary built with -race from sleeping a second
// as it exits (its default, to let late reports through): the test starts
// some seventy of them.
const noRaceExitSleep = "GORACE=atexit_sleep_ms=0"

// dataFiles are the files a purge rewrites.
var dataFiles = []string{"customers.csv", "sales_sjis.csv", "contacts.csv", "complaints.csv"}

func TestPurgeCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the purge some seventy times")
	}
	ref := t.TempDir()
	crashShop(t, ref)
	if code, stderr := purgeIn(t, ref, "custkit"); code != 0 {
		t.Fatalf("uninterrupted purge: exit %d: %s", code, stderr)
	}
	checkPurged(t, ref, ref, "uninterrupted run")
	verifyLog(t, ref, "uninterrupted run")
	fresh := t.TempDir()
	crashShop(t, fresh)
	for _, name := range dataFiles {
		if bytes.Equal(mustRead(t, filepath.Join(ref, name)), mustRead(t, filepath.Join(fresh, name))) {
			t.Errorf("the purge left %s as it was; the test would prove nothing", name)
		}
	}
	steps := 0
	for n := 1; ; n++ {
		dir := t.TempDir()
		crashShop(t, dir)
		code, stderr := purgeIn(t, dir, "custkit-crash-after", fmt.Sprint(n))
		if code == 0 {
			break // the run has fewer than n steps
		}
		if code != crashedStatus {
			t.Fatalf("crash after step %d: exit %d: %s", n, code, stderr)
		}
		steps++
		if code, stderr := purgeIn(t, dir, "custkit"); code != 0 {
			t.Fatalf("rerun after a crash at step %d: exit %d: %s", n, code, stderr)
		}
		checkPurged(t, dir, ref, fmt.Sprintf("crash after step %d, then a rerun", n))
		if n%8 == 0 {
			verifyLog(t, dir, fmt.Sprintf("crash after step %d, then a rerun", n))
		}
	}
	t.Logf("stopped and reran the purge at each of its %d steps", steps)
	if steps < 20 {
		t.Errorf("the purge has only %d steps to stop at", steps)
	}
}

// TestPurgeCrashResumeElsewhere stops the purge after each of its file
// steps, as TestPurgeCrashAtEveryStep does, and finishes it from another
// working directory, which names the config by another relative path:
// the shop's parent (shop/custkit.yaml), or a stranger directory beside
// it (../shop/custkit.yaml), each way round. A crash while the journal's
// temporary file is half written must leave that file, for the rerun to
// clean it up.
func TestPurgeCrashResumeElsewhere(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the purge some hundred and forty times")
	}
	ref := t.TempDir()
	crashShop(t, ref)
	if code, stderr := purgeIn(t, ref, "custkit"); code != 0 {
		t.Fatalf("uninterrupted purge: exit %d: %s", code, stderr)
	}
	type place struct{ wd, rel string } // relative to the shop's parent
	ways := []struct{ crash, resume place }{
		{place{"shop", "."}, place{".", "shop"}},
		{place{"other", "../shop"}, place{"shop", "."}},
	}
	steps, journalTemps := 0, 0
	for n := 1; ; n++ {
		ran := false
		for _, way := range ways {
			base := t.TempDir()
			dir := filepath.Join(base, "shop")
			for _, d := range []string{dir, filepath.Join(base, "other")} {
				if err := os.Mkdir(d, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			crashShop(t, dir)
			code, stderr := purgeFrom(t, dir, filepath.Join(base, way.crash.wd), way.crash.rel, "custkit-crash-after", fmt.Sprint(n))
			if code == 0 {
				continue // the run has fewer than n steps
			}
			if code != crashedStatus {
				t.Fatalf("crash after step %d: exit %d: %s", n, code, stderr)
			}
			ran = true
			what := fmt.Sprintf("crash after step %d from %s, then a rerun from %s", n, way.crash.wd, way.resume.wd)
			if strings.Contains(stderr, ": write part of ") {
				temps, _ := filepath.Glob(filepath.Join(dir, "."+retention.JournalName+".tmp-*"))
				if len(temps) != 1 {
					t.Fatalf("%s: the journal's temporary file is not there to clean up: %v", what, temps)
				}
				journalTemps++
			}
			code, stderr = purgeFrom(t, dir, filepath.Join(base, way.resume.wd), way.resume.rel, "custkit")
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", what, code, stderr)
			}
			checkPurged(t, dir, ref, what)
			if n%8 == 0 {
				verifyLog(t, dir, what)
			}
		}
		if !ran {
			break
		}
		steps++
	}
	t.Logf("stopped the purge at each of its %d steps, and finished it from another directory", steps)
	if steps < 20 {
		t.Errorf("the purge has only %d steps to stop at", steps)
	}
	if journalTemps != len(ways) {
		t.Errorf("the purge was stopped %d times while it wrote its journal, want %d", journalTemps, len(ways))
	}
}

// checkPurged compares dir's data files with ref's byte for byte, and
// checks that no temporary file, journal or expired export is left.
func checkPurged(t *testing.T, dir, ref, what string) {
	t.Helper()
	for _, name := range dataFiles {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join(ref, name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs from the uninterrupted run", what, name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && name != ".state" && name != purgeLockName {
			t.Errorf("%s: %s left behind", what, name)
		}
		if name == "dm-list.csv" || name == "printer.csv" {
			t.Errorf("%s: expired export %s not shredded", what, name)
		}
	}
	left, err := manifest.Read(filepath.Join(dir, ".state", "custkit", "exports.csv"))
	if err != nil || len(left) != 0 {
		t.Errorf("%s: manifest still lists %v (%v)", what, left, err)
	}
}

// verifyLog checks dir's access log with "custkit audit verify".
func verifyLog(t *testing.T, dir, what string) {
	t.Helper()
	cmd := exec.Command("custkit", "audit", "verify")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, ".state"), noRaceExitSleep)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: audit verify: %v: %s", what, err, out)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
