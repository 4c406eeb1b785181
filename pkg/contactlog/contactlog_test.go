package contactlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/filelock"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

var contactFields = []schema.Field{schema.CustomerID, schema.ContactedAt, schema.Staff, schema.Channel, schema.Summary}

func contactOpts(dir, path string) Options {
	return Options{Path: path, Kind: schema.Contacts, Required: contactFields, PurgeDir: dir, Wait: 200 * time.Millisecond}
}

func contactRow(id, summary string) func(*File) ([]string, error) {
	return func(f *File) ([]string, error) {
		row := f.Row()
		f.Set(row, schema.CustomerID, id)
		f.Set(row, schema.ContactedAt, "2026-11-22 10:15")
		f.Set(row, schema.Staff, "村田")
		f.Set(row, schema.Channel, "電話")
		f.Set(row, schema.Summary, summary)
		return row, nil
	}
}

func sjis(t *testing.T, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readAll parses the file as custkit reads it.
func readAll(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := rows.NewReader(f, rows.Options{Name: path})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, fd := range rec.Fields {
			cells = append(cells, string(fd))
		}
		out = append(out, cells)
	}
}

func TestAppendKeepsEncodingAndBytes(t *testing.T) {
	tests := []struct {
		name     string
		existing []byte
		want     []byte // the bytes appended
	}{
		{"utf-8 lf", []byte("summary,customer_id,担当,channel,date\n1,000101,a,b,2026-01-01\n"),
			[]byte("\"入荷,の\"\"連絡\"\"\n二行目\",000102,村田,電話,2026-11-22 10:15\n")},
		{"cp932 crlf", sjis(t, "顧客番号,対応日,担当者,経路,内容\r\n000101,2026/01/01,大野,来店,桜の湯呑み\r\n"),
			sjis(t, "000102,2026-11-22 10:15,村田,電話,\"入荷,の\"\"連絡\"\"\n二行目\"\r\n")},
		{"utf-8 bom tsv, no final newline", []byte("\uFEFFcustomer_id\tcontacted_at\tstaff\tchannel\tsummary\n000101\t2026-01-01\tx\ty\tz"),
			[]byte("\n000102\t2026-11-22 10:15\t村田\t電話\t\"入荷,の\"\"連絡\"\"\n二行目\"\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "contacts.csv")
			if err := os.WriteFile(path, tt.existing, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Append(context.Background(), contactOpts(dir, path), contactRow("000102", "入荷,の\"連絡\"\n二行目")); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(path)
			if !bytes.HasPrefix(got, tt.existing) {
				t.Fatalf("the bytes before the new row changed:\n%q", got)
			}
			if added := got[len(tt.existing):]; !bytes.Equal(added, tt.want) {
				t.Errorf("appended\n%q\nwant\n%q", added, tt.want)
			}
			recs := readAll(t, path)
			if n := len(recs); n != 2 {
				t.Fatalf("%d records, want 2", n)
			}
		})
	}
}

func TestAppendNewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.csv")
	opts := contactOpts(dir, path)
	opts.New = NewFile{Encoding: charset.CP932, EOL: "\r\n"}
	if _, err := Append(context.Background(), opts, contactRow("000101", "桜")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := sjis(t, "customer_id,contacted_at,staff,channel,summary\r\n000101,2026-11-22 10:15,村田,電話,桜\r\n")
	if !bytes.Equal(got, want) {
		t.Errorf("new file\n%q\nwant\n%q", got, want)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	// A row that cannot be written leaves no file behind.
	other := filepath.Join(dir, "other.csv")
	opts.Path = other
	if _, err := Append(context.Background(), opts, contactRow("000101", "𠮷野家")); err == nil {
		t.Fatal("𠮷 in a new Shift_JIS file: no error")
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed first row left %s behind (%v)", other, err)
	}
}

func TestAppendRefusesAndLeavesFileUnchanged(t *testing.T) {
	tests := []struct {
		name, want string
		existing   []byte
		summary    string
	}{
		{"unencodable", "cannot be written in shift_jis", sjis(t, "顧客番号,対応日,担当者,経路,内容\r\n000101,2026/01/01,大野,来店,桜\r\n"), "𠮷野家の件"},
		{"missing column", "no column maps to staff", []byte("customer_id,contacted_at,channel,summary\n"), "x"},
		{"empty file", "the file is empty", nil, "x"},
		{"workbook", "contacts.csv is a workbook, which custkit cannot add a row to", []byte("PK\x03\x04\x14\x00\x08\x00[Content_Types].xml"), "x"},
		{"json lines", "contacts.csv is JSON, which custkit cannot add a row to", []byte("{\"customer_id\":\"000101\",\"contacted_at\":\"2026-01-01\",\"staff\":\"大野\",\"channel\":\"来店\",\"summary\":\"桜\"}\n"), "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "contacts.csv")
			os.WriteFile(path, tt.existing, 0o644)
			_, err := Append(context.Background(), contactOpts(dir, path), contactRow("000101", tt.summary))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, tt.existing) {
				t.Errorf("file changed to %q", got)
			}
		})
	}
}

