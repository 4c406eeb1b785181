package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/spf13/cobra"
)

// The command lines that custkit's documentation shows (the Example of
// every --help, the walkthrough in examples/README.md) are run by the tests
// below exactly as a reader would type them: with bash, custkit on PATH
// (TestMain puts the test binary there under that name), in a directory
// that holds a copy of the repository's examples/ as examples/.

// testHashKey is the CUSTKIT_HASH_KEY of the --help examples, as a shop that
// follows redact's help has it set in its environment.
const testHashKey = "custkit-example-key-0123456789abcdef"

// exampleDir makes a working directory for documented command lines: a copy
// of examples/ as examples/, and HOME and the XDG directories inside it so
// that the config file, the access log and the export manifest are the
// directory's own. It returns the directory and the environment to run in.
func exampleDir(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS(filepath.Join("..", "..", "examples"))); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(dir, ".state"),
		"LANG=C.UTF-8",
		"TZ=UTC",
		noRaceExitSleep,
	}
	return dir, env
}

// needBash skips the test where there is no bash to run the lines with.
func needBash(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run the documented command lines with")
	}
}

// shellResult is what one command line did.
type shellResult struct {
	stdout, stderr string
	status         int // as with pipefail, SIGPIPE of a stage cut short aside
}

// sigpipeStatus is the status of a stage killed by SIGPIPE: a command
// whose reader stopped early (custkit ... | head) ends that way in any
// shell, and the line still did what it shows.
const sigpipeStatus = 128 + 13

// runLine runs one command line (a pipeline, possibly with redirections)
// with bash in dir. Its status is the rightmost non-zero status of the
// pipeline's stages, not counting a stage before the last killed by
// SIGPIPE, so that neither "custkit ... | grep" hiding a failing custkit
// nor "custkit ... | head" passes or fails by chance. With a session file,
// the variables exported by earlier lines are set again first, and those
// of this line saved after it, as in one terminal session.
func runLine(t *testing.T, dir string, env []string, line, session string) shellResult {
	t.Helper()
	script := line + "\n" + `echo "${PIPESTATUS[*]}" >&3`
	if session != "" {
		q := strconv.Quote(session)
		script = "if [ -f " + q + " ]; then source " + q + "; fi\n" + script + "\nexport -p > " + q
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer statusR.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	cmd.ExtraFiles = []*os.File{statusW}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	statusW.Close()
	raw, err := readAll(statusR)
	if err != nil {
		t.Fatal(err)
	}
	res := shellResult{stdout: stdout.String(), stderr: stderr.String()}
	fields := strings.Fields(string(raw))
	if len(fields) == 0 {
		t.Fatalf("%s: bash did not run the line to its end: %v\n%s", line, runErr, res.stderr)
	}
	for i, f := range fields {
		st, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("%s: pipeline status %q", line, raw)
		}
		if st != 0 && (st != sigpipeStatus || i == len(fields)-1) {
			res.status = st
		}
	}
	return res
}

func readAll(f *os.File) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(f)
	return b.Bytes(), err
}

// absolutePath matches an absolute path in a command line. Documented lines
// run in the test's own directory and must stay there: a line that names
// /tmp/shop would change whatever is at /tmp/shop, so it is not run.
var absolutePath = regexp.MustCompile(`(?:^|[\s=<>'"])(/[^\s'"]*)`)

// outsidePath returns the first absolute path a command line names, other
// than the /dev files every system has, or "".
func outsidePath(line string) string {
	for _, m := range absolutePath.FindAllStringSubmatch(line, -1) {
		switch m[1] {
		case "/dev/null", "/dev/stdin", "/dev/stdout", "/dev/stderr":
			continue
		}
		return m[1]
	}
	return ""
}

// wantStatus matches the note that marks a documented command line that
// fails on purpose, at the end of the line: custkit ... # exit status 1
var wantStatus = regexp.MustCompile(`#\s*exit status (\d+)\b[^\n]*$`)

