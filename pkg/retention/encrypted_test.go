//go:build linux

package retention

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
	"golang.org/x/sys/unix"
)

// plainMarks are bytes of the test shop's files that only their plain text
// holds: a file written during a purge of the encrypted shop that contains
// one of them is plain customer data on disk.
var plainMarks = []string{"customer_id", "佐藤 健一", "teapot", "late delivery", "R4,C2"}

// dirWatch follows, with inotify, every file of a directory that is
// created, written or renamed into it, and reads each one at once.
type dirWatch struct {
	t    *testing.T
	dir  string
	fd   int
	skip map[string]bool // files there before, which the purge must not touch
	mu   sync.Mutex
	seen map[string]bool
	bad  []string
	stop chan struct{}
	done chan struct{}
}

func watchDir(t *testing.T, dir string, skip ...string) *dirWatch {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_CREATE|unix.IN_MODIFY|unix.IN_CLOSE_WRITE|unix.IN_MOVED_TO); err != nil {
		unix.Close(fd)
		t.Skipf("inotify: %v", err)
	}
	w := &dirWatch{t: t, dir: dir, fd: fd, skip: map[string]bool{}, seen: map[string]bool{},
		stop: make(chan struct{}), done: make(chan struct{})}
	for _, s := range skip {
		w.skip[s] = true
	}
	go w.loop()
	return w
}

func (w *dirWatch) loop() {
	defer close(w.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.Read(w.fd, buf)
		if n <= 0 || err != nil {
			select {
			case <-w.stop:
				// One last read: events queued before the stop.
				if n, _ = unix.Read(w.fd, buf); n <= 0 {
					return
				}
			default:
				time.Sleep(200 * time.Microsecond)
				continue
			}
		}
		for off := 0; off+unix.SizeofInotifyEvent <= n; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			name := string(bytes.TrimRight(buf[off+unix.SizeofInotifyEvent:off+unix.SizeofInotifyEvent+int(ev.Len)], "\x00"))
			off += unix.SizeofInotifyEvent + int(ev.Len)
			if ev.Mask&unix.IN_Q_OVERFLOW != 0 {
				w.fail("inotify queue overflowed: events were lost")
			}
			if name != "" {
				w.check(name)
			}
		}
	}
}

// check reads the file name of the directory, if it is still there, and
// notes it when it holds plain text.
func (w *dirWatch) check(name string) {
	w.mu.Lock()
	w.seen[name] = true
	w.mu.Unlock()
	if w.skip[name] {
		w.fail(name + " was written, and the purge has no business with it")
		return
	}
	data, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		return // renamed or removed already: its new name is checked too
	}
	for _, m := range plainMarks {
		if bytes.Contains(data, []byte(m)) {
			w.fail(name + " holds plain text (" + m + ")")
		}
	}
	if (strings.HasSuffix(name, ".age") || strings.HasSuffix(name, newSuffix)) && len(data) > 0 && !bytes.HasPrefix(data, []byte(agefile.Header)) {
		w.fail(name + " does not start with the age header")
	}
}

// scan checks every file of the directory now: the watch's backstop for a
// file that came and went before its events were read.
func (w *dirWatch) scan() {
	ents, err := os.ReadDir(w.dir)
	if err != nil {
		w.fail(err.Error())
		return
	}
	for _, e := range ents {
		if e.Type().IsRegular() && !w.skip[e.Name()] {
			w.check(e.Name())
		}
	}
}

func (w *dirWatch) fail(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bad = append(w.bad, msg)
}

// end stops the watch and returns what it found and the names it saw.
func (w *dirWatch) end() ([]string, map[string]bool) {
	close(w.stop)
	<-w.done
	unix.Close(w.fd)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bad, w.seen
}

// TestPurgeEncrypted purges the test shop with every data file encrypted
// and watches the directory all along: every file written on the way (the
// new versions, the journal, the lock, the old versions as they are
// shredded) holds no plain text, and each rewritten file opens with the
// shop's identity, without the purged customers.
func TestPurgeEncrypted(t *testing.T) {
	opts, _, _ := purgeShop(t)
	dir := filepath.Dir(opts.Customers)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "shop.key")
	if err := os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ring, err := agefile.LoadIdentities(keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	recipients := []age.Recipient{id.Recipient()}
	for _, p := range []*string{&opts.Customers, &opts.Sales, &opts.Contacts, &opts.Complaints} {
		f, err := os.Open(*p)
		if err != nil {
			t.Fatal(err)
		}
		err = agefile.WriteEncrypted(*p+agefile.Ext, f, recipients)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(*p); err != nil {
			t.Fatal(err)
		}
		*p += agefile.Ext
	}
	opts.Scan.Decrypt = func(name string, r io.Reader) (io.ReadCloser, error) {
		plain, _, err := ring.Decrypt(name, r)
		return plain, err
	}
	opts.Force = true

	// Without a way to encrypt the new versions: refused before anything.
	before, _ := os.ReadFile(opts.Customers)
	if err := Purge(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "customers.csv.age is encrypted, and the config names no recipient to encrypt its new version to; nothing was changed") {
		t.Fatalf("no recipients: %v", err)
	}
	if after, _ := os.ReadFile(opts.Customers); !bytes.Equal(before, after) {
		t.Fatal("the customers file changed on a refused run")
	}

	opts.Scan.Seal = func(w io.Writer) (io.WriteCloser, error) { return agefile.Encrypt(w, recipients) }
	watch := watchDir(t, dir, "holds.csv", "export-1.csv", "export-2.csv")
	opts.AfterOp = func(string) { watch.scan() }
	err = Purge(context.Background(), opts)
	watch.scan()
	bad, seen := watch.end()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Error(b)
	}
	for _, name := range []string{".customers.csv.age" + newSuffix, "customers.csv.age", JournalName} {
		if !seen[name] {
			t.Errorf("the watch never saw %s (seen: %v)", name, seen)
		}
	}

	for _, tt := range []struct {
		path      string
		has, gone []string
	}{
		{opts.Customers, []string{"C2,佐藤 健一", "C4,田中 誠", "C5,"}, []string{"山田 花子", "Smith", "小林"}},
		{opts.Sales, []string{"R4,C2,2026-01-01,4000", "R2,"}, []string{"R1,", "R3,", "R2,C1"}},
		{opts.Complaints, []string{"late delivery"}, []string{"broken plate"}},
	} {
		f, err := os.Open(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		plain, _, err := ring.Decrypt(tt.path, f)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(plain)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		for _, s := range tt.has {
			if !bytes.Contains(data, []byte(s)) {
				t.Errorf("%s lacks %q:\n%s", tt.path, s, data)
			}
		}
		for _, s := range tt.gone {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s still holds %q:\n%s", tt.path, s, data)
			}
		}
	}
}
