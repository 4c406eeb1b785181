package manifest

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/sink"
)

// ListOptions select the entries of a listing and its columns.
type ListOptions struct {
	// Shop is the run's shop; AllShops lists every shop's, with a shop
	// column.
	Shop     string
	AllShops bool
	// Expired lists only the entries expired at At; the expired column
	// says so as of At.
	Expired bool
	At      time.Time
	// Full lists every field (see Header).
	Full bool
}

// List writes the header and one row per selected entry, with its state
// on disk now (see Check), to w.
func List(ctx context.Context, entries []Entry, w sink.Rows, opts ListOptions) error {
	if err := w.WriteHeader(Header(opts.Full, opts.AllShops)); err != nil {
		return err
	}
	if !opts.AllShops {
		entries = ForShop(entries, opts.Shop)
	}
	if opts.Expired {
		entries = Expired(entries, opts.At)
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		state, err := Check(e)
		if err != nil {
			return err
		}
		if err := w.Write(Row(e, state, opts.At, opts.Full, opts.AllShops)); err != nil {
			return err
		}
	}
	return nil
}

// Header is the header of a listing of entries (see Row): the essentials,
// every field with full, and the shop with shops.
func Header(full, shops bool) []string {
	h := []string{"path", "state", "expires", "expired", "rows", "purpose"}
	if full {
		h = append(h, "created", "columns", "sha256")
	}
	if shops {
		h = append(h, "shop")
	}
	return h
}

// Row lists e, found in state, as expired or not at t, with the columns
// of Header(full, shops).
func Row(e Entry, state State, t time.Time, full, shops bool) []string {
	row := []string{e.Path, string(state), e.Expires.Format(time.RFC3339), english.YesNo(e.Expired(t)), strconv.FormatInt(e.Rows, 10), e.Purpose}
	if full {
		row = append(row, e.Created.Format(time.RFC3339), strings.Join(e.Columns, " "), e.SHA256)
	}
	if shops {
		row = append(row, e.Shop)
	}
	return row
}

// ShopName is a shop as a message names it.
func ShopName(shop string) string {
	if shop == "" {
		return "made without a config file"
	}
	return "config " + shop
}
