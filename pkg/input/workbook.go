package input

import (
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/workbook"
)

// newReader is where a file's content decides how it is read: JSON (an
// array of objects, or one object per line) through pkg/jsonin, by
// --input-format, the file's name or its first bytes (see jsonin.Choose);
// a workbook through pkg/workbook, on the sheet --sheet names for the
// file or its kind; anything else as CSV (see workbook.NewReader).
func (o *Opener) newReader(src *Source, ropts rows.Options, kind string) (*rows.Reader, func() error, string, error) {
	format, err := jsonin.FormatOf(o.opts.InputFormat, kind, isKind)
	if err != nil {
		return nil, nil, "", err
	}
	r, isJSON := jsonin.Choose(src.Reader, src.Name, format)
	if isJSON {
		rr, err := jsonin.NewReader(r, ropts)
		return rr, nil, "", err
	}
	return workbook.NewReader(r, ropts, SheetOf(o.opts.Sheet, kind, src.Name))
}

// SheetOf reads --sheet for the file path of the kind called kind: "顧客"
// or "2" names the sheet of every workbook, "customers=顧客" that of a
// kind's workbooks and "名簿.xlsx=顧客" that of one file (by its path as
// given or its base name); a file's own part wins over its kind's, and
// that over a plain one. "" picks the sheet whose header maps the kind's
// fields.
func SheetOf(spec, kind, path string) string {
	var plain, ofKind, ofFile string
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		k, name, named := strings.Cut(part, "=")
		k, name = strings.TrimSpace(k), strings.TrimSpace(name)
		switch {
		case part == "":
		case named && (k == path || k == filepath.Base(path)):
			ofFile = name
		case named && isKind(k):
			if k == kind {
				ofKind = name
			}
		case named && strings.ContainsAny(k, "./") || named && strings.HasSuffix(strings.ToLower(k), ".xlsx"):
			// another file's sheet
		default:
			plain = part
		}
	}
	switch {
	case ofFile != "":
		return ofFile
	case ofKind != "":
		return ofKind
	}
	return plain
}

func isKind(name string) bool {
	_, ok := schema.KindByName(name)
	return ok
}
