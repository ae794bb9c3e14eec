package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fineprint/fineprint/audit"
)

// wantClause is a clause a reader expects, where they expect it.
type wantClause struct {
	text    string // the whole clause
	line    int    // 1-based source line
	section string // innermost heading
}

// fixture is a document in testdata and what extracting it must give.
type fixture struct {
	file   string
	title  string
	want   []wantClause
	absent []string // fragments no clause may contain
}

func runFixtures(t *testing.T, format audit.Format, fixtures []fixture) {
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", f.file))
			if err != nil {
				t.Fatal(err)
			}
			clauses, title, err := Extract(data, format)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if title != f.title {
				t.Errorf("title = %q, want %q", title, f.title)
			}
			checkInvariants(t, data, clauses)
			checkStartsAtOffset(t, data, clauses)
			for _, w := range f.want {
				checkClause(t, clauses, w)
			}
			for _, frag := range f.absent {
				for _, c := range clauses {
					if strings.Contains(c.Text, frag) {
						t.Errorf("clause %q (line %d) contains %q, which should be dropped", c.Text, c.Line, frag)
					}
				}
			}
		})
	}
}

func checkClause(t *testing.T, clauses []audit.Clause, w wantClause) {
	t.Helper()
	for _, c := range clauses {
		if c.Text != w.text {
			continue
		}
		if c.Line != w.line {
			t.Errorf("%q: line %d, want %d", w.text, c.Line, w.line)
		}
		if c.SectionTitle() != w.section {
			t.Errorf("%q: section %q, want %q", w.text, c.SectionTitle(), w.section)
		}
		return
	}
	t.Errorf("no clause %q; got:\n%s", w.text, dump(clauses))
}

func dump(clauses []audit.Clause) string {
	var b strings.Builder
	for _, c := range clauses {
		b.WriteString("  ")
		b.WriteString(c.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// checkStartsAtOffset: a clause starting with an ASCII letter or digit
// starts with that byte at its offset in the source.
func checkStartsAtOffset(t *testing.T, data []byte, clauses []audit.Clause) {
	t.Helper()
	for _, c := range clauses {
		if first := c.Text[0]; isAlnum(first) && data[c.Offset] != first {
			t.Errorf("%q: source at offset %d (line %d:%d) is %q", c.Text, c.Offset, c.Line, c.Column,
				data[c.Offset:min(len(data), c.Offset+20)])
		}
	}
}

// checkInvariants holds for every input, including fuzzed ones.
func checkInvariants(t *testing.T, data []byte, clauses []audit.Clause) {
	t.Helper()
	lastBlock, lines := 0, newLineIndex(data)
	prevStart, prevOffset, prevCol := -1, 0, 1
	for _, c := range clauses {
		switch {
		case c.Text == "" || c.Text != strings.TrimSpace(c.Text) || strings.Contains(c.Text, "  "):
			t.Fatalf("clause text not folded and trimmed: %q", c.Text)
		case !utf8.ValidString(c.Text):
			t.Fatalf("clause text is not valid UTF-8: %q", c.Text)
		case !hasLetter(c.Text):
			t.Fatalf("clause without a letter: %q", c.Text)
		case c.Line < 1 || c.Column < 1 || c.Offset < 0 || c.Offset >= len(data):
			t.Fatalf("clause %q at line %d col %d offset %d, outside a %d-byte source", c.Text, c.Line, c.Column, c.Offset, len(data))
		case c.Block < lastBlock || c.Block > lastBlock+1:
			t.Fatalf("clause %q: block %d after block %d", c.Text, c.Block, lastBlock)
		}
		line, lineStart := lines.position(c.Offset)
		// Count characters from the previous clause when it is on the same
		// line, so that a one-line megabyte does not make this quadratic.
		if lineStart != prevStart || c.Offset < prevOffset {
			prevStart, prevOffset, prevCol = lineStart, lineStart, 1
		}
		prevCol += utf8.RuneCount(data[prevOffset:c.Offset])
		prevOffset = c.Offset
		col := prevCol
		if line != c.Line || col != c.Column {
			t.Fatalf("clause %q: line:col %d:%d, offset %d is at %d:%d", c.Text, c.Line, c.Column, c.Offset, line, col)
		}
		lastBlock = c.Block
	}
}
