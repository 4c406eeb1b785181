package retention

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"time"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// Files are the data files a purge works on; "" is a file not given. The
// customers and sales files are required: without every purchase, nobody
// can tell who is inactive.
type Files struct {
	Customers, Sales, Contacts, Complaints string
	// MoreSales, MoreContacts and MoreComplaints are further files of the
	// kind, read after the first (a register's monthly exports): a
	// customer is inactive only when none of the sales files has a recent
	// purchase, and each file is rewritten in its own encoding.
	MoreSales, MoreContacts, MoreComplaints []string
}

// all returns every file of kind k, the first one first.
func (f Files) all(k schema.Kind) []string {
	first := f.path(k)
	if first == "" {
		return nil
	}
	var more []string
	switch k.Name {
	case schema.Sales.Name:
		more = f.MoreSales
	case schema.Contacts.Name:
		more = f.MoreContacts
	case schema.Complaints.Name:
		more = f.MoreComplaints
	}
	return append([]string{first}, more...)
}

// ScanOptions configure Scan.
type ScanOptions struct {
	Policy Policy
	// AsOf is the day the periods count back from.
	AsOf time.Time
	// Aliases are the header aliases from the config, by kind name.
	Aliases map[string]schema.Aliases
	// ExcelSerial reads numbers in date columns as Excel serial days (the
	// config's dates.excel_serial).
	ExcelSerial bool
	// EncodingOf gives the encoding of the file at path of a kind (by
	// kind name): its own, or its kind's; nil, or "", detects it.
	EncodingOf func(kind, path string) charset.Encoding
	// HeaderRow gives the line of the header of the file at path of a
	// kind (by kind name): its own, or its kind's; nil, or 0, finds it,
	// below a title row if there is one.
	HeaderRow func(kind, path string) int
	// IsPseudonym recognises a customer id that an earlier purge already
	// replaced by its pseudonym; such a customer is not anonymised again.
	IsPseudonym func(id string) bool
	// Workers is the number of blocks of the sales file parsed at once;
	// 0 means one per CPU.
	Workers int
	// Watch, when set, follows every read of a data file, to show
	// progress: it is given what the read is for ("reading" or
	// "rewriting"), the file and its size, and returns the reader to read
	// the file's bytes through and a function that is called when the
	// read is over.
	Watch func(doing, path string, size int64, r io.Reader) (io.Reader, func())
	// Decrypt opens an encrypted data file (a name ending in .age, or
	// the age header at its start): given the file's name and its bytes,
	// it returns the plain bytes, failing at the last read for a damaged
	// or cut-off file. Without it, an encrypted file is refused.
	Decrypt func(name string, r io.Reader) (io.ReadCloser, error)
	// Seal encrypts the new version of an encrypted data file to the
	// shop's recipients: given the temporary file, it returns the writer
	// of the plain rows, whose Close ends the ciphertext; only ciphertext
	// reaches the disk. Without it, Purge refuses to change an encrypted
	// file before it reads anything.
	Seal func(io.Writer) (io.WriteCloser, error)
}

// Fate is what a purge does to one row.
type Fate uint8

// The fates of a row.
const (
	Kept Fate = iota
	Deleted
	Anonymised
	Pseudonymised
	Held // the policy would change the row, and the legal hold keeps it
)

// Counts are the rows of one file by fate.
type Counts struct {
	Rows          int64 `json:"rows"`
	Kept          int64 `json:"kept"`
	Deleted       int64 `json:"deleted"`
	Anonymised    int64 `json:"anonymised"`
	Pseudonymised int64 `json:"pseudonymised"`
	Held          int64 `json:"held"`
}

func (c *Counts) add(f Fate) { c.addN(f, 1) }

func (c *Counts) addN(f Fate, n int64) {
	c.Rows += n
	switch f {
	case Kept:
		c.Kept += n
	case Deleted:
		c.Deleted += n
	case Anonymised:
		c.Anonymised += n
	case Pseudonymised:
		c.Pseudonymised += n
	case Held:
		c.Held += n
	}
}

func (c *Counts) merge(o Counts) {
	c.Rows += o.Rows
	c.Kept += o.Kept
	c.Deleted += o.Deleted
	c.Anonymised += o.Anonymised
	c.Pseudonymised += o.Pseudonymised
	c.Held += o.Held
}

// Changed is the number of rows the purge changes or removes.
func (c Counts) Changed() int64 { return c.Deleted + c.Anonymised + c.Pseudonymised }

