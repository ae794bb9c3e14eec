package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fineprint/fineprint/audit"
)

// maxHeadingLen and maxHeadingWords bound what may pass for a heading in
// plain text.
const (
	maxHeadingLen   = 100
	maxHeadingWords = 12
	maxTitleWords   = 6
)

// plainText reads text in paragraphs separated by blank lines. Lines that
// start with a list marker start blocks of their own; short lines that look
// like headings ("7. Publicity", "ARTICLE 5 – DONNÉES") become sections.
type plainText struct {
	c       *collector
	title   string
	body    block
	scratch block

	para       []segment // lines of the current paragraph, markers removed
	first      segment   // its first line, marker included
	afterBlank bool      // the current paragraph follows a blank line
	blank      bool      // the previous line was blank (or there was none)
	clauses    int       // clauses before the first heading, to find the title
}

func extractText(data []byte) ([]audit.Clause, string) {
	t := &plainText{c: newCollector(data), blank: true}
	src := string(data)
	for pos := skipBOM(src); pos < len(src); {
		line, next := nextLine(src, pos)
		t.line(line, pos)
		pos = next
	}
	t.endParagraph(true)
	return t.c.clauses, t.title
}

func (t *plainText) line(line string, pos int) {
	s := strings.TrimLeft(line, " \t")
	pos += len(line) - len(s)
	s = strings.TrimRight(s, " \t")
	switch {
	case s == "":
		t.endParagraph(true)
		t.blank = true
		return
	case len(t.para) == 1 && t.first.text == t.para[0].text && isUnderline(s):
		t.setHeading(underlineLevel(s), t.first)
		t.para = t.para[:0]
		return
	case len(t.para) == 1 && headsParagraph(t.first.text, s):
		t.setHeading(headingLevelOf(t.first.text), t.first)
		t.para = t.para[:0]
	}
	if n := textMarkerLen(s); n > 0 {
		if len(t.para) == 1 && isNumberedTitle(t.first.text) && markerKind(t.first.text) != markerKind(s) {
			t.setHeading(headingLevelOf(t.first.text), t.first) // "8. Changes" over "(a) …"
			t.para = t.para[:0]
		}
		t.endParagraph(false)
		t.start(segment{s, pos})
		t.para[0] = segment{s[n:], pos + n}
		return
	}
	if len(t.para) == 0 {
		t.start(segment{s, pos})
		return
	}
	t.para = append(t.para, segment{s, pos})
}

func (t *plainText) start(first segment) {
	t.first, t.afterBlank, t.blank = first, t.blank, false
	t.para = append(t.para[:0], first)
}

// endParagraph turns the paragraph into a heading or a block;
// blankFollows tells whether a blank line (or the end) follows it.
func (t *plainText) endParagraph(blankFollows bool) {
	if len(t.para) == 0 {
		return
	}
	if len(t.para) == 1 {
		if level, ok := textHeading(t.first.text, t.afterBlank && blankFollows); ok {
			t.setHeading(level, t.first)
			t.para = t.para[:0]
			return
		}
	}
	for _, s := range t.para {
		t.body.addRun(s.text, s.src)
		t.body.space = true
	}
	n := len(t.c.clauses)
	t.c.flush(&t.body)
	t.clauses += len(t.c.clauses) - n
	t.para = t.para[:0]
}

func (t *plainText) setHeading(level int, line segment) {
	t.scratch.addRun(line.text, line.src)
	title := headingText(&t.scratch)
	t.c.sections.set(level, title)
	if t.title == "" && t.clauses == 0 {
		t.title = title
	}
}

// textHeading reports whether a line is a heading, and its level. A
// numbered line ("7. Publicity") counts only when it stands alone, between
// blank lines; ALL CAPS and "Article 3 :" lines may also head a paragraph.
func textHeading(line string, standalone bool) (int, bool) {
	if !headingShaped(line) {
		return 0, false
	}
	if isStrongHeading(line) {
		return headingLevelOf(line), true
	}
	level, rest := numbering(line)
	if standalone && level > 0 && startsUpper(rest) {
		return level, true
	}
	return 0, false
}

// headingShaped: short, with letters, not ending like a sentence part.
func headingShaped(line string) bool {
	if line == "" || len(line) > maxHeadingLen || !hasLetter(line) {
		return false
	}
	return !strings.ContainsAny(line[len(line)-1:], ".,;:")
}

// isStrongHeading matches headings recognisable without blank lines
// around them: keyword headings and ALL CAPS lines.
func isStrongHeading(line string) bool {
	if !headingShaped(line) {
		return false
	}
	if _, ok := keywordHeading(line); ok {
		return true
	}
	_, rest := numbering(line)
	return isAllCaps(rest) && len(strings.Fields(line)) <= maxHeadingWords
}

// headsParagraph reports whether first, a paragraph's first line, is a
// heading given the line that follows it. A wrapped ALL CAPS disclaimer is
// not: its next line is in capitals too.
func headsParagraph(first, next string) bool {
	if !isStrongHeading(first) {
		return isNumberedTitle(first) && startsUpper(next)
	}
	_, keyword := keywordHeading(first)
	return keyword || !isAllCaps(next)
}

