package config

import (
	"errors"
	"fmt"

	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/usererr"
)

// Named returns the rules of the redaction policy name for a run whose
// config file is file ("" when none was found); errors name the file, or
// say where to define the policy when there is no file.
func (r *Redact) Named(name, file string) (redact.Policy, error) {
	if name == "" {
		return nil, nil
	}
	p, err := r.Policy(name)
	var none *NoPolicyError
	if errors.As(err, &none) && file == "" {
		return nil, usererr.WithHint(fmt.Errorf("no redaction policy %q: no config file was found", name),
			"define it under redact: policies: %s: in custkit.yaml, or pass --config <file>", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}
