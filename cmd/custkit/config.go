package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// settings is the loaded configuration of one run.
type settings struct {
	config.Config
	file    string                    // the config file read, "" if none
	aliases map[string]schema.Aliases // by kind name
}

// pathFlags are flags whose config-file values are paths, resolved against
// the config file's directory.
var pathFlags = map[string]bool{"customers": true, "sales": true, "contacts": true, "complaints": true}

// loadSettings reads the config with a fresh viper (never the global one,
// so nothing leaks between commands or parallel tests) and fills every flag
// of cmd that the user did not set from CUSTKIT_* variables or the file.
// Precedence: flag > environment > config file > default.
func loadSettings(cmd *cobra.Command, explicit string, getenv func(string) string) (*settings, error) {
	v := viper.New()
	file, err := findConfig(explicit, getenv)
	if err != nil {
		return nil, err
	}
	if file != "" {
		if err := configFileType(file); err != nil {
			return nil, err
		}
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
	}
	st := &settings{file: file}
	if err := v.Unmarshal(&st.Config); err != nil {
		return nil, fmt.Errorf("%s: %s", file, decodeError(err))
	}
	st.Audit.Log = config.ResolvePath(file, st.Audit.Log)
	st.Exports.Manifest = config.ResolvePath(file, st.Exports.Manifest)
	if st.aliases, err = st.AllAliases(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	var ferr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if ferr != nil || f.Changed || f.Name == "config" || f.Name == "help" || f.Name == "version" {
			return
		}
		key := strings.ReplaceAll(f.Name, "-", "_")
		val, fromFile, ok := lookup(v, key, getenv)
		if !ok {
			return
		}
		if fromFile && pathFlags[f.Name] {
			val = config.ResolvePath(file, val)
		}
		if err := f.Value.Set(val); err != nil {
			src := "CUSTKIT_" + strings.ToUpper(key)
			if fromFile {
				src = file + ": " + key
			}
			ferr = &usageError{fmt.Errorf("%s: %s", src, valueProblem(val, err))}
		}
	})
	return st, ferr
}

// lookup finds a setting in the environment, then in the file.
func lookup(v *viper.Viper, key string, getenv func(string) string) (val string, fromFile, ok bool) {
	if e := getenv("CUSTKIT_" + strings.ToUpper(key)); e != "" {
		return e, false, true
	}
	if !v.IsSet(key) {
		return "", false, false
	}
	raw := v.Get(key)
	if _, isSection := raw.(map[string]any); isSection {
		// A section such as segment: {...} is settings, not the value of
		// a flag of the same name (segment --segment).
		return "", false, false
	}
	if list, isList := raw.([]any); isList {
		parts := make([]string, len(list))
		for i, x := range list {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, ","), true, true
	}
	return v.GetString(key), true, true
}

// findConfig returns the config file to read: --config (or CUSTKIT_CONFIG),
// else ./custkit.yaml, else $XDG_CONFIG_HOME/custkit/config.yaml; "" if none
// exists. An explicit file that does not exist is an error.
func findConfig(explicit string, getenv func(string) string) (string, error) {
	if explicit == "" {
		explicit = getenv("CUSTKIT_CONFIG")
	}
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", withHint(fmt.Errorf("config file: %w", err), "check the path given to --config")
		}
		return explicit, nil
	}
	candidates := []string{"custkit.yaml"}
	if dir := userConfigDir(getenv); dir != "" {
		candidates = append(candidates, filepath.Join(dir, "custkit", "config.yaml"))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return c, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	return "", nil
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

// decodeError rewrites the config decoder's report, "decoding failed due to
// the following error(s):\n\n'redact.policies[printer].Mask[0]' expected
// ...", as one line naming keys as the file writes them:
// "redact.policies.printer.mask[0]: expected ...".
func decodeError(err error) string {
	msg := strings.TrimSpace(err.Error())
	if i := strings.Index(msg, "\n\n"); i >= 0 && strings.HasPrefix(msg, "decoding failed") {
		msg = msg[i+2:]
	}
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m := decodeKey.FindStringSubmatch(line); m != nil {
			key := strings.ToLower(mapKey.ReplaceAllString(m[1], ".$1"))
			line = key + ": " + m[2]
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, "; ")
}

var (
	decodeKey = regexp.MustCompile(`^'([^']+)' (.*)$`)
	mapKey    = regexp.MustCompile(`\[([^\]0-9][^\]]*)\]`)
)
