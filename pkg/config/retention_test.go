package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/retention"
	"github.com/spf13/viper"
)

// decode reads a YAML config the way the command layer does.
func decode(t *testing.T, text string) *Config {
	t.Helper()
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	c, err := Load("custkit.yaml", v.AllSettings(), []string{"customers"}, func(out any) error { return v.Unmarshal(out) })
	if err != nil {
		t.Fatal(err)
	}
	return &c
}

func TestRetentionPolicy(t *testing.T) {
	c := decode(t, `
retention:
  customers: {inactive_after: 5y, action: Anonymize}
  sales: {keep: 7 years, on_customer_purge: pseudonymize}
  contacts: {keep: 3年}
  exports: {keep: 30d}
  legal_hold: holds/legal.csv
  max_delete: 2.5%
`)
	p, err := c.Retention.Policy(filepath.Join("shop", "custkit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := retention.Policy{
		Customers: retention.CustomerRule{InactiveAfter: parse.Period{Years: 5}, Action: retention.Anonymize},
		Sales:     retention.SalesRule{AgeRule: retention.AgeRule{Keep: parse.Period{Years: 7}, Set: true}, OnCustomerPurge: retention.Pseudonymize},
		Contacts:  retention.AgeRule{Keep: parse.Period{Years: 3}, Set: true},
		LegalHold: filepath.Join("shop", "holds", "legal.csv"),
		MaxDelete: retention.Limit{Percent: 2.5, IsPercent: true},
	}
	if p != want {
		t.Errorf("got %+v\nwant %+v", p, want)
	}
	if c.Retention.Exports.Keep != "30d" {
		t.Errorf("exports.keep %q", c.Retention.Exports.Keep)
	}
	empty, err := decode(t, "customers: c.csv\n").Retention.Policy("")
	if err != nil || !empty.Empty() || empty.MaxDelete != retention.DefaultLimit {
		t.Errorf("no retention block: %+v, %v", empty, err)
	}
}

func TestRetentionPolicyErrors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"retention: {customers: {inactive_after: 5y, action: purge}}", `retention.customers.action: "purge" is not one of delete, anonymize`},
		{"retention: {customers: {inactive_after: 5y}}", "retention.customers.action: missing; one of delete, anonymize"},
		{"retention: {customers: {action: delete}}", "retention.customers.inactive_after: missing"},
		{"retention: {sales: {keep: 7 yrs}}", `retention.sales.keep: period "7 yrs": unknown unit "yrs"`},
		{"retention: {sales: {keep: \"2555\"}}", `retention.sales.keep: period "2555" has no unit: write 2555d, 365w, 84m or 7y`},
		{"retention: {sales: {keep: 0d}}", `retention.sales.keep: "0d" keeps nothing`},
		{"retention: {sales: {keep: 7y, on_customer_purge: keep}}", `retention.sales.on_customer_purge: "keep" is not one of pseudonymize, delete`},
		{"retention: {exports: {keep: soon}}", `retention.exports.keep: period "soon": expected a number`},
		{"retention: {customers: {inactive_after: 5y, action: delete}, max_delete: lots}", `retention.max_delete: "lots" is not a share of customers`},
	}
	for _, tt := range cases {
		_, err := decode(t, tt.yaml).Retention.Policy("")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.yaml, err, tt.want)
		}
	}
}
