// Command gen writes the example exports of examples/layouts (see
// internal/layoutdata). Run it from the repository root:
//
//	go run ./examples/layouts/gen
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/custkit/custkit/internal/layoutdata"
)

func main() {
	dir := flag.String("o", layoutdata.Dir, "directory to write the files into")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s is not a directory: run from the repository root or pass -o", dir)
	}
	files, err := layoutdata.Files()
	if err != nil {
		return err
	}
	for _, name := range layoutdata.Names() {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
