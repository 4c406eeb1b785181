package cmdutil

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestExecuteStrayWord: a word that is none of the commands is refused
// as one, whether flags the group does not have come after it or before
// it; a command line without such a word keeps the flag parser's error.
func TestExecuteStrayWord(t *testing.T) {
	const byers = `"byers" is not a custkit command`
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"byers", "--product", "P"}, byers},
		{[]string{"--product", "P", "byers"}, byers},
		{[]string{"--product=P", "byers"}, byers},
		{[]string{"-q", "--product", "P", "byers", "--top", "3"}, byers},
		{[]string{"--product", "P"}, "custkit has no flag --product"},
		{[]string{"--product", "byers"}, "custkit has no flag --product"}, // byers is the flag's value
		{[]string{"--product", "P", "buyers"}, ""},
	} {
		root := &cobra.Command{Use: "custkit", SilenceErrors: true, SilenceUsage: true}
		root.PersistentFlags().BoolP("quiet", "q", false, "")
		root.SetFlagErrorFunc(FlagError)
		Subcommands(root)
		buyers := &cobra.Command{Use: "buyers", RunE: func(*cobra.Command, []string) error { return nil }}
		buyers.Flags().String("product", "", "")
		root.AddCommand(buyers)
		got := ""
		if err := Execute(context.Background(), root, tt.args); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}
