package report

import (
	"fmt"
	"strings"

	"github.com/custkit/custkit/pkg/usererr"
)

// Lang is the language of a report's labels.
type Lang string

// The languages.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs lists them, for flag help and completion.
var Langs = []string{string(Japanese), string(English)}

// ParseLang checks a --lang value.
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case Japanese, English:
		return Lang(s), nil
	}
	return "", fmt.Errorf("unknown language %q (choose ja or en)", s)
}

// LangOf is the language of a locale's environment: the first of LC_ALL,
// LC_MESSAGES and LANG that is set; Japanese when it starts with "ja",
// else English.
func LangOf(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ja") {
				return Japanese
			}
			return English
		}
	}
	return English
}

// labels are the words of a report in each language.
var labels = map[Lang]map[string]string{
	English: {
		"title": "Shop report", "period": "Period", "asOf": "as of", "made": "Made by custkit on",
		"headline": "Headline figures", "figure": "Figure", "thisPeriod": "This period", "previous": "Previous period",
		"lastYear": "Last year", "change": "Change",
		"sales": "Sales", "receipts": "Receipts", "customers": "Customers", "newCustomers": "New customers", "repeatRate": "Repeat rate",
		"perReceipt": "Per receipt",
		"byMonth":    "Sales by month", "month": "Month",
		"stores": "Stores compared", "store": "Store", "vsPrevious": "vs previous period",
		"ranking": "Customer ranking (to date)", "byVisits": "Top 20 by visits", "bySpend": "Top 20 by spend",
		"rank": "#", "customer": "Customer", "name": "Name", "visits": "Visits", "spend": "Spend", "lastVisit": "Last visit",
		"segments": "Segments", "segment": "Segment", "share": "Share",
		"products": "Top products (this period)", "product": "Product", "quantity": "Quantity",
		"pairs": "Bought together, %s–%s", "pair": "Pair", "lift": "Lift",
		"pairsNote":    "Pairs bought together on two receipts or more, and more often than chance (lift above 1).",
		"about":        "About these figures",
		"aboutWalkIns": "Sales and receipts include %s (no customer id); customers, the ranking and the segments count members only.",
		"aboutVoided":  "Left out of every figure: %s (%s).",
		"aboutOther":   "Left out of every figure: %s of other transactions (%s).",
		"aboutUnknown": "%s with a customer id not in %s: in sales, not in the ranking or the segments.",
		"events":       "Birthdays and anniversaries (next 30 days)", "date": "Date", "event": "Event", "daysUntil": "Days", "years": "Years",
		"birthday": "birthday", "anniversary": "anniversary",
		"complaints": "Open complaints", "received": "Received", "status": "Status", "summary": "Summary",
		"noSales":        "No sales in this period.",
		"noStore":        "Skipped: the sales file has no store column.",
		"noProduct":      "Skipped: the sales file has no product column.",
		"noProductID":    "(no product id)",
		"noPairs":        "No two products were bought together on two receipts or more, more often than chance.",
		"noCustomers":    "Skipped: no customers file was given.",
		"noEventColumns": "Skipped: the customers file has no birthday or anniversary column.",
		"noEvents":       "None in the next 30 days.",
		"noStatus":       "Skipped: the complaints file has no status column.",
		"noOpen":         "No open complaints.",
		"noVisits":       "No customer has bought yet.",
		"masked":         "Personal data is masked. custkit report --reveal shows it.",
	},
	Japanese: {
		"title": "店舗レポート", "period": "期間", "asOf": "基準日", "made": "custkit で作成",
		"headline": "主要指標", "figure": "指標", "thisPeriod": "今期", "previous": "前期",
		"lastYear": "前年同期", "change": "増減",
		"sales": "売上", "receipts": "客数(レシート)", "customers": "会員数", "newCustomers": "新規会員", "repeatRate": "リピート率",
		"perReceipt": "客単価",
		"byMonth":    "月別売上", "month": "月",
		"stores": "店舗別", "store": "店舗", "vsPrevious": "前期比",
		"ranking": "顧客ランキング(累計)", "byVisits": "来店回数 上位20", "bySpend": "購入金額 上位20",
		"rank": "順位", "customer": "顧客番号", "name": "氏名", "visits": "来店回数", "spend": "購入金額", "lastVisit": "最終来店日",
		"segments": "顧客セグメント", "segment": "セグメント", "share": "構成比",
		"products": "売れ筋商品(今期)", "product": "商品", "quantity": "数量",
		"pairs": "併せ買い(%s–%s)", "pair": "組み合わせ", "lift": "リフト",
		"pairsNote":    "2回以上、偶然より多く一緒に買われた組み合わせ(リフト1超)だけを表示しています。",
		"about":        "この数字について",
		"aboutWalkIns": "売上と客数には顧客番号のない行%sを含みます。会員数・ランキング・セグメントは会員だけを数えます。",
		"aboutVoided":  "取消されたレシート%s(%s)はすべての数字から除いています。",
		"aboutOther":   "売上以外の取引%s(%s)はすべての数字から除いています。",
		"aboutUnknown": "顧客番号が %[2]s にない行が%[1]sあります。売上には含み、ランキングとセグメントには含みません。",
		"events":       "誕生日・記念日(30日以内)", "date": "日付", "event": "種類", "daysUntil": "あと(日)", "years": "年数",
		"birthday": "誕生日", "anniversary": "記念日",
		"complaints": "未対応の苦情", "received": "受付日", "status": "状態", "summary": "内容",
		"noSales":        "この期間の売上はありません。",
		"noStore":        "省略: 売上ファイルに店舗の列がありません。",
		"noProduct":      "省略: 売上ファイルに商品の列がありません。",
		"noProductID":    "(商品コードなし)",
		"noPairs":        "2回以上、偶然より多く一緒に買われた商品の組み合わせはありません。",
		"noCustomers":    "省略: 顧客ファイルが指定されていません。",
		"noEventColumns": "省略: 顧客ファイルに誕生日・記念日の列がありません。",
		"noEvents":       "30日以内にはありません。",
		"noStatus":       "省略: 苦情ファイルに状態の列がありません。",
		"noOpen":         "未対応の苦情はありません。",
		"noVisits":       "まだ購入した顧客はいません。",
		"masked":         "個人情報は伏せ字です。custkit report --reveal で表示します。",
	},
}

// ChooseLang is the language --lang names (a usage error when it names
// none), else the locale's (LangOf).
func ChooseLang(flag string, getenv func(string) string) (Lang, error) {
	if flag == "" {
		return LangOf(getenv), nil
	}
	l, err := ParseLang(flag)
	if err != nil {
		return "", usererr.Usagef("--lang %v", err)
	}
	return l, nil
}
