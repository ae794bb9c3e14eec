package report_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
)

// Hostile markup a terms page may hold as text. If it ever ran in the
// report, it would set window.pwned or change the page title.
const (
	hostileScriptTag = `<script>window.pwned = 1; document.title = "pwned"</script>`
	hostileImgTag    = `<img src=x onerror="window.pwned = 2; document.title = 'pwned'">`
)

// hostileTermsReport audits a terms page whose clauses, section headings, title
// and even source name carry markup.
func hostileTermsReport(t *testing.T) *audit.Report {
	t.Helper()
	clause := func(line, block int, section, text string) audit.Clause {
		return audit.Clause{Text: text, Line: line, Column: 1, Offset: line * 100, Block: block, Section: []string{section}}
	}
	doc := &audit.Document{
		Source: `terms"><script>window.pwned=3</script>.txt`,
		Title:  "Terms of Service " + hostileImgTag,
		Clauses: []audit.Clause{
			clause(1, 1, "1. Changes "+hostileImgTag, "We may modify these terms at any time without notice "+hostileScriptTag+", and your continued use of the service after any change constitutes acceptance of the new terms."),
			clause(2, 2, "1. Changes "+hostileImgTag, "Questions? Write to us "+hostileImgTag+" at support@example.com."),
			clause(3, 3, `2. Content <a href="javascript:window.pwned=4">here</a>`, "We may remove any content at any time without notice "+hostileImgTag+"."),
		},
	}
	return audit.Audit(context.Background(), doc, builtin(t), audit.Options{Lang: "en"})
}

func renderHTML(t *testing.T, reports ...*audit.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.HTML(&b, reports, report.Tool{Name: "fineprint", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHTMLGolden pins the HTML report of every offer fixture.
func TestHTMLGolden(t *testing.T) {
	set := builtin(t)
	fixtures, _ := filepath.Glob("../../testdata/offers/*")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range fixtures {
		r := auditFixture(t, set, path)
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		compareGolden(t, base+".html", renderHTML(t, r))
	}
}

// TestHTMLEscapesSource: markup quoted from the terms, their headings, their
// title or the source's name shows as text and never becomes an element or
// an event handler of the report.
func TestHTMLEscapesSource(t *testing.T) {
	r := hostileTermsReport(t)
	if len(r.Findings) == 0 {
		t.Fatal("the hostile clauses fired no rule; the test needs a flagged one")
	}
	page := htmlParse(t, renderHTML(t, r))
	htmlWalk(page, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "img", "iframe", "object", "embed", "form", "base":
			t.Errorf("the report holds a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s %s=%q> in the report", n.Data, a.Key, a.Val)
			}
		}
	})
	text := htmlTextOf(page)
	for _, want := range []string{hostileScriptTag, hostileImgTag, `<a href="javascript:window.pwned=4">here</a>`} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not show %q as text", want)
		}
	}
}

// TestHTMLLinksBothWays: each finding links to its clause in the document
// view, that clause links back to it, and no link is broken.
func TestHTMLLinksBothWays(t *testing.T) {
	r := auditFixture(t, builtin(t), "../../testdata/offers/referral-2024-en.html")
	page := htmlParse(t, renderHTML(t, r))
	ids, links := map[string]*html.Node{}, map[string][]string{} // id -> targets of links inside it
	htmlWalk(page, func(n *html.Node) {
		if id := htmlAttr(n, "id"); id != "" {
			ids[id] = n
		}
	})
	for id, n := range ids {
		htmlWalk(n, func(a *html.Node) {
			if href := htmlAttr(a, "href"); a.Data == "a" && strings.HasPrefix(href, "#") {
				links[id] = append(links[id], href[1:])
			}
		})
	}
	findings := 0
	for id, n := range ids {
		if !htmlHasClass(n, "finding") {
			continue
		}
		findings++
		to := links[id]
		if len(to) != 1 || ids[to[0]] == nil || !htmlHasClass(ids[to[0]], "clause") {
			t.Errorf("finding %s links to %v, not to one clause of the document", id, to)
			continue
		}
		if !slices.Contains(links[to[0]], id) {
			t.Errorf("clause %s does not link back to finding %s (links: %v)", to[0], id, links[to[0]])
		}
	}
	if findings != len(r.Findings) {
		t.Errorf("the report lists %d findings, the audit has %d", findings, len(r.Findings))
	}
	for from, targets := range links {
		for _, to := range targets {
			if ids[to] == nil {
				t.Errorf("%s links to #%s, which does not exist", from, to)
			}
		}
	}
}

