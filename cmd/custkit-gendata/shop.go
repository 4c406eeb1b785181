package main

import (
	"bufio"
	"math/rand/v2"
	"strconv"
	"time"
)

const (
	numProducts = 5000
	numStores   = 3
	openSeconds = 10 * 3600 // the shop is open 10:00-20:00
	openAt      = 10 * 3600
)

var (
	salesFrom = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	salesTo   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // exclusive
)

// shop is the state of one generation run. Customers must be written before
// sales: the sales draw on the customers' activity and home stores.
type shop struct {
	rng       *rand.Rand
	customers int
	products  []product
	popular   sampler   // products by popularity
	byBranch  [][]int32 // branch -> its products
	buyers    sampler   // customers by activity
	home      []uint8   // each customer's usual store
	days      []string  // "2023-01-01" ... for every sales day
	line      []byte
}

type product struct {
	id, name string
	branch   int
	price    int
}

func newShop(seed uint64, customers int) *shop {
	s := &shop{
		rng:       rand.New(rand.NewPCG(seed, ^seed*0x2545f4914f6cdd1d)),
		customers: customers,
	}
	for d := salesFrom; d.Before(salesTo); d = d.AddDate(0, 0, 1) {
		s.days = append(s.days, d.Format("2006-01-02"))
	}
	s.makeProducts()
	return s
}

// makeProducts invents the catalogue and its popularity: the product at
// popularity rank k sells in proportion to 1/k, and ranks are shuffled
// against product ids.
func (s *shop) makeProducts() {
	r := s.rng
	s.products = make([]product, numProducts)
	s.byBranch = make([][]int32, len(branches))
	for i := range s.products {
		b := r.IntN(len(branches))
		br := &branches[b]
		price := (br.low + r.IntN(br.top-br.low+1)) / 10 * 10
		s.products[i] = product{
			id:     string(appendPad([]byte{'P'}, i+1, 5)),
			name:   productName(r, br.items[r.IntN(len(br.items))]),
			branch: b,
			price:  max(price, 10),
		}
		s.byBranch[b] = append(s.byBranch[b], int32(i))
	}
	weights := make([]uint64, numProducts)
	for rank, p := range r.Perm(numProducts) {
		weights[p] = 1_000_000_000 / uint64(rank+1)
	}
	s.popular = newSampler(weights)
}

// productName dresses an item up; a few names hold a comma or double
// quotes, so that the sales file has quoted fields.
func productName(r *rand.Rand, item string) string {
	style := productStyles[r.IntN(len(productStyles))]
	size := productSizes[r.IntN(len(productSizes))]
	switch x := r.IntN(100); {
	case x < 4:
		return style + item + ", " + size
	case x < 6:
		return style + item + ` "` + size + `"`
	case x < 7:
		return `"` + style + item + `", ` + size
	}
	return style + item + " " + size
}

var customerHeader = []string{"customer_id", "name", "name_kana", "gender", "birthday", "phone", "email",
	"postal_code", "address", "store_id", "registered_at", "anniversary", "mail_opt_in"}

