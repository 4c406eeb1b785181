package hugepage

import "golang.org/x/sys/unix"

// advise asks Linux to back b, whole huge pages, with huge pages. It is
// advice: an error (an old kernel, huge pages turned off) changes nothing.
func advise(b []byte) { _ = unix.Madvise(b, unix.MADV_HUGEPAGE) }
