package record

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/english"
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
	if c.Voided > 0 {
		parts = append(parts, c.Voids())
	}
	if c.Other > 0 {
		parts = append(parts, c.Others())
	}
	return strings.Join(parts, ", ")
}

// Voids says how many voided receipts were left out: "2 voided receipts
// (4 lines)".
func (c SaleCounts) Voids() string {
	return fmt.Sprintf("%s (%s)", english.Count(c.VoidedReceipts, "voided receipt"), english.Count(c.Voided, "line"))
}

// Others says how many lines of transactions other than sales were left
// out: "3 lines of other transactions (入金, ポイント加算)".
func (c SaleCounts) Others() string {
	return OthersText(c.Other, c.OtherKinds)
}

// OthersText describes n lines of transactions of the classes k that are
// not sales.
func OthersText(n int, k OtherKinds) string {
	return fmt.Sprintf("%s of other transactions (%s)", english.Count(n, "line"), strings.Join(k.Names(), ", "))
}

// Warnings are the lines a command prints after its summary about what the
// scanner of the file named file met: receipts voided on some lines only.
func (c SaleCounts) Warnings(file string) []string {
	if c.PartlyVoided == 0 {
		return nil
	}
	return []string{fmt.Sprintf("warning: %s:%d: %s the void flag on only some lines; the lines without it are counted (a register voids whole receipts: check the export)",
		file, c.PartlyVoidedLine, english.CountAs(c.PartlyVoided, "receipt has", "receipts have"))}
}
