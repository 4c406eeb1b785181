package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"
)

// Format is what a file's content says it is.
type Format int

const (
	// Text is anything that is not a container: CSV, TSV, or garbage the
	// CSV reader reports on.
	Text Format = iota
	// Zip is a zip archive: an .xlsx or .xlsm workbook, an .ods, or some
	// other archive; [Open] tells them apart.
	Zip
	// OLE2 is a compound document: an .xls workbook, or an encrypted
	// (password-protected) .xlsx.
	OLE2
)

// HeadSize is how many bytes of a file [Detect] looks at.
const HeadSize = 8

var (
	zipMagic   = []byte("PK\x03\x04")
	zipEmpty   = []byte("PK\x05\x06")
	ole2Magic  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	odsMime    = "application/vnd.oasis.opendocument.spreadsheet"
	errNotBook = errors.New("not a workbook")
)

// Detect tells from the first bytes of a file (up to [HeadSize]) whether
// it is a container a workbook comes in. A CSV file cannot start with
// these bytes: they are not text.
func Detect(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, zipMagic), bytes.HasPrefix(head, zipEmpty):
		return Zip
	case bytes.HasPrefix(head, ole2Magic):
		return OLE2
	}
	return Text
}

// saveAs is how to make a file custkit reads, for every refusal.
const saveAs = "open it in Excel or LibreOffice Calc and save it as an Excel workbook (.xlsx) or as CSV (CSV UTF-8), and give that file"

// refuseOLE2 is the error of a compound document: a workbook encrypted
// with a password, or an Excel 97–2003 .xls.
func refuseOLE2(name string, data []byte) error {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err == nil {
		for e, err := doc.Next(); err == nil; e, err = doc.Next() {
			if e.Name == "EncryptionInfo" || e.Name == "EncryptedPackage" {
				return fmt.Errorf("%s is a password-protected workbook, which custkit cannot read; open it with its password, remove the password (Excel: File ▸ Info ▸ Protect Workbook ▸ Encrypt with Password, left empty) and save it as .xlsx, or save it as CSV (CSV UTF-8)", name)
			}
		}
	}
	return fmt.Errorf("%s is an Excel 97–2003 workbook (.xls), which custkit cannot read; %s", name, saveAs)
}

// zipKind looks inside a zip archive: nil for a workbook custkit reads,
// else the error to report.
func zipKind(name string, data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s is a damaged zip archive (%v), not a CSV file or a workbook; %s", name, err, saveAs)
	}
	for _, f := range z.File {
		switch f.Name {
		case "xl/workbook.xml":
			return nil
		case "xl/workbook.bin":
			return fmt.Errorf("%s is an Excel binary workbook (.xlsb), which custkit cannot read; %s", name, saveAs)
		case "mimetype":
			if mimeOf(f) == odsMime {
				return fmt.Errorf("%s is an OpenDocument spreadsheet (.ods), which custkit cannot read; open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx) or as CSV (Text CSV, UTF-8), and give that file", name)
			}
		}
	}
	return fmt.Errorf("%s is a zip archive, not a CSV file or a workbook; unpack it, or %s", name, saveAs)
}

// mimeOf reads the short mimetype entry of an OpenDocument file.
func mimeOf(f *zip.File) string {
	r, err := f.Open()
	if err != nil {
		return ""
	}
	defer r.Close()
	b, _ := io.ReadAll(io.LimitReader(r, 100))
	return string(bytes.TrimSpace(b))
}
