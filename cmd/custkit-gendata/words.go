package main

// The word lists the shop is made of. Everything here is invented or
// generic; mail domains are reserved example domains.

// person is one part of a name in kanji, katakana and romaji.
type person struct{ kanji, kana, romaji string }

var surnames = []person{
	{"青木", "アオキ", "aoki"}, {"石田", "イシダ", "ishida"}, {"上野", "ウエノ", "ueno"},
	{"遠藤", "エンドウ", "endo"}, {"大野", "オオノ", "ono"}, {"岡本", "オカモト", "okamoto"},
	{"金子", "カネコ", "kaneko"}, {"菊地", "キクチ", "kikuchi"}, {"工藤", "クドウ", "kudo"},
	{"後藤", "ゴトウ", "goto"}, {"近藤", "コンドウ", "kondo"}, {"坂本", "サカモト", "sakamoto"},
	{"島田", "シマダ", "shimada"}, {"杉山", "スギヤマ", "sugiyama"}, {"関口", "セキグチ", "sekiguchi"},
	{"高木", "タカギ", "takagi"}, {"竹内", "タケウチ", "takeuchi"}, {"千葉", "チバ", "chiba"},
	{"土屋", "ツチヤ", "tsuchiya"}, {"中島", "ナカジマ", "nakajima"}, {"西村", "ニシムラ", "nishimura"},
	{"野口", "ノグチ", "noguchi"}, {"長谷川", "ハセガワ", "hasegawa"}, {"原田", "ハラダ", "harada"},
	{"平野", "ヒラノ", "hirano"}, {"福田", "フクダ", "fukuda"}, {"藤井", "フジイ", "fujii"},
	{"本田", "ホンダ", "honda"}, {"増田", "マスダ", "masuda"}, {"松尾", "マツオ", "matsuo"},
	{"丸山", "マルヤマ", "maruyama"}, {"三浦", "ミウラ", "miura"}, {"宮崎", "ミヤザキ", "miyazaki"},
	{"村上", "ムラカミ", "murakami"}, {"森田", "モリタ", "morita"}, {"安田", "ヤスダ", "yasuda"},
	{"横山", "ヨコヤマ", "yokoyama"}, {"吉川", "ヨシカワ", "yoshikawa"}, {"和田", "ワダ", "wada"},
	{"渡部", "ワタベ", "watabe"},
}

var givenMale = []person{
	{"翼", "ツバサ", "tsubasa"}, {"大和", "ヤマト", "yamato"}, {"颯太", "ソウタ", "sota"},
	{"湊", "ミナト", "minato"}, {"健一", "ケンイチ", "kenichi"}, {"正人", "マサト", "masato"},
	{"哲也", "テツヤ", "tetsuya"}, {"智之", "トモユキ", "tomoyuki"}, {"秀樹", "ヒデキ", "hideki"},
	{"勇気", "ユウキ", "yuki"}, {"剛", "ツヨシ", "tsuyoshi"}, {"昭", "アキラ", "akira"},
	{"悟", "サトル", "satoru"}, {"光太郎", "コウタロウ", "kotaro"}, {"俊介", "シュンスケ", "shunsuke"},
	{"樹", "イツキ", "itsuki"}, {"陸", "リク", "riku"}, {"博之", "ヒロユキ", "hiroyuki"},
}

var givenFemale = []person{
	{"芽衣", "メイ", "mei"}, {"紬", "ツムギ", "tsumugi"}, {"杏", "アン", "an"},
	{"千尋", "チヒロ", "chihiro"}, {"直美", "ナオミ", "naomi"}, {"幸子", "サチコ", "sachiko"},
	{"典子", "ノリコ", "noriko"}, {"絵里", "エリ", "eri"}, {"香織", "カオリ", "kaori"},
	{"麻衣", "マイ", "mai"}, {"彩", "アヤ", "aya"}, {"舞", "マイ", "mai"},
	{"優子", "ユウコ", "yuko"}, {"真理", "マリ", "mari"}, {"琴音", "コトネ", "kotone"},
	{"咲良", "サクラ", "sakura"}, {"和子", "カズコ", "kazuko"}, {"春香", "ハルカ", "haruka"},
}

