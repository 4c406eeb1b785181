package retention

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// dateField is the date the age rule of each kind of file looks at.
var dateField = map[string]schema.Field{
	schema.Sales.Name:      schema.SoldAt,
	schema.Contacts.Name:   schema.ContactedAt,
	schema.Complaints.Name: schema.ReceivedAt,
}

// rowRule classifies the rows of one file: where its customer id and date
// are, and the first day its age rule keeps.
type rowRule struct {
	kind    schema.Kind
	file    string
	header  []string
	idCol   int
	dateCol int   // -1: the date is not needed
	cut     int32 // noDay: no age rule
	// void is the void column of a sales file: a voided receipt is no
	// purchase, so it keeps no customer active; its lines are kept, aged
	// and pseudonymised like any other (bookkeeping). It judges no line
	// itself: each block judges its lines, in order, with a copy.
	void record.VoidLines
	// binding is the file's header binding, which says whether a number
	// in the date column is an Excel serial day.
	binding *schema.Binding
}

// newRule binds the rule of src's kind. A file whose rule needs a date
// column it does not have is an error naming the setting that needs it.
func (st *state) newRule(p *Plan, kind schema.Kind, src *source) (*rowRule, error) {
	b := src.Binding
	r := &rowRule{kind: kind, file: src.path, header: src.Header(), idCol: b.Col(schema.CustomerID), dateCol: -1, cut: noDay, binding: b}
	f, dated := dateField[kind.Name]
	if !dated {
		return r, nil
	}
	cutoff, hasRule := p.Cutoff(kind)
	needs := ""
	switch {
	case hasRule:
		r.cut = dayNumber(cutoff)
		needs = fmt.Sprintf("retention.%s.keep", kind.Name)
	case kind.Name == schema.Sales.Name && p.Policy.Customers.Action != "":
		needs = "retention.customers.inactive_after (a customer's last purchase)"
	default:
		return r, nil
	}
	if kind.Name == schema.Sales.Name {
		r.void = record.NewDecoder(src.path, b).VoidLines()
	}
	if r.dateCol = b.Col(f); r.dateCol < 0 {
		return nil, record.HeaderError(src.path, b, fmt.Errorf("no column maps to %s, which %s needs (tried %s)", f, needs, strings.Join(kind.Names(f, st.opts.Aliases[kind.Name]), ", ")))
	}
	return r, nil
}

func (r *rowRule) isCustomers() bool { return r.kind.Name == schema.Customers.Name }

// facts are what the rule reads from one row.
type facts struct {
	held, old bool
	void      bool  // a line of a voided receipt: no purchase
	idx       int   // the customer, -1 if not in the customers file
	day       int32 // noDay if the row has no date (or none is needed)
}

// classify reads a row's customer and date, and judges its void state
// with void, the block's copy of r.void.
func (r *rowRule) classify(st *state, rec *rows.Record, void *record.VoidLines) (facts, error) {
	key, _ := customer.NormalizeKey(rec.Fields[r.idCol])
	f := facts{held: st.held(key), idx: -1, day: noDay}
	if len(key) > 0 {
		f.idx = st.index.Lookup(key)
	}
	if r.dateCol >= 0 {
		if v := bytes.TrimSpace(rec.Fields[r.dateCol]); len(v) > 0 {
			t, err := parse.DateBytes(v)
			if err != nil {
				t, err = record.Serial(r.binding, v, err)
			}
			if err != nil {
				return f, &rows.Error{File: rec.In(r.file), Line: rec.Line, Column: r.header[r.dateCol], Value: string(rec.Fields[r.dateCol]), Err: err}
			}
			f.day = dayNumber(t)
		}
	}
	f.old = r.cut != noDay && f.day != noDay && f.day < r.cut
	var err error
	f.void, _, err = void.Judge(rec)
	return f, err
}

// fate decides a row, once every customer's fate is known. A row under
// legal hold is never changed; it counts as held when the policy would have
// changed it.
func (r *rowRule) fate(st *state, f facts) Fate {
	if r.isCustomers() {
		return st.fate[f.idx]
	}
	switch {
	case f.old && f.held:
		return Held
	case f.old:
		return Deleted
	case f.idx >= 0 && st.fate[f.idx] == Held:
		return Held
	case st.isPurged(f.idx):
		return st.purgedFate(r.kind)
	}
	return Kept
}

// saleFacts is what one block of the sales file tells the scan.
type saleFacts struct {
	buys   []int64 // customer<<32 | day, for dated lines of known customers
	recent []int32 // customers of lines within the keep period
	counts Counts  // lines whose fate does not depend on a customer's fate
}

// scanSales reads a sales file once, on all cores: each known customer's
// last purchase, how many of their lines are within the keep period, and the
// fate of every other line.
func (st *state) scanSales(ctx context.Context, p *Plan, path string) (*FilePlan, error) {
	src, err := st.open(ctx, path, schema.Sales, "reading")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	rule, err := st.newRule(p, schema.Sales, src)
	if err != nil {
		return nil, err
	}
	fp := &FilePlan{Kind: schema.Sales, Path: path}
	err = rows.EachBlock(ctx, src.Reader, st.opts.Workers, func(b *rows.Block) (*saleFacts, error) {
		defer b.Release()
		return st.saleBlock(rule, b)
	}, func(sf *saleFacts) error {
		st.addSales(sf, &fp.Counts)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if fp.SHA256, fp.Size, _, err = src.finish(); err != nil {
		return nil, err
	}
	fp.Skipped = src.Skipped()
	return fp, nil
}

func (st *state) saleBlock(rule *rowRule, b *rows.Block) (*saleFacts, error) {
	// About one line per 64 bytes: a sales line is rarely shorter.
	sf := &saleFacts{buys: make([]int64, 0, b.Bytes()/64), recent: make([]int32, 0, b.Bytes()/64)}
	void := rule.void
	err := b.Each(func(rec *rows.Record) error {
		f, err := rule.classify(st, rec, &void)
		if err != nil {
			return err
		}
		if f.idx >= 0 && f.day != noDay && !f.void {
			sf.buys = append(sf.buys, int64(f.idx)<<32|int64(uint32(f.day)))
		}
		switch {
		case f.old && f.held:
			sf.counts.add(Held)
		case f.old:
			sf.counts.add(Deleted)
		case f.idx >= 0:
			sf.recent = append(sf.recent, int32(f.idx))
		default:
			sf.counts.add(Kept)
		}
		return nil
	})
	return sf, err
}

func (st *state) addSales(sf *saleFacts, c *Counts) {
	for _, b := range sf.buys {
		i, d := int(b>>32), int32(uint32(b))
		if d > st.lastBuy[i] {
			st.lastBuy[i] = d
		}
	}
	for _, i := range sf.recent {
		st.recent[i]++
	}
	c.merge(sf.counts)
}

// salesCounts adds the lines of known customers within the keep period,
// now that each customer's fate is known.
func (st *state) salesCounts(c Counts) Counts {
	for i, n := range st.recent {
		if n == 0 {
			continue
		}
		f := Kept
		switch {
		case st.fate[i] == Held:
			f = Held
		case st.isPurged(i):
			f = st.purgedFate(schema.Sales)
		}
		c.addN(f, int64(n))
	}
	return c
}
