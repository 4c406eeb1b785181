package input

import "fmt"

// Value is a flag's value, as pflag.Value is.
type Value interface {
	String() string
	Set(string) error
	Type() string
}

// RepeatedError is a flag that takes one value given twice.
type RepeatedError struct {
	Flag          string
	First, Second string
}

func (e *RepeatedError) Error() string {
	return fmt.Sprintf("--%s given twice (%q, then %q); it takes one value: give it once", e.Flag, e.First, e.Second)
}

// OnceValue refuses a second, different value for a flag that takes one,
// where pflag would keep the last.
type OnceValue struct {
	Value
	// Name is the flag's name.
	Name  string
	set   bool
	first string
}

// Set sets the value, or returns a *RepeatedError if a different one was
// set before.
func (v *OnceValue) Set(s string) error {
	if v.set && s != v.first {
		return &RepeatedError{Flag: v.Name, First: v.first, Second: s}
	}
	v.set, v.first = true, s
	return v.Value.Set(s)
}

// OnceBool is OnceValue for a boolean flag, which may be given without a
// value.
type OnceBool struct{ *OnceValue }

// IsBoolFlag says the flag may be given without a value.
func (OnceBool) IsBoolFlag() bool { return true }
