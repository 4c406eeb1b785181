package benchdata

import (
	"bytes"
	"fmt"
)

// shopSalesHeader is the header of the sales files of Shop, ShopSales and
// ProductSales: the columns of a register export with one row a line.
const shopSalesHeader = "receipt_id,line_no,customer_id,sold_at,store_id,product_id,product_name,category,quantity,unit_price,amount\n"

// Shop returns a customers file of customers rows and a sales file of
// lines lines, shaped like the peer benchmark's generated shop: Japanese
// text, a quoted address on every fifth customer, a quoted product name
// (with a comma) on every tenth line, 5 % walk-in lines and 1 % lines whose
// customer is not in the customers file. Receipts are of two lines, and the
// lines' customers are spread over all the customers (i*7919 mod
// customers). It is computed, not random: the same sizes give the same
// bytes. The customers' header is
// customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in.
func Shop(customers, lines int) (customersCSV, salesCSV []byte) {
	var c, s bytes.Buffer
	c.WriteString("customer_id,name,name_kana,gender,birthday,phone,email,postal_code,address,store_id,registered_at,anniversary,mail_opt_in\n")
	for i := 1; i <= customers; i++ {
		addr := fmt.Sprintf("東京都中野区本郷%d丁目%d番%d号", i%8+1, i%25+1, i%15+1)
		if i%5 == 0 {
			addr = `"` + addr + `, ヴィラ若松 505号室"`
		}
		fmt.Fprintf(&c, "C%07d,平野　哲也,ヒラノ　テツヤ,M,19%02d-07-26,090-%04d-4515,tetsuya.hirano%d@example.net,703-1491,%s,S0%d,2020-04-19,,true\n",
			i, i%90+10, i%10000, i%100, addr, i%3+1)
	}
	shopSales(&s, lines, customers, true)
	return c.Bytes(), s.Bytes()
}

// ShopSales returns a sales file of lines lines like Shop's over 100,000
// customers, without unknown customers, and with the quoted product name of
// every other tenth line holding doubled quotes instead of a comma: the
// input of the CSV reader's benchmarks, which need every kind of field but
// no customers file.
func ShopSales(lines int) []byte {
	var s bytes.Buffer
	shopSales(&s, lines, 100_000, false)
	return s.Bytes()
}

// shopSales writes the header and lines sales lines over customers
// customers. With unknown, one line in 100 names a customer beyond the
// customers and every tenth product name is the one with a comma;
// without, every 20th customer id is the walk-ins' alone and product names
// alternate between the comma and doubled quotes.
func shopSales(s *bytes.Buffer, lines, customers int, unknown bool) {
	s.WriteString(shopSalesHeader)
	for i := 0; i < lines; i++ {
		cust := fmt.Sprintf("C%07d", i*7919%customers+1)
		switch {
		case i%20 == 7:
			cust = ""
		case unknown && i%100 == 50:
			cust = fmt.Sprintf("C%07d", customers+1+i%1000)
		}
		name := "定番かりんとう 中"
		switch {
		case i%20 == 3 || unknown && i%20 == 13:
			name = `"老舗の最中, 5個入"`
		case i%20 == 13:
			name = `"特製 ""ほうじ茶"" 250g"`
		}
		fmt.Fprintf(s, "R%09d,%d,%s,2024-05-%02dT%02d:%02d:00,S0%d,P%05d,%s,菓子,%d,%d,%d\n",
			i/2+1, i%2+1, cust, i%28+1, 10+i%10, i%60, i%3+1, i%5000+1, name, i%3+1, 420, 420*(i%3+1))
	}
}

// ProductSales returns a sales file of lines lines in receipts of three,
// in 2025, over 50,000 customers (C0000000 to C0049999) and 5,000 products
// sold about evenly, without walk-ins, every product name quoted with a
// comma: the buyers benchmark's input, where one product's lines are
// picked out of many.
func ProductSales(lines int) []byte {
	var b bytes.Buffer
	b.WriteString(shopSalesHeader)
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&b, "R%09d,1,C%07d,2025-%02d-%02dT10:00:00,S0%d,P%05d,\"商品 %d, 白\",食器,1,1200,1200\n",
			i/3, (i*7919)%50000, 1+i%12, 1+i%28, i%3, (i*31)%5000, i%5000)
	}
	return b.Bytes()
}
