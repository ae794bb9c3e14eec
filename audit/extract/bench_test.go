package extract

import (
	"bytes"

	"fmt"
	"github.com/PuerkitoBio/goquery"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

// benchSize is the approximate size of the generated benchmark documents.
const benchSize = 1 << 20

var benchSentences = []string{
	"Taking part constitutes a Member's consent for Sponsor to use and publish such Member's photo, name, likeness, voice, opinions, statements, biographical information and hometown for promotional or advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without further review, notification, payment, or consideration.",
	"We may change these Terms at any time, e.g. to reflect changes in law, and your continued use of the Service (see Section 4.2) constitutes acceptance of the changes.",
	"Acme Inc. and its affiliates, i.e. Acme Ltd. and Acme Corp., shall not be liable for any indirect damages.",
	"Les données sont conservées pendant 3 ans à compter de la fin de la relation commerciale, conformément à l'art. 5 du RGPD.",
	"Vous pouvez retirer votre consentement à tout moment en écrivant à M. Dupont, délégué à la protection des données.",
	"Any dispute shall be resolved by binding arbitration in New York, and you waive any right to a jury trial or to participate in a class action!",
}

// benchHTML builds a realistic terms page of about n bytes.
func benchHTML(n int) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Acme Terms of Service</title>\n<style>body{font-family:sans-serif}</style>\n</head>\n<body>\n<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/privacy\">Privacy</a></li></ul></nav>\n<main>\n<h1>Terms of Service</h1>\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<section id=\"s%d\">\n<h2>%d. Section title</h2>\n", i, i+1)
		for j, s := range benchSentences {
			s = strings.Replace(s, " and ", " &amp; ", 1)
			fmt.Fprintf(&b, "<p class=\"clause\">%s\n  <a href=\"/terms#%d\">Read <em>more</em></a>&nbsp;here.</p>\n", s, j)
		}
		b.WriteString("<ul>\n")
		for _, s := range benchSentences[:3] {
			fmt.Fprintf(&b, "  <li><strong>Note:</strong> %s</li>\n", s)
		}
		b.WriteString("</ul>\n<table><tr><th>Data</th><th>Retention</th></tr><tr><td>Email address</td><td>3 years after the account is closed.</td></tr></table>\n</section>\n")
	}
	b.WriteString("</main>\n<footer>© Acme</footer>\n</body>\n</html>\n")
	return []byte(b.String())
}

// benchMarkdown builds a realistic Markdown terms document of about n bytes.
func benchMarkdown(n int) []byte {
	var b strings.Builder
	b.WriteString("# Terms of Service\n\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## %d. Section title\n\n", i+1)
		for j, s := range benchSentences {
			fmt.Fprintf(&b, "%s **Read** [more](https://example.com/terms#%d) here.\n\n", s, j)
		}
		for _, s := range benchSentences[:3] {
			fmt.Fprintf(&b, "- _Note:_ %s\n", s)
		}
		b.WriteString("\n| Data | Retention |\n|---|---|\n| Email address | 3 years after the account is closed. |\n\n")
	}
	return []byte(b.String())
}

func BenchmarkExtractHTML(b *testing.B) {
	benchmarkExtract(b, benchHTML(benchSize), audit.FormatHTML)
}

func BenchmarkExtractMarkdown(b *testing.B) {
	benchmarkExtract(b, benchMarkdown(benchSize), audit.FormatMarkdown)
}

func BenchmarkExtractText(b *testing.B) {
	benchmarkExtract(b, benchMarkdown(benchSize), audit.FormatText)
}

func benchmarkExtract(b *testing.B, data []byte, format audit.Format) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Extract(data, format); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSegment(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < benchSize {
		sb.WriteString(strings.Join(benchSentences, " "))
		sb.WriteByte(' ')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	var spans []span
	for b.Loop() {
		spans = sentences(text, spans[:0])
	}
}

// BenchmarkParseHTMLBaseline measures goquery parsing alone: the floor
// under BenchmarkExtractHTML.
func BenchmarkParseHTMLBaseline(b *testing.B) {
	data := benchHTML(benchSize)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := goquery.NewDocumentFromReader(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