// expectedStatus is the exit status a documented command line is shown
// with: 0 unless it ends with an "# exit status N" note.
func expectedStatus(line string) int {
	m := wantStatus.FindStringSubmatch(line)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// exampleLines splits a cobra Example into command lines: "# ..." lines
// are comments, a line ending in a backslash or a pipe continues on the
// next (the newline is kept, as bash reads it), and blank lines separate
// nothing.
func exampleLines(example string) []string {
	var lines []string
	var cur strings.Builder
	for _, l := range strings.Split(example, "\n") {
		l = strings.TrimSpace(l)
		if cur.Len() == 0 && (l == "" || strings.HasPrefix(l, "#")) {
			continue
		}
		cur.WriteString(l)
		if strings.HasSuffix(l, `\`) || strings.HasSuffix(l, "|") || strings.HasSuffix(l, "&&") {
			cur.WriteString("\n")
			continue
		}
		lines = append(lines, cur.String())
		cur.Reset()
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func TestExampleLines(t *testing.T) {
	got := exampleLines(`  # who bought P0042
  custkit buyers --product P0042

  custkit buyers --product P0042 \
    | custkit mailing --channel post \
        -o dm-list.csv
  custkit segment --segment lapsed |
    custkit mailing --channel post
  custkit check --sales bad.csv  # exit status 1: bad.csv has errors`)
	want := []string{
		"custkit buyers --product P0042",
		"custkit buyers --product P0042 \\\n| custkit mailing --channel post \\\n-o dm-list.csv",
		"custkit segment --segment lapsed |\ncustkit mailing --channel post",
		"custkit check --sales bad.csv  # exit status 1: bad.csv has errors",
	}
	if !slices.Equal(got, want) {
		t.Errorf("exampleLines:\n got %q\nwant %q", got, want)
	}
	for line, want := range map[string]string{
		"custkit join -q > /dev/null 2>/dev/null":                 "",
		"custkit purge --config /tmp/shop/custkit.yaml":           "/tmp/shop/custkit.yaml",
		"custkit redact examples/customers.csv --key-file=/k.key": "/k.key",
		"cat </etc/passwd":                   "/etc/passwd",
		"custkit buyers --name-contains a/b": "",
	} {
		if got := outsidePath(line); got != want {
			t.Errorf("outsidePath(%q) = %q, want %q", line, got, want)
		}
	}
	for line, st := range map[string]int{want[0]: 0, want[3]: 1, "custkit purge  # exit status 3 (lock held)": 3} {
		if got := expectedStatus(line); got != st {
			t.Errorf("expectedStatus(%q) = %d, want %d", line, got, st)
		}
	}
}

// documentedCommands returns the commands a user meets in --help: root and
// every visible command below it, without cobra's own help and completion
// (cobra writes their help, and adds them only when custkit runs).
func documentedCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
			continue
		}
		out = append(out, documentedCommands(sub)...)
	}
	return out
}

// TestHelpExamples runs every line of every command's Example, in order, in
// a fresh copy of examples/ per command (a line that prepares the next,
// such as cp -r examples shop before a purge, runs like the others): an example may use what an
// earlier line of the same help made (a key, an export), never what
// another command's help made. Each line must exit 0, or with the status
// its "# exit status N" note gives. Commands added later are covered
// without a change here.
func TestHelpExamples(t *testing.T) {
	needBash(t)
	s, _, _ := cmdutil.BufferStreams("")
	for _, c := range documentedCommands(newRootCmd(s, nil)) {
		t.Run(strings.ReplaceAll(c.CommandPath(), " ", "_"), func(t *testing.T) {
			t.Parallel()
			lines := exampleLines(c.Example)
			if len(lines) == 0 {
				t.Fatalf("%s has no Example", c.CommandPath())
			}
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "custkit ") }) {
				t.Errorf("%s: no example line starts with \"custkit \"", c.CommandPath())
			}
			dir, env := exampleDir(t)
			env = append(env, "CUSTKIT_HASH_KEY="+testHashKey)
			for _, line := range lines {
				if p := outsidePath(line); p != "" {
					t.Errorf("example %q names %s: examples run in any directory, so give paths relative to it", line, p)
					continue
				}
				res := runLine(t, dir, env, line, "")
				if want := expectedStatus(line); res.status != want {
					t.Errorf("%s\nexit status %d, want %d\nstderr:\n%s", line, res.status, want, res.stderr)
				}
			}
		})
	}
}

// readmeStep is one command line of examples/README.md and what it prints.
type readmeStep struct {
	line    int    // where the command is in the file
	command string // without "$ ", continuation lines included
	want    []string
}

