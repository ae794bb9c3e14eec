package audit_test

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/rules"
)

// benchHTML builds about 1 MB of HTML terms: the shared corpus of real
// terms when it is beside the repository, else the offer fixtures, one
// paragraph per <p>, under headings.
func benchHTML(b *testing.B) []byte {
	b.Helper()
	files, _ := filepath.Glob("../../shared/corpus/ota/*/*.md")
	if len(files) == 0 {
		files, _ = filepath.Glob("../testdata/offers/*.md")
	}
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html><html><head><title>Terms</title></head><body><main>\n")
	for n := 0; sb.Len() < 1<<20; n++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			for _, para := range strings.Split(string(data), "\n\n") {
				para = strings.TrimSpace(para)
				switch {
				case para == "":
				case strings.HasPrefix(para, "#"):
					sb.WriteString("<h2>" + html.EscapeString(strings.TrimLeft(para, "# ")) + "</h2>\n")
				default:
					sb.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
				}
			}
		}
	}
	sb.WriteString("</main></body></html>\n")
	return []byte(sb.String())
}

// BenchmarkAuditHTML measures a whole audit of an HTML document on one
// core: extraction, language and kind detection, matching, scoring.
func BenchmarkAuditHTML(b *testing.B) {
	set, err := rules.Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	data := benchHTML(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clauses, title, err := extract.Extract(data, audit.FormatHTML)
		if err != nil {
			b.Fatal(err)
		}
		doc := &audit.Document{Source: "bench.html", Title: title, Clauses: clauses}
		audit.Audit(context.Background(), doc, set, audit.Options{})
	}
}
