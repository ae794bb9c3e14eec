package extract

// PDF terms are read page by page with github.com/ledongthuc/pdf. The
// glyphs of a page are grouped into rows (its lines, top to bottom); lines
// repeated in the margins of most pages (running headers, footers, page
// numbers) are dropped; the rest become paragraphs and headings, and go
// through the same sentence segmentation as every other format.
//
// The extracted text — every line of every page, one per line, page after
// page — is what clause offsets point into. Clause.Page is the page a
// clause starts on, Line its line within that page.

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/fineprint/fineprint/audit"
)

const pdfMagic = "%PDF-"

// Errors for PDFs whose text cannot be read; test them with errors.Is.
var (
	ErrScannedPDF   = errors.New("scanned PDF with no text layer: OCR it first")
	ErrEncryptedPDF = errors.New("encrypted PDF")
	ErrInvalidPDF   = errors.New("not a valid PDF")
)

// Bounds that keep a hostile PDF from taking unbounded time or memory.
const (
	maxPDFPages       = 2000
	maxPDFTreeNodes   = 4 * maxPDFPages
	maxPDFPageContent = 8 << 20  // decompressed content of one page, bytes
	maxPDFContent     = 64 << 20 // decompressed content of all pages
)

// Layout thresholds, relative to font sizes and line spacing.
const (
	rowTolerance     = 0.4  // baselines closer than this many font sizes share a row
	wordGap          = 0.15 // a gap wider than this many font sizes separates words
	paragraphGap     = 1.4  // a line spacing this many times the usual one starts a paragraph
	biggerFont       = 1.15 // a heading's font is at least this many times the body's
	maxBoldTitleWord = 8    // words in a heading set apart only by bold type
	maxHeadingLines  = 3    // lines a wrapped heading may take
)

// pdfLine is one row of text on a page.
type pdfLine struct {
	text    string  // whitespace folded
	y       float64 // baseline, in points from the bottom of the page
	size    float64 // font size of most of its letters
	bold    bool    // most of its letters are bold
	letters int     // letters in text
	junk    int     // undecodable characters met while reading it
}

func extractPDF(data []byte) ([]audit.Clause, string, error) {
	pages, infoTitle, err := readPDF(data)
	if err != nil {
		return nil, "", err
	}
	if err := checkTextLayer(pages); err != nil {
		return nil, "", err
	}
	clauses, title := layoutPDF(pages)
	if title == "" {
		title = infoTitle
	}
	return clauses, title, nil
}

// readPDF reads the lines of every page and the title in the document
// information. The PDF library panics on malformed input; that becomes an
// ErrInvalidPDF.
func readPDF(data []byte) (pages [][]pdfLine, title string, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, title, err = nil, "", fmt.Errorf("%w: %s", ErrInvalidPDF, shortReason(fmt.Sprint(r)))
		}
	}()
	data = trimPDF(data)
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, "", openError(data, err)
	}
	leaves, err := pageTree(r)
	if err != nil {
		return nil, "", err
	}
	budget := maxPDFContent
	for i, page := range leaves {
		lines, used, err := readPage(page, budget)
		if err != nil {
			return nil, "", fmt.Errorf("%w: page %d: %s", ErrInvalidPDF, i+1, shortReason(err.Error()))
		}
		budget -= used
		pages = append(pages, lines)
	}
	return pages, infoTitle(r), nil
}

// trimPDF drops bytes before the header and after the last end-of-file
// marker, and presents a PDF 2.0 header as 1.7, which the library expects.
func trimPDF(data []byte) []byte {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte(pdfMagic)); i > 0 {
		data = data[i:]
	}
	if i := bytes.LastIndex(data, []byte("%%EOF")); i >= 0 {
		data = data[:i+len("%%EOF")]
	}
	if bytes.HasPrefix(data, []byte("%PDF-2.")) && len(data) > 8 {
		data = append([]byte("%PDF-1.7"), data[8:]...)
	}
	return data
}

