package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fineprint/fineprint/audit"
)

//go:embed html.tmpl
var htmlTemplate string

// HTML writes the reports as one self-contained web page, for a reader or
// for publication: per document the grade, the score and the findings,
// then the document itself with each flagged clause highlighted and
// linked to its findings (and back). The page loads nothing (styles are
// inline, there is no script, and its Content-Security-Policy forbids
// both), and everything taken from the audited documents is escaped by
// html/template, so a clause cannot inject markup or run code.
func HTML(w io.Writer, reports []*audit.Report, tool Tool) error {
	t, err := template.New("report.html").Parse(htmlTemplate)
	if err != nil {
		return fmt.Errorf("html report: template: %w", err)
	}
	return t.Execute(w, newHTMLPage(reports, tool))
}

// htmlPage is what the template shows.
type htmlPage struct {
	Title    string
	Tool     string
	Docs     []htmlDoc
	Overview bool // several documents: a table of them comes first
	Grades   []gradeBand
}

// htmlDoc is one audited document.
type htmlDoc struct {
	ID, Heading, Source, URL string
	Error                    string
	Kicker                   string // kind · language · clauses
	Lang                     string // the document's language, for lang=""
	Grade, GradeMeaning      string
	Score, RiskPoints        int
	Dek                      string // one sentence summing up the findings
	Tally                    []sevCount
	Findings                 []htmlFinding // counted, most serious first
	Suppressed               []htmlFinding
	Signals                  []htmlSignal
	Parts                    []docPart
}

type sevCount struct {
	Severity, Label string
	Count           int
}

// htmlFinding is a finding as listed, numbered as the document view cites it.
type htmlFinding struct {
	audit.Finding
	ID, ClauseID  string
	N             int
	SeverityLabel string
	Where         string
	Short         string // the section, or the line when there is none
	Quote         []segment
}

type htmlSignal struct {
	audit.Signal
	ID, ClauseID, Where, Note string
}

// docPart is a paragraph of the document view, with the headings (and the
// page) that start before it.
type docPart struct {
	Headings []heading
	Page     int
	Clauses  []htmlClause
}

type heading struct {
	Level int // 1 for the outermost section
	Text  string
}

// htmlClause is one clause of the document view. Severity is that of its
// most serious counted finding, "suppressed" when all its findings are
// suppressed, "" when it has none.
type htmlClause struct {
	ID       string
	Line     int
	Text     []segment
	Severity string
	Refs     []clauseRef
	Good     string // the id of its good-practice signal, if any
}

// clauseRef links a clause to one of its findings.
type clauseRef struct {
	ID       string
	N        int
	Severity string
	Title    string
}

// segment is a run of text, marked when it triggered a rule.
type segment struct {
	Text string
	Mark bool
}

// gradeBand explains a grade in the page's legend.
type gradeBand struct {
	Grade, Range, Meaning string
}

// gradeBands restates the README's grade table.
func gradeBands() []gradeBand {
	return []gradeBand{
		{"A", "85–100", "no high or critical finding, few medium ones"},
		{"B", "70–84", "fair overall; some high or several medium issues"},
		{"C", "55–69", "several significant issues: read before accepting"},
		{"D", "40–54", "at least one critical issue, or many high ones"},
		{"E", "0–39", "several critical issues or a blocker pattern: do not accept without advice"},
	}
}

func newHTMLPage(reports []*audit.Report, tool Tool) htmlPage {
	p := htmlPage{Tool: strings.TrimSpace(tool.Name + " " + tool.Version), Overview: len(reports) > 1, Grades: gradeBands()}
	for i, r := range reports {
		p.Docs = append(p.Docs, newHTMLDoc(fmt.Sprintf("d%d", i+1), r))
	}
	p.Title = fmt.Sprintf("fineprint report: %d documents", len(reports))
	if len(p.Docs) == 1 {
		p.Title = "fineprint report: " + p.Docs[0].Heading
	}
	return p
}

func newHTMLDoc(id string, r *audit.Report) htmlDoc {
	d := htmlDoc{ID: id, Heading: cmp.Or(strings.TrimSpace(r.Title), r.Source), Source: r.Source, URL: webURL(r)}
	if r.Error != nil {
		d.Error = *r.Error
		return d
	}
	d.Kicker = fmt.Sprintf("%s · %s · %d clauses", cmp.Or(kindNames[r.Kind], "document"), cmp.Or(languageNames[r.Language], r.Language), r.Clauses)
	d.Lang, d.Grade, d.Score, d.RiskPoints = r.Language, r.Grade, r.Score, r.RiskPoints
	for _, g := range gradeBands() {
		if g.Grade == r.Grade {
			d.GradeMeaning = g.Meaning
		}
	}
	d.Findings, d.Suppressed = htmlFindings(id, r)
	d.Tally = tally(d.Findings)
	d.Dek = dek(r, d.Tally)
	d.Signals = htmlSignals(id, r)
	d.Parts = documentParts(id, r.Body, clauseNotes(r, d))
	return d
}

