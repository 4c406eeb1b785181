package main

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/schema"
)

// track records the -o file in the export manifest (nothing when the run
// was not started by the root command, as in unit tests of a runX).
func (t *target) track() error {
	a := t.g.access
	if a == nil {
		return nil
	}
	path, err := t.g.manifestPath(t.s)
	if err != nil {
		return err
	}
	now := a.Now()
	e := manifest.Entry{
		Path:    access.AbsPath(t.dest),
		SHA256:  hex.EncodeToString(t.sum.Sum(nil)),
		Rows:    t.rows.Load(),
		Columns: manifest.Columns(t.header),
		Purpose: t.flags.purpose,
		Created: now.Truncate(time.Second),
		Expires: t.expires.After(now).Truncate(time.Second),
		Shop:    t.g.shop(),
	}
	if err := manifest.Add(path, e); err != nil {
		return fmt.Errorf("export manifest: %w", err)
	}
	return nil
}

// forget removes the manifest's entry for the -o path, written again with
// no personal data (nothing when there is no manifest, or no entry).
func (t *target) forget() error {
	if t.g.access == nil {
		return nil
	}
	path, err := t.g.manifestPath(t.s)
	if err != nil {
		return nil // no place for a manifest: it has no entries
	}
	if err := manifest.Forget(path, access.AbsPath(t.dest)); err != nil {
		return withHint(fmt.Errorf("export manifest: %s now holds no personal data, but its old entry could not be removed: %w", t.flags.path, err),
			"make the manifest writable and run again; until then the file is shredded when the old entry expires")
	}
	return nil
}

// Record is the output as the access log describes it.
func (t *target) Record() audit.Output {
	path := "-"
	if t.flags.toFile() {
		path = access.AbsPath(t.dest)
	}
	return audit.Output{Path: path, Format: string(t.format), Rows: t.rows.Load(), Columns: t.header}
}

// holds tells the target that its output holds values of cols (a command
// such as history writes several tables), so that an -o file with personal
// data in any of them gets mode 0600 and is tracked, and the records list
// every column.
func (t *target) holds(cols []string) {
	if t.inHeader == nil {
		t.inHeader = make(map[string]bool, len(cols))
	}
	for _, c := range cols {
		if !t.inHeader[c] {
			t.inHeader[c] = true
			t.header = append(t.header, c)
		}
	}
	t.personal = t.personal || schema.AnyPersonal(schema.PersonalColumns(cols, t.g.cfg.aliases, t.g.cfg.Privacy.PersonalColumns))
}
