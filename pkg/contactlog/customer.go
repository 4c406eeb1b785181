package contactlog

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/usererr"
)

// CheckCustomer checks that a row to record names its customer: a usage
// error when id is empty or blank.
func CheckCustomer(id string) error {
	if strings.TrimSpace(id) == "" {
		return usererr.Usagef("--customer is required: the customer's id in the customers file")
	}
	return nil
}

// FindCustomer checks that id is in the customers file r (bound by b,
// named list in errors), in one streamed pass, and returns how a new data
// file is written: in the customers file's encoding, separator and line
// ends. An id matches as text, as it stands.
func FindCustomer(ctx context.Context, r *rows.Reader, b *schema.Binding, list, id string) (NewFile, error) {
	nf := NewFile{Encoding: r.Encoding(), Comma: r.Comma()}
	switch {
	case r.CRLF():
		nf.EOL = "\r\n"
	case r.CR():
		nf.EOL = "\r"
	}
	want := []byte(id)
	found, err := customer.Select(ctx, r, b, func(k []byte) bool { return bytes.Equal(k, want) }, customer.SelectOptions{})
	if err != nil {
		return NewFile{}, err
	}
	if len(found) == 0 {
		return NewFile{}, usererr.WithHint(fmt.Errorf("customer %q is not in %s; nothing was written", id, list),
			"ids match as text (000123 is not 123); find the id with custkit history or the customers file, or add the customer there first")
	}
	return nf, nil
}
