package sink

import "testing"

type rowsOnly struct{}

func (rowsOnly) WriteHeader([]string) error { return nil }
func (rowsOnly) Write([]string) error       { return nil }

type encoder struct{ rowsOnly }

func (encoder) AppendCells(dst []byte, _ [][]byte, _ int) []byte { return dst }
func (encoder) AppendRowEnd(dst []byte) []byte                   { return dst }
func (encoder) WriteEncoded([]byte) error                        { return nil }
func (encoder) Verbatim(byte) bool                               { return false }

// wrapper is an output whose fast path is another value, or none.
type wrapper struct {
	rowsOnly
	enc Encoder
}

func (w wrapper) Encoder() Encoder { return w.enc }

func TestEncoderOf(t *testing.T) {
	e := encoder{}
	for _, tt := range []struct {
		name string
		out  Rows
		want Encoder
	}{
		{"nil", nil, nil},
		{"rows only", rowsOnly{}, nil},
		{"itself", e, e},
		{"through Encoder", wrapper{enc: e}, e},
		{"none through Encoder", wrapper{}, nil},
	} {
		if got := EncoderOf(tt.out); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