// FilePlan is the plan for one data file.
type FilePlan struct {
	Kind   schema.Kind
	Path   string
	SHA256 string // of the file as scanned
	Size   int64
	Counts Counts
	// Skipped are the rows without data its reader skipped (empty rows,
	// the header repeated): a rewrite does not write them back.
	Skipped rows.Skips
}

// Plan is what a purge will do, computed by Scan.
type Plan struct {
	AsOf   time.Time
	Policy Policy
	// Files are the files given, in the order customers, sales, contacts,
	// complaints.
	Files []*FilePlan
	// Customers is the number of customers; Purged of them are deleted or
	// anonymised.
	Customers, Purged int
	// Undated counts the customers who never bought and have no
	// registration date: nobody can tell how long they have been
	// inactive, so they are kept.
	Undated int
	// OnHold is the number of customer ids in the legal-hold file.
	OnHold int

	st *state
}

// Results returns the plan's counts per file.
func (p *Plan) Results() []FileResult {
	out := make([]FileResult, len(p.Files))
	for i, fp := range p.Files {
		out[i] = FileResult{Path: fp.Path, Kind: fp.Kind.Name, SHA256: fp.SHA256, Size: fp.Size, Counts: fp.Counts}
	}
	return out
}

// Changed reports whether the plan changes any file.
func (p *Plan) Changed() bool {
	for _, f := range p.Files {
		if f.Counts.Changed() > 0 {
			return true
		}
	}
	return false
}

// NeedsKey reports whether applying the plan needs the pseudonym key: it
// does whenever a customer is purged, for their pseudonyms in the sales and
// in the access log.
func (p *Plan) NeedsKey() bool { return p.Purged > 0 }

// Cutoff returns the first day a rule keeps: rows dated before it go.
// ok is false for a kind of file without an age rule.
func (p *Plan) Cutoff(kind schema.Kind) (time.Time, bool) {
	rule, ok := p.Policy.rule(kind)
	if !ok {
		return time.Time{}, false
	}
	return rule.Before(day(p.AsOf)), true
}

// rule returns the period of kind's rule.
func (p Policy) rule(kind schema.Kind) (parse.Period, bool) {
	switch kind.Name {
	case schema.Customers.Name:
		return p.Customers.InactiveAfter, p.Customers.Action != ""
	case schema.Sales.Name:
		return p.Sales.Keep, p.Sales.Set
	case schema.Contacts.Name:
		return p.Contacts.Keep, p.Contacts.Set
	case schema.Complaints.Name:
		return p.Complaints.Keep, p.Complaints.Set
	}
	return parse.Period{}, false
}

// noDay stands for an empty date cell, and for a rule that has no cutoff.
const noDay = math.MinInt32

// state is what the scan learnt, which the rewrite needs again.
type state struct {
	files     Files
	opts      ScanOptions
	hold      map[string]struct{}
	index     *customer.Index
	fate      []Fate   // per customer
	purged    []int32  // customers deleted or anonymised, in file order
	lastBuy   []int32  // per customer, noDay if none
	recent    []int32  // per customer, sales lines within the sales keep period
	anonymous []bool   // per customer: already anonymised by an earlier run
	regDay    []int32  // per customer
	ids       []string // per purged customer, the id as written, for tokens
}

// Scan reads the files and works out the plan. It changes nothing.
func Scan(ctx context.Context, files Files, opts ScanOptions) (*Plan, error) {
	if files.Customers == "" || files.Sales == "" {
		return nil, fmt.Errorf("purge needs the customers and the sales file: a customer's last purchase decides whether they are inactive")
	}
	st := &state{files: files, opts: opts}
	p := &Plan{AsOf: day(opts.AsOf), Policy: opts.Policy, st: st}
	var err error
	if st.hold, err = st.readHold(ctx, opts.Policy.LegalHold); err != nil {
		return nil, err
	}
	p.OnHold = len(st.hold)
	cust, err := st.loadCustomers(ctx)
	if err != nil {
		return nil, err
	}
	salesFiles := files.all(schema.Sales)
	n := st.index.Len()
	st.lastBuy, st.recent = make([]int32, n), make([]int32, n)
	for i := range st.lastBuy {
		st.lastBuy[i] = noDay
	}
	var sales []*FilePlan
	for _, path := range salesFiles {
		fp, err := st.scanSales(ctx, p, path)
		if err != nil {
			return nil, err
		}
		sales = append(sales, fp)
	}
	if err := st.decide(p); err != nil {
		return nil, err
	}
	cust.Counts = st.customerCounts()
	p.Files = append(p.Files, cust)
	if len(sales) == 1 {
		sales[0].Counts = st.salesCounts(sales[0].Counts)
	} else if err := st.countEach(ctx, p, sales); err != nil {
		return nil, err
	}
	p.Files = append(p.Files, sales...)
	for _, k := range []schema.Kind{schema.Contacts, schema.Complaints} {
		for _, path := range files.all(k) {
			fp := &FilePlan{Kind: k, Path: path}
			if err := st.pass(ctx, p, fp, nil); err != nil {
				return nil, err
			}
			p.Files = append(p.Files, fp)
		}
	}
	return p, nil
}

