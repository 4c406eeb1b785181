package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/usererr"
)

// FindFile returns the config file to read: explicit (--config), else
// CUSTKIT_CONFIG, else ./custkit.yaml, else
// $XDG_CONFIG_HOME/custkit/config.yaml (~/.config without it); "" if none
// exists. A named file that does not exist is an error. trusted is false
// for ./custkit.yaml, which the user did not name and may not know is
// there (see [Distrust]).
func FindFile(explicit string, getenv func(string) string) (file string, trusted bool, err error) {
	if explicit == "" {
		explicit = getenv("CUSTKIT_CONFIG")
	}
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", false, usererr.WithHint(fmt.Errorf("config file: %w", err), "check the path given to --config")
		}
		return explicit, true, nil
	}
	candidates := []string{"custkit.yaml"}
	if dir := userConfigDir(getenv); dir != "" {
		candidates = append(candidates, filepath.Join(dir, "custkit", "config.yaml"))
	}
	for i, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return c, i > 0, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", false, err
		}
	}
	return "", false, nil
}

func userConfigDir(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return d
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config")
	}
	return ""
}

// CheckFile refuses a config file custkit should not read: one that is
// not a regular file (a directory, a device, or a pipe whose read would
// wait for a writer where no interrupt can stop it), one whose name does
// not say YAML, and one that another user could have written (see
// checkOwner).
func CheckFile(file string) error {
	st, err := os.Stat(file)
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("config file %s is not a regular file", file)
	}
	if err != nil {
		return usererr.WithHint(err, "give --config (or CUSTKIT_CONFIG) a YAML file")
	}
	if err := fileType(file); err != nil {
		return err
	}
	return checkOwner(file)
}

// fileType refuses a config file whose name does not say YAML: custkit
// documents and reads YAML only, and the name is how the file's format
// would be chosen.
func fileType(file string) error {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		return nil
	}
	return usererr.WithHint(usererr.Usagef("%s: custkit reads its config from a YAML file, named *.yaml or *.yml", file),
		"rename the file, e.g. to %s", strings.TrimSuffix(file, filepath.Ext(file))+".yaml")
}

// Line is the line a run prints on standard error, after the program's
// name, to say which config file it reads.
func Line(file string) string { return "config: " + file }
