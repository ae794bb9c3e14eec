package extract

import (
	"testing"

	"github.com/fineprint/fineprint/audit"
)

// TestEndLine: a clause knows the line where it ends, for every format.
func TestEndLine(t *testing.T) {
	tests := []struct {
		format audit.Format
		src    string
	}{
		{audit.FormatHTML, "<html><body>\n<p>We may change\nthese terms at any\ntime. Short one.</p>\n</body></html>"},
		{audit.FormatMarkdown, "# Terms\n\nWe may change\nthese terms at any\ntime. Short one.\n"},
		{audit.FormatText, "TERMS\n\nWe may change\nthese terms at any\ntime. Short one.\n"},
	}
	for _, tc := range tests {
		clauses, _, err := Extract([]byte(tc.src), tc.format)
		if err != nil {
			t.Fatal(err)
		}
		if len(clauses) != 2 {
			t.Fatalf("%s: got %d clauses, want 2", tc.format, len(clauses))
		}
		first, second := clauses[0], clauses[1]
		if first.EndLine != first.Line+2 || second.Line != first.Line+2 || second.EndLine != second.Line {
			t.Errorf("%s: lines %d-%d and %d-%d", tc.format, first.Line, first.EndLine, second.Line, second.EndLine)
		}
	}
}
