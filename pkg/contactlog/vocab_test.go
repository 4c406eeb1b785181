package contactlog

import (
	"strings"
	"testing"
)

func TestVocabFind(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"電話", "電話"}, {"phone", "電話"}, {"ＬＩＮＥ", "LINE"}, {"line", "LINE"}, {" E-Mail ", "メール"},
	} {
		got, err := DefaultChannels.Find(tt.in)
		if err != nil || got.Name != tt.want {
			t.Errorf("Find(%q) = %q, %v; want %q", tt.in, got.Name, err, tt.want)
		}
	}
	st, err := DefaultStatuses.Find("In Progress")
	if err != nil || st.Name != "対応中" || st.Closed {
		t.Errorf("in progress: %+v, %v", st, err)
	}
	if !DefaultStatuses.Closed("closed") || DefaultStatuses.Closed("未対応") || DefaultStatuses.Closed("何か") {
		t.Error("Closed: wrong answer")
	}
}

func TestVocabUnknown(t *testing.T) {
	_, err := DefaultChannels.Find("phon")
	if err == nil || !strings.Contains(err.Error(), `unknown channel "phon"; did you mean "電話"?`) {
		t.Errorf("phon: %v", err)
	}
	_, err = DefaultStatuses.Find("xyzzy")
	if err == nil || strings.Contains(err.Error(), "did you mean") || !strings.Contains(err.Error(), "known: 未対応, 対応中, 完了") {
		t.Errorf("xyzzy: %v", err)
	}
}

func TestVocabCheck(t *testing.T) {
	if err := (Vocab{What: "status"}).Check(); err == nil {
		t.Error("empty vocabulary passed")
	}
	dup := Vocab{What: "channel", Terms: []Term{{Name: "電話", Also: []string{"tel"}}, {Name: "TEL"}}}
	if err := dup.Check(); err == nil || !strings.Contains(err.Error(), `"TEL" names both channel "電話" and "TEL"`) {
		t.Errorf("duplicate: %v", err)
	}
}
