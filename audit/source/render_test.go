package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// insertedTerms is the clause that only exists once the page's script ran.
const insertedTerms = "By taking part you consent to the use of your photo and voice in perpetuity."

// scriptedPage builds its terms paragraph after a timer and a fetch(), as
// many offer pages do.
const scriptedPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cash reward offer</title></head>
<body><h1>Refer a friend — terms</h1>
<div id="terms"><p>Loading the terms…</p></div>
<script>
setTimeout(function () {
  fetch("/api/terms").then(function (r) { return r.json(); }).then(function (j) {
    var p = document.createElement("p");
    p.textContent = j.clause;
    document.getElementById("terms").appendChild(p);
  });
}, 150);
</script>
</body></html>`

// requireChrome skips the test where no Chromium is installed, and keeps
// Chromium's temporary profile in a directory of the test's own, so that
// leftovers can be checked.
func requireChrome(t *testing.T) (chromePath, tmpDir string) {
	t.Helper()
	path, err := FindChrome(os.Getenv)
	if err != nil {
		t.Skip("chromium not installed: " + err.Error())
	}
	// Not t.TempDir: Chromium's socket path under it would be too long.
	tmpDir, err = os.MkdirTemp("", "fpt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmpDir) })
	t.Cleanup(func() { assertNoChromeLeft(t, tmpDir) })
	t.Setenv("TMPDIR", tmpDir)
	return path, tmpDir
}

// assertNoChromeLeft fails if a Chromium process of this test still runs or
// its profile directory is still there.
func assertNoChromeLeft(t *testing.T, tmpDir string) {
	t.Helper()
	if entries, _ := os.ReadDir(tmpDir); len(entries) > 0 {
		t.Errorf("Chromium's temporary profile was left in %s: %v", tmpDir, entries)
	}
	if _, err := exec.LookPath("pgrep"); err != nil {
		return
	}
	out, err := exec.Command("pgrep", "-f", "--", "--user-data-dir="+tmpDir).Output()
	if err == nil && len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("Chromium processes still running after Render: pids %s", bytes.Fields(out))
	}
}

func scriptedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/offer", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Served-By", "loopback")
		_, _ = w.Write([]byte(scriptedPage))
	})
	mux.HandleFunc("/api/terms", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"clause": "` + insertedTerms + `"}`))
	})
	mux.HandleFunc("/old-offer", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/offer", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such offer", http.StatusNotFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func renderOpts(chrome string) RenderOptions {
	fixed := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	return RenderOptions{ChromePath: chrome, Timeout: 45 * time.Second, Now: func() time.Time { return fixed }}
}

func TestRenderRunsScriptsThatFetchTheTerms(t *testing.T) {
	chrome, _ := requireChrome(t)
	srv := scriptedServer(t)
	src := srv.URL + "/old-offer"

	plain, err := Read(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(plain.Data, []byte(insertedTerms)) {
		t.Fatal("a plain GET already has the inserted terms; the test page proves nothing")
	}

	r, err := Render(context.Background(), src, renderOpts(chrome))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Data, []byte(insertedTerms)) {
		t.Errorf("rendered DOM lacks the terms inserted by the script:\n%s", r.Data)
	}
	sum := sha256.Sum256(r.Data)
	checks := []struct{ what, got, want string }{
		{"Source", r.Source, src},
		{"FinalURL", r.FinalURL, srv.URL + "/offer"},
		{"ContentType", r.ContentType, RenderedContentType},
		{"SHA256", r.SHA256, hex.EncodeToString(sum[:])},
		{"RawContentType", r.RawContentType, "text/html; charset=utf-8"},
		{"X-Served-By header", r.Header.Get("X-Served-By"), "loopback"},
		{"raw body", string(r.Raw), scriptedPage},
		{"FetchedAt", r.FetchedAt.Format(time.RFC3339), "2025-03-01T12:00:00Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if r.Status != http.StatusOK {
		t.Errorf("Status = %d, want 200", r.Status)
	}
	if !bytes.HasPrefix(r.Data, []byte("<!DOCTYPE html>")) {
		t.Errorf("rendered DOM does not start with its doctype: %.40q", r.Data)
	}
}

func TestRenderLocalFile(t *testing.T) {
	chrome, _ := requireChrome(t)
	page := filepath.Join(t.TempDir(), "cgu.html")
	html := `<html><body><h1>Conditions</h1><script>
document.body.insertAdjacentHTML("beforeend", "<p>Vos données sont conservées sans limite de durée.</p>");
</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Render(context.Background(), page, renderOpts(chrome))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Data, []byte("Vos données sont conservées sans limite de durée.")) {
		t.Errorf("rendered file lacks the inserted clause:\n%s", r.Data)
	}
	if !strings.HasPrefix(r.FinalURL, "file://") || r.Source != page {
		t.Errorf("Source, FinalURL = %q, %q; want the path and a file:// URL", r.Source, r.FinalURL)
	}
}

func TestRenderLatin1PageIsDecoded(t *testing.T) {
	chrome, _ := requireChrome(t)
	latin1 := []byte("<html><body><p>Donn\xe9es conserv\xe9es \xe0 vie.</p></body></html>")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		_, _ = w.Write(latin1)
	}))
	defer srv.Close()
	r, err := Render(context.Background(), srv.URL, renderOpts(chrome))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Data, []byte("Données conservées à vie.")) {
		t.Errorf("rendered DOM is not decoded to UTF-8: %q", r.Data)
	}
	// Chromium only hands the body over decoded, so the exact bytes are
	// not available: better none than wrong ones in a snapshot.
	if r.Raw != nil && !bytes.Equal(r.Raw, latin1) {
		t.Errorf("Raw = %q, want the served bytes or nil", r.Raw)
	}
}

func TestRenderErrors(t *testing.T) {
	chrome, _ := requireChrome(t)
	srv := scriptedServer(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name, src, msg string
		is             error
	}{
		{"404", srv.URL + "/gone", "HTTP 404 Not Found", ErrHTTPStatus},
		{"refused", closedURL, "Chromium could not load the page: net::ERR_CONNECTION_REFUSED", nil},
		{"missing file", filepath.Join(t.TempDir(), "missing.html"), "no such file", ErrNotFound},
		{"stdin", "-", "standard input cannot be rendered; save it to a file first", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(context.Background(), tt.src, renderOpts(chrome))
			var srcErr *Error
			if !errors.As(err, &srcErr) || srcErr.Source != tt.src {
				t.Fatalf("err = %v, want an *Error naming %s", err, tt.src)
			}
			if want := tt.src + ": " + tt.msg; err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}

func TestRenderTimesOut(t *testing.T) {
	chrome, _ := requireChrome(t)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // a page that never finishes loading
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	opts := renderOpts(chrome)
	opts.Timeout = 3 * time.Second
	_, err := Render(context.Background(), srv.URL, opts)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "rendering timed out after 3s") {
		t.Errorf("err = %v, want a timeout after 3s", err)
	}
}

func TestRenderWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(ChromeEnv, "")
	_, err := Render(context.Background(), "https://example.com/terms", RenderOptions{})
	want := "https://example.com/terms: --render needs Chromium: install the chromium package (apt-get install chromium) or set FINEPRINT_CHROME to its path"
	if !errors.Is(err, ErrNoChrome) || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}

	t.Setenv(ChromeEnv, "/nonexistent/chromium")
	_, err = FindChrome(os.Getenv)
	if !errors.Is(err, ErrNoChrome) || !strings.Contains(err.Error(), "FINEPRINT_CHROME=/nonexistent/chromium is not an executable file") {
		t.Errorf("err = %v, want ErrNoChrome naming the bad FINEPRINT_CHROME", err)
	}
}

func TestRenderReadsAPageWhoseNetworkNeverSettles(t *testing.T) {
	chrome, _ := requireChrome(t)
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html><body><p>We may change these terms at any time.</p>
<script>fetch("/poll");</script></body></html>`))
	})
	mux.HandleFunc("/poll", func(w http.ResponseWriter, r *http.Request) {
		select { // a long poll that outlives the render
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)
	opts := renderOpts(chrome)
	opts.IdleTimeout = time.Second
	r, err := Render(context.Background(), srv.URL, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Data, []byte("We may change these terms at any time.")) {
		t.Errorf("rendered DOM lacks the terms: %s", r.Data)
	}
}
