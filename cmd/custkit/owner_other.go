//go:build !unix

package main

import "io/fs"

// ownedByUser: where files have no owner id to compare, the file's access
// control decides.
func ownedByUser(fs.FileInfo) bool { return true }
