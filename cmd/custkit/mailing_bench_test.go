package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

var mailingBenchRows = flag.Int("mailing.rows", 1_000_000, "customers generated for BenchmarkMailingPost")

// BenchmarkMailingPost is the mailing figure of the project's benchmark:
// mailing --channel post with duplicate merging on a generated customers
// file (1M rows unless -mailing.rows says otherwise; about 5% of them are
// re-registrations of an earlier customer, written differently). It reports
// the process's peak resident memory as maxrss-MiB where the system tells
// it (Linux). Run it alone:
//
//	go test ./cmd/custkit -run '^$' -bench MailingPost -benchtime 1x
func BenchmarkMailingPost(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "customers.csv")
	if err := writeBenchCustomers(in, *mailingBenchRows); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "list.csv")
	report := filepath.Join(dir, "groups.csv")
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		s, _, errb := testStreams("")
		if code := run([]string{"mailing", "--channel", "post", "--customers", in, "--dedupe-report", report, "-o", out}, s); code != 0 {
			b.Fatalf("exit %d: %s", code, errb)
		}
		b.Logf("%s", strings.TrimSpace(errb.String()))
	}
	b.StopTimer()
	if kb, ok := peakRSS(); ok {
		b.ReportMetric(float64(kb)/1024, "maxrss-MiB")
	}
}

// peakRSS reads the process's peak resident set (VmHWM) in KiB on Linux.
func peakRSS() (int, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb, err == nil
		}
	}
	return 0, false
}

// writeBenchCustomers writes n synthetic customers in the columns of
// examples/customers.csv plus last_purchase. Every 20th row re-registers an
// earlier customer under a new id with the phone in full-width digits, the
// email in capitals, or the address written with 丁目/番地/号 instead of
// hyphens, so that every rule has work to do.
func writeBenchCustomers(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	g := benchGen{r: rand.New(rand.NewPCG(1, 2))}
	fmt.Fprintln(w, "customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,company,title,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,last_purchase")
	var people []benchPerson
	for i := 0; i < n; i++ {
		var p benchPerson
		if i%20 == 19 && len(people) > 0 {
			p = g.variant(people[g.r.IntN(len(people))])
		} else {
			p = g.person(i)
			if len(people) < 50_000 {
				people = append(people, p)
			} else {
				people[g.r.IntN(len(people))] = p
			}
		}
		g.write(w, i, p)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type benchPerson struct {
	family, given, kanaF, kanaG, phone, email, postal, address string
}

type benchGen struct{ r *rand.Rand }

var (
	benchFamily = [][2]string{{"山田", "ヤマダ"}, {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"}, {"渡辺", "ワタナベ"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"}}
	benchGiven  = [][2]string{{"太郎", "タロウ"}, {"花子", "ハナコ"}, {"健一", "ケンイチ"}, {"美咲", "ミサキ"}, {"翔太", "ショウタ"}, {"由美子", "ユミコ"}, {"大輔", "ダイスケ"}, {"さくら", "サクラ"}, {"誠", "マコト"}, {"恵", "メグミ"}}
	benchTowns  = []string{"石川県金沢市東山", "石川県金沢市片町", "東京都中央区日本橋", "東京都渋谷区神宮前", "大阪府大阪市北区梅田", "福岡県福岡市博多区博多駅前", "北海道札幌市中央区北1条西", "愛知県名古屋市中区栄"}
)

func (g *benchGen) person(i int) benchPerson {
	f, gv := benchFamily[g.r.IntN(len(benchFamily))], benchGiven[g.r.IntN(len(benchGiven))]
	addr := fmt.Sprintf("%s%d-%d-%d", benchTowns[g.r.IntN(len(benchTowns))], 1+g.r.IntN(9), 1+g.r.IntN(30), 1+g.r.IntN(40))
	if g.r.IntN(3) == 0 {
		addr += fmt.Sprintf(" メゾン%d", 101+g.r.IntN(900))
	}
	return benchPerson{
		family: f[0], given: gv[0], kanaF: f[1], kanaG: gv[1],
		phone:   fmt.Sprintf("0%d0-%04d-%04d", 7+g.r.IntN(3), g.r.IntN(10000), g.r.IntN(10000)),
		email:   fmt.Sprintf("user%d@example.jp", i),
		postal:  fmt.Sprintf("%03d-%04d", g.r.IntN(1000), g.r.IntN(10000)),
		address: addr,
	}
}

// variant is p registered again, written another way.
func (g *benchGen) variant(p benchPerson) benchPerson {
	switch g.r.IntN(3) {
	case 0:
		p.phone = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, p.phone)
		p.email = ""
	case 1:
		p.email = strings.ToUpper(p.email)
		p.phone = ""
	default:
		parts := strings.SplitN(p.address, " ", 2)
		var a, b, c int
		town := strings.TrimRight(parts[0], "0123456789-")
		fmt.Sscanf(parts[0][len(town):], "%d-%d-%d", &a, &b, &c)
		p.address = fmt.Sprintf("%s%d丁目%d番%d号", town, a, b, c)
		if len(parts) == 2 {
			p.address += "　" + parts[1]
		}
		p.phone, p.email = "", ""
	}
	return p
}

func (g *benchGen) write(w *bufio.Writer, i int, p benchPerson) {
	opt := func(yes int) string {
		if g.r.IntN(100) < yes {
			return "1"
		}
		return "0"
	}
	last := ""
	if g.r.IntN(2) == 0 {
		last = fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
	}
	fmt.Fprintf(w, "C%08d,%s %s,%s %s,%s,19%02d-%02d-%02d,%s,%s,%s,%s,,,S0%d,20%02d-%02d-%02d,,%s,%s,%s\n",
		i, p.family, p.given, p.kanaF, p.kanaG, []string{"女", "男", ""}[g.r.IntN(3)],
		40+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28), p.phone, p.email, p.postal, p.address,
		1+g.r.IntN(3), 10+g.r.IntN(16), 1+g.r.IntN(12), 1+g.r.IntN(28), opt(80), opt(85), last)
}
