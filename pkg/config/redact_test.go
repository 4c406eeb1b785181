package config

import (
	"errors"
	"testing"

	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/usererr"
)

// TestRedactNamed: a policy by name, an unknown one named with the file,
// and a hint where to define it when there is no config file.
func TestRedactNamed(t *testing.T) {
	r := &Redact{Policies: map[string]redact.Spec{"printer": {Drop: []string{"phone"}}}}
	if p, err := r.Named("printer", "custkit.yaml"); err != nil || len(p) != 1 || p[0].Column != "phone" {
		t.Errorf("printer: %+v, %v", p, err)
	}
	if p, err := r.Named("", "custkit.yaml"); p != nil || err != nil {
		t.Errorf("no name: %+v, %v", p, err)
	}
	if _, err := r.Named("post", "custkit.yaml"); err == nil || err.Error() != `custkit.yaml: no redaction policy "post" (policies: printer)` {
		t.Errorf("unknown policy: %v", err)
	}
	var h *usererr.HintError
	if _, err := r.Named("post", ""); !errors.As(err, &h) || err.Error() != `no redaction policy "post": no config file was found` {
		t.Errorf("no config file: %v", err)
	}
}
