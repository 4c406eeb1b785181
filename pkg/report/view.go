package report

import (
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/custkit/custkit/pkg/customer"
	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/ledger"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/custkit/custkit/pkg/segment"
)

// View is what a report shows, its values formatted and masked. A
// section's Note, when set, says why it is empty or left out.
type View struct {
	Lang                Lang
	L                   map[string]string
	Title, Period, Made string
	Headline            []HeadlineRow
	HeadlineNote        string
	Months              Chart
	MonthsNote          string
	Stores              []StoreRow
	StoresChart         Chart
	StoresNote          string
	ByVisits, BySpend   []RankRow
	Names               bool // the ranking has a name column
	RankingNote         string
	Segments            []SegmentRow
	SegmentsChart       Chart
	SegmentsNote        string
	Products            []ProductRow
	ProductsNote        string
	Pairs               []PairRow
	PairsNote           string
	PairsTitle          string // with the chart's months
	Events              []EventRow
	EventsNote          string
	HasComplaints       bool // a complaints file was given: the section is shown
	Complaints          []ComplaintRow
	ComplaintsNote      string
	Masked              bool // personal values were masked
	asOf                time.Time
	thresholds          segment.Thresholds
	periods             Periods
	lines               []string

	// The dates of the period and of those it is compared with.
	CurrentDates, PreviousDates, LastYearDates string
	// About says what the figures leave out or count in: walk-ins,
	// voided receipts, ids not in the customers file.
	About []string
}

// HeadlineRow is one figure against the previous period and last year.
type HeadlineRow struct {
	Label, Current, Previous, PrevChange, LastYear, YearChange string
}

// StoreRow is one store's figures in the period.
type StoreRow struct {
	Store, Sales, Receipts, Customers, PerReceipt, Change string
}

// RankRow is one customer of a ranking.
type RankRow struct {
	Rank                               int
	ID, Name, Visits, Spend, LastVisit string
}

// SegmentRow is one segment's customers and spend.
type SegmentRow struct{ Segment, Customers, Share, Spend string }

// ProductRow is one product's sales in the period.
type ProductRow struct{ ID, Name, Quantity, Sales string }

// PairRow is two products bought together.
type PairRow struct{ A, B, Receipts, Lift string }

// EventRow is one coming birthday or anniversary.
type EventRow struct {
	Date, Kind string
	Days       int
	ID, Name   string
	Years      string
}

// ComplaintRow is one open complaint.
type ComplaintRow struct{ Received, ID, Product, Summary, Status string }

func newView(opts Options, p Periods) *View {
	lang := opts.Lang
	if lang == "" {
		lang = English
	}
	v := &View{Lang: lang, L: labels[lang], Title: opts.Title, asOf: opts.AsOf, thresholds: opts.Thresholds, periods: p}
	if v.Title == "" {
		v.Title = v.L["title"]
	}
	v.Period = fmt.Sprintf("%s – %s", p.Current.Since.Format(time.DateOnly), p.Current.Until.Format(time.DateOnly))
	if len(opts.Stores) > 0 {
		v.Period += " · " + v.L["store"] + " " + strings.Join(opts.Stores, ", ")
	}
	v.Made = v.L["made"] + " " + opts.Now.Format("2006-01-02 15:04")
	v.CurrentDates, v.PreviousDates, v.LastYearDates = dates(p.Current), dates(p.Previous), dates(p.LastYear)
	first, last := p.Months[0], p.Months[len(p.Months)-1]
	v.PairsTitle = fmt.Sprintf(v.L["pairs"], monthName(lang, first), monthName(lang, last))
	return v
}

// dates are the first and last day of p.
func dates(p Period) string {
	return p.Since.Format(time.DateOnly) + " – " + p.Until.Format(time.DateOnly)
}

// monthName is m as "Dec 2025" or "2025年12月".
func monthName(lang Lang, m time.Time) string {
	if lang == Japanese {
		return fmt.Sprintf("%d年%d月", m.Year(), m.Month())
	}
	return m.Format("Jan 2006")
}

// money is an amount rounded to a whole unit, with thousands separators.
func money(d parse.Decimal) string { return thousands(int64(math.Round(d.Float()))) }

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// change is the change from before to now in percent, "—" without a
// before.
func change(now, before float64) string {
	if before == 0 {
		return "—"
	}
	return fmt.Sprintf("%+.1f%%", (now-before)/before*100)
}

// points is the change of a rate from before to now, in percentage
// points.
func points(now, before float64) string {
	return fmt.Sprintf("%+.1f pt", (now-before)*100)
}

func percent(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }

// rate is part of whole, 0 without a whole.
func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// newIn counts the customers of l whose first visit is in p.
func newIn(l *ledger.Ledger, p Period) int {
	n := 0
	for i := range l.Len() {
		if e := l.Entry(i); e.Visits > 0 && p.Has(e.First) {
			n++
		}
	}
	return n
}

