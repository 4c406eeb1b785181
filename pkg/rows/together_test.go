package rows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readTogether reads input through NextBlock with KeepTogether(col), as
// readBlocks does, and checks what KeepTogether promises: the blocks hold
// the file's bytes after the header, in order (as decoded), and no two consecutive
// blocks split a run (the last record of one and the first of the next
// differ in field col, unless it is empty: such records form no run). A
// broken promise is the error returned.
func readTogether(input string, opts Options, col int) ([]string, [][]string, []int, error) {
	opts.Name = "in.csv"
	r, err := NewReader(strings.NewReader(input), opts)
	if err != nil {
		return nil, nil, nil, err
	}
	r.KeepTogether(col)
	var rows [][]string
	var lines []int
	var data []byte
	var last []string // the last record of the block before
	for {
		b, err := r.NextBlock()
		if err == io.EOF {
			// The bytes are the file's when the reader changed none (a
			// file read in UTF-8 whose lines end in LF or CRLF).
			if !r.enc.Transcoded() && !r.CR() && !strings.HasSuffix(input, string(data)) {
				return r.Header(), rows, lines, fmt.Errorf("the blocks %q are not the end of the file", data)
			}
			return r.Header(), rows, lines, nil
		}
		if err != nil {
			return r.Header(), rows, lines, err
		}
		data = append(data, b.data...)
		first := true
		err = b.Each(func(rec *Record) error {
			row := fieldsOf(rec)
			if first && last != nil && col < len(row) && col < len(last) && row[col] != "" && row[col] == last[col] {
				return fmt.Errorf("block %d starts on line %d inside the run of %q", b.Seq, rec.Line, row[col])
			}
			first, last = false, row
			rows = append(rows, row)
			lines = append(lines, rec.Line)
			return nil
		})
		b.Release()
		if err != nil {
			return r.Header(), rows, lines, err
		}
	}
}

// TestKeepTogether cuts a file with runs of every length, quoted fields
// with newlines and quotes, blank lines, empty rows and the header
// repeated inside runs, records without a value, at
// every block size: each block starts a run, the blocks are the file, and
// the records are those Next reads.
func TestKeepTogether(t *testing.T) {
	inputs := []string{
		"Name,item,memo\n#1,a,x\n#1,b,\n#2,c,\"multi\nline\"\n#3,d,\n#3,\"e,f\",\"say \"\"hi\"\"\"\n#3,g,\nName,item,memo\n" +
			"\"#3\",h,quoted key of the same run\n\n#4,i,\n,,\n#4,j,blank and empty rows inside the run\n" +
			"\"#5\n#5\",k,key with a newline\n#5,l,\n,o,no key\n,p,no key\n#6,5\" plate,literal quote\n#6,m,\n#7,n,no final newline",
		"Name,item\r\n#1,a\r\n#1,b\r\n#2,c\r\n#2,d\r\n#2,e\r\n#3,f\r\n",
		"item,Name\nx,#1\ny,#1\nz,#2\n",
	}
	for i, in := range inputs {
		col := 0
		if i == 2 {
			col = 1
		}
		want := result(readNext(in, Options{}))
		if want.err != "" {
			t.Fatalf("input %d: %s", i, want.err)
		}
		for size := 1; size <= len(in)+1; size++ {
			if got := result(readTogether(in, Options{BlockSize: size}, col)); !reflect.DeepEqual(got, want) {
				t.Fatalf("input %d, blocks of %d:\n got %s\nwant %s", i, size, got, want)
			}
		}
	}
}

// TestKeepTogetherCutsAtRuns checks where the blocks end: at the last
// run boundary within the bytes read, not after the last whole record (a
// block that holds a run carried from the one before grows, as for a long
// record).
func TestKeepTogetherCutsAtRuns(t *testing.T) {
	in := "k,v\nA,1\nA,2\nB,3\nB,4\nB,5\nC,6\nD,7\nE,8\nE,9\n"
	r, err := NewReader(strings.NewReader(in), Options{Name: "in.csv", BlockSize: 14})
	if err != nil {
		t.Fatal(err)
	}
	r.KeepTogether(0)
	var got []string
	for {
		b, err := r.NextBlock()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b.data))
	}
	want := []string{"A,1\nA,2\n", "B,3\nB,4\nB,5\nC,6\nD,7\n", "E,8\nE,9\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

// TestKeepTogetherRunTooLong checks that a run longer than the limit is an
// error naming its first line, column and value, wherever it is.
func TestKeepTogetherRunTooLong(t *testing.T) {
	for _, in := range []string{
		"k,v\nA,1\nB,2\nB,3\nB,4\nB,5\nB,6\nC,7\n",
		"k,v\nB,2\nB,3\nB,4\nB,5\nB,6\nC,7\n",
	} {
		for _, size := range []int{1, 8, 16} {
			r, err := NewReader(strings.NewReader(in), Options{Name: "in.csv", BlockSize: size})
			if err != nil {
				t.Fatal(err)
			}
			r.KeepTogether(0)
			r.together.limit = 12
			for err == nil {
				_, err = r.NextBlock()
			}
			line := 3
			if strings.HasPrefix(in, "k,v\nB") {
				line = 2
			}
			want := fmt.Sprintf(`in.csv:%d: column "k": "B" starts a run of records with this value longer than 64 MiB`, line)
			if !errors.Is(err, ErrRunTooLong) || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%q, blocks of %d: err = %v, want %s", in, size, err, want)
			}
		}
	}
}