var mailHosts = []string{"example.jp", "example.co.jp", "example.com", "example.net", "example.org"}

// region is a prefecture and some of its cities and wards.
type region struct {
	pref   string
	cities []string
}

var regions = []region{
	{"東京都", []string{"中野区", "杉並区", "品川区", "府中市", "町田市", "江戸川区"}},
	{"神奈川県", []string{"横浜市港北区", "横浜市青葉区", "鎌倉市", "茅ヶ崎市", "川崎市高津区"}},
	{"埼玉県", []string{"川越市", "越谷市", "草加市", "さいたま市大宮区"}},
	{"千葉県", []string{"松戸市", "市川市", "浦安市", "習志野市"}},
	{"静岡県", []string{"静岡市葵区", "浜松市中央区", "沼津市"}},
	{"大阪府", []string{"大阪市天王寺区", "枚方市", "高槻市", "茨木市"}},
	{"兵庫県", []string{"尼崎市", "明石市", "芦屋市"}},
	{"宮城県", []string{"仙台市青葉区", "石巻市"}},
	{"広島県", []string{"広島市中区", "福山市", "呉市"}},
	{"熊本県", []string{"熊本市中央区", "八代市"}},
	{"新潟県", []string{"新潟市中央区", "長岡市"}},
	{"沖縄県", []string{"那覇市", "浦添市"}},
}

var districts = []string{"元町", "本郷", "松原", "柳町", "泉", "平和台", "富士見町", "春日", "城山", "港町", "梅ヶ丘", "日吉", "高砂", "白山", "寿町"}

var housings = []string{"サンライズ", "ヴィラ", "グリーンハイツ", "シャトー", "ロイヤル", "アーバン"}

var housingNames = []string{"若松", "みどり", "けやき", "白鷺", "明星", "清流", "和光"}

// branch is one product category: its items and price range in yen.
type branch struct {
	name     string
	items    []string
	low, top int
}

var branches = []branch{
	{"菓子", []string{"どら焼き", "最中", "カステラ", "かりんとう", "大福", "金平糖", "あられ", "バウムクーヘン"}, 150, 2500},
	{"茶・珈琲", []string{"ほうじ茶", "玄米茶", "煎茶", "ドリップコーヒー", "麦茶", "ルイボスティー"}, 300, 4000},
	{"調味料", []string{"白だし", "ぽん酢", "みりん", "ごま油", "柚子胡椒", "七味", "塩麹"}, 200, 2000},
	{"酒類", []string{"純米酒", "梅酒", "地ビール", "シードル", "芋焼酎"}, 500, 9000},
	{"台所用品", []string{"まな板", "菜箸", "おろし金", "土鍋", "急須", "弁当箱"}, 300, 8000},
	{"寝具", []string{"枕カバー", "タオルケット", "座布団", "ひざ掛け"}, 1000, 15000},
	{"美容", []string{"椿油", "石鹸", "ボディソープ", "入浴剤", "ヘアオイル"}, 300, 6000},
	{"書籍", []string{"料理本", "手帳", "カレンダー", "絵本", "ぬり絵"}, 500, 3000},
	{"園芸", []string{"球根", "種", "培養土", "じょうろ", "鉢"}, 200, 5000},
	{"季節", []string{"お中元", "お歳暮", "年賀", "ひな祭り", "七夕"}, 1500, 30000},
}

var productStyles = []string{"", "", "", "手作り", "老舗の", "特製", "ご当地", "お徳用", "数量限定", "定番", "新作"}

var productSizes = []string{"小", "中", "大", "2個入", "5個入", "10枚", "300ml", "720ml", "1.8L", "250g", "1kg", "セット", "詰め合わせ"}
