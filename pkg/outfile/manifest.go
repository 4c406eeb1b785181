package outfile

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/usererr"
)

// Manifest is the export manifest a file output with personal data is
// recorded in.
type Manifest struct {
	// Path is the manifest's path, asked for when a file is committed.
	Path func() (string, error)
	// Shop names the shop the run works for (see manifest.Entry).
	Shop string
	// Now is the clock of the entry's times.
	Now func() time.Time
}

// track records the file in the export manifest (nothing without one).
func (t *Target) track() error {
	m := t.opts.Manifest
	if m == nil {
		return nil
	}
	path, err := m.Path()
	if err != nil {
		return err
	}
	now := m.Now()
	e := manifest.Entry{
		Path:    access.AbsPath(t.dest),
		SHA256:  hex.EncodeToString(t.sum.Sum(nil)),
		Rows:    t.rows.Load(),
		Columns: manifest.Columns(t.header),
		Purpose: t.opts.Purpose,
		Created: now.Truncate(time.Second),
		Expires: t.expires.After(now).Truncate(time.Second),
		Shop:    m.Shop,
	}
	if err := manifest.Add(path, e); err != nil {
		return fmt.Errorf("export manifest: %w", err)
	}
	return nil
}

// forget removes the manifest's entry for the path, written again with no
// personal data (nothing when there is no manifest, or no entry).
func (t *Target) forget() error {
	m := t.opts.Manifest
	if m == nil {
		return nil
	}
	path, err := m.Path()
	if err != nil {
		return nil // no place for a manifest: it has no entries
	}
	if err := manifest.Forget(path, access.AbsPath(t.dest)); err != nil {
		return usererr.WithHint(fmt.Errorf("export manifest: %s now holds no personal data, but its old entry could not be removed: %w", t.opts.Path, err),
			"make the manifest writable and run again; until then the file is shredded when the old entry expires")
	}
	return nil
}
