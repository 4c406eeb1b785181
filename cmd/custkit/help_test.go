package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/spf13/cobra"
)

// TestHelpTexts checks the help of every command a user can reach, as
// docs/cli-syntax.md describes it: a Use line whose brackets pair up, a
// one-line summary, a Long text, and an EXIT STATUS section that lists
// every status above 2 the command's file returns. Commands added later
// are checked without a change here.
func TestHelpTexts(t *testing.T) {
	src := parsePackage(t, ".")
	for name, f := range parsePackage(t, "../../internal/cmdutil") {
		src["cmdutil/"+name] = f
	}
	extra := exitStatusUses(t, src)
	if len(extra) == 0 {
		t.Fatal("no command file returns an exit status above 2: the Exit constants of internal/cmdutil/exit.go were not found")
	}
	s, _, _ := cmdutil.BufferStreams("")
	cmds := documentedCommands(newRootCmd(s, nil))
	files := map[string]bool{}
	for _, c := range cmds {
		path := c.CommandPath()
		if err := checkUse(c); err != "" {
			t.Errorf("%s: Use %q: %s", path, c.Use, err)
		}
		if c.Short == "" || strings.Contains(c.Short, "\n") || strings.HasSuffix(c.Short, ".") && !strings.HasSuffix(c.Short, "...") {
			t.Errorf("%s: Short %q: want one line without a final period", path, c.Short)
		}
		if strings.TrimSpace(c.Long) == "" {
			t.Errorf("%s: no Long text", path)
		}
		listed, err := exitStatuses(c.Long)
		if err != "" {
			t.Errorf("%s: EXIT STATUS: %s", path, err)
		}
		file := commandFile(c)
		files[file] = true
		for _, st := range extra[file] {
			if !slices.Contains(listed, st) {
				t.Errorf("%s: %s returns exit status %d, which its help does not list under EXIT STATUS", path, file, st)
			}
		}
	}
	for file, sts := range extra {
		if !files[file] {
			t.Errorf("%s returns exit statuses %v but is no command's file: return them from the command's cmd_<verb>.go so that its help lists them", file, sts)
		}
	}
}

// commandFile is the file that defines c: cmd_<verb>.go for a command and
// the commands below it (exports list lives in cmd_exports.go), root.go
// for custkit itself.
func commandFile(c *cobra.Command) string {
	words := strings.Fields(c.CommandPath())
	if len(words) < 2 {
		return "root.go"
	}
	return "cmd_" + words[1] + ".go"
}

// checkUse reports what is wrong with a Use line: it must start with the
// command's name, and its <placeholders>, [optional parts] and
// {alternatives} must pair up.
func checkUse(c *cobra.Command) string {
	if !strings.HasPrefix(c.Use, c.Name()) {
		return "does not start with the command's name"
	}
	var stack []rune
	pairs := map[rune]rune{'>': '<', ']': '[', '}': '{'}
	for _, r := range c.Use {
		switch r {
		case '<', '[', '{':
			stack = append(stack, r)
		case '>', ']', '}':
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return "unpaired " + string(r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return "unclosed " + string(stack[len(stack)-1])
	}
	return ""
}

// statusLine is a line of an EXIT STATUS section: two spaces, the status,
// two spaces, what it means. Longer explanations continue on lines
// indented further.
var statusLine = regexp.MustCompile(`^  (\d+)  \S`)

// exitStatuses returns the statuses an EXIT STATUS section of long lists,
// none when there is no such section, and what is wrong with the section.
func exitStatuses(long string) ([]int, string) {
	_, section, ok := strings.Cut(long, "\nEXIT STATUS\n")
	if !ok {
		return nil, ""
	}
	var sts []int
	for _, l := range strings.Split(section, "\n") {
		if strings.TrimSpace(l) == "" {
			break
		}
		m := statusLine.FindStringSubmatch(l)
		switch {
		case m != nil:
			n, _ := strconv.Atoi(m[1])
			if len(sts) > 0 && n <= sts[len(sts)-1] {
				return sts, "statuses out of order at " + strconv.Quote(l)
			}
			sts = append(sts, n)
		case !strings.HasPrefix(l, "     "):
			return sts, "not a status line or its continuation: " + strconv.Quote(l)
		}
	}
	if len(sts) < 2 || sts[0] != 0 || sts[1] != 1 {
		return sts, "lists no 0 and 1"
	}
	return sts, ""
}

func TestExitStatuses(t *testing.T) {
	tests := []struct {
		long string
		want []int
		err  bool
	}{
		{"Purge applies the policy.", nil, false},
		{"Text.\n\nEXIT STATUS\n  0  applied\n  1  failure: a bad file, or a\n     refused --max-delete\n  2  wrong usage\n  3  locked", []int{0, 1, 2, 3}, false},
		{"Text.\n\nEXIT STATUS\n  0  ok\n  1  failed\n\nMore text after the section.", []int{0, 1}, false},
		{"Text.\n\nEXIT STATUS\n  0  ok\n  3  locked", nil, true},
		{"Text.\n\nEXIT STATUS\n  1  failed\n  0  ok", nil, true},
		{"Text.\n\nEXIT STATUS\n0 ok\n1 failed", nil, true},
	}
	for _, tt := range tests {
		got, err := exitStatuses(tt.long)
		if (err != "") != tt.err || !tt.err && !slices.Equal(got, tt.want) {
			t.Errorf("exitStatuses(%q) = %v, %q; want %v, error %v", tt.long, got, err, tt.want, tt.err)
		}
	}
}

// parsePackage parses the non-test Go files of dir.
func parsePackage(t *testing.T, dir string) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = f
	}
	return files
}

