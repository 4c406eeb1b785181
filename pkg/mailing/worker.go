package mailing

import (
	"bytes"
	"hash/maphash"

	"github.com/custkit/custkit/pkg/record"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/schema"
)

// workerConfig is what every worker shares, read-only.
type workerConfig struct {
	file       string
	inHeader   []string
	dec        *record.Decoder
	col        columns
	opts       Options
	consentCol int
	seeds      [2]maphash.Seed
}

// newWorkerConfig checks that the file has the columns the channel needs.
func newWorkerConfig(r *rows.Reader, b *schema.Binding, opts Options) (*workerConfig, error) {
	col, err := consentColumn(b, opts.Channel, opts.ConsentColumn, opts.Aliases)
	if err != nil {
		return nil, &rows.Error{File: r.Name(), Line: r.HeaderLine(), Err: err}
	}
	need := []schema.Field{schema.Email}
	if opts.Channel == Post {
		need = []schema.Field{schema.Address, schema.PostalCode}
	}
	for _, f := range need {
		if b.Col(f) < 0 && !(f == schema.Address && b.AddressParts() != nil) {
			return nil, &rows.Error{File: r.Name(), Line: r.HeaderLine(), Err: &schema.BindError{Kind: b.Kind.Name, Field: f, Tried: b.Kind.Names(f, opts.Aliases)}}
		}
	}
	if opts.Layout == "" {
		opts.Layout = LayoutAll
	}
	return &workerConfig{
		file: r.Name(), inHeader: r.Header(), dec: record.NewDecoder(r.Name(), b), col: bindColumns(b),
		opts: opts, consentCol: col, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
	}, nil
}

// columns caches the column of each field the workers read (-1 if the
// file has none): a Binding looks fields up in a map, too slow to do a
// dozen times for each of a million rows.
type columns struct {
	id, name, kana, company, dept, title, phone, email, postal, addr, addr2 int
	dated                                                                   bool // has last_purchase or registered_at
	// parts are the columns of an address split over several (都道府県,
	// 市区町村, 番地), read as one when the file has no address column.
	parts []int
}

func bindColumns(b *schema.Binding) columns {
	return columns{
		id: b.Col(schema.CustomerID), name: b.Col(schema.Name), kana: b.Col(schema.NameKana),
		company: b.Col(schema.Company), dept: b.Col(schema.Department), title: b.Col(schema.Title),
		phone: b.Col(schema.Phone), email: b.Col(schema.Email), postal: b.Col(schema.PostalCode),
		addr: b.Col(schema.Address), addr2: b.Col(schema.Address2),
		dated: b.Col(schema.LastPurchase) >= 0 || b.Col(schema.RegisteredAt) >= 0,
		parts: addressParts(b),
	}
}

// addressParts returns the split address columns when the file has no
// address column of its own.
func addressParts(b *schema.Binding) []int {
	if b.Col(schema.Address) >= 0 {
		return nil
	}
	return b.AddressParts()
}

// address returns rec's address: its address column, or the parts of a
// split address joined as written on an envelope (in w's buffer).
func (w *worker) address(rec *rows.Record) []byte {
	col := &w.cfg.col
	if col.parts == nil {
		return field(rec, col.addr)
	}
	parts := make([]string, len(col.parts))
	for i, c := range col.parts {
		parts[i] = string(field(rec, c))
	}
	w.joined = append(w.joined[:0], schema.JoinAddress(parts...)...)
	return w.joined
}

// header returns the header of the list's rows.
func (c *workerConfig) header() []string {
	if c.opts.Layout == LayoutPost {
		return append([]string(nil), PostHeader...)
	}
	return append([]string(nil), c.inHeader...)
}

// worker processes the rows of one block.
type worker struct {
	cfg  *workerConfig
	keyN normalizer // dedupe keys: emails as Options say
	supN normalizer // suppression: emails ignoring case
	buf  []byte
	addr []byte
	// joined holds the address of a row whose address is split.
	joined []byte
	kana   []byte
	phone  []byte
}

