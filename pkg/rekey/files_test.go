package rekey

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c := write("customers.csv.age", "age-encryption.org/v1\n")
	s := write("sales.csv", "customer_id\n")
	k := write("contacts.bin", "age-encryption.org/v1\n")
	got, err := Files(c, s+","+c, k, "")
	if err != nil || !reflect.DeepEqual(got, []string{c, k}) {
		t.Errorf("Files = %v, %v; want %v", got, err, []string{c, k})
	}
	// one file by another path or a link is re-encrypted once; a copy is
	// a file of its own
	dot := dir + "/./customers.csv.age"
	link := filepath.Join(dir, "link.age")
	cp := write("customers (1).csv.age", "age-encryption.org/v1\n")
	want := []string{c, cp, k}
	list := c + "," + dot + "," + cp
	if os.Symlink(c, link) == nil {
		list += "," + link
	}
	if got, err := Files(list, "", k, ""); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Files = %v, %v; want %v", got, err, want)
	}
	if _, err := Files(s, "", "", ""); err == nil || !strings.Contains(err.Error(), "no encrypted file to re-encrypt") {
		t.Errorf("Files of plain files = %v", err)
	}
	if _, err := Files(c, "-", "", ""); err == nil || !strings.HasPrefix(err.Error(), "--sales: rekey replaces files in place") {
		t.Errorf("Files with standard input = %v", err)
	}
}
