package contact

import (
	"testing"

	"github.com/custkit/custkit/pkg/contactlog"
)

func TestNewEntryAndDueAlone(t *testing.T) {
	e, err := NewEntry(contactlog.DefaultChannels, "C1", "tel", "村田", "入荷")
	if err != nil || e != (Entry{Customer: "C1", Staff: "村田", Channel: "電話", Summary: "入荷"}) {
		t.Errorf("NewEntry = %+v, %v", e, err)
	}
	for _, tt := range []struct{ channel, staff, summary, err string }{
		{"", "村田", "x", "--channel is required"},
		{"tel", " ", "x", "--staff is required"},
		{"tel", "村田", "", "--summary is required"},
		{"fax", "村田", "x", `unknown channel "fax" (known: 電話, 来店, メール, LINE, 手紙, その他)`},
	} {
		if _, err := NewEntry(contactlog.DefaultChannels, "C1", tt.channel, tt.staff, tt.summary); err == nil || err.Error() != tt.err {
			t.Errorf("NewEntry(%q, %q, %q) = %v; want %s", tt.channel, tt.staff, tt.summary, err, tt.err)
		}
	}
	if err := DueAlone(Flag{"summary", false}, Flag{"staff", true}, Flag{"channel", true}); err == nil || err.Error() != "--due lists customers, not contacts: --staff does not go with it" {
		t.Errorf("DueAlone = %v", err)
	}
	if err := DueAlone(Flag{"summary", false}); err != nil {
		t.Errorf("DueAlone with nothing set = %v", err)
	}
}
