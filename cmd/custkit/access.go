package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/hashcache"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// access gathers what one run does with customer data: the inputs it reads
// (recorded by inputFlags.open, hashed as they are read), the outputs it
// writes (recorded by outputFlags.open, rows counted as they are written)
// and the files it destroys. When the command returns, logAccess turns it
// into one entry of the access log. Commands never call the log
// themselves, so a new command that reads through inputFlags and writes
// through outputFlags is logged without a line of its own.
//
// The log itself is opened (created if need be) before the first input is
// opened or the first file shredded, by openLog: a log that cannot be
// written stops the run before it has read, printed, written or destroyed
// anything. Its lock is taken only for the append at the end, so that
// concurrent runs (a pipeline of custkit commands) do not wait for each
// other.
//
// newRootCmd installs it; a runX called directly (a unit test) has none, and
// then nothing is logged or tracked.
type access struct {
	log      *audit.Log // opened by openLog; nil until then
	inputs   []*trackedInput
	outputs  []*target
	shredded []string
	purpose  string
	reveal   bool
	// purge is what a purge did, set by setPurge: a purge reads and
	// destroys the data files itself (pkg/retention), not through
	// inputFlags and shredFiles.
	purge *audit.Entry
	// cmd and args are the command being run, set by begin, for an entry
	// appended before the command returns (logNow).
	cmd  *cobra.Command
	args []string
	now  func() time.Time
	// hashes remembers the SHA-256 of unchanged input files between runs;
	// nil hashes every input every time.
	hashes *hashcache.Cache
}

// openHashCache opens the cache of input hashes in the state directory;
// nil if there is none.
func openHashCache(s *streams) *hashcache.Cache {
	path, err := statePath(s, "", "hashes.json")
	if err != nil {
		return nil
	}
	return hashcache.Open(path)
}

// touched reports whether the run read customer data or destroyed a copy
// of it: only such runs are logged.
func (a *access) touched() bool {
	return len(a.inputs) > 0 || len(a.shredded) > 0 || a.purge != nil
}

// begin records the command being run, for logNow.
func (a *access) begin(cmd *cobra.Command, args []string) {
	if a != nil {
		a.cmd, a.args = cmd, args
	}
}

// setPurge records what a purge did, for the run's entry: rec's Inputs,
// Shredded and Purge (see retention.Result.Record). A later call replaces
// an earlier one.
func (a *access) setPurge(rec audit.Entry) {
	if a != nil {
		a.purge = &rec
	}
}

// trackedInput hashes an input as it is read, so that the access log can
// say exactly which file was read without reading it a second time. A file
// whose hash the cache still holds is not hashed at all.
type trackedInput struct {
	name   string
	r      io.Reader
	h      hash.Hash
	n      int64
	eof    bool
	file   bool // a file that finish may reopen; false for standard input
	cached string
	id     *hashcache.Identity // the file's identity, when the system has one
	opened time.Time
	hashes *hashcache.Cache
}

// track wraps an input's bytes as they are read. file says that name is a
// regular file finish may reopen (never a pipe: a second open would wait
// for a writer).
func (a *access) track(name string, r io.Reader, file bool) io.Reader {
	if a == nil {
		return r
	}
	t := &trackedInput{name: name, r: r, h: sha256.New(), file: file, opened: a.now(), hashes: a.hashes}
	a.inputs = append(a.inputs, t)
	if f, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok && file && a.hashes != nil {
		if fi, err := f.Stat(); err == nil {
			if id, err := hashcache.IdentityOf(fi); err == nil {
				t.id = &id
				if sum, ok := a.hashes.Lookup(absPath(name), id, t.opened); ok {
					t.cached, t.h = sum, nil
				}
			}
		}
	}
	return t
}

func (t *trackedInput) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if t.h != nil {
		t.h.Write(p[:n])
	}
	t.n += int64(n)
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

// finish hashes the part of a file that a successful command did not read,
// so that the recorded hash is the whole file's. A failed run records what
// it read, marked partial, rather than read on after the failure.
func (t *trackedInput) finish() {
	if t.eof || !t.file || t.cached != "" {
		return
	}
	f, err := os.Open(t.name)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := f.Seek(t.n, io.SeekStart); err != nil {
		return
	}
	if n, err := io.Copy(t.h, f); err == nil {
		t.n += n
		t.eof = true
	}
}

