package config

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/charset"
)

// TestInputFiles reads a file list whose entries are paths and mappings:
// the mappings' settings by path, relative to the config's directory.
func TestInputFiles(t *testing.T) {
	c, err := load(filepath.Join("shop", "c.yaml"), `
sales:
  - exports/2024-10.csv
  - {path: exports/odd.csv, encoding: cp932, header_row: 3}
customers:
  - {path: "meibo-*.csv", header_row: 2}
`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]FileSettings{
		filepath.Join("shop", "exports", "odd.csv"): {Encoding: charset.CP932, HeaderRow: 3},
		filepath.Join("shop", "meibo-*.csv"):        {HeaderRow: 2},
	}
	if !reflect.DeepEqual(c.Files, want) {
		t.Errorf("files %v, want %v", c.Files, want)
	}
}

// TestInputFilesErrors: an unknown key of a mapping is an error like any
// other, and so are a missing path and values that are no encoding or
// line.
func TestInputFilesErrors(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"sales: [a.csv, {path: b.csv, encodng: cp932}]", "c.yaml: unknown key sales[1].encodng; did you mean sales[1].encoding?"},
		{"sales: [{path: b.csv, delimiter: tab}]", "c.yaml: unknown key sales[0].delimiter (known: encoding, header_row, path)"},
		{"sales: [{encoding: cp932}]", "c.yaml: sales[0]: no path; write {path: <file>, encoding: <encoding>, header_row: <line>}"},
		{"customers: [{path: c.csv, header_row: 0}]", `c.yaml: customers[0].header_row: "0" is not a line number; give the header's line, 1 or more`},
		{"customers: [{path: c.csv, encoding: latin1}]", "c.yaml: customers[0].encoding: "},
	} {
		_, err := load("c.yaml", tt.yaml)
		if err == nil || len(err.Error()) < len(tt.want) || err.Error()[:len(tt.want)] != tt.want {
			t.Errorf("%s:\n got %v\nwant %s…", tt.yaml, err, tt.want)
		}
	}
}
