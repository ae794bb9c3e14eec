package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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

// testServer serves the offer fixtures, plus /missing (404) and /boom (500).
func testServer(dir string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/offers/", http.StripPrefix("/offers/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/boom", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	return mux
}