// readmeSteps reads the ```console blocks of a walkthrough. In a block, a
// line "$ command" is run; if it ends with a backslash or a pipe, the next
// lines continue it; the lines up to the next "$ " or the end of the block
// are what it prints, standard output then standard error. It also
// returns the commands of the ```crontab blocks, which cannot run in a
// test but must be commands the walkthrough runs.
func readmeSteps(text string) (steps []readmeStep, cron []string, err error) {
	var block string
	var con consoleLines
	for i, l := range strings.Split(text, "\n") {
		switch {
		case block == "" && strings.HasPrefix(l, "```"):
			block = strings.TrimPrefix(l, "```")
			continue
		case block != "" && l == "```":
			block = ""
			con.end()
			continue
		}
		switch block {
		case "console":
			if err := con.add(i+1, l); err != nil {
				return nil, nil, err
			}
		case "crontab":
			if f := strings.Fields(l); len(f) > 5 && !strings.HasPrefix(l, "#") {
				if _, cmd, ok := strings.Cut(l, "custkit "); ok {
					cron = append(cron, "custkit "+cmd)
				}
			}
		}
	}
	if block != "" {
		return nil, nil, fmt.Errorf("unclosed ``` block")
	}
	return con.steps, cron, nil
}

// consoleLines collects the steps of console blocks, one line at a time:
// "$ command" starts a step, a command line ending with a backslash or a
// pipe continues on the next line, and the other lines are what the step
// prints.
type consoleLines struct {
	steps     []readmeStep
	inStep    bool // a step of the current block is open
	continued bool // the last line of its command asks for another
}

