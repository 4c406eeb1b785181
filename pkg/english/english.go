// Package english words the counts in custkit's summaries: "1 row",
// "2 rows", "1 match", "3 matches"; says yes or no; and tells how far apart
// two words are, for "did you mean" suggestions.
package english

import "strconv"

// Count writes n and a noun, adding "s" unless n is one: Count(2, "row")
// is "2 rows".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// CountAs writes n with the singular or the plural form given, for nouns
// that do not take a plain "s": CountAs(2, "match", "matches").
func CountAs(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
