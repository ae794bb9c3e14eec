// Package audit is fineprint's library: it turns a document's clauses into
// findings, scores them and describes the result as a Report.
//
// Data flows one way: source → document → clauses → matches → findings →
// score → report. Reading sources lives in audit/source, turning bytes into
// clauses in audit/extract, and rendering reports in audit/report.
package audit

// Format is the markup a document was written in.
type Format string

// Formats fineprint can extract clauses from.
const (
	FormatHTML     Format = "html"
	FormatMarkdown Format = "markdown"
	FormatText     Format = "text"
	FormatPDF      Format = "pdf"
)

// Document is a source turned into clauses, ready to be audited.
type Document struct {
	Source    string // the argument as given: path, URL or "-"
	FinalURL  string // after redirects, for URLs
	FetchedAt string // RFC 3339, for fetched sources
	SHA256    string // hex digest of the bytes read
	Format    Format
	Title     string // the document's title, when it has one
	Clauses   []Clause
}

// Clause is one unit of text that rules are matched against: a sentence, a
// list item or a table cell, with where it came from.
type Clause struct {
	Text string // the clause as a reader sees it, whitespace folded
	// Page is the 1-based page the clause starts on, 0 for formats without
	// pages; Line and EndLine then count lines within that page, and Offset
	// is the position in the text extracted from the pages.
	Page    int
	Line    int      // 1-based line in the source where the clause starts
	EndLine int      // line where it ends (0: same as Line)
	Column  int      // 1-based column of that line, in Unicode code points
	Offset  int      // byte offset of the clause's start in the source
	Section []string // heading path, outermost first
	// Block numbers the paragraph, list item or cell the clause came from;
	// sentences of one paragraph share it.
	Block int
	// Ignore lists the fineprint-ignore comments written just before the
	// clause's block (Markdown and HTML sources).
	Ignore []Ignore
}

// Ignore is an inline suppression, `<!-- fineprint-ignore RULE-ID: reason -->`:
// the rule's findings on the clauses of the next block do not count. A
// comment without a reason suppresses nothing (the audit warns about it).
type Ignore struct {
	Rule   string // "" when the comment names no rule
	Reason string
	Line   int // of the comment in the source
}

// SectionTitle is the innermost heading above the clause, or "".
func (c Clause) SectionTitle() string {
	if len(c.Section) == 0 {
		return ""
	}
	return c.Section[len(c.Section)-1]
}
