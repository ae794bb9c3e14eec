package report_test

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
)

// hostile is a clause written to break out of a Markdown report.
const hostile = "# Terms <script>alert('pwned')</script> <img src=x onerror=alert(1)> [click](https://evil.example) " +
	"![x](https://evil.example/x.png) **bold** `code` | cell ~~gone~~ $x^2$ &lt;b&gt; _em_ <https://evil.example> " +
	"@octocat, write to privacy@shop.example. Sponsor may use your photo."

// toHTML renders Markdown as GitHub does for this purpose: CommonMark
// with tables and strikethrough, raw HTML let through.
func toHTML(t *testing.T, md []byte) string {
	t.Helper()
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough), goldmark.WithRendererOptions(html.WithUnsafe()))
	var b bytes.Buffer
	if err := gm.Convert(md, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func hostileReport() *audit.Report {
	f := syntheticFinding("publicity-use", "high", audit.Location{Line: 3, Column: 1, EndLine: 3, Section: "1. <b>Intro</b> | *x*"})
	f.Title = "Title | with a pipe and <em>markup</em>"
	f.Quote = hostile
	at := strings.Index(hostile, "may use")
	f.Highlights = []audit.Span{{Start: at, End: at + len("may use")}}
	f.Legal = []string{"1. GDPR Art. 7 <script>x</script>", "- [law](https://evil.example)"}
	f.Explanation, f.Fix = hostile, hostile
	return &audit.Report{Source: "docs/<terms>.md", Language: "en", Kind: audit.KindTOS, Grade: "C", Score: 60, Findings: []audit.Finding{f}}
}

// TestMarkdownEscapesClauses: what a document says is shown as text. No
// HTML, link, image, emphasis, code, strikethrough or mention comes out
// of it; the only bold in the quote is the trigger fineprint highlights.
func TestMarkdownEscapesClauses(t *testing.T) {
	md := render(t, func(w io.Writer) error {
		return report.Markdown(w, []*audit.Report{hostileReport()}, report.Tool{Name: "fineprint", Version: "test"})
	})
	page := toHTML(t, md)
	for _, bad := range []string{"<script", "<img", "<a ", "<em>em", "<em>markup", "<code>code", "<del>", "<b>", "<h1>Terms", "<li>GDPR", "<ol"} {
		if strings.Contains(page, bad) {
			t.Errorf("the rendered report contains %s:\n%s", bad, page)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(", "[click](https://evil.example)", "**bold**", "`code`", "~~gone~~", "&amp;lt;b&amp;gt;",
		"<strong>may use</strong>", "privacy@shop.example",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the rendered report lacks %q as text:\n%s", want, page)
		}
	}
	if !strings.Contains(string(md), "@\u200boctocat") {
		t.Error("@octocat would notify a GitHub account")
	}
	if got := strings.Count(page, "<strong>may use</strong>"); got != 1 {
		t.Errorf("trigger highlighted %d times, want once", got)
	}
}

// TestMarkdownTable: a pipe in a title does not add a column.
func TestMarkdownTable(t *testing.T) {
	page := toHTML(t, render(t, func(w io.Writer) error {
		return report.Markdown(w, []*audit.Report{hostileReport()}, report.Tool{Name: "fineprint"})
	}))
	row := regexp.MustCompile(`(?s)<tbody>\s*<tr>(.*?)</tr>`).FindStringSubmatch(page)
	if row == nil {
		t.Fatalf("no findings table:\n%s", page)
	}
	if cells := strings.Count(row[1], "<td"); cells != 5 {
		t.Errorf("%d cells in the row, want 5: %s", cells, row[1])
	}
}

// TestMarkdownSeveralDocuments: one row per document in the overview, the
// failed source with its error, the graded ones with their badge.
func TestMarkdownSeveralDocuments(t *testing.T) {
	reports := offerReports(t)
	md := string(render(t, func(w io.Writer) error { return report.Markdown(w, reports, report.Tool{Name: "fineprint"}) }))
	overview := md[:strings.Index(md, "\n## ")]
	if rows := strings.Count(overview, "\n| testdata/offers/") + strings.Count(overview, "\n| https:"); rows != len(reports) {
		t.Errorf("%d rows in the overview, want %d:\n%s", rows, len(reports), overview)
	}
	for _, want := range []string{
		"| testdata/offers/referral-2024-en.html | **E** | 0/100 | 4 |",
		"| testdata/offers/referral-fair-en.md | **A** | 100/100 | 0 | 0 | 0 | 0 |",
		"**Could not be read:** https://example.com/terms?v=\"2\",fr: HTTP 404 Not Found",
		"**Grade A** · 100/100",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	compareGolden(t, "offers.md", []byte(md))
}

// TestMarkdownSuppressed: a suppressed finding leaves the findings and
// the counts and is listed with who suppressed it and why.
func TestMarkdownSuppressed(t *testing.T) {
	at := audit.Location{Line: 2, Column: 1, EndLine: 2}
	kept, waived := syntheticFinding("publicity-use", "high", at), syntheticFinding("data-sale", "critical", at)
	waived.Title = "Your data can be sold"
	waived.Suppressed = &audit.Suppression{Kind: audit.SuppressedInSource, Justification: "reviewed by legal, ticket #42"}
	r := &audit.Report{Source: "terms.md", Language: "en", Kind: audit.KindTOS, Grade: "B", Score: 84, Findings: []audit.Finding{kept, waived}}
	md := string(render(t, func(w io.Writer) error { return report.Markdown(w, []*audit.Report{r}, report.Tool{Name: "fineprint"}) }))
	for _, want := range []string{
		"**Suppressed (1)**",
		"| critical | `data-sale` | Your data can be sold | 2 | fineprint-ignore comment | reviewed by legal, ticket #42 |",
		"0 critical, 1 high, 0 medium, 0 low · 1 suppressed",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "### 2.") || strings.Contains(md, "| 2 | critical") {
		t.Errorf("the suppressed finding is listed among the findings:\n%s", md)
	}
}

// TestMarkdownLongClause: a very long clause is cut around its trigger.
func TestMarkdownLongClause(t *testing.T) {
	f := syntheticFinding("publicity-use", "high", audit.Location{Line: 1, Column: 1, EndLine: 1})
	f.Quote = strings.Repeat("Words before the point. ", 60) + "Sponsor may use your photo." + strings.Repeat(" Words after the point.", 60)
	at := strings.Index(f.Quote, "may use")
	f.Highlights = []audit.Span{{Start: at, End: at + len("may use")}}
	r := &audit.Report{Source: "terms.md", Language: "en", Kind: audit.KindTOS, Grade: "B", Findings: []audit.Finding{f}}
	md := string(render(t, func(w io.Writer) error { return report.Markdown(w, []*audit.Report{r}, report.Tool{Name: "fineprint"}) }))
	quote := regexp.MustCompile(`(?m)^> .*$`).FindString(md)
	if !strings.HasPrefix(quote, "> …") || !strings.HasSuffix(quote, "…") || !strings.Contains(quote, "**may use**") || len(quote) > 700 {
		t.Errorf("quote not cut around its trigger (%d bytes): %s", len(quote), quote)
	}
}

// TestMarkdownWriteError: a failing writer's error is returned.
func TestMarkdownWriteError(t *testing.T) {
	err := report.Markdown(failingWriter{}, []*audit.Report{hostileReport()}, report.Tool{Name: "fineprint"})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want %v", err, errDiskFull)
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// TestWholeDocumentParts: a combination whose subject holds for the whole
// document says so in the text and Markdown reports.
func TestWholeDocumentParts(t *testing.T) {
	f := syntheticFinding("children-audience-risk", "high", audit.Location{Line: 4, Column: 1, EndLine: 4})
	f.Compound = []string{"partner-sharing", "subject-minors"}
	f.Whole = []string{"subject-minors"}
	r := &audit.Report{Source: "kids.md", Language: "en", Kind: audit.KindPrivacy, Grade: "D", Findings: []audit.Finding{f}}
	txt := string(render(t, func(w io.Writer) error { return report.Text(w, []*audit.Report{r}, report.NewPalette(false)) }))
	if !strings.Contains(txt, "combines: partner-sharing, subject-minors (whole document)") {
		t.Errorf("text report:\n%s\nwant the document subject marked", txt)
	}
	md := string(render(t, func(w io.Writer) error { return report.Markdown(w, []*audit.Report{r}, report.Tool{Name: "fineprint"}) }))
	if !strings.Contains(md, "Combines `partner-sharing`, `subject-minors` (whole document).") {
		t.Errorf("Markdown report:\n%s\nwant the document subject marked", md)
	}
}
