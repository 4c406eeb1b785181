package rows

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func chainOf(t *testing.T, place Placer, files ...[2]string) *Reader {
	t.Helper()
	open := func(f [2]string) *Reader {
		r, err := NewReader(strings.NewReader(f[1]), Options{Name: f[0]})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := open(files[0])
	rest := files[1:]
	first.Chain(func() (*Reader, error) {
		if len(rest) == 0 {
			return nil, nil
		}
		r := open(rest[0])
		rest = rest[1:]
		return r, nil
	}, place)
	return first
}

func TestChainPlacesLaterFiles(t *testing.T) {
	swap := func(first []string, next *Reader) ([]int, error) {
		if next.Header()[0] == first[0] {
			return nil, nil
		}
		return []int{1, 0}, nil
	}
	r := chainOf(t, swap, [2]string{"a.csv", "id,n\nA,1\n"}, [2]string{"b.tsv", "n\tid\n2\tB\n3\tC\n"}, [2]string{"c.csv", "id,n\nD,4\n"})
	var got []string
	err := EachBlock(context.Background(), r, 2, func(b *Block) ([]string, error) {
		var out []string
		err := b.EachPrefix(1, func(rec *Record) error {
			rec.Extend(2)
			out = append(out, rec.File+":"+itoa(rec.Line)+":"+string(rec.Fields[0])+"="+string(rec.Fields[1]))
			if rec.File != "a.csv" && rec.File != "c.csv" && rec.Raw() != nil {
				t.Errorf("%s: a remapped record must not be copied raw", rec.File)
			}
			return nil
		})
		return out, err
	}, func(s []string) error { got = append(got, s...); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := "a.csv:2:A=1 b.tsv:2:B=2 b.tsv:3:C=3 c.csv:2:D=4"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if r.Files() != 3 {
		t.Errorf("Files() = %d, want 3", r.Files())
	}
}

func TestChainSameHeaderRefusesAnother(t *testing.T) {
	r := chainOf(t, nil, [2]string{"a.csv", "id,n\nA,1\n"}, [2]string{"b.csv", "n,id\n2,B\n"})
	var err error
	for err == nil {
		_, err = r.Next()
	}
	var re *Error
	if !errors.As(err, &re) || re.File != "b.csv" || !errors.Is(err, ErrHeaderDiffers) {
		t.Fatalf("err = %v, want b.csv's header refused", err)
	}
}

// Each block carries what was attached to its file, the first block of a
// file (the rest of the one its header came from) too, and a later file
// may be laid out wider than the first, its extra columns after the first
// file's.
func TestChainMetaAndExtraColumns(t *testing.T) {
	place := func(first []string, next *Reader) ([]int, error) {
		next.SetMeta(next.Name())
		if len(next.Header()) == len(first) {
			return nil, nil
		}
		return []int{1, 0, 2}, nil // n, id, then the later file's own time
	}
	r := chainOf(t, place, [2]string{"a.csv", "id,n\nA,1\n"}, [2]string{"b.csv", "n,id,time\n2,B,10:00\n3,C,11:00\n"})
	r.SetMeta("first")
	var got []string
	err := EachBlock(context.Background(), r, 2, func(b *Block) ([]string, error) {
		var out []string
		err := b.Each(func(rec *Record) error {
			out = append(out, b.Meta().(string)+":"+strings.Join(fieldStrings(rec.Fields), "|"))
			return nil
		})
		return out, err
	}, func(s []string) error { got = append(got, s...); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := "first:A|1 b.csv:B|2|10:00 b.csv:C|3|11:00"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func fieldStrings(fs [][]byte) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}
