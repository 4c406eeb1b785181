package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
)

// FileSettings are the settings of one input file named in the config's
// list of a kind of file, for the one odd file among several:
//
//	sales:
//	  - exports/2024-10.csv
//	  - {path: exports/airregi-2024-11.csv, encoding: cp932, header_row: 3}
//
// They win over --encoding and --header-row (of every file or per kind)
// for that file. Path may be a glob pattern: its settings are those of
// every file it matches.
type FileSettings struct {
	// Encoding is the file's encoding ("" detects it, or --encoding says).
	Encoding charset.Encoding
	// HeaderRow is the line of the file's header (0: found, or
	// --header-row says).
	HeaderRow int
}

// InputKinds are the config keys that list input files.
var InputKinds = []string{"customers", "sales", "contacts", "complaints"}

// fileKeys are the keys of a file's mapping.
var fileKeys = map[string]reflect.Type{"path": nil, "encoding": nil, "header_row": nil}

// inputFiles reads the mappings of the config's file lists (raw, as the
// file is read) into the settings of each file, by its path made relative
// to the config file's directory as the list's names are. A mapping's key
// other than path, encoding and header_row is an error, like every other
// unknown key, and so are a mapping without a path and a value that is
// not an encoding or a line number.
func inputFiles(file string, raw map[string]any) (map[string]FileSettings, error) {
	var out map[string]FileSettings
	var problems []string
	for _, kind := range InputKinds {
		list, ok := raw[kind].([]any)
		if !ok {
			continue
		}
		for i, entry := range list {
			m, ok := entry.(map[string]any)
			if !ok {
				continue // a path
			}
			at := fmt.Sprintf("%s[%d]", kind, i)
			fs, path, errs := fileSettings(at, m)
			if len(errs) > 0 {
				problems = append(problems, errs...)
				continue
			}
			if out == nil {
				out = map[string]FileSettings{}
			}
			out[ResolvePath(file, path)] = fs
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return out, nil
}

// fileSettings reads one mapping of a file list, at (sales[2]) naming it.
func fileSettings(at string, m map[string]any) (fs FileSettings, path string, problems []string) {
	for k, v := range m {
		switch k {
		case "path":
			path = strings.TrimSpace(fmt.Sprint(v))
		case "encoding":
			e, err := charset.Parse(fmt.Sprint(v))
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s.encoding: %v", at, err))
			}
			fs.Encoding = e
		case "header_row":
			n, err := strconv.Atoi(strings.TrimSpace(fmt.Sprint(v)))
			if err != nil || n < 1 {
				problems = append(problems, fmt.Sprintf("%s.header_row: %q is not a line number; give the header's line, 1 or more", at, fmt.Sprint(v)))
			}
			fs.HeaderRow = n
		default:
			problems = append(problems, unknownKeyMessage(at+".", k, fileKeys))
		}
	}
	if path == "" && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("%s: no path; write {path: <file>, encoding: <encoding>, header_row: <line>}", at))
	}
	return fs, path, problems
}
