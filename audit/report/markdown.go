package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fineprint/fineprint/audit"
)

// Markdown writes the reports for a pull-request comment or an article:
// per document a grade badge, a table of the findings, then each finding
// with its clause quoted, why it matters, the law and a fix. Everything
// taken from the audited documents is escaped, so a clause cannot inject
// markup, links, HTML or mentions into the page.
func Markdown(w io.Writer, reports []*audit.Report, tool Tool) error {
	mw := &errWriter{w: w}
	mw.printf("# fineprint report\n")
	if len(reports) > 1 {
		mdTotals(mw, reports)
	}
	for _, r := range reports {
		mdDocument(mw, r)
	}
	mw.printf("\n---\n\n*Report by %s.*\n", mdInline(strings.TrimSpace(tool.Name+" "+tool.Version)))
	return mw.err
}

// mdTotals is the overview of several documents: one row each.
func mdTotals(w *errWriter, reports []*audit.Report) {
	w.printf("\n| Document | Grade | Score | Critical | High | Medium | Low |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range reports {
		if r.Error != nil {
			w.printf("| %s | could not be read | | | | | |\n", mdInline(r.Source))
			continue
		}
		counts := severityCounts(r)
		w.printf("| %s | **%s** | %d/100 | %d | %d | %d | %d |\n", mdInline(r.Source), mdInline(r.Grade), r.Score,
			counts["critical"], counts["high"], counts["medium"], counts["low"])
	}
}

// severityCounts counts the findings that count (not suppressed).
func severityCounts(r *audit.Report) map[string]int {
	counts := map[string]int{}
	for _, f := range audit.Counted(r.Findings) {
		counts[f.Severity]++
	}
	return counts
}

func mdDocument(w *errWriter, r *audit.Report) {
	w.printf("\n## %s\n\n", mdText(r.Source))
	if r.Error != nil {
		w.printf("**Could not be read:** %s\n", mdInline(*r.Error))
		return
	}
	lang := cmp.Or(languageNames[r.Language], r.Language)
	w.printf("**Grade %s** · %d/100 · risk points %d · %s · %s · %d clauses\n",
		mdInline(r.Grade), r.Score, r.RiskPoints, mdInline(kindNames[r.Kind]), mdInline(lang), r.Clauses)
	findings := bySeverity(audit.Counted(r.Findings))
	if len(findings) == 0 {
		w.printf("\nNo risky clause found.\n")
	} else {
		w.printf("\n| # | Severity | Rule | Title | Line |\n|---:|---|---|---|---|\n")
		for i, f := range findings {
			w.printf("| %d | %s | %s | %s | %s |\n", i+1, f.Severity, mdCode(f.Rule), mdInline(f.Title), mdLine(f.Location))
		}
		for i, f := range findings {
			mdFinding(w, i+1, r.Source, f)
		}
	}
	mdSuppressed(w, r.Findings)
	mdSignals(w, r)
	w.printf("\n%s\n", mdSummary(r, len(findings)))
}

// mdSummary counts the findings that count, by severity.
func mdSummary(r *audit.Report, counted int) string {
	counts := severityCounts(r)
	parts := make([]string, 0, len(severities)+2)
	for _, s := range severities {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	s := strings.Join(parts, ", ")
	if n := len(r.Findings) - counted; n > 0 {
		s += fmt.Sprintf(" · %d suppressed", n)
	}
	return s + fmt.Sprintf(" · %d good practice", len(r.Signals))
}

var suppressionNames = map[string]string{
	audit.SuppressedInSource: "fineprint-ignore comment", audit.SuppressedByConfig: "configuration", audit.SuppressedByBaseline: "baseline",
}

// mdSuppressed lists the findings that were suppressed, with who
// suppressed them and why; they do not count toward the grade.
func mdSuppressed(w *errWriter, fs []audit.Finding) {
	var sup []audit.Finding
	for _, f := range fs {
		if f.Suppressed != nil {
			sup = append(sup, f)
		}
	}
	if len(sup) == 0 {
		return
	}
	w.printf("\n**Suppressed (%d)**, not counted in the grade:\n\n| Severity | Rule | Title | Line | By | Reason |\n|---|---|---|---|---|---|\n", len(sup))
	for _, f := range bySeverity(sup) {
		by := cmp.Or(suppressionNames[f.Suppressed.Kind], f.Suppressed.Kind)
		w.printf("| %s | %s | %s | %s | %s | %s |\n", f.Severity, mdCode(f.Rule), mdInline(f.Title), mdLine(f.Location),
			mdInline(by), mdInline(f.Suppressed.Justification))
	}
}

// bySeverity orders findings most serious first, by position within a
// severity (the report's own order).
func bySeverity(fs []audit.Finding) []audit.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b audit.Finding) int {
		return slices.Index(severities, a.Severity) - slices.Index(severities, b.Severity)
	})
	return out
}

