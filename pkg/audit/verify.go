package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// LineError is a problem with one line of the log.
type LineError struct {
	Line int // 1-based
	Err  error
	// Detail says more about a broken chain: which entry follows which.
	Detail string
}

func (e *LineError) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("line %d: %v: %s", e.Line, e.Err, e.Detail)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns one of the Err* problems.
func (e *LineError) Unwrap() error { return e.Err }

// Report is the result of Verify.
type Report struct {
	Entries int    // intact entries before the first problem
	Head    string // hash of the last intact entry
	HeadSeq int64  // its sequence number
	// Torn are the lines an interrupted write cut off (a full disk, a
	// crash), 1-based. They are not entries and the chain skips them: the
	// entry after one links to the last intact entry before it, so that a
	// torn line costs that one entry and not the rest of the log.
	Torn []int
}

// Verify reads a whole log and checks every line's hash and its link to the
// intact entry before it. A line cut off by an interrupted write
// ([ErrCutOff]) is listed in Report.Torn and verified past; any other
// problem is returned as a *LineError, with the report of what was intact
// up to it. An I/O error is returned as is.
func Verify(r io.Reader) (Report, error) {
	var rep Report
	err := Read(r, func(line int, e Entry, lerr error) error {
		if errors.Is(lerr, ErrCutOff) {
			rep.Torn = append(rep.Torn, line)
			return nil
		}
		if lerr != nil {
			return lerr
		}
		if err := link(line, rep, e); err != nil {
			return err
		}
		rep.Entries++
		rep.Head, rep.HeadSeq = e.Hash, e.Seq
		return nil
	})
	return rep, err
}

// link checks that e follows the entry the report ends with.
func link(line int, rep Report, e Entry) error {
	wantSeq := rep.HeadSeq + 1
	switch {
	case e.Prev == rep.Head && e.Seq == wantSeq:
		return nil
	case e.Seq != wantSeq && rep.Entries == 0:
		return &LineError{Line: line, Err: ErrBadChain, Detail: fmt.Sprintf("the log starts with entry %d: entries before it were removed", e.Seq)}
	case e.Seq != wantSeq:
		return &LineError{Line: line, Err: ErrBadChain, Detail: fmt.Sprintf("entry %d follows entry %d: entries were removed, inserted or reordered", e.Seq, rep.HeadSeq)}
	}
	return &LineError{Line: line, Err: ErrBadChain, Detail: fmt.Sprintf("entry %d does not link to the entry before it: that entry was replaced", e.Seq)}
}

// Read calls fn for each line of a log with its entry, or with a
// *LineError when the line is not an intact entry (fn decides whether to go
// on). Only a line's own hash is checked here; Verify checks the chain.
// Reading stops at the first error fn returns.
func Read(r io.Reader, fn func(line int, e Entry, err error) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) == 0 && err == io.EOF {
			return nil
		}
		if err != nil && err != io.EOF {
			return err
		}
		body := bytes.TrimSuffix(line, []byte{'\n'})
		e, derr := decode(body)
		if derr != nil && torn(body, derr, err == io.EOF) {
			// The last line without its newline, an entry whose end is
			// missing, or zeros: an interrupted write.
			derr = ErrCutOff
		}
		var lerr error
		if derr != nil {
			lerr = &LineError{Line: n, Err: derr}
		}
		if ferr := fn(n, e, lerr); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}
