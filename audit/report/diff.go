package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/diff"
)

type jsonDiff struct {
	Schema string `json:"schema"`
	Tool   Tool   `json:"tool"`
	*diff.Diff
}

// DiffJSON writes a comparison as one fineprint/diff/v1 document, indented,
// byte-identical for identical input.
func DiffJSON(w io.Writer, d *diff.Diff, tool Tool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonDiff{Schema: diff.Schema, Tool: tool, Diff: d})
}

// DiffText writes a comparison for people: both grades and the delta, the
// findings removed and added with their clause, the changed ones with a
// word diff of the clause ([-deleted-] {+inserted+}, coloured when p is),
// and the unchanged ones a line each.
func DiffText(w io.Writer, d *diff.Diff, p Palette) error {
	tw := &errWriter{w: w}
	diffTextHeader(tw, d, p)
	diffTextClauses(tw, "REMOVED", d.Old.Source, d.Removed, p)
	diffTextClauses(tw, "ADDED", d.New.Source, d.Added, p)
	diffTextChanged(tw, d, p)
	diffTextUnchanged(tw, d, p)
	tw.printf("\n%s\n", diffCounts(d))
	return tw.err
}

func diffTextHeader(w *errWriter, d *diff.Diff, p Palette) {
	sides := []struct {
		label string
		side  diff.Side
	}{{"old", d.Old}, {"new", d.New}}
	for _, s := range sides {
		w.printf("%s %s\n", p.dim.Sprintf("%-3s", s.label), p.bold.Sprint(s.side.Source))
		w.printf("    %s  score %d/100 · risk points %d\n", p.grade[s.side.Grade].Sprintf(" Grade %s ", s.side.Grade), s.side.Score, s.side.RiskPoints)
	}
	w.printf("    grade %s → %s · score %+d · risk points %+d · %s\n",
		d.Old.Grade, d.New.Grade, d.Delta.Score, d.Delta.RiskPoints, diffVerdict(d, p))
}

func diffVerdict(d *diff.Diff, p Palette) string {
	switch {
	case d.Delta.Score > 0:
		return p.good.Sprint("better")
	case d.Delta.Score < 0:
		return p.bad.Sprint("worse")
	}
	return "same score"
}

// diffTextClauses lists findings clause by clause: where, the clause, then
// one line per finding on it.
func diffTextClauses(w *errWriter, title, source string, fs []audit.Finding, p Palette) {
	if len(fs) == 0 {
		return
	}
	w.printf("\n%s\n", p.bold.Sprintf("%s (%d)", title, len(fs)))
	for i, f := range fs {
		if i == 0 || !sameClause(fs[i-1], f) {
			w.printf("  %s\n", p.dim.Sprint(diffWhere(source, f.Location)))
			w.printf("%s\n", wrap(quote(f, p), "    │ ", textWidth))
		}
		w.printf("    %s  %s\n", diffSeverity(f.Severity, p), diffTitle(f, p))
	}
}

func diffSeverity(sev string, p Palette) string {
	return p.severity[sev].Sprintf("● %-8s", sev)
}

func diffTitle(f audit.Finding, p Palette) string {
	return p.bold.Sprint(f.Title) + "  " + p.dim.Sprintf("[%s]", f.Rule)
}

func sameClause(a, b audit.Finding) bool {
	return a.Quote == b.Quote && a.Location.Offset == b.Location.Offset
}

func diffWhere(source string, l audit.Location) string {
	at := fmt.Sprintf("%s:%d", source, l.Line)
	if l.Section != "" {
		at += " · § " + l.Section
	}
	return at
}

func diffTextChanged(w *errWriter, d *diff.Diff, p Palette) {
	if len(d.Changed) == 0 {
		return
	}
	w.printf("\n%s\n", p.bold.Sprintf("CHANGED (%d)", len(d.Changed)))
	for i, c := range d.Changed {
		if i == 0 || !sameChange(d.Changed[i-1], c) {
			w.printf("  %s\n", p.dim.Sprintf("%s:%d → %s", d.Old.Source, c.Old.Location.Line, diffWhere(d.New.Source, c.New.Location)))
			w.printf("%s\n", wrap(wordDiffText(c.Words, p), "    │ ", textWidth))
		}
		line := diffSeverity(c.New.Severity, p) + "  " + diffTitle(c.New, p)
		if c.Old.Severity != c.New.Severity {
			line += p.dim.Sprintf("  (was %s)", c.Old.Severity)
		}
		if c.Worse {
			line += "  " + p.bad.Sprint("worse")
		}
		w.printf("    %s\n", line)
	}
}

func sameChange(a, b diff.Change) bool { return sameClause(a.Old, b.Old) && sameClause(a.New, b.New) }

// wordDiffText is the clause's word diff, deletions marked [-…-] and
// insertions {+…+}, each word coloured on its own so that wrapping keeps
// the colours.
func wordDiffText(edits []diff.Edit, p Palette) string {
	var out []string
	for _, e := range edits {
		words := strings.Fields(e.Text)
		if e.Op == diff.Keep || len(words) == 0 {
			out = append(out, words...)
			continue
		}
		open, end, c := "{+", "+}", p.good
		if e.Op == diff.Delete {
			open, end, c = "[-", "-]", p.bad
		}
		words[0] = open + words[0]
		words[len(words)-1] += end
		for _, word := range words {
			out = append(out, c.Sprint(word))
		}
	}
	return strings.Join(out, " ")
}

