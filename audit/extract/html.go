package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/fineprint/fineprint/audit"
)

func extractHTML(data []byte) ([]audit.Clause, string, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil { // too deeply nested: retry with the deepest tags dropped
		doc, err = goquery.NewDocumentFromReader(bytes.NewReader(flatten(data)))
	}
	if err != nil {
		return nil, "", fmt.Errorf("parse HTML: %w", err)
	}
	// The cursor reads data in place: nothing built from it outlives this
	// call without being copied (block text is appended byte by byte).
	src := unsafe.String(unsafe.SliceData(data), len(data))
	w := &htmlWalker{c: newCollector(data), cursor: sourceCursor{src: src}}
	w.walk(doc.Nodes[0])
	w.flush()
	title := documentTitle(w.title)
	if title == "" {
		title = w.firstH1
	}
	return w.c.clauses, title, nil
}

// documentTitle is the folded text of the first HTML <title>, found by
// the walk (nil when none).
func documentTitle(n *html.Node) string {
	if n == nil {
		return ""
	}
	s := &goquery.Selection{Nodes: []*html.Node{n}}
	return strings.Join(strings.Fields(s.Text()), " ")
}

// htmlWalker visits the parsed tree in document order, building blocks
// from text and sections from headings.
type htmlWalker struct {
	c        *collector
	cursor   sourceCursor
	skipping *html.Node // the dropped element being passed over, if any

	body, heading block
	headingNode   *html.Node // the heading being read, if any
	title         *html.Node // the first HTML (not SVG) <title> element
	brPending     bool       // a <br> ended the current line
	firstH1       string
}

// walk visits the tree iteratively: 100,000-deep documents must not
// exhaust the stack.
func (w *htmlWalker) walk(root *html.Node) {
	n := root.FirstChild
	for n != nil {
		entered := w.enter(n)
		if entered && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if entered {
			w.leave(n)
		}
		for n.NextSibling == nil {
			n = n.Parent
			if n == nil || n == root {
				return
			}
			w.leave(n)
		}
		n = n.NextSibling
	}
}

// enter handles n and reports whether its children should be visited.
func (w *htmlWalker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
	case html.ElementNode:
		if w.title == nil && n.Data == "title" && n.Namespace == "" {
			w.title = n
		}
		w.enterElement(n)
		return true
	case html.CommentNode:
		w.comment(n.Data)
	}
	return false
}

// comment reads a fineprint-ignore comment: it ends the current block, and
// applies to the next one. Comments in dropped elements do not count.
func (w *htmlWalker) comment(data string) {
	if w.skipping != nil || w.headingNode != nil {
		return
	}
	at := w.cursor.pos
	if k := strings.Index(w.cursor.src[at:min(len(w.cursor.src), at+maxSearch)], "<!--"+data); k >= 0 {
		at += k
	}
	line, _ := w.c.lines.position(at)
	if igs, ok := parseIgnore(data, line); ok {
		w.flush()
		w.c.ignoreNext(igs)
	}
}

func (w *htmlWalker) enterElement(n *html.Node) {
	switch {
	case w.skipping != nil:
	case isNoise(n):
		w.skipping = n
	case w.headingNode != nil:
		if n.DataAtom == atom.Br {
			w.heading.space = true
		}
	case n.DataAtom == atom.Br:
		w.lineBreak()
	case headingLevel(n) > 0:
		w.flush()
		w.headingNode = n
	case isBlockElement(n):
		w.flush()
	}
}

func (w *htmlWalker) leave(n *html.Node) {
	switch {
	case w.skipping != nil:
		if n == w.skipping {
			w.skipping = nil
		}
	case n == w.headingNode:
		title := headingText(&w.heading)
		level := headingLevel(n)
		w.c.sections.set(level, title)
		if level == 1 && w.firstH1 == "" {
			w.firstH1 = title
		}
		w.headingNode = nil
	case w.headingNode == nil && isBlockElement(n):
		w.flush()
	}
}

// text adds a text node to the current block, mapped to the source. Text
// in dropped elements only moves the source cursor past it.
func (w *htmlWalker) text(data string) {
	var b *block
	switch {
	case w.skipping != nil:
	case w.headingNode != nil:
		b = &w.heading
	default:
		b = &w.body
	}
	c := &w.cursor
	if start, ok := c.find(data); ok {
		rawLen, matched := mapSource(b, data, c.src[start:], start)
		b.add(data[matched:], start+rawLen)
		c.pos = start + max(rawLen, 1)
	} else {
		b.add(data, c.pos) // whitespace, or text the parser moved
	}
	if b != nil && !isBlank(data) {
		w.brPending = false
	}
}

// lineBreak makes <br> a space and <br><br> the end of a block.
func (w *htmlWalker) lineBreak() {
	if w.brPending {
		w.flush()
		return
	}
	w.brPending = true
	w.body.space = true
}

func (w *htmlWalker) flush() {
	w.c.flush(&w.body)
	w.brPending = false
}
