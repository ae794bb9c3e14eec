package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// maxRedirects is how many redirects a fetch follows before giving up.
const maxRedirects = 10

// Headers sent with every fetch. No Accept-Encoding: the transport then asks
// for gzip itself and decompresses it, so the size cap applies to the
// decompressed body and a gzip bomb is stopped like any other large page.
const (
	acceptHeader         = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.5"
	acceptLanguageHeader = "en, fr;q=0.9"
)

// fetch GETs a URL, following redirects, within opts.Timeout in total.
func fetch(parent context.Context, rawURL string, opts Options) (*Input, error) {
	ctx, cancel := context.WithTimeout(parent, opts.Timeout)
	defer cancel()
	req, err := newRequest(ctx, rawURL, opts.UserAgent)
	if err != nil {
		return nil, err
	}
	resp, err := httpClient(opts).Do(req)
	if err != nil {
		return nil, plainHTTPError(parent, err, opts.Timeout)
	}
	defer resp.Body.Close()
	fetchedAt := opts.Now()
	if err := checkResponse(resp, opts.MaxBytes); err != nil {
		return nil, err
	}
	raw, err := readAll(resp.Body, opts.MaxBytes)
	if err != nil {
		return nil, plainHTTPError(parent, err, opts.Timeout)
	}
	in, err := newInput(raw, resp.Header.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	in.FinalURL, in.FetchedAt, in.Status = resp.Request.URL.String(), fetchedAt, resp.StatusCode
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
	return req, nil
}

// httpClient returns the caller's client, or a default one, with the
// redirect policy set unless the caller chose their own.
func httpClient(opts Options) *http.Client {
	var client http.Client
	if opts.HTTPClient != nil {
		client = *opts.HTTPClient
	}
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
	if ct := resp.Header.Get("Content-Type"); binaryType(ct) {
		return binary(ct)
	}
	if resp.ContentLength > maxBytes {
		return tooLarge(maxBytes)
	}
	return nil
}

// plainHTTPError turns a client error into plain words: the *url.Error's
// "Get "https://…":" prefix is dropped since *Error names the URL, and our
// own deadline (not the caller's) reads as a timeout.
func plainHTTPError(parent context.Context, err error, timeout time.Duration) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		msg := "timed out after " + timeout.String()
		return &plainError{msg: msg, kind: context.DeadlineExceeded}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}
