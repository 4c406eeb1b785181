package cmdutil

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/config"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Settings is the loaded configuration of one run.
type Settings struct {
	config.Config
	Path        string                    // the config file read, "" if none
	KindAliases map[string]schema.Aliases // by kind name
	AmountBasis schema.Basis              // the config's amount
	// Values are the run's flags with their effective values and where
	// each came from, for the access log.
	Values []audit.Setting
	// Warnings are the settings ignored, one line each, printed once.
	Warnings []string
}

// cmdLineOnly is the annotation of a flag that decides what a command
// destroys (purge --force, --max-delete, --as-of; exports shred --all):
// it is taken from the command line only, never from a CUSTKIT_* variable
// left in a cron environment or from a config file.
const cmdLineOnly = "custkit-command-line-only"

// CommandLineOnly marks flags of cmd as taken from the command line only.
func CommandLineOnly(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		if err := cmd.Flags().SetAnnotation(n, cmdLineOnly, []string{"true"}); err != nil {
			panic(err) // a flag name misspelt in a constructor
		}
	}
}

// LoadSettings reads the config with a fresh viper (never the global one,
// so nothing leaks between commands or parallel tests) and fills every flag
// of cmd that the user did not set from CUSTKIT_* variables or the file
// (config.Fill, which applies the trust rules).
func LoadSettings(cmd *cobra.Command, explicit string, getenv func(string) string) (*Settings, error) {
	v := viper.New()
	file, trusted, err := config.FindFile(explicit, getenv)
	if err != nil {
		return nil, err
	}
	if file != "" {
		if err := config.CheckFile(file); err != nil {
			return nil, err
		}
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
	}
	st := &Settings{Path: file}
	if st.Config, err = config.Load(file, v.AllSettings(), flagKeys(cmd.Root()), func(out any) error { return v.Unmarshal(out) }); err != nil {
		return nil, err
	}
	var ignored map[string]bool
	if file != "" && !trusted {
		var warning string
		if ignored, warning = config.Distrust(file, v); warning != "" {
			st.Warnings = append(st.Warnings, warning)
		}
		st.Ignore(ignored)
	}
	if st.KindAliases, err = st.AllAliases(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if st.AmountBasis, err = st.Basis(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	var flags []config.Flag
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" || f.Name == "config" {
			return
		}
		_, isList := f.Value.(pflag.SliceValue)
		usage, _ := pflag.UnquoteUsage(f)
		flags = append(flags, config.Flag{
			Name: f.Name, Changed: f.Changed, CommandLineOnly: len(f.Annotations[cmdLineOnly]) > 0,
			Path: usage == "file", List: isList, Set: f.Value.Set, Value: func() string { return flagValue(f) },
		})
	})
	var warnings []string
	st.Values, warnings, err = config.Fill(flags, file, v, ignored, getenv)
	st.Warnings = append(st.Warnings, warnings...)
	return st, err
}

// flagValue is a flag's value as the access log records it: a list as its
// values joined by commas.
func flagValue(f *pflag.Flag) string {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return strings.Join(sv.GetSlice(), ",")
	}
	return loggedValue(f, f.Value.String())
}

// stamp records in an access log entry the config file in use and the
// run's settings.
func (st *Settings) stamp(e *audit.Entry) {
	if st == nil {
		return
	}
	e.Config = access.AbsPath(st.Path)
	e.Settings = st.Values
}

// flagKeys are the config keys of every flag of every command: a key one
// command does not use is another's (type: is join's), so it is known.
func flagKeys(root *cobra.Command) []string {
	seen := map[string]bool{}
	var out []string
	var visit func(c *cobra.Command)
	add := func(f *pflag.Flag) {
		if k := config.Key(f.Name); !seen[k] {
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
