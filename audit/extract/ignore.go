package extract

import (
	"strings"

	"github.com/fineprint/fineprint/audit"
)

// ignoreDirective opens a suppression comment:
// <!-- fineprint-ignore RULE-ID[, RULE-ID…]: reason -->.
const ignoreDirective = "fineprint-ignore"

// parseIgnore reads the body of an HTML comment (without <!-- and -->) on
// the given line. It returns false for comments that are not suppressions;
// a suppression without rule or reason comes back with those fields empty,
// for the audit to report.
func parseIgnore(body string, line int) ([]audit.Ignore, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(body), ignoreDirective)
	if !ok || rest != "" && !isSpaceByte(rest[0]) && rest[0] != ':' {
		return nil, false
	}
	ids, reason, _ := strings.Cut(rest, ":")
	reason = strings.Join(strings.Fields(reason), " ")
	var out []audit.Ignore
	for _, id := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		out = append(out, audit.Ignore{Rule: id, Reason: reason, Line: line})
	}
	if len(out) == 0 {
		out = append(out, audit.Ignore{Reason: reason, Line: line})
	}
	return out, true
}

// ignoreNext keeps suppressions for the clauses of the next block.
func (c *collector) ignoreNext(igs []audit.Ignore) {
	c.pending = append(c.pending, igs...)
}
