package batch_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

const offers = "../../testdata/offers"

// builtin is the built-in rule set.
func builtin(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Load(os.DirFS)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// runAll runs a batch and returns the reports in the items' order,
// failing the test if an item is reported twice or not at all.
func runAll(t *testing.T, ctx context.Context, items []batch.Item, opts batch.Options) []*audit.Report {
	t.Helper()
	reports := make([]*audit.Report, len(items))
	err := batch.Run(ctx, items, opts, func(r batch.Result) error {
		if reports[r.Index] != nil {
			t.Errorf("item %d reported twice", r.Index)
		}
		reports[r.Index] = r.Report
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reports {
		if r == nil {
			t.Fatalf("item %d (%s) has no report", i, items[i].Source)
		}
	}
	return reports
}

// TestRunMixedSources: files, a directory, URLs, a missing file and an
// HTTP error are all reported, each in its place; the bad ones carry an
// error naming them and the good ones are graded.
func TestRunMixedSources(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(offers)))
	defer srv.Close()
	dir := t.TempDir()
	copyFile(t, filepath.Join(offers, "referral-fair-fr.md"), filepath.Join(dir, "a.md"))
	copyFile(t, filepath.Join(offers, "referral-2024-fr.html"), filepath.Join(dir, "b.html"))
	args := []string{
		srv.URL + "/referral-2024-en.html",
		"missing.html",
		dir,
		srv.URL + "/nothing-here.html",
		filepath.Join(offers, "referral-fair-en.md"),
	}
	items := batch.Expand(args)
	reports := runAll(t, context.Background(), items, batch.Options{Rules: builtin(t), Concurrency: 3})
	want := []struct{ source, grade, err string }{
		{args[0], "E", ""},
		{"missing.html", "", "missing.html: no such file"},
		{filepath.Join(dir, "a.md"), "[AB]", ""},
		{filepath.Join(dir, "b.html"), "E", ""},
		{args[3], "", "HTTP 404"},
		{args[4], "[AB]", ""},
	}
	if len(reports) != len(want) {
		t.Fatalf("got %d reports, want %d", len(reports), len(want))
	}
	for i, w := range want {
		r := reports[i]
		if r.Source != w.source {
			t.Errorf("report %d is %s, want %s", i, r.Source, w.source)
		}
		if w.err != "" {
			if r.Error == nil || !strings.Contains(*r.Error, w.err) {
				t.Errorf("%s: error %v, want one saying %q", r.Source, errText(r), w.err)
			}
			continue
		}
		if r.Error != nil || !strings.Contains(w.grade, r.Grade) || r.Grade == "" {
			t.Errorf("%s: grade %q error %v, want grade %s", r.Source, r.Grade, errText(r), w.grade)
		}
	}
}

func errText(r *audit.Report) string {
	if r.Error == nil {
		return "none"
	}
	return *r.Error
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPerHostLimit: however many workers, no more than PerHost fetches
// are under way at once to one host, while other hosts are not held up.
func TestPerHostLimit(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(offers, "referral-fair-en.md"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	inFlight, peak := map[string]int{}, map[string]int{}
	fetch := batch.FetchFunc(func(ctx context.Context, src string) (*source.Input, error) {
		host := strings.Split(strings.TrimPrefix(src, "https://"), "/")[0]
		mu.Lock()
		inFlight[host]++
		peak[host] = max(peak[host], inFlight[host])
		mu.Unlock()
		time.Sleep(2 * time.Millisecond) // long enough for the workers to pile up
		mu.Lock()
		inFlight[host]--
		mu.Unlock()
		return &source.Input{Source: src, Data: page}, nil
	})
	var args []string
	for i := range 12 {
		args = append(args, "https://one.example/p"+string(rune('a'+i)), "https://TWO.example:443/p"+string(rune('a'+i)))
	}
	runAll(t, context.Background(), batch.Expand(args), batch.Options{
		Rules: builtin(t), Concurrency: 8, PerHost: 2, Fetcher: fetch,
	})
	for host, n := range peak {
		if n > 2 {
			t.Errorf("%s had %d fetches at once, want at most 2", host, n)
		}
	}
}

// TestFetcherHook: a Fetcher can stand in for source.Read (this is how
// rendering and snapshots plug in), and its errors are the source's error.
func TestFetcherHook(t *testing.T) {
	page, _ := os.ReadFile(filepath.Join(offers, "referral-2024-en.html"))
	fetch := batch.FetchFunc(func(ctx context.Context, src string) (*source.Input, error) {
		if src == "snap/broken.json" {
			return nil, &source.Error{Source: src, Err: errors.New("snapshot metadata is not valid JSON")}
		}
		return &source.Input{Source: src, Data: page, ContentType: "text/html", FinalURL: "https://shop.example/terms", SHA256: "abc"}, nil
	})
	items := []batch.Item{{Source: "snap/good.json"}, {Source: "snap/broken.json"}}
	reports := runAll(t, context.Background(), items, batch.Options{Rules: builtin(t), Fetcher: fetch})
	if r := reports[0]; r.Grade != "E" || r.FinalURL != "https://shop.example/terms" || r.SHA256 != "abc" {
		t.Errorf("fetched page: grade %q final URL %q sha %q, want E with the fetcher's evidence", r.Grade, r.FinalURL, r.SHA256)
	}
	if r := reports[1]; r.Error == nil || *r.Error != "snap/broken.json: snapshot metadata is not valid JSON" {
		t.Errorf("broken snapshot: error %s", errText(r))
	}
}

// TestRunStopped: when the run is cancelled, every source still gets a
// report, the ones not audited saying the run was stopped.
func TestRunStopped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var items []batch.Item
	for range 20 {
		items = append(items, batch.Item{Source: filepath.Join(offers, "referral-fair-en.md")})
	}
	reports := runAll(t, ctx, items, batch.Options{Rules: builtin(t), Concurrency: 2})
	stopped := 0
	for _, r := range reports {
		if r.Error != nil && strings.Contains(*r.Error, "the run was stopped") {
			stopped++
		}
	}
	if stopped == 0 {
		t.Error("no report says the run was stopped")
	}
}

// TestRunEmitError: a report that cannot be written stops the batch with
// that error, without waiting for the rest.
func TestRunEmitError(t *testing.T) {
	full := errors.New("disk full")
	var items []batch.Item
	for range 50 {
		items = append(items, batch.Item{Source: filepath.Join(offers, "referral-fair-en.md")})
	}
	calls := 0
	err := batch.Run(context.Background(), items, batch.Options{Rules: builtin(t), Concurrency: 2}, func(batch.Result) error {
		calls++
		return full
	})
	if !errors.Is(err, full) || calls != 1 {
		t.Errorf("Run = %v after %d reports, want disk full after 1", err, calls)
	}
}

// TestInOrder: results that finish early wait for the ones before them.
func TestInOrder(t *testing.T) {
	var got []int
	emit := batch.InOrder(func(r batch.Result) error { got = append(got, r.Index); return nil })
	for _, i := range []int{2, 0, 3, 1, 5, 4} {
		emit(batch.Result{Index: i})
	}
	if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("order = %v, want 0 to 5", got)
	}
}

// TestReadList: one source a line; blank lines and comments are skipped.
func TestReadList(t *testing.T) {
	got, err := batch.ReadList(strings.NewReader("# regulator's list\nhttps://a.example/terms\n\n  b.md  \n#c.md\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != "https://a.example/terms|b.md" {
		t.Errorf("list = %q", got)
	}
}

// TestBusyHostDoesNotHoldOthers: while one host's slots are taken, a
// source on another host, listed after many on the busy one, is fetched
// without waiting for them.
func TestBusyHostDoesNotHoldOthers(t *testing.T) {
	page, _ := os.ReadFile(filepath.Join(offers, "referral-fair-en.md"))
	otherFetched := make(chan struct{})
	fetch := batch.FetchFunc(func(ctx context.Context, src string) (*source.Input, error) {
		if strings.HasPrefix(src, "https://other.example/") {
			close(otherFetched)
		} else {
			select { // the slow host answers once the other host was served
			case <-otherFetched:
			case <-time.After(5 * time.Second):
				return nil, errors.New("the other host was held up behind this one")
			}
		}
		return &source.Input{Source: src, Data: page}, nil
	})
	var args []string
	for i := range 6 {
		args = append(args, "https://slow.example/terms/"+string(rune('a'+i)))
	}
	args = append(args, "https://other.example/terms")
	reports := runAll(t, context.Background(), batch.Expand(args), batch.Options{
		Rules: builtin(t), Concurrency: 3, PerHost: 1, Fetcher: fetch,
	})
	for _, r := range reports {
		if r.Error != nil {
			t.Errorf("%s: %s", r.Source, *r.Error)
		}
	}
}