// writeCustomers writes the customers file and decides how often each
// customer buys: 3 % regulars, 15 % frequent, 57 % occasional buyers, and a
// quarter who never buy.
func (s *shop) writeCustomers(w *bufio.Writer) error {
	r := s.rng
	if _, err := w.Write(s.header(customerHeader)); err != nil {
		return err
	}
	s.home = make([]uint8, s.customers)
	activity := make([]uint64, s.customers)
	born := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
	joined := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	married := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < s.customers; i++ {
		fam := surnames[r.IntN(len(surnames))]
		given, gender := s.given()
		s.home[i] = uint8(r.IntN(numStores))
		l := s.line[:0]
		l = appendCustomerID(l, i+1)
		l = append(l, ',')
		l = append(append(append(l, fam.kanji...), "　"...), given.kanji...)
		l = append(l, ',')
		l = append(append(append(l, fam.kana...), "　"...), given.kana...)
		l = append(append(l, ',', gender), ',')
		l = appendDate(l, born.AddDate(0, 0, r.IntN(68*365)))
		l = append(l, ',')
		l = s.appendPhone(l)
		l = append(l, ',')
		l = s.appendEmail(l, fam, given)
		l = append(l, ',')
		l = appendPad(append(appendPad(l, r.IntN(1000), 3), '-'), r.IntN(10000), 4)
		l = append(l, ',')
		l = appendField(l, s.address())
		l = append(append(append(l, ','), storeID(s.home[i])...), ',')
		l = appendDate(l, joined.AddDate(0, 0, r.IntN(11*365)))
		l = append(l, ',')
		if r.IntN(100) < 25 {
			l = appendDate(l, married.AddDate(0, 0, r.IntN(60*365)))
		}
		l = append(l, ',')
		l = strconv.AppendBool(l, r.IntN(100) < 55)
		l = append(l, '\n')
		s.line = l
		if _, err := w.Write(l); err != nil {
			return err
		}
		activity[i] = s.activity()
	}
	s.buyers = newSampler(activity)
	return nil
}

// given picks a given name and the gender column ("" for about 3 %).
func (s *shop) given() (person, byte) {
	r := s.rng
	x := r.IntN(100)
	list, g := givenFemale, byte('F')
	if x%2 == 0 {
		list, g = givenMale, 'M'
	}
	if x < 3 {
		g = 0
	}
	return list[r.IntN(len(list))], g
}

func (s *shop) activity() uint64 {
	r := s.rng
	switch x := r.IntN(100); {
	case x < 3:
		return 50 + r.Uint64N(50)
	case x < 18:
		return 8 + r.Uint64N(8)
	case x < 75:
		return 1
	}
	return 0
}

// appendPhone writes a mobile number; about 5 % of customers left none.
func (s *shop) appendPhone(l []byte) []byte {
	r := s.rng
	if r.IntN(100) < 5 {
		return l
	}
	l = append(l, '0', "987"[r.IntN(3)], '0', '-')
	return appendPad(append(appendPad(l, r.IntN(10000), 4), '-'), r.IntN(10000), 4)
}

// appendEmail writes given.family[NN]@host; about 8 % of customers left none.
func (s *shop) appendEmail(l []byte, fam, given person) []byte {
	r := s.rng
	if r.IntN(100) < 8 {
		return l
	}
	l = append(append(append(l, given.romaji...), '.'), fam.romaji...)
	if r.IntN(2) == 0 {
		l = strconv.AppendInt(l, int64(r.IntN(100)), 10)
	}
	return append(append(l, '@'), mailHosts[r.IntN(len(mailHosts))]...)
}

// address writes a street address; about a fifth carry ", building room".
func (s *shop) address() string {
	r := s.rng
	g := &regions[r.IntN(len(regions))]
	a := g.pref + g.cities[r.IntN(len(g.cities))] + districts[r.IntN(len(districts))] +
		strconv.Itoa(1+r.IntN(8)) + "丁目" + strconv.Itoa(1+r.IntN(25)) + "番" + strconv.Itoa(1+r.IntN(15)) + "号"
	switch x := r.IntN(100); {
	case x < 20:
		a += ", " + housings[r.IntN(len(housings))] + housingNames[r.IntN(len(housingNames))] + " " + strconv.Itoa(100*(1+r.IntN(6))+1+r.IntN(9)) + "号室"
	case x < 35:
		a += " " + housings[r.IntN(len(housings))] + housingNames[r.IntN(len(housingNames))] + strconv.Itoa(1+r.IntN(3)) + "F"
	}
	return a
}

var salesHeader = []string{"receipt_id", "line_no", "customer_id", "sold_at", "store_id", "product_id",
	"product_name", "category", "quantity", "unit_price", "amount"}

// receiptSizes is the cumulative chance, in percent, of a receipt having
// 1, 2, 3, 4 and 5 lines.
var receiptSizes = [...]int{40, 65, 82, 93, 100}

