package jsonin

import (
	"bufio"
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/usererr"
)

// Format is --input-format: how a file is read.
type Format string

// The input formats.
const (
	// Auto reads a file as JSON by its name or content (see [Choose]).
	Auto Format = ""
	// CSV reads a file as anything but JSON: CSV, TSV, or a workbook by
	// its content.
	CSV Format = "csv"
	// JSON reads a file as JSON: an array of objects, or one object per
	// line. JSONL is the same; both names are the --format ones.
	JSON  Format = "json"
	JSONL Format = "jsonl"
)

// Names are --input-format's values.
var Names = []string{"auto", "csv", "json", "jsonl"}

// FormatOf reads --input-format for a file of the kind called kind, as
// --encoding is read: "jsonl" is the format of every input,
// "sales=jsonl,customers=csv" names it per kind of file, and a later part
// overrides an earlier one. "" or "auto" decides by name and content.
// kind "" is a file of any kind (redact's), which only a plain name
// applies to. isKind tells a kind's name.
func FormatOf(spec, kind string, isKind func(string) bool) (Format, error) {
	f := Auto
	if spec == "" {
		return f, nil
	}
	for _, part := range strings.Split(spec, ",") {
		k, name, named := strings.Cut(strings.TrimSpace(part), "=")
		if !named {
			k, name = "", k
		} else if k = strings.TrimSpace(k); !isKind(k) {
			return "", usererr.Usagef("--input-format: %q is not a kind of file; use customers, sales, contacts or complaints (sales=jsonl)", k)
		}
		var v Format
		switch name = strings.ToLower(strings.TrimSpace(name)); name {
		case "auto", "":
			v = Auto
		case "csv", "json", "jsonl":
			v = Format(name)
		case "ndjson":
			v = JSONL
		default:
			return "", usererr.Usagef("--input-format: %q is not an input format; use auto, csv, json or jsonl", name)
		}
		if k == "" || k == kind {
			f = v
		}
	}
	return f, nil
}

// peekSize is how much of a file Choose looks at.
const peekSize = 512

// Choose says whether the file name, whose bytes src reads, is read as
// JSON: by f, else by its name, else by its first bytes (see the package
// doc). It returns a reader of the same bytes, for the reader chosen.
func Choose(src io.Reader, name string, f Format) (io.Reader, bool) {
	switch f {
	case CSV:
		return src, false
	case JSON, JSONL:
		return src, true
	}
	if ByName(name) {
		return src, true
	}
	br := bufio.NewReaderSize(src, peekSize)
	head, _ := br.Peek(peekSize)
	return br, Looks(head)
}

// ByName reports whether a file's name says it is JSON: .json, .jsonl or
// .ndjson, also followed by .age.
func ByName(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".age")
	switch filepath.Ext(name) {
	case ".json", ".jsonl", ".ndjson":
		return true
	}
	return false
}

// Looks reports whether head, a file's first bytes, is the start of a
// JSON array of objects or of an object: after a UTF-8 BOM and spaces, [
// followed by { or ], or { followed by " or }.
func Looks(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return false
	}
	open := head[0]
	rest := bytes.TrimLeft(head[1:], " \t\r\n")
	if len(rest) == 0 {
		return false
	}
	switch open {
	case '[':
		return rest[0] == '{' || rest[0] == ']'
	case '{':
		return rest[0] == '"' || rest[0] == '}'
	}
	return false
}

// Layout is how a JSON text holds its objects.
type Layout string

// The layouts, named as the --format that writes them.
const (
	// Array is an array of objects, as --format json writes.
	Array Layout = "json"
	// Lines is one object per line, as --format jsonl writes (also a
	// text of one object).
	Lines Layout = "jsonl"
)

// Describe names the layout for people, where a CSV file's encoding and
// delimiter are named: "json array", "json lines".
func (l Layout) Describe() string {
	if l == Array {
		return "json array"
	}
	return "json lines"
}

// NewReader reads src, a JSON text, as custkit reads a CSV file: the
// first object's keys are the header (see the package doc). ropts names
// the file and its encoding ("" detects it; JSON is UTF-8 unless custkit
// wrote it with --output-encoding); its header options do not apply, the
// header being the keys. It returns the text's layout, known once the
// header is read.
func NewReader(src io.Reader, ropts rows.Options) (*rows.Reader, Layout, error) {
	dec, _, err := charset.Decode(src, ropts.Encoding)
	if err != nil {
		return nil, "", &rows.Error{File: ropts.Name, Err: err}
	}
	s := newSource(ropts.Name, dec)
	rows.SetLocator(ropts.Name, s)
	ropts.Encoding, ropts.Comma, ropts.HeaderRow, ropts.IsHeader = charset.UTF8, ',', 0, nil
	r, err := rows.NewReader(s, ropts)
	if err != nil {
		return nil, "", err
	}
	// The reader has read the header, so the text's first token: the
	// source is not read again until the caller asks for rows.
	if s.array {
		return r, Array, nil
	}
	return r, Lines, nil
}
