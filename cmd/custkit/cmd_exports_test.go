package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
)

// TestNewCmdExportsList maps argv to exportsListOptions.
func TestNewCmdExportsList(t *testing.T) {
	newCmdTest[exportsListOptions]{
		newCmd: newExportsListCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *exportsListOptions {
			return &exportsListOptions{Base: cmdutil.Base{Streams: s, Global: g}, out: defaultOut()}
		},
	}.run(t, []newCmdCase[exportsListOptions]{
		{name: "defaults", args: nil},
		{name: "every flag", args: []string{"--expired", "--all-shops", "--as-of", "2026-11-22", "--format", "csv"},
			want: func(o *exportsListOptions) {
				o.expired, o.allShops, o.when.AsOf, o.out.Format = true, true, "2026-11-22", "csv"
			}},
		{name: "arguments", args: []string{"a.csv"}, err: `list takes no arguments, but was given "a.csv"`},
	})
}

// TestNewCmdExportsShred maps argv to exportsShredOptions: the files are
// the arguments.
func TestNewCmdExportsShred(t *testing.T) {
	newCmdTest[exportsShredOptions]{
		newCmd: newExportsShredCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *exportsShredOptions {
			return &exportsShredOptions{Base: cmdutil.Base{Streams: s, Global: g}, passes: 1, paths: []string{}}
		},
	}.run(t, []newCmdCase[exportsShredOptions]{
		{name: "expired", args: []string{"--expired"}, want: func(o *exportsShredOptions) { o.expired = true }},
		{name: "every flag", args: []string{"--all", "--all-shops", "--dry-run", "-n", "2", "--as-of", "2026-11-22"},
			want: func(o *exportsShredOptions) {
				o.all, o.allShops, o.dryRun, o.passes, o.when.AsOf = true, true, true, 2, "2026-11-22"
			}},
		{name: "files", args: []string{"a.csv", "b.csv"}, want: func(o *exportsShredOptions) { o.paths = []string{"a.csv", "b.csv"} }},
	})
}

// exportsState writes a state directory whose manifest tracks two exports
// of the shop without a config file, made on 2026-10-01: dm.csv (expired
// on 2026-10-31) and list.csv (expires 2027-10-01, and changed since), and
// one of another shop. The files are written to dir; it returns a new
// state directory.
func exportsState(t *testing.T, dir string) (state string) {
	state = t.TempDir()
	writeFiles(t, dir, map[string]string{"dm.csv": "name\n山田\n", "list.csv": "name\n佐藤\n", "other.csv": "name\n鈴木\n"})
	sum, err := manifest.HashFile(filepath.Join(dir, "dm.csv"))
	if err != nil {
		t.Fatal(err)
	}
	made := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	for _, e := range []manifest.Entry{
		{Path: filepath.Join(dir, "dm.csv"), SHA256: sum, Rows: 1, Columns: manifest.Columns{"name"}, Purpose: "DM", Created: made, Expires: made.AddDate(0, 0, 30)},
		{Path: filepath.Join(dir, "list.csv"), SHA256: sum, Rows: 1, Columns: manifest.Columns{"name"}, Created: made, Expires: made.AddDate(1, 0, 0)},
		{Path: filepath.Join(dir, "other.csv"), SHA256: sum, Rows: 1, Created: made, Expires: made.AddDate(0, 0, 1), Shop: "/shops/b/custkit.yaml"},
	} {
		if err := manifest.Add(filepath.Join(state, "custkit", "exports.csv"), e); err != nil {
			t.Fatal(err)
		}
	}
	return state
}

