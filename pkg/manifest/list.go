package manifest

import (
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/english"
)

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
