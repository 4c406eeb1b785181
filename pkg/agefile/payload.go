package agefile

import (
	"bufio"
	"bytes"
	"crypto/cipher"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// The payload of an age file (https://age-encryption.org/v1, "Payload"):
// a 16-byte nonce, then the plain text in chunks of 64 KiB, each sealed
// with ChaCha20-Poly1305 under a key derived from the file key and the
// nonce, the chunk's counter in the nonce and a flag on the last chunk.
//
// age's own reader (age.Decrypt) allocates a new 64 KiB buffer for every
// chunk it opens: reading a 1 GB sales file makes 1 GB of garbage, and the
// collector lets it pile up to the size of the live heap (150 MiB more
// than the plain file's peak at the benchmark's size L). This reader
// opens every chunk in place, in one buffer. The header is still age's:
// age.DecryptHeader checks it and unwraps the file key, so identities,
// passphrases and plugins work as they do with age.Decrypt. The tests hold
// this reader to age.Decrypt's answers, bytes and errors, on every chunk
// boundary, cut-off and damaged file.
const (
	chunkSize    = 64 << 10
	sealedChunk  = chunkSize + chacha20poly1305.Overhead
	nonceSize    = 16
	maxHeader    = 1 << 20 // far above what 20 recipient stanzas take
	lastChunkBit = 0x01
)

// readHeader reads the header of an age file from br, up to and including
// its closing line ("--- " and the MAC), and leaves br at the payload.
// It only finds the header's end: age.DecryptHeader parses and checks it.
func readHeader(br *bufio.Reader) ([]byte, error) {
	var hdr []byte
	for {
		line, err := br.ReadSlice('\n')
		hdr = append(hdr, line...)
		switch {
		case err == bufio.ErrBufferFull:
			// a long line: read on
		case err == io.EOF:
			return nil, errors.New("failed to read header: unexpected EOF")
		case err != nil:
			return nil, fmt.Errorf("failed to read header: %w", err)
		case len(hdr) == len(line) && string(line) != Header+"\n":
			return nil, fmt.Errorf("failed to read header: unexpected intro, expected %q", Header)
		case bytes.HasPrefix(line, []byte("--- ")):
			return hdr, nil
		}
		if len(hdr) > maxHeader {
			return nil, errors.New("failed to read header: header too large")
		}
	}
}

// decryptPayload returns the plain text of the age file read from src,
// decrypted with ids, as age.Decrypt does. Errors are age's:
// *age.NoIdentityMatchError when no identity matches.
func decryptPayload(src io.Reader, ids []age.Identity) (io.Reader, error) {
	br, ok := src.(*bufio.Reader)
	if !ok || br.Size() < 4096 {
		br = bufio.NewReaderSize(src, 64<<10)
	}
	hdr, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	fileKey, err := age.DecryptHeader(hdr, ids...)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, nonceSize)
	if _, err := io.ReadFull(br, nonce); err != nil {
		return nil, fmt.Errorf("failed to read nonce: %w", err)
	}
	key := make([]byte, chacha20poly1305.KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, fileKey, nonce, []byte("payload")), key); err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, err
	}
	return &payloadReader{aead: aead, src: br, buf: make([]byte, sealedChunk)}, nil
}

// payloadReader opens an age payload chunk by chunk, each in place in buf.
type payloadReader struct {
	aead   cipher.AEAD
	src    *bufio.Reader
	buf    []byte
	unread []byte // opened, not yet read: a part of buf
	nonce  [chacha20poly1305.NonceSize]byte
	err    error
}

// Read hands out the opened chunk, opening the next one when it is used up.
// A chunk's plain text is handed out only once it is authenticated; a file
// cut off at a chunk's end fails at the end of the last whole chunk.
func (r *payloadReader) Read(p []byte) (int, error) {
	if len(r.unread) == 0 && r.err == nil && len(p) > 0 {
		r.err = r.next()
	}
	if len(r.unread) > 0 {
		n := copy(p, r.unread)
		r.unread = r.unread[n:]
		return n, nil
	}
	if r.err != nil {
		return 0, r.err
	}
	return 0, nil
}

// next opens the next chunk into r.unread. After the last chunk it returns
// io.EOF, to be given once r.unread is read. Whether a chunk is the last
// is known before it is opened, from the end of the file: a short chunk
// is, and so is a full one with nothing after it. (age.Decrypt tries a
// full chunk as a middle one first and opens it again as the last one,
// which needs a second buffer; in place, the first try would spoil it.)
func (r *payloadReader) next() error {
	n, err := io.ReadFull(r.src, r.buf)
	last := false
	switch {
	case err == io.EOF:
		// a payload ends with a chunk marked last: this one was cut off
		return io.ErrUnexpectedEOF
	case err == io.ErrUnexpectedEOF:
		// the last chunk may be short, but empty only when it is the only one
		if !nonceIsZero(&r.nonce) && n == r.aead.Overhead() {
			return errors.New("last chunk is empty, try age v1.0.0, and please consider reporting this")
		}
		last = true
	case err != nil:
		return err
	default:
		switch _, err := r.src.Peek(1); {
		case err == io.EOF:
			last = true
		case err != nil:
			return err
		}
	}
	if last {
		r.nonce[len(r.nonce)-1] = lastChunkBit
	}
	out, err := r.aead.Open(r.buf[:0], r.nonce[:], r.buf[:n], nil)
	if err != nil {
		return errors.New("failed to decrypt and authenticate payload chunk, file may be corrupted or tampered with")
	}
	r.unread = out
	if last {
		return io.EOF
	}
	if !r.incNonce() {
		return errors.New("too many chunks")
	}
	return nil
}

// incNonce counts the chunk in the nonce's first 11 bytes, big-endian,
// keeping the last-chunk flag byte; false when the counter wraps.
func (r *payloadReader) incNonce() bool {
	for i := len(r.nonce) - 2; i >= 0; i-- {
		r.nonce[i]++
		if r.nonce[i] != 0 {
			return true
		}
	}
	return false
}

func nonceIsZero(n *[chacha20poly1305.NonceSize]byte) bool {
	return *n == [chacha20poly1305.NonceSize]byte{}
}
