package usererr

import (
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"testing"
)

// message is err's text, then each hint after " | ", and whether it is a
// usage error.
func message(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	text := err.Error()
	var h *HintError
	for e := err; errors.As(e, &h); e = h.Err {
		text += " | " + h.Hint
	}
	var u *UsageError
	return text, errors.As(err, &u)
}

func TestCommandLineMistakes(t *testing.T) {
	none := []string(nil)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{NoArgs("join", "custkit join", none), ""},
		{NoArgs("join", "custkit join", []string{"a.csv", `b"c`}), `join takes no arguments, but was given "a.csv", "b\"c" | run custkit join --help for its flags`},
		{AtLeastOne("shred", "file", "custkit shred old.csv", none), "shred needs at least one file | for example: custkit shred old.csv"},
		{AtLeastOne("shred", "file", "custkit shred old.csv", []string{"a"}), ""},
		{AtMostOne("redact", "file", []string{"a"}), ""},
		{AtMostOne("redact", "file", []string{"a", "b"}), `redact takes at most one file, but was given 2: "a", "b"`},
		{ExactlyOne("gen-docs", "directory", none), "gen-docs needs a directory"},
		{ExactlyOne("gen-docs", "directory", []string{"d"}), ""},
		{ExactlyOne("gen-docs", "directory", []string{"d", "e"}), `gen-docs takes one directory, but was given 2: "d", "e"`},
		{UnknownCommand("jion", "custkit", []string{"join"}), `"jion" is not a custkit command | did you mean "join"?`},
		{UnknownCommand("zzz", "custkit exports", none), `"zzz" is not a custkit exports command | run custkit exports --help for the list of commands`},
		{UnknownFlag("join", "custkit join", "x", true, []string{"--xx"}), "join has no flag -x | run custkit join --help for its flags"},
		{UnknownFlag("join", "custkit join", "custmers", false, []string{"--customers"}), `join has no flag --custmers | did you mean "--customers"?`},
		{UnknownFlag("join", "custkit join", "zzz", false, none), "join has no flag --zzz | run custkit join --help for its flags"},
		{UnknownFlag("recommend", "custkit recommend", "customers", false, []string{"--customer"}), "recommend does not read a customers file (it has no flag --customers) | run custkit recommend --help for its inputs"},
		{UnknownFlag("sales", "custkit sales", "customers", false, none), "sales does not read a customers file (it has no flag --customers) | run custkit sales --help for its inputs"},
		{NoValue("sales", "file"), "--sales needs a value: --sales file"},
		{BadValue("top", "x", &strconv.NumError{Func: "ParseInt", Num: "x", Err: strconv.ErrSyntax}), `--top: "x" is not a whole number`},
		{NotAFlag("-=x"), `"-=x" is not a flag: write -x or --name`},
		{Expanded("ledger", "sales", "", []string{"reg/s-02.csv", "reg/s-03.csv"}, "reg/*.csv"),
			`ledger takes no arguments, but was given the files reg/s-02.csv and reg/s-03.csv: the shell expanded the pattern given to --sales | --sales takes one pattern: quote it so that custkit expands it: --sales 'reg/*.csv' (or give the files as a comma list)`},
		{Expanded("ledger", "sales", "", []string{"a", "b", "c", "d", "e"}, ""),
			`ledger takes no arguments, but was given the files a, b, c and 2 more: the shell expanded the pattern given to --sales | --sales takes one pattern: quote it so that custkit expands it (or give the files as a comma list)`},
		{Expanded("history", "customers", "customer id", []string{"名簿 2.csv"}, "名簿 *.csv"),
			`名簿 2.csv is a file, not a customer id: the shell expanded the pattern given to --customers | --customers takes one pattern: quote it so that custkit expands it: --customers '名簿 *.csv' (or give the files as a comma list)`},
		{Expanded("history", "sales", "customer id", []string{"a", "b", "c"}, "it's*"),
			`a, b and c are files, not customer ids: the shell expanded the pattern given to --sales | --sales takes one pattern: quote it so that custkit expands it: --sales 'it'\''s*' (or give the files as a comma list)`},
	} {
		got, usage := message(tt.err)
		if got != tt.want || usage != (tt.want != "") {
			t.Errorf("got %q (usage %v), want %q", got, usage, tt.want)
		}
	}
}

func TestValueProblem(t *testing.T) {
	num := func(fn string, err error) error { return &strconv.NumError{Func: fn, Err: err} }
	for _, tt := range []struct {
		err  error
		want string
	}{
		{num("ParseBool", strconv.ErrSyntax), `"v" is not true or false`},
		{num("ParseFloat", strconv.ErrSyntax), `"v" is not a number`},
		{num("ParseFloat", strconv.ErrRange), `"v" is out of range`},
		{num("ParseInt", strconv.ErrSyntax), `"v" is not a whole number`},
		{num("ParseUint", strconv.ErrRange), `"v" is out of range for a whole number`},
		{&csv.ParseError{Err: csv.ErrBareQuote}, `"v" is not a comma-separated list: a value with a quote is written in quotes, with the quote doubled ("say ""hi""")`},
		{nil, `"v" is not allowed`},
		{errors.New(`"v" is not one of a, b`), `"v" is not one of a, b`},
	} {
		if got := ValueProblem("v", tt.err); got != tt.want {
			t.Errorf("ValueProblem(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestNearFlags(t *testing.T) {
	names := []string{"customers", "sales", "since", "format", "help-me"}
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"custmers", []string{"--customers"}},
		{"s", []string{"--sales", "--since"}},
		{"Sales", []string{"--sales"}},
		{"zzzzzz", nil},
	} {
		if got := NearFlags(tt.name, names); !slices.Equal(got, tt.want) {
			t.Errorf("NearFlags(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOrList(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"a"}, `"a"`},
		{[]string{"a", "b"}, `"a" or "b"`},
		{[]string{"a", "b", "c"}, `"a", "b" or "c"`},
	} {
		if got := OrList(tt.in); got != tt.want {
			t.Errorf("OrList(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
