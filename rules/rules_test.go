package rules

import (
	"fmt"
	"testing"
)

func builtinSet(t testing.TB) *Set {
	t.Helper()
	p, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuiltinExamples runs every example of every built-in rule.
func TestBuiltinExamples(t *testing.T) {
	s := builtinSet(t)
	for _, f := range s.TestExamples() {
		want := "fire"
		if !f.WantMatch {
			want = "not fire"
		}
		t.Errorf("%s (%s:%d) should %s on [%s] %q", f.Rule.ID, f.Rule.File, f.Rule.Line, want, f.Lang, f.Text)
	}
}

// TestBuiltinCoverage checks what the packs promise: every category has a
// risk rule, and every rule has at least three examples each way in each
// language.
func TestBuiltinCoverage(t *testing.T) {
	s := builtinSet(t)
	covered := map[string]bool{}
	for _, r := range s.Rules {
		if r.Kind == KindRisk {
			covered[r.Category] = true
		}
		if r.Kind == KindCompound {
			continue
		}
		for _, lang := range Languages {
			ex := r.Examples[lang]
			if len(ex.Match) < 3 || len(ex.NoMatch) < 3 {
				t.Errorf("%s: %s examples: %d match, %d no_match; want at least 3 each", r.ID, lang, len(ex.Match), len(ex.NoMatch))
			}
		}
	}
	for _, c := range Categories {
		if !covered[c] {
			t.Errorf("category %s has no risk rule", c)
		}
	}
}

func ExampleMatcher_Match() {
	p, _ := Builtin()
	s, _ := Compile(p)
	m := s.NewMatcher()
	for _, mt := range m.Match("You grant us a perpetual licence to use your photos.", "en") {
		fmt.Println(mt.Rule.ID)
	}
	// Output: perpetual-grant
}