func TestPurgeMakesWriterWait(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.csv")
	os.WriteFile(path, []byte("customer_id,contacted_at,staff,channel,summary\n"), 0o600)
	purge, err := filelock.TryAcquire(filepath.Join(dir, PurgeLockName), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Append(context.Background(), contactOpts(dir, path), contactRow("000101", "x"))
	if !errors.Is(err, ErrPurging) {
		t.Fatalf("error %v, want ErrPurging", err)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("gave up after %v, want the 200ms wait", waited)
	}
	// The purge ends while the writer waits: the row goes in.
	time.AfterFunc(100*time.Millisecond, func() { purge.Unlock() })
	opts := contactOpts(dir, path)
	opts.Wait = 5 * time.Second
	if _, err := Append(context.Background(), opts, contactRow("000101", "x")); err != nil {
		t.Fatal(err)
	}
	if n := len(readAll(t, path)); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

var complaintFields = []schema.Field{schema.ComplaintID, schema.CustomerID, schema.Status}

func TestRewriteKeepsOtherBytes(t *testing.T) {
	for _, tt := range []struct {
		name string
		enc  func(string) []byte
	}{
		{"utf-8 lf", func(s string) []byte { return []byte(s) }},
		{"cp932 crlf", func(s string) []byte { return sjis(t, strings.ReplaceAll(s, "\n", "\r\n")) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "complaints.csv")
			head := "受付番号,顧客番号,受付日,内容,状態\nC1,000101,2026-01-01,\"割れ\n二行\",未対応\n"
			tail := "C3,000103,2026-01-03,欠け,完了\n"
			before := tt.enc(head + "C2,000102,2026-01-02,\"色,違い\",未対応\n" + tail)
			os.WriteFile(path, before, 0o640)
			opts := Options{Path: path, Kind: schema.Complaints, Required: complaintFields, PurgeDir: dir}
			match := func(l *Layout, rec *rows.Record) bool { return rec.Field(l.Binding.Col(schema.ComplaintID)) == "C2" }
			old, _, err := Rewrite(context.Background(), opts, match, func(l *Layout, old []string) ([]string, error) {
				row := append([]string(nil), old...)
				l.Set(row, schema.Status, "対応中")
				return row, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if old[4] != "未対応" {
				t.Errorf("old status %q", old[4])
			}
			got, _ := os.ReadFile(path)
			want := tt.enc(head + "C2,000102,2026-01-02,\"色,違い\",対応中\n" + tail)
			if !bytes.Equal(got, want) {
				t.Errorf("file\n%q\nwant\n%q", got, want)
			}
			if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want the file's 0640", st.Mode().Perm())
			}
			// An id that is not there: ErrNotFound, the file as it was.
			none := func(l *Layout, rec *rows.Record) bool { return false }
			if _, _, err := Rewrite(context.Background(), opts, none, nil); !errors.Is(err, ErrNotFound) {
				t.Errorf("no match: %v, want ErrNotFound", err)
			}
			if again, _ := os.ReadFile(path); !bytes.Equal(again, want) {
				t.Error("a failed rewrite changed the file")
			}
		})
	}
}

// The helper process of the tests below: it appends rows to the file in
// CONTACTLOG_FILE, CONTACTLOG_ROWS of them, each naming the process.
func TestHelperAppend(t *testing.T) {
	path := os.Getenv("CONTACTLOG_FILE")
	if path == "" {
		t.Skip("helper process")
	}
	n, _ := strconv.Atoi(os.Getenv("CONTACTLOG_ROWS"))
	opts := contactOpts(filepath.Dir(path), path)
	opts.Wait = time.Minute
	for i := 0; i < n || n < 0; i++ {
		id := fmt.Sprintf("%s-%d", os.Getenv("CONTACTLOG_NAME"), i)
		if _, err := Append(context.Background(), opts, contactRow(id, strings.Repeat("長い要旨、", 200))); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func helper(path, name string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperAppend$")
	cmd.Env = append(os.Environ(), "CONTACTLOG_FILE="+path, "CONTACTLOG_NAME="+name, "CONTACTLOG_ROWS="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	return cmd
}

func TestConcurrentAppends(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for round := 0; round < 3; round++ {
		dir := t.TempDir()
		path := filepath.Join(dir, "contacts.csv") // made by the first
		const procs, each = 20, 5
		var cmds []*exec.Cmd
		for p := 0; p < procs; p++ {
			c := helper(path, "p"+strconv.Itoa(p), each)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, c)
		}
		for _, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]int{}
		for _, rec := range readAll(t, path) {
			seen[rec[0]]++
		}
		for p := 0; p < procs; p++ {
			for i := 0; i < each; i++ {
				if id := fmt.Sprintf("p%d-%d", p, i); seen[id] != 1 {
					t.Errorf("round %d: row %s is there %d times", round, id, seen[id])
				}
			}
		}
		if len(seen) != procs*each {
			t.Errorf("round %d: %d rows, want %d", round, len(seen), procs*each)
		}
	}
}

func TestKilledWriterLeavesWholeRows(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.csv")
	os.WriteFile(path, []byte("customer_id,contacted_at,staff,channel,summary\n"), 0o600)
	opts := contactOpts(dir, path)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for i := 0; i < 10; i++ {
		c := helper(path, "k"+strconv.Itoa(i), -1)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rng.Intn(80)) * time.Millisecond)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		// Linux stops a write between pages when the writer is killed, so
		// the file can end inside the row; the next write cuts that part.
		if _, err := Append(context.Background(), opts, contactRow(fmt.Sprintf("next-%d", i), strings.Repeat("長い要旨、", 200))); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			t.Fatalf("after kill %d and a write the file ends inside a row", i)
		}
		if _, err := os.Stat(PendingPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("after kill %d and a write the note of the append is still there: %v", i, err)
		}
		for _, rec := range readAll(t, path) {
			if len(rec) != 5 || !strings.HasPrefix(rec[4], "長い要旨") || len(rec[4]) != len(strings.Repeat("長い要旨、", 200)) {
				t.Fatalf("after kill %d a row is torn: %q", i, rec[0])
			}
		}
	}
}