// countEach counts the lines of each of several sales files by fate, now
// that every customer's fate is known from all of them, with a second read
// of each: the scan's per-customer counts are of all the files together.
// A file that changed since the scan stops the purge.
func (st *state) countEach(ctx context.Context, p *Plan, sales []*FilePlan) error {
	for _, fp := range sales {
		scanned := fp.SHA256
		fp.SHA256, fp.Counts = "", Counts{}
		if err := st.pass(ctx, p, fp, nil); err != nil {
			return err
		}
		if fp.SHA256 != scanned {
			return changedError(fp.Path)
		}
	}
	return nil
}

// path returns the file of kind.
func (f Files) path(k schema.Kind) string {
	switch k.Name {
	case schema.Customers.Name:
		return f.Customers
	case schema.Sales.Name:
		return f.Sales
	case schema.Contacts.Name:
		return f.Contacts
	case schema.Complaints.Name:
		return f.Complaints
	}
	return ""
}

// readHold reads the legal-hold file: its customer id column, by the same
// header names as the customers file's.
func (st *state) readHold(ctx context.Context, path string) (map[string]struct{}, error) {
	hold := map[string]struct{}{}
	if path == "" {
		return hold, nil
	}
	src, err := st.open(ctx, path, schema.Customers, "reading")
	if err != nil {
		return nil, fmt.Errorf("legal hold: %w", err)
	}
	defer src.Close()
	col := src.Binding.Col(schema.CustomerID)
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return hold, nil
		}
		if err != nil {
			return nil, fmt.Errorf("legal hold: %w", err)
		}
		if key, _ := customer.NormalizeKey(rec.Fields[col]); len(key) > 0 {
			hold[string(key)] = struct{}{}
		}
	}
}

// The customers payload kept in the index: a flag byte (already
// anonymous), the normalised key and the id as written (each after its
// length as a uvarint), then the registration date as written.
const flagAnonymous = 1

// loadCustomers reads the customers file into the index, keeping per
// customer what the decision needs.
func (st *state) loadCustomers(ctx context.Context) (*FilePlan, error) {
	path := st.files.Customers
	src, err := st.open(ctx, path, schema.Customers, "reading")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	b := src.Binding
	idCol, regCol := b.Col(schema.CustomerID), b.Col(schema.RegisteredAt)
	keep := anonymousColumns(b)
	st.index, err = customer.LoadContext(ctx, src.Reader, b, customer.LoadOptions{KeyNormalize: true, Workers: st.opts.Workers, Payload: func(dst []byte, rec *rows.Record) []byte {
		var flag byte
		if st.opts.IsPseudonym != nil && st.opts.IsPseudonym(string(rec.Fields[idCol])) && onlyIn(rec.Fields, keep) {
			flag = flagAnonymous
		}
		raw := rec.Fields[idCol]
		key, _ := customer.NormalizeKey(raw)
		dst = append(dst, flag)
		dst = binary.AppendUvarint(dst, uint64(len(key)))
		dst = append(dst, key...)
		dst = binary.AppendUvarint(dst, uint64(len(raw)))
		dst = append(dst, raw...)
		if regCol >= 0 {
			dst = append(dst, rec.Fields[regCol]...)
		}
		return dst
	}})
	if err != nil {
		return nil, err
	}
	fp := &FilePlan{Kind: schema.Customers, Path: path}
	if fp.SHA256, fp.Size, _, err = src.finish(); err != nil {
		return nil, err
	}
	fp.Skipped = src.Skipped()
	return fp, nil
}

// anonymousColumns are the columns an anonymised customer keeps: the id
// (as its pseudonym), the store and the registration date.
func anonymousColumns(b *schema.Binding) []bool {
	keep := make([]bool, len(b.Header))
	for _, f := range []schema.Field{schema.CustomerID, schema.StoreID, schema.RegisteredAt} {
		if c := b.Col(f); c >= 0 {
			keep[c] = true
		}
	}
	return keep
}

// onlyIn reports whether every field outside keep is empty.
func onlyIn(fields [][]byte, keep []bool) bool {
	for i, f := range fields {
		if len(f) > 0 && !keep[i] {
			return false
		}
	}
	return true
}