func (t *trackedInput) record() audit.Input {
	if t.cached != "" {
		return audit.Input{Path: absPath(t.name), SHA256: t.cached, Bytes: t.id.Size}
	}
	sum := hex.EncodeToString(t.h.Sum(nil))
	if t.eof && t.id != nil && t.n == t.id.Size {
		t.hashes.Store(absPath(t.name), *t.id, sum, t.opened)
	}
	return audit.Input{Path: absPath(t.name), SHA256: sum, Bytes: t.n, Partial: !t.eof}
}

// addOutput records an opened output and the purpose and reveal it was
// opened with.
func (a *access) addOutput(t *target, o *outputFlags) {
	if a == nil {
		return
	}
	a.outputs = append(a.outputs, t)
	if a.purpose == "" {
		a.purpose = o.purpose
	}
	a.reveal = a.reveal || o.reveal
}

// addShredded records a file destroyed by the run.
func (a *access) addShredded(path string) {
	if a != nil {
		a.shredded = append(a.shredded, path)
	}
}

// shredFiles shreds files and records them as destroyed by the run. It
// prints each file's outcome (done on standard output, failures on
// standard error) and then, once, the caveats of the places they were on.
func (g *globalOptions) shredFiles(ctx context.Context, s *streams, files []string, passes int) shred.FilesResult {
	res := shred.Files(ctx, files, shred.FilesOptions{Options: shred.Options{Passes: passes}, Report: func(f string, err error) {
		if err != nil {
			fmt.Fprintf(s.err, "custkit: shred: %s\n", err)
			return
		}
		fmt.Fprintf(s.out, "shredded %s\n", f)
	}})
	for _, p := range res.Done {
		g.access.addShredded(p)
	}
	if len(res.Done) > 0 && !g.quiet {
		for _, c := range res.Caveats {
			fmt.Fprintf(s.err, "custkit: shred: caveat: %s\n", c)
		}
	}
	return res
}

// openLog opens the access log for the run, once, before it reads customer
// data or destroys a file: the inputs (openSource), shred and exports
// shred, and purge call it first. It fails when the log is not a regular
// file the user owns or cannot be opened for writing, and then the run
// stops there (fail closed). A run without the root command's record (a
// unit test of a runX) has nothing to open.
func (g *globalOptions) openLog(s *streams) error {
	a := g.access
	if a == nil || a.log != nil || g.cfg == nil {
		return nil
	}
	path, err := g.auditPath(s)
	if err != nil {
		return err // says what is wrong with the path, and what to do
	}
	if a.log, err = audit.Open(path); err != nil {
		return withHint(fmt.Errorf("access log: %w; nothing was read or changed", err), "set XDG_STATE_HOME, or audit: {log: <file>} in the config file, to a writable place")
	}
	return nil
}

// logAccess appends the run's entry to the access log, if it touched
// customer data, and returns the command's own error. A log that cannot be
// written fails a run that otherwise succeeded: an access must leave a
// record.
func logAccess(s *streams, g *globalOptions, cmd *cobra.Command, args []string, runErr error) error {
	a := g.access
	if a != nil && a.log != nil {
		defer func() { a.log.Close(); a.log = nil }()
	}
	if a == nil || !a.touched() || g.cfg == nil {
		return runErr
	}
	err := g.appendEntry(s, a.entry(s, cmd, args, runErr == nil))
	if err == nil {
		return runErr
	}
	if runErr != nil {
		fmt.Fprintf(s.err, "custkit: %s\n", oneLine(err.Error()))
		return runErr
	}
	return err
}

// logNow appends the run's entry so far to the access log at once, rather
// than when the command returns, and starts the next entry afresh: a
// purge records its run before it removes its journal, so that a run
// killed in between is recorded when the next purge finishes it.
func (g *globalOptions) logNow(s *streams, ok bool) error {
	a := g.access
	if a == nil || g.cfg == nil {
		return nil
	}
	if err := g.appendEntry(s, a.entry(s, a.cmd, a.args, ok)); err != nil {
		return err
	}
	a.inputs, a.outputs, a.shredded, a.purge = nil, nil, nil, nil
	return nil
}

// appendEntry stamps e with the run's settings and appends it to the
// access log: the one opened by openLog, else the one at auditPath.
func (g *globalOptions) appendEntry(s *streams, e *audit.Entry) error {
	a := g.access
	g.cfg.stamp(e)
	var err error
	if a.log != nil {
		err = a.log.Append(e)
	} else {
		var path string
		if path, err = g.auditPath(s); err == nil {
			err = audit.Append(path, e)
		}
	}
	if err != nil {
		return withHint(fmt.Errorf("access log: %w", err), "set XDG_STATE_HOME, or audit: {log: <file>} in the config file, to a writable place")
	}
	if a.hashes != nil {
		a.hashes.Save() // only a cache: a failure costs a hash next time
	}
	return nil
}

