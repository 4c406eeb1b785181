package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/access"
	"github.com/custkit/custkit/pkg/progress"
)

// TestInputProgress checks when an input gets a progress bar: only where
// the run has a progress line (stderr is a terminal and stdout no pipe,
// see systemStreams), not with -q, and for standard input only when it is
// a file whose size is known. Without a bar, nothing is ever drawn.
func TestInputProgress(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "customers.csv")
	if err := os.WriteFile(path, []byte(testCustomers), 0o644); err != nil {
		t.Fatal(err)
	}
	stdinFile, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer stdinFile.Close()
	tests := []struct {
		name     string
		terminal bool
		quiet    bool
		path     string
		stdin    io.Reader
		want     bool
	}{
		{name: "no terminal", path: path},
		{name: "terminal", terminal: true, path: path, want: true},
		{name: "terminal, -q", terminal: true, quiet: true, path: path},
		{name: "no terminal, stdin", path: "-", stdin: stdinFile},
		{name: "terminal, stdin from a pipe", terminal: true, path: "-", stdin: strings.NewReader(testCustomers)},
		{name: "terminal, stdin from a file", terminal: true, path: "-", stdin: stdinFile, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, errb := testStreams("")
			var term bytes.Buffer
			if tt.terminal {
				s.status = progress.NewDisplay(&term)
			}
			if tt.stdin != nil {
				s.in = tt.stdin
				if f, ok := tt.stdin.(*os.File); ok {
					if _, err := f.Seek(0, io.SeekStart); err != nil {
						t.Fatal(err)
					}
				}
			}
			g := &globalOptions{quiet: tt.quiet, access: access.New(access.Options{})}
			f := &inputFlags{encoding: "auto"}
			src, err := f.openSource(context.Background(), s, g, tt.path, "--customers")
			if err != nil {
				t.Fatal(err)
			}
			if got := src.bar != nil; got != tt.want {
				t.Fatalf("bar: %v, want %v", got, tt.want)
			}
			if _, err := io.ReadAll(src.r); err != nil {
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
	if !isPipe(w) || isPipe(f) {
		t.Errorf("isPipe(pipe) = %v, isPipe(file) = %v", isPipe(w), isPipe(f))
	}
}
