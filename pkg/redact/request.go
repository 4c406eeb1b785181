package redact

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/usererr"
)

// Flags are the rules given on the command line, each a column with its
// argument (--mask name:first=1), by operation.
type Flags struct {
	Drop, Hash, Mask, Generalise, Replace []string
}

// Policy returns the rules of named (a policy from the config, or nil)
// followed by those of the flags, which so win for the same column. A
// column named by two flags, a flag that does not parse, or no rule at
// all is a usage error.
func (f Flags) Policy(named Policy) (Policy, error) {
	p := append(Policy(nil), named...)
	seen := map[string]string{}
	for _, g := range []struct {
		op   Op
		vals []string
	}{{Drop, f.Drop}, {Hash, f.Hash}, {Mask, f.Mask}, {Generalise, f.Generalise}, {Replace, f.Replace}} {
		for _, v := range g.vals {
			r, err := ParseFlag(g.op, v)
			if err != nil {
				return nil, usererr.Usage(fmt.Errorf("--%s %s: %w", g.op, v, err))
			}
			if prev, dup := seen[r.Column]; dup {
				return nil, usererr.Usagef("--%s and --%s both name column %q", prev, g.op, r.Column)
			}
			seen[r.Column] = string(g.op)
			p = append(p, r)
		}
	}
	if len(p) == 0 {
		return nil, usererr.Usagef("nothing to redact: give --policy <name> or rules (--drop, --hash, --mask, --generalise, --replace)")
	}
	return p, nil
}

// Lines is what a run tells on standard error: the rows written, the
// personal data the plan passed through unchanged, and the values no
// generalisation could read.
func (st Stats) Lines(p *Plan) []string {
	lines := []string{english.Count(int(st.Rows), "row") + " written"}
	if u := p.Untouched(); len(u) > 0 {
		lines = append(lines, "personal data passed through unchanged: "+strings.Join(u, ", "))
	}
	if st.Unrecognised > 0 {
		lines = append(lines, english.Count(int(st.Unrecognised), "value")+" could not be generalised (no prefecture, or fewer than 3 digits); written empty")
	}
	return lines
}

// NewKeyNote is what --new-key says once it has written the key file.
func NewKeyNote(path string) string {
	return fmt.Sprintf("wrote a new hash key to %s (mode 0600); keep it secret and backed up, and use it with --key-file %s", path, path)
}
