package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// maxNesting bounds element nesting in a flattened document, well under
// the 512 open elements x/net/html accepts.
const maxNesting = 256

// flatten re-emits an HTML source with the start and end tags nested deeper
// than maxNesting dropped, keeping all text. It rescues documents the parser
// rejects as too deeply nested.
func flatten(data []byte) []byte {
	out := make([]byte, 0, len(data))
	z := html.NewTokenizer(bytes.NewReader(data))
	var guard depthGuard
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		offset += len(raw)
		keep := true
		switch tt {
		case html.StartTagToken:
			out = append(out, raw...) // before TagName, which lower-cases raw in place
			name, _ := z.TagName()
			if !isRawTextTag(string(name)) && !guard.open(string(name)) {
				out = out[:len(out)-len(raw)]
			}
			continue
		case html.EndTagToken:
			name, _ := z.TagName()
			keep = guard.close(string(name))
		}
		if keep {
			out = append(out, raw...)
		}
	}
	return append(out, data[min(offset, len(data)):]...)
}

// isRawTextTag reports tags whose content the tokenizer reads as raw text;
// they hold no nested tags.
func isRawTextTag(name string) bool {
	switch name {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// depthGuard counts open non-void elements; past maxNesting it drops start
// tags, and as many end tags of the same kind of element.
type depthGuard struct{ depth, dropped int }

func (g *depthGuard) open(name string) bool {
	if isVoid(name) {
		return true
	}
	if g.depth >= maxNesting {
		g.dropped++
		return false
	}
	g.depth++
	return true
}

func (g *depthGuard) close(name string) bool {
	if isVoid(name) {
		return true
	}
	if g.dropped > 0 {
		g.dropped--
		return false
	}
	g.depth = max(g.depth-1, 0)
	return true
}

func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
		"param", "source", "track", "wbr":
		return true
	}
	return false
}
