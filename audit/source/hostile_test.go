package source_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

// publicityClause is the 2024 referral clause fineprint was written for.
const publicityClause = "Participation constitutes a Member's consent for Sponsor to use and publish such Member's photo, name, likeness, voice, opinions, statements and biographical information for promotional or advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without further review, notification, payment, or consideration."

// serve starts a loopback server for one handler.
func serve(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// auditURL reads, extracts and audits one URL the way `fineprint audit`
// does, or returns the per-document error.
func auditURL(t *testing.T, url string, opts source.Options) (*audit.Report, error) {
	t.Helper()
	pack, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
	in, err := source.Read(context.Background(), url, opts)
	if err != nil {
		return nil, err
	}
	format := extract.Sniff(in.FinalURL, in.ContentType, in.Data)
	clauses, title, err := extract.Extract(in.Data, format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	doc := &audit.Document{Source: url, SHA256: in.SHA256, Format: format, Title: title, Clauses: clauses}
	return audit.Audit(context.Background(), doc, set, audit.Options{}), nil
}

func hasCategory(r *audit.Report, category string) bool {
	for _, f := range r.Findings {
		if f.Category == category {
			return true
		}
	}
	return false
}

// TestDeeplyNestedHTML: 100,000 nested <div>s around the clause are
// audited, not a stack overflow or a lost clause.
func TestDeeplyNestedHTML(t *testing.T) {
	const depth = 100_000
	page := "<!doctype html><html><body>" + strings.Repeat("<div>", depth) +
		"<p>" + publicityClause + "</p>" + strings.Repeat("</div>", depth) + "</body></html>"
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
	r, err := auditURL(t, url, source.Options{})
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	if !hasCategory(r, "image-rights") {
		t.Errorf("findings = %+v, want the image-rights clause found", r.Findings)
	}
}

// TestTenMegabyteLine: a page that is one 10 MB line is audited whole under
// the default cap, and refused under a smaller one.
func TestTenMegabyteLine(t *testing.T) {
	filler := "Members earn points on every purchase. "
	line := strings.Repeat(filler, (10<<20)/len(filler)) + publicityClause
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, line)
	})
	r, err := auditURL(t, url, source.Options{})
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	if !hasCategory(r, "image-rights") {
		t.Fatalf("findings = %+v, want the image-rights clause at the end of the line", r.Findings)
	}
	for _, f := range r.Findings {
		if f.Location.Line != 1 {
			t.Errorf("finding %s at line %d, want line 1", f.Rule, f.Location.Line)
		}
	}
	_, err = auditURL(t, url, source.Options{MaxBytes: 5 << 20})
	if !errors.Is(err, source.ErrTooLarge) || err.Error() != url+": larger than 5 MB (use --max-bytes)" {
		t.Errorf("with a 5 MB cap: err = %v, want %q", err, url+": larger than 5 MB (use --max-bytes)")
	}
}

// TestConnectTimeout: a server that accepts the connection but never
// completes the TLS handshake is given up after the connect timeout, long
// before the total timeout.
func TestConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		var held []net.Conn // silent, open until the test ends
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	url := "https://" + ln.Addr().String() + "/terms"
	opts := source.Options{ConnectTimeout: 50 * time.Millisecond, Timeout: time.Minute}
	_, err = source.Read(context.Background(), url, opts)
	if !errors.Is(err, context.DeadlineExceeded) || err.Error() != url+": could not connect within 50ms" {
		t.Fatalf("err = %v, want %q", err, url+": could not connect within 50ms")
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/terms"
	ln.Close()
	_, err = source.Read(context.Background(), url, source.Options{})
	if err == nil || err.Error() != url+": could not connect: connect: connection refused" {
		t.Fatalf("err = %v, want %q", err, url+": could not connect: connect: connection refused")
	}
}

// TestDefaultHeaders: without options, fineprint introduces itself like a
// browser would and asks for the encodings it decodes itself.
func TestDefaultHeaders(t *testing.T) {
	var ua, enc string
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		ua, enc = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		io.WriteString(w, "Terms.")
	})
	if _, err := source.Read(context.Background(), url, source.Options{}); err != nil {
		t.Fatal(err)
	}
	if ua != source.DefaultUserAgent || !strings.HasPrefix(ua, "Mozilla/5.0 (compatible; fineprint") {
		t.Errorf("User-Agent = %q, want %q", ua, source.DefaultUserAgent)
	}
	if enc != "gzip, deflate, br" {
		t.Errorf("Accept-Encoding = %q, want %q", enc, "gzip, deflate, br")
	}
	if got, want := source.UserAgent("1.2.0"), "Mozilla/5.0 (compatible; fineprint/1.2.0; +terms auditor)"; got != want {
		t.Errorf("UserAgent(1.2.0) = %q, want %q", got, want)
	}
}
