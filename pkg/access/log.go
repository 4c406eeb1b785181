package access

import "github.com/custkit/custkit/pkg/audit"

// OpenLog opens the access log at path for the run, once; a later call,
// or a call on a nil record, does nothing. The error is audit.Open's.
func (r *Record) OpenLog(path string) error {
	if r == nil || r.log != nil {
		return nil
	}
	log, err := audit.Open(path)
	if err != nil {
		return err
	}
	r.log = log
	return nil
}

// LogOpen reports whether OpenLog has opened the log.
func (r *Record) LogOpen() bool { return r != nil && r.log != nil }

// CloseLog closes the log OpenLog opened, if any.
func (r *Record) CloseLog() {
	if r.LogOpen() {
		r.log.Close()
		r.log = nil
	}
}

// Append appends e to the log OpenLog opened, else to the log at the path
// path returns, and then saves the cache of input hashes (only a cache: a
// failure to save it costs a hash next time).
func (r *Record) Append(e *audit.Entry, path func() (string, error)) error {
	var err error
	if r.log != nil {
		err = r.log.Append(e)
	} else {
		var p string
		if p, err = path(); err == nil {
			err = audit.Append(p, e)
		}
	}
	if err != nil {
		return err
	}
	if r.opts.Hashes != nil {
		r.opts.Hashes.Save()
	}
	return nil
}
