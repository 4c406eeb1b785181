package history

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/sink"
)

// Card writes timelines: as one 顧客カルテ (customer card) per customer
// for printed formats, or as one row per event for the others.
type Card struct {
	Header []string // the customers file's header
	IDCol  int      // the column of the customer id in Header
	// Contacts and Complaints say whether those files were read, so that
	// the totals count them.
	Contacts, Complaints bool
}

// CardSink is where cards are printed: a table format that takes lines of
// text between tables, and masks personal data in them as it masks the
// table cells. The caller tells it that its output holds Header's columns.
type CardSink interface {
	sink.Rows
	Note(line string) error
	Mask(column, value string) string
}

// Columns are the columns of the one-row-per-event formats.
var Columns = []string{"customer_id", "event", "date", "store_id", "receipt_id", "product_id", "product_name",
	"category", "quantity", "amount", "staff", "channel", "status", "summary", "resolution"}

// CardColumns are the columns of a card's timeline table.
var CardColumns = []string{"date", "event", "store", "receipt", "lines", "detail", "amount"}

// WriteRows writes the timelines as rows of Columns, one per sales line
// (the lines of a receipt together), contact or complaint.
func (c Card) WriteRows(out sink.Rows, timelines []Timeline) error {
	if err := out.WriteHeader(Columns); err != nil {
		return err
	}
	for _, tl := range timelines {
		id := tl.Customer.Fields[c.IDCol]
		for _, ev := range tl.Events {
			for _, row := range eventRows(id, ev) {
				if err := out.Write(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// eventRows turns an event into rows of Columns: one per sales line for a
// receipt, one for a contact or complaint.
func eventRows(id string, ev Event) [][]string {
	if ev.Receipt == nil {
		n := ev.Note
		return [][]string{{id, string(ev.Kind), parse.FormatDateTime(ev.At), "", "", n.ProductID, "", "", "", "",
			n.Staff, n.Channel, n.Status, n.Summary, n.Resolution}}
	}
	r := ev.Receipt
	out := make([][]string, len(r.Items))
	for i, it := range r.Items {
		out[i] = []string{id, string(ev.Kind), parse.FormatDateTime(it.At), r.Store, r.ID, it.ProductID, it.ProductName,
			it.Category, it.Quantity.String(), it.Amount.String(), "", "", "", "", ""}
	}
	return out
}

// Print writes one card per customer: its columns, masked like the table
// cells, then its timeline and totals.
func (c Card) Print(out CardSink, timelines []Timeline) error {
	for i, tl := range timelines {
		lines := []string{"顧客カルテ " + tl.Customer.Fields[c.IDCol]}
		if i > 0 {
			lines = append([]string{""}, lines...)
		}
		for col, h := range c.Header {
			if v := tl.Customer.Fields[col]; col != c.IDCol && v != "" {
				lines = append(lines, fmt.Sprintf("  %s: %s", h, out.Mask(h, v)))
			}
		}
		if err := notes(out, lines...); err != nil {
			return err
		}
		if err := c.timeline(out, tl); err != nil {
			return err
		}
		end := []string{c.totals(tl.Totals)}
		if len(tl.Events) > 0 {
			end = append([]string{""}, end...) // a blank line ends a markdown table
		}
		if err := notes(out, end...); err != nil {
			return err
		}
	}
	return nil
}

func notes(out CardSink, lines ...string) error {
	for _, l := range lines {
		if err := out.Note(l); err != nil {
			return err
		}
	}
	return nil
}

func (c Card) timeline(out CardSink, tl Timeline) error {
	if len(tl.Events) == 0 {
		return notes(out, "  (nothing recorded)")
	}
	if err := notes(out, ""); err != nil {
		return err
	}
	if err := out.WriteHeader(CardColumns); err != nil {
		return err
	}
	for _, ev := range tl.Events {
		if err := out.Write(cardRow(out, ev)); err != nil {
			return err
		}
	}
	return nil
}

// cardRow is one row of the card's table; out masks the notes' text.
func cardRow(out CardSink, ev Event) []string {
	at := cardTime(ev.At)
	switch ev.Kind {
	case Sale, Return:
		r := ev.Receipt
		items := make([]string, len(r.Items))
		for i, it := range r.Items {
			items[i] = itemText(it)
		}
		return []string{at, string(ev.Kind), r.Store, r.ID, strconv.Itoa(len(r.Items)), strings.Join(items, ", "), r.Amount.String()}
	case Contact:
		n := ev.Note
		detail := strings.Trim(n.Channel+" / "+n.Staff, " /") + ": " + out.Mask(string(schema.Summary), n.Summary)
		return []string{at, string(ev.Kind), "", "", "", detail, ""}
	}
	n := ev.Note
	detail := strings.TrimSpace(n.ProductID + " [" + n.Status + "] " + out.Mask(string(schema.Summary), n.Summary))
	if n.Resolution != "" {
		detail += " → " + out.Mask(string(schema.Resolution), n.Resolution)
	}
	return []string{at, string(ev.Kind), "", "", "", detail, ""}
}

// itemText is a sales line in a card: the product name (or id), and the
// quantity when it is not one.
func itemText(it Item) string {
	s := it.ProductName
	if s == "" {
		s = it.ProductID
	}
	if it.Quantity != parse.DecimalScale {
		s += " ×" + it.Quantity.String()
	}
	return s
}

// cardTime writes a date, with the time of day when there is one.
func cardTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return parse.FormatDate(t)
	}
	return t.Format("2006-01-02 15:04")
}

func (c Card) totals(t Totals) string {
	s := fmt.Sprintf("  totals: %s, %s, quantity %s, amount %s", english.Count(t.Receipts, "receipt"), english.Count(t.Lines, "line"), t.Quantity, t.Amount)
	if c.Contacts {
		s += "; " + english.Count(t.Contacts, "contact")
	}
	if c.Complaints {
		s += "; " + english.Count(t.Complaints, "complaint")
	}
	return s
}
