package source

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

const offerPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Referral terms</title></head>
<body><h1>Cash reward terms</h1><p>Taking part constitutes consent to use your name, likeness and voice in perpetuity — données, café.</p></body></html>`

// latin1Page is a French page saved as ISO-8859-1 and declared only in its
// meta tag: "données" is 0x64 0x6f 0x6e 0x6e 0xe9 0x65 0x73.
var latin1Page = []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Conditions</title></head>" +
	"<body><p>Vos donn\xe9es personnelles sont conserv\xe9es sans limite de dur\xe9e.</p></body></html>")

// pdfBytes starts like every PDF, binary comment line included.
var pdfBytes = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n\x00\x9c\x01\nendstream\n%%EOF\n")

// bombSize is what the compression bombs expand to: 10 GB of zeros.
const bombSize = 10 << 30

// writeGzipBomb streams a gzip body that expands to size bytes of zeros, as
// the same 1 KB member (1 MB of zeros) written again and again, until the
// client hangs up.
func writeGzipBomb(w io.Writer, size int64) {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	for n := int64(0); n < size; n += 1 << 20 {
		if _, err := w.Write(member.Bytes()); err != nil {
			return
		}
	}
}

// compress encodes data with an HTTP content coding; "deflate-raw" is the
// headerless deflate some servers send as "deflate", and "gzip-br" is gzip
// then brotli.
func compress(t *testing.T, coding string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "deflate-raw":
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression)
	case "br":
		w = brotli.NewWriter(&buf)
	case "gzip-br":
		return compress(t, "br", compress(t, "gzip", data))
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

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
		writeGzipBomb(w, bombSize)
	})
	mux.HandleFunc("/br-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "br")
		bw := brotli.NewWriterLevel(w, brotli.BestSpeed)
		zeros := make([]byte, 1<<20)
		for n := int64(0); n < bombSize; n += int64(len(zeros)) {
			if _, err := bw.Write(zeros); err != nil {
				return
			}
		}
		bw.Close()
	})
	for _, coding := range []string{"gzip", "deflate", "deflate-raw", "br", "gzip-br"} {
		mux.HandleFunc("/compressed/"+coding, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Accept-Encoding") != "gzip, deflate, br" {
				http.Error(w, "bad Accept-Encoding", http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Encoding", strings.NewReplacer("-raw", "", "-", ", ").Replace(coding))
			w.Write(compress(t, coding, []byte(offerPage)))
		})
	}
	mux.HandleFunc("/corrupt-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("<p>not gzip at all</p>"))
	})
	mux.HandleFunc("/truncated-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		gz := compress(t, "gzip", []byte(offerPage))
		w.Write(gz[:len(gz)/2])
	})
	mux.HandleFunc("/compress", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "compress")
		w.Write([]byte("\x1f\x9d\x90"))
	})
	mux.HandleFunc("/empty-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		// A page that never ends: a tag every 10ms until the client leaves.
		w.Header().Set("Content-Type", "text/html")
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				w.Write([]byte("<p>Terms.</p>"))
				w.(http.Flusher).Flush()
			}
		}
	})
	mux.HandleFunc("/latin1-bare", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>Vos donn\xe9es personnelles sont conserv\xe9es.</p></body></html>"))
	})
	mux.HandleFunc("/invalid-utf8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>Caf\xe9 cr\xc3\xa8me \xff\xfe donn\xc3\xa9es</p>"))
	})
	mux.HandleFunc("/png-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/nul-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>Terms</p>\x00\x01\x02\x03 garbage"))
	})
	mux.HandleFunc("/terms.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdfBytes)
	})
	mux.HandleFunc("/download-pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(pdfBytes)
	})
	mux.HandleFunc("/download-text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("You waive any class action."))
	})
	mux.HandleFunc("/download-binary", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("\x01\x02\x03\x00\x00\xff"))
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s\n%s\n", r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding"))
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
		wantType  string // content type of the Input, when checked
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
		{name: "gzip bomb", path: "/bomb", wantErr: ErrTooLarge, wantMsg: "{url}: larger than 64 KB (use --max-bytes)"},
		{name: "brotli bomb", path: "/br-bomb", wantErr: ErrTooLarge},
		{name: "gzip", path: "/compressed/gzip", wantData: "likeness and voice in perpetuity — données, café"},
		{name: "deflate (zlib)", path: "/compressed/deflate", wantData: "likeness and voice in perpetuity — données, café"},
		{name: "deflate (raw)", path: "/compressed/deflate-raw", wantData: "likeness and voice in perpetuity — données, café"},
		{name: "brotli", path: "/compressed/br", wantData: "likeness and voice in perpetuity — données, café"},
		{name: "gzip then brotli", path: "/compressed/gzip-br", wantData: "likeness and voice in perpetuity — données, café"},
		{name: "corrupt gzip", path: "/corrupt-gzip", wantMsg: "{url}: corrupt gzip body: gzip: invalid header"},
		{name: "truncated gzip", path: "/truncated-gzip", wantMsg: "{url}: corrupt gzip body: unexpected EOF"},
		{name: "unsupported encoding", path: "/compress", wantMsg: `{url}: unsupported content encoding "compress"`},
		{name: "empty gzip body", path: "/empty-gzip"},
		{name: "latin-1 without any charset", path: "/latin1-bare", wantData: "Vos données personnelles sont conservées."},
		{name: "invalid utf-8 replaced", path: "/invalid-utf8", wantData: "<p>Caf\uFFFD crème \uFFFD données</p>"},
		{name: "png served as html", path: "/png-as-html", wantErr: ErrBinary,
			wantMsg: "{url}: binary content (served as text/html but looks like image/png), not a text document"},
		{name: "NUL bytes served as html", path: "/nul-as-html", wantErr: ErrBinary,
			wantMsg: "{url}: binary content (NUL bytes near the start), not a text document"},
		{name: "pdf passed on", path: "/terms.pdf", wantData: string(pdfBytes), wantType: "application/pdf"},
		{name: "pdf served as octet-stream", path: "/download-pdf", wantData: string(pdfBytes), wantType: "application/pdf"},
		{name: "text served as octet-stream", path: "/download-text", wantData: "You waive any class action.", wantType: "application/octet-stream"},
		{name: "binary octet-stream refused", path: "/download-binary", wantErr: ErrBinary,
			wantMsg: "{url}: binary content (application/octet-stream), not a text document"},
		{name: "never-ending body", path: "/drip", timeout: 100 * time.Millisecond, wantErr: context.DeadlineExceeded, wantMsg: "{url}: timed out after 100ms"},
		{name: "latin-1 meta charset only", path: "/latin1", wantData: "Vos données personnelles sont conservées sans limite de durée."},
		{name: "latin-1 header charset", path: "/latin1-header", wantData: "Vos données sont vendues."},
		{name: "image refused", path: "/logo.png", wantErr: ErrBinary, wantMsg: "{url}: binary content (image/png), not a text document"},
		{name: "zip served as text refused", path: "/download", wantErr: ErrBinary,
			wantMsg: "{url}: binary content (served as text/plain but looks like application/zip), not a text document"},
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
			if tt.wantErr != nil || tt.wantMsg != "" {
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
			if tt.wantType != "" && in.ContentType != tt.wantType {
				t.Errorf("ContentType = %q, want %q", in.ContentType, tt.wantType)
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

// countingTransport counts the response bytes the client reads off the wire.
type countingTransport struct {
	base http.RoundTripper
	read *int64
}

func (c countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, read: c.read}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	read *int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	*b.read += int64(n)
	return n, err
}

// TestGzipBombStopsAtCap: a gzip body that expands to 10 GB is refused
// once 20 MB (the default cap) have come out of it, having read about a
// thousandth of that off the wire, not the 10 MB the server offers.
func TestGzipBombStopsAtCap(t *testing.T) {
	url := termsServer(t, 1024).URL + "/bomb"
	var read int64
	client := NewClient(time.Second)
	client.Transport = countingTransport{base: client.Transport, read: &read}
	_, err := Read(context.Background(), url, Options{HTTPClient: client})
	if !errors.Is(err, ErrTooLarge) || err.Error() != url+": larger than 20 MB (use --max-bytes)" {
		t.Fatalf("err = %v, want %q", err, url+": larger than 20 MB (use --max-bytes)")
	}
	if read > 1<<20 {
		t.Errorf("read %d compressed bytes, want the read to stop near the cap (about 20 KB)", read)
	}
}

func expandURL(msg, src, base string) string {
	return strings.NewReplacer("{url}", src, "{base}", base).Replace(msg)
}

// checkError asserts that err is an *Error for src matching want (any error
// when want is nil), and, when wantMsg is set, that its message reads
// exactly so.
func checkError(t *testing.T, err, want error, src, wantMsg string) {
	t.Helper()
	if err == nil || want != nil && !errors.Is(err, want) {
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
