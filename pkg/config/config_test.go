package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/schema"
)

func TestSchemaAliases(t *testing.T) {
	c := &Config{Aliases: map[string]map[string][]string{
		"sales":     {"customer_id": {"会員No", "カードNo"}, "amount": {"税込金額"}},
		"customers": {"name": {"お客様名"}},
	}}
	got, err := c.SchemaAliases(schema.Sales)
	want := schema.Aliases{schema.CustomerID: {"会員No", "カードNo"}, schema.Amount: {"税込金額"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("sales: %v %v", got, err)
	}
	if got, err := c.SchemaAliases(schema.Contacts); err != nil || got != nil {
		t.Errorf("contacts (none configured): %v %v", got, err)
	}
	all, err := c.AllAliases()
	if err != nil || len(all) != 4 || all["customers"][schema.Name][0] != "お客様名" || all["complaints"] != nil {
		t.Errorf("AllAliases: %v %v", all, err)
	}
	// The aliases work in a binding.
	b, err := schema.Sales.Bind([]string{"会員No", "税込金額"}, all["sales"])
	if err != nil || b.Col(schema.CustomerID) != 0 || b.Col(schema.Amount) != 1 {
		t.Errorf("binding with config aliases: %v %v", b, err)
	}
}

func TestSchemaAliasesRejectsUnknownNames(t *testing.T) {
	tests := []struct {
		aliases map[string]map[string][]string
		msg     string
	}{
		{map[string]map[string][]string{"sales": {"customer_no": {"x"}}},
			`aliases.sales.customer_no: sales files have no field "customer_no" (fields: amount, amount_tax_excluded, cancelling, category, customer_id, kind, product_id, product_name, quantity, receipt_id, sold_at, sold_time, store_id, transaction_class, unit_price, void)`},
		{map[string]map[string][]string{"sales": {"name": {"氏名"}}},
			`aliases.sales.name: sales files have no field "name"`},
		{map[string]map[string][]string{"orders": {"customer_id": {"x"}}},
			`aliases.orders: unknown kind of file (known: customers, sales, contacts, complaints)`},
	}
	for _, tt := range tests {
		c := &Config{Aliases: tt.aliases}
		_, err := c.AllAliases()
		if err == nil || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("got %v, want %s", err, tt.msg)
		}
	}
}

func TestResolvePath(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "sales.csv")
	tests := []struct {
		config, path, want string
	}{
		{"examples/custkit.yaml", "sales.csv", filepath.Join("examples", "sales.csv")},
		{"examples/custkit.yaml", "data/sales.csv", filepath.Join("examples", "data", "sales.csv")},
		{"examples/custkit.yaml", "../sales.csv", "sales.csv"},
		{"/etc/custkit/config.yaml", "sales.csv", "/etc/custkit/sales.csv"},
		{"custkit.yaml", "sales.csv", "sales.csv"},
		{"examples/custkit.yaml", abs, abs},
		{"examples/custkit.yaml", "-", "-"},
		{"examples/custkit.yaml", "", ""},
		{"", "sales.csv", "sales.csv"},
	}
	for _, tt := range tests {
		if got := ResolvePath(tt.config, tt.path); got != tt.want {
			t.Errorf("ResolvePath(%q, %q) = %q, want %q", tt.config, tt.path, got, tt.want)
		}
	}
}
