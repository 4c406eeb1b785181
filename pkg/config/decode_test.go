package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/spf13/viper"
)

// load reads a YAML config named file the way the command layer does.
func load(file, text string) (Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(strings.NewReader(text)); err != nil {
		return Config{}, err
	}
	return Load(file, v.AllSettings(), []string{"customers", "sales"}, func(out any) error { return v.Unmarshal(out) })
}

// TestLoadUnknownKeys checks that a key no section knows is an error in
// every section, naming the file and the key.
func TestLoadUnknownKeys(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"retention: {orders: {keep: 1y}}", "c.yaml: unknown key retention.orders (known: complaints, contacts, customers, exports, legal_hold, max_delete, sales)"},
		{"retention: {customers: {inactive_afer: 5y}}", "c.yaml: unknown key retention.customers.inactive_afer; did you mean retention.customers.inactive_after?"},
		{"retention: {contacts: {keep: 3y, until: 2030}}", "c.yaml: unknown key retention.contacts.until (known: keep)"},
		{"segment: {lapse_afer: 1y}", "c.yaml: unknown key segment.lapse_afer; did you mean segment.lapse_after?"},
		{"mailing: {consent: {agred: [済]}}", "c.yaml: unknown key mailing.consent.agred; did you mean mailing.consent.agreed?"},
		{"exports: {manifest: m.csv, keep: 1y}", "c.yaml: unknown key exports.keep (known: manifest)"},
		{"privacy: {purpose: {dm: [name]}}", "c.yaml: unknown key privacy.purpose; did you mean privacy.purposes?"},
		{"redact: {policies: {p: {dorp: [name]}}}", "c.yaml: unknown key redact.policies.p.dorp; did you mean redact.policies.p.drop?"},
	}
	for _, tt := range cases {
		_, err := load("c.yaml", tt.yaml)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.yaml, err, tt.want)
		}
	}
}

// TestLoad checks the decoding: paths relative to the file's directory,
// flag keys accepted, and a value of the wrong type reported on one line
// by its key as the file writes it.
func TestLoad(t *testing.T) {
	dir := filepath.Join("shop", "conf")
	c, err := load(filepath.Join(dir, "custkit.yaml"), "customers: c.csv\naudit: {log: log/a.jsonl}\nexports: {manifest: /var/m.csv}\nsegment: {loyal_min_frequency: 3}\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "log", "a.jsonl"); c.Audit.Log != want {
		t.Errorf("audit.log %q, want %q", c.Audit.Log, want)
	}
	if c.Exports.Manifest != "/var/m.csv" || c.Segment.LoyalMinFrequency != 3 {
		t.Errorf("exports.manifest %q, segment %+v", c.Exports.Manifest, c.Segment)
	}
	_, err = load("c.yaml", "segment: {loyal_min_frequency: many}\n")
	want := `c.yaml: segment.loyal_min_frequency: cannot parse value as 'int'`
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("a wrong type: %v; want one line starting %q", err, want)
	}
}

func TestDecodeError(t *testing.T) {
	err := errors.New("decoding failed due to the following error(s):\n\n'redact.policies[printer].Mask[0]' expected a map, got 'string'\n'Segment.NewWithin' expected type 'string'\n")
	want := "redact.policies.printer.mask[0]: expected a map, got 'string'; segment.newwithin: expected type 'string'"
	if got := decodeError(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestExportsKeep(t *testing.T) {
	var r Retention
	if p, err := r.ExportsKeep(); err != nil || p != DefaultExportsKeep {
		t.Errorf("not set: %v, %v", p, err)
	}
	r.Exports.Keep = "2mo"
	if p, err := r.ExportsKeep(); err != nil || p != (parse.Period{Months: 2}) {
		t.Errorf("2mo: %v, %v", p, err)
	}
	r.Exports.Keep = "soon"
	if _, err := r.ExportsKeep(); err == nil || !strings.HasPrefix(err.Error(), "retention.exports.keep: ") {
		t.Errorf("soon: %v", err)
	}
}

func TestMailingMarks(t *testing.T) {
	m := Mailing{Consent: ConsentMarks{Agreed: []string{"済"}, Refused: []string{"辞退"}}}
	if _, err := m.Marks(); err != nil {
		t.Errorf("own marks: %v", err)
	}
	m.Consent.Refused = []string{""}
	if _, err := m.Marks(); err == nil || !strings.HasPrefix(err.Error(), "mailing.consent.refused: ") {
		t.Errorf("an empty mark: %v", err)
	}
}

func TestRedactPolicy(t *testing.T) {
	c, err := load("c.yaml", "redact: {policies: {printer: {drop: [phone]}, web: {hash: [customer_id]}, bad: {drop: [name], hash: [name]}}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := c.Redact.Policy("printer"); err != nil || len(p) != 1 {
		t.Errorf("printer: %v, %v", p, err)
	}
	var none *NoPolicyError
	_, err = c.Redact.Policy("mail")
	if !errors.As(err, &none) || err.Error() != `no redaction policy "mail" (policies: bad, printer, web)` {
		t.Errorf("mail: %v", err)
	}
	if _, err := c.Redact.Policy("bad"); err == nil || !strings.HasPrefix(err.Error(), "redact.policies.bad") {
		t.Errorf("bad: %v", err)
	}
}
