package cmdutil

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/progress"
	"github.com/custkit/custkit/pkg/schema"
)

// TestInputProgress checks when an input may get a progress bar: only
// where the run has a progress line (stderr is a terminal and stdout no
// pipe, see SystemStreams), and not with -q. (Which inputs ask for one
// is pkg/input's TestSourceProgress.) Without a bar, nothing is ever drawn.
func TestInputProgress(t *testing.T) {
	tests := []struct {
		name            string
		terminal, quiet bool
		want            bool
	}{
		{name: "no terminal"},
		{name: "terminal", terminal: true, want: true},
		{name: "terminal, -q", terminal: true, quiet: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "customers.csv")
			if err := os.WriteFile(path, []byte("customer_id,name\nC1,山田太郎\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			s, _, errb := BufferStreams("")
			var term bytes.Buffer
			if tt.terminal {
				s.Status = progress.NewDisplay(&term)
			}
			g := &Global{Quiet: tt.quiet, Access: access.New(access.Options{})}
			op := (&Inputs{Encoding: "auto"}).Opener(s, g)
			bar := g.StartBar(s, "reading "+path, 1)
			bar.Done()
			if got := bar != nil; got != tt.want {
				t.Fatalf("bar: %v, want %v", got, tt.want)
			}
			src, err := op.Source(context.Background(), path, schema.Customers)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.ReadAll(src.Reader); err != nil {
				t.Fatal(err)
			}
			src.Close()
			if errb.Len() != 0 || term.Len() != 0 {
				t.Errorf("drew %q %q for a read shorter than the delay", errb.String(), term.String())
			}
		})
	}
}

func TestIsPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !IsPipe(w) || IsPipe(f) {
		t.Errorf("IsPipe(pipe) = %v, IsPipe(file) = %v", IsPipe(w), IsPipe(f))
	}
}
