package rekey

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/custkit/custkit/pkg/agefile"
)

type crash struct{ op string }

// shop writes three files encrypted to a and b, and returns their paths
// and plain contents.
func shop(t *testing.T, dir string, rs ...age.Recipient) ([]string, map[string]string) {
	t.Helper()
	plain := map[string]string{}
	var paths []string
	for i, name := range []string{"customers.csv.age", "sales.csv.age", "contacts.csv.age"} {
		text := fmt.Sprintf("customer_id,name\nC%05d,顧客 %d\n", i, i) + strings.Repeat("C00001,line\n", 20000*i)
		path := filepath.Join(dir, name)
		if err := agefile.WriteEncrypted(path, strings.NewReader(text), rs); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		plain[path] = text
	}
	return paths, plain
}

func identity(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func runner(dir string, id age.Identity, after func(string)) *Runner {
	return &Runner{
		Dir: dir,
		Decrypt: func(name string, r io.Reader) (io.ReadCloser, error) {
			d, err := age.Decrypt(r, id)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return io.NopCloser(d), nil
		},
		Shred:   os.Remove,
		AfterOp: after,
	}
}

// readable checks that each file opens with id to its plain text (want)
// or not at all (!want).
func readable(t *testing.T, what string, plain map[string]string, id age.Identity, want bool) {
	t.Helper()
	for path, text := range plain {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		r, err := age.Decrypt(bytes.NewReader(data), id)
		if !want {
			if err == nil {
				t.Errorf("%s: %s still opens with the removed key", what, path)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %s: %v", what, path, err)
			continue
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != text {
			t.Errorf("%s: %s does not decrypt to its text (%v)", what, path, err)
		}
	}
}

func leftovers(t *testing.T, what, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s: %s left behind", what, e.Name())
		}
	}
}

func TestRunCrashAtEveryStep(t *testing.T) {
	a, b, c := identity(t), identity(t), identity(t)
	to := []string{a.Recipient().String(), c.Recipient().String()}
	steps := 0
	for n := 1; ; n++ {
		dir := t.TempDir()
		paths, plain := shop(t, dir, a.Recipient(), b.Recipient())
		count := 0
		crashed := func() (c *crash) {
			defer func() {
				if v := recover(); v != nil {
					c = v.(*crash)
				}
			}()
			r := runner(dir, a, func(op string) {
				if count++; count == n {
					panic(&crash{op})
				}
			})
			if _, err := r.Run(context.Background(), paths, to); err != nil {
				t.Fatalf("step %d: %v", n, err)
			}
			if err := r.Finish(); err != nil {
				t.Fatal(err)
			}
			return nil
		}()
		if crashed == nil {
			break
		}
		steps++
		what := fmt.Sprintf("killed after step %d (%s), then run again", n, crashed.op)
		// Each file is wholly old or wholly new: both keys open the old.
		for path, text := range plain {
			ok := false
			for _, id := range []age.Identity{b, c} {
				data, _ := os.ReadFile(path)
				if r, err := age.Decrypt(bytes.NewReader(data), id); err == nil {
					got, err := io.ReadAll(r)
					ok = ok || (err == nil && string(got) == text)
				}
			}
			if !ok {
				t.Fatalf("killed after step %d: %s is neither version", n, path)
			}
		}
		r := runner(dir, a, nil)
		res, err := r.Run(context.Background(), paths, to)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !r.Pending() {
			t.Errorf("%s: the journal is gone before the run is recorded (Finish)", what)
		}
		if crashed.op == "journal" && !res.Same {
			t.Errorf("%s: the interrupted run to the same recipients was done twice", what)
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
		readable(t, what, plain, a, true)
		readable(t, what, plain, c, true)
		readable(t, what, plain, b, false)
		leftovers(t, what, dir)
	}
	if steps < 15 {
		t.Errorf("the rekey has only %d steps to stop at", steps)
	}
}

// A run resumed after its journal was written finishes that run and does
// nothing more when asked for the same.
func TestRunResumesSame(t *testing.T) {
	a, b := identity(t), identity(t)
	dir := t.TempDir()
	paths, plain := shop(t, dir, a.Recipient(), b.Recipient())
	to := []string{a.Recipient().String()}
	func() {
		defer func() { _ = recover() }()
		r := runner(dir, a, func(op string) {
			if op == "journal" {
				panic(&crash{op})
			}
		})
		_, _ = r.Run(context.Background(), paths, to)
		t.Fatal("no journal step")
	}()
	r := runner(dir, a, nil)
	res, err := r.Run(context.Background(), paths, to)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Same || res.Resumed.IsZero() || len(res.Files) != len(paths) {
		t.Errorf("result %+v, want the interrupted run finished and nothing more", res)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	readable(t, "resumed", plain, a, true)
	readable(t, "resumed", plain, b, false)
	leftovers(t, "resumed", dir)
}

// A file that cannot be read (damaged, or not for this key) stops the run
// before anything is replaced, and leaves nothing beside the files.
func TestRunRefusesBeforeReplacing(t *testing.T) {
	a, b, outsider := identity(t), identity(t), identity(t)
	dir := t.TempDir()
	paths, plain := shop(t, dir, a.Recipient(), b.Recipient())
	data, _ := os.ReadFile(paths[2])
	if err := os.WriteFile(paths[2], data[:len(data)-100], 0o600); err != nil {
		t.Fatal(err)
	}
	delete(plain, paths[2])
	to := []string{a.Recipient().String()}
	_, err := runner(dir, a, nil).Run(context.Background(), paths, to)
	if err == nil || !strings.Contains(err.Error(), "contacts.csv.age") {
		t.Errorf("cut-off file: err %v, want one naming it", err)
	}
	readable(t, "refused", plain, b, true)
	leftovers(t, "refused", dir)
	_, err = runner(dir, outsider, nil).Run(context.Background(), paths[:2], to)
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) {
		t.Errorf("outsider's key: err %v, want no identity matched", err)
	}
	readable(t, "refused", plain, b, true)
	leftovers(t, "refused", dir)
	if _, err := runner(dir, a, nil).Run(context.Background(), paths[:2], []string{"age1nothing"}); err == nil {
		t.Error("a recipient that is not one was taken")
	}
}

// Where the file system has no hard links, the old versions cannot be
// kept for shredding: the rename deletes them, and the run says which,
// once.
func TestRunWithoutHardLinks(t *testing.T) {
	defer func(l func(string, string) error) { link = l }(link)
	link = func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.ErrUnsupported}
	}
	a, b := identity(t), identity(t)
	dir := t.TempDir()
	paths, plain := shop(t, dir, a.Recipient(), b.Recipient())
	r := runner(dir, a, nil)
	res, err := r.Run(context.Background(), paths, []string{a.Recipient().String()})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	readable(t, "no hard links", plain, a, true)
	readable(t, "no hard links", plain, b, false)
	leftovers(t, "no hard links", dir)
	if !slices.Equal(res.Unshredded, paths) {
		t.Errorf("Unshredded %q, want %q", res.Unshredded, paths)
	}
	want := fmt.Sprintf("warning: the old versions of %s, %s and %s were deleted, not shredded (no hard links on this file system to keep them by until the new ones were in place); the keys they were encrypted to still open what the disk keeps of them", paths[0], paths[1], paths[2])
	if got := res.Notes(); len(got) != 1 || got[0] != want {
		t.Errorf("Notes %q, want %q", got, want)
	}
	one := Result{Unshredded: paths[:1]}
	want = "warning: the old version of " + paths[0] + " was deleted, not shredded (no hard links on this file system to keep it by until the new one was in place); the keys it was encrypted to still open what the disk keeps of it"
	if got := one.Notes(); len(got) != 1 || got[0] != want {
		t.Errorf("Notes %q, want %q", got, want)
	}
	if got := (&Result{}).Notes(); got != nil {
		t.Errorf("Notes of a run that shredded every old version: %q", got)
	}
}

