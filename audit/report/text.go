package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/fineprint/fineprint/audit"
)

// Palette colours the text report; a zero-value-free palette from
// NewPalette(false) prints plain text.
type Palette struct {
	grade    map[string]*color.Color
	severity map[string]*color.Color
	bold     *color.Color
	dim      *color.Color
	mark     *color.Color
	good     *color.Color
	bad      *color.Color
}

// NewPalette returns the report colours, switched on or off.
func NewPalette(enabled bool) Palette {
	c := func(attrs ...color.Attribute) *color.Color {
		col := color.New(attrs...)
		if enabled {
			col.EnableColor()
		} else {
			col.DisableColor()
		}
		return col
	}
	return Palette{
		grade: map[string]*color.Color{
			"A": c(color.FgHiWhite, color.BgGreen, color.Bold), "B": c(color.FgBlack, color.BgHiGreen, color.Bold),
			"C": c(color.FgBlack, color.BgYellow, color.Bold), "D": c(color.FgHiWhite, color.BgHiRed, color.Bold),
			"E": c(color.FgHiWhite, color.BgRed, color.Bold),
		},
		severity: map[string]*color.Color{
			"critical": c(color.FgRed, color.Bold), "high": c(color.FgHiRed), "medium": c(color.FgYellow), "low": c(color.FgCyan),
		},
		bold: c(color.Bold), dim: c(color.Faint), mark: c(color.FgHiYellow, color.Bold, color.Underline),
		good: c(color.FgGreen), bad: c(color.FgRed, color.Bold),
	}
}

var severities = []string{"critical", "high", "medium", "low"}

var kindNames = map[string]string{
	audit.KindOffer: "offer terms", audit.KindTOS: "terms of service", audit.KindPrivacy: "privacy policy", audit.KindUnknown: "document",
}

var languageNames = map[string]string{"en": "English", "fr": "French"}

// textWidth is where prose is wrapped.
const textWidth = 100

// Text writes the reports for people: the grade, then the findings grouped
// by severity, each with its quote (trigger highlighted), why it matters,
// the law and a fix.
func Text(w io.Writer, reports []*audit.Report, p Palette) error {
	tw := &errWriter{w: w}
	for i, r := range reports {
		if i > 0 {
			tw.printf("\n")
		}
		textDocument(tw, r, p)
	}
	if len(reports) > 1 {
		textTotals(tw, reports, p)
	}
	return tw.err
}

func textDocument(w *errWriter, r *audit.Report, p Palette) {
	w.printf("%s\n", p.bold.Sprint(r.Source))
	if r.Error != nil {
		w.printf("  %s %s\n", p.bad.Sprint("error:"), *r.Error)
		return
	}
	w.printf("  %s · %s · %d clauses\n", kindNames[r.Kind], languageNames[r.Language], r.Clauses)
	w.printf("  %s  score %d/100 · risk points %d\n", p.grade[r.Grade].Sprintf(" Grade %s ", r.Grade), r.Score, r.RiskPoints)
	counted := audit.Counted(r.Findings)
	for _, sev := range severities {
		var group []audit.Finding
		for _, f := range counted {
			if f.Severity == sev {
				group = append(group, f)
			}
		}
		if len(group) == 0 {
			continue
		}
		w.printf("\n%s\n", p.severity[sev].Sprintf("%s (%d)", strings.ToUpper(sev), len(group)))
		for _, f := range group {
			textFinding(w, r.Source, f, p)
		}
	}
	textSignals(w, r, p)
	textSuppressed(w, r, p)
	w.printf("\n  %s\n", summary(r))
}

// textSuppressed lists, one line each, the findings that do not count.
func textSuppressed(w *errWriter, r *audit.Report, p Palette) {
	n := len(r.Findings) - len(audit.Counted(r.Findings))
	if n == 0 {
		return
	}
	w.printf("\n%s\n", p.dim.Sprintf("SUPPRESSED (%d)", n))
	for _, f := range r.Findings {
		if s := f.Suppressed; s != nil {
			w.printf("  %s %s  %s\n", p.dim.Sprint("○"), f.Title, p.dim.Sprintf("[%s] %s:%d · %s", f.Rule, r.Source, f.Location.Line, s.Kind))
			w.printf("%s\n", wrap("Why accepted: "+s.Justification, "    ", textWidth))
		}
	}
}

