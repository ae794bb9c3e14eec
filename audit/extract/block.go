package extract

import (
	"bytes"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/fineprint/fineprint/audit"
)

// block accumulates one paragraph, list item or cell: its whitespace-folded
// text and, through anchors, the source offset of every byte of that text.
type block struct {
	text    []byte
	anchors []anchor
	next    int  // source offset the next byte would have if contiguous
	space   bool // whitespace seen since the last word
}

// anchor says text[at:] continues source[src:] until the next anchor.
type anchor struct{ at, src int }

func (b *block) reset() {
	b.text, b.anchors, b.space = b.text[:0], b.anchors[:0], false
}

func (b *block) empty() bool { return len(b.text) == 0 }

// addRun appends s, which starts at source offset src and matches the source
// byte for byte (or stands for one source construct, like an entity).
// Whitespace runs fold to one space; invalid UTF-8 becomes U+FFFD.
func (b *block) addRun(s string, src int) {
	start := 0
	swarFrom := 0 // where eight-byte steps are tried next
	for i := 0; i < len(s); {
		if i >= swarFrom && i+8 <= len(s) {
			if plainWords8(load8(s, i), i == start) {
				i += 8
				continue
			}
			swarFrom = i + 8
		}
		c := s[i]
		if c > ' ' && c < utf8.RuneSelf {
			i++
			continue
		}
		// A lone space between two words maps to the source as is: the
		// word goes on (word would add the same space with no anchor).
		if c == ' ' && i > start && i+1 < len(s) && s[i+1] > ' ' && s[i+1] < utf8.RuneSelf {
			i += 2
			continue
		}
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				b.word(s[start:i], src+start)
				b.space = true
				i++
				start = i
				continue
			}
			i++
			continue
		}
		if c >= 0xC3 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // U+00C0 to U+07FF: valid, neither space nor invisible
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.word(s[start:i], src+start)
			b.word("\uFFFD", src+i)
			b.next = src + i + 1
		case unicode.IsSpace(r):
			b.word(s[start:i], src+start)
			b.space = true
		case isInvisible(r):
			b.word(s[start:i], src+start)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b.word(s[start:], src+start)
}

// add is addRun on a block that may be nil, which discards the text.
func (b *block) add(s string, src int) {
	if b != nil && s != "" {
		b.addRun(s, src)
	}
}

// isInvisible reports format characters dropped from clause text.
func isInvisible(r rune) bool {
	return r == '\u200b' || r == '\u00ad' || r == '\ufeff' || r == '\u2060'
}

// word appends a run without whitespace, preceded by the pending space.
func (b *block) word(w string, src int) {
	if w == "" {
		return
	}
	if b.space && len(b.text) > 0 {
		b.text = append(b.text, ' ')
		b.next++
	}
	b.space = false
	if len(b.anchors) == 0 || src != b.next {
		b.anchors = append(b.anchors, anchor{len(b.text), src})
	}
	b.text = append(b.text, w...)
	b.next = src + len(w)
}

// srcAt is the source offset of text[i].
func (b *block) srcAt(i int) int {
	k := sort.Search(len(b.anchors), func(k int) bool { return b.anchors[k].at > i }) - 1
	if k < 0 {
		return 0
	}
	return b.anchors[k].src + i - b.anchors[k].at
}

// collector turns finished blocks into clauses under the current sections.
type collector struct {
	size     int // source length, to keep offsets inside it
	lines    lineIndex
	columns  columnCounter
	sections sections
	clauses  []audit.Clause
	blocks   int
	spans    []span
	pending  []audit.Ignore // fineprint-ignore comments for the next block
}

func newCollector(data []byte) *collector {
	return &collector{size: len(data), lines: newLineIndex(data), columns: columnCounter{data: data}}
}

// flush emits the sentences of b that hold a letter, then empties b.
func (c *collector) flush(b *block) {
	if b.empty() {
		return
	}
	text := string(b.text)
	c.spans = sentences(text, c.spans[:0])
	numbered := false
	for _, s := range c.spans {
		t := text[s.start:s.end]
		if !hasLetter(t) {
			continue
		}
		if !numbered {
			c.blocks++
			numbered = true
		}
		cl := c.clause(t, b.srcAt(s.start), b.srcAt(s.end-1))
		cl.Ignore = c.pending
		if n := len(c.clauses); n == cap(c.clauses) && n >= 256 {
			// Double: append grows large slices by a quarter, which for
			// big documents allocates and copies several times the result.
			c.clauses = slices.Grow(c.clauses, n)
		}
		c.clauses = append(c.clauses, cl)
	}
	if numbered {
		c.pending = nil
	}
	b.reset()
}

// clause locates a sentence whose first and last characters are at the
// source offsets start and last.
func (c *collector) clause(text string, start, last int) audit.Clause {
	start = min(max(start, 0), max(c.size-1, 0))
	last = min(max(last, start), max(c.size-1, 0))
	line, lineStart := c.lines.position(start)
	col := c.columns.column(lineStart, start)
	endLine, _ := c.lines.position(last)
	return audit.Clause{Text: text, Line: line, Column: col, EndLine: endLine, Offset: start,
		Section: c.sections.path, Block: c.blocks}
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return true
		}
		i += size
	}
	return false
}

// headingText is the folded text of b, which is then emptied.
func headingText(b *block) string {
	t := string(b.text)
	b.reset()
	return t
}

// sections is the heading path: a stack where a heading replaces the
// previous heading of its level and everything below it.
type sections struct {
	levels []int
	titles []string
	path   []string // shared by clauses; replaced, never modified
}

func (s *sections) set(level int, title string) {
	if title == "" {
		return
	}
	k := len(s.levels)
	for k > 0 && s.levels[k-1] >= level {
		k--
	}
	s.levels = append(s.levels[:k], level)
	s.titles = append(s.titles[:k], title)
	s.path = slices.Clone(s.titles)
}

// lineIndex maps byte offsets to 1-based lines.
type lineIndex []int // offsets of '\n'

func newLineIndex(data []byte) lineIndex {
	var nl lineIndex
	if n := bytes.Count(data, []byte{'\n'}); n > 0 {
		nl = make(lineIndex, 0, n)
	}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// position returns the 1-based line of offset and the offset at which
// that line starts.
func (l lineIndex) position(offset int) (line, lineStart int) {
	k := sort.SearchInts(l, offset) // newlines before offset
	if k > 0 {
		lineStart = l[k-1] + 1
	}
	return k + 1, lineStart
}

// columnCounter turns byte offsets into 1-based columns counted in Unicode
// code points, as editors and SARIF's "unicodeCodePoints" count them: "é"
// is one column, not two. Clauses arrive in source order, so it counts on
// from the previous clause of the same line rather than from the line's
// start, which keeps a long single-line document linear.
type columnCounter struct {
	data                 []byte
	lineStart, at, runes int // the previous answer: runes in data[lineStart:at]
}

func (c *columnCounter) column(lineStart, offset int) int {
	if lineStart != c.lineStart || offset < c.at {
		c.lineStart, c.at, c.runes = lineStart, lineStart, 0
	}
	c.runes += utf8.RuneCount(c.data[c.at:offset])
	c.at = offset
	return c.runes + 1
}
