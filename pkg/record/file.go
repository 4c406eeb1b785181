package record

import (
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// File is one input file as an operation reads it: its records, from the
// embedded rows.Reader (whose Name names the file in errors), and its
// header bound to the fields of its kind. Operations take their input
// files as Files, so that every entry point has the shape
// (ctx, input, options).
type File struct {
	*rows.Reader
	Binding *schema.Binding
}

// Decoder returns a decoder of the file's typed fields.
func (f File) Decoder() *Decoder { return NewDecoder(f.Name(), f.Binding) }