func diffTextUnchanged(w *errWriter, d *diff.Diff, p Palette) {
	if len(d.Unchanged) == 0 {
		return
	}
	w.printf("\n%s\n", p.bold.Sprintf("UNCHANGED (%d)", len(d.Unchanged)))
	for _, f := range d.Unchanged {
		w.printf("  %s  %s  %s\n", diffSeverity(f.Severity, p), f.Title, p.dim.Sprintf("[%s] %s:%d", f.Rule, d.New.Source, f.Location.Line))
	}
}

func diffCounts(d *diff.Diff) string {
	return fmt.Sprintf("%d added · %d removed · %d changed · %d unchanged",
		len(d.Added), len(d.Removed), len(d.Changed), len(d.Unchanged))
}

// DiffMarkdown writes a comparison for a pull-request comment or an
// article: a before/after table of the grades, then the findings removed,
// added and changed under their clause (a changed clause as ~~deleted~~
// **inserted** words), and a table of the unchanged ones. Text from the
// documents is escaped as in Markdown.
func DiffMarkdown(w io.Writer, d *diff.Diff, tool Tool) error {
	mw := &errWriter{w: w}
	mw.printf("# fineprint diff\n\n| | Document | Grade | Score | Risk points |\n|---|---|---|---:|---:|\n")
	mw.printf("| Before | %s | **%s** | %d/100 | %d |\n", mdInline(d.Old.Source), mdInline(d.Old.Grade), d.Old.Score, d.Old.RiskPoints)
	mw.printf("| After | %s | **%s** | %d/100 | %d |\n", mdInline(d.New.Source), mdInline(d.New.Grade), d.New.Score, d.New.RiskPoints)
	mw.printf("| Change | | %s → %s | %+d | %+d |\n", mdInline(d.Old.Grade), mdInline(d.New.Grade), d.Delta.Score, d.Delta.RiskPoints)
	mw.printf("\n%s\n", diffCounts(d))
	diffMdClauses(mw, "Removed", d.Old.Source, d.Removed)
	diffMdClauses(mw, "Added", d.New.Source, d.Added)
	diffMdChanged(mw, d)
	diffMdUnchanged(mw, d)
	mw.printf("\n---\n\n*Diff by %s.*\n", mdInline(strings.TrimSpace(tool.Name+" "+tool.Version)))
	return mw.err
}

func diffMdClauses(w *errWriter, title, source string, fs []audit.Finding) {
	if len(fs) == 0 {
		return
	}
	w.printf("\n## %s (%d)\n", title, len(fs))
	for i, f := range fs {
		if i == 0 || !sameClause(fs[i-1], f) {
			w.printf("\n%s\n\n> %s\n\n", diffMdWhere(source, f.Location), mdQuote(f))
		}
		w.printf("- %s\n", diffMdFinding(f))
	}
}

func diffMdWhere(source string, l audit.Location) string {
	at := fmt.Sprintf("%s:%s", mdInline(source), mdLine(l))
	if l.Section != "" {
		at += " · § " + mdInline(l.Section)
	}
	return at
}

func diffMdFinding(f audit.Finding) string {
	return fmt.Sprintf("**%s** %s — %s", capitalize(f.Severity), mdCode(f.Rule), mdInline(f.Title))
}

func diffMdChanged(w *errWriter, d *diff.Diff) {
	if len(d.Changed) == 0 {
		return
	}
	w.printf("\n## Changed (%d)\n", len(d.Changed))
	for i, c := range d.Changed {
		if i == 0 || !sameChange(d.Changed[i-1], c) {
			w.printf("\n%s:%s → %s\n\n> %s\n\n", mdInline(d.Old.Source), mdLine(c.Old.Location), diffMdWhere(d.New.Source, c.New.Location), wordDiffMarkdown(c.Words))
		}
		line := diffMdFinding(c.New)
		if c.Old.Severity != c.New.Severity {
			line += fmt.Sprintf(" (was %s)", c.Old.Severity)
		}
		if c.Worse {
			line += " · **worse**"
		}
		w.printf("- %s\n", line)
	}
}

// wordDiffMarkdown shows deleted words struck through and inserted ones
// in bold.
func wordDiffMarkdown(edits []diff.Edit) string {
	parts := make([]string, 0, len(edits))
	for _, e := range edits {
		switch e.Op {
		case diff.Delete:
			parts = append(parts, "~~"+mdInline(e.Text)+"~~")
		case diff.Insert:
			parts = append(parts, mdBold(e.Text))
		default:
			parts = append(parts, mdInline(e.Text))
		}
	}
	return mdBlockStart(strings.Join(parts, " "))
}

func diffMdUnchanged(w *errWriter, d *diff.Diff) {
	if len(d.Unchanged) == 0 {
		return
	}
	w.printf("\n## Unchanged (%d)\n\n| Severity | Rule | Title | Line |\n|---|---|---|---|\n", len(d.Unchanged))
	for _, f := range d.Unchanged {
		w.printf("| %s | %s | %s | %s |\n", f.Severity, mdCode(f.Rule), mdInline(f.Title), mdLine(f.Location))
	}
}
