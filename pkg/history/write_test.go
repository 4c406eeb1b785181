package history

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// printer is a fakeCard of a printed format, or not.
type printer struct {
	fakeCard
	printed bool
	holds   []string
}

func (p *printer) Printed() bool       { return p.printed }
func (p *printer) Holds(cols []string) { p.holds = cols }

func input(t *testing.T, withNotes bool) Input {
	t.Helper()
	file := func(name, data string, kind schema.Kind) record.File {
		r, b := open(t, name, data, kind)
		return record.File{Reader: r, Binding: b}
	}
	in := Input{Customers: file("customers.csv", customers, schema.Customers), Sales: file("sales.csv", sales, schema.Sales)}
	if withNotes {
		c, p := file("contacts.csv", contacts, schema.Contacts), file("complaints.csv", complaints, schema.Complaints)
		in.Contacts, in.Complaints = &c, &p
	}
	return in
}

// TestWrite: cards on a printed output, which is told the customers'
// columns; rows on any other; a missing id with the hint about text ids.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	p := &printer{printed: true}
	if _, err := Write(ctx, input(t, true), Options{IDs: []string{"C2"}}, false, p); err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.holds, ",") != "customer_id,name" || !strings.Contains(strings.Join(p.lines, "\n"), "P1 [完了] *** → 交換") {
		t.Errorf("card: holds %q\n%s", p.holds, strings.Join(p.lines, "\n"))
	}
	rows := &printer{}
	if _, err := Write(ctx, input(t, false), Options{IDs: []string{"C3"}}, true, rows); err != nil {
		t.Fatal(err)
	}
	if rows.holds != nil || len(rows.lines) != 2 || rows.lines[0] != strings.Join(Columns, "|") {
		t.Errorf("rows:\n%s", strings.Join(rows.lines, "\n"))
	}
	_, err := Write(ctx, input(t, false), Options{IDs: []string{"123"}}, false, rows)
	var h *usererr.HintError
	if !errors.As(err, &h) {
		t.Errorf("missing id: %v, want a hint", err)
	}
}