// TestKeepTogetherRunAtTheLimit checks that a run of the limit's length
// is read, in a block grown for it.
func TestKeepTogetherRunAtTheLimit(t *testing.T) {
	in := "k,v\nA,1\nB,2\nB,3\nB,4\nC,5\nD,6\n"
	for _, size := range []int{1, 8, 16} {
		r, err := NewReader(strings.NewReader(in), Options{Name: "in.csv", BlockSize: size})
		if err != nil {
			t.Fatal(err)
		}
		r.KeepTogether(0)
		r.together.limit = 12
		n := 0
		for {
			if _, err = r.Next(); err != nil {
				break
			}
			n++
		}
		if err != io.EOF || n != 6 {
			t.Errorf("blocks of %d: %d records, %v; want 6 and the end", size, n, err)
		}
	}
}

// TestKeepTogetherOff checks that a reader without KeepTogether cuts where
// it always did, and that KeepTogether(-1) turns it off.
func TestKeepTogetherOff(t *testing.T) {
	in := "k,v\nA,1\nA,2\nA,3\nB,4\n"
	r, err := NewReader(strings.NewReader(in), Options{Name: "in.csv", BlockSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	r.KeepTogether(0)
	r.KeepTogether(-1)
	if r.Together() != -1 {
		t.Errorf("Together() = %d after KeepTogether(-1)", r.Together())
	}
	b, err := r.NextBlock()
	if err != nil || string(b.data) != "A,1\n" {
		t.Errorf("first block %q, %v; want the first record alone", b.data, err)
	}
}

// TestKeepTogetherChain checks that the later files of a chain are kept
// together in the column their placer puts at the first file's, unless
// the opener gave them a column of their own.
func TestKeepTogetherChain(t *testing.T) {
	files := [][2]string{
		{"a.csv", "k,v\nA,1\nA,2\nB,3\n"},
		{"b.csv", "v,k\n4,C\n5,C\n6,C\n7,D\n8,D\n9,E\n"}, // placed: k is its column 1
		{"c.csv", "k,v,w\nE,8,x\nF,9,x\nG,10,x\n"},
	}
	open := func(f [2]string) *Reader {
		r, err := NewReader(strings.NewReader(f[1]), Options{Name: f[0], BlockSize: 6})
		if err != nil {
			t.Fatal(err)
		}
		if f[0] == "c.csv" {
			r.KeepTogether(2) // its own: w, one run
		}
		return r
	}
	r := open(files[0])
	rest := files[1:]
	r.Chain(func() (*Reader, error) {
		if len(rest) == 0 {
			return nil, nil
		}
		next := open(rest[0])
		rest = rest[1:]
		return next, nil
	}, func(first []string, next *Reader) ([]int, error) {
		if next.Header()[0] == "v" {
			return []int{1, 0}, nil
		}
		return []int{0, 1}, nil
	})
	r.KeepTogether(0)
	var got []string
	err := EachBlock(context.Background(), r, 2, func(b *Block) (string, error) {
		var keys []string
		err := b.Each(func(rec *Record) error {
			keys = append(keys, string(rec.Fields[0]))
			return nil
		})
		return b.File() + ":" + strings.Join(keys, ""), err
	}, func(s string) error { got = append(got, s); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.csv:AA", "a.csv:B", "b.csv:CCCDD", "b.csv:E", "c.csv:EFG"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

// TestRecordStarts checks the starts the cut looks up when a quote stands
// before a line end against those Next finds.
func TestRecordStarts(t *testing.T) {
	data := []byte("a,\"x\ny\"\nb,5\" c\n\"q\"\"\n\",d\n\ne,f\n")
	got := recordStarts(data, ',', nil)
	want := []int{0, 8, 15, 24, 25}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("starts %v, want %v", got, want)
	}
	var tg together
	for i := 1; i < len(want); i++ {
		if s := tg.start(data, want[i], ','); s != want[i-1] {
			t.Errorf("start before %d = %d, want %d", want[i], s, want[i-1])
		}
	}
	if s := tg.start(data, len(data), ','); s != want[len(want)-1] {
		t.Errorf("start of the last record = %d, want %d", s, want[len(want)-1])
	}
}
