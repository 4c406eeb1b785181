package config

import "testing"

func TestUnknownKeys(t *testing.T) {
	flags := []string{"customers", "sales", "key_normalize", "segment", "format"}
	tests := []struct {
		name string
		raw  map[string]any
		want string
	}{
		{"all known", map[string]any{
			"customers": "c.csv", "segment": map[string]any{"new_within": "90d"},
			"retention": map[string]any{"customers": map[string]any{"inactive_after": "5y", "action": "delete"}, "max_delete": "5%"},
			"redact":    map[string]any{"policies": map[string]any{"printer": map[string]any{"drop": []any{"phone"}, "mask": map[string]any{"name": "first=1"}}}},
			"aliases":   map[string]any{"sales": map[string]any{"customer_id": []any{"会員No"}}},
			"privacy":   map[string]any{"purposes": map[string]any{"mail": []any{"name"}}, "personal_columns": []any{"memo"}},
		}, ""},
		{"top-level slip", map[string]any{"custmers": "c.csv"}, "unknown key custmers; did you mean customers?"},
		{"a flag's spelling", map[string]any{"key_normalise": true}, "unknown key key_normalise; did you mean key_normalize?"},
		{"section slip", map[string]any{"segment": map[string]any{"new_witin": "90d"}}, "unknown key segment.new_witin; did you mean segment.new_within?"},
		{"deep slip", map[string]any{"redact": map[string]any{"policies": map[string]any{"printer": map[string]any{"hashh": []any{"id"}}}}},
			"unknown key redact.policies.printer.hashh; did you mean redact.policies.printer.hash?"},
		{"retention slip", map[string]any{"retention": map[string]any{"sales": map[string]any{"kep": "7y"}}},
			"unknown key retention.sales.kep; did you mean retention.sales.keep?"},
		{"slip in a list of sections", map[string]any{"follow_up": map[string]any{"statuses": []any{
			map[string]any{"name": "未対応"}, map[string]any{"name": "完了", "clsoed": true}}}},
			"unknown key follow_up.statuses[1].clsoed; did you mean follow_up.statuses[1].closed?"},
		{"nothing near, in a section", map[string]any{"audit": map[string]any{"colour": "red"}}, "unknown key audit.colour (known: log)"},
		{"nothing near, at the top", map[string]any{"wibble": 1}, "unknown key wibble: neither a setting nor a flag name (see docs/config.md)"},
		{"several, sorted", map[string]any{"zz_top": 1, "custmers": "c"},
			"unknown key custmers; did you mean customers?; unknown key zz_top: neither a setting nor a flag name (see docs/config.md)"},
	}
	for _, tt := range tests {
		err := UnknownKeys(tt.raw, flags)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
