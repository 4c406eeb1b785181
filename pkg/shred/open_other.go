//go:build !unix

package shred

const openFlags = 0
