package mailing

import (
	"context"
	"errors"
	"fmt"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// Request is what a mailing was asked for on the command line; Options
// checks it and derives the choices it leaves open.
type Request struct {
	Channel            string // --channel: email or post
	ConsentColumn      string
	Dedupe             Dedupe
	Layout             string // "" is DefaultLayout of the channel
	EmailCaseSensitive bool
	VCard              bool // the list is written as vCards
	// Output, Rejects and DedupeReport are the files of -o, --rejects and
	// --dedupe-report; "" when not given ("-" is standard output).
	Output, Rejects, DedupeReport string
}

// Options checks the request and returns the options of Run without the
// settings that come from elsewhere (consent marks, aliases, the
// suppression list). Every refusal is a usage error.
func (q Request) Options() (Options, error) {
	o := Options{Channel: Channel(q.Channel), ConsentColumn: q.ConsentColumn, EmailCaseSensitive: q.EmailCaseSensitive}
	if q.Channel == "" {
		return o, usererr.Usagef("--channel is required: email or post")
	}
	d := q.Dedupe
	d.Report = q.DedupeReport != ""
	if err := d.Check(); err != nil {
		return o, usererr.Usage(err)
	}
	if err := q.distinctOutputs(); err != nil {
		return o, err
	}
	var err error
	if o.Rules, err = d.Rules(o.Channel); err != nil {
		return o, usererr.Usage(err)
	}
	o.Layout = Layout(q.Layout)
	if o.Layout == "" {
		o.Layout = DefaultLayout(o.Channel, q.VCard)
	}
	return o, nil
}

// distinctOutputs refuses two outputs that are the same file, or standard
// output for a side file.
func (q Request) distinctOutputs() error {
	seen := map[string]string{}
	if q.Output != "" && q.Output != "-" {
		seen[q.Output] = "-o"
	}
	for _, f := range []struct{ flag, path string }{{"--rejects", q.Rejects}, {"--dedupe-report", q.DedupeReport}} {
		if f.path == "" {
			continue
		}
		if f.path == "-" {
			return usererr.Usagef("%s needs a file name; standard output holds the list", f.flag)
		}
		if other, dup := seen[f.path]; dup {
			return usererr.Usagef("%s and %s both name %s", other, f.flag, f.path)
		}
		seen[f.path] = f.flag
	}
	return nil
}

// Source decides where the customer rows come from. --customers on the
// command line (given) wins; otherwise a pipe or file on standard input
// (stdinData) does, even when the config file names a customers file, so
// that "custkit buyers ... | custkit mailing" mails the buyers and never
// the whole customer base. On a terminal, or with /dev/null as standard
// input as under cron, the config file's customers file is read.
func Source(given, stdinData bool, customers string) (string, error) {
	switch {
	case given:
		return customers, nil
	case stdinData:
		return "-", nil
	case customers == "":
		return "", usererr.Usagef("no customer rows: give --customers <file> or pipe them in (custkit buyers ... | custkit mailing ...)")
	}
	return customers, nil
}

// SourceError adds to err, the error of opening the customer rows at
// path, what to do when standard input, taken because --customers was
// not on the command line (given), held nothing.
func SourceError(err error, path string, given bool) error {
	if errors.Is(err, rows.ErrEmpty) && path == "-" && !given {
		return usererr.WithHint(err, "mailing reads customer rows from standard input unless --customers <file> is on the command line")
	}
	return err
}

// LoadFile adds a suppression file to s; a file without a column to match
// is an error with a hint naming the columns.
func (s *Suppression) LoadFile(f record.File) error {
	err := s.Load(f.Reader, f.Binding)
	if errors.Is(err, ErrNoSuppressColumn) {
		return usererr.WithHint(err, "name the column customer_id, email or phone (or 顧客番号, メールアドレス, 電話番号)")
	}
	return err
}

// Outputs are where a mailing list goes: the list, and the side outputs
// asked for (nil when not).
type Outputs struct {
	List, Rejects, Groups sink.Rows
}

// Write builds the list from the customer rows with opts (made by
// q.Options, with the settings from elsewhere added), writes the list,
// the rejected rows and the groups of duplicates to outs, and returns
// the lines for standard error (see Outcome).
func Write(ctx context.Context, customers record.File, q Request, opts Options, outs Outputs) ([]string, error) {
	if outs.Rejects != nil {
		if err := outs.Rejects.WriteHeader(RejectHeader(customers.Header())); err != nil {
			return nil, err
		}
		opts.Reject = func(r Reject) error {
			if err := outs.Rejects.Write(r.Cells()); err != nil {
				return fmt.Errorf("--rejects %s: %w", q.Rejects, err)
			}
			return nil
		}
	}
	list, err := Run(ctx, customers, opts)
	var nc *NoConsentColumnError
	if errors.As(err, &nc) {
		return nil, usererr.WithHint(err, "name the column that holds the %s consent: --consent-column <header>", q.Channel)
	}
	if err != nil {
		return nil, err
	}
	if err := list.write(outs.List, customers.Name()); err != nil {
		return nil, err
	}
	if err := list.writeGroups(outs.Groups); err != nil {
		return nil, err
	}
	return Outcome{Stats: &list.Stats, Explain: q.Dedupe.Explain(opts.Channel, opts.Rules), DedupeReport: q.DedupeReport, Rejects: q.Rejects}.Lines(), nil
}

// write writes the kept rows. An error names the customer and the input
// line as well as the output row.
func (l *List) write(out sink.Rows, file string) error {
	if err := out.WriteHeader(l.Header); err != nil {
		return err
	}
	return l.Each(func(k Kept) error {
		if err := out.Write(k.Cells); err != nil {
			return &rows.Error{File: file, Line: k.Line, Err: fmt.Errorf("customer %s: %w", k.ID, err)}
		}
		return nil
	})
}

// writeGroups writes the dedupe report, one row per member of each group;
// nothing when out is nil. The report is personal data though its columns
// are only ids and rules: it says which customers share an email, a phone
// number or an address.
func (l *List) writeGroups(out sink.Rows) error {
	if out == nil {
		return nil
	}
	sink.DeclarePersonal(out)
	if err := out.WriteHeader(GroupColumns); err != nil {
		return err
	}
	return l.Groups(func(g Group) error {
		for _, row := range g.Rows() {
			if err := out.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
}