func openError(data []byte, err error) error {
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return fmt.Errorf("%w: it needs a password to be read", ErrEncryptedPDF)
	case bytes.Contains(data, []byte("/Encrypt")):
		return fmt.Errorf("%w: its encryption is not supported (%s); remove the protection first, e.g. with qpdf --decrypt",
			ErrEncryptedPDF, shortReason(err.Error()))
	}
	return fmt.Errorf("%w: %s", ErrInvalidPDF, shortReason(err.Error()))
}

// shortReason trims the library's prefixes and its dumps of PDF objects.
func shortReason(s string) string {
	for _, prefix := range [...]string{"not a PDF file: ", "malformed PDF file: ", "malformed PDF: ", "unsupported PDF: "} {
		s = strings.TrimPrefix(s, prefix)
	}
	if i := strings.Index(s, "; "); i > 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = strings.ToValidUTF8(s[:120], "") + "…"
	}
	return s
}

// pageTree lists the pages in order. It walks the tree itself, with a bound
// on the nodes visited, because the library loops forever on a page tree
// that contains itself.
func pageTree(r *pdf.Reader) ([]pdf.Page, error) {
	var pages []pdf.Page
	stack := []pdf.Value{r.Trailer().Key("Root").Key("Pages")}
	for visited := 0; len(stack) > 0; visited++ {
		node := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kids := node.Key("Kids")
		switch {
		case visited+len(stack)+kids.Len() > maxPDFTreeNodes:
			return nil, fmt.Errorf("%w: its page tree is too large or loops", ErrInvalidPDF)
		case node.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && node.Kind() == pdf.Dict):
			pages = append(pages, pdf.Page{V: node})
		default:
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, kids.Index(i))
			}
		}
	}
	switch {
	case len(pages) == 0:
		return nil, fmt.Errorf("%w: it has no pages", ErrInvalidPDF)
	case len(pages) > maxPDFPages:
		return nil, fmt.Errorf("%w: more than %d pages", ErrInvalidPDF, maxPDFPages)
	}
	return pages, nil
}

// readPage reads a page's lines, if its content fits in the budget, and
// says how much of the budget it used.
func readPage(page pdf.Page, budget int) (lines []pdfLine, used int, err error) {
	defer func() {
		if r := recover(); r != nil {
			lines, err = nil, fmt.Errorf("%v", r)
		}
	}()
	contents := page.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil, 0, nil
	}
	limit := min(budget, maxPDFPageContent)
	used, err = contentSize(contents, limit)
	if err != nil {
		return nil, used, err
	}
	return pageLines(page.Content().Text), used, nil
}

