package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// maxRedirects is how many redirects a fetch follows before giving up.
const maxRedirects = 10

// Headers sent with every fetch. Accept-Encoding is set here, so Go's
// transport leaves compressed bodies alone and decompress applies the size
// cap to what they expand to.
const (
	acceptHeader         = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5"
	acceptLanguageHeader = "en, fr;q=0.9"
	acceptEncodingHeader = "gzip, deflate, br"
)

// NewClient returns the HTTP client Read uses when Options.HTTPClient is
// nil: proxies from the environment, connectTimeout for the TCP connection
// and the TLS handshake, no transparent decompression, and the redirect
// policy (ten at most, loops refused). A batch shares one to reuse
// connections.
func NewClient(connectTimeout time.Duration) *http.Client {
	if connectTimeout <= 0 {
		connectTimeout = DefaultConnectTimeout
	}
	dialer := &net.Dialer{Timeout: connectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   connectTimeout,
		ForceAttemptHTTP2:     true,
		DisableCompression:    true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: transport, CheckRedirect: checkRedirect}
}

// fetch GETs a URL, following redirects, within opts.Timeout in total.
func fetch(parent context.Context, rawURL string, opts Options) (*Input, error) {
	ctx, cancel := context.WithTimeout(parent, opts.Timeout)
	defer cancel()
	req, err := newRequest(ctx, rawURL, opts.UserAgent)
	if err != nil {
		return nil, err
	}
	client := httpClient(opts)
	if opts.HTTPClient == nil {
		defer client.CloseIdleConnections()
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, plainHTTPError(parent, ctx, err, opts)
	}
	defer resp.Body.Close()
	fetchedAt := opts.Now()
	if err := checkResponse(resp, opts.MaxBytes); err != nil {
		return nil, err
	}
	raw, err := readBody(resp, opts.MaxBytes)
	if err != nil {
		return nil, plainHTTPError(parent, ctx, err, opts)
	}
	in, err := newInput(raw, resp.Header.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	in.FinalURL, in.FetchedAt, in.Status = resp.Request.URL.String(), fetchedAt, resp.StatusCode
	in.Header = resp.Header.Clone()
	return in, nil
}

func newRequest(ctx context.Context, rawURL, userAgent string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("not a valid URL: %w", err)
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Language", acceptLanguageHeader)
	req.Header.Set("Accept-Encoding", acceptEncodingHeader)
	return req, nil
}

// httpClient returns the caller's client, with the redirect policy set
// unless the caller chose their own, or a new one.
func httpClient(opts Options) *http.Client {
	if opts.HTTPClient == nil {
		return NewClient(opts.ConnectTimeout)
	}
	client := *opts.HTTPClient
	if client.CheckRedirect == nil {
		client.CheckRedirect = checkRedirect
	}
	return &client
}

// checkRedirect stops at a loop or after maxRedirects redirects.
func checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	for _, prev := range via {
		if prev.URL.String() == next {
			msg := fmt.Sprintf("redirect loop: %s was already visited", next)
			return &plainError{msg: msg, kind: ErrRedirect}
		}
	}
	if len(via) > maxRedirects { // via holds the first request too
		msg := fmt.Sprintf("more than %d redirects (last to %s)", maxRedirects, next)
		return &plainError{msg: msg, kind: ErrRedirect}
	}
	return nil
}

// checkResponse refuses a response before its body is read: a non-2xx
// status, a binary content type, or a declared length over the cap.
func checkResponse(resp *http.Response, maxBytes int64) error {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return &StatusError{Code: resp.StatusCode}
	}
	if mt := mediaType(resp.Header.Get("Content-Type")); mt != "application/octet-stream" && isBinaryType(mt) {
		return binary(mt)
	}
	if resp.ContentLength > maxBytes {
		return tooLarge(maxBytes)
	}
	return nil
}

// readBody reads a response body, decompressed, up to maxBytes.
func readBody(resp *http.Response, maxBytes int64) ([]byte, error) {
	body, err := decompress(resp.Body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return nil, err
	}
	return readAll(body, maxBytes)
}

// plainHTTPError turns a client error into plain words: the *url.Error's
// "Get "https://…":" prefix is dropped since *Error names the URL, our own
// deadline (not the caller's) reads as a timeout, and so does a connection
// or TLS handshake that took longer than the connect timeout.
func plainHTTPError(parent, ctx context.Context, err error, opts Options) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return timedOut("timed out after " + opts.Timeout.String())
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return timedOut("could not connect within " + opts.ConnectTimeout.String())
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return fmt.Errorf("could not connect: %w", opErr.Err)
	}
	return err
}

func timedOut(msg string) error {
	return &plainError{msg: msg, kind: context.DeadlineExceeded}
}
