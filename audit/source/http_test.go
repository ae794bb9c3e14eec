package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const offerPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Referral terms</title></head>
<body><h1>Cash reward terms</h1><p>Taking part constitutes consent to use your name, likeness and voice in perpetuity — données, café.</p></body></html>`

// latin1Page is a French page saved as ISO-8859-1 and declared only in its
// meta tag: "données" is 0x64 0x6f 0x6e 0x6e 0xe9 0x65 0x73.
var latin1Page = []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Conditions</title></head>" +
	"<body><p>Vos donn\xe9es personnelles sont conserv\xe9es sans limite de dur\xe9e.</p></body></html>")

var fixedNow = time.Date(2024, 5, 17, 9, 30, 0, 0, time.UTC)

// termsServer serves the pages the fetch tests need, on loopback only.
func termsServer(t *testing.T, maxBytes int) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/terms", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != "fineprint/test (+terms auditor)" || !strings.HasPrefix(r.Header.Get("Accept-Language"), "en, fr") {
			http.Error(w, "bad headers", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, offerPage)
	})
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		// /hop/N reaches /terms after N+1 redirects.
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		next := fmt.Sprintf("/hop/%d", n-1)
		if n == 0 {
			next = "/terms"
		}
		http.Redirect(w, r, next, http.StatusFound)
	})
	mux.HandleFunc("/endless/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		http.Redirect(w, r, fmt.Sprintf("/endless/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("a"), maxBytes+1))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range maxBytes/1024 + 2 {
			w.Write(bytes.Repeat([]byte("b"), 1024))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(bytes.Repeat([]byte("<p>x</p>"), maxBytes))
		zw.Close()
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(latin1Page)
	})
	mux.HandleFunc("/latin1-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=ISO-8859-1")
		w.Write([]byte("Vos donn\xe9es sont vendues."))
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("PK\x03\x04\x00\x00\x00\x00terms.docx"))
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestReadURL(t *testing.T) {
	const maxBytes = 64 << 10
	srv := termsServer(t, maxBytes)
	tests := []struct {
		name      string
		path      string
		timeout   time.Duration
		wantErr   error  // nil: success
		wantMsg   string // whole error message, {url} replaced
		wantData  string // substring of the decoded data
		wantFinal string // path of the final URL
	}{
		{name: "200 html", path: "/terms", wantData: "likeness and voice in perpetuity — données, café", wantFinal: "/terms"},
		{name: "redirect chain", path: "/hop/2", wantData: "Cash reward terms", wantFinal: "/terms"},
		{name: "ten redirects allowed", path: "/hop/9", wantData: "Cash reward terms", wantFinal: "/terms"},
		{name: "redirect loop", path: "/loop/a", wantErr: ErrRedirect, wantMsg: "{url}: redirect loop: {base}/loop/a was already visited"},
		{name: "too many redirects", path: "/endless/0", wantErr: ErrRedirect, wantMsg: "{url}: more than 10 redirects (last to {base}/endless/11)"},
		{name: "404", path: "/gone", wantErr: ErrHTTPStatus, wantMsg: "{url}: HTTP 404 Not Found"},
		{name: "500", path: "/broken", wantErr: ErrHTTPStatus, wantMsg: "{url}: HTTP 500 Internal Server Error"},
		{name: "larger than cap", path: "/big", wantErr: ErrTooLarge, wantMsg: "{url}: larger than 64 KB (use --max-bytes)"},
		{name: "larger than cap, no length", path: "/big-chunked", wantErr: ErrTooLarge},
		{name: "gzip bomb", path: "/bomb", wantErr: ErrTooLarge},
		{name: "latin-1 meta charset only", path: "/latin1", wantData: "Vos données personnelles sont conservées sans limite de durée."},
		{name: "latin-1 header charset", path: "/latin1-header", wantData: "Vos données sont vendues."},
		{name: "image refused", path: "/logo.png", wantErr: ErrBinary, wantMsg: "{url}: binary content (image/png), not a text document"},
		{name: "NUL bytes refused", path: "/download", wantErr: ErrBinary},
		{name: "empty body is fine", path: "/empty"},
		{name: "timeout", path: "/slow", timeout: 50 * time.Millisecond, wantErr: context.DeadlineExceeded, wantMsg: "{url}: timed out after 50ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{
				MaxBytes:  maxBytes,
				Timeout:   tt.timeout,
				UserAgent: "fineprint/test (+terms auditor)",
				Now:       func() time.Time { return fixedNow },
			}
			src := srv.URL + tt.path
			in, err := Read(context.Background(), src, opts)
			if tt.wantErr != nil {
				checkError(t, err, tt.wantErr, src, expandURL(tt.wantMsg, src, srv.URL))
				return
			}
			if err != nil {
				t.Fatalf("Read(%s): %v", src, err)
			}
			if !strings.Contains(string(in.Data), tt.wantData) {
				t.Errorf("Data = %q, want it to contain %q", in.Data, tt.wantData)
			}
			if in.Source != src || in.Status != http.StatusOK || !in.FetchedAt.Equal(fixedNow) || len(in.SHA256) != 64 {
				t.Errorf("got Source %q Status %d FetchedAt %v SHA256 %q", in.Source, in.Status, in.FetchedAt, in.SHA256)
			}
			if tt.wantFinal != "" && in.FinalURL != srv.URL+tt.wantFinal {
				t.Errorf("FinalURL = %q, want %q", in.FinalURL, srv.URL+tt.wantFinal)
			}
		})
	}
}

func TestReadURLStatusCode(t *testing.T) {
	srv := termsServer(t, 1024)
	_, err := Read(context.Background(), srv.URL+"/gone", Options{})
	var status *StatusError
	if !errors.As(err, &status) || status.Code != http.StatusNotFound {
		t.Fatalf("errors.As(%v, *StatusError) = %v, want code 404", err, status)
	}
}

func TestReadURLCanceledByCaller(t *testing.T) {
	srv := termsServer(t, 1024)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, srv.URL+"/terms", Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read with canceled ctx: %v, want context.Canceled", err)
	}
}

func expandURL(msg, src, base string) string {
	return strings.NewReplacer("{url}", src, "{base}", base).Replace(msg)
}

// checkError asserts that err is an *Error for src matching want, and, when
// wantMsg is set, that its message reads exactly so.
func checkError(t *testing.T, err, want error, src, wantMsg string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want errors.Is %v", err, want)
	}
	var srcErr *Error
	if !errors.As(err, &srcErr) || srcErr.Source != src {
		t.Fatalf("err = %#v, want *Error with Source %q", err, src)
	}
	if wantMsg != "" && err.Error() != wantMsg {
		t.Errorf("message = %q, want %q", err.Error(), wantMsg)
	}
}
