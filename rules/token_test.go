package rules

import (
	"strings"
	"testing"
)

func norms(z *Tokenizer, toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(z.Norm(t))
	}
	return b.String()
}

func TestTokensNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"We NEVER sell your data.", "we never sell your data"},
		{"Nous ne vendons pas vos données", "nous ne vendons pas vos donnees"},
		{"l’utilisation de l'image d'un participant", "le utilisation de le image de un participant"},
		{"qu'il n'y a aucune", "que il ne y a aucune"},
		{"We don't and won’t; you can't", "we do not and will not you can not"},
		{"the Member's photo", "the member photo"},
		{"ÉLECTRONIQUE œuvre Übersee", "electronique oeuvre ubersee"},
		{"non-transferable e-mail", "non transferable e mail"},
		{"aujourd'hui", "aujourd hui"},
		{"30 days' notice", "30 days notice"},
		{"e\u0301te\u0301", "ete"},
		{"We sell your data \u02bc now.", "we sell your data now"},
		{"data\u02bc\u02bc now \u02bcquoted", "data now quoted"},
		{"l\u02bcimage", "le image"},
	}
	var z Tokenizer
	for _, tc := range tests {
		if got := norms(&z, z.Tokens(tc.in)); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokensSpansAndBreaks(t *testing.T) {
	var z Tokenizer
	text := "Yes, we l’use; done."
	toks := z.Tokens(text)
	want := []struct {
		span string
		brk  uint8
	}{{"Yes", 0}, {"we", breakComma}, {"l’", 0}, {"use", 0}, {"done", breakClause}}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens (%s), want %d", len(toks), norms(&z, toks), len(want))
	}
	for i, w := range want {
		if got := text[toks[i].Start:toks[i].End]; got != w.span || toks[i].Break != w.brk {
			t.Errorf("token %d = %q break %d, want %q break %d", i, got, toks[i].Break, w.span, w.brk)
		}
	}
}
