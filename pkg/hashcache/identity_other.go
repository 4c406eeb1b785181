//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package hashcache

import "io/fs"

func identityOf(fs.FileInfo) (Identity, error) { return Identity{}, ErrNoIdentity }
