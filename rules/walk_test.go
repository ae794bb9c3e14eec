package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestWalkingTokenizer checks that a Matcher's tokenizer, which walks plain
// words down the trie instead of copying them, gives the tokens and symbols
// of a plain Tokenizer followed by a trie lookup (but for the camel-case
// names it reads as words, see TestCamelCaseNames).
func TestWalkingTokenizer(t *testing.T) {
	s := builtinSet(t)
	texts := []string{
		"We NEVER sell your data. Licensed, licensing; licen licence",
		"l’utilisation de l'image d'un participant qu'il n'y a aucune",
		"We don't and won’t; you can't the Member's photo 30 days' notice",
		"ÉLECTRONIQUE œuvre Übersee non-transferable e-mail aujourd'hui e\u0301te\u0301",
		"word… «quoted» “smart” x’ y` z´ end", "a", "", "données personnelles", "zzzz qqq 12345 ab12cd",
		"perpetual, irrevocable, worldwide, royalty-free licence to use your content",
		"à l'égard des données transférées à l’étranger, À PARTIR DE L'ÉTÉ", "Zébulon café× È' évènement’s é",
		"réglementé àà ça où ÿ Ð þ æther straße Ærø", "é\xc3", "aé\xc3", "\xc3\xa9t\xc3",
	}
	if clauses, _ := benchClauses(&testing.B{}); len(clauses) > 0 {
		texts = append(texts, clauses[:min(len(clauses), 2000)]...)
	}
	for _, lang := range []string{"en", "fr"} {
		m := s.NewMatcher()
		m.Match("", lang) // the trie of lang
		var z Tokenizer
		for _, text := range texts {
			checkWalk(t, s, m, &z, text)
		}
	}
}

// checkWalk checks that m's tokenizer reads text as z followed by a
// lookup in the trie of the language m last matched does.
func checkWalk(t *testing.T, s *Set, m *Matcher, z *Tokenizer, text string) {
	t.Helper()
	want := z.Tokens(text)
	got := m.z.Tokens(text)
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, want %d", text, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Start != w.Start || g.End != w.End || g.Break != w.Break {
			t.Fatalf("%q: token %d = %+v, want %+v", text, i, g, w)
		}
		gs, gr := m.symbols(&got[i])
		ws, wr := m.langIndex.words.lookup(z.Norm(w))
		if !slices.Equal(gs, ws) || gr != wr {
			t.Fatalf("%q: token %d (%s): symbols %v role %d, want %v role %d", text, i, z.Norm(w), gs, gr, ws, wr)
		}
	}
}

// FuzzWalkingTokenizer checks checkWalk on any text, in lower case (the
// camel-case names a Matcher splits are capitalised).
func FuzzWalkingTokenizer(f *testing.F) {
	for _, seed := range []string{
		"à l'été, ÉLECTRONIQUE données zébulon café× È' évènement’s",
		"é", "\xc3", "aé\xc3", "transférées à des tiers",
	} {
		f.Add(seed)
	}
	s := builtinSet(f)
	m := s.NewMatcher()
	m.Match("", "fr")
	var z Tokenizer
	f.Fuzz(func(t *testing.T, text string) {
		checkWalk(t, s, m, &z, strings.ToLower(text))
	})
}

// TestCamelCaseNames checks that a Matcher reads a camel-case name that
// ends with a word of the vocabulary camel_heads as its words, and leaves
// other names whole.
func TestCamelCaseNames(t *testing.T) {
	m := builtinSet(t).NewMatcher()
	m.Match("", "en")
	text := "GuestPoints lapse, QuidRewards too; YouTube, AliExpress, PayPal, iPhone and SkyMilesPoints stay."
	var got []string
	for _, tok := range m.z.Tokens(text) {
		got = append(got, text[tok.Start:tok.End])
	}
	want := []string{"Guest", "Points", "lapse", "Quid", "Rewards", "too", "YouTube", "AliExpress", "PayPal", "iPhone", "and", "Sky", "Miles", "Points", "stay"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
	if ms := m.Match("GuestPoints lapse on the first anniversary of being credited.", "en"); len(ms) == 0 {
		t.Error(`"GuestPoints lapse…" fired nothing, want what "points lapse" fires`)
	}
}
