package shred

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// magic names the file systems by their statfs magic numbers; ext2, ext3
// and ext4 share one, which the mount table then tells apart.
var magic = map[int64]string{
	unix.EXT4_SUPER_MAGIC:      "ext4",
	unix.BTRFS_SUPER_MAGIC:     "btrfs",
	unix.XFS_SUPER_MAGIC:       "xfs",
	0x2fc12fc1:                 "zfs",
	unix.BCACHEFS_SUPER_MAGIC:  "bcachefs",
	unix.F2FS_SUPER_MAGIC:      "f2fs",
	unix.NILFS_SUPER_MAGIC:     "nilfs2",
	unix.TMPFS_MAGIC:           "tmpfs",
	unix.RAMFS_MAGIC:           "ramfs",
	unix.NFS_SUPER_MAGIC:       "nfs",
	unix.CIFS_SUPER_MAGIC:      "cifs",
	unix.SMB2_SUPER_MAGIC:      "smb3",
	unix.SMB_SUPER_MAGIC:       "smbfs",
	unix.V9FS_MAGIC:            "9p",
	unix.FUSE_SUPER_MAGIC:      "fuse",
	unix.OVERLAYFS_SUPER_MAGIC: "overlay",
	unix.MSDOS_SUPER_MAGIC:     "vfat",
	unix.EXFAT_SUPER_MAGIC:     "exfat",
	unix.ECRYPTFS_SUPER_MAGIC:  "ecryptfs",
}

// Inspect finds the file system of path (statfs), its mount options and
// source (/proc/self/mountinfo) and whether the disk under it is
// solid-state (/sys/block/<disk>/queue/rotational). What it cannot find
// stays unknown; it never fails.
func Inspect(path string) Medium {
	var m Medium
	var sfs unix.Statfs_t
	if err := unix.Statfs(path, &sfs); err == nil {
		m.FS = magic[int64(sfs.Type)]
	}
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return m
	}
	major, minor := unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev))
	mnt, ok := findMount(major, minor)
	if ok {
		if m.FS == "" || m.FS == "ext4" || m.FS == "fuse" {
			m.FS = mnt.fsType
		}
		m.DataJournal = mnt.option("data=journal")
	}
	m.Disk, m.Rotation = rotation(fmt.Sprintf("/sys/dev/block/%d:%d", major, minor))
	if m.Rotation == RotationUnknown && ok && strings.HasPrefix(mnt.source, "/dev/") {
		if real, err := filepath.EvalSymlinks(mnt.source); err == nil {
			m.Disk, m.Rotation = rotation("/sys/class/block/" + filepath.Base(real))
		}
	}
	return m
}

type mount struct {
	fsType, source string
	options        []string // mount and super options together
}

func (m mount) option(o string) bool {
	for _, x := range m.options {
		if x == o {
			return true
		}
	}
	return false
}

// findMount finds the mount of device major:minor in /proc/self/mountinfo:
// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue".
func findMount(major, minor uint32) (mount, bool) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return mount{}, false
	}
	defer f.Close()
	want := fmt.Sprintf("%d:%d", major, minor)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		fields, rest := strings.Fields(pre), strings.Fields(post)
		if !ok || len(fields) < 6 || len(rest) < 3 || fields[2] != want {
			continue
		}
		opts := append(strings.Split(fields[5], ","), strings.Split(rest[2], ",")...)
		return mount{fsType: rest[0], source: rest[1], options: opts}, true
	}
	return mount{}, false
}

// rotation reads queue/rotational of the block device at sysPath, or of
// the disk it is a partition of.
func rotation(sysPath string) (string, Rotation) {
	real, err := filepath.EvalSymlinks(sysPath)
	if err != nil {
		return "", RotationUnknown
	}
	for _, dir := range []string{real, filepath.Dir(real)} {
		b, err := os.ReadFile(filepath.Join(dir, "queue", "rotational"))
		if err != nil {
			continue
		}
		switch strings.TrimSpace(string(b)) {
		case "0":
			return filepath.Base(dir), SolidState
		case "1":
			return filepath.Base(dir), Spinning
		}
	}
	return "", RotationUnknown
}
