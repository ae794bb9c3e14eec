package source

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
)

// decompress undoes a Content-Encoding ("gzip", "deflate", "br", or a list
// of them, applied in order) so that the caller's size cap counts the bytes
// they expand to. An empty body stays empty whatever it claims.
func decompress(body io.Reader, contentEncoding string) (io.Reader, error) {
	codings := parseCodings(contentEncoding)
	if len(codings) == 0 {
		return body, nil
	}
	r := bufio.NewReader(body)
	if _, err := r.Peek(1); err == io.EOF {
		return r, nil
	}
	var out io.Reader = r
	for i := len(codings) - 1; i >= 0; i-- {
		dec, err := decoder(out, codings[i])
		if err != nil {
			return nil, err
		}
		out = &corruptReader{r: dec, coding: codings[i]}
	}
	return out, nil
}

// parseCodings lists the codings of a Content-Encoding, dropping identity.
func parseCodings(contentEncoding string) []string {
	var codings []string
	for _, c := range strings.Split(contentEncoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" {
			codings = append(codings, c)
		}
	}
	return codings
}

func decoder(r io.Reader, coding string) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("corrupt %s body: %w", coding, err)
		}
		return zr, nil
	case "deflate":
		return deflateReader(r)
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("unsupported content encoding %q", coding)
}

// deflateReader reads "deflate" as the zlib stream HTTP means by it, or as
// the raw deflate stream some servers send instead.
func deflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		zr, err := zlib.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("corrupt deflate body: %w", err)
		}
		return zr, nil
	}
	return flate.NewReader(br), nil
}

// corruptReader names the coding in a decompression error, so that a broken
// body reads as such and not as a bare "unexpected EOF".
type corruptReader struct {
	r      io.Reader
	coding string
}

func (c *corruptReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("corrupt %s body: %w", c.coding, err)
	}
	return n, err
}
