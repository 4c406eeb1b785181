package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("u", false, "update testscript golden output")

// TestMain lets the test binary act as custkit, so that the scripts run the
// real main without a build step.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"custkit":             func() { os.Exit(run(os.Args[1:], fakeTerminal(cmdutil.SystemStreams()))) },
		"custkit-crash-after": func() { os.Exit(crashAfter(os.Args[1:], time.Now)) },
		"custkit-pause-after": func() { os.Exit(pauseAfter(os.Args[1:], time.Now)) },
		"custkit-at":          func() { os.Exit(atDate(os.Args[1:])) },
		"custkit-stuck":       func() { os.Exit(stuck()) },
	})
}

// TestScript runs every testdata/script/*.txtar. Each script starts in its
// own $WORK with HOME and XDG_CONFIG_HOME inside it, and can copy the
// bundled examples from $EXAMPLES.
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(env.WorkDir, ".state"))
			env.Setenv("EXAMPLES", filepath.Join(root, "examples"))
			env.Setenv("ROOT", root)
			name, value, _ := strings.Cut(noRaceExitSleep, "=")
			env.Setenv(name, value)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mode":        cmdMode,
			"convert":     cmdConvert,
			"writebytes":  cmdWriteBytes,
			"decode":      cmdDecode,
			"nonecontain": cmdNoneContain,
			"editlines":   cmdEditLines,
			"exitcode":    cmdExitCode,
			"waitfile":    cmdWaitFile,
			"damage":      cmdDamage,
			"xlsx":        cmdXLSX,
		},
	})
}

// cmdMode checks a file's permission bits: mode 0600 file
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode 0600 file")
	}
	st, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := fmt.Sprintf("%04o", st.Mode().Perm())
	if (got == args[0]) == neg {
		ts.Fatalf("%s has mode %s, want %s%s", args[1], got, map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}

// convertEncodings are the encodings the convert command writes.
var convertEncodings = map[string]encoding.Encoding{
	"utf-8":     unicode.UTF8,
	"utf-8-bom": unicode.UTF8BOM,
	"shift_jis": japanese.ShiftJIS,
	"euc-jp":    japanese.EUCJP,
	"utf-16le":  unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
	"utf-16be":  unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
	// UTF-16 as some programs write it, without a byte order mark.
	"utf-16le-nobom": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
}

// cmdConvert rewrites a UTF-8 CSV file the way another program would save
// it, to test the reading layer on real-world variants of the examples:
//
//	convert [-to encoding] [-tab] [-crlf] [-cr] in.csv out.csv
//
// -to is one of the keys of convertEncodings (UTF-16 is written with a BOM,
// as Excel's "Unicode text" export does); -tab writes tab-separated fields;
// -crlf ends lines with CRLF, -cr with a lone CR (Excel for Mac). Fields
// are quoted only where needed. Rows may differ in length (a title row).
func cmdConvert(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! convert")
	}
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	to := fs.String("to", "utf-8", "output encoding")
	tab := fs.Bool("tab", false, "tab-separated")
	crlf := fs.Bool("crlf", false, "CRLF line ends")
	cr := fs.Bool("cr", false, "CR line ends")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() != 2 {
		ts.Fatalf("usage: convert [-to encoding] [-tab] [-crlf] [-cr] in.csv out.csv")
	}
	enc, ok := convertEncodings[*to]
	if !ok {
		ts.Fatalf("convert: unknown encoding %q", *to)
	}
	in := csv.NewReader(bytes.NewReader([]byte(ts.ReadFile(fs.Arg(0)))))
	in.FieldsPerRecord = -1
	recs, err := in.ReadAll()
	ts.Check(err)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if *tab {
		w.Comma = '\t'
	}
	w.UseCRLF = *crlf
	ts.Check(w.WriteAll(recs))
	text := buf.Bytes()
	if *cr {
		text = bytes.ReplaceAll(text, []byte("\n"), []byte("\r"))
	}
	out, err := enc.NewEncoder().Bytes(text)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(fs.Arg(1)), out, 0o644))
}

