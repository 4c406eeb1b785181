package schema

import "strings"

// Type is what the values of an output column are, for the formats that
// type their cells: json and jsonl (numbers, booleans, null) and xlsx
// (number, date and boolean cells). CSV, TSV and the printed formats
// write every value as text, so the type changes nothing there.
//
// A column's type is decided here, once, by its name (see [ColumnTypes]);
// a cell that does not read as its column's type is written as text, so
// that no value is lost or changed by being typed.
type Type uint8

// The column types.
const (
	// Text is written as it stands: ids, codes, phone numbers, postal
	// codes, names and every column custkit knows nothing about.
	Text Type = iota
	// Integer is a count: visits, lines, rows, days.
	Integer
	// Number is an amount or quantity, possibly with decimals.
	Number
	// Percent is a share written as 12.3%.
	Percent
	// Date is a day (2026-11-22) or a day and time.
	Date
	// Bool is a flag written yes or no.
	Bool
)

// String names the type as the documentation does.
func (t Type) String() string {
	switch t {
	case Integer:
		return "integer"
	case Number:
		return "number"
	case Percent:
		return "percent"
	case Date:
		return "date"
	case Bool:
		return "bool"
	}
	return "text"
}

// fieldTypes are the types of the logical fields that are not text: the
// fields an operation parses as dates or numbers ([DateFields],
// [NumberFields]), the amount without tax, and the last purchase a
// customers file may carry.
var fieldTypes = func() map[Field]Type {
	m := map[Field]Type{AmountExcl: Number, LastPurchase: Date}
	for _, f := range DateFields {
		m[f] = Date
	}
	for _, f := range NumberFields {
		m[f] = Number
	}
	return m
}()

// computedTypes are the types of the columns operations compute, by name:
// every column an operation adds or writes is listed (text ones too), and
// a test holds each operation's columns to this list, so that a new
// column has to be given a type.
var computedTypes = map[string]Type{
	// ledger
	"visits": Integer, "first_visit": Date, "last_visit": Date, "days_since_last_visit": Integer,
	"lines": Integer, "quantity": Number, "spend": Number, "average_spend": Number,
	// segment, and its summary
	"r": Integer, "f": Integer, "m": Integer, "segment": Text,
	"customers": Integer, "share": Percent, "spend_share": Percent,
	// events
	"event": Text, "date": Date, "days_until": Integer, "years": Integer,
	// buyers
	"first_purchase": Date, "last_purchase": Date, "receipts": Integer, "amount": Number,
	// recommend
	"support": Number, "confidence": Number, "lift": Number, "score": Number, "reason": Text,
	// mailing's dedupe report
	"group": Integer, "line": Integer, "kept": Bool, "rule": Text, "matched_with": Text,
	// check
	"file": Text, "column": Text, "value": Text, "severity": Text, "code": Text, "problem": Text,
	// history's card
	"store": Text, "receipt": Text, "detail": Text,
	// audit show
	"seq": Integer, "time": Date, "user": Text, "host": Text, "command": Text, "args": Text,
	"inputs": Text, "input_sha256": Text, "outputs": Text, "rows": Integer, "columns": Text,
	"shredded": Text, "purpose": Text, "reveal": Bool, "ok": Bool, "hash": Text, "config": Text,
	"settings": Text, "prev": Text, "purge": Text,
	// complaints and contacts: lists, summaries, and the customers due a contact
	"age_days": Integer, "complaints": Integer, "open": Integer, "median_days_to_close": Number,
	"product": Text, "month": Text, "contacts": Integer, "last_contact": Date, "days_since_contact": Integer,
	// exports list
	"path": Text, "state": Text, "expires": Date, "expired": Bool, "created": Date, "sha256": Text, "shop": Text,
}

// ComputedType returns the type of a column an operation computes, and
// whether name is one.
func ComputedType(name string) (Type, bool) {
	t, ok := computedTypes[name]
	return t, ok
}

// ColumnTypes says the type of each column of header. A column an
// operation computes has the type listed for it; a column that holds a
// logical field by its name or an alias (the config's aliases included,
// and copies prefixed "customer_" as a join writes them) has the field's
// type; every other column is text. So ids, codes, phone numbers and
// postal codes are always text.
func ColumnTypes(header []string, aliases map[string]Aliases) []Type {
	byName := map[string]Type{}
	for _, k := range Kinds {
		for _, f := range k.Fields {
			t, ok := fieldTypes[f]
			if !ok {
				continue
			}
			for _, n := range k.Names(f, aliases[k.Name]) {
				byName[Normalize(n)] = t
			}
		}
	}
	out := make([]Type, len(header))
	for i, h := range header {
		if t, ok := computedTypes[h]; ok {
			out[i] = t
			continue
		}
		n := Normalize(h)
		t, ok := byName[n]
		if !ok {
			t = byName[strings.TrimPrefix(n, "customer")]
		}
		out[i] = t
	}
	return out
}
