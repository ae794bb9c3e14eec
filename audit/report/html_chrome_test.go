package report_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/source"
)

// screenshotDir receives the screenshots of the Chromium test (git-ignored).
const screenshotDir = "../../testdata/out"

// TestHTMLInChromium opens HTML reports in headless Chromium: the grade and
// every finding are on the page, a finding's link lands on its clause, and
// markup quoted from a hostile terms page runs nothing. It leaves
// screenshots in testdata/out to look at.
func TestHTMLInChromium(t *testing.T) {
	tab := chromeTab(t)
	fixture := auditFixture(t, builtin(t), "../../testdata/offers/referral-2024-en.html")
	fair := auditFixture(t, builtin(t), "../../testdata/offers/referral-fair-en.md")
	hostile := hostileTermsReport(t)
	t.Run("offer", func(t *testing.T) {
		openReport(t, tab, fixture)
		checkScorecard(t, tab, fixture)
		screenshot(t, tab, "report-referral-2024-en.png", "screen")
		screenshot(t, tab, "report-referral-2024-en-print.png", "print")
		checkJump(t, tab)
	})
	t.Run("fair", func(t *testing.T) {
		openReport(t, tab, fair)
		checkScorecard(t, tab, fair)
		screenshot(t, tab, "report-referral-fair-en.png", "screen")
	})
	t.Run("hostile", func(t *testing.T) {
		openReport(t, tab, hostile)
		checkScorecard(t, tab, hostile)
		checkNothingRan(t, tab)
		screenshot(t, tab, "report-hostile.png", "screen")
	})
}

// chromeTab starts a headless Chromium for the test, or skips the test
// where there is none; the browser is stopped when the test ends.
func chromeTab(t *testing.T) context.Context {
	t.Helper()
	path, err := source.FindChrome(os.Getenv)
	if err != nil {
		t.Skip("skipping the Chromium test of the HTML report: " + err.Error())
	}
	// Not t.TempDir: Chromium's socket path under it could be too long.
	tmp, err := os.MkdirTemp("", "fpr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	alloc, stop := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.Env("TMPDIR="+tmp), chromedp.Headless, chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true))
	tab, closeTab := chromedp.NewContext(alloc)
	t.Cleanup(func() { closeTab(); stop(); cancel() })
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1100, 900)); err != nil {
		t.Fatalf("cannot start Chromium at %s: %v", path, err)
	}
	return tab
}

// openReport writes r's HTML report to a file and loads it.
func openReport(t *testing.T, tab context.Context, r *audit.Report) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, renderHTML(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	target := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	if err := chromedp.Do(tab, chromedp.Navigate(target)); err != nil {
		t.Fatalf("loading %s: %v", target, err)
	}
}

func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// checkScorecard: the page shows the audit's grade and one element per
// finding, each with its title.
func checkScorecard(t *testing.T, tab context.Context, r *audit.Report) {
	t.Helper()
	if got := eval[string](t, tab, `document.querySelector(".scorecard .grade").dataset.grade`); got != r.Grade {
		t.Errorf("the page shows grade %q, the audit gave %q", got, r.Grade)
	}
	titles := eval[[]string](t, tab, `[...document.querySelectorAll("li.finding h3")].map(h => h.textContent)`)
	if len(titles) != len(r.Findings) {
		t.Fatalf("the page shows %d findings, the audit has %d", len(titles), len(r.Findings))
	}
	shown := map[string]bool{}
	for _, title := range titles {
		shown[title] = true
	}
	for i, f := range r.Findings {
		if !shownTitle(shown, f.Title) {
			t.Errorf("finding %d (%s) is not on the page", i+1, f.Title)
		}
	}
}

// shownTitle: a finding's h3 is its number then its title.
func shownTitle(shown map[string]bool, title string) bool {
	for s := range shown {
		if len(s) > len(title) && s[len(s)-len(title):] == title {
			return true
		}
	}
	return false
}

// checkJump follows the first finding's "Show in the document" link: the
// clause it lands on links back to that finding.
func checkJump(t *testing.T, tab context.Context) {
	t.Helper()
	landed := eval[[]string](t, tab, `(() => {
		const f = document.querySelector("li.finding");
		f.querySelector("a.jump").click();
		const c = document.querySelector(":target");
		return [f.id, c ? c.id : "", c ? c.className : "", c ? [...c.querySelectorAll("a.ref")].map(a => a.hash).join(" ") : ""];
	})()`)
	if landed[1] == "" || landed[2] == "" {
		t.Fatalf("following finding %s's link landed nowhere", landed[0])
	}
	if !slices.Contains(strings.Fields(landed[3]), "#"+landed[0]) {
		t.Errorf("clause %s (%s) does not link back to finding %s: %s", landed[1], landed[2], landed[0], landed[3])
	}
}

// checkNothingRan: the markup quoted from the hostile page is text on the
// report, and none of it ran.
func checkNothingRan(t *testing.T, tab context.Context) {
	t.Helper()
	if pwned := eval[bool](t, tab, `"pwned" in window`); pwned {
		t.Error("a script from the audited terms ran in the report (window.pwned is set)")
	}
	if title := eval[string](t, tab, `document.title`); title != "fineprint report: Terms of Service "+hostileImgTag {
		t.Errorf("the report's title became %q", title)
	}
	if n := eval[int](t, tab, `document.querySelectorAll("script, img, iframe, object, embed").length`); n != 0 {
		t.Errorf("the report holds %d script, image or frame elements", n)
	}
	text := eval[string](t, tab, `document.querySelector(".document").innerText`)
	for _, want := range []string{hostileScriptTag, hostileImgTag} {
		if !strings.Contains(text, want) {
			t.Errorf("the document view does not show %q as text", want)
		}
	}
}

// screenshot saves a full-page PNG of the report as a screen or a printer
// ("print") shows it.
func screenshot(t *testing.T, tab context.Context, name, media string) {
	t.Helper()
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(screenshotDir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
