package config

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/retention"
)

// Retention is the retention block of the config file:
//
//	retention:
//	  customers:  {inactive_after: 5y, action: delete}
//	  sales:      {keep: 7y, on_customer_purge: pseudonymize}
//	  contacts:   {keep: 3y}
//	  complaints: {keep: 5y}
//	  exports:    {keep: 30d}
//	  legal_hold: holds.csv
//	  max_delete: 10%
//
// Values are kept as written; [Retention.Policy] checks them and returns
// them typed. A key that is none of these is reported by [Load], as in
// every section, instead of silently doing nothing.
type Retention struct {
	Customers  CustomerRetention `mapstructure:"customers"`
	Sales      SalesRetention    `mapstructure:"sales"`
	Contacts   AgeRetention      `mapstructure:"contacts"`
	Complaints AgeRetention      `mapstructure:"complaints"`
	Exports    ExportsRetention  `mapstructure:"exports"`
	// LegalHold is a CSV file of customer ids that are never purged;
	// relative to the config file's directory.
	LegalHold string `mapstructure:"legal_hold"`
	// MaxDelete is the default of purge --max-delete: "10%" or a number.
	MaxDelete string `mapstructure:"max_delete"`
}

// CustomerRetention purges customers inactive for a period.
type CustomerRetention struct {
	InactiveAfter string `mapstructure:"inactive_after"`
	Action        string `mapstructure:"action"`
}

// SalesRetention keeps sales lines for a period, and says what becomes of
// the lines of purged customers.
type SalesRetention struct {
	Keep            string `mapstructure:"keep"`
	OnCustomerPurge string `mapstructure:"on_customer_purge"`
}

// AgeRetention keeps rows for a period.
type AgeRetention struct {
	Keep string `mapstructure:"keep"`
}

// ExportsRetention is how long a tracked export lives.
type ExportsRetention struct {
	// Keep is a period such as 30d: the default of --expires.
	Keep string `mapstructure:"keep"`
}

// Policy checks the retention block and returns it typed. Errors name the
// key, such as "retention.customers.action: ..."; the caller adds the file.
// configFile resolves a relative legal_hold path.
func (r *Retention) Policy(configFile string) (retention.Policy, error) {
	var p retention.Policy
	var err error
	if p.Customers, err = r.Customers.rule(); err != nil {
		return p, err
	}
	if p.Sales, err = r.Sales.rule(); err != nil {
		return p, err
	}
	if p.Contacts, err = ageRule("retention.contacts.keep", r.Contacts.Keep); err != nil {
		return p, err
	}
	if p.Complaints, err = ageRule("retention.complaints.keep", r.Complaints.Keep); err != nil {
		return p, err
	}
	if _, err = ageRule("retention.exports.keep", r.Exports.Keep); err != nil {
		return p, err
	}
	p.LegalHold = ResolvePath(configFile, r.LegalHold)
	p.MaxDelete = retention.DefaultLimit
	if r.MaxDelete != "" {
		if p.MaxDelete, err = retention.ParseLimit(r.MaxDelete); err != nil {
			return p, fmt.Errorf("retention.max_delete: %v", err)
		}
	}
	return p, nil
}

func (c CustomerRetention) rule() (retention.CustomerRule, error) {
	var r retention.CustomerRule
	if c.InactiveAfter == "" && c.Action == "" {
		return r, nil
	}
	if c.InactiveAfter == "" {
		return r, fmt.Errorf("retention.customers.inactive_after: missing; say after how long without a purchase a customer is purged (e.g. 5y)")
	}
	age, err := ageRule("retention.customers.inactive_after", c.InactiveAfter)
	if err != nil {
		return r, err
	}
	r.InactiveAfter = age.Keep
	switch a := retention.Action(strings.ToLower(strings.TrimSpace(c.Action))); a {
	case retention.Delete, retention.Anonymize:
		r.Action = a
	case "":
		return r, fmt.Errorf("retention.customers.action: missing; one of %s", strings.Join(retention.Actions, ", "))
	default:
		return r, fmt.Errorf("retention.customers.action: %q is not one of %s", c.Action, strings.Join(retention.Actions, ", "))
	}
	return r, nil
}

func (s SalesRetention) rule() (retention.SalesRule, error) {
	age, err := ageRule("retention.sales.keep", s.Keep)
	if err != nil {
		return retention.SalesRule{}, err
	}
	r := retention.SalesRule{AgeRule: age}
	switch o := retention.OnPurge(strings.ToLower(strings.TrimSpace(s.OnCustomerPurge))); o {
	case "", retention.Pseudonymize, retention.DeleteSales:
		r.OnCustomerPurge = o
	default:
		return r, fmt.Errorf("retention.sales.on_customer_purge: %q is not one of %s", s.OnCustomerPurge, strings.Join(retention.OnPurgeChoices, ", "))
	}
	return r, nil
}

// ageRule parses a keep period; "" is no rule. A period of zero would
// delete everything and is refused.
func ageRule(key, s string) (retention.AgeRule, error) {
	if strings.TrimSpace(s) == "" {
		return retention.AgeRule{}, nil
	}
	p, err := parse.ParsePeriod(s)
	if err != nil {
		return retention.AgeRule{}, fmt.Errorf("%s: %v", key, err)
	}
	if p == (parse.Period{}) {
		return retention.AgeRule{}, fmt.Errorf("%s: %q keeps nothing; give a period such as 30d, 12mo or 5y", key, s)
	}
	return retention.AgeRule{Keep: p, Set: true}, nil
}
