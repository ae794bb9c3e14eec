// Package batchtest makes many real-looking terms pages and serves them on
// a loopback server, to measure batch audits (the batch benchmark and
// scripts/bench-batch use it).
package batchtest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
)

// Base is a document pages are made from.
type Base struct {
	Name string
	HTML bool   // Text is HTML; otherwise Markdown
	Text string // the document
}

// Bases reads the offer fixtures in offersDir and, when corpusDir exists,
// the long real terms in it (corpusDir/*/*.md).
func Bases(offersDir, corpusDir string) ([]Base, error) {
	offers, _ := filepath.Glob(filepath.Join(offersDir, "*"))
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.md"))
	var bases []Base
	for _, path := range append(offers, corpus...) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		ext := strings.ToLower(filepath.Ext(path))
		bases = append(bases, Base{Name: filepath.Base(path), HTML: ext == ".html" || ext == ".htm", Text: string(data)})
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("no documents in %s or %s", offersDir, corpusDir)
	}
	return bases, nil
}

// Page is one page to serve.
type Page struct {
	Path string // e.g. /acme-17/terms.html
	Body []byte
}

// Pages makes n pages from the bases in turn, each one different: a brand
// of its own, an update date, and some paragraphs left out.
func Pages(n int, bases []Base) []Page {
	pages := make([]Page, n)
	for i := range pages {
		b := bases[i%len(bases)]
		brand := fmt.Sprintf("%s %d", brands[i%len(brands)], i)
		body := pageHTML(b, i, brand)
		slug := strings.ToLower(strings.ReplaceAll(brand, " ", "-"))
		pages[i] = Page{Path: "/" + slug + "/" + strings.TrimSuffix(b.Name, filepath.Ext(b.Name)) + ".html", Body: []byte(body)}
	}
	return pages
}

var brands = []string{"Acme", "Shopwise", "Cashback Club", "Parrainage Plus", "Streamly", "Voyageo", "Minted", "Le Panier"}

// pageHTML dresses a base as a page: HTML fixtures get a dated notice, and
// Markdown is turned into HTML inside the usual site chrome (navigation,
// cookie banner, scripts, footer), which extraction must leave out.
func pageHTML(b Base, i int, brand string) string {
	date := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
	notice := fmt.Sprintf("<p class=\"updated\">%s — last updated %s.</p>\n", html.EscapeString(brand), date)
	if b.HTML {
		if at := strings.Index(b.Text, "<body>"); at >= 0 {
			return b.Text[:at+6] + "\n" + notice + b.Text[at+6:]
		}
		return notice + b.Text
	}
	var sb strings.Builder
	title := html.EscapeString(brand + " — " + strings.TrimSuffix(b.Name, filepath.Ext(b.Name)))
	fmt.Fprintf(&sb, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title>
<style>body{font-family:sans-serif}.cookie{position:fixed;bottom:0}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/help">Help</a> <a href="/legal">Legal</a></nav></header>
<div class="cookie" id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button> <button>Settings</button></div>
<main><article>
%s`, title, notice)
	markdownHTML(&sb, b.Text, 6+i%5, i)
	fmt.Fprintf(&sb, "</article></main>\n<footer><p>© %s. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>\n</body></html>\n", html.EscapeString(brand))
	return sb.String()
}

// markdownHTML writes the blocks of a Markdown document as HTML, leaving
// out one paragraph in every skipEvery (shifted by seed).
func markdownHTML(sb *strings.Builder, md string, skipEvery, seed int) {
	for j, block := range strings.Split(md, "\n\n") {
		block = strings.TrimSpace(strings.ReplaceAll(block, "**", ""))
		switch {
		case block == "":
		case strings.HasPrefix(block, "#"):
			level := min(len(block)-len(strings.TrimLeft(block, "#")), 6)
			fmt.Fprintf(sb, "<h%d>%s</h%d>\n", level, html.EscapeString(strings.TrimSpace(strings.TrimLeft(block, "#"))), level)
		case (j+seed)%skipEvery == 0:
		case strings.HasPrefix(block, "- ") || strings.HasPrefix(block, "* "):
			sb.WriteString("<ul>\n")
			for _, item := range strings.Split(block, "\n") {
				fmt.Fprintf(sb, "<li>%s</li>\n", html.EscapeString(strings.TrimLeft(item, "-* ")))
			}
			sb.WriteString("</ul>\n")
		default:
			fmt.Fprintf(sb, "<p>%s</p>\n", html.EscapeString(strings.ReplaceAll(block, "\n", " ")))
		}
	}
}

// NewServer serves the pages on loopback, as text/html.
func NewServer(pages []Page) *httptest.Server {
	byPath := make(map[string][]byte, len(pages))
	for _, p := range pages {
		byPath[p.Path] = p.Body
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
}

// URLs lists the pages' URLs on a server.
func URLs(srv *httptest.Server, pages []Page) []string {
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = srv.URL + p.Path
	}
	return urls
}