func textFinding(w *errWriter, source string, f audit.Finding, p Palette) {
	w.printf("  %s %s  %s\n", p.severity[f.Severity].Sprint("●"), p.bold.Sprint(f.Title), p.dim.Sprintf("[%s]", f.Rule))
	where := fmt.Sprintf("%s:%d", source, f.Location.Line)
	if f.Location.Page > 0 {
		where = fmt.Sprintf("%s p.%d:%d", source, f.Location.Page, f.Location.Line)
	}
	if f.Location.Section != "" {
		where += " · § " + f.Location.Section
	}
	w.printf("    %s\n", p.dim.Sprint(where))
	if len(f.Compound) > 0 {
		parts := make([]string, len(f.Compound))
		for i, id := range f.Compound {
			parts[i] = id
			if slices.Contains(f.Whole, id) {
				parts[i] += " (whole document)"
			}
		}
		w.printf("    %s %s\n", p.dim.Sprint("combines:"), strings.Join(parts, ", "))
	}
	w.printf("%s\n", wrap(quote(f, p), "    │ ", textWidth))
	w.printf("%s\n", wrap("Why: "+f.Explanation, "    ", textWidth))
	if len(f.Legal) > 0 {
		w.printf("%s\n", wrap("Law: "+strings.Join(f.Legal, "; "), "    ", textWidth))
	}
	w.printf("%s\n", wrap("Fix: "+f.Fix, "    ", textWidth))
}

// quoteLimit bounds how much of a long clause is quoted around its match.
const quoteLimit = 600

// quote returns the clause with its triggering words highlighted, cut
// around them when the clause is very long.
func quote(f audit.Finding, p Palette) string {
	text, spans := f.Quote, f.Highlights
	lo, hi := 0, len(text)
	if len(text) > quoteLimit && len(spans) > 0 {
		lo = max(0, spans[0].Start-quoteLimit/3)
		hi = min(len(text), max(spans[len(spans)-1].End, lo+quoteLimit))
		lo, hi = runeStart(text, lo), runeStart(text, hi)
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	at := lo
	for _, s := range spans {
		if s.Start < at || s.End > hi {
			continue
		}
		b.WriteString(text[at:s.Start])
		b.WriteString(p.mark.Sprint(text[s.Start:s.End]))
		at = s.End
	}
	b.WriteString(text[at:hi])
	if hi < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func textSignals(w *errWriter, r *audit.Report, p Palette) {
	if len(r.Signals) == 0 {
		return
	}
	w.printf("\n%s\n", p.good.Sprintf("GOOD PRACTICE (%d)", len(r.Signals)))
	for _, s := range r.Signals {
		note := fmt.Sprintf("+%d", s.Bonus)
		if s.Void {
			note = "void: contradicted by a serious finding"
		}
		w.printf("  %s %s  %s\n", p.good.Sprint("✓"), s.Title, p.dim.Sprintf("%s:%d · %s", r.Source, s.Location.Line, note))
	}
}

func summary(r *audit.Report) string {
	counts := map[string]int{}
	counted := audit.Counted(r.Findings)
	for _, f := range counted {
		counts[f.Severity]++
	}
	parts := make([]string, 0, len(severities)+1)
	for _, s := range severities {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	if n := len(r.Findings) - len(counted); n > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", n))
	}
	return fmt.Sprintf("%s · %d good practice", strings.Join(parts, ", "), len(r.Signals))
}

func textTotals(w *errWriter, reports []*audit.Report, p Palette) {
	grades := map[string]int{}
	failed := 0
	for _, r := range reports {
		if r.Error != nil {
			failed++
			continue
		}
		grades[r.Grade]++
	}
	var parts []string
	for _, g := range []string{"A", "B", "C", "D", "E"} {
		if grades[g] > 0 {
			parts = append(parts, fmt.Sprintf("%d×%s", grades[g], g))
		}
	}
	line := fmt.Sprintf("\n%d documents: %s", len(reports), strings.Join(parts, " "))
	if failed > 0 {
		line += p.bad.Sprintf(" · %d could not be read", failed)
	}
	w.printf("%s\n", line)
}

// wrap folds text into lines of at most width visible characters, each
// starting with prefix. Colour codes do not count toward the width.
func wrap(text, prefix string, width int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		n := visibleLen(word)
		if i == 0 || line+1+n > width-visibleLen(prefix) {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(prefix)
			b.WriteString(word)
			line = n
			continue
		}
		b.WriteByte(' ')
		b.WriteString(word)
		line += 1 + n
	}
	return b.String()
}

// visibleLen counts runes outside ANSI escape sequences.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n++
		}
	}
	return n
}

// errWriter keeps the first write error so rendering code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
