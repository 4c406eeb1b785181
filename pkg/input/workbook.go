package input

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/jsonin"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/workbook"
)

// newReader reads the file src through NewReader, with --input-format
// and --sheet as they apply to the file and its kind.
func (o *Opener) newReader(src *Source, ropts rows.Options, kind string) (*rows.Reader, Contents, error) {
	format, err := FormatOf(o.opts.InputFormat, kind)
	if err != nil {
		return nil, Contents{}, err
	}
	sheet := Sheet{Name: SheetOf(o.opts.Sheet, kind, src.Name)}
	if k, ok := schema.KindByName(kind); ok {
		sheet.Kind, sheet.Aliases = &k, o.opts.Aliases[kind]
	}
	return NewReader(src.Reader, ropts, format, sheet)
}

// Sheet says which sheet of a workbook NewReader reads: the one Name
// names (--sheet, see SheetOf), else the one whose header fits Kind best
// (schema.Kind.Fit: a sales file's sheet must name its dates, and the
// customers' sheet, which names the customer id too, is not read as the
// sales); a workbook of several sheets none of which fits is an error
// that lists them. Without a Kind (a file of any kind), the first sheet
// whose header rows.Options.IsHeader accepts.
type Sheet struct {
	Name    string
	Kind    *schema.Kind
	Aliases schema.Aliases
}

// choice is s as pkg/workbook takes it.
func (s Sheet) choice() workbook.Choice {
	c := workbook.Choice{Sheet: s.Name}
	if k := s.Kind; k != nil {
		c.Fit = func(h []string) int { return k.Fit(h, s.Aliases) }
		c.Wants = k.Wants()
	}
	return c
}

// Contents says how NewReader read a file.
type Contents struct {
	// Sheet is the sheet read when the file is a workbook, else "".
	Sheet string
	// JSON is the layout of a JSON file, else "".
	JSON jsonin.Layout
	// Close closes what reading the file opened besides its bytes (a
	// workbook); nil when there is nothing.
	Close func() error
}

// NewReader is where a file's content decides how it is read, for every
// command (check too): src, the bytes of the file ropts names, is read as
// JSON (an array of objects, or one object per line) through pkg/jsonin
// when format says so or, with jsonin.Auto, by the file's name or first
// bytes (see jsonin.Choose); as a workbook through pkg/workbook, on the
// sheet that sheet picks (see Sheet); and anything else as CSV (see
// workbook.NewReader).
func NewReader(src io.Reader, ropts rows.Options, format jsonin.Format, sheet Sheet) (*rows.Reader, Contents, error) {
	r, isJSON := jsonin.Choose(src, ropts.Name, format)
	if isJSON {
		rr, layout, err := jsonin.NewReader(r, ropts)
		return rr, Contents{JSON: layout}, err
	}
	rr, closeBook, name, err := workbook.NewReader(r, ropts, sheet.choice())
	return rr, Contents{Sheet: name, Close: closeBook}, err
}

// FormatOf reads --input-format for a file of the kind called kind (see
// jsonin.FormatOf).
func FormatOf(spec, kind string) (jsonin.Format, error) {
	return jsonin.FormatOf(spec, kind, isKind)
}

// SheetOf reads --sheet for the file path of the kind called kind: "顧客"
// or "2" names the sheet of every workbook, "customers=顧客" that of a
// kind's workbooks and "名簿.xlsx=顧客" that of one file (by its path as
// given or its base name); a file's own part wins over its kind's, and
// that over a plain one. "" picks the sheet whose header fits the kind
// (see Sheet).
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
