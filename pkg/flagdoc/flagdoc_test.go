package flagdoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var cmds = []Command{
	{Path: "custkit", Flags: []Flag{{Name: "config", Type: "string"}, {Name: "version", Type: "bool", Default: "false"}}},
	{Path: "custkit join", Flags: []Flag{
		{Name: "sales", Type: "fileList", Default: "[]", Usage: "sales `file`"},
		{Name: "top", Type: "int", Default: "10", Usage: "a | b\nc"},
		{Name: "reveal", Type: "bool", Default: "false", Usage: "print personal data"},
		{Name: "fast", Type: "enum", Default: "false", Usage: "a word that happens to be false"},
		{Name: "debug", Type: "bool", Default: "false", Hidden: true},
		{Name: "help", Type: "bool", Default: "false"},
	}},
}

const table = Begin + `

### custkit join

| flag | config key | environment | default | meaning |
| --- | --- | --- | --- | --- |
| ` + "`--sales` | `sales` | `CUSTKIT_SALES` |  | sales `file` |" + `
| ` + "`--top` | `top` | `CUSTKIT_TOP` | `10` | a \\| b c |" + `
| ` + "`--reveal` | `reveal` | `CUSTKIT_REVEAL` | `false` | print personal data |" + `
| ` + "`--fast` | `fast` | `CUSTKIT_FAST` |  | a word that happens to be false |" + `

`

func TestTable(t *testing.T) {
	if got := Table(cmds); got != table {
		t.Errorf("Table:\n%s\nwant:\n%s", got, table)
	}
}

func TestRewrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.md")
	doc := "# Settings\n\n" + Begin + "\nold\n" + End + "\n\nmore text\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Rewrite(path, cmds); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "# Settings\n\n" + table + End + "\n\nmore text\n"; string(got) != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}
	if err := os.WriteFile(path, []byte("# Settings\n"+End+Begin), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Rewrite(path, cmds); err == nil || !strings.HasPrefix(err.Error(), path+": no ") {
		t.Errorf("markers out of order: %v", err)
	}
	fresh := filepath.Join(t.TempDir(), "none.md")
	if err := Rewrite(fresh, cmds); err != nil {
		t.Fatalf("no file: %v", err)
	}
	got, _ = os.ReadFile(fresh)
	if want := "# Configuration\n\n" + table + End + "\n"; string(got) != want {
		t.Errorf("made:\n%s\nwant:\n%s", got, want)
	}
	if err := Rewrite(fresh, cmds); err != nil {
		t.Errorf("rewriting the file made: %v", err)
	}
	if err := Rewrite(filepath.Join(t.TempDir(), "no-dir", "none.md"), cmds); !os.IsNotExist(err) {
		t.Errorf("no directory: %v", err)
	}
}

func TestEscapeAngles(t *testing.T) {
	if got := EscapeAngles("gen-docs <dir>"); got != `gen-docs \<dir\>` {
		t.Errorf("EscapeAngles = %q", got)
	}
}