// block turns one block of rows into candidates, rejects and counts.
func (c *workerConfig) block(b *rows.Block) (*blockResult, error) {
	defer b.Release()
	w := worker{cfg: c, keyN: normalizer{emailCaseSensitive: c.opts.EmailCaseSensitive}}
	size := b.Bytes() / 2
	if c.opts.Layout == LayoutAll {
		size = b.Bytes() + b.Bytes()/8
	}
	res := &blockResult{arena: make([]byte, 0, size)}
	if err := b.Each(func(rec *rows.Record) error { return w.row(rec, res) }); err != nil {
		return nil, err
	}
	if cap(res.arena) > len(res.arena)+len(res.arena)/4 {
		res.arena = append([]byte(nil), res.arena...) // the list keeps it: no slack
	}
	return res, nil
}

// row takes one customer row through suppression, consent and the checks.
func (w *worker) row(rec *rows.Record, res *blockResult) error {
	c, col := w.cfg, &w.cfg.col
	res.stats.Read++
	id := field(rec, col.id)
	email, phone := field(rec, col.email), field(rec, col.phone)
	var hit bool
	if w.buf, hit = c.opts.Suppress.matches(&w.supN, w.buf, id, email, phone); hit {
		res.stats.Suppressed++
		return nil
	}
	v := field(rec, c.consentCol)
	consent, err := w.keyN.consent(v, c.opts.ConsentMarks)
	if err != nil {
		return &rows.Error{File: rec.In(c.file), Line: rec.Line, Column: c.inHeader[c.consentCol], Value: string(v), Err: err}
	}
	switch consent {
	case Refused:
		// Kept as its id and the keys that find the same person, so
		// that the refusal holds for the person's other rows.
		res.stats.Refused++
		cand := candidate{line: int32(rec.Line), refused: true, recency: noDate}
		res.arena = appendCell(res.arena, bytes.TrimSpace(id))
		cand.end = uint32(len(res.arena))
		w.keys(rec, &cand, PersonRules, email, phone, [7]byte{}, false)
		res.cands = append(res.cands, cand)
		return nil
	case NoAnswer:
		res.stats.NoAnswer++
		return nil
	}
	postal, postalOK := w.keyN.postalCode(field(rec, col.postal))
	if reason := w.check(rec, email, postalOK); reason != 0 {
		res.stats.Rejected[reason]++
		if c.opts.Reject != nil {
			res.rejects = append(res.rejects, Reject{Line: rec.Line, Fields: copyFields(rec), Reason: reason})
		}
		return nil
	}
	cand := candidate{line: int32(rec.Line), recency: noDate}
	if col.dated {
		if cand.recency, err = recency(c.dec, rec); err != nil {
			return err
		}
	}
	res.arena = appendCell(res.arena, bytes.TrimSpace(id))
	if c.opts.Layout == LayoutPost {
		res.arena = appendPostCells(res.arena, col, rec, w.address(rec), postal, postalOK)
	} else {
		for _, f := range rec.Fields {
			res.arena = appendCell(res.arena, f)
		}
	}
	cand.end = uint32(len(res.arena))
	w.keys(rec, &cand, c.opts.Rules|PersonRules, email, phone, postal, postalOK)
	res.cands = append(res.cands, cand)
	return nil
}

// check returns why a row cannot be used on the channel, or 0.
func (w *worker) check(rec *rows.Record, email []byte, postalOK bool) Reason {
	col := &w.cfg.col
	if w.cfg.opts.Channel == Email {
		e := bytes.TrimSpace(email)
		switch {
		case len(e) == 0:
			return ReasonNoEmail
		case !ValidEmail(e):
			return ReasonBadEmail
		}
		return 0
	}
	switch {
	case len(bytes.TrimSpace(w.address(rec))) == 0:
		return ReasonNoAddress
	case !postalOK:
		return ReasonBadPostal
	case len(bytes.TrimSpace(field(rec, col.name))) == 0 && len(bytes.TrimSpace(field(rec, col.company))) == 0:
		return ReasonNoAddressee
	}
	return 0
}

