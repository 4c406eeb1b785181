package config

import (
	"fmt"

	"github.com/custkit/custkit/pkg/contactlog"
)

// FollowUp settings: the words staff record contacts and complaints with.
// Each list replaces the default one (電話, 来店, メール, LINE, 手紙, その他;
// 未対応, 対応中, 完了) when given:
//
//	follow_up:
//	  channels:
//	    - {name: 電話, also: [phone]}
//	    - {name: 訪問, also: [visit]}
//	  statuses:
//	    - {name: 未対応, also: [open]}     # the first is a new complaint's
//	    - {name: 対応中, also: [in progress]}
//	    - {name: 完了, also: [closed], closed: true}
type FollowUp struct {
	Channels []Word `mapstructure:"channels"`
	Statuses []Word `mapstructure:"statuses"`
}

// Word is one word of a vocabulary: the name written into files, the
// other spellings accepted for it, and, for a status, whether a complaint
// in it is closed.
type Word struct {
	Name   string   `mapstructure:"name"`
	Also   []string `mapstructure:"also"`
	Closed bool     `mapstructure:"closed"`
}

// ChannelVocab is the channels of a contact; an error names the key.
func (f FollowUp) ChannelVocab() (contactlog.Vocab, error) {
	if len(f.Channels) == 0 {
		return contactlog.DefaultChannels, nil
	}
	v := vocab("channel", f.Channels)
	for _, w := range f.Channels {
		if w.Closed {
			return v, fmt.Errorf("follow_up.channels: %q: closed is a setting of statuses only", w.Name)
		}
	}
	if err := v.Check(); err != nil {
		return v, fmt.Errorf("follow_up.channels: %v", err)
	}
	return v, nil
}

// StatusVocab is the statuses of a complaint, the first a new one's; an
// error names the key. At least one status must be closed and one open.
func (f FollowUp) StatusVocab() (contactlog.Vocab, error) {
	if len(f.Statuses) == 0 {
		return contactlog.DefaultStatuses, nil
	}
	v := vocab("status", f.Statuses)
	if err := v.Check(); err != nil {
		return v, fmt.Errorf("follow_up.statuses: %v", err)
	}
	closed, open := 0, 0
	for _, t := range v.Terms {
		if t.Closed {
			closed++
		} else {
			open++
		}
	}
	if closed == 0 || open == 0 {
		return v, fmt.Errorf("follow_up.statuses: name at least one open status and one with closed: true")
	}
	if v.Terms[0].Closed {
		return v, fmt.Errorf("follow_up.statuses: the first status is a new complaint's, and %q is closed", v.Terms[0].Name)
	}
	return v, nil
}

func vocab(what string, words []Word) contactlog.Vocab {
	v := contactlog.Vocab{What: what}
	for _, w := range words {
		v.Terms = append(v.Terms, contactlog.Term{Name: w.Name, Also: w.Also, Closed: w.Closed})
	}
	return v
}

// StatusesIn is StatusVocab with an error that names the config file.
func (f FollowUp) StatusesIn(file string) (contactlog.Vocab, error) {
	return inFile(file)(f.StatusVocab())
}

// ChannelsIn is ChannelVocab with an error that names the config file.
func (f FollowUp) ChannelsIn(file string) (contactlog.Vocab, error) {
	return inFile(file)(f.ChannelVocab())
}

// inFile prefixes a setting's error with the config file it is in.
func inFile(file string) func(contactlog.Vocab, error) (contactlog.Vocab, error) {
	return func(v contactlog.Vocab, err error) (contactlog.Vocab, error) {
		if err != nil {
			return v, fmt.Errorf("%s: %v", file, err)
		}
		return v, nil
	}
}