// isNumberedTitle matches a short numbered title such as "II. Liability"
// (and not "1. The Sponsor may use your name", wrapped onto the next line).
func isNumberedTitle(line string) bool {
	level, rest := numbering(line)
	return level > 0 && headingShaped(line) && startsUpper(rest) &&
		len(strings.Fields(rest)) <= maxTitleWords
}

func headingLevelOf(line string) int {
	if level, ok := keywordHeading(line); ok {
		return level
	}
	if level, _ := numbering(line); level > 0 {
		return level
	}
	return 1
}

// headingKeywords open numbered headings, with their level.
var headingKeywords = map[string]int{
	"part": 1, "partie": 1, "titre": 1, "chapter": 1, "chapitre": 1, "annex": 1,
	"annexe": 1, "appendix": 1, "schedule": 1,
	"article": 2, "art.": 2, "section": 2, "clause": 2, "§": 2,
}

// keywordHeading matches "Article 3 : Durée", "ARTICLE 5 – DONNÉES",
// "Section 4.2", "Chapitre II. Dispositions", "Article 1er".
func keywordHeading(line string) (int, bool) {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return 0, false
	}
	level, ok := headingKeywords[strings.ToLower(fields[0])]
	if !ok {
		return 0, false
	}
	num := strings.TrimRight(fields[1], ".)")
	if !isHeadingNumber(num) {
		return 0, false
	}
	if len(fields) == 2 || num != fields[1] {
		return level, true
	}
	sep := fields[2]
	return level, sep == ":" || sep == "-" || sep == "–" || sep == "—" || sep == "." || isAllCaps(sep)
}

// isHeadingNumber matches "5", "4.2", "IV", "1er", "premier", "A".
func isHeadingNumber(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	if strings.EqualFold(s, "premier") || strings.EqualFold(s, "1er") || isRoman(s) {
		return true
	}
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
		return true
	}
	return strings.Trim(s, "0123456789.") == "" && isDigit(s[0])
}

func isRoman(s string) bool {
	return s != "" && (strings.Trim(s, "IVXLC") == "" || strings.Trim(s, "ivxlc") == "")
}

// numbering parses a leading "7.", "7.2", "II." or "A." and returns the
// heading level it implies (0 if none) and the text after it.
func numbering(line string) (int, string) {
	word, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	if rest == "" || len(word) > 12 {
		return 0, line
	}
	trimmed := strings.TrimRight(word, ".)")
	switch {
	case trimmed == "":
		return 0, line
	case strings.Trim(trimmed, "0123456789.") == "" && isDigit(trimmed[0]):
		return 1 + strings.Count(trimmed, ".") + 1, rest
	case trimmed != word && strings.Trim(trimmed, "IVX") == "":
		return 2, rest
	case trimmed != word && len(trimmed) == 1 && trimmed[0] >= 'A' && trimmed[0] <= 'Z':
		return 3, rest
	}
	return 0, line
}

func isAllCaps(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isUnderline(s string) bool {
	return len(s) >= 3 && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

func underlineLevel(s string) int {
	if s[0] == '=' {
		return 1
	}
	return 2
}

// textMarkerLen is the length of a list marker and the spaces after it:
// bullets (- * • ·), "1." "1)" "4.2" "a)" "(a)" "(iv)" "i." "IV.", or 0.
func textMarkerLen(s string) int {
	word, _, found := strings.Cut(s, " ")
	if !found {
		return 0
	}
	if !isListMarker(word) {
		return 0
	}
	rest := s[len(word):]
	return len(word) + len(rest) - len(strings.TrimLeft(rest, " \t"))
}

// markerKind tells list markers apart: '-' for bullets, '(' for "(a)",
// '1' for numbers, 'a' for letters and roman numerals.
func markerKind(line string) byte {
	switch c := line[0]; {
	case c == '(':
		return '('
	case isDigit(c):
		return '1'
	case isAlnum(c):
		return 'a'
	}
	return '-'
}

func isListMarker(w string) bool {
	switch w {
	case "-", "*", "•", "·", "▪", "◦", "‣", "–", "+":
		return true
	}
	if len(w) > 2 && w[0] == '(' && w[len(w)-1] == ')' {
		inner := w[1 : len(w)-1]
		return len(inner) <= 5 && strings.Trim(inner, "0123456789abcdefghijklmnopqrstuvwxyz") == ""
	}
	last := w[len(w)-1]
	body := strings.TrimRight(w, ".)")
	if body == "" || len(body) > 7 {
		return false
	}
	switch {
	case isDigit(body[0]) && strings.Trim(body, "0123456789.") == "":
		return last == '.' || last == ')' || strings.Contains(body, ".")
	case last != '.' && last != ')':
		return false
	case len(body) == 1 && body[0] >= 'a' && body[0] <= 'z':
		return true
	}
	return strings.Trim(body, "ivxlc") == "" || strings.Trim(body, "IVX") == ""
}
