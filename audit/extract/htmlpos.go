package extract

import (
	"strings"
	"unicode/utf8"
)

// The HTML parser keeps no source positions. They are recovered by
// following the tree in document order with a cursor over the source: a
// text token starts at the beginning of the source or right after a '>', so
// a text node starts at the first such place after the cursor whose source,
// decoded, reads like the node's text. Every text node is looked up, even in
// dropped elements (scripts, navigation), so that the cursor never finds
// text in a place the reader does not see.

// Bounds that keep the lookup linear.
const (
	maxProbe  = 64      // bytes of a text node compared with the source
	maxSearch = 1 << 16 // bytes of source searched for a text node
)

// sourceCursor locates successive text nodes in an HTML source.
type sourceCursor struct {
	src string
	pos int // where the next text node may start
}

// find returns where the text node data starts in the source, or false
// when it cannot be found nearby (the cursor then stays where it was).
func (c *sourceCursor) find(data string) (int, bool) {
	if isBlank(data) {
		return 0, false
	}
	probe := data[:min(len(data), maxProbe)]
	limit := min(len(c.src), c.pos+maxSearch)
	start := c.pos
	if start > 0 && c.src[start-1] != '>' {
		start = c.nextTagEnd(start, limit)
	}
	for start >= 0 {
		if matchesSource(c.src[start:], probe) {
			return start, true
		}
		start = c.nextTagEnd(start, limit)
	}
	return 0, false
}

// nextTagEnd returns the position after the next '>' at or after i, or -1.
func (c *sourceCursor) nextTagEnd(i, limit int) int {
	if i >= limit {
		return -1
	}
	k := strings.IndexByte(c.src[i:limit], '>')
	if k < 0 {
		return -1
	}
	return i + k + 1
}

// matchesSource reports whether raw, decoded, starts with probe — or with a
// non-blank prefix of it that ends where a tag starts (the parser merges
// text around tags it drops).
func matchesSource(raw, probe string) bool {
	rawLen, matched := mapSource(nil, probe, raw, 0)
	if matched == len(probe) {
		return true
	}
	return matched > 0 && rawLen < len(raw) && raw[rawLen] == '<' &&
		strings.TrimSpace(probe[:matched]) != ""
}

// mapSource follows data, decoded by the parser, along raw, its source at
// offset src: entities and CR LF line ends differ from their decoding. When
// b is not nil, it appends data to b piece by piece with source offsets. It
// returns how much of raw and of data it matched.
func mapSource(b *block, data, raw string, src int) (rawLen, matched int) {
	i, j := skipLeadingNewline(data, raw), 0 // into raw, into data
	for i < len(raw) && j < len(data) {
		chunk := raw[i:min(len(raw), i+len(data)-j)]
		chunk = chunk[:plainLen(chunk)]
		if !strings.HasPrefix(data[j:], chunk) {
			break
		}
		b.add(chunk, src+i)
		i, j = i+len(chunk), j+len(chunk)
		if i == len(raw) || j == len(data) {
			break
		}
		n, decoded := rawUnit(raw, i)
		if strings.HasPrefix(data[j:], decoded) {
			b.add(decoded, src+i)
			j += len(decoded)
		} else if raw[i] != 0 { // the parser drops NUL in body text
			break
		}
		i += n
	}
	return i, j
}

// skipLeadingNewline skips the line end the parser drops right after <pre>,
// <listing> and <textarea>.
func skipLeadingNewline(data, raw string) int {
	if strings.HasPrefix(data, "\n") {
		return 0
	}
	if strings.HasPrefix(raw, "\r\n") {
		return 2
	}
	if strings.HasPrefix(raw, "\n") {
		return 1
	}
	return 0
}

// rawUnit decodes the source construct at raw[i] (an entity, a line end or
// NUL) and returns its length in the source.
func rawUnit(raw string, i int) (int, string) {
	switch raw[i] {
	case '&':
		if decoded, end, ok := entity(raw, i); ok {
			return end - i, decoded
		}
		return 1, "&"
	case '\r':
		if i+1 < len(raw) && raw[i+1] == '\n' {
			return 2, "\n"
		}
		return 1, "\n"
	}
	return 1, "\uFFFD"
}

// plainLen is the length of the prefix of s without '&', '\r' or NUL:
// strings.IndexAny(s, "&\r\x00"), or len(s), by successive byte scans each
// bounded by the previous hit.
func plainLen(s string) int {
	if k := strings.IndexByte(s, '&'); k >= 0 {
		s = s[:k]
	}
	if k := strings.IndexByte(s, '\r'); k >= 0 {
		s = s[:k]
	}
	if k := strings.IndexByte(s, 0); k >= 0 {
		s = s[:k]
	}
	return len(s)
}

// isBlank is strings.TrimSpace(s) == "", quick when s starts with ASCII.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.TrimSpace(s[i:]) == ""
		}
		if c != ' ' && (c < '\t' || c > '\r') {
			return false
		}
	}
	return true
}
