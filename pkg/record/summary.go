package record

import (
	"fmt"
	"strings"
)

// LeftOut says which lines the filter left out, for the one-line summary a
// command prints on standard error: walk-ins always, the others when there
// are any.
func (c SaleCounts) LeftOut() string {
	parts := []string{fmt.Sprintf("%d walk-in (no customer id)", c.WalkIn)}
	if c.OtherStore > 0 {
		parts = append(parts, fmt.Sprintf("%d of other stores", c.OtherStore))
	}
	if c.OutOfWindow > 0 {
		parts = append(parts, fmt.Sprintf("%d outside the dates", c.OutOfWindow))
	}
	return strings.Join(parts, ", ")
}
