package extract

import (
	"sort"
	"strings"
)

// Bounds that keep inline parsing linear on hostile input.
const (
	maxLinkNesting = 8    // link text within link text
	maxBracketOpen = 1000 // unmatched '[' tracked at once
	maxTagLen      = 4096 // an inline HTML tag or autolink
	maxDestLen     = 2048 // a link destination and title
)

// inline strips Markdown inline markup from a paragraph, writing what a
// reader sees to a block: emphasis markers, link destinations, images,
// comments and HTML tags go; escapes and entities are decoded.
type inline struct {
	b        *block
	p        string    // the paragraph's lines joined by '\n'
	starts   []int     // where each segment starts in p
	segs     []segment // the lines, with their source offsets
	brackets map[int]int
	ticks    []tickRun
	tick     int // first run not yet behind the cursor
}

// tickRun is a run of backticks; closer indexes the next run of the same
// length (which closes a code span opened by this one), or -1.
type tickRun struct{ pos, n, closer int }

func stripInline(b *block, segs []segment) {
	in := &inline{b: b, segs: segs}
	in.join()
	in.brackets = matchBrackets(in.p)
	in.ticks = backtickRuns(in.p)
	in.run(0, len(in.p), 0)
}

func (in *inline) join() {
	if len(in.segs) == 1 {
		in.p, in.starts = in.segs[0].text, []int{0}
		return
	}
	var sb strings.Builder
	for i, s := range in.segs {
		if i > 0 {
			sb.WriteByte('\n')
		}
		in.starts = append(in.starts, sb.Len())
		sb.WriteString(s.text)
	}
	in.p = sb.String()
}

// run strips p[i:j].
func (in *inline) run(i, j, depth int) {
	lit := i // start of literal text not yet written
	for k := i; k < j; {
		next, skip := in.markup(k, j, depth)
		if next == k {
			k++
			continue
		}
		in.emit(lit, k)
		if skip != nil {
			skip()
		}
		k, lit = next, next
	}
	in.emit(lit, j)
}

// markup recognises markup at p[k]. It returns where literal text resumes
// (k when there is no markup) and what to write in place of the markup.
func (in *inline) markup(k, j, depth int) (int, func()) {
	p := in.p
	switch p[k] {
	case '\\':
		if k+1 < j && (isASCIIPunct(p[k+1]) || p[k+1] == '\n') {
			return k + 2, func() { in.emit(k+1, k+2) } // drop the backslash
		}
	case '`':
		return in.codeSpan(k, j)
	case '*', '_', '~':
		if n := emphasisLen(p[:j], k); n > 0 {
			return k + n, nil
		}
	case '!':
		if k+1 < j && p[k+1] == '[' {
			if end, _ := in.link(k+1, j); end > 0 {
				return end, nil // images are dropped
			}
		}
	case '[':
		return in.bracket(k, j, depth)
	case '<':
		return in.angle(k, j)
	case '&':
		if decoded, end, ok := entity(p[:j], k); ok {
			return end, func() { in.write(decoded, k) }
		}
	}
	return k, nil
}

func (in *inline) codeSpan(k, j int) (int, func()) {
	for in.tick < len(in.ticks) && in.ticks[in.tick].pos < k {
		in.tick++
	}
	if in.tick >= len(in.ticks) || in.ticks[in.tick].pos != k {
		return k, nil
	}
	open := in.ticks[in.tick]
	if open.closer < 0 || in.ticks[open.closer].pos >= j {
		return k + open.n, func() { in.emit(k, k+open.n) } // literal backticks
	}
	end := in.ticks[open.closer].pos
	return end + open.n, func() { in.emit(k+open.n, end) }
}

func (in *inline) bracket(k, j, depth int) (int, func()) {
	end, textEnd := in.link(k, j)
	switch {
	case end > 0 && depth < maxLinkNesting:
		return end, func() { in.run(k+1, textEnd, depth+1) }
	case textEnd > k+1 && in.p[k+1] == '^':
		return textEnd + 1, nil // footnote reference
	}
	return k, nil
}

// link parses "[text](dest)" or "[text][ref]" at p[k] == '['. It returns
// the end of the link (0 if there is none) and the end of its text.
func (in *inline) link(k, j int) (end, textEnd int) {
	c, ok := in.brackets[k]
	if !ok || c >= j {
		return 0, 0
	}
	switch {
	case c+1 < j && in.p[c+1] == '(':
		end = closingParen(in.p[:j], c+1)
	case c+1 < j && in.p[c+1] == '[':
		if r := strings.IndexAny(in.p[c+2:j], "[]"); r >= 0 && in.p[c+2+r] == ']' {
			end = c + 2 + r + 1
		}
	}
	return end, c
}

