// Package source reads what `fineprint audit` is given — files, directories,
// standard input and http(s) URLs — and hands back each document's bytes
// decoded to UTF-8 (PDF documents are passed on as they are), with the
// evidence a report needs (final URL, fetch time, SHA-256 of the bytes read).
//
// It reads like a careful browser: a User-Agent, connect and total timeouts,
// at most ten redirects, compressed bodies decoded here so that the size cap
// holds for what they expand to, and the charset taken from a byte order
// mark, the HTTP header or the page's meta tag. Hostile sources — endless,
// huge, compressed bombs, binary files dressed as HTML — fail alone.
//
// It does not decide what markup a document is written in: Input carries the
// name and content type so the caller can sniff the format. Every failure is
// an *Error naming the source, so one bad source never stops a batch.
package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// Input is one document's bytes as read, before extraction.
type Input struct {
	// Source is the argument as given; for files found in a directory, that
	// directory joined with the relative path.
	Source      string
	Data        []byte    // decoded to UTF-8, byte order mark removed; raw bytes for a PDF
	ContentType string    // from HTTP; "application/pdf" for any PDF; else "" for files and stdin
	FinalURL    string    // URLs only: after redirects
	FetchedAt   time.Time // URLs only (zero for files and stdin)
	SHA256      string    // hex SHA-256 of the bytes read (decompressed, before charset decoding)
	Status      int       // HTTP status, URLs only
	// Raw is the bytes as read (decompressed, before charset decoding) and
	// Header the HTTP response headers: the evidence a snapshot keeps.
	Raw    []byte
	Header http.Header
}

// Options tunes how sources are read. The zero value works.
type Options struct {
	Stdin      io.Reader     // read for "-"; nil means os.Stdin
	HTTPClient *http.Client  // nil means a fresh NewClient(ConnectTimeout) per URL
	Timeout    time.Duration // total per URL, redirects and body included; 0 means 30s
	// ConnectTimeout bounds the TCP connection and TLS handshake of the
	// client made when HTTPClient is nil; 0 means 10s.
	ConnectTimeout time.Duration
	MaxBytes       int64  // size cap for every source, after decompression; 0 means 20 MB
	UserAgent      string // e.g. UserAgent("1.2.0")
	Now            func() time.Time
}

// Defaults applied by Read to zero-valued Options fields.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultMaxBytes       = 20 << 20
	DefaultUserAgent      = "Mozilla/5.0 (compatible; fineprint; +terms auditor)"
)

// UserAgent is the User-Agent fineprint sends, naming its version: servers
// that turn away unknown clients accept it, and their logs say who came.
func UserAgent(version string) string {
	return "Mozilla/5.0 (compatible; fineprint/" + version + "; +terms auditor)"
}

func (o Options) withDefaults() Options {
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Read reads one source: a file path, "-" for standard input, or an http(s)
// URL. Any error it returns is an *Error.
func Read(ctx context.Context, src string, opts Options) (*Input, error) {
	opts = opts.withDefaults()
	var (
		in  *Input
		err error
	)
	switch {
	case src == "-":
		in, err = readStdin(opts)
	case isURL(src):
		in, err = fetch(ctx, src, opts)
	default:
		in, err = readFile(src, opts)
	}
	if err != nil {
		return nil, &Error{Source: src, Err: err}
	}
	in.Source = src
	return in, nil
}

// isURL reports whether arg names an http or https URL rather than a path.
func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// readAll reads r up to limit bytes and fails, without reading further, if
// there is more.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, tooLarge(limit)
	}
	return raw, nil
}

// newInput records the digest of raw and decodes it to UTF-8, or passes it
// on as it is when it is a PDF.
func newInput(raw []byte, contentType string) (*Input, error) {
	pdf, err := sniffBinary(raw, contentType)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	in := &Input{Data: raw, Raw: raw, ContentType: contentType, SHA256: hex.EncodeToString(sum[:])}
	if pdf {
		in.ContentType = pdfType
		return in, nil
	}
	if in.Data, err = decode(raw, contentType); err != nil {
		return nil, err
	}
	return in, nil
}