// cmdWriteBytes writes a Go-quoted string to a file, so that a script can
// make input with bytes a txtar file cannot hold: writebytes file "a,b\n\xff"
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebytes file \"go-quoted text\"")
	}
	text, err := strconv.Unquote(`"` + args[1] + `"`)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(text), 0o644))
}

// cmdDecode reads a file the way another program would, to check what an
// export holds: decode shift_jis list.csv list_utf8.csv turns it back into
// UTF-8 (without a BOM), and fails on any byte the encoding does not allow,
// so that "a Shift_JIS export decoded back equals the input" is a cmp.
// The encoding is one of the keys of convertEncodings.
func cmdDecode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: decode encoding in out")
	}
	enc, ok := convertEncodings[args[0]]
	if !ok {
		ts.Fatalf("decode: unknown encoding %q", args[0])
	}
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	if args[0] == "utf-8-bom" && !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		ts.Fatalf("decode: %s has no BOM", args[1])
	}
	out, err := enc.NewDecoder().Bytes(data)
	ts.Check(err)
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		ts.Fatalf("decode: %s is not valid %s (at byte %d of the decoded text)", args[1], args[0], i)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}

// cmdNoneContain checks that no file under a directory holds a text, hidden
// files included: nonecontain dir text
func cmdNoneContain(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: nonecontain dir text")
	}
	want := []byte(args[1])
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, want) {
			ts.Fatalf("%s holds %q", path, args[1])
		}
		return nil
	})
	ts.Check(err)
}

// cmdEditLines tampers with a file line by line, as someone covering their
// tracks would:
//
//	editlines file replace old new   replace the first old with new
//	editlines file delete n          remove line n (1-based)
//	editlines file swap n m          exchange lines n and m
//	editlines file cut n             drop the last n bytes
func cmdEditLines(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 || neg {
		ts.Fatalf("usage: editlines file replace|delete|swap|cut args...")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	lines := strings.SplitAfter(string(data), "\n")
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > len(lines) {
			ts.Fatalf("line %q out of range", s)
		}
		return n - 1
	}
	switch args[1] {
	case "replace":
		if len(args) != 4 || !strings.Contains(string(data), args[2]) {
			ts.Fatalf("editlines replace: %q not found", args[2])
		}
		data = []byte(strings.Replace(string(data), args[2], args[3], 1))
	case "delete":
		i := num(args[2])
		data = []byte(strings.Join(append(lines[:i:i], lines[i+1:]...), ""))
	case "swap":
		i, j := num(args[2]), num(args[3])
		lines[i], lines[j] = lines[j], lines[i]
		data = []byte(strings.Join(lines, ""))
	case "cut":
		n, err := strconv.Atoi(args[2])
		if err != nil || n < 0 || n > len(data) {
			ts.Fatalf("editlines cut: bad length %q", args[2])
		}
		data = data[:len(data)-n]
	default:
		ts.Fatalf("editlines: unknown edit %q", args[1])
	}
	ts.Check(os.WriteFile(path, data, 0o600))
}

// cmdDamage copies a file with damage, as a disk or an interrupted copy
// leaves it: damage cut|flip N in out keeps only the first N bytes (cut),
// or inverts the byte at offset N (flip); a negative N counts from the end.
func cmdDamage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: damage cut|flip N in out")
	}
	data := []byte(ts.ReadFile(args[2]))
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	if n < 0 {
		n += len(data)
	}
	if n < 0 || n >= len(data) {
		ts.Fatalf("damage: offset %s outside the file's %d bytes", args[1], len(data))
	}
	switch args[0] {
	case "cut":
		data = data[:n]
	case "flip":
		data[n] ^= 0xff
	default:
		ts.Fatalf("damage: %q is neither cut nor flip", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[3]), data, 0o600))
}
