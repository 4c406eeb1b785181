package cmdutil

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/custkit/custkit/pkg/usererr"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The record of what a run does with customer data (pkg/access) is
// installed by newRootCmd in Global.Access: Inputs.Open tracks
// every input, Output.Open adds every output, shredFiles every file
// destroyed, and wrap appends the run's entry to the access log when the
// command returns. Commands never call the log themselves, so a new
// command that reads through Inputs and writes through Output is
// logged without a line of its own. A runX called directly (a unit test)
// has no record, and then nothing is logged or tracked.

// logHint is what to do about an access log that cannot be written.
const logHint = "set XDG_STATE_HOME, or audit: {log: <file>} in the config file, to a writable place"

// BeginAccess names the command being run in the run's record.
// It also keeps the command's name in g.command.
func BeginAccess(g *Global, cmd *cobra.Command, args []string) {
	g.Command = strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
	g.Access.Begin(func() access.Invocation {
		return access.Invocation{
			Command: g.Command,
			Args:    append(flagArgs(cmd), args...),
		}
	})
}

// ShredFiles shreds files and records them as destroyed by the run. It
// prints each file's outcome (done on standard output, failures on
// standard error) and then, once, the caveats of the places they were on.
func (g *Global) ShredFiles(ctx context.Context, s *Streams, files []string, passes int) shred.FilesResult {
	return shred.Run(ctx, files, g.shredOptions(s, passes))
}

// Shredder is ShredFiles for a command that shreds files one at a time as
// it goes (rekey, through pkg/replace), once each: each file is recorded
// as destroyed, and its Tell prints the caveats once, as ShredFiles does.
func (g *Global) Shredder(s *Streams) *shred.Shredder {
	return shred.NewShredder(g.shredOptions(s, 1))
}

// shredOptions say how the run shreds and tells what it did: outcomes on
// s, caveats unless -q, each file recorded in the access log.
func (g *Global) shredOptions(s *Streams, passes int) shred.RunOptions {
	return shred.RunOptions{Options: shred.Options{Passes: passes}, Out: s.Out, Note: Noter(s, "shred"), Quiet: g.Quiet, Done: g.Access.AddShredded}
}

// OpenLog opens the access log for the run, once, before it reads customer
// data or destroys a file: the inputs (input.Opener), shred and exports
// shred, and purge call it first. It fails when the log is not a regular
// file the user owns or cannot be opened for writing, and then the run
// stops there (fail closed). A run without the root command's record (a
// unit test of a runX) has nothing to open.
func (g *Global) OpenLog(s *Streams) error {
	if g.Access == nil || g.Access.LogOpen() || g.Cfg == nil {
		return nil
	}
	path, err := g.AuditPath(s)
	if err != nil {
		return err // says what is wrong with the path, and what to do
	}
	if err := g.Access.OpenLog(path); err != nil {
		return usererr.WithHint(fmt.Errorf("access log: %w; nothing was read or changed", err), logHint)
	}
	return nil
}

// LogAccess appends the run's entry to the access log, if it touched
// customer data, and returns the command's own error. A log that cannot be
// written fails a run that otherwise succeeded: an access must leave a
// record.
func LogAccess(s *Streams, g *Global, runErr error) error {
	defer g.Access.CloseLog()
	if !g.Access.Touched() || g.Cfg == nil {
		return runErr
	}
	err := g.appendEntry(s, g.Access.Entry(runErr == nil))
	if err == nil {
		return runErr
	}
	if runErr != nil {
		fmt.Fprintf(s.Err, "custkit: %s\n", OneLine(err.Error()))
		return runErr
	}
	return err
}

// LogNow appends the run's entry so far to the access log at once, rather
// than when the command returns, and starts the next entry afresh: a
// purge records its run before it removes its journal, so that a run
// killed in between is recorded when the next purge finishes it.
func (g *Global) LogNow(s *Streams, ok bool) error {
	if g.Access == nil || g.Cfg == nil {
		return nil
	}
	if err := g.appendEntry(s, g.Access.Entry(ok)); err != nil {
		return err
	}
	g.Access.Reset()
	return nil
}

// appendEntry stamps e with the run's settings and appends it to the
// access log: the one opened by openLog, else the one at auditPath.
func (g *Global) appendEntry(s *Streams, e *audit.Entry) error {
	g.Cfg.stamp(e)
	if err := g.Access.Append(e, func() (string, error) { return g.AuditPath(s) }); err != nil {
		return usererr.WithHint(fmt.Errorf("access log: %w", err), logHint)
	}
	return nil
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
		out = append(out, "--"+f.Name+"="+loggedValue(f, f.Value.String()))
	})
	return out
}

// NotLogged is the annotation of a flag whose value is text about a
// customer (contact add --summary, complaint update --resolution): the
// access log records that it was given, never what it says.
const NotLogged = "custkit-not-logged"

// loggedValue is v, the value of f, as the access log may record it.
func loggedValue(f *pflag.Flag, v string) string {
	if len(f.Annotations[NotLogged]) > 0 && v != "" {
		return "(not logged)"
	}
	return v
}

// AuditPath is the access log: audit.log from the config, else
// custkit/audit.jsonl in the user's state directory. It must be a regular
// file the user owns, or not exist yet.
func (g *Global) AuditPath(s *Streams) (string, error) {
	path, err := access.StatePath(s.Getenv, g.Cfg.Audit.Log, "audit.jsonl")
	if err != nil {
		return "", err
	}
	return path, access.CheckStateFile(path, "access log", "audit: {log: <file>}")
}

// ManifestPath is the export manifest: exports.manifest from the config,
// else custkit/exports.csv in the user's state directory. It and its lock
// file (the path and ".lock") must be regular files the user owns, or not
// exist yet.
func (g *Global) ManifestPath(s *Streams) (string, error) {
	path, err := access.StatePath(s.Getenv, g.Cfg.Exports.Manifest, "exports.csv")
	if err != nil {
		return "", usererr.WithHint(fmt.Errorf("export manifest: %w", err), "set XDG_STATE_HOME, or exports: {manifest: <file>} in the config file")
	}
	if err := access.CheckStateFile(path, "export manifest", "exports: {manifest: <file>}"); err != nil {
		return path, err
	}
	return path, access.CheckStateFile(path+".lock", "export manifest's lock", "exports: {manifest: <file>}")
}

// Shop names the shop a run works for, for the export manifest: the config
// file in use as an absolute path with symbolic links resolved, "" for a
// run without a config file.
func (g *Global) Shop() string {
	if g.Cfg == nil || g.Cfg.Path == "" {
		return ""
	}
	p := access.AbsPath(g.Cfg.Path)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

// Noter returns what prints a command's lines on standard error, each as
// "custkit: <verb>: <line>" and kept on one line.
func Noter(s *Streams, verb string) func(string) {
	return func(line string) { fmt.Fprintf(s.Err, "custkit: %s: %s\n", verb, OneLine(line)) }
}
