package shred

import "fmt"

// Medium is what custkit could find out about where a file is stored.
type Medium struct {
	// FS is the file system type as Linux names it (ext4, btrfs, xfs, zfs,
	// nfs, tmpfs, overlay, fuse.sshfs...); "" when unknown.
	FS string
	// DataJournal is set for ext3/ext4 mounted with data=journal, which
	// writes file contents to the journal before their place.
	DataJournal bool
	// Disk is the block device the file system is on ("nvme0n1"); "" when
	// unknown or when there is none (tmpfs, network).
	Disk string
	// Rotation says whether that disk is solid-state.
	Rotation Rotation
}

// Rotation is what /sys/block/<disk>/queue/rotational says about a disk.
type Rotation int

// Rotation values.
const (
	RotationUnknown Rotation = iota
	Spinning                 // a hard disk: overwriting in place reaches the old bytes
	SolidState               // an SSD or flash: wear levelling keeps old copies
)

// What kind of storage each file system is, for its caveat.
var (
	copyOnWrite = map[string]bool{"btrfs": true, "zfs": true, "bcachefs": true, "nilfs2": true, "f2fs": true}
	remote      = map[string]bool{"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "smbfs": true, "9p": true, "fuse": true, "ceph": true, "glusterfs": true}
	inMemory    = map[string]bool{"tmpfs": true, "ramfs": true}
)

// Caveats says, one sentence each, what shredding a file on m cannot
// guarantee. The last sentence, about backups, always applies.
func (m Medium) Caveats() []string {
	var out []string
	fsName := m.FS
	if fsName == "" {
		fsName = "unknown"
	}
	base := fsBase(m.FS)
	switch {
	case m.FS == "":
		out = append(out, "the file system could not be identified: if it is copy-on-write, journaled or on a network, old copies of the data may survive")
	case copyOnWrite[base]:
		out = append(out, fmt.Sprintf("%s is copy-on-write (or log-structured): the overwrite went to new blocks, and the old contents stay on disk until the space is reused, and in every snapshot", fsName))
	case m.DataJournal:
		out = append(out, fmt.Sprintf("%s is mounted with data=journal: copies of the contents may remain in the journal", fsName))
	case remote[base]:
		out = append(out, fmt.Sprintf("%s is a network or FUSE file system: the server decides what happens to the old blocks, and copies may remain there and in its snapshots and backups", fsName))
	case inMemory[base]:
		out = append(out, fmt.Sprintf("%s keeps files in memory: the contents are gone at the next reboot, but may have been written to swap", fsName))
	case base == "overlay":
		out = append(out, "overlayfs: if the file came from a lower layer (a container image), that copy is untouched")
	}
	if !inMemory[base] && !remote[base] {
		switch m.Rotation {
		case SolidState:
			out = append(out, "the disk is solid-state: wear levelling keeps old copies of blocks that no file system can reach; only full-disk encryption (or the drive's own secure erase) protects them")
		case RotationUnknown:
			out = append(out, "could not tell whether the disk is solid-state: if it is, wear levelling may keep old copies of the blocks")
		}
	}
	return append(out, "backups, snapshots and copies made elsewhere before now are not touched")
}

// fsBase folds subtypes: "fuse.sshfs" is a fuse file system.
func fsBase(fs string) string {
	for i := 0; i < len(fs); i++ {
		if fs[i] == '.' {
			return fs[:i]
		}
	}
	return fs
}