// exitStatusUses finds, in the files of packages, the Exit* (or exit*)
// constants whose value is above cmdutil.ExitUsage (2) and returns, per
// file, the statuses that file refers to (cmdutil.ExitLocked, or
// exitLocked in the package that declares it), outside their declaration.
func exitStatusUses(t *testing.T, files map[string]*ast.File) map[string][]int {
	t.Helper()
	consts := map[string]int{}
	decls := map[*ast.Ident]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				for i, name := range v.Names {
					if !strings.HasPrefix(strings.ToLower(name.Name), "exit") || i >= len(v.Values) {
						continue
					}
					lit, ok := v.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.INT {
						t.Fatalf("exit status %s is not an integer literal", name.Name)
					}
					n, _ := strconv.Atoi(lit.Value)
					decls[name] = true
					if n > cmdutil.ExitUsage {
						consts[name.Name] = n
					}
				}
			}
		}
	}
	uses := map[string][]int{}
	for name, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || decls[id] {
				return true
			}
			if st, ok := consts[id.Name]; ok && !slices.Contains(uses[name], st) {
				uses[name] = append(uses[name], st)
			}
			return true
		})
	}
	return uses
}

// shortFlag is a one-letter flag named in a help text (-n, (-o ...);
// otherFiles are the phrases that name the files other commands write
// with -o (exports, "-o files"), not a flag of the command described.
var (
	shortFlag  = regexp.MustCompile(`(?:^|[\s(])-([a-zA-Z])\b`)
	otherFiles = regexp.MustCompile(`-o files?\b|with -o\b`)
)

// TestHelpShortFlags checks that a one-letter flag a command's Long text
// names (the shared shredding text's -n too) is a flag of that command.
func TestHelpShortFlags(t *testing.T) {
	s, _, _ := cmdutil.BufferStreams("")
	for _, c := range documentedCommands(newRootCmd(s, nil)) {
		for _, m := range shortFlag.FindAllStringSubmatch(otherFiles.ReplaceAllString(c.Long, ""), -1) {
			if c.Flags().ShorthandLookup(m[1]) == nil && c.InheritedFlags().ShorthandLookup(m[1]) == nil {
				t.Errorf("%s: the help names -%s, which the command does not have", c.CommandPath(), m[1])
			}
		}
	}
}

func TestExitStatusUses(t *testing.T) {
	src := map[string]string{
		"cmdutil/exit.go": "package cmdutil\nconst (\n\tExitOK = 0\n\tExitUsage = 2\n\tExitLocked = 3\n)\n",
		"cmd_purge.go": "package main\nfunc lock() error { return &cmdutil.StatusError{Status: cmdutil.ExitLocked} }\n" +
			"func ok() int { return cmdutil.ExitOK }\n",
		"cmd_join.go": "package main\nfunc run() int { return cmdutil.ExitUsage }\n",
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for name, text := range src {
		f, err := parser.ParseFile(fset, name, text, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	got := exitStatusUses(t, files)
	if len(got) != 1 || !slices.Equal(got["cmd_purge.go"], []int{3}) {
		t.Errorf("exitStatusUses = %v, want map[cmd_purge.go:[3]]", got)
	}
}
