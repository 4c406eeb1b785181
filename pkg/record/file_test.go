package record

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// chained reads files one after another, each later one under its own
// binding attached to its blocks, as pkg/input opens sales files.
func chained(t *testing.T, files ...[2]string) File {
	t.Helper()
	open := func(f [2]string) (*rows.Reader, *schema.Binding) {
		r, err := rows.NewReader(strings.NewReader(f[1]), rows.Options{Name: f[0]})
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Sales.Bind(r.Header(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return r, b
	}
	first, b := open(files[0])
	rest := files[1:]
	first.Chain(func() (*rows.Reader, error) {
		if len(rest) == 0 {
			return nil, nil
		}
		r, own := open(rest[0])
		rest = rest[1:]
		r.SetMeta(own)
		return r, nil
	}, func([]string, *rows.Reader) ([]int, error) { return nil, nil })
	return File{Reader: first, Binding: b}
}

// TestPerFileVoids reads each file's void column by its own values: 2 is a
// cancelling entry under Smaregi's 打消区分, and no void flag under a plain
// void column; read under the first file's binding, the second file's
// lines would be an error (or, worse, its columns misread).
func TestPerFileVoids(t *testing.T) {
	f := chained(t,
		[2]string{"plain.csv", "customer_id,sold_at,void\nC1,2024-11-01,0\nC2,2024-11-01,1\n"},
		[2]string{"smaregi.csv", "打消区分,取引日時,会員コード\n2,2024-11-02 10:00,C3\n0,2024-11-02 11:00,C4\n"})
	files, _, err := NewPerFile(f, func(d *Decoder) (*SaleScanner, error) { return NewSaleScanner(d, SaleFilter{}, true) })
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	var counts SaleCounts
	var mu sync.Mutex
	err = rows.EachBlock(context.Background(), f.Reader, 2, func(b *rows.Block) ([]string, error) {
		s, err := files.Of(b)
		if err != nil {
			return nil, err
		}
		sc := s.Clone()
		var out []string
		err = b.Each(func(rec *rows.Record) error {
			sale, ok, err := sc.Scan(rec)
			if ok {
				out = append(out, string(sale.Customer)+"@"+sale.SoldAt.Format("01-02 15:04"))
			}
			return err
		})
		mu.Lock()
		counts.Add(sc.Counts)
		mu.Unlock()
		return out, err
	}, func(out []string) error { kept = append(kept, out...); return nil })
	if err != nil {
		t.Fatal(err)
	}
	// C2 (void 1) and C3 (打消区分 2) are voided; C1 and C4 are sales.
	if got := strings.Join(kept, " "); got != "C1@11-01 00:00 C4@11-02 11:00" {
		t.Errorf("kept %s", got)
	}
	if counts.Voided != 2 || counts.Lines != 4 {
		t.Errorf("counts %+v, want 2 of 4 lines voided", counts)
	}
}

// TestPerFileMissingField names the later file that lacks a column the
// operation needs, when the reading reaches it.
func TestPerFileMissingField(t *testing.T) {
	f := chained(t,
		[2]string{"a.csv", "customer_id,sold_at,store_id\nC1,2024-11-01,S1\n"},
		[2]string{"b.csv", "customer_id,sold_at\nC2,2024-11-02\n"})
	files, _, err := NewPerFile(f, func(d *Decoder) (*SaleScanner, error) {
		return NewSaleScanner(d, SaleFilter{Stores: []string{"S1"}}, false)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = rows.EachBlock(context.Background(), f.Reader, 1, func(b *rows.Block) (int, error) {
		_, err := files.Of(b)
		return 0, err
	}, func(int) error { return nil })
	var re *rows.Error
	if !errors.As(err, &re) || re.File != "b.csv" || !strings.Contains(err.Error(), "store_id (needed for --store)") {
		t.Errorf("err = %v, want b.csv's missing store_id named", err)
	}
}