// webURL is the page the report is about, when it is on the web.
func webURL(r *audit.Report) string {
	for _, u := range []string{r.FinalURL, r.Source} {
		if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			return u
		}
	}
	return ""
}

// htmlFindings numbers the counted findings, most serious first, then the
// suppressed ones in document order.
func htmlFindings(id string, r *audit.Report) (counted, suppressed []htmlFinding) {
	var quiet []audit.Finding
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			quiet = append(quiet, f)
		}
	}
	n := 0
	add := func(list []htmlFinding, f audit.Finding) []htmlFinding {
		n++
		return append(list, htmlFinding{
			Finding: f, ID: fmt.Sprintf("%s-f%d", id, n), ClauseID: clauseID(id, r.Body, f.ClauseIndex()),
			N: n, SeverityLabel: capitalize(f.Severity), Where: where(f.Location), Short: shortWhere(f.Location),
			Quote: quoteSegments(f),
		})
	}
	for _, f := range bySeverity(audit.Counted(r.Findings)) {
		counted = add(counted, f)
	}
	for _, f := range quiet {
		suppressed = add(suppressed, f)
	}
	return counted, suppressed
}

// clauseID is the anchor of clause i in the document view, "" when the
// report does not hold that clause.
func clauseID(id string, body []audit.Clause, i int) string {
	if i < 0 || i >= len(body) {
		return ""
	}
	return fmt.Sprintf("%s-c%d", id, i+1)
}

func htmlSignals(id string, r *audit.Report) []htmlSignal {
	var out []htmlSignal
	for i, s := range r.Signals {
		note := fmt.Sprintf("+%d points", s.Bonus)
		if s.Void {
			note = "void: contradicted by a serious finding"
		}
		out = append(out, htmlSignal{
			Signal: s, ID: fmt.Sprintf("%s-s%d", id, i+1), ClauseID: clauseID(id, r.Body, clauseAt(r.Body, s.Location)),
			Where: where(s.Location), Note: note,
		})
	}
	return out
}

// clauseAt finds the clause at a location, or returns -1.
func clauseAt(body []audit.Clause, l audit.Location) int {
	return slices.IndexFunc(body, func(c audit.Clause) bool {
		return c.Offset == l.Offset && c.Line == l.Line && c.Page == l.Page
	})
}

// where says where a clause is, for a reader: page, line(s), section.
func where(l audit.Location) string {
	s := fmt.Sprintf("Line %d", l.Line)
	if l.EndLine > l.Line {
		s = fmt.Sprintf("Lines %d–%d", l.Line, l.EndLine)
	}
	if l.Page > 0 {
		s = fmt.Sprintf("Page %d, %s", l.Page, strings.ToLower(s[:1])+s[1:])
	}
	if l.Section != "" {
		s += " · § " + l.Section
	}
	return s
}

// shortWhere names a clause's section, or its line.
func shortWhere(l audit.Location) string {
	if l.Section != "" {
		return "§ " + l.Section
	}
	return fmt.Sprintf("line %d", l.Line)
}

func tally(fs []htmlFinding) []sevCount {
	out := make([]sevCount, len(severities))
	for i, sev := range severities {
		out[i] = sevCount{Severity: sev, Label: capitalize(sev)}
		for _, f := range fs {
			if f.Severity == sev {
				out[i].Count++
			}
		}
	}
	return out
}

// dek sums the findings up in a sentence.
func dek(r *audit.Report, counts []sevCount) string {
	flagged := map[int]bool{}
	var parts []string
	for _, f := range audit.Counted(r.Findings) {
		flagged[f.ClauseIndex()] = true
	}
	for _, c := range counts {
		if c.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Severity))
		}
	}
	s := fmt.Sprintf("No risky clause found among the %d audited.", r.Clauses)
	if len(parts) > 0 {
		s = fmt.Sprintf("%d of %d clauses flagged, with %s %s.", len(flagged), r.Clauses,
			plural(len(audit.Counted(r.Findings)), "finding", "findings"), joinAnd(parts))
	}
	if good := len(r.Signals) - voidSignals(r.Signals); good > 0 {
		s += " " + plural(good, "sign", "signs") + " of good practice."
	}
	return s
}

