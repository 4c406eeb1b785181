// Package config holds custkit's settings as typed values. The command layer
// reads the config file, CUSTKIT_* variables and flags (through viper) and
// decodes them into a [Config]; nothing below the command layer reads
// settings any other way, and there is no package-level state.
package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/schema"
)

// Config is everything the config file can say beyond flag defaults.
type Config struct {
	// Aliases adds header names per kind of file and field:
	//   aliases: {sales: {customer_id: [会員No]}}
	Aliases map[string]map[string][]string `mapstructure:"aliases"`
	// Privacy lists extra columns to treat as personal data.
	Privacy Privacy `mapstructure:"privacy"`
	// Retention is the retention policy of "custkit purge"; exports.keep
	// is also the default --expires of tracked exports.
	Retention Retention `mapstructure:"retention"`
	// Redact holds the named redaction policies of "custkit redact".
	Redact Redact `mapstructure:"redact"`
	// Exports says where the export manifest is kept.
	Exports Exports `mapstructure:"exports"`
	// Audit says where the access log is kept.
	Audit Audit `mapstructure:"audit"`
	// Segment sets the thresholds of custkit segment's named segments.
	Segment Segment `mapstructure:"segment"`
	// Mailing adds the shop's own consent marks.
	Mailing Mailing `mapstructure:"mailing"`
	// Amount is which amount of a sales line spend adds up: tax_included
	// (the default: 税込金額, 合計, Net Sales) or tax_excluded (税抜金額,
	// 小計, 純売上高).
	Amount string `mapstructure:"amount"`
	// Dates says how date columns are read.
	Dates Dates `mapstructure:"dates"`
	// Files are the settings of the input files the config's lists
	// (customers, sales, contacts, complaints) give as mappings, by path
	// (see [FileSettings]).
	Files map[string]FileSettings `mapstructure:"-"`
	// FollowUp names the channels of contacts and the statuses of
	// complaints (custkit contact add, complaint add/update).
	FollowUp FollowUp `mapstructure:"follow_up"`
	// Access says who may read encrypted files, and what each member of
	// staff may do.
	Access Access `mapstructure:"access"`
}

// Dates settings:
//
//	dates:
//	  excel_serial: true   # read 45618 in a date column as 2024-11-22
type Dates struct {
	// ExcelSerial reads a number in a date column (birthday, sold_at,
	// registered_at ...) as an Excel serial day number of the 1900 date
	// system, its fraction the time of day. Off (the default), such a
	// number is an error that says what it looks like.
	ExcelSerial bool `mapstructure:"excel_serial"`
}

// Basis returns the amount basis the config names (see [Config.Amount]).
func (c *Config) Basis() (schema.Basis, error) { return schema.ParseBasis(c.Amount) }

// Mailing settings: the shop's own spellings of consent in the customers
// file, read besides the built-in ones (1/0, 可/不可, ○/×, 有/無 ...):
//
//	mailing:
//	  consent:
//	    agreed: [済, ◎]
//	    refused: [辞退]
type Mailing struct {
	Consent ConsentMarks `mapstructure:"consent"`
}

// ConsentMarks lists consent spellings by answer. The keys are agreed and
// refused rather than yes and no, which YAML 1.1 readers take for booleans.
type ConsentMarks struct {
	Agreed  []string `mapstructure:"agreed"`
	Refused []string `mapstructure:"refused"`
}

// Redact settings:
//
//	redact:
//	  policies:
//	    printer: {drop: [phone, email], hash: [customer_id], mask: {name: "first=1"}}
type Redact struct {
	Policies map[string]redact.Spec `mapstructure:"policies"`
}

// Exports settings.
type Exports struct {
	// Manifest is the export manifest file; default
	// $XDG_STATE_HOME/custkit/exports.csv.
	Manifest string `mapstructure:"manifest"`
}

// Audit settings.
type Audit struct {
	// Log is the access log file; default $XDG_STATE_HOME/custkit/audit.jsonl.
	Log string `mapstructure:"log"`
}

// Segment holds the thresholds of the named segments of custkit segment.
// A setting left out (empty, or 0) keeps its default:
//
//	segment:
//	  new_within: 90d            # registered (else first visit) this recent: new
//	  lapse_after: 1y            # no visit for this long: lapsed
//	  loyal_min_frequency: 4     # loyal: F score (1-5) at least this...
//	  loyal_min_monetary: 4      # ...and M score at least this
//	  at_risk_min_frequency: 4   # at-risk: F score at least this...
//	  at_risk_max_recency: 2     # ...and R score at most this
type Segment struct {
	NewWithin          string `mapstructure:"new_within"`
	LapseAfter         string `mapstructure:"lapse_after"`
	LoyalMinFrequency  int    `mapstructure:"loyal_min_frequency"`
	LoyalMinMonetary   int    `mapstructure:"loyal_min_monetary"`
	AtRiskMinFrequency int    `mapstructure:"at_risk_min_frequency"`
	AtRiskMaxRecency   int    `mapstructure:"at_risk_max_recency"`
}

// Privacy settings.
type Privacy struct {
	// PersonalColumns names columns, beyond the built-in personal fields,
	// that printed tables mask and exports track.
	PersonalColumns []string `mapstructure:"personal_columns"`
	// Purposes names what the shop uses its data for, each with the columns
	// it needs, by header name or custkit field name (mailing: [name,
	// postal_code, address]). check lists the columns no purpose names, so
	// that the shop collects only what it needs; the customer id, which
	// every purpose joins on, always counts as needed.
	Purposes map[string][]string `mapstructure:"purposes"`
}

// SchemaAliases returns the aliases for one kind of file, checking that
// every field named exists.
func (c *Config) SchemaAliases(kind schema.Kind) (schema.Aliases, error) {
	m := c.Aliases[kind.Name]
	if len(m) == 0 {
		return nil, nil
	}
	out := schema.Aliases{}
	for name, names := range m {
		f := schema.Field(name)
		if !hasField(kind, f) {
			return nil, fmt.Errorf("aliases.%s.%s: %s files have no field %q (fields: %s)", kind.Name, name, kind.Name, name, fieldList(kind))
		}
		out[f] = names
	}
	return out, nil
}

// AllAliases returns the aliases of every kind, keyed by kind name.
func (c *Config) AllAliases() (map[string]schema.Aliases, error) {
	for k := range c.Aliases {
		if _, ok := schema.KindByName(k); !ok {
			return nil, fmt.Errorf("aliases.%s: unknown kind of file (known: customers, sales, contacts, complaints)", k)
		}
	}
	out := map[string]schema.Aliases{}
	for _, k := range schema.Kinds {
		a, err := c.SchemaAliases(k)
		if err != nil {
			return nil, err
		}
		out[k.Name] = a
	}
	return out, nil
}

func hasField(k schema.Kind, f schema.Field) bool {
	for _, x := range k.Fields {
		if x == f {
			return true
		}
	}
	return false
}

func fieldList(k schema.Kind) string {
	names := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		names[i] = string(f)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// ResolvePath makes a path from the config file relative to the file's own
// directory, so that a config works from any working directory. "-" and
// absolute paths are kept.
func ResolvePath(configFile, p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) || configFile == "" {
		return p
	}
	return filepath.Join(filepath.Dir(configFile), p)
}
