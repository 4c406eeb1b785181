package cmdutil

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestExpanded: the arguments that are files like the value of the
// file-list flag they follow are said to be that flag's pattern, expanded
// by the shell; others are left to the argument check.
func TestExpanded(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("reg", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"c.csv", "reg/a.csv", "reg/b.csv", "reg/c.txt"} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const salesB = "ledger takes no arguments, but was given the file reg/b.csv: the shell expanded the pattern given to --sales"
	for _, tt := range []struct {
		args  []string
		track bool
		want  string
	}{
		{[]string{"--customers", "c.csv", "--sales", "reg/a.csv", "reg/b.csv"}, true, salesB},
		{[]string{"--sales", "reg/a.csv", "reg/b.csv", "--customers", "c.csv"}, true, salesB},
		{[]string{"--sales=reg/a.csv", "reg/b.csv", "--top", "3"}, true, salesB},
		{[]string{"--customers", "reg/a.csv", "reg/b.csv", "--sales", "c.csv"}, true,
			"ledger takes no arguments, but was given the file reg/b.csv: the shell expanded the pattern given to --customers"},
		{[]string{"reg/b.csv", "--sales", "reg/a.csv"}, true, ""},    // before the flag
		{[]string{"--sales", "reg/a.csv", "reg/c.txt"}, true, ""},    // unlike the value
		{[]string{"--customers", "c.csv", "reg/b.csv"}, true, ""},    // a --sales forgotten
		{[]string{"--sales", "reg/a.csv", "reg/none.csv"}, true, ""}, // no such file
		{[]string{"--sales", "reg/a.csv", "reg/b.csv"}, false, ""},   // flags not tracked
	} {
		var in Inputs
		var top int
		cmd := &cobra.Command{Use: "ledger"}
		in.Register(cmd, NeedCustomers|NeedSales)
		cmd.Flags().IntVar(&top, "top", 0, "")
		if tt.track {
			trackFiles(cmd)
		}
		if err := cmd.ParseFlags(tt.args); err != nil {
			t.Fatal(err)
		}
		got := ""
		if err := expanded(cmd, cmd.Flags().Args(), ""); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}
