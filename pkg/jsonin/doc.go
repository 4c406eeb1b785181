// Package jsonin reads custkit's own JSON output back as an input: a JSON
// array of objects (what --format json writes) or JSON lines, one object
// per line (--format jsonl; also .ndjson).
//
// # Design
//
// As pkg/workbook does for a sheet, the objects are turned into CSV text,
// object by object as the reader asks for it, and that text is read by
// the same [rows.Reader] as a CSV file: the header mapped to fields by
// pkg/schema, the known layouts, empty rows and repeated headers skipped
// and counted, and every error about a value are the CSV reader's. The
// JSON is read with encoding/json's streaming [json.Decoder.Token], which
// keeps the keys in the order they are written and holds one value at a
// time, so that memory does not follow the file's size.
//
// # Objects
//
//   - The keys of the first object are the header, in the order written.
//   - A later object may leave keys out (their cells are empty) and write
//     them in any order; a key the first object does not have is an error
//     naming its line, as is a key written twice in one object.
//   - Strings are read as written, numbers as written (1200, 0.5: the
//     text of the number, never reformatted), null as an empty cell,
//     true and false as yes and no (the spelling custkit's flag and
//     consent columns read and its CSV output writes). Dates are strings
//     in JSON and stay as they are.
//   - A value that is an object or an array is an error naming its line
//     and key: custkit's rows hold one value per column.
//   - An array of no objects has no header and is an error.
//
// Errors name the file and the line of the JSON text (b.jsonl:12), where
// the object that holds the value starts, through the [rows.Locator]
// registered under the reader's name; the column of a value's error is
// its key.
//
// # Which files
//
// [Choose] decides, for pkg/input, whether a file is read as JSON: by
// --input-format (json, jsonl; csv reads it as anything but JSON), else
// by its name (.json, .jsonl, .ndjson, also followed by .age), else by
// its content: a first non-space character [ followed by { or ], or {
// followed by " or }. No CSV header starts so; a title row such as
// [顧客一覧] does not.
package jsonin
