package source

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// sniffLen is how much of a document is checked for NUL bytes.
const sniffLen = 8 << 10

// decode turns raw bytes into UTF-8 without a byte order mark. The encoding
// comes from, in order: a BOM, the Content-Type charset, an HTML meta tag,
// then the bytes themselves. Invalid UTF-8 is replaced with U+FFFD.
func decode(raw []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	body := stripBOM(raw)
	// DetermineEncoding guesses windows-1252 whenever the first KB is plain
	// ASCII; a UTF-8 document whose first accent comes later must not turn
	// into mojibake, and neither must one mislabelled as Latin-1.
	if !certain && name == "windows-1252" && looksUTF8(body) {
		name = "utf-8"
	}
	data, err := toUTF8(body, enc, name)
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(data[:min(len(data), sniffLen)], 0) >= 0 {
		return nil, binary("NUL bytes near the start")
	}
	return data, nil
}

func toUTF8(body []byte, enc encoding.Encoding, name string) ([]byte, error) {
	if name == "utf-8" {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), nil
	}
	data, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	return bytes.TrimPrefix(data, []byte("\uFEFF")), nil
}

// stripBOM removes a UTF-8 or UTF-16 byte order mark.
func stripBOM(raw []byte) []byte {
	for _, bom := range [][]byte{{0xef, 0xbb, 0xbf}, {0xfe, 0xff}, {0xff, 0xfe}} {
		if bytes.HasPrefix(raw, bom) {
			return raw[len(bom):]
		}
	}
	return raw
}

// looksUTF8 reports whether b reads better as UTF-8 than as a single-byte
// encoding: Latin-1 text almost never forms valid multi-byte sequences, so
// more valid sequences than invalid bytes means UTF-8 with a few errors.
func looksUTF8(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	multi, invalid := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			multi++
		}
		b = b[size:]
	}
	return multi > invalid
}
