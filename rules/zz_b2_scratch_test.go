package rules

import (
	"os"
	"strings"
	"testing"
)

// B_PHRASES: lang|text|phrase1;phrase2...
func TestBDebug(t *testing.T) {
	spec := os.Getenv("B_PHRASES")
	if spec == "" {
		t.Skip()
	}
	parts := strings.SplitN(spec, "|", 3)
	p, _ := Builtin()
	p.Rules = nil
	for i, ph := range strings.Split(parts[2], ";") {
		p.Rules = append(p.Rules, &Rule{ID: "t" + string(rune('a'+i)) + " " + ph, Category: "data-grant", Kind: KindRisk, Severity: Low, Negation: true,
			Patterns: map[string][]Pattern{parts[0]: {{All: [][]string{{ph}}, Within: 20}}}})
	}
	if os.Getenv("B_ALL") != "" {
		var all [][]string
		for _, ph := range strings.Split(parts[2], ";") {
			all = append(all, []string{ph})
		}
		p.Rules = []*Rule{{ID: "all", Category: "data-grant", Kind: KindRisk, Severity: Low, Negation: true,
			Patterns: map[string][]Pattern{parts[0]: {{All: all, Within: 25}}}}}
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	m := s.NewMatcher()
	var z Tokenizer
	var toks []string
	for _, tk := range z.Tokens(parts[1]) {
		toks = append(toks, z.Word(tk))
	}
	t.Log(toks)
	for _, mt := range m.Match(parts[1], parts[0]) {
		t.Log("FIRES", mt.Rule.ID)
	}
}
