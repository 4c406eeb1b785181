package manifest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/shred"
	"github.com/custkit/custkit/pkg/usererr"
)

// Selection says which tracked exports to shred: the files named, or
// else those expired (or all of them with All), of the shop or of every
// shop with AllShops.
type Selection struct {
	// Paths are files named as the user gave them; each must be tracked.
	Paths []string
	// Expired and All choose without names.
	Expired, All bool
	// Shop is the run's shop; AllShops reaches the exports of every shop.
	Shop     string
	AllShops bool
	// At is the --as-of instant; an export is expired when it is so both
	// at At and at Now (see ShredTime).
	At, Now time.Time
}

// Check refuses a selection that says nothing, or more than one thing, as
// a usage error.
func (s Selection) Check() error {
	n := len(s.Paths)
	if s.Expired {
		n++
	}
	if s.All {
		n++
	}
	switch {
	case n == 0:
		return usererr.Usagef("say what to shred: --expired, --all or the files")
	case s.Expired && s.All, (s.Expired || s.All) && len(s.Paths) > 0:
		return usererr.Usagef("give one of --expired, --all or the files")
	}
	return nil
}

// Choose selects the entries to shred. A named file that is not tracked
// is an error, so that a typo never passes for success, and so is one of
// another shop without AllShops.
func Choose(entries []Entry, s Selection) ([]Entry, error) {
	if len(s.Paths) == 0 {
		if !s.AllShops {
			entries = ForShop(entries, s.Shop)
		}
		if !s.All {
			entries = Expired(entries, ShredTime(s.At, s.Now))
		}
		return slices.Clone(entries), nil
	}
	var out []Entry
	for _, p := range s.Paths {
		e, ok := Lookup(entries, access.AbsPath(p))
		if !ok {
			return nil, usererr.WithHint(fmt.Errorf("%s is not a tracked export", p), "see custkit exports list; custkit shred destroys any file")
		}
		if e.Shop != s.Shop && !s.AllShops {
			return nil, usererr.WithHint(fmt.Errorf("%s is an export of another shop (%s); nothing was shredded", p, ShopName(e.Shop)),
				"run it with that shop's --config, or add --all-shops")
		}
		out = append(out, e)
	}
	return out, nil
}

// ShredOptions configure Shred.
type ShredOptions struct {
	Selection
	// DryRun prints what would be shredded and changes nothing.
	DryRun bool
	// Shred destroys files, telling their outcome (see shred.Run).
	Shred func(ctx context.Context, files []string) shred.FilesResult
	// Out is told what is shredded and what was already gone; Note is
	// given the lines for standard error about an export left alone
	// (ShredNote, as the shred command says them) or shredded although
	// it changed.
	Out             io.Writer
	Note, ShredNote func(line string)
}

// Shred destroys the selected exports of the manifest at path and removes
// them from it, under its lock: those shredded and those already gone. A
// file that changed since it was written is destroyed all the same; what
// is not a regular file is refused from a look at its path, and stays in
// the manifest. It fails when any could not be shredded.
func Shred(ctx context.Context, path string, opts ShredOptions) error {
	if opts.DryRun {
		entries, err := Read(path)
		if err != nil {
			return err
		}
		chosen, err := Choose(entries, opts.Selection)
		if err != nil {
			return err
		}
		for _, e := range chosen {
			fmt.Fprintf(opts.Out, "would shred %s (expires %s)\n", e.Path, e.Expires.Format(time.RFC3339))
		}
		return nil
	}
	var failed, total int
	err := Update(path, func(entries []Entry) ([]Entry, error) {
		chosen, err := Choose(entries, opts.Selection)
		if err != nil {
			return nil, err
		}
		total = len(chosen)
		var gone []string
		gone, failed = opts.shredEntries(ctx, chosen)
		return RemoveAll(entries, gone), nil
	})
	if err != nil {
		return err
	}
	return shred.Failed(failed, total, "export")
}

// shredEntries shreds the files of entries that still exist; it returns
// the paths that are gone now (shredded or already missing) and the
// number that could not be shredded.
func (opts ShredOptions) shredEntries(ctx context.Context, entries []Entry) ([]string, int) {
	var gone, files []string
	refused := 0
	for _, e := range entries {
		state, err := Check(e)
		switch {
		case err != nil:
			files = append(files, e.Path) // let shred report it
		case state == NotRegular:
			opts.ShredNote(e.Path + " is not a regular file (a pipe, device, directory or symbolic link is there now); not shredded")
			refused++
		case state == Missing:
			fmt.Fprintf(opts.Out, "already gone %s\n", e.Path)
			gone = append(gone, e.Path)
		case state == Changed:
			opts.Note(e.Path + " changed since custkit wrote it; shredding it all the same")
			files = append(files, e.Path)
		default:
			files = append(files, e.Path)
		}
	}
	res := opts.Shred(ctx, files)
	return append(gone, res.Done...), res.Failed + refused
}
