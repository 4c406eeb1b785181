package main

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// encodingOf reads --encoding for a file of the kind called kind, as
// headerRowOf reads --header-row: "shift_jis" is the encoding of every
// input, "customers=shift_jis,sales=utf-8" names it per kind of file, and
// a later part overrides an earlier one ("shift_jis,sales=utf-8": sales in
// UTF-8, the rest in CP932). "" or "auto" detects it. kind "" is a file of
// any kind (redact's), which only a plain name applies to.
func encodingOf(spec, kind string) (charset.Encoding, error) {
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
