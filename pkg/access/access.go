// Package access keeps the record of what one run does with customer data:
// the inputs it reads (hashed as they are read, with the hashes of
// unchanged files remembered between runs), the outputs it writes, the
// files it destroys and what a purge did. When the run ends, the record
// becomes one entry of the access log (pkg/audit).
//
// The log is opened (created if need be) before the run reads or destroys
// anything, by [Record.OpenLog], so that a log that cannot be written stops
// the run first; its lock is taken only for the append at the end, so that
// concurrent runs (a pipeline of custkit commands) do not wait for each
// other.
//
// Every method is safe on a nil *Record and then does nothing: a run
// without a record (a unit test of one command) is neither logged nor
// tracked.
package access

import (
	"io"
	"os"
	"time"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/hashcache"
)

// Output is an opened output as the access log describes it.
type Output interface {
	// Record is the output's entry: path, format, rows and columns
	// written so far.
	Record() audit.Output
}

// Invocation is the command being run as the log names it: its path
// below the program ("exports shred") and the flags and arguments given.
type Invocation struct {
	Command string
	Args    []string
}

// Options are what a record needs from the process.
type Options struct {
	// Now is the clock of the log's times; nil is time.Now.
	Now func() time.Time
	// Hashes remembers the SHA-256 of unchanged input files between
	// runs; nil hashes every input every time.
	Hashes *hashcache.Cache
	// Getenv names the user when the system cannot; nil is os.Getenv.
	Getenv func(string) string
}

// Record is what one run has done with customer data so far.
type Record struct {
	opts     Options
	log      *audit.Log // opened by OpenLog; nil until then
	inputs   []*input
	outputs  []Output
	shredded []string
	purpose  string
	reveal   bool
	staff    string // who decrypted the encrypted inputs
	// purge is what a purge did: a purge reads and destroys the data
	// files itself (pkg/retention), not through Track and AddShredded.
	purge *audit.Entry
	// change is the row a run recorded in a contacts or complaints file.
	change *audit.Change
	// invocation names the command, asked for when an entry is built.
	invocation func() Invocation
}

// New starts the record of a run.
func New(opts Options) *Record {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	return &Record{opts: opts}
}

// Now is the record's clock.
func (r *Record) Now() time.Time { return r.opts.Now() }

// Begin names the command being run. invocation is called when an entry
// is built, so that it sees the flags as they are then.
func (r *Record) Begin(invocation func() Invocation) {
	if r != nil {
		r.invocation = invocation
	}
}

// Touched reports whether the run read customer data or destroyed a copy
// of it: only such runs are logged.
func (r *Record) Touched() bool {
	return r != nil && (len(r.inputs) > 0 || len(r.shredded) > 0 || r.purge != nil || r.change != nil)
}

// Track wraps an input's bytes so that they are hashed as they are read.
// file says that name is a regular file the record may reopen to hash
// what the run did not read (never a pipe: a second open would wait for a
// writer).
func (r *Record) Track(name string, rd io.Reader, file bool) io.Reader {
	if r == nil {
		return rd
	}
	in := newInput(name, rd, file, r.opts.Now(), r.opts.Hashes)
	r.inputs = append(r.inputs, in)
	return in
}

// AddOutput records an opened output and the purpose and reveal it was
// opened with: the run's purpose is the first one given, and it revealed
// personal data if any output did.
func (r *Record) AddOutput(o Output, purpose string, reveal bool) {
	if r == nil {
		return
	}
	r.outputs = append(r.outputs, o)
	if r.purpose == "" {
		r.purpose = purpose
	}
	r.reveal = r.reveal || reveal
}

// SetStaff records the member of staff (or the recipient) whose identity
// decrypted the run's encrypted inputs.
func (r *Record) SetStaff(name string) {
	if r != nil {
		r.staff = name
	}
}

// AddShredded records a file destroyed by the run.
func (r *Record) AddShredded(path string) {
	if r != nil {
		r.shredded = append(r.shredded, path)
	}
}

// SetPurge records what a purge did: rec's Inputs, Shredded and Purge
// (see retention.Result.Record). A later call replaces an earlier one.
func (r *Record) SetPurge(rec audit.Entry) {
	if r != nil {
		r.purge = &rec
	}
}

// SetChange records the row a run wrote into a contacts or complaints
// file (contact add, complaint add and update).
func (r *Record) SetChange(c audit.Change) {
	if r != nil {
		r.change = &c
	}
}

// Reset starts the next entry afresh, once the run so far is logged.
func (r *Record) Reset() {
	if r != nil {
		r.inputs, r.outputs, r.shredded, r.purge, r.change = nil, nil, nil, nil, nil
	}
}

// Entry builds the log entry of the run so far; ok says whether it
// succeeded. The inputs of a successful run are hashed to their end first,
// so that the recorded hash is the whole file's; a failed run records what
// it read, marked partial.
func (r *Record) Entry(ok bool) *audit.Entry {
	var inv Invocation
	if r.invocation != nil {
		inv = r.invocation()
	}
	e := &audit.Entry{
		Time:     r.opts.Now().Truncate(time.Millisecond),
		User:     User(r.opts.Getenv),
		Staff:    r.staff,
		Command:  inv.Command,
		Args:     inv.Args,
		Shredded: r.shredded,
		Purpose:  r.purpose,
		Reveal:   r.reveal,
		OK:       ok,
	}
	e.Host, _ = os.Hostname()
	for _, in := range r.inputs {
		if ok {
			in.finish()
		}
		e.Inputs = append(e.Inputs, in.record())
	}
	for _, o := range r.outputs {
		e.Outputs = append(e.Outputs, o.Record())
	}
	if r.purge != nil {
		e.Inputs = append(e.Inputs, r.purge.Inputs...)
		e.Shredded = append(e.Shredded, r.purge.Shredded...)
		e.Purge = r.purge.Purge
	}
	e.Change = r.change
	return e
}