// A row a killed append left in part is cut by the next write, which
// finds the append's note beside the file; bytes that are not that row's
// are never cut, and a note of a row that went in whole changes nothing.
func TestTornAppendIsCut(t *testing.T) {
	const head = "customer_id,contacted_at,staff,channel,summary\n"
	const row = "C1,2026-11-22 10:00,佐藤,電話,要旨\n"
	for _, tt := range []struct {
		name, file, want string
	}{
		{"torn", head + row[:9], head},
		{"whole", head + row, head + row},
		{"edited since", head + "C9,2026-11-22", head + "C9,2026-11-22\n"},
		{"nothing written", head, head},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "contacts.csv")
			os.WriteFile(path, []byte(tt.file), 0o600)
			note := fmt.Sprintf("%s%d\n%s", pendingHead, len(head), row)
			os.WriteFile(PendingPath(path), []byte(note), 0o600)
			if _, err := Append(context.Background(), contactOpts(dir, path), contactRow("C2", "次")); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			added, ok := strings.CutPrefix(string(data), tt.want)
			if !ok || !strings.HasPrefix(added, "C2,") || strings.Count(added, "\n") != 1 || !strings.HasSuffix(added, "\n") {
				t.Errorf("file %q, want %q and the row of C2", data, tt.want)
			}
			if _, err := os.Stat(PendingPath(path)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the note is still there: %v", err)
			}
		})
	}
}
