package extract

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name, file, contentType, data string
		want                          audit.Format
	}{
		{"html extension", "terms.HTML", "text/plain", "plain", audit.FormatHTML},
		{"htm extension", "/x/terms.htm", "", "", audit.FormatHTML},
		{"url path with query", "https://a.example/legal/terms.md?v=2#top", "text/html", "", audit.FormatMarkdown},
		{"markdown extension", "TERMS.markdown", "", "", audit.FormatMarkdown},
		{"txt extension", "cgu.txt", "text/html", "<html>", audit.FormatText},
		{"content type html", "https://a.example/terms", "text/html; charset=utf-8", "", audit.FormatHTML},
		{"content type markdown", "", "text/markdown", "", audit.FormatMarkdown},
		{"content type plain", "", "text/plain; charset=iso-8859-1", "<html>", audit.FormatText},
		{"doctype after BOM", "", "", "\uFEFF\n  <!DOCTYPE html><html>", audit.FormatHTML},
		{"div", "", "application/octet-stream", "<div class=x>Terms</div>", audit.FormatHTML},
		{"paragraph", "", "", "<p>Terms", audit.FormatHTML},
		{"not a tag", "", "", "<pizza> is not html", audit.FormatText},
		{"atx heading", "", "", "Intro\n\n## Terms\n\nText.", audit.FormatMarkdown},
		{"hashtag is not a heading", "", "", "#promo terms apply.", audit.FormatText},
		{"plain", "", "", "These terms apply.", audit.FormatText},
	}
	for _, tt := range tests {
		if got := Sniff(tt.file, tt.contentType, []byte(tt.data)); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestExtractEmptyAndUnknown(t *testing.T) {
	for _, f := range []audit.Format{audit.FormatHTML, audit.FormatMarkdown, audit.FormatText, ""} {
		for _, in := range []string{"", "   \n\n\t", "\uFEFF"} {
			clauses, _, err := Extract([]byte(in), f)
			if err != nil || len(clauses) != 0 {
				t.Errorf("Extract(%q, %q) = %d clauses, %v; want none, no error", in, f, len(clauses), err)
			}
		}
	}
	if _, _, err := Extract([]byte("x"), "pdf"); err == nil {
		t.Error("unknown format: want an error")
	}
}

func TestExtractInvalidUTF8(t *testing.T) {
	bad := "Nous \xff\xfe vendons vos donn\xe9es. Second one."
	for _, f := range []audit.Format{audit.FormatHTML, audit.FormatMarkdown, audit.FormatText} {
		data := []byte(bad)
		if f == audit.FormatHTML {
			data = []byte("<p>" + bad + "</p>")
		}
		clauses, _, err := Extract(data, f)
		if err != nil || len(clauses) != 2 {
			t.Fatalf("%s: got %q, %v", f, texts(clauses), err)
		}
		checkInvariants(t, data, clauses)
		if !strings.Contains(clauses[0].Text, "\uFFFD") {
			t.Errorf("%s: invalid bytes should read as U+FFFD: %q", f, clauses[0].Text)
		}
	}
}

func TestExtractDeepHTML(t *testing.T) {
	for _, tag := range []string{"div", "b", "table", "li", "span"} {
		const depth = 100000
		data := []byte(strings.Repeat("<"+tag+">", depth) + "Deep text. Still here." + strings.Repeat("</"+tag+">", depth) + "<p>After.</p>")
		clauses, _, err := Extract(data, audit.FormatHTML)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		checkInvariants(t, data, clauses)
		if got := strings.Join(texts(clauses), "|"); !strings.Contains(got, "Deep text.|Still here.") || !strings.HasSuffix(got, "After.") {
			t.Errorf("%s: got %.200q", tag, got)
		}
	}
}

func TestExtractHugeLine(t *testing.T) {
	line := bytes.Repeat([]byte("We may use your data, "), 10<<20/22)
	for _, f := range []audit.Format{audit.FormatHTML, audit.FormatMarkdown, audit.FormatText} {
		data := append(append([]byte("<p>"), line...), "end.</p>"...)
		if f != audit.FormatHTML {
			data = append(append([]byte{}, line...), "end."...)
		}
		clauses, _, err := Extract(data, f)
		if err != nil || len(clauses) != 1 || clauses[0].Line != 1 {
			t.Fatalf("%s: %d clauses, %v", f, len(clauses), err)
		}
	}
}

// TestExtractPathological feeds inputs that make naive parsers quadratic;
// they must finish (go test's timeout is the judge).
func TestExtractPathological(t *testing.T) {
	inputs := []string{
		strings.Repeat("[", 1<<20),
		strings.Repeat("[a](", 1<<18),
		strings.Repeat("`a ``", 1<<18),
		strings.Repeat("<a", 1<<19),
		strings.Repeat("&#", 1<<19),
		strings.Repeat("*_~", 1<<19),
		strings.Repeat("a. ", 1<<19),
		strings.Repeat("1. ", 1<<19),
		strings.Repeat("> ", 1<<19),
		strings.Repeat("<!--", 1<<18),
		strings.Repeat("</p>", 1<<18),
		strings.Repeat("<p>x", 1<<18),
	}
	for _, in := range inputs {
		for _, f := range []audit.Format{audit.FormatHTML, audit.FormatMarkdown, audit.FormatText} {
			clauses, _, err := Extract([]byte(in), f)
			if err != nil {
				t.Fatalf("%s on %.20q…: %v", f, in, err)
			}
			checkInvariants(t, []byte(in), clauses)
		}
	}
}
