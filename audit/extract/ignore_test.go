package extract

import (
	"slices"
	"strconv"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		body string
		want []audit.Ignore
		ok   bool
	}{
		{" fineprint-ignore perpetual-grant: approved by legal ", []audit.Ignore{{Rule: "perpetual-grant", Reason: "approved by legal", Line: 3}}, true},
		{"fineprint-ignore a-rule, b-rule: one\n  reason", []audit.Ignore{{Rule: "a-rule", Reason: "one reason", Line: 3}, {Rule: "b-rule", Reason: "one reason", Line: 3}}, true},
		{"fineprint-ignore change-at-will", []audit.Ignore{{Rule: "change-at-will", Line: 3}}, true},
		{"fineprint-ignore: why", []audit.Ignore{{Reason: "why", Line: 3}}, true},
		{" a plain comment ", nil, false},
		{"fineprint-ignored x: y", nil, false},
	}
	for _, tt := range tests {
		got, ok := parseIgnore(tt.body, 3)
		if ok != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseIgnore(%q) = %v, %v; want %v, %v", tt.body, got, ok, tt.want, tt.ok)
		}
	}
}

// ignoresOf maps each clause's text to the rules its ignores name.
func ignoresOf(clauses []audit.Clause) map[string][]string {
	out := map[string][]string{}
	for _, c := range clauses {
		for _, ig := range c.Ignore {
			out[c.Text] = append(out[c.Text], ig.Rule+"@"+strconv.Itoa(ig.Line))
		}
	}
	return out
}

func TestIgnoreAttachesToNextBlock(t *testing.T) {
	tests := []struct {
		name, src string
		format    audit.Format
		want      map[string][]string
	}{
		{"markdown", "# T\n\nFirst.\n<!-- fineprint-ignore r1: ok -->\nSecond. Third.\n\nFourth.\n", audit.FormatMarkdown,
			map[string][]string{"Second.": {"r1@4"}, "Third.": {"r1@4"}}},
		{"markdown multi-line", "<!--\nfineprint-ignore r1: ok\n-->\n\n## Heading\n\n- Item one.\n- Item two.\n", audit.FormatMarkdown,
			map[string][]string{"Item one.": {"r1@1"}}},
		{"markdown other comment", "A.\n<!-- just a note -->\nB.\n", audit.FormatMarkdown, map[string][]string{}},
		{"html", "<p>First.</p>\n<!-- fineprint-ignore r1: ok --><!-- fineprint-ignore r2: ok -->\n<p>Second.</p>\n<p>Third.</p>", audit.FormatHTML,
			map[string][]string{"Second.": {"r1@2", "r2@2"}}},
		{"html inside a paragraph", "<p>First.\n<!-- fineprint-ignore r1: ok --> Second.</p>", audit.FormatHTML,
			map[string][]string{"Second.": {"r1@2"}}},
		{"html in a script", "<p>First.</p><script><!-- fineprint-ignore r1: ok --></script><nav><!-- fineprint-ignore r2: ok --></nav><p>Second.</p>", audit.FormatHTML,
			map[string][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clauses, _, err := Extract([]byte(tt.src), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			got := ignoresOf(clauses)
			if len(got) != len(tt.want) {
				t.Fatalf("ignores %v, want %v", got, tt.want)
			}
			for text, rules := range tt.want {
				if !slices.Equal(got[text], rules) {
					t.Errorf("%q: ignores %v, want %v", text, got[text], rules)
				}
			}
		})
	}
}
