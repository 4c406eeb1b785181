package outfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/custkit/custkit/pkg/usererr"
)

// destination decides what the output does with its path. A new path or a
// regular file is replaced atomically; through a symlink, the file it
// names is replaced and the link stays. A FIFO or a character device
// (/dev/null, /dev/stdout, a terminal), named or linked, is written into
// as it is: it comes back as device, and is never replaced, truncated or
// chmod-ed. Anything else (a directory, a socket, a block device) is
// refused before anything is written.
func (t *Target) destination() (dest string, device os.FileInfo, err error) {
	flag, path := t.opts.Flag, t.opts.Path
	st, err := os.Stat(path)
	if err != nil {
		// A new path, or one that atomicfile.Create explains.
		return path, nil, nil
	}
	m := st.Mode()
	switch {
	case m.IsDir():
		// Found only at the final rename, after the run, and after the
		// export manifest had recorded a file there.
		return "", nil, usererr.Usagef("%s is a directory; give %s a file name", path, flag)
	case m&os.ModeNamedPipe != 0 || m&os.ModeCharDevice != 0:
		return path, st, nil
	case m&os.ModeSocket != 0:
		return "", nil, usererr.Usagef("%s %s is a socket, which custkit cannot write to; give a file, a FIFO or - (standard output)", flag, path)
	case !m.IsRegular():
		return "", nil, usererr.Usagef("%s %s is not a regular file (%s); custkit writes only to files, FIFOs and character devices such as /dev/null", flag, path, fileKind(m))
	}
	if lst, err := os.Lstat(path); err != nil || lst.Mode()&os.ModeSymlink == 0 {
		return path, nil, nil
	}
	// Renaming over the link would replace the link (/dev/stdout when
	// standard output is a file), so the file it names is replaced.
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		var rst os.FileInfo
		if rst, err = os.Stat(real); err == nil && !os.SameFile(st, rst) {
			err = fmt.Errorf("it resolves to %s, which is another file", real)
		}
	}
	if err != nil {
		return "", nil, usererr.Usagef("%s %s is a link that cannot be followed to the file it names (%v); give the file's own path", flag, path, errCause(err))
	}
	return real, nil, nil
}

// fileKind names a kind of file that is neither regular nor a directory.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeDevice != 0:
		return "a block device"
	case m&os.ModeSymlink != 0:
		return "a symlink"
	}
	return "of type " + m.Type().String()
}

// refuseInput stops the output from naming one of the command's inputs:
// by its path, through a symlink or a hard link, or as the file standard
// input was redirected from when an input is "-" (custkit mailing -o
// customers.csv < customers.csv).
func (t *Target) refuseInput() error {
	flag, out := t.opts.Flag, t.opts.Path
	for _, in := range t.opts.Inputs {
		if in == "-" && isStdin(t.opts.Stdin, out) {
			return usererr.Usagef("%s %s is also an input: standard input is read from it; write to another file", flag, out)
		}
		if in != "" && in != "-" && SameFile(in, out) {
			return usererr.Usagef("%s %s is also an input; write to another file", flag, out)
		}
	}
	return nil
}

// isStdin reports whether path is the file standard input, in, reads from.
func isStdin(in io.Reader, path string) bool {
	f, ok := in.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	ist, err := f.Stat()
	if err != nil {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && os.SameFile(ist, st)
}

// SameFile reports whether two paths name one file: the same absolute
// path, or (through links) the same existing file.
func SameFile(a, b string) bool {
	if aa, err := filepath.Abs(a); err == nil {
		if ab, err := filepath.Abs(b); err == nil && aa == ab {
			return true
		}
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// pathError says why the output's path cannot be written, naming the path
// as the user gave it.
func (t *Target) pathError(err error) error {
	flag, path := t.opts.Flag, t.opts.Path
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		return usererr.WithHint(fmt.Errorf("%s %s: the directory %s does not exist", flag, path, dir), "create it first, or give %s a path in an existing directory", flag)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s %s: permission denied: you may not write there", flag, path)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s %s: the file system is read-only", flag, path)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s %s: a part of the path before the file name is not a directory", flag, path)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%s %s: no space left on the disk", flag, path)
	}
	return fmt.Errorf("%s %s: %v", flag, path, errCause(err))
}

// errCause is err without the operation and path an *os.PathError adds.
func errCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