func (v *View) headline(s *Sales, l *ledger.Ledger) {
	if s.Current.Lines == 0 {
		v.HeadlineNote = v.L["noSales"]
	}
	p := v.periods
	fig := []*Figures{s.Current, s.Previous, s.LastYear}
	news := []int{newIn(l, p.Current), newIn(l, p.Previous), newIn(l, p.LastYear)}
	// A compared period without a sales line has no figures: "—", not 0.
	noData := func(i int) bool { return fig[i].Lines == 0 }
	row := func(label string, val func(i int) float64, format func(float64) string, diff func(now, before float64) string) {
		r := HeadlineRow{Label: label, Current: format(val(0)), Previous: "—", PrevChange: "—", LastYear: "—", YearChange: "—"}
		if !noData(1) {
			r.Previous, r.PrevChange = format(val(1)), diff(val(0), val(1))
		}
		if !noData(2) {
			r.LastYear, r.YearChange = format(val(2)), diff(val(0), val(2))
		}
		v.Headline = append(v.Headline, r)
	}
	whole := func(x float64) string { return thousands(int64(math.Round(x))) }
	row(v.L["sales"], func(i int) float64 { return fig[i].Sales.Float() }, whole, change)
	row(v.L["receipts"], func(i int) float64 { return float64(fig[i].Receipts) }, whole, change)
	row(v.L["perReceipt"], func(i int) float64 { return rate(int(math.Round(fig[i].Sales.Float())), fig[i].Receipts) }, whole, change)
	row(v.L["customers"], func(i int) float64 { return float64(fig[i].Customers()) }, whole, change)
	row(v.L["newCustomers"], func(i int) float64 { return float64(news[i]) }, whole, change)
	row(v.L["repeatRate"], func(i int) float64 { return rate(fig[i].Repeaters(), fig[i].Customers()) }, percent, points)
}

// about says what the figures count in and leave out, from the ledger's
// counts of the sales to --as-of: the walk-ins (in sales, not among the
// customers), voided receipts and other transactions (in no figure), and
// the lines whose id is not in the customers file (in sales, not in the
// ranking or segments).
func (v *View) about(st ledger.Stats, customersFile string) {
	if st.WalkIn > 0 {
		v.About = append(v.About, fmt.Sprintf(v.L["aboutWalkIns"], v.howMany(st.WalkIn, "walk-in line", "行")))
	}
	if st.Voided > 0 {
		v.About = append(v.About, fmt.Sprintf(v.L["aboutVoided"], v.howMany(st.VoidedReceipts, "voided receipt", "件"), v.howMany(st.Voided, "line", "行")))
	}
	if st.Other > 0 {
		v.About = append(v.About, fmt.Sprintf(v.L["aboutOther"], v.howMany(st.Other, "line", "行"), strings.Join(st.OtherKinds.Names(), ", ")))
	}
	if st.Unknown > 0 {
		v.About = append(v.About, fmt.Sprintf(v.L["aboutUnknown"], v.howMany(st.Unknown, "line", "行"), customersFile))
	}
}

// howMany is n things: "3 lines" in English, "3 行" in Japanese (unit).
func (v *View) howMany(n int, what, unit string) string {
	if v.Lang == Japanese {
		return fmt.Sprintf("%d%s", n, unit)
	}
	return english.Count(n, what)
}

func (v *View) months(s *Sales) {
	var bars []Bar
	for i, m := range v.periods.Months {
		f := s.Months[i]
		label := m.Format("2006-01")
		bars = append(bars, Bar{Label: m.Format("06/01"), Value: f.Sales.Float(), Text: money(f.Sales),
			Title: fmt.Sprintf("%s: %s %s, %s %d", label, v.L["sales"], money(f.Sales), v.L["receipts"], f.Receipts)})
	}
	v.Months = Columns(v.L["byMonth"], bars)
}

