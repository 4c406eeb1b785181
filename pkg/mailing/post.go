package mailing

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/rows"
)

// Layout is the set of columns a mailing list is written with.
type Layout string

// The layouts.
const (
	// LayoutPost is what 宛名 (address label) software and print shops
	// read: [PostHeader].
	LayoutPost Layout = "post"
	// LayoutAll keeps every column of the input, for a mail merge or for
	// the next command in a pipeline.
	LayoutAll Layout = "all"
)

// Layouts lists the layout names, for flags.
var Layouts = []string{string(LayoutPost), string(LayoutAll)}

// PostHeader is the header of [LayoutPost]: postal code (123-4567), address
// in two lines, company, department, job title, name and the honorific that
// goes after the name or the company.
var PostHeader = []string{"郵便番号", "住所1", "住所2", "会社名", "部署", "役職", "氏名", "敬称"}

// Honorifics: 様 after a person's name; 御中 after a company only when no
// person is named (a letter is never addressed with both).
const (
	HonorificPerson  = "様"
	HonorificCompany = "御中"
)

// appendPostCells appends the cells of [PostHeader] for rec to dst. A
// valid postal code is written as 123-4567; addr is the row's address
// (its column, or the parts of a split one joined); any other (on the email
// channel, which does not check it) as it stands.
func appendPostCells(dst []byte, col *columns, rec *rows.Record, addr []byte, postal [7]byte, postalOK bool) []byte {
	if postalOK {
		dst = appendCell(dst, []byte{postal[0], postal[1], postal[2], '-', postal[3], postal[4], postal[5], postal[6]})
	} else {
		dst = appendCell(dst, bytes.TrimSpace(field(rec, col.postal)))
	}
	addr = bytes.TrimSpace(addr)
	var addr2 []byte
	if col.addr2 >= 0 {
		addr2 = bytes.TrimSpace(field(rec, col.addr2))
	} else {
		addr, addr2 = splitAddress(addr)
	}
	name := bytes.TrimSpace(field(rec, col.name))
	company := bytes.TrimSpace(field(rec, col.company))
	dst = appendCell(dst, addr)
	dst = appendCell(dst, addr2)
	dst = appendCell(dst, company)
	dst = appendCell(dst, bytes.TrimSpace(field(rec, col.dept)))
	dst = appendCell(dst, bytes.TrimSpace(field(rec, col.title)))
	dst = appendCell(dst, name)
	switch {
	case len(name) > 0:
		dst = appendCell(dst, []byte(HonorificPerson))
	case len(company) > 0:
		dst = appendCell(dst, []byte(HonorificCompany))
	default:
		dst = appendCell(dst, nil)
	}
	return dst
}

// splitAddress splits a one-column address into the two lines of a label:
// the street address up to the block number, and the building and room
// after the first space that follows it. "千代田区千代田1-1 パレス101" is
// "千代田区千代田1-1" and "パレス101"; an address with no such space stays
// on the first line.
func splitAddress(a []byte) (line1, line2 []byte) {
	var prev rune
	for i := 0; i < len(a); {
		r, size := utf8.DecodeRune(a[i:])
		if unicode.IsSpace(r) && endsBlockNumber(prev) {
			return a[:i], bytes.TrimSpace(a[i:])
		}
		prev = r
		i += size
	}
	return a, nil
}

func endsBlockNumber(r rune) bool {
	return '0' <= r && r <= '9' || '０' <= r && r <= '９' || r == '号' || r == '番' || r == '地'
}
