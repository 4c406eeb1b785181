// Package history builds one or more customers' timelines: their purchases
// grouped by receipt, and their contacts and complaints, in time order.
// It answers the question at the counter, "what has this customer bought
// before?".
//
// [Find] picks the customers out of the customers file (all or nothing: an
// unknown id is a [MissingError] naming every missing id). A [Builder] then
// reads the sales file once, on all cores, keeping only the lines of those
// customers, and the contacts and complaints files if given;
// [Builder.Timelines] returns the events sorted. Memory follows the chosen
// customers' events, never the files.
package history

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Kind is the kind of an event.
type Kind string

// The kinds of event, as written in the event column.
const (
	Sale      Kind = "sale"
	Return    Kind = "return" // the return lines of a receipt (record.Totals.Net)
	Contact   Kind = "contact"
	Complaint Kind = "complaint"
)

// Item is one sales line of a receipt.
type Item struct {
	At                               time.Time
	ProductID, ProductName, Category string
	Quantity, Amount                 parse.Decimal
}

// Receipt is one visit: the lines of a receipt id on one day in one store
// (see [record.Decoder.AppendReceiptKey]), in file order.
type Receipt struct {
	ID, Store        string
	Items            []Item
	Quantity, Amount parse.Decimal
}

// Note is a contact or a complaint, with the fields its file has.
type Note struct {
	Staff, Channel                string // contacts
	ProductID, Status, Resolution string // complaints
	Summary                       string
}

// Event is one entry of a timeline: a receipt, a contact or a complaint.
type Event struct {
	Kind    Kind
	At      time.Time // the receipt's earliest line, or the note's date
	Receipt *Receipt  // for Sale and Return
	Note    *Note     // for Contact and Complaint
}

// Totals sum up a timeline: Receipts are visits (receipts with a sale
// line); Lines, Quantity and Amount cover returns too, net.
type Totals struct {
	Receipts, Lines      int
	Quantity, Amount     parse.Decimal
	Contacts, Complaints int
}

// Timeline is one customer's history.
type Timeline struct {
	Customer customer.Row
	Events   []Event
	Totals   Totals
}

// MissingError names the ids that a customers file does not have.
type MissingError struct {
	File string
	IDs  []string
}

func (e *MissingError) Error() string {
	q := make([]string, len(e.IDs))
	for i, id := range e.IDs {
		q[i] = fmt.Sprintf("%q", id)
	}
	noun := "id"
	if len(q) > 1 {
		noun = "ids"
	}
	return fmt.Sprintf("%s: no customer with %s %s", e.File, noun, strings.Join(q, ", "))
}

// Options configure Find and the Builder.
type Options struct {
	// IDs are the customers Find picks, in the order of their timelines.
	IDs []string
	// KeyNormalize matches ids after [customer.NormalizeKey]; otherwise they
	// match as text (000123 is not 123).
	KeyNormalize bool
	// Workers is the number of sales blocks worked on at once; 0: one per CPU.
	Workers int
}

// Find returns the customers with the ids of opts.IDs from the customers
// file, in that order, each once. If any id is missing it returns a
// *MissingError naming all of them, and no rows.
func Find(ctx context.Context, customers record.File, opts Options) ([]customer.Row, error) {
	found, _, err := find(ctx, customers, opts)
	return found, err
}

// find is Find that also returns, without opts.KeyNormalize, the ids of
// the customers file that are a wanted id after [customer.NormalizeKey]
// (000101 and 101 for 101), the wanted ones too: a sales line with such
// an id is that customer's, not a near miss ([Builder.Near]).
func find(ctx context.Context, customers record.File, opts Options) ([]customer.Row, map[string]bool, error) {
	r, b, ids := customers.Reader, customers.Binding, opts.IDs
	var keys []string
	want := map[string]bool{}
	written := map[string]string{} // key → the id as the user wrote it
	for _, id := range ids {
		k := key([]byte(id), opts.KeyNormalize)
		if !want[k] {
			want[k], written[k] = true, id
			keys = append(keys, k)
		}
	}
	var wantNear map[string]bool
	if !opts.KeyNormalize {
		wantNear = make(map[string]bool, len(keys))
		for _, k := range keys {
			wantNear[key([]byte(k), true)] = true
		}
	}
	var mu sync.Mutex
	known := map[string]bool{}
	found, err := customer.Select(ctx, r, b, func(k []byte) bool {
		if wantNear != nil && wantNear[key(k, true)] {
			mu.Lock()
			known[string(k)] = true
			mu.Unlock()
		}
		return want[string(k)]
	}, customer.SelectOptions{KeyNormalize: opts.KeyNormalize, Workers: opts.Workers})
	if err != nil {
		return nil, nil, err
	}
	byKey := map[string]customer.Row{}
	for _, row := range found {
		byKey[row.Key] = row
	}
	out := make([]customer.Row, 0, len(keys))
	var missing []string
	for _, k := range keys {
		row, ok := byKey[k]
		if !ok {
			missing = append(missing, written[k])
			continue
		}
		out = append(out, row)
	}
	if len(missing) > 0 {
		return nil, nil, &MissingError{File: r.Name(), IDs: missing}
	}
	return out, known, nil
}

