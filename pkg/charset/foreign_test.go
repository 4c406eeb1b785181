package charset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

func sjis(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readAll decodes input through NewDecoder, in small reads to cut lines
// between the guard's calls.
func readAll(t *testing.T, input string, enc Encoding) (string, Encoding) {
	t.Helper()
	r, got, err := NewDecoder(strings.NewReader(input), enc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	buf := make([]byte, 7)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return out.String(), got
}

func TestGuardMarksUTF8Lines(t *testing.T) {
	head := strings.Repeat(sjis(t, "会員番号,氏名\n0001,山田 太郎\n"), 3)
	input := head + "0002,佐藤 花子\n" + sjis(t, "0003,鈴木 一郎\n") + "0004,有\r\n" + sjis(t, "0005,高橋\n")
	got, enc := readAll(t, input, "")
	if enc != CP932 {
		t.Fatalf("detected %s", enc)
	}
	want := strings.Repeat("会員番号,氏名\n0001,山田 太郎\n", 3) +
		"0002," + ForeignMark + "佐藤 花子\n0003,鈴木 一郎\n" +
		// One Japanese character is enough once a line was UTF-8.
		"0004," + ForeignMark + "有\r\n0005,高橋\n"
	if got != want {
		t.Errorf("decoded\n%q\nwant\n%q", got, want)
	}
	// The same in EUC-JP.
	euc, _ := japanese.EUCJP.NewEncoder().String("0001,山田 太郎\n")
	got, _ = readAll(t, euc+"0002,佐藤 花子\n", EUCJP)
	if want := "0001,山田 太郎\n0002," + ForeignMark + "佐藤 花子\n"; got != want {
		t.Errorf("EUC-JP decoded %q, want %q", got, want)
	}
}

func TestGuardLeavesCP932Alone(t *testing.T) {
	for _, text := range []string{
		"顧客番号,氏名,ﾌﾘｶﾞﾅ\n1,山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ\n",
		"1,蘂,ｱ\n2,①㈱髙﨑\r3,ＡＢＣ－１\n",
		"1,森鴎外", // no line end at the end
		strings.Repeat("あ", 2000) + "\n" + strings.Repeat("x", 5000) + "漢字\n",
	} {
		got, _ := readAll(t, sjis(t, text), CP932)
		if got != text {
			t.Errorf("CP932 %q decoded as %q", text, got)
		}
	}
	// A single Japanese character in UTF-8 is not enough on its own, nor
	// are accented Latin letters.
	for _, line := range []string{"1,有\n", "2,Café Noël\n"} {
		if got, _ := readAll(t, line, CP932); strings.Contains(got, ForeignMark) {
			t.Errorf("%q marked as UTF-8", line)
		}
	}
}

func TestGuardTransformBytes(t *testing.T) {
	// transform.Bytes gives the whole input at once, at EOF, without a
	// final line end.
	out, _, err := transform.Bytes(newGuard(decoder(CP932)), []byte(sjis(t, "a,名前\n")+"b,山田"))
	if err != nil || string(out) != "a,名前\nb,"+ForeignMark+"山田" {
		t.Errorf("got %q, %v", out, err)
	}
}

func TestForeign(t *testing.T) {
	for _, c := range []struct {
		in   string
		enc  Encoding
		want string // "" for nil
	}{
		{sjis(t, "田中"), UTF8, `is shift_jis text in a file read as utf-8 (as shift_jis: "田中"); save the whole file in one encoding`},
		{"山田", CP932, `is utf-8 text in a file read as shift_jis (as shift_jis: "螻ｱ逕ｰ"); save the whole file in one encoding`},
		{"\xff\xfe", UTF8, ""},
		{"abc", UTF8, ""},
		{"\x82", CP932, ""},
	} {
		fe := Foreign([]byte(c.in), c.enc)
		got := ""
		if fe != nil {
			got = fe.Error()
			if !errors.Is(fe, ErrInvalid) {
				t.Errorf("%q: does not unwrap to ErrInvalid", c.in)
			}
		}
		if got != c.want {
			t.Errorf("Foreign(%q, %s) = %q, want %q", c.in, c.enc, got, c.want)
		}
	}
}

func TestGuessAmbiguous(t *testing.T) {
	euc, _ := japanese.EUCJP.NewEncoder().String("id,name\n1,ｱｲｳ\n")
	for _, c := range []struct {
		what, in string
		want     Detection
	}{
		{"ASCII", "id,name\n1,abc\n", Detection{Encoding: UTF8}},
		{"short UTF-8, valid CP932", "id,name\n1,Café ¥\n", Detection{Encoding: UTF8, Also: CP932}},
		{"short Japanese UTF-8", "id,name\n1,山田\n", Detection{Encoding: UTF8}},
		{"long UTF-8", "id,name\n" + strings.Repeat("1,山田 花子\n", 20), Detection{Encoding: UTF8}},
		{"kanji valid in both", "id,name\n1,\xe4\xe4\n", Detection{Encoding: CP932, Also: EUCJP}},
		{"short EUC-JP katakana", euc, Detection{Encoding: CP932, Also: EUCJP}},
		{"CP932 hiragana", sjis(t, "id,name\n1,あい\n"), Detection{Encoding: CP932}},
	} {
		if got := Guess([]byte(c.in)); got != c.want {
			t.Errorf("%s: Guess = %+v, want %+v", c.what, got, c.want)
		}
	}
	d := Detection{Encoding: UTF8, Also: CP932}
	if want := "warning: the encoding is a guess between utf-8 and shift_jis (few characters outside ASCII); give --encoding to say which"; d.Note() != want {
		t.Errorf("Note = %q", d.Note())
	}
}

func TestUTF16WithoutBOM(t *testing.T) {
	text := "Date\tTime\tCustomer Reference ID\t品名\r\n2024-11-04\t10:00\tM0003\t茶碗\r\n"
	for _, c := range []struct {
		endian unicode.Endianness
		want   Encoding
	}{{unicode.LittleEndian, UTF16LE}, {unicode.BigEndian, UTF16BE}} {
		b, err := unicode.UTF16(c.endian, unicode.IgnoreBOM).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		if d := Guess([]byte(b)); d != (Detection{Encoding: c.want, NoBOM: true}) {
			t.Errorf("Guess = %+v, want %s without BOM", d, c.want)
		}
		r, d, err := Decode(strings.NewReader(b), "")
		if err != nil || d.Encoding != c.want || !d.NoBOM || d.Note() != string(c.want)+" without a byte order mark" {
			t.Fatalf("Decode: %+v, %v", d, err)
		}
		got, _ := io.ReadAll(r)
		if string(got) != text {
			t.Errorf("decoded %q", got)
		}
	}
	// Japanese only, with few ASCII characters, or NUL bytes on both
	// sides: not recognised.
	jp, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("顧客番号氏名住所電話番号生年月日\n")
	for _, in := range []string{jp, "a\x00b\x00c\x00d\x00\x00e\x00f\x00g\x00h", "a\x00b"} {
		if e := utf16NoBOM([]byte(in)); e != "" {
			t.Errorf("%q taken for %s", in, e)
		}
	}
	// Text with NUL bytes on one side that is not UTF-16 text with lines:
	// its line ends or commas fall on the high byte (U+0A30, U+2C30), it
	// has no line end as UTF-16, an odd number of bytes, or a surrogate
	// unpaired.
	for _, in := range []string{
		"0,0\n0,1\n0,0\x000\x000\n",
		",00000\x00ア襤0\x00\n",
		"a\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00",
		"0\x000蘗\n\x0000000000\n",
		"a\x00A\xdcb\x00c\x00\n\x00d\x00e\x00f\x00g\x00",
		"a\x00A\xd8b\x00c\x00\n\x00d\x00e\x00f\x00g\x00",
	} {
		r, d, err := Decode(strings.NewReader(in), "")
		if err != nil || d.NoBOM {
			t.Errorf("%q taken for %+v (%v)", in, d, err)
			continue
		}
		if got, _ := io.ReadAll(r); d.Encoding == UTF8 && string(got) != in {
			t.Errorf("%q read as %q", in, got)
		}
	}
	// A BOM is a BOM.
	if d := Guess([]byte("\xff\xfea\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00")); d.NoBOM {
		t.Errorf("UTF-16 with a BOM: %+v", d)
	}
}

func FuzzGuess(f *testing.F) {
	f.Add([]byte("id,name\n1,山田\n"))
	f.Add([]byte("\x8e\xb1\xa4\xa2"))
	f.Add([]byte("a\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00"))
	f.Add([]byte("\x00a\x00b\x00c\x00d\x00e\x00f\x00g\x00h"))
	f.Add([]byte("\xef\xbb\xbfid\n"))
	f.Add([]byte("\x90\x52\x93\x63,\xe5\xb1\xb1\xe7\x94\xb0\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := Guess(b)
		if d.Encoding == "" || d.Also == d.Encoding || d.Also != "" && d.NoBOM {
			t.Fatalf("Guess(%q) = %+v", b, d)
		}
		if d.Encoding != Detect(b) {
			t.Fatalf("Guess and Detect differ on %q", b)
		}
		// Decoding never fails, and a guarded decode of a detected CP932
		// or EUC-JP input gives the plain decode wherever no line is marked.
		r, _, err := NewDecoder(bytes.NewReader(b), d.Encoding)
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("decoding %q as %s: %v", b, d.Encoding, err)
		}
		if d.Encoding == CP932 || d.Encoding == EUCJP {
			plain, _, _ := transform.Bytes(decoder(d.Encoding), b)
			if !bytes.Contains(out, []byte(ForeignMark)) && !bytes.Equal(out, plain) {
				t.Fatalf("guarded %q: %q, plain %q", b, out, plain)
			}
		}
	})
}

// BenchmarkDecodeCP932 compares reading a CP932 sales export through
// NewDecoder, which looks at every line for UTF-8, with the bare decoder.
func BenchmarkDecodeCP932(b *testing.B) {
	var text strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&text, "R%09d,1,C%07d,2024-05-01T10:00:00,S01,P%05d,定番かりんとう 中,菓子,1,420,420\r\n", i, i%9999, i%5000)
	}
	data, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(text.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decoder", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := io.Copy(io.Discard, transform.NewReader(bytes.NewReader(data), japanese.ShiftJIS.NewDecoder())); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("NewDecoder", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r, _, err := NewDecoder(bytes.NewReader(data), CP932)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
