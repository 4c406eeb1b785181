package input

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// EncodingOf reads --encoding for a file of the kind called kind, as
// HeaderRowOf reads --header-row: "shift_jis" is the encoding of every
// input, "customers=shift_jis,sales=utf-8" names it per kind of file, and
// a later part overrides an earlier one ("shift_jis,sales=utf-8": sales in
// UTF-8, the rest in CP932). "" or "auto" detects it. kind "" is a file of
// any kind (redact's), which only a plain name applies to.
func EncodingOf(spec, kind string) (charset.Encoding, error) {
	var enc charset.Encoding
	for _, part := range strings.Split(spec, ",") {
		k, name, named := strings.Cut(strings.TrimSpace(part), "=")
		if !named {
			k, name = "", k
		} else if _, ok := schema.KindByName(strings.TrimSpace(k)); !ok {
			return "", usererr.Usagef("--encoding: %q is not a kind of file; use customers, sales, contacts or complaints (customers=shift_jis)", k)
		}
		e, err := charset.Parse(name)
		if err != nil {
			return "", usererr.Usage(fmt.Errorf("--encoding: %v", err))
		}
		if k = strings.TrimSpace(k); k == "" || k == kind {
			enc = e
		}
	}
	return enc, nil
}

// HeaderRowOf reads --header-row for a file of the kind called kind: "3"
// is line 3 of every input, "customers=3,sales=1" names the line per kind
// of file; 0 (the default) finds the header. kind "" is a file of any
// kind (redact's), which only a plain number applies to.
func HeaderRowOf(spec, kind string) (int, error) {
	if spec == "" {
		return 0, nil
	}
	row := 0
	for _, part := range strings.Split(spec, ",") {
		k, n, named := strings.Cut(strings.TrimSpace(part), "=")
		if !named {
			k, n = "", k
		} else if _, ok := schema.KindByName(k); !ok {
			return 0, usererr.Usagef("--header-row: %q is not a kind of file; use customers, sales, contacts or complaints (customers=3)", k)
		}
		line, err := strconv.Atoi(n)
		if err != nil || line < 1 {
			return 0, usererr.Usagef("--header-row: %q is not a line number; give the header's line, 1 or more, as N or kind=N (customers=3)", n)
		}
		if k == "" || k == kind {
			row = line
		}
	}
	return row, nil
}
