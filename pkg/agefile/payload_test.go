package agefile

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"filippo.io/age"
)

// sealed encrypts plain to a fresh X25519 identity with age itself.
func sealed(t testing.TB, plain []byte) ([]byte, *age.X25519Identity) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), id
}

// both decrypts file with age.Decrypt and with decryptPayload, reading the
// latter through r's odd-sized reads, and fails the test when they do not
// agree: the same plain text when age reads it whole, an error when age
// gives one.
func both(t *testing.T, file []byte, id age.Identity, wrap func(io.Reader) io.Reader) {
	t.Helper()
	var want []byte
	wr, werr := age.Decrypt(bytes.NewReader(file), id)
	if werr == nil {
		want, werr = io.ReadAll(wr)
	}
	var got []byte
	gr, gerr := decryptPayload(wrap(bytes.NewReader(file)), []age.Identity{id})
	if gerr == nil {
		got, gerr = io.ReadAll(gr)
	}
	switch {
	case (werr == nil) != (gerr == nil):
		t.Fatalf("age: %v; custkit: %v", werr, gerr)
	case werr == nil && !bytes.Equal(got, want):
		t.Fatalf("custkit read %d bytes, age %d, and they differ", len(got), len(want))
	}
}

func plainOf(n int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i*7 + i/chunkSize)
	}
	return p
}

// Every size around the chunk boundaries, read whole and a byte at a time.
func TestPayloadMatchesAge(t *testing.T) {
	sizes := []int{0, 1, 100, chunkSize - 1, chunkSize, chunkSize + 1, 2*chunkSize - 1, 2 * chunkSize, 2*chunkSize + 1, 3*chunkSize + 12345}
	for _, n := range sizes {
		file, id := sealed(t, plainOf(n))
		both(t, file, id, func(r io.Reader) io.Reader { return r })
		both(t, file, id, iotest.HalfReader)
		if n < 3*chunkSize {
			both(t, file, id, iotest.OneByteReader)
		}
	}
}

// A file cut off anywhere, at a chunk's end above all, is an error, as is
// a file with bytes after its last chunk; neither gives the whole text.
func TestPayloadCutOffAndTrailing(t *testing.T) {
	for _, n := range []int{0, 10, chunkSize, 2 * chunkSize, 2*chunkSize + 5} {
		file, id := sealed(t, plainOf(n))
		hdr := bytes.Index(file, []byte("\n--- ")) + 1
		hdr += bytes.IndexByte(file[hdr:], '\n') + 1
		cuts := []int{hdr, hdr + nonceSize, len(file) - 1, len(file) - 16}
		for k := hdr + nonceSize + sealedChunk; k < len(file); k += sealedChunk {
			cuts = append(cuts, k, k-1, k+1)
		}
		for _, cut := range cuts {
			if cut < 0 || cut >= len(file) {
				continue
			}
			both(t, file[:cut], id, func(r io.Reader) io.Reader { return r })
			r, err := decryptPayload(bytes.NewReader(file[:cut]), []age.Identity{id})
			if err == nil {
				_, err = io.ReadAll(r)
			}
			if err == nil {
				t.Fatalf("size %d cut at %d of %d: no error", n, cut, len(file))
			}
		}
		both(t, append(bytes.Clone(file), 'x'), id, func(r io.Reader) io.Reader { return r })
	}
}

// A flipped bit anywhere in the payload is found.
func TestPayloadDamaged(t *testing.T) {
	file, id := sealed(t, plainOf(2*chunkSize+100))
	rng := rand.New(rand.NewPCG(1, 2))
	start := bytes.Index(file, []byte("\n--- ")) + 1
	for range 50 {
		bad := bytes.Clone(file)
		i := start + rng.IntN(len(bad)-start)
		bad[i] ^= 1 << rng.IntN(8)
		both(t, bad, id, func(r io.Reader) io.Reader { return r })
	}
}

// A wrong identity is age's NoIdentityMatchError; what is not an age file
// is a header error.
func TestPayloadIdentityAndHeader(t *testing.T) {
	file, _ := sealed(t, []byte("a,b\n"))
	other, _ := age.GenerateX25519Identity()
	_, err := decryptPayload(bytes.NewReader(file), []age.Identity{other})
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) {
		t.Fatalf("wrong identity: %v", err)
	}
	for _, in := range []string{"", "age-encryption.org/v1", "customer_id,name\n1,a\n", "age-encryption.org/v1\n-> X25519 abc\n"} {
		if _, err := decryptPayload(strings.NewReader(in), []age.Identity{other}); err == nil || !strings.Contains(err.Error(), "header") {
			t.Errorf("%q: %v, want a header error", in, err)
		}
	}
}

// The reader reuses one buffer: a file of 64 chunks takes no more
// allocations than a file of one (the header's and the key's); age.Decrypt
// allocates 64 KiB a chunk.
func TestPayloadAllocs(t *testing.T) {
	allocs := func(chunks int) float64 {
		file, id := sealed(t, plainOf(chunks*chunkSize))
		buf := make([]byte, 256<<10)
		return testing.AllocsPerRun(3, func() {
			r, err := decryptPayload(bufio.NewReaderSize(bytes.NewReader(file), 64<<10), []age.Identity{id})
			if err != nil {
				t.Fatal(err)
			}
			for {
				if _, err := r.Read(buf); err != nil {
					break
				}
			}
		})
	}
	if one, many := allocs(1), allocs(64); many > one+2 {
		t.Fatalf("%.0f allocations to read 64 chunks, %.0f to read one", many, one)
	}
}

// FuzzPayload holds decryptPayload to age.Decrypt on damaged and cut-off
// files.
func FuzzPayload(f *testing.F) {
	file, id := sealed(f, plainOf(chunkSize+10))
	f.Add(uint32(0), byte(0), uint32(0))
	f.Add(uint32(200), byte(1), uint32(0))
	f.Add(uint32(0), byte(0), uint32(20))
	f.Add(uint32(uint32(len(file))-3), byte(0x80), uint32(0))
	f.Fuzz(func(t *testing.T, at uint32, flip byte, cut uint32) {
		bad := bytes.Clone(file)
		bad[int(at)%len(bad)] ^= flip
		bad = bad[:len(bad)-int(cut)%len(bad)]
		both(t, bad, id, func(r io.Reader) io.Reader { return r })
	})
}
