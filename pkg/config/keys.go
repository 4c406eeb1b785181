package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/english"
)

// UnknownKeys checks the keys of a config file, as read into nested maps
// (keys in lower case, as viper gives them), against the settings [Config]
// declares and the top-level flag keys the caller names (a flag's name with
// "-" written as "_"). A key that is neither is a mistake: a misspelt
// setting would otherwise do nothing, silently. The error names every
// unknown key by its dotted path, in sorted order, each with the nearest
// known key at its level when there is one close enough; nil if every key
// is known.
func UnknownKeys(raw map[string]any, flagKeys []string) error {
	top := known(reflect.TypeOf(Config{}))
	for _, k := range flagKeys {
		if _, ok := top[k]; !ok {
			top[k] = nil // a flag's value: anything below it is its value
		}
	}
	var problems []string
	walkKeys("", raw, top, &problems)
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("%s", strings.Join(problems, "; "))
}

// known maps the keys of a struct type to their types; a nil type is a key
// whose value is not checked further.
func known(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
		if name == "-" || strings.Contains(opts, "remain") {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// walkKeys checks the keys of one level of the file against the keys its
// type knows.
func walkKeys(prefix string, raw map[string]any, keys map[string]reflect.Type, problems *[]string) {
	for k, v := range raw {
		path := prefix + k
		t, ok := keys[k]
		if !ok {
			*problems = append(*problems, unknownKeyMessage(prefix, k, keys))
			continue
		}
		walkValue(path, v, t, problems)
	}
}

// walkValue checks what is below a known key: the keys of a section, or
// of each entry of a map of sections (redact.policies.<name>).
func walkValue(path string, v any, t reflect.Type, problems *[]string) {
	if list, isList := v.([]any); isList && t != nil && t.Kind() == reflect.Slice {
		// A list of sections (follow_up.statuses): each entry's keys.
		for i, sub := range list {
			walkValue(fmt.Sprintf("%s[%d]", path, i), sub, t.Elem(), problems)
		}
		return
	}
	m, isMap := v.(map[string]any)
	if t == nil || !isMap {
		return // a value; the decoder checks its type
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		walkKeys(path+".", m, known(t), problems)
	case reflect.Map:
		for k, sub := range m {
			walkValue(path+"."+k, sub, t.Elem(), problems)
		}
	}
}

// unknownKeyMessage names an unknown key and the nearest known one.
func unknownKeyMessage(prefix, key string, keys map[string]reflect.Type) string {
	msg := "unknown key " + prefix + key
	if near := nearest(key, keys); near != "" {
		return msg + "; did you mean " + prefix + near + "?"
	}
	if prefix == "" {
		return msg + ": neither a setting nor a flag name (see docs/config.md)"
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	return msg + " (known: " + strings.Join(names, ", ") + ")"
}

// nearest returns the known key closest to key in edit distance, if it is
// close enough to be a slip (at most a third of the key's length, and at
// least 2); "" otherwise. Ties go to the first in sorted order.
func nearest(key string, keys map[string]reflect.Type) string {
	limit := max(2, len([]rune(key))/3)
	best, bestD := "", limit+1
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if d := english.Distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
