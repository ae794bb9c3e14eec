package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

// addSeeds adds the testdata fixtures with the given extension and extra
// snippets to a fuzz corpus.
func addSeeds(f *testing.F, ext string, snippets ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range snippets {
		f.Add([]byte(s))
	}
}

func fuzzExtract(f *testing.F, format audit.Format) {
	f.Fuzz(func(t *testing.T, data []byte) {
		clauses, _, err := Extract(data, format)
		if err != nil {
			t.Skip() // a rejected document is fine; a panic is not
		}
		checkInvariants(t, data, clauses)
	})
}

func FuzzExtractHTML(f *testing.F) {
	addSeeds(f, ".html", "", "<p>a&amp;b</p>", "<table>x<tr><td>y</table>z", "<pre>\r\nA.\r\n</pre>",
		"<svg><title><b>x</b></title></svg>", "<p>\x00A\x00. B.</p>", "<a title='x>Terms'>Terms</a>",
		"<select><option>A.</select>", "<h1><h2>x</h1>y</h2>", "<br><br><br>", "&#x110000;&#0;&nbsp",
		"<plaintext><p>Raw.", "<noscript><p>No.</p></noscript>", "<p>Caf\xe9 \xff.</p>")
	fuzzExtract(f, audit.FormatHTML)
}

func FuzzExtractMarkdown(f *testing.F) {
	addSeeds(f, ".md", "", "# \n#", "- [ ] task", "a\n===", "| a |\n|---|\n| b \\| c |", "```\ncode",
		"[a]([b](c))", "![x](y) `", "<!--\n\n-->", "---\ntitle: x\n---", "> > # h", "&amp &#x;", "\xff\xfe")
	fuzzExtract(f, audit.FormatMarkdown)
}

func FuzzExtractText(f *testing.F) {
	addSeeds(f, ".txt", "", "A\n===", "1.\n2.", "(a) x\n(b)", "ARTICLE 1\nTEXT", "II.", "• ", "Article premier -", "\xff")
	fuzzExtract(f, audit.FormatText)
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "A. B.", "U.S. Law", "a… B", "« Fin. » Puis", ". . .", "1. 2. 3.", "\xff. A", "x.\u00a0Y", "?!? A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range sentences(text, nil) {
			if s.start < prev || s.end <= s.start || s.end > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			if got := text[s.start:s.end]; strings.TrimSpace(got) != got {
				t.Fatalf("span %q not trimmed", got)
			}
			prev = s.end
		}
	})
}