func mdFinding(w *errWriter, n int, source string, f audit.Finding) {
	w.printf("\n### %d. %s\n\n", n, mdInline(f.Title))
	where := fmt.Sprintf("%s:%s", mdInline(source), mdLine(f.Location))
	if f.Location.Section != "" {
		where += " · § " + mdInline(f.Location.Section)
	}
	w.printf("**%s** · %s · %s\n", capitalize(f.Severity), mdCode(f.Rule), where)
	if len(f.Compound) > 0 {
		codes := make([]string, len(f.Compound))
		for i, id := range f.Compound {
			codes[i] = mdCode(id)
			if slices.Contains(f.Whole, id) {
				codes[i] += " (whole document)"
			}
		}
		w.printf("\nCombines %s.\n", strings.Join(codes, ", "))
	}
	w.printf("\n> %s\n", mdQuote(f))
	w.printf("\n**Why it matters:** %s\n", mdInline(f.Explanation))
	if len(f.Legal) > 0 {
		w.printf("\n**Law:**\n\n")
		for _, l := range f.Legal {
			w.printf("- %s\n", mdText(l))
		}
	}
	w.printf("\n**Fix:** %s\n", mdInline(f.Fix))
}

func mdSignals(w *errWriter, r *audit.Report) {
	if len(r.Signals) == 0 {
		return
	}
	w.printf("\n**Good practice (%d)**\n\n", len(r.Signals))
	for _, s := range r.Signals {
		note := fmt.Sprintf("+%d", s.Bonus)
		if s.Void {
			note = "void: contradicted by a serious finding"
		}
		w.printf("- %s · line %s · %s\n", mdText(s.Title), mdLine(s.Location), note)
	}
}

// mdLine says where a clause is: its line or lines, and its page in a
// paged format.
func mdLine(l audit.Location) string {
	s := fmt.Sprint(l.Line)
	if l.EndLine > l.Line {
		s = fmt.Sprintf("%d–%d", l.Line, l.EndLine)
	}
	if l.Page > 0 {
		s = fmt.Sprintf("p. %d, %s", l.Page, s)
	}
	return s
}

// mdQuote is the clause (cut around its trigger when very long) with the
// triggering words in bold.
func mdQuote(f audit.Finding) string {
	lo, hi := clip(f, quoteLimit)
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	at := lo
	for _, s := range f.Highlights {
		if s.Start < at || s.End > hi || s.Start >= s.End {
			continue
		}
		b.WriteString(mdInline(f.Quote[at:s.Start]))
		b.WriteString(mdBold(f.Quote[s.Start:s.End]))
		at = s.End
	}
	b.WriteString(mdInline(f.Quote[at:hi]))
	if hi < len(f.Quote) {
		b.WriteString("…")
	}
	return mdBlockStart(strings.TrimSpace(b.String()))
}

// mdBold puts text in bold, with its edge spaces outside the asterisks
// (where CommonMark would not see them as emphasis).
func mdBold(s string) string {
	core := strings.TrimSpace(s)
	if core == "" {
		return mdInline(s)
	}
	lead, trail := "", ""
	if core[0] != s[0] {
		lead = " "
	}
	if core[len(core)-1] != s[len(s)-1] {
		trail = " "
	}
	return lead + "**" + mdInline(core) + "**" + trail
}

// excerpt is the clause as plain text, cut to about limit bytes around
// its trigger.
func excerpt(f audit.Finding, limit int) string {
	lo, hi := clip(f, limit)
	s := f.Quote[lo:hi]
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(f.Quote) {
		s += "…"
	}
	return s
}

// clip returns the byte range of the quote to show: all of it, or about
// limit bytes starting a little before the words that triggered the rule.
func clip(f audit.Finding, limit int) (lo, hi int) {
	text := f.Quote
	if len(text) <= limit {
		return 0, len(text)
	}
	if len(f.Highlights) > 0 {
		lo = max(0, f.Highlights[0].Start-limit/3)
	}
	hi = min(len(text), lo+limit)
	return runeStart(text, lo), runeStart(text, hi)
}

// mdInline escapes text for the inside of a Markdown line: every
// character that could start emphasis, code, a link, an image, HTML, an
// entity, a table cell, strikethrough or math is backslash-escaped, an
// @mention is broken with a zero-width space (GitHub would notify the
// account), and runs of whitespace become one space so the text stays on
// one line.
func mdInline(s string) string {
	const special = "\\`*_[]<>|~$&"
	var b strings.Builder
	prev := 'x' // a space at the start is kept: s may follow other text
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if !unicode.IsSpace(prev) {
				b.WriteByte(' ')
			}
		case r < utf8.RuneSelf && strings.ContainsRune(special, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@' && !isWordRune(prev):
			b.WriteString("@\u200b")
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// mdText escapes text that starts a line, where "#", "-", "+", "=", ">"
// or "1." would begin a heading, a list or a quote.
func mdText(s string) string { return mdBlockStart(strings.TrimSpace(mdInline(s))) }

func mdBlockStart(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("#-+=", rune(s[0])) {
		return "\\" + s
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') {
		return s[:digits] + "\\" + s[digits:]
	}
	return s
}

// mdCode shows an identifier as code, or escaped when it holds a backtick.
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`|\n") {
		return mdInline(s)
	}
	return "`" + s + "`"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
