package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/usererr"
)

// fileSource is a config file's settings by dotted key, as a Source.
type fileSource map[string]any

func (f fileSource) IsSet(key string) bool { _, ok := f[key]; return ok }
func (f fileSource) Get(key string) any    { return f[key] }
func (f fileSource) GetString(key string) string {
	if v, ok := f[key]; ok {
		return fmt.Sprint(v)
	}
	return ""
}

func TestDistrust(t *testing.T) {
	src := fileSource{"audit.log": "/tmp/log", "format": "csv", "formula_guard": "on", "sales": "s.csv"}
	ignored, warning := Distrust("custkit.yaml", src)
	if !reflect.DeepEqual(ignored, map[string]bool{"audit.log": true, "format": true}) {
		t.Errorf("ignored %v", ignored)
	}
	want := "ignoring audit.log, format in custkit.yaml: a config found in the working directory may not weaken privacy; name it with --config to use them"
	if warning != want {
		t.Errorf("warning %q", warning)
	}
	// formula_guard is ignored only when it turns the guard off.
	ignored, _ = Distrust("custkit.yaml", fileSource{"formula_guard": " OFF ", "exports.manifest": "m.csv"})
	if !ignored["formula_guard"] || !ignored["exports.manifest"] {
		t.Errorf("off: ignored %v", ignored)
	}
	if ignored, warning := Distrust("custkit.yaml", fileSource{"sales": "s.csv"}); len(ignored) != 0 || warning != "" {
		t.Errorf("nothing untrusted: %v %q", ignored, warning)
	}

	c := Config{Audit: Audit{Log: "log"}, Exports: Exports{Manifest: "m"}}
	c.Ignore(map[string]bool{"audit.log": true, "format": true})
	if c.Audit.Log != "" || c.Exports.Manifest != "m" {
		t.Errorf("Ignore: %+v %+v", c.Audit, c.Exports)
	}
}

// flag is a Flag over a string value; refuse is a value its Set refuses.
func flag(name string, val *string, refuse string) Flag {
	return Flag{Name: name, Value: func() string { return *val }, Set: func(s string) error {
		if s == refuse {
			return fmt.Errorf("%q is not one of a, b", s)
		}
		*val = s
		return nil
	}}
}

func TestFill(t *testing.T) {
	var sales, customers, format, top, force, output, since, version, segment string
	top = "10"
	flags := []Flag{
		flag("sales", &sales, ""), flag("customers", &customers, ""), flag("format", &format, ""),
		flag("top", &top, ""), flag("force", &force, ""), flag("output", &output, ""),
		flag("since", &since, ""), flag("version", &version, ""), flag("segment", &segment, ""),
	}
	flags[0].Path, flags[0].List = true, true
	flags[1].Path = true
	flags[3].Changed = true
	flags[4].CommandLineOnly = true
	src := fileSource{
		"sales": []any{"a.csv", "/abs/b.csv"}, "customers": "c.csv", "format": "json",
		"top": 5, "force": true, "output": "out.csv", "version": true,
		"segment": map[string]any{"new_within": "90d"},
	}
	env := map[string]string{"CUSTKIT_SINCE": "2026-01-01", "CUSTKIT_FORMAT": "tsv", "CUSTKIT_OUTPUT": "x.csv"}
	values, warnings, err := Fill(flags, "shop/custkit.yaml", src, map[string]bool{"customers": true}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	wantValues := []audit.Setting{
		{Name: "sales", Value: "shop/a.csv,/abs/b.csv", Source: "file"},
		{Name: "customers", Value: "", Source: "default"}, // ignored
		{Name: "format", Value: "tsv", Source: "env"},
		{Name: "top", Value: "10", Source: "flag"},
		{Name: "force", Value: "", Source: "default"},
		{Name: "output", Value: "", Source: "default"},
		{Name: "since", Value: "2026-01-01", Source: "env"},
		{Name: "version", Value: "", Source: "default"},
		{Name: "segment", Value: "", Source: "default"}, // a section, not the flag's value
	}
	if !reflect.DeepEqual(values, wantValues) {
		t.Errorf("values\n%+v\nwant\n%+v", values, wantValues)
	}
	wantWarnings := []string{
		"ignoring force in shop/custkit.yaml: --force is taken from the command line only",
		"ignoring CUSTKIT_OUTPUT: --output is taken from the command line only",
		"ignoring output in shop/custkit.yaml: --output is taken from the command line only",
	}
	if !slices.Equal(warnings, wantWarnings) {
		t.Errorf("warnings\n%q\nwant\n%q", warnings, wantWarnings)
	}
}

func TestFillRefused(t *testing.T) {
	for _, tt := range []struct {
		env, want string
	}{
		{"b", `CUSTKIT_MODE: "b" is not one of a, b`},
		{"", `shop.yaml: mode: "b" is not one of a, b`},
	} {
		var mode, other string
		flags := []Flag{flag("mode", &mode, "b"), flag("other", &other, "")}
		env := map[string]string{"CUSTKIT_MODE": tt.env, "CUSTKIT_OTHER": "x"}
		values, _, err := Fill(flags, "shop.yaml", fileSource{"mode": "b"}, nil, func(k string) string { return env[k] })
		var u *usererr.UsageError
		if err == nil || err.Error() != tt.want || !errors.As(err, &u) {
			t.Errorf("got %v, want %q", err, tt.want)
		}
		// The run's settings are still recorded; no flag is filled after
		// the one refused.
		if len(values) != 2 || other != "" || values[1].Source != "default" {
			t.Errorf("after a refused value: %+v, other %q", values, other)
		}
	}
}

func TestKeyAndEnvName(t *testing.T) {
	if k, e := Key("dedupe-report"), EnvName("dedupe-report"); k != "dedupe_report" || e != "CUSTKIT_DEDUPE_REPORT" {
		t.Errorf("%q %q", k, e)
	}
}