// TestHTMLDocumentView: the document shows every clause, in order, under
// its section headings, with the triggering words marked.
func TestHTMLDocumentView(t *testing.T) {
	r := auditFixture(t, builtin(t), "../../testdata/offers/referral-2024-en.html")
	page := htmlParse(t, renderHTML(t, r))
	var shown, headings, marks []string
	htmlWalk(page, func(n *html.Node) {
		switch {
		case htmlHasClass(n, "clause"):
			shown = append(shown, htmlClauseText(n))
		case (n.Data == "h3" || n.Data == "h4" || n.Data == "h5") && n.Parent != nil && htmlHasClass(n.Parent, "document"):
			headings = append(headings, htmlTextOf(n))
		case n.Data == "mark":
			marks = append(marks, htmlTextOf(n))
		}
	})
	if len(shown) != len(r.Body) {
		t.Fatalf("the document view shows %d clauses, the audit read %d", len(shown), len(r.Body))
	}
	for i, c := range r.Body {
		if shown[i] != c.Text {
			t.Errorf("clause %d shows as %q, want %q", i+1, shown[i], c.Text)
		}
	}
	if !slices.Contains(headings, "4. Publicity") {
		t.Errorf("the section heading 4. Publicity is not in the document view: %q", headings)
	}
	if !slices.Contains(marks, "in perpetuity") {
		t.Errorf("the words that triggered the perpetual grant are not marked: %q", marks)
	}
}

// clauseText is the text of a clause of the document view, without its
// links to the findings.
func htmlClauseText(n *html.Node) string {
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		if htmlHasClass(n, "refs") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(n)
	return b.String()
}

// TestHTMLSeveralDocuments: an overview table first, and a source that
// could not be read says why.
func TestHTMLSeveralDocuments(t *testing.T) {
	set := builtin(t)
	good := auditFixture(t, set, "../../testdata/offers/referral-fair-en.md")
	failed := audit.Failed("https://example.com/terms", errors.New("HTTP 404 Not Found"))
	out := string(renderHTML(t, good, failed))
	for _, want := range []string{`<table class="overview">`, `<a href="#d2">https://example.com/terms</a>`, "could not be read", "HTTP 404 Not Found", `id="d1-c1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func htmlParse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func htmlWalk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlWalk(c, f)
	}
}

func htmlTextOf(n *html.Node) string {
	var b strings.Builder
	htmlWalk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func htmlHasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(htmlAttr(n, "class")), class)
}

// TestHTMLSelfContained: the report loads nothing: no stylesheet, script,
// image, font or frame from anywhere, and a policy that forbids them.
func TestHTMLSelfContained(t *testing.T) {
	r := auditFixture(t, builtin(t), "../../testdata/offers/referral-2024-fr.html")
	out := renderHTML(t, r)
	page := htmlParse(t, out)
	htmlWalk(page, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.Data == "link" || n.Data == "script" || htmlAttr(n, "src") != "" {
			t.Errorf("the report loads an external resource: <%s>", n.Data)
		}
		if href := htmlAttr(n, "href"); href != "" && !strings.HasPrefix(href, "#") {
			t.Errorf("the report links outside itself: %q", href)
		}
	})
	for _, css := range []string{"url(", "@import", "@font-face"} {
		if bytes.Contains(out, []byte(css)) {
			t.Errorf("the report's CSS uses %s", css)
		}
	}
	if !bytes.Contains(out, []byte(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`)) {
		t.Error("the report has no Content-Security-Policy forbidding scripts and external resources")
	}
}

// TestHTMLOddHighlights: highlights that overlap, run past the clause or
// split a character mark what they can and lose no text.
func TestHTMLOddHighlights(t *testing.T) {
	text := "Nous pouvons résilier votre compte à tout moment."
	at := strings.Index(text, "résilier")
	f := audit.Finding{
		Rule: "termination-discretionary", Severity: "high", Title: "Résiliation", Quote: text,
		Location: audit.Location{Line: 1, Column: 1, EndLine: 1},
		Highlights: []audit.Span{
			{Start: at, End: at + len("résilier")}, {Start: at + 3, End: at + len("résilier votre")}, // overlapping
			{Start: at + 2, End: at + 4},                                   // inside "é": not on a character boundary
			{Start: 40, End: 400}, {Start: -3, End: 2}, {Start: 9, End: 9}, // out of range, empty
		},
	}
	r := &audit.Report{
		Source: "cgu.md", Language: "fr", Kind: audit.KindTOS, Grade: "B", Score: 80, Clauses: 1,
		Body: []audit.Clause{{Text: text, Line: 1, Column: 1}}, Findings: []audit.Finding{f}, Signals: []audit.Signal{},
	}
	page := htmlParse(t, renderHTML(t, r))
	var marks []string
	htmlWalk(page, func(n *html.Node) {
		if n.Data == "mark" {
			marks = append(marks, htmlTextOf(n))
		}
		if htmlHasClass(n, "clause") && htmlClauseText(n) != text {
			t.Errorf("the clause shows as %q, want %q", htmlClauseText(n), text)
		}
	})
	want := []string{"résilier votre", "résilier votre"} // the finding's quote, then the document view
	if !slices.Equal(marks, want) {
		t.Errorf("marked %q, want %q", marks, want)
	}
}