// recency is what picks the row kept among duplicates: the later of the
// last purchase (or visit) and the registration date, as Unix seconds.
func recency(d *record.Decoder, rec *rows.Record) (int64, error) {
	t := int64(noDate)
	for _, f := range []schema.Field{schema.LastPurchase, schema.RegisteredAt} {
		tm, ok, err := d.Date(rec, f)
		if err != nil {
			return 0, err
		}
		if ok {
			t = max(t, tm.Unix())
		}
	}
	return t, nil
}

// keys computes the row's dedupe keys for the rules rs: the rules that
// merge duplicates and those that find a person who refused.
func (w *worker) keys(rec *rows.Record, cand *candidate, rs Rules, email, phone []byte, postal [7]byte, postalOK bool) {
	col := &w.cfg.col
	if rs.Has(RuleEmail) {
		var ok bool
		if w.buf, ok = w.keyN.emailKey(append(w.buf[:0], byte(RuleEmail)), email); ok {
			w.set(cand, int(RuleEmail))
		}
	}
	if rs.Has(RulePhone) || rs.Has(RuleNamePhone) {
		w.phone = w.keyN.phoneKey(w.phone[:0], phone)
		if usablePhone(w.phone) {
			if rs.Has(RulePhone) {
				w.buf = append(append(w.buf[:0], byte(RulePhone)), w.phone...)
				w.set(cand, int(RulePhone))
			}
			if rs.Has(RuleNamePhone) {
				w.namePhone(cand, int(RuleNamePhone), field(rec, col.name))
				w.namePhone(cand, slotKanaPhone, field(rec, col.kana))
			}
		}
	}
	if !rs.Has(RuleAddressKana) && !rs.Has(RuleAddressPostal) {
		return
	}
	if w.addr = w.keyN.addressKey(w.addr[:0], w.address(rec), field(rec, col.addr2)); len(w.addr) == 0 {
		return
	}
	if rs.Has(RuleAddressKana) {
		if w.kana = w.keyN.kanaKey(w.kana[:0], field(rec, col.kana)); len(w.kana) > 0 {
			w.buf = append(append(append(append(w.buf[:0], byte(RuleAddressKana)), w.addr...), 0), w.kana...)
			w.set(cand, int(RuleAddressKana))
		}
	}
	if rs.Has(RuleAddressPostal) && postalOK {
		w.buf = append(append(append(append(w.buf[:0], byte(RuleAddressPostal)), w.addr...), 0), postal[:]...)
		w.set(cand, int(RuleAddressPostal))
	}
}

// namePhone sets the key of slot s to the name (as written, or its
// reading) compared as readings are, with the phone number in w.phone.
// An empty name sets nothing.
func (w *worker) namePhone(cand *candidate, s int, name []byte) {
	if w.kana = w.keyN.kanaKey(w.kana[:0], name); len(w.kana) == 0 {
		return
	}
	w.buf = append(append(append(append(w.buf[:0], byte(s)), w.kana...), 0), w.phone...)
	w.set(cand, s)
}

// set records w.buf, hashed, as the key in slot s.
func (w *worker) set(cand *candidate, s int) {
	cand.keys[s] = key128{maphash.Bytes(w.cfg.seeds[0], w.buf), maphash.Bytes(w.cfg.seeds[1], w.buf)}
	cand.has |= 1 << s
}

// copyFields copies a record's fields, which alias the reader's buffer.
func copyFields(rec *rows.Record) []string {
	out := make([]string, len(rec.Fields))
	for i, f := range rec.Fields {
		out[i] = string(f)
	}
	return out
}