// closingParen finds the end of "(dest "title")" starting at s[i] == '('.
func closingParen(s string, i int) int {
	depth := 0
	for k := i; k < len(s) && k-i < maxDestLen; k++ {
		switch s[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k + 1
			}
		case '[', ']', '\n':
			return 0
		}
	}
	return 0
}

// angle handles "<!-- comments -->", inline HTML tags (dropped) and
// autolinks "<https://…>" (kept without brackets).
func (in *inline) angle(k, j int) (int, func()) {
	p := in.p[:j]
	if strings.HasPrefix(p[k:], "<!--") {
		if end := strings.Index(p[k+4:], "-->"); end >= 0 {
			return k + 4 + end + 3, nil
		}
		return j, nil
	}
	if k+1 >= len(p) || !(isAlnum(p[k+1]) || p[k+1] == '/' || p[k+1] == '!' || p[k+1] == '?') {
		return k, nil
	}
	end := strings.IndexAny(p[k+1:min(len(p), k+maxTagLen)], "<>")
	if end < 0 || p[k+1+end] != '>' {
		return k, nil
	}
	inner := p[k+1 : k+1+end]
	if !strings.ContainsAny(inner, " \t\n") && (strings.Contains(inner, ":") || strings.Contains(inner, "@")) {
		return k + end + 2, func() { in.emit(k+1, k+1+end) }
	}
	return k + end + 2, nil
}

// emphasisLen is the length of the emphasis or strikethrough marker run at
// s[k], or 0 when the run is literal ("5 * 3", "snake_case", "~").
func emphasisLen(s string, k int) int {
	c := s[k]
	n := 1
	for k+n < len(s) && s[k+n] == c {
		n++
	}
	before, after := byte(' '), byte(' ')
	if k > 0 {
		before = s[k-1]
	}
	if k+n < len(s) {
		after = s[k+n]
	}
	switch c {
	case '*':
		if isSpaceByte(before) && isSpaceByte(after) {
			return 0
		}
	case '_':
		if isAlnum(before) && isAlnum(after) {
			return 0
		}
	case '~':
		if n < 2 {
			return 0
		}
	}
	return n
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isASCIIPunct(c byte) bool {
	return c < 0x80 && c > ' ' && !isAlnum(c) && c != 0x7f
}

// emit writes the literal text p[i:j], line by line with source offsets.
func (in *inline) emit(i, j int) {
	if i >= j {
		return
	}
	s := sort.Search(len(in.starts), func(s int) bool { return in.starts[s] > i }) - 1
	for ; s < len(in.segs) && i < j; s++ {
		start := in.starts[s]
		end := min(start+len(in.segs[s].text), j)
		if i < end {
			in.b.addRun(in.p[i:end], in.segs[s].src+i-start)
		}
		in.b.space = in.b.space || end < j // the '\n' between lines
		i = max(i, end+1)
	}
}

// write adds decoded text standing for the markup at p[k].
func (in *inline) write(decoded string, k int) {
	s := sort.Search(len(in.starts), func(s int) bool { return in.starts[s] > k }) - 1
	in.b.addRun(decoded, in.segs[s].src+k-in.starts[s])
}

// matchBrackets pairs each '[' with its ']', skipping escaped brackets.
func matchBrackets(p string) map[int]int {
	if strings.IndexByte(p, '[') < 0 {
		return nil
	}
	m := make(map[int]int)
	var open []int
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[':
			if len(open) < maxBracketOpen {
				open = append(open, i)
			}
		case ']':
			if len(open) > 0 {
				m[open[len(open)-1]] = i
				open = open[:len(open)-1]
			}
		}
	}
	return m
}

// backtickRuns lists runs of backticks, each linked to the next run of the
// same length.
func backtickRuns(p string) []tickRun {
	if strings.IndexByte(p, '`') < 0 {
		return nil
	}
	var runs []tickRun
	for i := 0; i < len(p); {
		if p[i] != '`' {
			i++
			continue
		}
		n := 1
		for i+n < len(p) && p[i+n] == '`' {
			n++
		}
		runs = append(runs, tickRun{pos: i, n: n, closer: -1})
		i += n
	}
	last := make(map[int]int)
	for r := len(runs) - 1; r >= 0; r-- {
		if c, ok := last[runs[r].n]; ok {
			runs[r].closer = c
		}
		last[runs[r].n] = r
	}
	return runs
}