// Killed at any step where the file system has no hard links, the run
// done again still names every old version deleted without shredding:
// those the killed run deleted too, which its journal marks.
func TestRunWithoutHardLinksKilled(t *testing.T) {
	defer func(l func(string, string) error) { link = l }(link)
	link = func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.ErrUnsupported}
	}
	a, b := identity(t), identity(t)
	to := []string{a.Recipient().String()}
	for n := 1; ; n++ {
		dir := t.TempDir()
		paths, plain := shop(t, dir, a.Recipient(), b.Recipient())
		count := 0
		op := func() (op string) {
			defer func() {
				if v := recover(); v != nil {
					op = v.(*crash).op
				}
			}()
			r := runner(dir, a, func(op string) {
				if count++; count == n {
					panic(&crash{op})
				}
			})
			if _, err := r.Run(context.Background(), paths, to); err != nil {
				t.Fatalf("step %d: %v", n, err)
			}
			return ""
		}()
		if op == "" {
			break
		}
		r := runner(dir, a, nil)
		res, err := r.Run(context.Background(), paths, to)
		if err != nil {
			t.Fatalf("killed after step %d (%s), then run again: %v", n, op, err)
		}
		if !slices.Equal(res.Unshredded, paths) {
			t.Errorf("killed after step %d (%s), then run again: Unshredded %q, want %q", n, op, res.Unshredded, paths)
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
		readable(t, "killed without hard links", plain, a, true)
		readable(t, "killed without hard links", plain, b, false)
	}
}
