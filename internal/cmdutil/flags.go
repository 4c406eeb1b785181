package cmdutil

import (
	"context"

	"github.com/custkit/custkit/pkg/flagval"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/retention"

	"github.com/spf13/cobra"
)

// EnumFlag registers a flag that takes one of a fixed set of words
// (flagval.Enum), with completion.
func EnumFlag(cmd *cobra.Command, target *string, name, short, def string, allowed []string, usage string) {
	*target = def
	cmd.Flags().VarP(&flagval.Enum{Target: target, Allowed: allowed}, name, short, flagval.EnumUsage(usage, allowed))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return allowed, cobra.ShellCompDirectiveNoFileComp
	})
}

// PeriodFlag registers a period flag; *set tells whether it was given.
func PeriodFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&flagval.Period{P: p, Given: set}, name, flagval.PeriodUsage(usage))
}

// WindowFlag registers a period flag that selects a window (--within): a
// period of no time is refused, as it would select nothing.
func WindowFlag(cmd *cobra.Command, p *parse.Period, set *bool, name, usage string) {
	cmd.Flags().Var(&flagval.Period{P: p, Given: set, Window: true}, name, flagval.PeriodUsage(usage))
}

// LimitValue is --max-delete, checked when parsed.
func LimitValue(l *retention.Limit, set *bool) *flagval.Limit {
	return &flagval.Limit{L: l, Given: set}
}

// HashKey reads the pseudonym key of redact and purge: --key-file, else
// CUSTKIT_HASH_KEY (see redact.ReadKey). ctx is the run's, nil in unit
// tests.
func HashKey(ctx context.Context, s *Streams, keyFile string, missing error) ([]byte, error) {
	return redact.ReadKey(ctx, keyFile, s.Getenv(redact.KeyEnv), missing)
}