// TestRunExportsList: one row per export of the shop with its state on
// disk; a table of the essentials on a terminal, every field in a pipe.
func TestRunExportsList(t *testing.T) {
	dir := t.TempDir()
	state := exportsState(t, dir)
	// A table is as wide as its paths: the terminal's exports are at a
	// path of fixed length, gone since.
	gone := t.TempDir()
	made := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	if err := manifest.Add(filepath.Join(gone, "custkit", "exports.csv"), manifest.Entry{Path: "/gone/dm.csv", Rows: 2, Purpose: "DM", Created: made, Expires: made.AddDate(0, 0, 30)}); err != nil {
		t.Fatal(err)
	}
	opts := func(s *cmdutil.Streams) *exportsListOptions {
		inState(s, state)
		o := &exportsListOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}}}, out: defaultOut()}
		o.when.AsOf = shopAsOf
		return o
	}
	testRun(t, dir, runExportsList, opts, []runCase[exportsListOptions]{
		{name: "terminal", tty: true, set: func(o *exportsListOptions) { inState(o.Streams, gone) }, stdout: lines(
			"┌──────────────┬─────────┬──────────────────────┬─────────┬──────┬─────────┐",
			"│ path         │ state   │ expires              │ expired │ rows │ purpose │",
			"├──────────────┼─────────┼──────────────────────┼─────────┼──────┼─────────┤",
			"│ /gone/dm.csv │ missing │ 2026-10-31T09:00:00Z │ yes     │ 2    │ DM      │",
			"└──────────────┴─────────┴──────────────────────┴─────────┴──────┴─────────┘")},
		{name: "pipe", stdout: lines(
			"path,state,expires,expired,rows,purpose,created,columns,sha256",
			"$DIR/dm.csv,present,2026-10-31T09:00:00Z,yes,1,DM,2026-10-01T09:00:00Z,name,454245142fd50ca391a730964dbb25bda38d8b40785684a99a614e150baade1b",
			"$DIR/list.csv,changed,2027-10-01T09:00:00Z,no,1,,2026-10-01T09:00:00Z,name,454245142fd50ca391a730964dbb25bda38d8b40785684a99a614e150baade1b")},
		{name: "expired, every shop", set: func(o *exportsListOptions) { o.expired, o.allShops = true, true }, stdout: lines(
			"path,state,expires,expired,rows,purpose,created,columns,sha256,shop",
			"$DIR/dm.csv,present,2026-10-31T09:00:00Z,yes,1,DM,2026-10-01T09:00:00Z,name,454245142fd50ca391a730964dbb25bda38d8b40785684a99a614e150baade1b,",
			"$DIR/other.csv,changed,2026-10-02T09:00:00Z,yes,1,,2026-10-01T09:00:00Z,,454245142fd50ca391a730964dbb25bda38d8b40785684a99a614e150baade1b,/shops/b/custkit.yaml")},
		{name: "bad as-of", set: func(o *exportsListOptions) { o.when.AsOf = "soon" }, err: "--as-of \"soon\" is not a date (use YYYY-MM-DD, YYYY/MM/DD, optionally with a time)"},
	})
}

// TestRunExportsShred: --dry-run names what would go; a shred names what
// went, the same on a terminal and in a pipe, and leaves the exports of
// other shops alone.
func TestRunExportsShred(t *testing.T) {
	dir := t.TempDir()
	opts := func(s *cmdutil.Streams) *exportsShredOptions {
		inState(s, exportsState(t, dir))
		o := &exportsShredOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: true}}, passes: 1}
		o.when.AsOf = shopAsOf
		return o
	}
	testRun(t, dir, runExportsShred, opts, []runCase[exportsShredOptions]{
		{name: "dry run", set: func(o *exportsShredOptions) { o.expired, o.dryRun = true, true }, stdout: lines(
			"would shred $DIR/dm.csv (expires 2026-10-31T09:00:00Z)")},
		{name: "expired, terminal", tty: true, set: func(o *exportsShredOptions) { o.expired = true }, stdout: lines(
			"shredded $DIR/dm.csv")},
		{name: "all, pipe", set: func(o *exportsShredOptions) { o.all = true }, stdout: lines(
			"shredded $DIR/dm.csv",
			"shredded $DIR/list.csv"),
			stderr: "custkit: exports: $DIR/list.csv changed since custkit wrote it; shredding it all the same\n"},
		{name: "nothing said", err: "say what to shred: --expired, --all or the files"},
		{name: "an untracked file", set: func(o *exportsShredOptions) { o.paths = []string{filepath.Join(dir, "x.csv")} }, err: "$DIR/x.csv is not a tracked export"},
	})
}
