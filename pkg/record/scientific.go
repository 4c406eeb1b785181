package record

import "errors"

// ErrScientific is the Err of the [rows.Error] of an id that a
// spreadsheet wrote in scientific notation ([Scientific]).
var ErrScientific = errors.New("is a number in scientific notation, as a spreadsheet shows a long number, and its last digits are lost; format the column as text in the spreadsheet (or export it again from the register) and save the file again")

// Scientific reports whether id is written as Excel writes a long number
// it shows in scientific notation: one digit, optionally a point and more
// digits, then E+ and the exponent (4.90123E+12, 1E+15). Such an id has
// lost its digits after the sixth: it is nobody's number any more.
func Scientific(id []byte) bool {
	// Most ids are told apart by their second byte (neither a point nor
	// E nor e), here, where the passes inline it: they call scientific for
	// the rest of the rule only for the few that are not.
	return len(id) >= 4 && (id[1] == '.' || id[1]|0x20 == 'e') && scientific(id)
}

// scientific is the whole rule of Scientific, for an id of at least 4
// bytes.
func scientific(id []byte) bool {
	if id[0] < '0' || id[0] > '9' {
		return false
	}
	i := 1
	if id[i] == '.' {
		i++
		for i < len(id) && id[i] >= '0' && id[i] <= '9' {
			i++
		}
	}
	if i+2 > len(id) || id[i] != 'E' && id[i] != 'e' || id[i+1] != '+' {
		return false
	}
	i += 2
	if i == len(id) {
		return false
	}
	for ; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}
