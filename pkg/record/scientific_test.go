package record

import "testing"

// TestScientific checks the ids Excel writes in scientific notation, and
// those of other shapes that are ids as written.
func TestScientific(t *testing.T) {
	for id, want := range map[string]bool{
		"4.90123E+12": true, "4.90123e+12": true, "1E+15": true, "4.E+12": true, "9.9E+9": true,
		"": false, "4": false, "4E+": false, "4.9E12": false, "4.9E-12": false, "E+12": false,
		"4901234567917": false, "000105": false, "4.90123E+1x": false, "49E+12": false, "A.1E+12": false,
		"4.90123": false, "4.90123E+": false, "P001": false, "4.9.1E+12": false,
	} {
		if got := Scientific([]byte(id)); got != want {
			t.Errorf("Scientific(%q) = %v, want %v", id, got, want)
		}
	}
}
