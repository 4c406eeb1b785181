package config

import (
	"strings"
	"testing"
)

func TestFollowUpVocabs(t *testing.T) {
	var f FollowUp
	if ch, err := f.ChannelVocab(); err != nil || ch.Terms[0].Name != "電話" {
		t.Errorf("default channels: %v, %v", ch, err)
	}
	f.Statuses = []Word{{Name: "受付"}, {Name: "済", Also: []string{"done"}, Closed: true}}
	v, err := f.StatusVocab()
	if err != nil || !v.Closed("DONE") || v.Closed("受付") {
		t.Errorf("statuses: %+v, %v", v, err)
	}
	for _, tt := range []struct {
		f    FollowUp
		want string
	}{
		{FollowUp{Statuses: []Word{{Name: "受付"}}}, "follow_up.statuses: name at least one open status and one with closed: true"},
		{FollowUp{Statuses: []Word{{Name: "済", Closed: true}, {Name: "受付"}}}, `follow_up.statuses: the first status is a new complaint's, and "済" is closed`},
		{FollowUp{Statuses: []Word{{Name: "受付", Also: []string{"open"}}, {Name: "OPEN", Closed: true}}}, `follow_up.statuses: "OPEN" names both status "受付" and "OPEN"`},
		{FollowUp{Channels: []Word{{Name: "電話", Closed: true}}}, `follow_up.channels: "電話": closed is a setting of statuses only`},
	} {
		_, err := tt.f.StatusVocab()
		if len(tt.f.Channels) > 0 {
			_, err = tt.f.ChannelVocab()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want %q", err, tt.want)
		}
	}
}

// TestFollowUpIn names the config file in a vocabulary's error.
func TestFollowUpIn(t *testing.T) {
	bad := FollowUp{Channels: []Word{{Name: "電話", Closed: true}}, Statuses: []Word{{Name: "完了", Closed: true}}}
	if _, err := bad.ChannelsIn("shop.yaml"); err == nil || !strings.HasPrefix(err.Error(), "shop.yaml: follow_up.channels: ") {
		t.Errorf("ChannelsIn: %v", err)
	}
	if _, err := bad.StatusesIn("shop.yaml"); err == nil || !strings.HasPrefix(err.Error(), "shop.yaml: follow_up.statuses: ") {
		t.Errorf("StatusesIn: %v", err)
	}
	var none FollowUp
	if v, err := none.StatusesIn("shop.yaml"); err != nil || v.Terms[0].Name != "未対応" {
		t.Errorf("default statuses: %v, %v", v, err)
	}
}
