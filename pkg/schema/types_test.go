package schema_test

import (
	"testing"

	"github.com/custkit/custkit/pkg/audit"
	"github.com/custkit/custkit/pkg/buyers"
	"github.com/custkit/custkit/pkg/check"
	"github.com/custkit/custkit/pkg/complaint"
	"github.com/custkit/custkit/pkg/contact"
	"github.com/custkit/custkit/pkg/events"
	"github.com/custkit/custkit/pkg/history"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/mailing"
	"github.com/custkit/custkit/pkg/manifest"
	"github.com/custkit/custkit/pkg/recommend"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
)

// TestEveryComputedColumnHasAType holds the columns each operation writes
// to the list of computed types: a new column must be given one.
func TestEveryComputedColumnHasAType(t *testing.T) {
	var items recommend.Items
	lists := map[string][]string{
		"ledger": ledger.Columns, "segment": segment.Columns, "segment summary": segment.SummaryColumns,
		"events": events.Columns, "buyers": buyers.Columns, "mailing dedupe report": mailing.GroupColumns,
		"mailing rejects": mailing.RejectHeader(nil), "check": check.Columns,
		"history": history.Columns, "history card": history.CardColumns,
		"recommend pairs": items.PairHeader(), "recommend suggestions": items.SuggestionHeader(),
		"complaints": complaint.Columns, "contacts": contact.Columns, "contacts due": contact.DueColumns,
		"audit show": audit.Header(true), "audit show json": audit.Fields, "exports list": manifest.Header(true, true),
	}
	for _, b := range complaint.Bys {
		lists["complaints by "+string(b)] = complaint.SummaryColumns(b)
	}
	for _, b := range contact.Bys {
		lists["contacts by "+b] = contact.SummaryColumns(b)
	}
	for name, cols := range lists {
		for _, c := range cols {
			if _, ok := schema.ComputedType(c); ok {
				continue
			}
			if _, ok := schema.LookupField(c); ok {
				continue
			}
			t.Errorf("%s: column %q has no type in computedTypes", name, c)
		}
	}
}

func TestColumnTypes(t *testing.T) {
	header := []string{"顧客番号", "電話番号", "郵便番号", "商品コード", "金額", "売上日", "customer_birthday", "visits",
		"spend", "share", "kept", "ランク", "お会計", "date"}
	want := []schema.Type{schema.Text, schema.Text, schema.Text, schema.Text, schema.Number, schema.Date, schema.Date,
		schema.Integer, schema.Number, schema.Percent, schema.Bool, schema.Text, schema.Number, schema.Date}
	got := schema.ColumnTypes(header, map[string]schema.Aliases{"sales": {schema.Amount: {"お会計"}}})
	for i := range header {
		if got[i] != want[i] {
			t.Errorf("%s: %v, want %v", header[i], got[i], want[i])
		}
	}
	if got := schema.ColumnTypes([]string{"お会計"}, nil); got[0] != schema.Text {
		t.Errorf("お会計 without the alias: %v, want text", got[0])
	}
}