func voidSignals(ss []audit.Signal) int {
	n := 0
	for _, s := range ss {
		if s.Void {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// joinAnd writes "a, b and c", in parentheses.
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return "(" + parts[0] + ")"
	}
	return "(" + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + ")"
}

// clauseNote is what the document view shows on one clause.
type clauseNote struct {
	refs     []clauseRef
	spans    []audit.Span
	severity string
	good     string
}

// clauseNotes gathers, per clause index, the findings and signals on it.
func clauseNotes(r *audit.Report, d htmlDoc) map[int]*clauseNote {
	notes := map[int]*clauseNote{}
	note := func(i int) *clauseNote {
		if notes[i] == nil {
			notes[i] = &clauseNote{}
		}
		return notes[i]
	}
	for _, list := range [][]htmlFinding{d.Findings, d.Suppressed} {
		for _, f := range list {
			n := note(f.ClauseIndex())
			sev := f.Severity
			if f.Suppressed != nil {
				sev = "suppressed"
			}
			n.refs = append(n.refs, clauseRef{ID: f.ID, N: f.N, Severity: sev, Title: f.Title})
			n.spans = append(n.spans, f.Highlights...)
			n.severity = moreSevere(n.severity, sev)
		}
	}
	for _, s := range d.Signals {
		if i := clauseAt(r.Body, s.Location); i >= 0 && !s.Void {
			note(i).good = s.ID
		}
	}
	return notes
}

// moreSevere returns the more serious of two severities; "suppressed"
// ranks below them all, and "" below that.
func moreSevere(a, b string) string {
	rank := func(s string) int {
		if i := slices.Index(severities, s); i >= 0 {
			return i
		}
		if s == "suppressed" {
			return len(severities)
		}
		return len(severities) + 1
	}
	if rank(b) < rank(a) {
		return b
	}
	return a
}

// documentParts lays the clauses out as the document: a paragraph per
// block, each section's headings before its first paragraph.
func documentParts(id string, body []audit.Clause, notes map[int]*clauseNote) []docPart {
	var parts []docPart
	for i, c := range body {
		var prev *audit.Clause
		if i > 0 {
			prev = &body[i-1]
		}
		if p, ok := newPart(prev, c); ok {
			parts = append(parts, p)
		}
		last := &parts[len(parts)-1]
		last.Clauses = append(last.Clauses, newHTMLClause(clauseID(id, body, i), c, notes[i]))
	}
	return parts
}

// newPart starts a paragraph when c begins a block, a section or a page.
func newPart(prev *audit.Clause, c audit.Clause) (docPart, bool) {
	if prev == nil {
		return docPart{Headings: headings(nil, c.Section), Page: c.Page}, true
	}
	var p docPart
	if c.Page != prev.Page {
		p.Page = c.Page
	}
	sameSection := slices.Equal(prev.Section, c.Section)
	if !sameSection {
		p.Headings = headings(prev.Section, c.Section)
	}
	return p, !sameSection || c.Block != prev.Block || p.Page != 0
}

// headings are the sections of to that from is not in.
func headings(from, to []string) []heading {
	common := 0
	for common < len(from) && common < len(to) && from[common] == to[common] {
		common++
	}
	var hs []heading
	for i := common; i < len(to); i++ {
		hs = append(hs, heading{Level: i + 1, Text: to[i]})
	}
	return hs
}

func newHTMLClause(id string, c audit.Clause, n *clauseNote) htmlClause {
	hc := htmlClause{ID: id, Line: c.Line}
	if n == nil {
		hc.Text = []segment{{Text: c.Text}}
		return hc
	}
	hc.Text = marked(c.Text, n.spans)
	hc.Severity, hc.Refs, hc.Good = n.severity, n.refs, n.good
	return hc
}

// quoteSegments is the finding's clause (cut around its trigger when very
// long) with the triggering words marked.
func quoteSegments(f audit.Finding) []segment {
	lo, hi := clip(f, quoteLimit)
	var spans []audit.Span
	for _, s := range f.Highlights {
		if s.End <= len(f.Quote) { // else malformed: marked drops it too
			spans = append(spans, audit.Span{Start: s.Start - lo, End: min(s.End, hi) - lo})
		}
	}
	segs := marked(f.Quote[lo:hi], spans)
	if lo > 0 {
		segs = append([]segment{{Text: "…"}}, segs...)
	}
	if hi < len(f.Quote) {
		segs = append(segs, segment{Text: "…"})
	}
	return segs
}

// marked splits text into runs, marking the bytes inside spans. Spans may
// overlap or come in any order; those that do not fall on character
// boundaries inside text are ignored.
func marked(text string, spans []audit.Span) []segment {
	valid := slices.DeleteFunc(slices.Clone(spans), func(s audit.Span) bool {
		return s.Start < 0 || s.End > len(text) || s.Start >= s.End ||
			!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End]))
	})
	slices.SortFunc(valid, func(a, b audit.Span) int { return cmp.Compare(a.Start, b.Start) })
	var segs []segment
	at := 0
	for _, s := range valid {
		if s.End <= at {
			continue
		}
		start := max(s.Start, at)
		if start > at {
			segs = append(segs, segment{Text: text[at:start]})
		}
		if n := len(segs); n > 0 && segs[n-1].Mark && start == at {
			segs[n-1].Text += text[start:s.End]
		} else {
			segs = append(segs, segment{Text: text[start:s.End], Mark: true})
		}
		at = s.End
	}
	if at < len(text) {
		segs = append(segs, segment{Text: text[at:]})
	}
	return segs
}