// writeSales writes total sales lines in receipts, in time order.
func (s *shop) writeSales(w *bufio.Writer, total int) (summary, error) {
	r := s.rng
	var sum summary
	if _, err := w.Write(s.header(salesHeader)); err != nil {
		return sum, err
	}
	span := int64(len(s.days)) * openSeconds
	picked := make([]int, 0, len(receiptSizes))
	for sum.lines < total {
		n := 1
		for x := r.IntN(100); x >= receiptSizes[n-1]; n++ {
		}
		n = min(n, total-sum.lines)
		sum.receipts++
		at := int64(sum.lines) * span / int64(total)
		cust, store := s.customer(&sum, n)
		picked = s.basket(picked[:0], n)
		for i, p := range picked {
			s.line = s.appendSale(s.line[:0], sum.receipts, i+1, cust, at, store, &s.products[p])
			if _, err := w.Write(s.line); err != nil {
				return sum, err
			}
		}
		sum.lines += n
	}
	return sum, nil
}

// customer picks who is at the till for a receipt of n lines: nobody
// (walk-in, 5 %: number 0), an id missing from the customers file (1 %), or
// a customer by activity, who mostly shops at their usual store. It returns
// the customer number and the store.
func (s *shop) customer(sum *summary, n int) (int, uint8) {
	r := s.rng
	store := uint8(r.IntN(numStores))
	switch x := r.IntN(100); {
	case x < 5:
		sum.walkIn += n
		return 0, store
	case x < 6:
		sum.unknown += n
		return s.customers + 1 + r.IntN(max(s.customers/10, 1)), store
	}
	c := s.buyers.draw(r)
	if r.IntN(4) != 0 {
		store = s.home[c]
	}
	return c + 1, store
}

// basket picks n different products: the first by popularity, later ones
// often from the first one's category.
func (s *shop) basket(picked []int, n int) []int {
	r := s.rng
	for len(picked) < n {
		var p int
		for try := 0; try < 4; try++ {
			if len(picked) > 0 && r.IntN(100) < 35 {
				same := s.byBranch[s.products[picked[0]].branch]
				p = int(same[r.IntN(len(same))])
			} else {
				p = s.popular.draw(r)
			}
			if !has(picked, p) {
				break
			}
		}
		picked = append(picked, p)
	}
	return picked
}

func (s *shop) appendSale(l []byte, receipt, lineNo, cust int, at int64, store uint8, p *product) []byte {
	r := s.rng
	q := 1
	switch x := r.IntN(100); {
	case x >= 99:
		q = 4 + r.IntN(3)
	case x >= 94:
		q = 3
	case x >= 76:
		q = 2
	}
	l = appendPad(append(l, 'R'), receipt, 9)
	l = strconv.AppendInt(append(l, ','), int64(lineNo), 10)
	l = append(l, ',')
	if cust > 0 {
		l = appendCustomerID(l, cust)
	}
	l = append(l, ',')
	l = appendClock(append(append(l, s.days[at/openSeconds]...), 'T'), openAt+int(at%openSeconds))
	l = append(append(append(l, ','), storeID(store)...), ',')
	l = append(append(l, p.id...), ',')
	l = append(appendField(l, p.name), ',')
	l = append(appendField(l, branches[p.branch].name), ',')
	l = strconv.AppendInt(l, int64(q), 10)
	l = strconv.AppendInt(append(l, ','), int64(p.price), 10)
	l = strconv.AppendInt(append(l, ','), int64(q*p.price), 10)
	return append(l, '\n')
}

func (s *shop) header(cols []string) []byte {
	l := s.line[:0]
	for i, c := range cols {
		if i > 0 {
			l = append(l, ',')
		}
		l = appendField(l, c)
	}
	s.line = append(l, '\n')
	return s.line
}

func has(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func appendCustomerID(l []byte, n int) []byte { return appendPad(append(l, 'C'), n, 7) }

func storeID(s uint8) string { return "S0" + strconv.Itoa(int(s)+1) }
