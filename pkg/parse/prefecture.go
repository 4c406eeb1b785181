package parse

import "unicode/utf8"

// Prefecture returns the length in bytes of the prefecture name that s
// begins with (東京都, 北海道, 鹿児島県, ...), or 0 when it begins with none.
// Full names are matched, so that 京都府 is not cut to 京都 and 東京都 is
// not 東京. Mailing compares addresses without it; redact keeps it when it
// coarsens an address.
func Prefecture(s []byte) int {
	first, _ := utf8.DecodeRune(s)
	for _, p := range prefecturesByFirst[first] {
		if len(s) >= len(p) && string(s[:len(p)]) == p {
			return len(p)
		}
	}
	return 0
}

// prefectures are Japan's 47 prefectures, as addresses begin.
var prefectures = [...]string{
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
	"茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
	"新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
	"静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
	"奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
	"徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
	"熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
}

// prefecturesByFirst finds the prefectures by their first character, so
// that an address is compared with one or two names, not 47. It is built
// once and only read.
var prefecturesByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, p := range prefectures {
		r, _ := utf8.DecodeRuneInString(p)
		m[r] = append(m[r], p)
	}
	return m
}()