// contentSize is the decompressed size of a page's content streams; an
// error when it is over limit.
func contentSize(contents pdf.Value, limit int) (int, error) {
	streams := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < contents.Len() && i < maxPDFTreeNodes; i++ {
			streams = append(streams, contents.Index(i))
		}
	}
	total := 0
	for _, s := range streams {
		rc := s.Reader()
		n, err := io.Copy(io.Discard, io.LimitReader(rc, int64(limit-total)+1))
		rc.Close()
		total += int(n)
		if total > limit {
			return total, fmt.Errorf("content larger than %d MB once decompressed", limit>>20)
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func infoTitle(r *pdf.Reader) string {
	title := strings.Join(strings.Fields(strings.ToValidUTF8(r.Trailer().Key("Info").Key("Title").Text(), "")), " ")
	if !hasLetter(title) || len(title) > maxHeadingLen*2 {
		return ""
	}
	return title
}

// checkTextLayer refuses PDFs with no text, or whose text cannot be
// decoded (fonts without a Unicode map), since neither can be audited.
func checkTextLayer(pages [][]pdfLine) error {
	letters, junk := 0, 0
	for _, lines := range pages {
		for _, l := range lines {
			letters, junk = letters+l.letters, junk+l.junk
		}
	}
	switch {
	case letters == 0:
		return ErrScannedPDF
	case junk > letters:
		return fmt.Errorf("%w: its text cannot be decoded (fonts without a Unicode map): OCR it first", ErrInvalidPDF)
	}
	return nil
}

// glyph is a character drawn on a page, with its place in the content
// stream.
type glyph struct {
	pdf.Text
	seq int
}

// pageLines groups a page's glyphs into rows, top to bottom, and reads each
// row left to right.
func pageLines(texts []pdf.Text) []pdfLine {
	glyphs := make([]glyph, 0, len(texts))
	for i, t := range texts {
		if t.S != "" && t.S != "\n" && isFinite(t.X) && isFinite(t.Y) && isFinite(t.W) && isFinite(t.FontSize) {
			glyphs = append(glyphs, glyph{t, i})
		}
	}
	slices.SortStableFunc(glyphs, func(a, b glyph) int { return cmp.Compare(b.Y, a.Y) })
	var lines []pdfLine
	for start := 0; start < len(glyphs); {
		tolerance := max(1, rowTolerance*math.Abs(glyphs[start].FontSize))
		end := start + 1
		for end < len(glyphs) && glyphs[start].Y-glyphs[end].Y <= tolerance {
			end++
		}
		if line, ok := rowLine(orderRow(glyphs[start:end])); ok {
			lines = append(lines, line)
		}
		start = end
	}
	return lines
}

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// orderRow puts a row's glyphs left to right when the font widths place
// them; without widths every glyph of a run shares one position, so the
// content stream's order is kept.
func orderRow(row []glyph) []glyph {
	if hasWidths(row) {
		slices.SortStableFunc(row, func(a, b glyph) int { return cmp.Or(cmp.Compare(a.X, b.X), a.seq-b.seq) })
	} else {
		slices.SortFunc(row, func(a, b glyph) int { return a.seq - b.seq })
	}
	return row
}

// hasWidths reports whether most glyphs of a row have a width.
func hasWidths(row []glyph) bool {
	known := 0
	for _, g := range row {
		if g.W > 0 {
			known++
		}
	}
	return known*2 > len(row)
}

// rowLine reads a row's text, putting a space where the gap between two
// glyphs is as wide as one, and notes its dominant style.
func rowLine(row []glyph) (pdfLine, bool) {
	var b strings.Builder
	var line pdfLine
	gaps := rowGaps{widths: hasWidths(row)}
	sizes := map[float64]int{}
	bold := 0
	for i, g := range row {
		if i > 0 && gaps.separated(row[i-1], g) {
			b.WriteByte(' ')
		}
		for _, r := range g.S {
			line.addRune(&b, r)
			if unicode.IsLetter(r) {
				sizes[math.Round(math.Abs(g.FontSize)*2)/2]++
				if isBoldFont(g.Font) {
					bold++
				}
			}
		}
	}
	line.text = strings.Join(strings.Fields(unligature.Replace(b.String())), " ")
	line.y = row[0].Y
	line.size = dominantSize(sizes)
	line.bold = bold*2 > line.letters
	return line, line.text != ""
}

// rowGaps tells where spaces go between the glyphs of a row. Without font
// widths (standard fonts, CID fonts) a run of glyphs from one string shares
// the run's position: a gap is assumed when the next run starts beyond
// where the run could end, glyphs taken as wide (0.6 font sizes, plus room
// for one very wide glyph), so that runs split for kerning ("T" "erms",
// "W" "ales") join up.
type rowGaps struct {
	widths bool
	runX   float64 // where the current run starts
	runLen int     // characters in it
}

// estimatedAdvance is a generous width of one glyph, wideGlyph the extra
// width of the widest, in font sizes.
const (
	estimatedAdvance = 0.6
	wideGlyph        = 0.4
)

func (r *rowGaps) separated(prev, next glyph) bool {
	size := max(math.Abs(prev.FontSize), 1)
	if r.widths {
		gap := next.X - (prev.X + prev.W)
		return prev.S != " " && next.S != " " && (gap > wordGap*size || gap < -size)
	}
	if r.runLen == 0 {
		r.runX = prev.X
	}
	r.runLen += utf8.RuneCountInString(prev.S)
	if math.Abs(next.X-prev.X) <= 0.01*size {
		return false
	}
	end := r.runX + (float64(r.runLen)*estimatedAdvance+wideGlyph+wordGap)*size
	newRun := next.X > end || next.X < r.runX-size
	r.runLen = 0
	return newRun && prev.S != " " && next.S != " "
}

// addRune writes r, turning control characters into spaces and counting
// letters and characters that did not decode.
func (l *pdfLine) addRune(b *strings.Builder, r rune) {
	switch {
	case r == utf8.RuneError || (r < ' ' && r != '\t') || (r >= 0x7f && r < 0xa0) || (r >= 0xe000 && r < 0xf900):
		l.junk++
		b.WriteByte(' ')
	case unicode.IsLetter(r):
		l.letters++
		b.WriteRune(r)
	default:
		b.WriteRune(r)
	}
}

func isBoldFont(name string) bool {
	name = strings.ToLower(name)
	return strings.Contains(name, "bold") || strings.Contains(name, "black") || strings.Contains(name, "heavy")
}

// unligature spells out typographic ligatures, which rules would not match.
var unligature = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// dominantSize is the size with the most letters (the largest on a tie).
func dominantSize(sizes map[float64]int) float64 {
	best, count := 0.0, 0
	for size, n := range sizes {
		if n > count || (n == count && size > best) {
			best, count = size, n
		}
	}
	return best
}

// layoutPDF turns pages of lines into clauses under their headings, and
// finds the document title.
func layoutPDF(pages [][]pdfLine) ([]audit.Clause, string) {
	text, starts := pdfText(pages)
	margins := marginLines(pages)
	l := &pdfLayout{c: newCollector([]byte(text)), style: bodyStyle(pages), hyphen: -1}
	for p, lines := range pages {
		var kept []int
		for i := range lines {
			if !margins[p][i] {
				kept = append(kept, i)
			}
		}
		for k, i := range kept {
			var next *pdfLine
			if k+1 < len(kept) {
				next = &lines[kept[k+1]]
			}
			l.line(p, lines[i], next, starts[p][i])
		}
	}
	l.endHeading()
	l.endBlock()
	return paged(l.c.clauses, pages, margins), l.title
}

// pdfText is the extracted text, one line per line, and where each line
// starts in it.
func pdfText(pages [][]pdfLine) (string, [][]int) {
	var b strings.Builder
	starts := make([][]int, len(pages))
	for p, lines := range pages {
		for _, line := range lines {
			starts[p] = append(starts[p], b.Len())
			b.WriteString(line.text)
			b.WriteByte('\n')
		}
	}
	return b.String(), starts
}

// marginLines marks, on each page, the lines to drop: page numbers and the
// running headers and footers — lines among the first or last two of a
// page that recur (digits aside) on most pages.
func marginLines(pages [][]pdfLine) [][]bool {
	recurs := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for _, i := range marginIndexes(len(lines)) {
			if key := marginKey(lines[i].text); !seen[key] {
				seen[key] = true
				recurs[key]++
			}
		}
	}
	drop := make([][]bool, len(pages))
	for p, lines := range pages {
		drop[p] = make([]bool, len(lines))
		for _, i := range marginIndexes(len(lines)) {
			key := marginKey(lines[i].text)
			drop[p][i] = pageNumbers[key] || (len(pages) >= 2 && recurs[key]*2 > len(pages))
		}
	}
	return drop
}

func marginIndexes(n int) []int {
	var idx []int
	for _, i := range [...]int{0, 1, n - 2, n - 1} {
		if i >= 0 && i < n && !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	return idx
}

// marginKey folds case and turns every number into "#", so that "Page 3
// of 9" on one page matches "Page 4 of 9" on the next.
func marginKey(s string) string {
	var b strings.Builder
	digits := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsDigit(r) {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return b.String()
}

// pageNumbers are the margin keys of lines that only number the page.
var pageNumbers = setOf("#", "- # -", "– # –", "— # —", "# / #", "#/#", "# of #", "# sur #", "# de #",
	"page #", "page # of #", "page # sur #", "page #/#", "page # / #", "p. #", "[#]", "(#)")

// pdfStyle is how the body text of a document is set.
type pdfStyle struct {
	size    float64 // font size of most letters
	bold    bool    // whether most letters are bold
	leading float64 // usual distance between the baselines of a paragraph
	largest float64 // largest font size of a line
}

func bodyStyle(pages [][]pdfLine) pdfStyle {
	sizes, bold, letters := map[float64]int{}, 0, 0
	var s pdfStyle
	for _, lines := range pages {
		for _, l := range lines {
			sizes[l.size] += l.letters
			letters += l.letters
			if l.bold {
				bold += l.letters
			}
			s.largest = max(s.largest, l.size)
		}
	}
	s.size, s.bold = dominantSize(sizes), bold*2 > letters
	s.leading = s.usualLeading(pages)
	return s
}

// usualLeading is the median distance between consecutive body lines.
func (s pdfStyle) usualLeading(pages [][]pdfLine) float64 {
	var gaps []float64
	for _, lines := range pages {
		for i := 1; i < len(lines); i++ {
			gap := lines[i-1].y - lines[i].y
			if s.isBody(lines[i-1]) && s.isBody(lines[i]) && gap > 0 && gap < 3*s.size {
				gaps = append(gaps, gap)
			}
		}
	}
	if len(gaps) == 0 {
		return max(1.2*s.size, 1)
	}
	sort.Float64s(gaps)
	return gaps[len(gaps)/2]
}

func (s pdfStyle) isBody(l pdfLine) bool {
	return math.Abs(l.size-s.size) <= 0.1*s.size
}

// standsOut reports whether a line is set apart from the body: a larger
// font, or bold in a document whose body is not.
func (s pdfStyle) standsOut(l pdfLine) bool {
	words := len(strings.Fields(l.text))
	if l.size >= s.size*biggerFont {
		return words <= maxHeadingWords
	}
	return l.bold && !s.bold && s.isBody(l) && words <= maxBoldTitleWord
}

// level of an unnumbered heading: 1 in the largest type, else 2.
func (s pdfStyle) level(l pdfLine) int {
	if l.size >= s.largest*0.98 && l.size >= s.size*biggerFont {
		return 1
	}
	return 2
}

// pdfLayout rebuilds paragraphs and headings from the lines of the pages,
// in reading order.
type pdfLayout struct {
	c       *collector
	style   pdfStyle
	title   string
	clauses int // clauses before the first heading, to find the title
	body    block
	scratch block

	prev     *pdfLine // the previous line kept, body or heading
	prevPage int
	// hyphen is the source offset of a hyphen that ended the previous line
	// and was left out of body, -1 if none; hyphenText is the hyphen.
	hyphen     int
	hyphenText string

	heading      []segment // the lines of the heading being read
	headingLevel int
}

func (l *pdfLayout) line(page int, cur pdfLine, next *pdfLine, src int) {
	breaks := l.breaksBefore(page, cur)
	defer func() { l.prev, l.prevPage = &cur, page }()
	if level, ok := l.headingOf(cur, next); ok {
		l.endBlock()
		l.addHeading(level, cur, src, page == l.prevPage)
		return
	}
	l.endHeading()
	text := cur.text
	if n := textMarkerLen(text); n > 0 && n < len(text) {
		l.endBlock()
		text, src = text[n:], src+n
	} else if breaks {
		l.endBlock()
	}
	l.addLine(text, src)
}

// breaksBefore reports whether cur starts a new paragraph: after a wider
// space than usual, in another font size, or, on a new page, when the
// previous page ended a sentence.
func (l *pdfLayout) breaksBefore(page int, cur pdfLine) bool {
	prev := l.prev
	switch {
	case prev == nil:
		return true
	case page != l.prevPage:
		return endsSentence(prev.text)
	}
	gap := prev.y - cur.y
	return gap <= 0 || gap > paragraphGap*l.style.leading || math.Abs(prev.size-cur.size) > 0.1*cur.size
}

// lastKept is the 1-based number of the last line not dropped from a page,
// at least from.
func lastKept(dropped []bool, from int) int {
	last := len(dropped)
	for last > from && dropped[last-1] {
		last--
	}
	return last
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')]”’» `)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";") || strings.HasSuffix(s, "…")
}

// headingOf reports whether cur is a heading, and its level: a short line
// set apart by its type, a keyword heading ("Article 5 – Données"), a short
// numbered title ("7. Publicity") not continued by the next line, or an ALL
// CAPS line between lines that are not.
func (l *pdfLayout) headingOf(cur pdfLine, next *pdfLine) (int, bool) {
	s := cur.text
	if !headingShaped(s) {
		return 0, false
	}
	if level, ok := keywordHeading(s); ok {
		return level, true
	}
	if l.style.standsOut(cur) {
		if level, _ := numbering(s); level > 0 {
			return level, true
		}
		return l.style.level(cur), true
	}
	if isNumberedTitle(s) && (next == nil || startsUpper(next.text) || cur.y-next.y > paragraphGap*l.style.leading) {
		return headingLevelOf(s), true
	}
	_, rest := numbering(s)
	if isAllCaps(rest) && len(strings.Fields(s)) <= maxHeadingWords &&
		(next == nil || !isAllCaps(next.text)) && (l.prev == nil || !isAllCaps(l.prev.text)) {
		return headingLevelOf(s), true
	}
	return 0, false
}

// addHeading starts a heading, or continues the one before when cur wraps
// it onto the next line (same type, a line of that type below).
func (l *pdfLayout) addHeading(level int, cur pdfLine, src int, samePage bool) {
	numbered, _ := numbering(cur.text)
	if prev := l.prev; len(l.heading) > 0 && len(l.heading) < maxHeadingLines && samePage && numbered == 0 &&
		prev.size == cur.size && prev.bold == cur.bold && prev.y > cur.y && prev.y-cur.y < paragraphGap*1.2*cur.size {
		l.heading = append(l.heading, segment{cur.text, src})
		return
	}
	l.endHeading()
	l.heading, l.headingLevel = append(l.heading, segment{cur.text, src}), level
}

func (l *pdfLayout) endHeading() {
	if len(l.heading) == 0 {
		return
	}
	for _, s := range l.heading {
		l.scratch.addRun(s.text, s.src)
		l.scratch.space = true
	}
	title := headingText(&l.scratch)
	l.c.sections.set(l.headingLevel, title)
	if l.title == "" && l.clauses == 0 {
		l.title = title
	}
	l.heading = l.heading[:0]
}

// addLine adds a line to the paragraph, joining a word hyphenated across
// lines: "inter-" + "national" reads "international".
func (l *pdfLayout) addLine(text string, src int) {
	if l.hyphen >= 0 {
		if !startsLower(text) {
			l.body.addRun(l.hyphenText, l.hyphen) // "Franco-" + "British"
		}
		l.hyphen = -1
	}
	if n := lineEndHyphen(text); n > 0 && len(text) > n {
		cut := len(text) - n
		l.body.addRun(text[:cut], src)
		l.hyphen, l.hyphenText = src+cut, text[cut:]
		if l.hyphenText == "\u00ad" {
			l.hyphenText = ""
		}
		return
	}
	l.body.addRun(text, src)
	l.body.space = true
}

// lineEndHyphen is the length of a hyphen ending text right after a
// letter, or 0.
func lineEndHyphen(text string) int {
	for _, h := range [...]string{"-", "\u00ad", "\u2010"} {
		if rest, ok := strings.CutSuffix(text, h); ok {
			if r, _ := utf8.DecodeLastRuneInString(rest); unicode.IsLetter(r) {
				return len(h)
			}
		}
	}
	return 0
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func (l *pdfLayout) endBlock() {
	if l.hyphen >= 0 {
		l.body.addRun(l.hyphenText, l.hyphen)
		l.hyphen = -1
	}
	n := len(l.c.clauses)
	l.c.flush(&l.body)
	l.clauses += len(l.c.clauses) - n
}

// paged turns the clauses' lines in the extracted text into pages and
// lines within them. A clause that runs onto the next page ends, for its
// EndLine, at the last line kept on the page it starts on.
func paged(clauses []audit.Clause, pages [][]pdfLine, margins [][]bool) []audit.Clause {
	first := make([]int, len(pages)) // 1-based line of the text each page starts at
	line := 1
	for p, lines := range pages {
		first[p] = line
		line += len(lines)
	}
	pageOf := func(line int) int { return sort.Search(len(first), func(p int) bool { return first[p] > line }) - 1 }
	for i := range clauses {
		c := &clauses[i]
		p := max(pageOf(c.Line), 0)
		c.Page, c.Line = p+1, c.Line-first[p]+1
		if pageOf(c.EndLine) == p {
			c.EndLine -= first[p] - 1
		} else {
			c.EndLine = lastKept(margins[p], c.Line)
		}
	}
	return clauses
}
