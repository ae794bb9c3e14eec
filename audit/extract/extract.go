// Package extract turns the bytes of a terms page — HTML, Markdown, plain
// text or PDF, in English or French — into clauses: whitespace-folded
// sentences, list items and table cells, each with its heading path and the
// line, column and byte offset where it starts in the source (for PDF: the
// page, the line within it and the offset in the extracted text).
//
// Every format goes the same way: a format reader finds blocks (paragraphs,
// items, cells) and headings; a block's text is folded and mapped back to
// the source; segment.go splits it into sentences.
package extract

import (
	"bytes"
	"fmt"
	"mime"
	"path"
	"strings"

	"github.com/fineprint/fineprint/audit"
)

// Extract turns a document's bytes, in the given format, into clauses and
// the document title ("" when none). An empty format is sniffed from the
// content. Invalid UTF-8 is read leniently: bad bytes become U+FFFD.
func Extract(data []byte, format audit.Format) (clauses []audit.Clause, title string, err error) {
	if format == "" {
		format = Sniff("", "", data)
	}
	switch format {
	case audit.FormatHTML:
		return extractHTML(data)
	case audit.FormatMarkdown:
		clauses, title = extractMarkdown(data)
	case audit.FormatText:
		clauses, title = extractText(data)
	case audit.FormatPDF:
		return extractPDF(data)
	default:
		return nil, "", fmt.Errorf("extract: unknown format %q", format)
	}
	return clauses, title, nil
}

// Sniff picks the format from a file name or URL path extension, else the
// content type, else the content itself.
func Sniff(name, contentType string, data []byte) audit.Format {
	if f, ok := formatOfName(name); ok {
		return f
	}
	if f, ok := formatOfContentType(contentType); ok {
		return f
	}
	return formatOfContent(data)
}

func formatOfName(name string) (audit.Format, bool) {
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return audit.FormatHTML, true
	case ".md", ".markdown", ".mdown", ".mkd":
		return audit.FormatMarkdown, true
	case ".txt", ".text":
		return audit.FormatText, true
	case ".pdf":
		return audit.FormatPDF, true
	}
	return "", false
}

func formatOfContentType(contentType string) (audit.Format, bool) {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", false
	}
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		return audit.FormatHTML, true
	case "text/markdown", "text/x-markdown":
		return audit.FormatMarkdown, true
	case "text/plain":
		return audit.FormatText, true
	case "application/pdf", "application/x-pdf":
		return audit.FormatPDF, true
	}
	return "", false
}

// sniffLen bounds how much content is examined.
const sniffLen = 64 << 10

// htmlOpenings are what an HTML document starts with.
var htmlOpenings = [...]string{
	"<!doctype", "<html", "<head", "<body", "<!--", "<?xml", "<meta", "<title", "<link",
	"<style", "<script", "<p", "<div", "<section", "<article", "<main", "<header", "<nav",
	"<h1", "<h2", "<h3", "<table", "<ul", "<ol", "<span", "<a ", "<br", "<center", "<font",
}

func formatOfContent(data []byte) audit.Format {
	if bytes.HasPrefix(data, []byte(pdfMagic)) {
		return audit.FormatPDF
	}
	s := string(data[:min(len(data), sniffLen)])
	s = strings.TrimLeft(strings.TrimPrefix(s, "\uFEFF"), " \t\r\n\f")
	head := strings.ToLower(s[:min(len(s), 16)])
	for _, open := range htmlOpenings {
		if strings.HasPrefix(head, open) && isTagEnd(head[len(open):], open) {
			return audit.FormatHTML
		}
	}
	if hasATXHeading(s) {
		return audit.FormatMarkdown
	}
	return audit.FormatText
}

// isTagEnd checks that an opening like "<p" is the whole tag name, not the
// start of "<pizza>".
func isTagEnd(rest, open string) bool {
	if strings.HasPrefix(open, "<!") || strings.HasPrefix(open, "<?") || strings.HasSuffix(open, " ") || rest == "" {
		return true
	}
	return strings.ContainsAny(rest[:1], " \t\r\n/>")
}

func hasATXHeading(s string) bool {
	for pos := 0; pos < len(s); {
		line, next := nextLine(s, pos)
		if level, text, _ := atxHeading(strings.TrimLeft(line, " ")); level > 0 && text != "" {
			return true
		}
		pos = next
	}
	return false
}
