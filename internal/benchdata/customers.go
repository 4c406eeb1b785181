package benchdata

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Customers returns a customers CSV of n rows shaped like the peer
// benchmark's L file (about 180 bytes a row): random Japanese names,
// birthdays, phones, postal codes and a quoted address with a comma on
// every row, ids C0000001 up. The header is
// customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in.
// The redact benchmark uses it: every column a policy rule works on has a
// value.
func Customers(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	fam := []string{"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"}
	given := []string{"太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣"}
	towns := []string{"東京都渋谷区神宮前", "神奈川県横浜市西区みなとみらい", "大阪府大阪市北区梅田", "北海道札幌市中央区北一条西", "福岡県福岡市博多区博多駅前", "沖縄県那覇市梅ヶ丘"}
	var b bytes.Buffer
	b.WriteString("customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in\n")
	for i := 1; i <= n; i++ {
		f, g := fam[r.IntN(len(fam))], given[r.IntN(len(given))]
		fmt.Fprintf(&b, "C%07d,%s　%s,ヤマダ　タロウ,%c,%d-%02d-%02d,090-%04d-%04d,user%d@example.jp,%03d-%04d,\"%s%d丁目%d番%d号, ヴィラ若松 505号室\",S%02d,2019-%02d-%02d,,%t\n",
			i, f, g, "MF"[r.IntN(2)], 1940+r.IntN(68), 1+r.IntN(12), 1+r.IntN(28), r.IntN(10000), r.IntN(10000), i,
			r.IntN(1000), r.IntN(10000), towns[r.IntN(len(towns))], 1+r.IntN(9), 1+r.IntN(30), 1+r.IntN(20),
			r.IntN(20), 1+r.IntN(12), 1+r.IntN(28), r.IntN(2) == 0)
	}
	return b.Bytes()
}

// RegisteredCustomers returns a customers CSV of n rows, ids C0000001 up,
// all alike but for the phone, email and store and a random registered_at
// over 2019-2024 (about five and a half years from 2019-01-01), so that a
// retention rule on registration or inactivity has customers on both
// sides of its date. The header is
// customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,mail_opt_in.
func RegisteredCustomers(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,mail_opt_in\n")
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "C%07d,平野　哲也,ヒラノ　テツヤ,M,1980-07-26,090-3460-%04d,c%d@example.net,703-1491,\"沖縄県那覇市梅ヶ丘5丁目23番2号, ヴィラ若松 505号室\",S0%d,%s,true\n",
			i, i%10000, i, 1+i%3, start.AddDate(0, 0, rng.IntN(2000)).Format("2006-01-02"))
	}
	return b.Bytes()
}

// WriteRepeatedCustomers writes n customers to w in the columns of
// examples/customers.csv plus last_purchase, ids C00000000 up. Every 20th
// row re-registers an earlier customer under a new id with the phone in
// full-width digits, the email in capitals, or the address written with
// 丁目/番地/号 instead of hyphens, so that every duplicate rule of mailing
// has work to do. It writes rather than returns the file because the
// mailing benchmark's default (1M rows) is large.
func WriteRepeatedCustomers(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	g := gen{r: rand.New(rand.NewPCG(1, 2))}
	fmt.Fprintln(bw, "customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,company,title,store_id,registered_at,anniversary,mail_opt_in,post_opt_in,last_purchase")
	var people []person
	for i := 0; i < n; i++ {
		var p person
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
		g.write(bw, i, p)
	}
	return bw.Flush()
}

type person struct {
	family, given, kanaF, kanaG, phone, email, postal, address string
}

type gen struct{ r *rand.Rand }

var (
	familyNames = [][2]string{{"山田", "ヤマダ"}, {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"}, {"渡辺", "ワタナベ"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"}}
	givenNames  = [][2]string{{"太郎", "タロウ"}, {"花子", "ハナコ"}, {"健一", "ケンイチ"}, {"美咲", "ミサキ"}, {"翔太", "ショウタ"}, {"由美子", "ユミコ"}, {"大輔", "ダイスケ"}, {"さくら", "サクラ"}, {"誠", "マコト"}, {"恵", "メグミ"}}
	towns       = []string{"石川県金沢市東山", "石川県金沢市片町", "東京都中央区日本橋", "東京都渋谷区神宮前", "大阪府大阪市北区梅田", "福岡県福岡市博多区博多駅前", "北海道札幌市中央区北1条西", "愛知県名古屋市中区栄"}
)

func (g *gen) person(i int) person {
	f, gv := familyNames[g.r.IntN(len(familyNames))], givenNames[g.r.IntN(len(givenNames))]
	addr := fmt.Sprintf("%s%d-%d-%d", towns[g.r.IntN(len(towns))], 1+g.r.IntN(9), 1+g.r.IntN(30), 1+g.r.IntN(40))
	if g.r.IntN(3) == 0 {
		addr += fmt.Sprintf(" メゾン%d", 101+g.r.IntN(900))
	}
	return person{
		family: f[0], given: gv[0], kanaF: f[1], kanaG: gv[1],
		phone:   fmt.Sprintf("0%d0-%04d-%04d", 7+g.r.IntN(3), g.r.IntN(10000), g.r.IntN(10000)),
		email:   fmt.Sprintf("user%d@example.jp", i),
		postal:  fmt.Sprintf("%03d-%04d", g.r.IntN(1000), g.r.IntN(10000)),
		address: addr,
	}
}

// variant is p registered again, written another way.
func (g *gen) variant(p person) person {
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

func (g *gen) write(w *bufio.Writer, i int, p person) {
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