func (v *View) stores(s *Sales) {
	if !s.HasStore {
		v.StoresNote = v.L["noStore"]
		return
	}
	if len(s.Stores) == 0 {
		v.StoresNote = v.L["noSales"]
		return
	}
	names := make([]string, 0, len(s.Stores))
	for k := range s.Stores {
		names = append(names, k)
	}
	sortStrings(names)
	var bars []Bar
	for _, k := range names {
		f := s.Stores[k]
		before := 0.0
		if b := s.Before[k]; b != nil {
			before = b.Sales.Float()
		}
		label := k
		if label == "" {
			label = "—"
		}
		v.Stores = append(v.Stores, StoreRow{Store: label, Sales: money(f.Sales), Receipts: thousands(int64(f.Receipts)),
			Customers: thousands(int64(f.Customers())), PerReceipt: thousands(int64(math.Round(rate(int(math.Round(f.Sales.Float())), f.Receipts)))),
			Change: change(f.Sales.Float(), before)})
		bars = append(bars, Bar{Label: label, Value: f.Sales.Float(), Text: money(f.Sales),
			Title: fmt.Sprintf("%s: %s %s", label, v.L["sales"], money(f.Sales))})
	}
	v.StoresChart = Rows(v.L["stores"], bars)
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func (v *View) ranking(b *ledger.Built, doc Document) error {
	if b.Buyers() == 0 {
		v.RankingNote = v.L["noVisits"]
		return nil
	}
	var m masker
	nameCol := -1
	var listing customer.Listing
	if b.Customers != nil {
		listing = customer.NewListing(b.Customers)
		m = masker{doc, listing.Header()}
		nameCol = b.Customers.Binding.Col(schema.Name)
		v.Names = nameCol >= 0
	}
	list := func(by ledger.By) ([]RankRow, error) {
		order, err := b.Order(by, Top)
		if err != nil {
			return nil, err
		}
		var rows []RankRow
		for k, i := range order {
			e := b.Entry(i)
			if e.Visits == 0 {
				break
			}
			r := RankRow{Rank: k + 1, ID: b.ID(i), Visits: thousands(int64(e.Visits)), Spend: money(e.Spend), LastVisit: e.Last.Format(time.DateOnly)}
			if v.Names {
				r.Name = m.cell(listing.Row(b.Customer(i), b.ID(i)), nameCol)
			}
			rows = append(rows, r)
		}
		return rows, nil
	}
	var err error
	if v.ByVisits, err = list(ledger.ByVisits); err != nil {
		return err
	}
	v.BySpend, err = list(ledger.BySpend)
	return err
}

// segmentLabels are the segments' names in Japanese.
var segmentLabels = map[segment.Name]string{
	segment.Loyal: "優良", segment.Repeat: "リピーター", segment.New: "新規", segment.OneTime: "1回のみ",
	segment.AtRisk: "離反予備", segment.Lapsed: "離反", segment.Never: "未購入",
}

func (v *View) segments(ctx context.Context, b *ledger.Built) error {
	if b.Len() == 0 {
		v.SegmentsNote = v.L["noVisits"]
		return nil
	}
	opts := segment.Options{AsOf: v.asOf, Thresholds: v.thresholds}
	if b.Customers != nil {
		var err error
		if opts.Registered, err = segment.Registered(b.Customers); err != nil {
			return err
		}
	}
	scores, err := segment.Run(ctx, b.Ledger, opts)
	if err != nil {
		return err
	}
	var bars []Bar
	for _, s := range segment.Summarize(b.Ledger, scores) {
		if s.Segment == segment.Never && s.Customers == 0 {
			continue
		}
		label := string(s.Segment)
		if v.Lang == Japanese {
			label = segmentLabels[s.Segment]
		}
		v.Segments = append(v.Segments, SegmentRow{Segment: label, Customers: thousands(int64(s.Customers)),
			Share: percent(s.CustomerShare), Spend: money(s.Spend)})
		bars = append(bars, Bar{Label: label, Value: float64(s.Customers), Text: thousands(int64(s.Customers)),
			Title: fmt.Sprintf("%s: %d %s (%s)", label, s.Customers, v.L["customers"], percent(s.CustomerShare))})
	}
	v.SegmentsChart = Rows(v.L["segments"], bars)
	return nil
}

func (v *View) products(s *Sales) {
	if !s.HasItems {
		v.ProductsNote, v.PairsNote = v.L["noProduct"], v.L["noProduct"]
		return
	}
	for i, p := range s.Products {
		if i == TopProducts {
			break
		}
		// The lines without a product id are summed as one: named by
		// the first of them, the row would give all of them to it.
		name := p.Name
		if p.ID == "" {
			name = v.L["noProductID"]
		}
		v.Products = append(v.Products, ProductRow{ID: p.ID, Name: name, Quantity: p.Quantity.String(), Sales: money(p.Sales)})
	}
	if len(v.Products) == 0 {
		v.ProductsNote = v.L["noSales"]
	}
	// Only pairs bought together more often than chance are listed.
	for _, p := range s.Pairs {
		if len(v.Pairs) == TopPairs {
			break
		}
		if p.Lift <= 1 {
			continue
		}
		v.Pairs = append(v.Pairs, PairRow{A: itemName(p.A), B: itemName(p.B), Receipts: strconv.Itoa(p.Receipts), Lift: fmt.Sprintf("%.2f", p.Lift)})
	}
	if len(v.Pairs) == 0 {
		v.PairsNote = v.L["noPairs"]
	}
}

func itemName(p Product) string {
	if p.Name == "" {
		return p.ID
	}
	return p.Name + " (" + p.ID + ")"
}

// rankTable is what the ranking template shows.
type rankTable struct {
	L     map[string]string
	Names bool
	Rows  []RankRow
}

//go:embed report.html.tmpl
var page string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f": func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
	"rank": func(v *View, rows []RankRow) rankTable {
		return rankTable{L: v.L, Names: v.Names, Rows: rows}
	},
}).Parse(page))

// Render writes the report as one HTML document.
func (v *View) Render(w io.Writer) error { return pageTemplate.Execute(w, v) }
