package shred

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var secret = []byte(strings.Repeat("山田太郎,090-1234-5678,taro@example.jp\n", 1000))

func TestFillOverwritesEveryByte(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, secret, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(f, int64(len(secret)), 2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, _ := os.ReadFile(path)
	if len(got) != len(secret) {
		t.Fatalf("size %d after fill, want %d", len(got), len(secret))
	}
	if bytes.Contains(got, []byte("山田")) || bytes.Contains(got, []byte("090-")) {
		t.Error("old contents still readable after fill")
	}
	// Random data, not zeros: roughly one byte in 256 is zero.
	if n := bytes.Count(got, []byte{0}); n > len(got)/50 {
		t.Errorf("%d zero bytes out of %d: not random", n, len(got))
	}
}

func TestFileRemovesAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dm-list.csv")
	if err := os.WriteFile(path, secret, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := File(path, Options{Passes: 1}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("directory still holds %v", entries)
	}
}

func TestFileRefuses(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	os.WriteFile(target, secret, 0o600)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	cases := []struct {
		path string
		want error
	}{
		{dir, ErrDirectory},
		{link, ErrSymlink},
	}
	for _, c := range cases {
		if err := File(c.path, Options{}); !errors.Is(err, c.want) {
			t.Errorf("File(%s) = %v, want %v", c.path, err, c.want)
		}
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, secret) {
		t.Error("the symlink's target was touched")
	}
	if err := File(filepath.Join(dir, "none.csv"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestCaveats(t *testing.T) {
	cases := []struct {
		m    Medium
		want []string
	}{
		{Medium{FS: "btrfs", Rotation: SolidState}, []string{"copy-on-write", "solid-state", "backups"}},
		{Medium{FS: "ext4", DataJournal: true, Rotation: Spinning}, []string{"data=journal", "backups"}},
		{Medium{FS: "ext4", Rotation: Spinning}, []string{"backups"}},
		{Medium{FS: "nfs4"}, []string{"network", "backups"}},
		{Medium{FS: "fuse.sshfs"}, []string{"network or FUSE", "backups"}},
		{Medium{FS: "tmpfs"}, []string{"swap", "backups"}},
		{Medium{FS: "overlay", Rotation: Spinning}, []string{"lower layer", "backups"}},
		{Medium{FS: "xfs"}, []string{"could not tell whether the disk is solid-state", "backups"}},
		{Medium{}, []string{"could not be identified", "could not tell", "backups"}},
	}
	for _, c := range cases {
		got := c.m.Caveats()
		if len(got) != len(c.want) {
			t.Errorf("%+v: %d caveats %q, want %d", c.m, len(got), got, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%+v: caveat %d = %q, want it to mention %q", c.m, i, got[i], w)
			}
		}
	}
}

func TestInspectFindsTheFileSystem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file system detection is Linux only")
	}
	m := Inspect(t.TempDir())
	if m.FS == "" {
		t.Errorf("Inspect(temp dir) = %+v, want a file system name", m)
	}
}

// A file that cannot be removed once renamed is not left under a random
// name nobody knows: it gets its own name back, emptied, or the error
// names where it is.
func TestFileNamesWhatItCouldNotRemove(t *testing.T) {
	defer func(f func(string) error) { removeFile = f }(removeFile)
	t.Run("name given back", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "dm.csv")
		if err := os.WriteFile(path, secret, 0o600); err != nil {
			t.Fatal(err)
		}
		removeFile = func(string) error { return &os.PathError{Op: "remove", Path: "x", Err: os.ErrPermission} }
		res := Files(t.Context(), []string{path}, FilesOptions{Options: Options{Passes: 1}})
		if res.Failed != 1 {
			t.Fatalf("Failed = %d, want 1", res.Failed)
		}
		err := File(path, Options{Passes: 1})
		want := path + ": overwritten and emptied, but not removed (permission denied): remove " + path + " by hand"
		if err == nil || err.Error() != want {
			t.Errorf("File = %v,\nwant %s", err, want)
		}
		if got, err := os.ReadFile(path); err != nil || len(got) != 0 {
			t.Errorf("file at its name: %d bytes, %v; want it there, empty", len(got), err)
		}
		assertOnly(t, dir, "dm.csv")
	})
	t.Run("left under the random name", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "dm.csv")
		if err := os.WriteFile(path, secret, 0o600); err != nil {
			t.Fatal(err)
		}
		removeFile = func(string) error {
			if err := os.Mkdir(path, 0o700); err != nil { // the name taken meanwhile
				t.Fatal(err)
			}
			return os.ErrPermission
		}
		var reported error
		Files(t.Context(), []string{path}, FilesOptions{Options: Options{Passes: 1}, Report: func(_ string, err error) { reported = err }})
		var left *LeftError
		if !errors.As(reported, &left) || filepath.Dir(left.Path) != dir || !strings.HasPrefix(filepath.Base(left.Path), ".") {
			t.Fatalf("Files reported %v, want the random name the file is left under", reported)
		}
		if !strings.Contains(reported.Error(), "remove "+left.Path+" by hand") {
			t.Errorf("error %q does not name %s", reported, left.Path)
		}
		if got, err := os.ReadFile(left.Path); err != nil || len(got) != 0 {
			t.Errorf("%s: %d bytes, %v; want it there, empty", left.Path, len(got), err)
		}
	})
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("directory holds %v, want %v", got, names)
	}
}
