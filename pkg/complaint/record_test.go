package complaint

import (
	"context"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/contactlog"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

func TestNewChangeAndHistory(t *testing.T) {
	st, ch, err := NewChange(contactlog.DefaultStatuses, contactlog.DefaultChannels, "done", "村田", "")
	if err != nil || st.Name != "完了" || ch.Name != "その他" {
		t.Fatalf("NewChange = %v, %v, %v", st, ch, err)
	}
	for _, tt := range []struct{ status, staff, channel, err string }{
		{"", "村田", "", "--status is required"},
		{"done", " ", "", "--staff is required: who handled the complaint"},
		{"done", "村田", "fax", `unknown channel "fax" (known: 電話, 来店, メール, LINE, 手紙, その他)`},
	} {
		if _, _, err := NewChange(contactlog.DefaultStatuses, contactlog.DefaultChannels, tt.status, tt.staff, tt.channel); err == nil || err.Error() != tt.err {
			t.Errorf("NewChange(%q, %q, %q) = %v; want %s", tt.status, tt.staff, tt.channel, err, tt.err)
		}
	}
	c := Change{ID: "C20261122-001", Status: st, Resolution: "交換"}
	if got := c.History("未対応"); got != "[C20261122-001] 未対応 → 完了: 交換" {
		t.Errorf("History = %q", got)
	}
	if s, err := NewStatus(contactlog.DefaultStatuses, "箱", ""); err != nil || s.Name != "未対応" {
		t.Errorf("NewStatus = %v, %v", s, err)
	}
	if _, err := NewStatus(contactlog.DefaultStatuses, "", ""); err == nil || err.Error() != "--summary is required" {
		t.Errorf("NewStatus without summary = %v", err)
	}
}

func salesFile(t *testing.T, text string) record.File {
	t.Helper()
	r, err := rows.NewReader(strings.NewReader(text), rows.Options{Name: "sales.csv"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Sales.Bind(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.File{Reader: r, Binding: b}
}

func TestCategories(t *testing.T) {
	f := salesFile(t, "customer_id,product_id,category\nC1,P1,茶器\nC2,P1,器\nC3,P2,\nC4,P3,菓子\n")
	got, err := Categories(context.Background(), f)
	if err != nil || len(got) != 2 || got["P1"] != "茶器" || got["P3"] != "菓子" {
		t.Errorf("Categories = %v, %v", got, err)
	}
	// A product id a spreadsheet spoiled may be any complained-of one's.
	f = salesFile(t, "customer_id,商品コード,category\nC1,P1,茶器\nC2,4.90123E+12,茶器\n")
	want := `sales.csv:3: column "商品コード": "4.90123E+12" ` + record.ErrScientific.Error()
	if _, err := Categories(context.Background(), f); err == nil || err.Error() != want {
		t.Errorf("Categories = %v, want %s", err, want)
	}
	f = salesFile(t, "customer_id,product_id\nC1,P1\n")
	if _, err := Categories(context.Background(), f); err == nil || !strings.Contains(err.Error(), "needs product_id and category") {
		t.Errorf("Categories without category = %v", err)
	}
}
