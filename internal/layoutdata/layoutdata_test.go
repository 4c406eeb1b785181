package layoutdata

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedFilesMatch fails when a file under examples/layouts differs
// from what the generator writes, or is missing: regenerate with
// `go run ./examples/layouts/gen`.
func TestCommittedFilesMatch(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", filepath.FromSlash(Dir))
	for _, name := range Names() {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v (run go run ./examples/layouts/gen)", name, err)
			continue
		}
		if !bytes.Equal(got, files[name]) {
			t.Errorf("%s differs from the generator's output (run go run ./examples/layouts/gen)", name)
		}
	}
}

// TestEncodings checks the bytes that make each file what it claims to be.
func TestEncodings(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	// 顧客番号 in Shift_JIS, CRLF line ends.
	if b := files["excel-kokyaku-meibo.csv"]; !bytes.HasPrefix(b, []byte{0x8c, 0xda, 0x8b, 0x71, 0x94, 0xd4, 0x8d, 0x86}) ||
		!bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("customers file is not Shift_JIS with CRLF: % x", b[:8])
	}
	if b := files["square-item-details-utf16.tsv"]; !bytes.HasPrefix(b, []byte{0xff, 0xfe, 'D', 0, 'a', 0}) ||
		!bytes.Contains(b, []byte{'\t', 0}) {
		t.Errorf("Square UTF-16 file lacks its BOM or tabs: % x", b[:6])
	}
	if b := files["square-item-details.csv"]; bytes.Contains(b, []byte("\r")) || !bytes.Contains(b, []byte("\"¥3,300\"")) {
		t.Error("Square CSV is not UTF-8 with LF and quoted amounts")
	}
	for name, b := range files {
		if bytes.Count(b, []byte("\n")) < 6 {
			t.Errorf("%s has fewer than a header and five rows", name)
		}
	}
}
