package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

// chdir makes dir the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(old) })
}

func TestFindFile(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	home := filepath.Join(dir, "home")
	user := filepath.Join(home, ".config", "custkit", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(user), 0o700); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }
	find := func(explicit string) string {
		t.Helper()
		file, trusted, err := FindFile(explicit, getenv)
		if err != nil {
			return "error: " + err.Error()
		}
		return file + map[bool]string{true: " trusted", false: " untrusted"}[trusted]
	}
	if got := find(""); got != " untrusted" {
		t.Errorf("no config anywhere: %q", got)
	}
	write(t, user)
	if got := find(""); got != user+" trusted" {
		t.Errorf("the user's own: %q", got)
	}
	env["XDG_CONFIG_HOME"] = filepath.Join(dir, "xdg")
	if got := find(""); got != " untrusted" {
		t.Errorf("XDG_CONFIG_HOME is where the user's own is: %q", got)
	}
	write(t, "custkit.yaml")
	if got := find(""); got != "custkit.yaml untrusted" {
		t.Errorf("one in the working directory: %q", got)
	}
	env["CUSTKIT_CONFIG"] = user
	if got := find(""); got != user+" trusted" {
		t.Errorf("CUSTKIT_CONFIG: %q", got)
	}
	if got := find("custkit.yaml"); got != "custkit.yaml trusted" {
		t.Errorf("--config: %q", got)
	}
	_, _, err := FindFile("missing.yaml", getenv)
	var h *usererr.HintError
	if !errors.Is(err, os.ErrNotExist) || !errors.As(err, &h) || h.Hint != "check the path given to --config" {
		t.Errorf("--config missing.yaml: %v", err)
	}
}

func write(t *testing.T, file string) {
	t.Helper()
	if err := os.WriteFile(file, []byte("format: csv\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "shop.yml")
	write(t, good)
	if err := CheckFile(good); err != nil {
		t.Errorf("%s: %v", good, err)
	}
	json := filepath.Join(dir, "shop.json")
	write(t, json)
	err := CheckFile(json)
	var u *usererr.UsageError
	var h *usererr.HintError
	if err == nil || !strings.Contains(err.Error(), "reads its config from a YAML file") || !errors.As(err, &u) ||
		!errors.As(err, &h) || h.Hint != "rename the file, e.g. to "+filepath.Join(dir, "shop.yaml") {
		t.Errorf("%s: %v", json, err)
	}
	sub := filepath.Join(dir, "dir.yaml")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(sub); err == nil || err.Error() != "config file "+sub+" is not a regular file" {
		t.Errorf("a directory: %v", err)
	}
	if err := CheckFile(filepath.Join(dir, "gone.yaml")); !errors.Is(err, os.ErrNotExist) || !errors.As(err, &h) {
		t.Errorf("a file removed since it was found: %v", err)
	}
}

func TestLine(t *testing.T) {
	if got := Line("examples/custkit.yaml"); got != "config: examples/custkit.yaml" {
		t.Errorf("Line = %q", got)
	}
}