func key(id []byte, normalize bool) string {
	if normalize {
		id, _ = customer.NormalizeKey(id)
	}
	return string(id)
}

// Builder collects the events of a set of customers.
type Builder struct {
	opts      Options
	index     map[string]int // customer key → timeline
	timelines []Timeline
	receipts  []map[string]int // per timeline: receipt key → index of its event
	// Sales is what the sale filter left out (voided receipts), after
	// AddSales.
	Sales record.SaleCounts
	// Near counts, after AddSales, the sales lines whose id is a chosen
	// customer's only after customer.NormalizeKey (105 for 000105), when
	// the Builder was told the customers file's ids (WatchNear).
	Near  customer.NearMiss
	near  map[string]string // a chosen key after NormalizeKey → the key
	known map[string]bool   // the customers file's ids that are near ones
}

// NewBuilder starts timelines for the customers, in their order.
func NewBuilder(customers []customer.Row, opts Options) *Builder {
	b := &Builder{opts: opts, index: map[string]int{}}
	for _, c := range customers {
		b.index[c.Key] = len(b.timelines)
		b.timelines = append(b.timelines, Timeline{Customer: c})
		b.receipts = append(b.receipts, map[string]int{})
	}
	return b
}

// WatchNear makes AddSales count in Near the lines whose id is not a
// chosen customer's but is one after customer.NormalizeKey, unless the
// customers file has that id too (known: the customers file's ids that
// are a chosen one after NormalizeKey). It does nothing with
// Options.KeyNormalize, which matches such ids already.
func (b *Builder) WatchNear(known map[string]bool) {
	if b.opts.KeyNormalize {
		return
	}
	b.near, b.known = make(map[string]string, len(b.index)), known
	for k := range b.index {
		b.near[key([]byte(k), true)] = k
	}
}

// nearOf returns the chosen customer's key that id is after
// NormalizeKey, when it is not an id of the customers file.
func (b *Builder) nearOf(id []byte) (string, bool) {
	if b.near == nil || len(id) == 0 {
		return "", false
	}
	k, ok := b.near[key(id, true)]
	if !ok || b.known[string(id)] {
		return "", false
	}
	return k, true
}

// sale is a line found in a block, before it joins its receipt.
type sale struct {
	timeline   int
	kind       Kind // Sale or Return
	receiptKey string
	receiptID  string
	store      string
	item       Item
}

// AddSales reads the sales file and adds the chosen customers' lines,
// grouped by receipt.
func (b *Builder) AddSales(ctx context.Context, sales record.File) error {
	// Each sales file is read by its own columns (record.PerFile): a
	// later file without a date column is an error naming it.
	files, _, err := record.NewPerFile(sales, newSalesRules)
	if err != nil {
		return err
	}
	workers := b.opts.Workers
	if workers == 0 {
		workers = rows.Workers()
	}
	type found struct {
		sales  []sale
		counts record.SaleCounts
		near   customer.NearMiss
	}
	return rows.EachBlock(ctx, sales.Reader, workers, func(blk *rows.Block) (found, error) {
		var f found
		r, err := files.Of(blk)
		if err != nil {
			return f, err
		}
		var scratch []byte
		sc := r.scan.Clone()
		// Only the customer id decides whether a line is wanted: the
		// other fields are split for the few lines that are.
		err = blk.EachPrefix(r.idCol+1, func(rec *rows.Record) error {
			tl, ok := b.lookup(rec.Fields[r.idCol])
			if !ok {
				if k, ok := b.nearOf(rec.Fields[r.idCol]); ok {
					f.near.Add(rec.Fields[r.idCol], k)
				}
				return nil
			}
			rec.Extend(r.width)
			if _, ok, err := sc.Scan(rec); err != nil || !ok {
				return err
			}
			s, err := readSale(r.dec, r.totals, rec, &scratch)
			s.timeline = tl
			f.sales = append(f.sales, s)
			return err
		})
		blk.Release()
		f.counts = sc.Counts
		return f, err
	}, func(f found) error {
		b.Sales.Add(f.counts)
		b.Near.Merge(f.near)
		for i := range f.sales {
			b.addSale(&f.sales[i])
		}
		return nil
	})
}

// salesRules are how the lines of one sales file are read.
type salesRules struct {
	dec          *record.Decoder
	scan         *record.SaleScanner
	totals       record.Totals
	idCol, width int
}

func newSalesRules(dec *record.Decoder) (*salesRules, error) {
	bind := dec.Binding()
	if bind.Col(schema.SoldAt) < 0 {
		return nil, dec.HeaderError(fmt.Errorf("no column maps to %s; a history needs the date of each sale", schema.SoldAt))
	}
	if err := dec.RequireSpend(); err != nil {
		return nil, err
	}
	// The sale filter every sales pass shares leaves voided receipts out;
	// the customers are chosen here, by key.
	scan, err := record.NewSaleScanner(dec, record.SaleFilter{}, true)
	if err != nil {
		return nil, err
	}
	return &salesRules{dec: dec, scan: scan, totals: dec.Totals(), idCol: bind.Col(schema.CustomerID), width: len(bind.Header)}, nil
}