func (c *consoleLines) add(n int, l string) error {
	cur := len(c.steps) - 1
	switch {
	case c.continued:
		c.steps[cur].command += "\n" + l
	case strings.HasPrefix(l, "$ "):
		c.steps = append(c.steps, readmeStep{line: n, command: strings.TrimPrefix(l, "$ ")})
		c.inStep = true
	case !c.inStep:
		return fmt.Errorf("line %d: output before any command in a console block", n)
	default:
		c.steps[cur].want = append(c.steps[cur].want, l)
	}
	cur = len(c.steps) - 1 // a new step may have begun
	c.continued = c.inStep && len(c.steps[cur].want) == 0 && (strings.HasSuffix(l, `\`) || strings.HasSuffix(l, "|"))
	return nil
}

// end closes a block: the next block starts with a command.
func (c *consoleLines) end() { c.inStep, c.continued = false, false }

// indentedSteps reads the console blocks of a page written with indented
// code blocks, as the top-level README.md is: a block is a run of lines
// indented by four spaces (blank lines inside it included) after a blank
// line, and it is a console block when its first line starts with "$ ".
// Its lines, without the indent, are read as in a ```console block. Other
// indented blocks (a command to type without its output, a piece of YAML)
// are not run.
func indentedSteps(text string) ([]readmeStep, error) {
	var con consoleLines
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "    $ ") || (i > 0 && strings.TrimSpace(lines[i-1]) != "") {
			continue
		}
		end := i
		for j := i; j < len(lines); j++ {
			if strings.HasPrefix(lines[j], "    ") {
				end = j + 1
			} else if strings.TrimSpace(lines[j]) != "" {
				break
			}
		}
		for j := i; j < end; j++ {
			if err := con.add(j+1, strings.TrimPrefix(lines[j], "    ")); err != nil {
				return nil, err
			}
		}
		con.end()
		i = end - 1
	}
	return con.steps, nil
}

// matchOutput compares what a command printed with what the walkthrough
// shows. In the shown text, "…" stands for what differs from run to run
// (paths, times, hashes, keyed pseudonyms): within a line it matches any
// text, and a line that is only "…" (indented or not, as it stands for
// indented lines) matches any number of lines.
func matchOutput(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "…" {
		for i := 0; i <= len(got); i++ {
			if matchOutput(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(want[0], got[0]) && matchOutput(want[1:], got[1:])
}

func matchLine(want, got string) bool {
	parts := strings.Split(want, "…")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(got)
}

func TestMatchOutput(t *testing.T) {
	got := []string{"path,state,expires", "/tmp/x/dm-list.csv,present,2026-12-22T20:24:22Z", "ok"}
	tests := []struct {
		want []string
		ok   bool
	}{
		{[]string{"path,state,expires", "…/dm-list.csv,present,…", "ok"}, true},
		{[]string{"path,state,expires", "…", "ok"}, true},
		{[]string{"path,state,expires", "  …", "ok"}, true},
		{[]string{"…"}, true},
		{[]string{"path,state,expires", "…/dm-list.csv,missing,…", "ok"}, false},
		{[]string{"path,state,expires", "…/dm-list.csv,present,…"}, false},
		{[]string{"path,state,expires", "…", "ok", "more"}, false},
		{[]string{"path.state.expires", "…"}, false},
	}
	for _, tt := range tests {
		if matchOutput(tt.want, got) != tt.ok {
			t.Errorf("matchOutput(%q) = %v, want %v", tt.want, !tt.ok, tt.ok)
		}
	}
}

func TestReadmeSteps(t *testing.T) {
	text := "# Title\n\n```console\n$ custkit a \\\n    --b\nout 1\nout 2\n$ custkit c |\n  head -1\n```\n\n" +
		"    $ not run: an indented block\n\n```crontab\n# m h dom mon dow command\n30 2 * * *  cd /srv/shop && custkit exports shred --expired\n```\n"
	steps, cron, err := readmeSteps(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []readmeStep{
		{line: 4, command: "custkit a \\\n    --b", want: []string{"out 1", "out 2"}},
		{line: 8, command: "custkit c |\n  head -1"},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("steps\n got %+v\nwant %+v", steps, want)
	}
	if len(cron) != 1 || cron[0] != "custkit exports shred --expired" {
		t.Errorf("cron = %q", cron)
	}
	if got, want := cronForm("custkit purge --key-file k --as-of 2030-06-01 -v"), "custkit purge --key-file k"; got != want {
		t.Errorf("cronForm = %q, want %q", got, want)
	}
	if _, _, err := readmeSteps("```console\nout\n```\n"); err == nil {
		t.Error("output before a command: no error")
	}
}

func TestIndentedSteps(t *testing.T) {
	text := "# Title\n\n    go test ./...\n\nText:\n\n" +
		"    $ custkit a \\\n        --b\n    out 1\n\n      out 2\n    $ custkit c\n\nMore text\n" +
		"    $ not a block: no blank line above\n\n    $ custkit d\n"
	steps, err := indentedSteps(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []readmeStep{
		{line: 7, command: "custkit a \\\n    --b", want: []string{"out 1", "", "  out 2"}},
		{line: 12, command: "custkit c"},
		{line: 17, command: "custkit d"},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("steps\n got %+v\nwant %+v", steps, want)
	}
}

// TestExamplesREADME runs the walkthrough in examples/README.md: every
// command of its console blocks, in order, in one directory holding a copy
// of examples/ (the walkthrough is one story: a later command uses the
// files an earlier one made), and compares what each prints with what the
// page shows. Nothing is set in the environment beyond a fresh HOME: the
// walkthrough has to show how its hash key is made. So the page and its
// test are one file, and the page cannot drift from the program.
func TestExamplesREADME(t *testing.T) {
	needBash(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "examples", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	steps, cron, err := readmeSteps(string(text))
	if err != nil {
		t.Fatalf("examples/README.md: %v", err)
	}
	if len(steps) == 0 {
		t.Fatal("examples/README.md shows no command")
	}
	ran := map[string]bool{}
	dir, env := exampleDir(t)
	session := filepath.Join(t.TempDir(), "session.sh")
	for _, st := range steps {
		ran[cronForm(st.command)] = true
		if p := outsidePath(st.command); p != "" {
			t.Errorf("examples/README.md:%d: %q names %s: use paths relative to the walkthrough's directory", st.line, st.command, p)
			continue
		}
		res := runLine(t, dir, env, st.command, session)
		if want := expectedStatus(st.command); res.status != want {
			t.Errorf("examples/README.md:%d: %s\nexit status %d, want %d\nstderr:\n%s", st.line, st.command, res.status, want, res.stderr)
		}
		got := printed(res, st.command, st.want)
		if !matchOutput(st.want, got) {
			t.Errorf("examples/README.md:%d: %s\nprints:\n%s\nthe page shows:\n%s", st.line, st.command, strings.Join(got, "\n"), strings.Join(st.want, "\n"))
		}
	}
	for _, c := range cron {
		if !ran[cronForm(c)] {
			t.Errorf("examples/README.md: the crontab line runs %q, which no console block runs (give or take --as-of and -v)", c)
		}
	}
}

// TestREADME runs the commands the top-level README.md shows with their
// output (its indented blocks that start with "$ "), in order, in one
// directory holding a copy of examples/, as a reader at the root of the
// repository would, and compares what each prints with what the page shows,
// as TestExamplesREADME does for the walkthrough. Indented blocks that do
// not start with "$ " show a command without its output (go install, a
// pipeline to adapt) or a piece of a file, and are not run. A command may
// fail when the page shows its status with "$ echo $?" right after it:
// that line prints the status of the command before it, as in a terminal.
// The page's first lines, the two commands a newcomer runs, must stay
// there.
func TestREADME(t *testing.T) {
	needBash(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const top = "# custkit\n\n    go run ./cmd/custkit join --config examples/custkit.yaml --format table\n    go test ./...\n"
	if !strings.HasPrefix(string(text), top) {
		t.Errorf("README.md does not begin with\n%s", top)
	}
	steps, err := indentedSteps(string(text))
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	if len(steps) == 0 {
		t.Fatal("README.md shows no command")
	}
	const echoStatus = "echo $?"
	dir, env := exampleDir(t)
	session := filepath.Join(t.TempDir(), "session.sh")
	last := 0 // the status of the previous command, for echo $?
	for i, st := range steps {
		if p := outsidePath(st.command); p != "" {
			t.Errorf("README.md:%d: %q names %s: use paths relative to the repository's root", st.line, st.command, p)
			continue
		}
		line := st.command
		if line == echoStatus {
			line = fmt.Sprintf("(exit %d); %s", last, echoStatus)
		}
		res := runLine(t, dir, env, line, session)
		last = res.status
		shown := i+1 < len(steps) && steps[i+1].command == echoStatus
		if want := expectedStatus(st.command); res.status != want && !shown {
			t.Errorf("README.md:%d: %s\nexit status %d, want %d\nstderr:\n%s", st.line, st.command, res.status, want, res.stderr)
		}
		got := printed(res, st.command, st.want)
		if !matchOutput(st.want, got) {
			t.Errorf("README.md:%d: %s\nprints:\n%s\nthe page shows:\n%s", st.line, st.command, strings.Join(got, "\n"), strings.Join(st.want, "\n"))
		}
	}
}

// printed is what a documented command line printed, as lines: standard
// output, then standard error, the latter in the page's order for a
// pipeline of custkit commands (see inPageOrder) when that is what differs.
func printed(res shellResult, command string, want []string) []string {
	got := strings.Split(strings.TrimSuffix(res.stdout+res.stderr, "\n"), "\n")
	if res.stdout+res.stderr == "" {
		got = nil
	}
	if !matchOutput(want, got) && strings.Contains(command, "| custkit") {
		got = inPageOrder(res.stdout, res.stderr, want)
	}
	return got
}

// inPageOrder is the output of a pipeline of custkit commands with the
// lines of standard error in the order the page shows them: the stages run
// at once, so one stage's summary may come before or after another's
// config line, and only what each stage prints is the example's to keep.
// Lines the page does not show keep their place at the end.
func inPageOrder(stdout, stderr string, want []string) []string {
	errs := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if stderr == "" {
		errs = nil
	}
	used := make([]bool, len(errs))
	var ordered []string
	for _, w := range want {
		for i, e := range errs {
			if !used[i] && e == w {
				used[i] = true
				ordered = append(ordered, e)
				break
			}
		}
	}
	for i, e := range errs {
		if !used[i] {
			ordered = append(ordered, e)
		}
	}
	var got []string
	if stdout != "" {
		got = strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	}
	return append(got, ordered...)
}

// cronForm is a command line as cron would run it: without the --as-of
// that makes a walkthrough reproducible and the -v that shows what it did.
func cronForm(command string) string {
	var out []string
	words := strings.Fields(command)
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == "--as-of":
			i++
		case strings.HasPrefix(w, "--as-of="), w == "-v", w == "--verbose":
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func TestInPageOrder(t *testing.T) {
	want := []string{"a,b", "custkit: config: x.yaml", "custkit: mailing: 5 rows written", "custkit: redact: 5 rows written"}
	got := inPageOrder("a,b\n", "custkit: mailing: 5 rows written\ncustkit: config: x.yaml\ncustkit: redact: 5 rows written\n", want)
	if !matchOutput(want, got) {
		t.Errorf("reordered: %q", got)
	}
	// A line the page does not show is kept, so the match still fails.
	got = inPageOrder("a,b\n", "custkit: mailing: 5 rows written\ncustkit: oops\ncustkit: config: x.yaml\ncustkit: redact: 5 rows written\n", want)
	if matchOutput(want, got) {
		t.Errorf("an extra line matched: %q", got)
	}
}
