package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// settings is the loaded configuration of one run.
type settings struct {
	config.Config
	file    string                    // the config file read, "" if none
	aliases map[string]schema.Aliases // by kind name
	basis   schema.Basis              // the config's amount
	// values are the run's flags with their effective values and where
	// each came from, for the access log.
	values []audit.Setting
	// warnings are the settings ignored, one line each, printed once.
	warnings []string
}

// Where a setting came from, as the access log records it.
const (
	srcFlag    = "flag"
	srcEnv     = "env"
	srcFile    = "file"
	srcDefault = "default"
)

// cmdLineOnly is the annotation of a flag that decides what a command
// destroys (purge --force, --max-delete, --as-of; exports shred --all):
// it is taken from the command line only, never from a CUSTKIT_* variable
// left in a cron environment or from a config file.
const cmdLineOnly = "custkit-command-line-only"

// commandLineOnly marks flags of cmd as taken from the command line only.
func commandLineOnly(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		if err := cmd.Flags().SetAnnotation(n, cmdLineOnly, []string{"true"}); err != nil {
			panic(err) // a flag name misspelt in a constructor
		}
	}
}

// runOnly are flags that are never settings: --reveal is a decision of the
// run, like the destructive flags, and so is every file a run writes (-o
// and the side outputs, a new key file): a CUSTKIT_OUTPUT left in a cron
// environment, or an output: key in a config, would otherwise have every
// command replace the file it names.
var runOnly = map[string]bool{
	"reveal": true, "output": true, "unmatched": true, "rejects": true,
	"dedupe-report": true, "new-key": true,
}

// untrustedKeys are the settings that loosen privacy, which a config found
// in the working directory (that anyone who could write there may have
// dropped) may not set: only --config, CUSTKIT_CONFIG or the user's own
// config directory can. formula_guard is ignored only when it weakens the
// guard. The recipients and staff of access decide who can read the
// files custkit encrypts, and what each key may do.
var untrustedKeys = []string{"audit.log", "exports.manifest", "format", "formula_guard", "access.recipients", "access.recipients_file", "access.staff"}

// loadSettings reads the config with a fresh viper (never the global one,
// so nothing leaks between commands or parallel tests) and fills every flag
// of cmd that the user did not set from CUSTKIT_* variables or the file.
// Precedence: flag > environment > config file > default.
func loadSettings(cmd *cobra.Command, explicit string, getenv func(string) string) (*settings, error) {
	v := viper.New()
	file, trusted, err := findConfig(explicit, getenv)
	if err != nil {
		return nil, err
	}
	if file != "" {
		if err := regularConfig(file); err != nil {
			return nil, err
		}
		if err := configFileType(file); err != nil {
			return nil, err
		}
		if err := checkConfigOwner(file); err != nil {
			return nil, err
		}
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
	}
	st := &settings{file: file}
	if st.Config, err = config.Load(file, v.AllSettings(), flagKeys(cmd.Root()), func(out any) error { return v.Unmarshal(out) }); err != nil {
		return nil, err
	}
	ignored := map[string]bool{}
	if file != "" && !trusted {
		var names []string
		for _, k := range untrustedKeys {
			if !v.IsSet(k) || (k == "formula_guard" && !strings.EqualFold(strings.TrimSpace(v.GetString(k)), "off")) {
				continue
			}
			ignored[k] = true
			names = append(names, k)
		}
		if len(names) > 0 {
			st.warnings = append(st.warnings, fmt.Sprintf("ignoring %s in %s: a config found in the working directory may not weaken privacy; name it with --config to use them",
				strings.Join(names, ", "), file))
		}
		if ignored["audit.log"] {
			st.Audit.Log = ""
		}
		if ignored["exports.manifest"] {
			st.Exports.Manifest = ""
		}
		if ignored["access.recipients"] || ignored["access.recipients_file"] || ignored["access.staff"] {
			st.Access.Recipients, st.Access.RecipientsFile, st.Access.Staff = nil, "", nil
		}
	}
	if st.aliases, err = st.AllAliases(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if st.basis, err = st.Basis(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	var ferr error
	sources := map[string]string{}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if ferr != nil || f.Changed || f.Name == "config" || f.Name == "help" || f.Name == "version" {
			return
		}
		key := strings.ReplaceAll(f.Name, "-", "_")
		env := "CUSTKIT_" + strings.ToUpper(key)
		if len(f.Annotations[cmdLineOnly]) > 0 || runOnly[f.Name] {
			if getenv(env) != "" {
				st.warnings = append(st.warnings, fmt.Sprintf("ignoring %s: --%s is taken from the command line only", env, f.Name))
			}
			if _, _, inFile := lookup(v, key, noEnv); inFile {
				st.warnings = append(st.warnings, fmt.Sprintf("ignoring %s in %s: --%s is taken from the command line only", key, file, f.Name))
			}
			return
		}
		val, fromFile, ok := lookup(v, key, getenv)
		if !ok || (fromFile && ignored[key]) {
			return
		}
		src := env
		if fromFile && isPathFlag(f) {
			val = resolvePaths(file, val, f)
		}
		if err := f.Value.Set(val); err != nil {
			if fromFile {
				src = file + ": " + key
			}
			ferr = usererr.Usage(fmt.Errorf("%s: %s", src, valueProblem(val, err)))
			return
		}
		sources[f.Name] = map[bool]string{true: srcFile, false: srcEnv}[fromFile]
	})
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" || f.Name == "config" {
			return
		}
		src := sources[f.Name]
		switch {
		case f.Changed && src == "":
			src = srcFlag
		case src == "":
			src = srcDefault
		}
		st.values = append(st.values, audit.Setting{Name: f.Name, Value: flagValue(f), Source: src})
	})
	return st, ferr
}

