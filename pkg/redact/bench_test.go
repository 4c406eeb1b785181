package redact

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/rows"
)

// benchCustomers builds n customer rows shaped like the benchmark's L file
// (about 180 bytes a row, Japanese names and addresses).
func benchCustomers(n int) []byte {
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

// BenchmarkRunPolicy redacts with the policy of bench/redact.sh (drop,
// hash, mask and generalise rules), as "redact --policy" does on the fast
// path; the figure to watch is MB/s with flat memory (B/op does not grow
// with the input). bench/redact.sh measures the whole command on the L file.
func BenchmarkRunPolicy(b *testing.B) {
	data := benchCustomers(50_000)
	p := Policy{
		{Column: "name_kana", Op: Drop, First: -1, Last: -1},
		{Column: "email", Op: Drop, First: -1, Last: -1},
		{Column: "customer_id", Op: Hash, First: -1, Last: -1},
		{Column: "name", Op: Mask, First: -1, Last: -1},
		{Column: "phone", Op: Mask, First: -1, Last: -1},
		{Column: "birthday", Op: Generalise, First: -1, Last: -1},
		{Column: "postal_code", Op: Generalise, First: -1, Last: -1},
		{Column: "address", Op: Generalise, First: -1, Last: -1, To: PrefectureCity},
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := rows.NewReader(bytes.NewReader(data), rows.Options{Name: "customers.csv"})
		if err != nil {
			b.Fatal(err)
		}
		plan, err := NewPlan(p, "customers.csv", r.Header(), Options{Key: testKey, AsOf: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := output.New(io.Discard, output.Options{Format: output.CSV})
		if _, err := Run(context.Background(), r, plan, w, 0); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}