// customerFacts is what the index keeps of one customer.
type customerFacts struct {
	anonymous  bool   // already anonymised by an earlier purge
	key        []byte // the id as matched (normalised)
	id         []byte // the id as written
	registered []byte // the registration date as written
}

// payload splits customer i's payload.
func (st *state) payload(i int) customerFacts {
	p := st.index.Payload(i)
	f := customerFacts{anonymous: p[0]&flagAnonymous != 0}
	p = p[1:]
	f.key, p = uvarintBytes(p)
	f.id, f.registered = uvarintBytes(p)
	return f
}

// uvarintBytes splits a length-prefixed field off p.
func uvarintBytes(p []byte) (field, rest []byte) {
	n, w := binary.Uvarint(p)
	return p[w : w+int(n)], p[w+int(n):]
}

// held reports whether key is under legal hold.
func (st *state) held(key []byte) bool {
	if len(st.hold) == 0 {
		return false
	}
	_, ok := st.hold[string(key)]
	return ok
}

// decide works out each customer's fate from their last purchase or
// registration.
func (st *state) decide(p *Plan) error {
	n := st.index.Len()
	p.Customers = n
	st.fate = make([]Fate, n)
	rule := p.Policy.Customers
	if rule.Action == "" {
		return nil
	}
	cut := dayNumber(rule.InactiveAfter.Before(p.AsOf))
	purge := Deleted
	if rule.Action == Anonymize {
		purge = Anonymised
	}
	for i := 0; i < n; i++ {
		last, err := st.lastActive(i)
		if err != nil {
			return err
		}
		c := st.payload(i)
		switch {
		case last == noDay:
			p.Undated++
		case last >= cut, c.anonymous:
		case st.held(c.key):
			st.fate[i] = Held
		default:
			st.fate[i] = purge
			st.purged = append(st.purged, int32(i))
			st.ids = append(st.ids, string(c.id))
		}
	}
	p.Purged = len(st.purged)
	return nil
}

// lastActive is customer i's last purchase, else their registration day,
// else noDay.
func (st *state) lastActive(i int) (int32, error) {
	if d := st.lastBuy[i]; d != noDay {
		return d, nil
	}
	reg := st.payload(i).registered
	if len(reg) == 0 {
		return noDay, nil
	}
	t, err := parse.DateBytes(reg)
	if err != nil {
		t, err = record.Serial(st.index.Binding, bytes.TrimSpace(reg), err)
	}
	if err != nil {
		col := st.index.Header[st.index.Binding.Col(schema.RegisteredAt)]
		return 0, &rows.Error{File: st.index.FileOf(i), Line: st.index.Line(i), Column: col, Value: string(reg), Err: err}
	}
	return dayNumber(t), nil
}

// customerCounts counts the customers file's rows by fate.
func (st *state) customerCounts() Counts {
	var c Counts
	for _, f := range st.fate {
		c.add(f)
	}
	return c
}

// purgedFate is what becomes of a row of a purged customer in kind's file.
func (st *state) purgedFate(kind schema.Kind) Fate {
	if kind.Name == schema.Sales.Name && st.opts.Policy.Sales.onPurge() == Pseudonymize {
		return Pseudonymised
	}
	return Deleted
}

// isPurged reports whether customer idx (-1: none) is purged.
func (st *state) isPurged(idx int) bool {
	return idx >= 0 && (st.fate[idx] == Deleted || st.fate[idx] == Anonymised)
}

// sortedTokens returns the pseudonyms of the purged customers, sorted, so
// that the access log does not reveal the order of the customers file.
func sortedTokens(tokens []string) []string {
	out := append([]string(nil), tokens...)
	sort.Strings(out)
	return out
}

// day truncates t to its date.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayNumber is t's date as days since 1970-01-01.
func dayNumber(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// tokenSet holds the pseudonyms of the purged customers.
type tokenSet struct {
	list       []string // in file order
	byCustomer [][]byte // per customer; nil unless purged
}

func (t *tokenSet) of(customer int) []byte { return t.byCustomer[customer] }

// tokens computes the pseudonym of every purged customer once.
func (st *state) tokens(pseudonym func(string) string) (*tokenSet, error) {
	t := &tokenSet{byCustomer: make([][]byte, st.index.Len())}
	if len(st.purged) == 0 {
		return t, nil
	}
	if pseudonym == nil {
		return nil, ErrNoKey
	}
	for j, i := range st.purged {
		tok := pseudonym(st.ids[j])
		t.list = append(t.list, tok)
		t.byCustomer[i] = []byte(tok)
	}
	return t, nil
}
