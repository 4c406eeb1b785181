package mailing

import (
	"errors"
	"reflect"
	"testing"

	"github.com/custkit/custkit/pkg/usererr"
)

// TestRequestOptions derives the options of a mailing from what was asked:
// the dedupe rules and the layout of each channel.
func TestRequestOptions(t *testing.T) {
	tests := []struct {
		q    Request
		want Options
	}{
		{Request{Channel: "post"}, Options{Channel: Post, Rules: DefaultRules(Post), Layout: LayoutPost}},
		{Request{Channel: "email"}, Options{Channel: Email, Rules: DefaultRules(Email), Layout: LayoutAll}},
		{Request{Channel: "post", Dedupe: Dedupe{Off: true}, Layout: "all", ConsentColumn: "DM"},
			Options{Channel: Post, Layout: LayoutAll, ConsentColumn: "DM"}},
		{Request{Channel: "email", Dedupe: Dedupe{By: []string{"email", "address+kana"}}, EmailCaseSensitive: true, Layout: "post"},
			Options{Channel: Email, Rules: 1<<RuleEmail | 1<<RuleAddressKana, Layout: LayoutPost, EmailCaseSensitive: true}},
		{Request{Channel: "post", Dedupe: Dedupe{Person: true}}, Options{Channel: Post, Rules: PersonRules, Layout: LayoutPost}},
		{Request{Channel: "email", Dedupe: Dedupe{Household: true}}, Options{Channel: Email, Rules: Household.Rules(), Layout: LayoutAll}},
		{Request{Channel: "post", VCard: true}, Options{Channel: Post, Rules: DefaultRules(Post), Layout: LayoutAll}},
		{Request{Channel: "post", Output: "list.csv", Rejects: "r.csv", DedupeReport: "g.csv"}, Options{Channel: Post, Rules: DefaultRules(Post), Layout: LayoutPost}},
	}
	for _, tt := range tests {
		got, err := tt.q.Options()
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v:\n got %+v\nwant %+v", tt.q, got, tt.want)
		}
	}
}

// TestRequestOptionsErrors: contradictions and clashing outputs are usage
// errors.
func TestRequestOptionsErrors(t *testing.T) {
	tests := []struct {
		q    Request
		want string
	}{
		{Request{}, "--channel is required: email or post"},
		{Request{Channel: "post", Dedupe: Dedupe{Off: true, By: []string{"email"}}}, "--no-dedupe cannot be combined with --dedupe-by or --dedupe-report"},
		{Request{Channel: "post", Dedupe: Dedupe{Off: true}, DedupeReport: "g.csv"}, "--no-dedupe cannot be combined with --dedupe-by or --dedupe-report"},
		{Request{Channel: "post", Dedupe: Dedupe{By: []string{"kana"}}}, `--dedupe-by: unknown duplicate rule "kana" (choose from email, name+phone, phone, address+kana, address+postal)`},
		{Request{Channel: "email", Dedupe: Dedupe{Household: true, Person: true}}, "--household and --person contradict each other; use one"},
		{Request{Channel: "post", Dedupe: Dedupe{Off: true, Person: true}}, "--no-dedupe keeps every row; it cannot be combined with --household or --person"},
		{Request{Channel: "post", Dedupe: Dedupe{By: []string{"phone"}, Household: true}}, "--dedupe-by names the rules itself; it cannot be combined with --household or --person"},
		{Request{Channel: "post", Rejects: "r.csv", DedupeReport: "r.csv"}, "--rejects and --dedupe-report both name r.csv"},
		{Request{Channel: "post", Output: "r.csv", Rejects: "r.csv"}, "-o and --rejects both name r.csv"},
		{Request{Channel: "post", DedupeReport: "-"}, "--dedupe-report needs a file name; standard output holds the list"},
	}
	for _, tt := range tests {
		_, err := tt.q.Options()
		var u *usererr.UsageError
		if !errors.As(err, &u) || err.Error() != tt.want {
			t.Errorf("%+v: got %v, want usage error %q", tt.q, err, tt.want)
		}
	}
}
