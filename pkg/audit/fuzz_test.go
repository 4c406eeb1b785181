package audit

import (
	"strings"
	"testing"
)

// FuzzVerify feeds arbitrary logs to Verify: whatever the damage, it
// reports a line or succeeds, and never panics.
func FuzzVerify(f *testing.F) {
	var log strings.Builder
	for i := 0; i < 3; i++ {
		e := &Entry{Seq: int64(i + 1), Command: "join", Args: []string{"--sales=s.csv"}}
		line, err := encode(e)
		if err != nil {
			f.Fatal(err)
		}
		log.Write(line)
	}
	f.Add(log.String())
	f.Add(log.String()[:len(log.String())-30])
	f.Add(`{"seq":1,"hash":"x"}` + "\n")
	f.Add(`,"hash":"` + strings.Repeat("0", 64) + `"}`)
	f.Fuzz(func(t *testing.T, s string) {
		rep, err := Verify(strings.NewReader(s))
		if err == nil && rep.Entries > strings.Count(s, "\n")+1 {
			t.Errorf("%d entries in %d lines", rep.Entries, strings.Count(s, "\n")+1)
		}
	})
}
