package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchClauses returns about 1 MB of real terms split into sentences: the
// shared corpus when it is beside the repository, else the offer fixtures.
func benchClauses(b *testing.B) ([]string, int64) {
	b.Helper()
	files, _ := filepath.Glob("../../shared/corpus/ota/*/*.md")
	if len(files) == 0 {
		files, _ = filepath.Glob("../testdata/offers/*")
	}
	var text strings.Builder
	for text.Len() < 1<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			text.Write(data)
			text.WriteByte('\n')
		}
	}
	var clauses []string
	var n int64
	for _, c := range strings.SplitAfter(text.String(), ". ") {
		clauses = append(clauses, c)
		n += int64(len(c))
	}
	return clauses, n
}

func benchMatch(b *testing.B, s *Set) {
	clauses, n := benchClauses(b)
	m := s.NewMatcher()
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range clauses {
			m.Match(c, "en")
		}
	}
}

// BenchmarkMatch measures matching throughput with the built-in packs.
func BenchmarkMatch(b *testing.B) { benchMatch(b, builtinSet(b)) }

// BenchmarkMatchDoubled matches with every rule twice (new ids, same
// phrases), to show what doubling the rules costs.
func BenchmarkMatchDoubled(b *testing.B) {
	p, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range p.Rules {
		twin := *r
		twin.ID = r.ID + "-twin"
		if r.Compound != nil {
			continue
		}
		p.Rules = append(p.Rules, &twin)
	}
	s, err := Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	benchMatch(b, s)
}

// BenchmarkTokens measures normalisation alone.
func BenchmarkTokens(b *testing.B) {
	clauses, n := benchClauses(b)
	var z Tokenizer
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range clauses {
			z.Tokens(c)
		}
	}
}