// lookup finds the timeline of a customer id; safe for concurrent use.
func (b *Builder) lookup(id []byte) (int, bool) {
	if len(id) == 0 {
		return 0, false
	}
	if b.opts.KeyNormalize {
		id, _ = customer.NormalizeKey(id)
	}
	tl, ok := b.index[string(id)]
	return tl, ok
}

func readSale(dec *record.Decoder, totals record.Totals, rec *rows.Record, scratch *[]byte) (sale, error) {
	at, err := dec.RequireDate(rec, schema.SoldAt)
	if err != nil {
		return sale{}, err
	}
	qty, amount, ret, err := totals.Net(rec)
	if err != nil {
		return sale{}, err
	}
	kind := Sale
	*scratch = dec.AppendReceiptKey((*scratch)[:0], rec, at)
	if ret {
		// A receipt's returns are an event of their own, beside its sale.
		kind, *scratch = Return, append(*scratch, 0, 'r')
	}
	return sale{
		kind:       kind,
		receiptKey: string(*scratch),
		receiptID:  dec.Text(rec, schema.ReceiptID),
		store:      dec.Text(rec, schema.StoreID),
		item: Item{At: at, ProductID: dec.Text(rec, schema.ProductID), ProductName: dec.Text(rec, schema.ProductName),
			Category: dec.Text(rec, schema.Category), Quantity: qty, Amount: amount},
	}, nil
}

func (b *Builder) addSale(s *sale) {
	tl := &b.timelines[s.timeline]
	i, ok := b.receipts[s.timeline][s.receiptKey]
	if !ok {
		i = len(tl.Events)
		b.receipts[s.timeline][s.receiptKey] = i
		tl.Events = append(tl.Events, Event{Kind: s.kind, At: s.item.At, Receipt: &Receipt{ID: s.receiptID, Store: s.store}})
		if s.kind == Sale {
			tl.Totals.Receipts++
		}
	}
	ev := &tl.Events[i]
	rc := ev.Receipt
	rc.Items = append(rc.Items, s.item)
	rc.Quantity += s.item.Quantity
	rc.Amount += s.item.Amount
	if s.item.At.Before(ev.At) {
		ev.At = s.item.At
	}
	tl.Totals.Lines++
	tl.Totals.Quantity += s.item.Quantity
	tl.Totals.Amount += s.item.Amount
}

// AddContacts reads a contacts file and adds the chosen customers' contacts.
func (b *Builder) AddContacts(ctx context.Context, contacts record.File) error {
	return b.addNotes(ctx, contacts, Contact, schema.ContactedAt, func(dec *record.Decoder, rec *rows.Record) *Note {
		return &Note{Staff: dec.Text(rec, schema.Staff), Channel: dec.Text(rec, schema.Channel), Summary: dec.Text(rec, schema.Summary)}
	})
}

// AddComplaints reads a complaints file and adds the chosen customers'
// complaints.
func (b *Builder) AddComplaints(ctx context.Context, complaints record.File) error {
	return b.addNotes(ctx, complaints, Complaint, schema.ReceivedAt, func(dec *record.Decoder, rec *rows.Record) *Note {
		return &Note{ProductID: dec.Text(rec, schema.ProductID), Status: dec.Text(rec, schema.Status),
			Resolution: dec.Text(rec, schema.Resolution), Summary: dec.Text(rec, schema.Summary)}
	})
}

// addNotes reads a small file of dated notes line by line.
// It gives up when ctx is cancelled.
func (b *Builder) addNotes(ctx context.Context, f record.File, kind Kind, date schema.Field, note func(*record.Decoder, *rows.Record) *Note) error {
	r, bind, dec := f.Reader, f.Binding, f.Decoder()
	if bind.Col(date) < 0 {
		return dec.HeaderError(fmt.Errorf("no column maps to %s; a history needs the date of each %s", date, kind))
	}
	idCol := bind.Col(schema.CustomerID)
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		tl, ok := b.lookup(rec.Fields[idCol])
		if !ok {
			continue
		}
		at, err := dec.RequireDate(rec, date)
		if err != nil {
			return err
		}
		t := &b.timelines[tl]
		t.Events = append(t.Events, Event{Kind: kind, At: at, Note: note(dec, rec)})
		if kind == Contact {
			t.Totals.Contacts++
		} else {
			t.Totals.Complaints++
		}
	}
}

// Timelines returns the timelines in the customers' order, each newest
// event first, or oldest first. Events at the same time keep the order they
// were read in: sales, then contacts, then complaints. Call it once, after
// the files are added.
func (b *Builder) Timelines(oldestFirst bool) []Timeline {
	for i := range b.timelines {
		ev := b.timelines[i].Events
		sort.SliceStable(ev, func(x, y int) bool {
			if oldestFirst {
				return ev[x].At.Before(ev[y].At)
			}
			return ev[x].At.After(ev[y].At)
		})
	}
	return b.timelines
}
