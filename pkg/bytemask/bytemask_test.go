package bytemask

import (
	"math/rand/v2"
	"testing"
)

// want is Masks by its definition, for any length of data.
func want(data []byte, comma, b, c byte) (commas, others []uint64) {
	n := (len(data) + Group - 1) / Group
	commas, others = make([]uint64, n), make([]uint64, n)
	for i, x := range data {
		switch x {
		case comma:
			commas[i/Group] |= 1 << (i % Group)
		case b, c:
			others[i/Group] |= 1 << (i % Group)
		}
	}
	return commas, others
}

func check(t *testing.T, data []byte, comma, b, c byte) {
	t.Helper()
	n := len(data) / Group
	wc, wo := want(data, comma, b, c)
	for _, vector := range []bool{false, true} {
		if vector && !fast {
			continue
		}
		Fast = vector
		gc, gown := make([]uint64, n), make([]uint64, n)
		Masks(gc, gown, data, comma, b, c)
		Fast = fast
		for g := range n {
			if gc[g] != wc[g] || gown[g] != wo[g] {
				t.Fatalf("vector=%v group %d of %q: commas %064b others %064b, want %064b %064b", vector, g, data[g*Group:(g+1)*Group], gc[g], gown[g], wc[g], wo[g])
			}
		}
	}
}

func TestMasks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(",\t\n\"\r a1,漢字\x00\xff")
	for _, size := range []int{0, 1, 2, 3, 17} {
		for range 50 {
			data := make([]byte, size*Group)
			for i := range data {
				data[i] = alphabet[r.IntN(len(alphabet))]
			}
			check(t, data, ',', '\n', '"')
			check(t, data, '\t', '\n', '"')
		}
	}
}

// Bytes that differ from a sought one in the high bit or one bit alone
// must not match: a signed comparison or a lost bit would show here.
func TestMasksNearMisses(t *testing.T) {
	data := make([]byte, 4*Group)
	for i := range data {
		data[i] = byte(i)
	}
	check(t, data, ',', '\n', '"')
	for i := range data {
		data[i] ^= 0x80
	}
	check(t, data, ',', '\n', '"')
}

func TestMasksPanicsOnRaggedData(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Masks took 65 bytes for one word")
		}
	}()
	Masks(make([]uint64, 1), make([]uint64, 1), make([]byte, Group+1), ',', '\n', '"')
}

func FuzzMasks(f *testing.F) {
	f.Add([]byte("a,b,\"c\"\n"), byte(','))
	f.Add([]byte("1\t2\t3\r\n"), byte('\t'))
	f.Fuzz(func(t *testing.T, in []byte, comma byte) {
		if comma == '\n' || comma == '"' {
			return
		}
		data := make([]byte, (len(in)+Group-1)/Group*Group)
		copy(data, in)
		check(t, data, comma, '\n', '"')
	})
}

func BenchmarkMasks(b *testing.B) {
	data := make([]byte, 1<<20)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range data {
		data[i] = byte('a' + r.IntN(26))
		if i%9 == 0 {
			data[i] = ','
		}
	}
	n := len(data) / Group
	commas, others := make([]uint64, n), make([]uint64, n)
	for _, vector := range []bool{false, true} {
		if vector && !fast {
			continue
		}
		name := "go"
		if vector {
			name = "avx2"
		}
		b.Run(name, func(b *testing.B) {
			Fast = vector
			defer func() { Fast = fast }()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Masks(commas, others, data, ',', '\n', '"')
			}
		})
	}
}