// flagValue is a flag's value as the access log records it: a list as its
// values joined by commas.
func flagValue(f *pflag.Flag) string {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return strings.Join(sv.GetSlice(), ",")
	}
	return f.Value.String()
}

// stamp records in an access log entry the config file in use and the
// run's settings.
func (st *settings) stamp(e *audit.Entry) {
	if st == nil {
		return
	}
	e.Config = access.AbsPath(st.file)
	e.Settings = st.values
}

// isPathFlag reports whether a flag's value is a file name: its usage
// names its value `+"`file`"+`.
func isPathFlag(f *pflag.Flag) bool {
	name, _ := pflag.UnquoteUsage(f)
	return name == "file"
}

// resolvePaths makes the file names of a config value relative to the
// config file's directory; a list flag's value is several names.
func resolvePaths(file, val string, f *pflag.Flag) string {
	if _, isList := f.Value.(pflag.SliceValue); !isList {
		return config.ResolvePath(file, val)
	}
	parts := strings.Split(val, ",")
	for i, p := range parts {
		parts[i] = config.ResolvePath(file, strings.TrimSpace(p))
	}
	return strings.Join(parts, ",")
}

// flagKeys are the config keys of every flag of every command: a key one
// command does not use is another's (type: is join's), so it is known.
func flagKeys(root *cobra.Command) []string {
	seen := map[string]bool{}
	var out []string
	var visit func(c *cobra.Command)
	add := func(f *pflag.Flag) {
		k := strings.ReplaceAll(f.Name, "-", "_")
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	visit = func(c *cobra.Command) {
		c.Flags().VisitAll(add)
		c.PersistentFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(root)
	return out
}

func noEnv(string) string { return "" }

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
// exists. An explicit file that does not exist is an error. trusted is
// false for ./custkit.yaml, which the user did not name and may not know
// is there.
func findConfig(explicit string, getenv func(string) string) (file string, trusted bool, err error) {
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

// regularConfig refuses a config file that is not a regular file: a
// directory, a device, or a pipe whose read would wait for a writer where
// no interrupt can stop it.
func regularConfig(file string) error {
	st, err := os.Stat(file)
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("config file %s is not a regular file", file)
	}
	if err != nil {
		return usererr.WithHint(err, "give --config (or CUSTKIT_CONFIG) a YAML file")
	}
	return nil
}