// entry builds the log entry of the run.
func (a *access) entry(s *streams, cmd *cobra.Command, args []string, ok bool) *audit.Entry {
	e := &audit.Entry{
		Time:     a.now().Truncate(time.Millisecond),
		User:     osUser(s),
		Command:  strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "),
		Args:     append(flagArgs(cmd), args...),
		Shredded: a.shredded,
		Purpose:  a.purpose,
		Reveal:   a.reveal,
		OK:       ok,
	}
	e.Host, _ = os.Hostname()
	for _, in := range a.inputs {
		if ok {
			in.finish()
		}
		e.Inputs = append(e.Inputs, in.record())
	}
	for _, t := range a.outputs {
		e.Outputs = append(e.Outputs, t.record())
	}
	if a.purge != nil {
		e.Inputs = append(e.Inputs, a.purge.Inputs...)
		e.Shredded = append(e.Shredded, a.purge.Shredded...)
		e.Purge = a.purge.Purge
	}
	return e
}

// flagArgs lists the flags the user set, as --name=value, one per value
// of a list flag. No custkit flag
// takes a secret as its value: the hash key comes from CUSTKIT_HASH_KEY
// (the environment is never recorded) or from the file --key-file names.
func flagArgs(cmd *cobra.Command) []string {
	var out []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				out = append(out, "--"+f.Name+"="+v)
			}
			return
		}
		out = append(out, "--"+f.Name+"="+f.Value.String())
	})
	return out
}

// osUser names the user running custkit.
func osUser(s *streams) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := s.getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// auditPath is the access log: audit.log from the config, else
// custkit/audit.jsonl in the user's state directory. It must be a regular
// file the user owns, or not exist yet.
func (g *globalOptions) auditPath(s *streams) (string, error) {
	path, err := statePath(s, g.cfg.Audit.Log, "audit.jsonl")
	if err != nil {
		return "", err
	}
	return path, checkStateFile(path, "access log", "audit: {log: <file>}")
}

// manifestPath is the export manifest: exports.manifest from the config,
// else custkit/exports.csv in the user's state directory. It must be a
// regular file the user owns, or not exist yet.
func (g *globalOptions) manifestPath(s *streams) (string, error) {
	path, err := statePath(s, g.cfg.Exports.Manifest, "exports.csv")
	if err != nil {
		return "", withHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	return path, checkStateFile(path, "export manifest", "exports: {manifest: <file>}")
}

// checkStateFile refuses a path for custkit's own records that is there
// but is not a regular file the user running custkit owns: a device, a
// pipe or a directory would be replaced or block the run, and a file of
// another user (named by a config someone else wrote) would be changed or
// trusted. A path that does not exist yet, or cannot be looked at, is left
// to the open to report.
func checkStateFile(path, what, setting string) error {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	hint := "the " + what + " must be a regular file you own, or not exist yet; set " + setting + " in the config file"
	if !st.Mode().IsRegular() {
		return withHint(fmt.Errorf("%s %s is not a regular file", what, path), "%s", hint)
	}
	if !ownedByUser(st) {
		return withHint(fmt.Errorf("%s %s belongs to another user", what, path), "%s", hint)
	}
	return nil
}

// shop names the shop a run works for, for the export manifest: the config
// file in use as an absolute path with symbolic links resolved, "" for a
// run without a config file.
func (g *globalOptions) shop() string {
	if g.cfg == nil || g.cfg.file == "" {
		return ""
	}
	p := absPath(g.cfg.file)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

func statePath(s *streams, configured, name string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	dir := stateDir(s.getenv)
	if dir == "" {
		return "", errors.New("no place to keep it: neither XDG_STATE_HOME nor HOME is set")
	}
	return filepath.Join(dir, "custkit", name), nil
}

// stateDir is where custkit keeps its own records: $XDG_STATE_HOME, else
// ~/.local/state (%LOCALAPPDATA% on Windows).
func stateDir(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return d
	}
	if runtime.GOOS == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d
		}
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state")
	}
	return ""
}

// absPath makes a file name absolute for the records, keeping "-".
func absPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
