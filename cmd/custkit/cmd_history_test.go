package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunHistoryTerminal checks the terminal default: a masked card with
// its totals; in a pipe, CSV rows.
func TestRunHistoryTerminal(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cust := write("c.csv", "customer_id,name,phone\nC1,山田 花子,090-1234-5678\n")
	sales := write("s.csv", "customer_id,receipt_id,sold_at,store_id,product_name,quantity,amount\nC1,R1,2026-01-05,S1,湯呑み,2,6600\n")
	for _, tty := range []bool{true, false} {
		s, out, errb := testStreams("")
		s.stdoutTTY = tty
		opts := &historyOptions{streams: s, global: &globalOptions{cfg: &settings{}}, ids: []string{"C1"}}
		opts.in.customers, opts.in.sales, opts.in.encoding = cust, sales, "auto"
		if err := runHistory(context.Background(), opts); err != nil || errb.Len() != 0 {
			t.Fatalf("tty %v: %v %s", tty, err, errb)
		}
		got := out.String()
		if tty {
			if !strings.HasPrefix(got, "顧客カルテ C1\n  name: 山****\n  phone: ***-****-5678\n\n┌") ||
				!strings.Contains(got, "│ 2026-01-05 │ sale  │ S1    │ R1      │ 1     │ 湯呑み ×2 │ 6600   │") ||
				!strings.HasSuffix(got, "\n  totals: 1 receipt, 1 line, quantity 2, amount 6600\n") {
				t.Errorf("terminal:\n%s", got)
			}
			continue
		}
		if !strings.HasSuffix(got, "\nC1,sale,2026-01-05,S1,R1,,湯呑み,,2,6600,,,,,\n") {
			t.Errorf("pipe:\n%s", got)
		}
	}
}
