package output

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
)

// vcardWriter writes each row as a vCard 4.0 (RFC 6350), for address books
// and mail merges that import contacts. The columns are found by their
// customer field names and aliases, as any customers file's are: name (N and
// FN; "山田 太郎" is family name 山田, given name 太郎), name_kana (SORT-AS,
// and X-PHONETIC-* for the address books that read those), company and
// department (ORG), title (TITLE), postal_code, address and address2 (ADR),
// phone (TEL), email (EMAIL), birthday (BDAY) and anniversary (ANNIVERSARY).
// Other columns are not written. Lines end in CRLF and are folded at 75
// octets without splitting a character; , ; and \ in values are escaped.
type vcardWriter struct {
	*sink
	aliases schema.Aliases
	serial  bool // Options.ExcelSerial
	cols    map[schema.Field]int
	buf     []byte
}

// vcardFields are the fields a vCard is made of.
var vcardFields = []schema.Field{schema.Name, schema.NameKana, schema.Company, schema.Department, schema.Title,
	schema.PostalCode, schema.Address, schema.Address2, schema.Phone, schema.Email, schema.Birthday, schema.Anniversary}

func (w *vcardWriter) WriteHeader(cols []string) error {
	w.header = cols
	k := schema.Kind{Name: schema.Customers.Name, Fields: vcardFields}
	b, err := k.Bind(cols, w.aliases)
	if err != nil {
		return fmt.Errorf("vcard: %w", err)
	}
	if b.Col(schema.Name) < 0 && b.Col(schema.Company) < 0 && b.Col(schema.Email) < 0 {
		return fmt.Errorf("vcard: no column holds a name, company or email, so no card could have a name (FN)")
	}
	w.cols = b.Index
	return nil
}

// get returns the trimmed cell of field f, "" if there is no such column.
func (w *vcardWriter) get(row []string, f schema.Field) string {
	c, ok := w.cols[f]
	if !ok || c >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[c])
}

func (w *vcardWriter) Write(row []string) error {
	if len(row) != len(w.header) {
		return fmt.Errorf("row has %d cells, header has %d", len(row), len(w.header))
	}
	w.row++
	name, company, email := w.get(row, schema.Name), w.get(row, schema.Company), w.get(row, schema.Email)
	fn := firstNonEmpty(name, company, email)
	if fn == "" {
		return fmt.Errorf("output row %d: no name, company or email to name the vCard (FN)", w.row)
	}
	w.buf = w.buf[:0]
	w.line("BEGIN:VCARD")
	w.line("VERSION:4.0")
	if name == "" && company != "" {
		w.line("KIND:org")
	}
	w.line("FN:" + vcardText(fn))
	if name != "" {
		w.name(name, w.get(row, schema.NameKana))
	}
	if dept := w.get(row, schema.Department); dept != "" {
		w.line("ORG:" + vcardText(company) + ";" + vcardText(dept))
	} else {
		w.prop("ORG", company)
	}
	w.prop("TITLE", w.get(row, schema.Title))
	postal, addr, addr2 := w.get(row, schema.PostalCode), w.get(row, schema.Address), w.get(row, schema.Address2)
	if postal != "" || addr != "" || addr2 != "" {
		// ADR: PO box; extended address; street; locality; region; postal code; country
		w.line("ADR:;" + vcardText(addr2) + ";" + vcardText(addr) + ";;;" + vcardText(postal) + ";")
	}
	w.prop("TEL", w.get(row, schema.Phone))
	w.prop("EMAIL", email)
	for _, d := range []struct {
		prop  string
		field schema.Field
	}{{"BDAY", schema.Birthday}, {"ANNIVERSARY", schema.Anniversary}} {
		if err := w.date(row, d.prop, d.field); err != nil {
			return err
		}
	}
	w.line("END:VCARD")
	return w.put(w.buf)
}

// name writes N (family;given;additional;prefixes;suffixes), sorted by the
// reading when there is one, and the reading for address books that read
// X-PHONETIC-LAST-NAME and X-PHONETIC-FIRST-NAME.
func (w *vcardWriter) name(name, kana string) {
	family, given := splitName(name)
	n := "N"
	kf, kg := splitName(kana)
	if kana != "" {
		n += `;SORT-AS="` + paramValue(kf)
		if kg != "" {
			n += "," + paramValue(kg)
		}
		n += `"`
	}
	w.line(n + ":" + vcardText(family) + ";" + vcardText(given) + ";;;")
	w.prop("X-PHONETIC-LAST-NAME", kf)
	w.prop("X-PHONETIC-FIRST-NAME", kg)
}

// date writes a date property in the basic ISO 8601 form RFC 6350 uses
// (19800115); a cell that is not a date is an error naming the row.
func (w *vcardWriter) date(row []string, prop string, f schema.Field) error {
	v := w.get(row, f)
	if v == "" {
		return nil
	}
	t, err := parse.DateOrSerial([]byte(strings.TrimSpace(v)), w.serial)
	if err != nil {
		return fmt.Errorf("output row %d, column %q: %q %v", w.row, w.header[w.cols[f]], v, err)
	}
	w.line(prop + ":" + t.Format("20060102"))
	return nil
}

// prop writes a text property unless the value is empty.
func (w *vcardWriter) prop(name, value string) {
	if value != "" {
		w.line(name + ":" + vcardText(value))
	}
}

// line appends one content line, folded so that no physical line is longer
// than 75 octets: continuation lines start with a space, and a character is
// never split.
func (w *vcardWriter) line(s string) {
	const limit = 75
	n := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		if n+size > limit {
			w.buf = append(w.buf, "\r\n "...)
			n = 1
		}
		w.buf = append(w.buf, s[i:i+size]...)
		n += size
		i += size
	}
	w.buf = append(w.buf, "\r\n"...)
}

func (w *vcardWriter) Close() error { return w.flush() }

// vcardText escapes a text value: backslash, comma and semicolon get a
// backslash, and a line break becomes \n.
func vcardText(s string) string {
	if !strings.ContainsAny(s, "\\,;\r\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ',', ';':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// paramValue makes s safe inside a quoted parameter value (RFC 6868: ^ is
// ^^, a double quote ^', a line break ^n). A comma would start another
// component, so it becomes a space.
func paramValue(s string) string {
	return strings.NewReplacer("^", "^^", `"`, "^'", "\r\n", "^n", "\n", "^n", "\r", "^n", ",", " ").Replace(s)
}

// splitName splits a name at its first space, family name first as
// Japanese names are written: "山田 太郎" is 山田 and 太郎. A name without a
// space is all family name.
func splitName(s string) (family, given string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[:i], strings.TrimSpace(s[i+size:])
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
