package extract

import (
	"strings"

	"github.com/fineprint/fineprint/audit"
)

// segment is a piece of a source line and its offset in the source.
type segment struct {
	text string
	src  int
}

// markdown reads Markdown line by line: headings give sections; paragraphs,
// list items, quotes and table cells give blocks; code is skipped.
type markdown struct {
	src     string
	c       *collector
	title   string
	body    block
	scratch block

	para          []segment // lines of the paragraph or list item being read
	paraIsItem    bool
	quoted        bool   // the current paragraph is in a block quote
	fence         string // closing fence of the code block being skipped
	inComment     bool   // inside a multi-line <!-- comment -->
	commentStart  int    // where that comment's <!-- is
	inTable       bool
	skipSeparator bool // the next line is a table's |---| row
}

func extractMarkdown(data []byte) ([]audit.Clause, string) {
	m := &markdown{src: string(data), c: newCollector(data)}
	pos := m.frontMatter(skipBOM(m.src))
	for pos < len(m.src) {
		line, next := nextLine(m.src, pos)
		m.line(line, pos, next)
		pos = next
	}
	m.endParagraph()
	return m.c.clauses, m.title
}

// nextLine returns the line starting at pos, without its line end, and the
// start of the following line.
func nextLine(s string, pos int) (line string, next int) {
	end := strings.IndexByte(s[pos:], '\n')
	if end < 0 {
		next = len(s)
		end = len(s)
	} else {
		end += pos
		next = end + 1
	}
	return strings.TrimSuffix(s[pos:end], "\r"), next
}

func skipBOM(s string) int {
	if strings.HasPrefix(s, "\uFEFF") {
		return len("\uFEFF")
	}
	return 0
}

// frontMatter skips a YAML front matter block, keeping its title.
func (m *markdown) frontMatter(pos int) int {
	first, next := nextLine(m.src, pos)
	if strings.TrimSpace(first) != "---" {
		return pos
	}
	var title string
	for p := next; p < len(m.src); {
		line, after := nextLine(m.src, p)
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			m.title = title
			return after
		}
		if v, ok := strings.CutPrefix(line, "title:"); ok && title == "" {
			title = strings.Trim(strings.TrimSpace(v), `"'`)
		}
		p = after
	}
	return pos // no closing line: not front matter
}

// line handles one source line starting at pos; next is where the
// following line starts.
func (m *markdown) line(line string, pos, next int) {
	switch {
	case m.fence != "":
		if t := strings.TrimSpace(line); strings.HasPrefix(t, m.fence) && strings.Trim(t, m.fence[:1]) == "" {
			m.fence = ""
		}
		return
	case m.inComment:
		if end := strings.Index(line, "-->"); end >= 0 {
			m.inComment = false
			m.comment(m.src[m.commentStart+len("<!--") : pos+end])
		}
		return
	case m.skipSeparator:
		m.skipSeparator = false
		return
	}
	content, off, quoted := stripQuote(line)
	if strings.TrimSpace(content) == "" {
		m.endParagraph()
		m.inTable = false
		return
	}
	if quoted != m.quoted {
		m.endParagraph()
		m.quoted = quoted
	}
	indent := len(content) - len(strings.TrimLeft(content, " \t"))
	m.content(content[indent:], pos+off+indent, next)
}

// content handles a non-blank line stripped of quote markers and indent.
func (m *markdown) content(s string, pos, next int) {
	if m.inTable && strings.Contains(s, "|") {
		m.tableRow(s, pos)
		return
	}
	m.inTable = false
	if m.block(s, pos, next) {
		return
	}
	if n := listMarkerLen(s); n > 0 {
		m.endParagraph()
		m.paraIsItem = true
		s, pos = s[n:], pos+n
		if box := taskBoxLen(s); box > 0 {
			s, pos = s[box:], pos+box
		}
	} else if len(m.para) == 0 && isLinkDefinition(s) {
		return
	}
	m.para = append(m.para, segment{s, pos})
}

// block handles lines that are block constructs of their own: fences,
// headings, rules, comments and table headers.
func (m *markdown) block(s string, pos, next int) bool {
	if fence := fenceOpening(s); fence != "" {
		m.endParagraph()
		m.fence = fence
		return true
	}
	if level, text, off := atxHeading(s); level > 0 {
		m.endParagraph()
		m.heading(level, []segment{{text, pos + off}})
		return true
	}
	if level := setextLevel(s); level > 0 && len(m.para) > 0 && !m.paraIsItem {
		para := m.para
		m.para = m.para[:0]
		m.heading(level, para)
		return true
	}
	if isThematicBreak(s) {
		m.endParagraph()
		return true
	}
	if strings.HasPrefix(s, "<!--") && !strings.Contains(s, "-->") {
		m.endParagraph()
		m.inComment, m.commentStart = true, pos
		return true
	}
	if body, ok := commentLine(s); ok {
		if igs, ok := parseIgnore(body, m.lineOf(pos)); ok {
			m.endParagraph()
			m.c.ignoreNext(igs)
			return true
		}
	}
	if strings.Contains(s, "|") && m.nextIsTableSeparator(next) {
		m.endParagraph()
		m.inTable, m.skipSeparator = true, true
		m.tableRow(s, pos)
		return true
	}
	return false
}

// comment reads a multi-line comment's body: a fineprint-ignore applies to
// the next block.
func (m *markdown) comment(body string) {
	if igs, ok := parseIgnore(body, m.lineOf(m.commentStart)); ok {
		m.c.ignoreNext(igs)
	}
}

