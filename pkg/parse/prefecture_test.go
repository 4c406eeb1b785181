package parse

import "testing"

func TestPrefecture(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"東京都千代田区", "東京都"},
		{"京都府京都市", "京都府"},
		{"北海道札幌市", "北海道"},
		{"鹿児島県鹿児島市", "鹿児島県"},
		{"神奈川県横浜市", "神奈川県"},
		{"東京千代田区", ""}, // not the full name
		{"京都市中京区", ""},
		{"金沢市東山", ""},
		{"", ""},
	} {
		if got := Prefecture([]byte(tt.in)); got != len(tt.want) {
			t.Errorf("Prefecture(%q) = %d, want %d (%q)", tt.in, got, len(tt.want), tt.want)
		}
	}
	if n := len(prefectures); n != 47 {
		t.Errorf("%d prefectures, want 47", n)
	}
}
