package charset

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

func TestDetectStrayByteInUTF8(t *testing.T) {
	text := strings.Repeat("顧客番号,氏名\n000101,山田太郎\n", 50)
	sample := []byte(text + "000102,\xff佐藤\n")
	if got := Detect(sample); got != UTF8 {
		t.Errorf("UTF-8 with one stray byte detected as %s", got)
	}
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(text)
	if got := Detect([]byte(sjis)); got != CP932 {
		t.Errorf("CP932 detected as %s", got)
	}
	euc, _ := japanese.EUCJP.NewEncoder().String(text)
	if got := Detect([]byte(euc)); got != EUCJP {
		t.Errorf("EUC-JP detected as %s", got)
	}
}
