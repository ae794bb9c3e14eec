package rules

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func zzcSet(t *testing.T) *Set {
	dir := os.Getenv("FP_C_DIR")
	if dir == "" {
		return builtinSet(t)
	}
	p, err := LoadFS(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestZZCExamples(t *testing.T) {
	if os.Getenv("FP_C_DIR") == "" {
		t.Skip()
	}
	s := zzcSet(t)
	for _, f := range s.TestExamples() {
		want := "fire"
		if !f.WantMatch {
			want = "not fire"
		}
		t.Errorf("%s should %s on [%s] %q", f.Rule.ID, want, f.Lang, f.Text)
	}
	for _, r := range s.Rules {
		if r.Kind == KindCompound {
			continue
		}
		for _, lang := range Languages {
			ex := r.Examples[lang]
			if len(ex.Match) < 3 || len(ex.NoMatch) < 3 {
				t.Errorf("%s: %s examples: %d/%d", r.ID, lang, len(ex.Match), len(ex.NoMatch))
			}
		}
	}
}

// FP_C_FILE: lines "en|text" or "fr|text"
func TestZZCScratch(t *testing.T) {
	fn := os.Getenv("FP_C_FILE")
	if fn == "" {
		t.Skip()
	}
	s := zzcSet(t)
	m := s.NewMatcher()
	f, _ := os.Open(fn)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		lang, text, ok := strings.Cut(l, "|")
		if !ok {
			continue
		}
		var ids []string
		var fired []Fired
		for _, mt := range m.Match(text, lang) {
			ids = append(ids, mt.Rule.ID)
			fired = append(fired, Fired{Rule: mt.Rule.ID})
		}
		for _, h := range s.Compounds(fired, true) {
			ids = append(ids, "C:"+h.Rule.ID)
		}
		t.Logf("%v <= %.100s", ids, text)
	}
}
