package config

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/usererr"
)

// Where a setting came from, as the access log records it.
const (
	SourceFlag    = "flag"
	SourceEnv     = "env"
	SourceFile    = "file"
	SourceDefault = "default"
)

// Source is the config file as read, by dotted key (audit.log); a
// *viper.Viper is one.
type Source interface {
	IsSet(key string) bool
	Get(key string) any
	GetString(key string) string
}

// RunOnly are flags that are never settings: --reveal is a decision of the
// run, like the destructive flags a command marks itself (purge --force,
// --max-delete, --as-of; exports shred --all), and so is every file a run
// writes (-o and the side outputs, a new key file): a CUSTKIT_OUTPUT left
// in a cron environment, or an output: key in a config, would otherwise
// have every command replace the file it names.
var RunOnly = map[string]bool{
	"reveal": true, "output": true, "unmatched": true, "rejects": true,
	"dedupe-report": true, "new-key": true,
}

// UntrustedKeys are the settings that loosen privacy, which a config found
// in the working directory (that anyone who could write there may have
// dropped) may not set: only --config, CUSTKIT_CONFIG or the user's own
// config directory can. formula_guard is ignored only when it weakens the
// guard. The recipients and staff of access decide who can read the
// files custkit encrypts, and what each key may do.
var UntrustedKeys = []string{"audit.log", "exports.manifest", "format", "formula_guard", "access.recipients", "access.recipients_file", "access.staff"}

// Distrust returns the keys of [UntrustedKeys] that src, a config found in
// the working directory, sets, and the warning that says they are ignored
// ("" if none). file names it in the warning.
func Distrust(file string, src Source) (ignored map[string]bool, warning string) {
	ignored = map[string]bool{}
	var names []string
	for _, k := range UntrustedKeys {
		if !src.IsSet(k) || (k == "formula_guard" && !strings.EqualFold(strings.TrimSpace(src.GetString(k)), "off")) {
			continue
		}
		ignored[k] = true
		names = append(names, k)
	}
	if len(names) > 0 {
		warning = fmt.Sprintf("ignoring %s in %s: a config found in the working directory may not weaken privacy; name it with --config to use them",
			strings.Join(names, ", "), file)
	}
	return ignored, warning
}

// Ignore clears the settings of c that ignored (from [Distrust]) names;
// the others are flags' values, which [Fill] leaves alone.
func (c *Config) Ignore(ignored map[string]bool) {
	if ignored["audit.log"] {
		c.Audit.Log = ""
	}
	if ignored["exports.manifest"] {
		c.Exports.Manifest = ""
	}
	if ignored["access.recipients"] || ignored["access.recipients_file"] || ignored["access.staff"] {
		c.Access.Recipients, c.Access.RecipientsFile, c.Access.Staff = nil, "", nil
	}
}

// Key is the config key of a flag: its name with "-" written as "_".
func Key(flag string) string { return strings.ReplaceAll(flag, "-", "_") }

// EnvName is the environment variable of a flag: CUSTKIT_ and its key in
// upper case.
func EnvName(flag string) string { return "CUSTKIT_" + strings.ToUpper(Key(flag)) }

// Flag is a command-line flag as the settings see it.
type Flag struct {
	Name    string
	Changed bool // given on the command line
	// CommandLineOnly: the command takes it from the command line only
	// (the flags that decide what a command destroys), as [RunOnly].
	CommandLineOnly bool
	Path            bool // its value is a file name, or several
	List            bool // its value is a comma-separated list
	// Set gives the flag a value; Value is its value as the access log
	// records it.
	Set   func(string) error
	Value func() string
}

// Fill gives each flag not set on the command line its value from its
// CUSTKIT_* variable, else from src, the config file named file (which
// may be ""): flag > environment > file > default. A flag taken from the
// command line only is not filled, with a warning when the variable or the
// file sets it; a key ignored (see [Distrust]) is not read from the file;
// file names in the file are taken relative to its directory. It returns
// every flag's value and where it came from, for the access log, also
// with the error of a value a flag refused (which names the variable, or
// the file and key).
func Fill(flags []Flag, file string, src Source, ignored map[string]bool, getenv func(string) string) ([]audit.Setting, []string, error) {
	var (
		ferr     error
		warnings []string
		sources  = map[string]string{}
	)
	for _, f := range flags {
		if ferr != nil || f.Changed || f.Name == "version" {
			continue
		}
		key, env := Key(f.Name), EnvName(f.Name)
		if f.CommandLineOnly || RunOnly[f.Name] {
			if getenv(env) != "" {
				warnings = append(warnings, fmt.Sprintf("ignoring %s: --%s is taken from the command line only", env, f.Name))
			}
			if _, _, inFile := lookup(src, key, func(string) string { return "" }); inFile {
				warnings = append(warnings, fmt.Sprintf("ignoring %s in %s: --%s is taken from the command line only", key, file, f.Name))
			}
			continue
		}
		val, fromFile, ok := lookup(src, key, getenv)
		if !ok || (fromFile && ignored[key]) {
			continue
		}
		where := env
		if fromFile && f.Path {
			val = resolvePaths(file, val, f.List)
		}
		if err := f.Set(val); err != nil {
			if fromFile {
				where = file + ": " + key
			}
			ferr = usererr.Usage(fmt.Errorf("%s: %s", where, usererr.ValueProblem(val, err)))
			continue
		}
		sources[f.Name] = map[bool]string{true: SourceFile, false: SourceEnv}[fromFile]
	}
	values := make([]audit.Setting, 0, len(flags))
	for _, f := range flags {
		src := sources[f.Name]
		switch {
		case f.Changed && src == "":
			src = SourceFlag
		case src == "":
			src = SourceDefault
		}
		values = append(values, audit.Setting{Name: f.Name, Value: f.Value(), Source: src})
	}
	return values, warnings, ferr
}

// lookup finds a setting in the environment, then in the file.
func lookup(src Source, key string, getenv func(string) string) (val string, fromFile, ok bool) {
	if e := getenv("CUSTKIT_" + strings.ToUpper(key)); e != "" {
		return e, false, true
	}
	if !src.IsSet(key) {
		return "", false, false
	}
	raw := src.Get(key)
	if _, isSection := raw.(map[string]any); isSection {
		// A section such as segment: {...} is settings, not the value of
		// a flag of the same name (segment --segment).
		return "", false, false
	}
	if list, isList := raw.([]any); isList {
		parts := make([]string, len(list))
		for i, x := range list {
			if m, isFile := x.(map[string]any); isFile {
				x = m["path"] // {path: …, encoding: …}: Config.Files has the rest
			}
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, ","), true, true
	}
	return src.GetString(key), true, true
}

// resolvePaths makes the file names of a config value relative to the
// config file's directory; a list flag's value is several names.
func resolvePaths(file, val string, list bool) string {
	if !list {
		return ResolvePath(file, val)
	}
	parts := strings.Split(val, ",")
	for i, p := range parts {
		parts[i] = ResolvePath(file, strings.TrimSpace(p))
	}
	return strings.Join(parts, ",")
}