func (m *markdown) lineOf(pos int) int {
	line, _ := m.c.lines.position(pos)
	return line
}

// commentLine returns the body of a line that is one <!-- comment -->.
func commentLine(s string) (string, bool) {
	body, ok := strings.CutPrefix(strings.TrimRight(s, " \t"), "<!--")
	if !ok {
		return "", false
	}
	body, ok = strings.CutSuffix(body, "-->")
	return body, ok && !strings.Contains(body, "-->")
}

func (m *markdown) nextIsTableSeparator(next int) bool {
	if next >= len(m.src) {
		return false
	}
	line, _ := nextLine(m.src, next)
	content, _, _ := stripQuote(line)
	return isTableSeparator(content)
}

func (m *markdown) heading(level int, segs []segment) {
	stripInline(&m.scratch, segs)
	title := headingText(&m.scratch)
	m.c.sections.set(level, title)
	if level == 1 && m.title == "" {
		m.title = title
	}
}

func (m *markdown) endParagraph() {
	if len(m.para) > 0 {
		stripInline(&m.body, m.para)
		m.c.flush(&m.body)
	}
	m.para, m.paraIsItem = m.para[:0], false
}

// tableRow makes each cell of a table row a block.
func (m *markdown) tableRow(s string, pos int) {
	for _, cell := range tableCells(s, pos) {
		stripInline(&m.body, []segment{cell})
		m.c.flush(&m.body)
	}
}

// tableCells splits a row on unescaped pipes outside code spans.
func tableCells(s string, pos int) []segment {
	var cells []segment
	start, code := 0, false
	for i := 0; i <= len(s); i++ {
		switch {
		case i < len(s) && s[i] == '\\':
			i++
		case i < len(s) && s[i] == '`':
			code = !code
		case i == len(s) || s[i] == '|' && !code:
			if cell := trimSegment(s[start:i], pos+start); cell.text != "" {
				cells = append(cells, cell)
			}
			start = i + 1
		}
	}
	return cells
}

func trimSegment(s string, pos int) segment {
	t := strings.TrimLeft(s, " \t")
	return segment{strings.TrimRight(t, " \t"), pos + len(s) - len(t)}
}

// stripQuote removes block quote markers ("> ", ">> ") from a line.
func stripQuote(line string) (content string, off int, quoted bool) {
	for {
		i := off
		for i < len(line) && i-off < 4 && line[i] == ' ' {
			i++
		}
		if i >= len(line) || line[i] != '>' {
			return line[off:], off, quoted
		}
		off, quoted = i+1, true
		if off < len(line) && line[off] == ' ' {
			off++
		}
	}
}

// atxHeading parses "## Title ##" into its level, text and the text's
// offset in s.
func atxHeading(s string) (level int, text string, off int) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level < len(s) && s[level] != ' ' && s[level] != '\t' {
		return 0, "", 0
	}
	rest := s[level:]
	t := strings.TrimLeft(rest, " \t")
	off = len(s) - len(t)
	t = strings.TrimRight(t, " \t")
	if closed := strings.TrimRight(t, "#"); closed == "" || strings.HasSuffix(closed, " ") {
		t = strings.TrimRight(closed, " \t")
	}
	return level, t, off
}

func setextLevel(s string) int {
	if s == "" || s[0] != '=' && s[0] != '-' {
		return 0
	}
	t := strings.TrimRight(s, " \t")
	switch {
	case t == "":
		return 0
	case strings.Trim(t, "=") == "":
		return 1
	case strings.Trim(t, "-") == "":
		return 2
	}
	return 0
}

func isThematicBreak(s string) bool {
	if s == "" || !strings.Contains("-*_", s[:1]) {
		return false
	}
	t := strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\t", "")
	if len(t) < 3 {
		return false
	}
	return strings.Trim(t, t[:1]) == "" && strings.Contains("-*_", t[:1])
}

// fenceOpening returns the fence a code block opens with ("```", "~~~~"),
// or "".
func fenceOpening(s string) string {
	if len(s) < 3 || s[0] != '`' && s[0] != '~' {
		return ""
	}
	n := len(s) - len(strings.TrimLeft(s, s[:1]))
	if n < 3 || s[0] == '`' && strings.Contains(s[n:], "`") {
		return ""
	}
	return s[:n]
}

// listMarkerLen is the length of a list marker and the spaces after it
// ("- ", "* ", "+ ", "12. ", "3) "), or 0.
func listMarkerLen(s string) int {
	n := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		n = 1
	default:
		for n < len(s) && n < 9 && isDigit(s[n]) {
			n++
		}
		if n == 0 || n >= len(s) || s[n] != '.' && s[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n + len(s[n:]) - len(strings.TrimLeft(s[n:], " \t"))
}

func taskBoxLen(s string) int {
	for _, box := range [...]string{"[ ] ", "[x] ", "[X] "} {
		if strings.HasPrefix(s, box) {
			return len(box)
		}
	}
	return 0
}

// isLinkDefinition matches "[id]: https://…" (not a footnote "[^1]: …").
func isLinkDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return false
	}
	end := strings.Index(s, "]:")
	return end > 1 && !strings.Contains(s[:end], "]")
}

// isTableSeparator matches "|---|:---:|" rows.
func isTableSeparator(s string) bool {
	t := strings.TrimSpace(s)
	return strings.Contains(t, "-") && strings.Contains(t, "|") && strings.Trim(t, "|-: \t") == ""
}
