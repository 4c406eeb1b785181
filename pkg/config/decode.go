package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/custkit/custkit/pkg/mailing"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/redact"
)

// Load turns the settings of the config file named file, read into nested
// maps (keys in lower case, as viper's AllSettings gives them), into a
// [Config]. Every key of every section is checked first (see
// [UnknownKeys]; flagKeys are the config keys of the command line's
// flags); decode fills the Config from the same settings (viper's
// Unmarshal, so that values are converted as for flags). The paths of the
// access log and the export manifest are made relative to the file's
// directory. Errors name the file and the key, on one line.
func Load(file string, raw map[string]any, flagKeys []string, decode func(out any) error) (Config, error) {
	var c Config
	if file != "" {
		if err := UnknownKeys(raw, flagKeys); err != nil {
			return c, fmt.Errorf("%s: %v", file, err)
		}
	}
	if err := decode(&c); err != nil {
		return c, fmt.Errorf("%s: %s", file, decodeError(err))
	}
	files, err := inputFiles(file, raw)
	if err != nil {
		return c, fmt.Errorf("%s: %v", file, err)
	}
	c.Files = files
	c.Audit.Log = ResolvePath(file, c.Audit.Log)
	c.Exports.Manifest = ResolvePath(file, c.Exports.Manifest)
	if err := c.Access.Check(); err != nil {
		return c, fmt.Errorf("%s: %v", file, err)
	}
	c.Access.Identity = ResolvePath(file, c.Access.Identity)
	c.Access.RecipientsFile = ResolvePath(file, c.Access.RecipientsFile)
	return c, nil
}

// decodeError rewrites the config decoder's report, "decoding failed due to
// the following error(s):\n\n'redact.policies[printer].Mask[0]' expected
// ...", as one line naming keys as the file writes them:
// "redact.policies.printer.mask[0]: expected ...".
func decodeError(err error) string {
	msg := strings.TrimSpace(err.Error())
	if i := strings.Index(msg, "\n\n"); i >= 0 && strings.HasPrefix(msg, "decoding failed") {
		msg = msg[i+2:]
	}
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m := decodeKey.FindStringSubmatch(line); m != nil {
			key := strings.ToLower(mapKey.ReplaceAllString(m[1], ".$1"))
			line = key + ": " + m[2]
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, "; ")
}

var (
	decodeKey = regexp.MustCompile(`^'([^']+)' (.*)$`)
	mapKey    = regexp.MustCompile(`\[([^\]0-9][^\]]*)\]`)
)

// DefaultExportsKeep is how long a tracked export lives when neither
// --expires nor retention.exports.keep says.
var DefaultExportsKeep = parse.Period{Days: 30}

// ExportsKeep is retention.exports.keep, the default of --expires:
// [DefaultExportsKeep] when the config does not say. The error names the
// key; the caller adds the file.
func (r *Retention) ExportsKeep() (parse.Period, error) {
	if r.Exports.Keep == "" {
		return DefaultExportsKeep, nil
	}
	p, err := parse.ParsePeriod(r.Exports.Keep)
	if err != nil {
		return p, fmt.Errorf("retention.exports.keep: %v", err)
	}
	return p, nil
}

// Marks checks the shop's own consent marks (mailing.consent) and returns
// them typed; the error names the key, and the caller adds the file.
func (m *Mailing) Marks() (mailing.ConsentMarks, error) {
	return mailing.NewConsentMarks(m.Consent.Agreed, m.Consent.Refused)
}

// NoPolicyError is the error of [Redact.Policy] for a name the config does
// not define.
type NoPolicyError struct {
	Name  string
	Known []string // the policies defined, sorted
}

func (e *NoPolicyError) Error() string {
	return fmt.Sprintf("no redaction policy %q (policies: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Policy checks the redaction policy called name (redact.policies.<name>)
// and returns its rules; a *[NoPolicyError] if there is none. Errors name
// the key; the caller adds the file.
func (r *Redact) Policy(name string) (redact.Policy, error) {
	spec, ok := r.Policies[name]
	if !ok {
		known := make([]string, 0, len(r.Policies))
		for n := range r.Policies {
			known = append(known, n)
		}
		sort.Strings(known)
		return nil, &NoPolicyError{Name: name, Known: known}
	}
	return spec.Rules("redact.policies." + name)
}
