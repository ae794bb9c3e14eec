package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"fineprint": func() { os.Exit(run()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real
// binary on real-looking documents, checking output and exit codes.
// $OFFERS points at the repository's offer fixtures and $SERVER at a
// loopback server that serves them.
func TestScripts(t *testing.T) {
	offers, err := filepath.Abs("../../testdata/offers")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(testServer(offers))
	t.Cleanup(srv.Close) // subtests run in parallel, after this function returns
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("OFFERS", offers)
			env.Setenv("SERVER", srv.URL)
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}

// testServer serves the offer fixtures, plus /missing (404), /boom (500) and
// the hostile pages under /hostile/.
func testServer(dir string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/offers/", http.StripPrefix("/offers/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/boom", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.Handle("/hostile/", hostilePages())
	mux.HandleFunc("/scripted", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, scriptedPage)
	})
	return mux
}

// scriptedPage writes its terms with JavaScript, as many offer pages do:
// only a browser sees them.
const scriptedPage = `<!DOCTYPE html><html><head><title>Referral terms</title></head><body>
<main id="terms"><h1>Referral terms</h1><p>Loading…</p></main>
<script>
setTimeout(function () {
  document.getElementById("terms").innerHTML = "<h1>Referral terms</h1><p>Participation in the Program " +
    "constitutes a Member's consent for Sponsor to use and publish such Member's photo, name, likeness and voice " +
    "for promotional or advertising purposes in any media worldwide, in perpetuity, without further review, " +
    "notification, payment, or consideration.</p>";
}, 200);
</script></body></html>`

// hostilePages serves what a bad page can do to a fetcher, under /hostile/:
// a 10 GB gzip bomb, a body that never ends, a redirect loop, a PNG served
// as HTML, an empty body, a Latin-1 page without any charset, and 100,000
// nested elements. Anything else there is a 404.
func hostilePages() http.Handler {
	const clauseFR = "<p>La participation vaut consentement \xe0 l'utilisation de votre nom, de votre image et de votre voix, \xe0 titre gratuit, pour une dur\xe9e illimit\xe9e et dans le monde entier.</p>"
	mux := http.NewServeMux()
	mux.HandleFunc("/hostile/bomb", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		var member bytes.Buffer // 1 MB of zeros, about 1 KB compressed
		zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
		zw.Write(make([]byte, 1<<20))
		zw.Close()
		for range 10 << 10 {
			if _, err := w.Write(member.Bytes()); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/hostile/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for r.Context().Err() == nil {
			w.Write([]byte("<p>Terms.</p>"))
			w.(http.Flusher).Flush()
			time.Sleep(10 * time.Millisecond)
		}
	})
	mux.HandleFunc("/hostile/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hostile/loop", http.StatusFound)
	})
	mux.HandleFunc("/hostile/png", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/hostile/empty", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/hostile/latin1", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><h1>Conditions du parrainage</h1>" + clauseFR + "</body></html>"))
	})
	mux.HandleFunc("/hostile/deep", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		const depth = 100_000
		w.Write([]byte("<html><body>" + strings.Repeat("<div>", depth) + clauseFR + strings.Repeat("</div>", depth) + "</body></html>"))
	})
	return mux
}
